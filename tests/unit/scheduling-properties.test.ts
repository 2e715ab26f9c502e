import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIRST_MEETING_BONUS, meetingWeight, scheduleMeetings, type SchedulingInput, type SchedulingResult } from '#app/domain/scheduling/index.ts'
import { findPlanViolations, generateInstance, shuffleInput, type InstanceShape } from '#tests/support/scheduling-instances.ts'

// Small random instances with every feature switched on at random: buyers, reserved tables,
// must-meet pairs, blocked slots, allowed slots, personal limits, existing meetings,
// repeated pairs, both modes. fast-check's seed is fixed, so a failure reproduces.
const shapes = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  people: fc.integer({ min: 2, max: 24 }),
  requests: fc.integer({ min: 0, max: 70 }),
  slots: fc.integer({ min: 1, max: 6 }),
  tables: fc.integer({ min: 1, max: 5 }),
  meetingLimitPerPerson: fc.integer({ min: 0, max: 6 }),
  mode: fc.constantFrom('keep-existing' as const, 'full-replan' as const),
  buyerShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  reservedTables: fc.integer({ min: 0, max: 3 }),
  mustMeetShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
  blockedShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
  restrictedShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
  personalLimitShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
  existingMeetings: fc.integer({ min: 0, max: 8 }),
  duplicatePairShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
}) satisfies fc.Arbitrary<InstanceShape>

const FAST_CHECK = { seed: 20_270_324, numRuns: 300 }

/** Full re-plans with several existing meetings, so moves (and meetings that cannot move) are common. */
const replanShapes = shapes.chain((shape) =>
  fc.integer({ min: 1, max: 12 }).map((existingMeetings) => ({ ...shape, mode: 'full-replan' as const, existingMeetings })),
)

function expectSamePlanInAnyOrder(instanceShapes: fc.Arbitrary<InstanceShape>) {
  fc.assert(
    fc.property(instanceShapes, fc.integer({ min: 1, max: 1_000_000 }), (shape, shuffleSeed) => {
      const input = generateInstance(shape)
      const plan = scheduleMeetings(input)
      expect(scheduleMeetings(input)).toEqual(plan)
      expect(scheduleMeetings(shuffleInput(input, shuffleSeed))).toEqual(plan)
    }),
    { ...FAST_CHECK, numRuns: 150 },
  )
}

/**
 * The keep-existing plan scored as a full re-plan scores it: its own score (requests only) plus
 * the existing meetings' weights and their people's first-meeting bonus.
 */
function keepPlanScore(input: SchedulingInput) {
  const kept = scheduleMeetings({ ...input, mode: 'keep-existing' })
  const existingPeople = new Set(input.existingMeetings.flatMap((meeting) => meeting.participantIds))
  return kept.statistics.score + input.existingMeetings.reduce((sum, meeting) => sum + meetingWeight(meeting), 0) + FIRST_MEETING_BONUS * existingPeople.size
}

/**
 * Each unplaced request's reason is checked against the final plan, independently of the
 * scheduler: the reason must be true, and nothing unplaced could simply have been added.
 */
