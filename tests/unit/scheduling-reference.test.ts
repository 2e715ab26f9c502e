import { describe, expect, it } from 'vitest'
import { scheduleMeetings } from '#app/domain/scheduling/index.ts'
import { findPlanViolations, generateInstance, type InstanceShape } from '#tests/support/scheduling-instances.ts'
import { solveReference } from '#tests/support/scheduling-reference.ts'

// The scheduler against the proven optimum of the same problem as a 0/1 integer program
// (HiGHS), on tiny, small and medium random instances; the side-by-side tables are printed.
const common = { reservedTables: 2, buyerShare: 0.15, mustMeetShare: 0.05, existingMeetings: 4 } satisfies Partial<InstanceShape>
const shapes: Omit<InstanceShape, 'seed'>[] = [
  { people: 20, requests: 40, slots: 4, tables: 3, meetingLimitPerPerson: 4, ...common },
  { people: 20, requests: 60, slots: 6, tables: 4, meetingLimitPerPerson: 6, ...common },
  { people: 30, requests: 120, slots: 8, tables: 5, meetingLimitPerPerson: 6, ...common, mode: 'full-replan' },
  { people: 40, requests: 200, slots: 8, tables: 6, meetingLimitPerPerson: 6, ...common },
  { people: 30, requests: 200, slots: 10, tables: 15, meetingLimitPerPerson: 10, ...common },
  { people: 60, requests: 300, slots: 10, tables: 8, meetingLimitPerPerson: 6, ...common },
  { people: 60, requests: 300, slots: 10, tables: 20, meetingLimitPerPerson: 8, ...common, mode: 'full-replan' },
]
const seeds = [11, 12]

// A handful of slots and tables (5-12 meetings placed): one choice is a visible share of the
// total, the case the local steps alone handled worst (7 of the 36 keep-mode instances here were
// below 0.98, down to 0.960, before the exact search for tiny instances).
const tinyCommon = { buyerShare: 0.2, mustMeetShare: 0.05 } satisfies Partial<InstanceShape>
const tinyShapes: Omit<InstanceShape, 'seed'>[] = [
  { people: 10, requests: 20, slots: 2, tables: 3, meetingLimitPerPerson: 2, reservedTables: 0, existingMeetings: 0, ...tinyCommon },
  { people: 12, requests: 30, slots: 3, tables: 2, meetingLimitPerPerson: 4, reservedTables: 1, existingMeetings: 1, ...tinyCommon },
  { people: 13, requests: 30, slots: 4, tables: 3, meetingLimitPerPerson: 2, reservedTables: 1, existingMeetings: 0, ...tinyCommon },
  { people: 16, requests: 38, slots: 3, tables: 3, meetingLimitPerPerson: 2, reservedTables: 1, existingMeetings: 0, ...tinyCommon },
  { people: 17, requests: 27, slots: 4, tables: 2, meetingLimitPerPerson: 4, reservedTables: 0, existingMeetings: 2, ...tinyCommon },
  { people: 18, requests: 30, slots: 4, tables: 3, meetingLimitPerPerson: 3, reservedTables: 1, existingMeetings: 3, ...tinyCommon },
  { people: 18, requests: 30, slots: 4, tables: 3, meetingLimitPerPerson: 3, reservedTables: 1, existingMeetings: 3, ...tinyCommon, mode: 'full-replan' },
  { people: 20, requests: 40, slots: 4, tables: 3, meetingLimitPerPerson: 3, reservedTables: 1, existingMeetings: 2, ...tinyCommon, mode: 'full-replan' },
]
const tinySeeds = [1, 2, 3, 4, 5, 6]

async function compareWithOptimum(shapeList: Omit<InstanceShape, 'seed'>[], seedList: number[]) {
  const rows: Record<string, string | number>[] = []
  for (const shape of shapeList) {
    for (const seed of seedList) {
      const input = generateInstance({ seed, ...shape })
      const started = performance.now()
      const result = scheduleMeetings(input)
      const schedulerMs = performance.now() - started
      expect(findPlanViolations(input, result)).toEqual([])
      const reference = await solveReference(input)
      expect(reference.status).toBe('Optimal')
      rows.push({
        instance: `${shape.people}p ${shape.requests}r ${shape.slots}s ${shape.tables}t limit ${shape.meetingLimitPerPerson}${shape.mode === 'full-replan' ? ' re-plan' : ''} #${seed}`,
        scheduler: result.statistics.score,
        optimum: Math.round(reference.optimum),
        ratio: Number((result.statistics.score / reference.optimum).toFixed(4)),
        placed: result.statistics.placedCount,
        'scheduler ms': Math.round(schedulerMs),
        'HiGHS s': Number(reference.seconds.toFixed(2)),
        binaries: reference.variables,
      })
    }
  }
  console.table(rows)
  for (const row of rows) expect(row.ratio, String(row.instance)).toBeGreaterThanOrEqual(0.98)
}

describe('scheduleMeetings against the integer-program optimum', () => {
  it('reaches at least 98% of the optimum score on every small and medium instance', { timeout: 120_000 }, async () => {
    await compareWithOptimum(shapes, seeds)
  })

  it('reaches at least 98% of the optimum score on every tiny instance', { timeout: 60_000 }, async () => {
    await compareWithOptimum(tinyShapes, tinySeeds)
  })

  it('models tables exactly: per-slot Hall constraints give the same optimum as a variable per table', { timeout: 60_000 }, async () => {
    // Reserved tables for several buyers, so the Hall constraints over organisation subsets matter;
    // both modes, so existing meetings are fixed in one and placed exactly once in the other.
    for (const seed of [1, 2, 3, 4]) {
      const mode = seed % 2 === 0 ? 'full-replan' : 'keep-existing'
      const input = generateInstance({ seed, people: 9, requests: 18, slots: 3, tables: 4, meetingLimitPerPerson: 3, reservedTables: 3, buyerShare: 0.5, existingMeetings: 2, mode })
      expect(input.tables.some((table) => table.reservedForOrganisationId !== null)).toBe(true)
      const bySlot = await solveReference(input, { formulation: 'slot' })
      const byTable = await solveReference(input, { formulation: 'slot-table' })
      expect([bySlot.status, byTable.status]).toEqual(['Optimal', 'Optimal'])
      expect(bySlot.optimum).toBeCloseTo(byTable.optimum, 6)
    }
  })
})