function findFalseReasons(input: SchedulingInput, result: SchedulingResult): string[] {
  const problems: string[] = []
  const people = new Map(input.participants.map((person) => [person.id, person]))
  // Fixed: kept meetings, and a full re-plan's existing meetings (the scheduler treats only those
  // that cannot move as fixed, so this may excuse a reason but never accuses a true one).
  const inPlan = [
    ...result.kept.map((meeting) => ({ ...meeting, kept: true })),
    ...result.placements.map((placement) => ({ ...placement, kept: placement.kind === 'meeting' })),
  ]
  const meetingOf = (personId: string, slotId: string) => inPlan.find((meeting) => meeting.slotId === slotId && meeting.participantIds.includes(personId))
  const count = (personId: string) => inPlan.filter((meeting) => meeting.participantIds.includes(personId)).length
  const limitOf = (personId: string) => Math.min(input.meetingLimitPerPerson, people.get(personId)!.maxMeetings ?? Infinity)
  const tableFree = (slotId: string, organisations: (string | null)[]) =>
    input.tables.some(
      (table) =>
        (table.reservedForOrganisationId === null || organisations.includes(table.reservedForOrganisationId)) &&
        !inPlan.some((meeting) => meeting.slotId === slotId && meeting.tableId === table.id),
    )
  for (const unplaced of result.unplaced) {
    if (unplaced.reason === 'invalid-request') {
      const [a, b] = unplaced.participantIds
      if (people.has(a) && people.has(b) && a !== b) problems.push(`${unplaced.message}: but the request is valid`)
      continue
    }
    const [a, b] = unplaced.participantIds
    const pairMeets = inPlan.some((meeting) => meeting.participantIds.includes(a) && meeting.participantIds.includes(b))
    if (unplaced.reason === 'already-meeting') {
      if (!pairMeets) problems.push(`${unplaced.message}: but they do not`)
      continue
    }
    const allowed = unplaced.kind === 'request' ? input.requests.find((request) => request.id === unplaced.requestId)!.allowedSlotIds : null
    const open = input.slots.filter(
      (slot) =>
        (allowed === null || allowed.includes(slot.id)) &&
        [a, b].every((personId) => !people.get(personId)!.blockedSlotIds.includes(slot.id) && !meetingOf(personId, slot.id)?.kept),
    )
    const bothFree = open.filter((slot) => !meetingOf(a, slot.id) && !meetingOf(b, slot.id))
    const organisations = [people.get(a)!.organisationId, people.get(b)!.organisationId]
    const atLimit = [a, b].filter((personId) => count(personId) >= limitOf(personId))
    if (!pairMeets && atLimit.length === 0 && bothFree.some((slot) => tableFree(slot.id, organisations))) {
      problems.push(`${unplaced.message}: but it fits as it is`)
    }
    if (unplaced.reason === 'no-common-free-slot' && open.length > 0) problems.push(`${unplaced.message}: but ${open.length} slots are`)
    if (unplaced.reason === 'limit-reached' && atLimit.length === 0) problems.push(`${unplaced.message}: but neither is at the limit`)
    if (unplaced.reason === 'tables-full' && (bothFree.length === 0 || bothFree.some((slot) => tableFree(slot.id, organisations)))) {
      problems.push(`${unplaced.message}: not so`)
    }
    if (unplaced.reason === 'outranked' && bothFree.length > 0) problems.push(`${unplaced.message}: but both are free in a slot`)
  }
  return problems
}

describe('scheduleMeetings on random instances', () => {
  it('never breaks a rule: no double booking, blocked slots, reserved tables, allowed slots, limits, kept meetings, every request accounted for', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const input = generateInstance(shape)
        expect(findPlanViolations(input, scheduleMeetings(input))).toEqual([])
      }),
      FAST_CHECK,
    )
  })

  it('gives every unplaced request a reason that is true of the final plan', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const input = generateInstance(shape)
        expect(findFalseReasons(input, scheduleMeetings(input))).toEqual([])
      }),
      FAST_CHECK,
    )
  })

  it('returns the same plan for the same input, in any input order', { timeout: 60_000 }, () => {
    expectSamePlanInAnyOrder(shapes)
  })

  it('counts its statistics from the plan', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const input = generateInstance(shape)
        const { placements, kept, statistics } = scheduleMeetings(input)
        expect(statistics.placedCount).toBe(placements.length)
        expect(statistics.keptCount).toBe(kept.length)
        expect(statistics.placedWeight).toBe(placements.reduce((sum, placement) => sum + placement.weight, 0))
        expect(statistics.meetingsPerRequester.reduce((sum, people) => sum + people, 0)).toBe(statistics.requesterCount)
        expect(statistics.requestersWithMeeting).toBe(statistics.requesterCount - (statistics.meetingsPerRequester[0] ?? 0))
        expect(statistics.score).toBeGreaterThanOrEqual(statistics.placedWeight)
      }),
      FAST_CHECK,
    )
  })
})

describe('a full re-plan on random instances', () => {
  it('never drops an existing meeting, and a moved one obeys every rule', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(replanShapes, (shape) => {
        const input = generateInstance(shape)
        const result = scheduleMeetings(input)
        expect(findPlanViolations(input, result)).toEqual([])
        expect(result.unplaced.filter((unplaced) => unplaced.kind === 'meeting')).toEqual([])
        const placedMeetings = result.placements.flatMap((placement) => (placement.kind === 'meeting' ? [placement.meetingId] : []))
        expect(placedMeetings.sort()).toEqual(input.existingMeetings.map((meeting) => meeting.id).sort())
        expect(result.statistics.movedCount).toBe(result.placements.filter((placement) => placement.moved).length)
      }),
      FAST_CHECK,
    )
  })

  it('scores at least as much as keeping every meeting in place, and moves none when it scores no more', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(replanShapes, (shape) => {
        const input = generateInstance(shape)
        const { statistics } = scheduleMeetings(input)
        const keepScore = keepPlanScore(input)
        expect(statistics.score).toBeGreaterThanOrEqual(keepScore)
        if (statistics.score === keepScore) expect(statistics.movedCount).toBe(0)
      }),
      FAST_CHECK,
    )
  })

  it('returns the same plan for the same input, in any input order', { timeout: 60_000 }, () => {
    expectSamePlanInAnyOrder(replanShapes)
  })
})
