import { describe, expect, it } from 'vitest'
import { buildSchedulingModel } from '#app/domain/scheduling/model.ts'
import { PlanState } from '#app/domain/scheduling/plan-state.ts'
import type { SchedulingInput } from '#app/domain/scheduling/types.ts'

// The plan's bookkeeping that the scheduler's results rest on but its examples do not reach
// one by one: the first free table (searched from a remembered position), the pair counts
// and the undo log (both in typed arrays).
const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y']
const input: SchedulingInput = {
  mode: 'keep-existing',
  meetingLimitPerPerson: 4,
  slots: [{ id: 's1', startsAt: new Date(Date.UTC(2027, 2, 24, 9)), endsAt: new Date(Date.UTC(2027, 2, 24, 9, 20)) }],
  tables: [
    { id: 't1', number: 1, reservedForOrganisationId: null },
    { id: 't2', number: 2, reservedForOrganisationId: null },
    { id: 't3', number: 3, reservedForOrganisationId: null },
    { id: 't4', number: 4, reservedForOrganisationId: null },
    { id: 't5', number: 5, reservedForOrganisationId: 'org-x' },
  ],
  participants: people.map((id) => ({ id, name: id.toUpperCase(), organisationId: `org-${id}`, maxMeetings: null, blockedSlotIds: [] })),
  existingMeetings: [],
  requests: [
    ['r1', 'a', 'b'],
    ['r2', 'c', 'd'],
    ['r3', 'e', 'f'],
    ['r4', 'g', 'h'],
    ['r5', 'd', 'c'],
    ['r6', 'a', 'nobody'],
    ['r7', 'x', 'y'],
  ].map(([id, first, second]) => ({
    id: id!,
    participantIds: [first!, second!] as const,
    mustMeetPriority: null,
    buyerInvolved: false,
    mutualInterest: false,
    allowedSlotIds: null,
  })),
}
const r1 = 0
const r2 = 1
const r3 = 2
const r4 = 3
const r5 = 4
const r6 = 5
const r7 = 6

function planState() {
  const model = buildSchedulingModel(input)
  const state = new PlanState(model)
  const tableOf = (index: number) => model.tableIds[index]
  const tableIndex = (id: string) => model.tableIds.indexOf(id)
  return { state, tableOf, tableIndex }
}

describe('PlanState', () => {
  it('seats a meeting at the first free table in table order, also after tables below it come free', () => {
    const { state, tableOf } = planState()
    for (const item of [r1, r2, r3]) state.place(item, 0, state.findTable(item, 0))
    expect([r1, r2, r3].map((item) => tableOf(state.meetingTable[item]!))).toEqual(['t1', 't2', 't3'])
    state.unplace(r2)
    expect(tableOf(state.findTable(r4, 0))).toBe('t2')
    state.unplace(r1)
    expect(tableOf(state.findTable(r4, 0))).toBe('t1')
    const mark = state.mark()
    state.place(r4, 0, state.findTable(r4, 0))
    state.place(r2, 0, state.findTable(r2, 0))
    expect(tableOf(state.meetingTable[r2]!)).toBe('t2')
    state.rollback(mark)
    expect(state.meetingSlot[r4]).toBe(-1)
    expect(tableOf(state.findTable(r4, 0))).toBe('t1')
  })

  it('finds an open table first once a meeting moves from it to a table reserved for its side, and again after the move is rolled back', () => {
    const { state, tableOf, tableIndex } = planState()
    expect(tableOf(state.findTable(r7, 0))).toBe('t5')
    state.place(r1, 0, state.findTable(r1, 0))
    state.place(r7, 0, tableIndex('t2'))
    state.place(r2, 0, state.findTable(r2, 0))
    expect(tableOf(state.meetingTable[r2]!)).toBe('t3')
    const mark = state.mark()
    state.seatOnReservedTables()
    expect(tableOf(state.meetingTable[r7]!)).toBe('t5')
    expect(tableOf(state.findTable(r3, 0))).toBe('t2')
    state.rollback(mark)
    expect(tableOf(state.meetingTable[r7]!)).toBe('t2')
    expect(tableOf(state.findTable(r3, 0))).toBe('t4')
  })

  it('counts a pair once placed, whichever way round a request names it, and never matches an invalid request', () => {
    const { state } = planState()
    expect(state.pairMeets(r5)).toBe(false)
    state.place(r2, 0, state.findTable(r2, 0))
    expect(state.pairMeets(r5)).toBe(true)
    expect(state.withinLimits(r5)).toBe(false)
    state.unplace(r2)
    expect(state.pairMeets(r5)).toBe(false)
    expect(state.withinLimits(r5)).toBe(true)
    expect(state.pairMeets(r6)).toBe(false)
  })

  it('rolls back exactly after more changes than the undo log first had room for', () => {
    const { state, tableOf } = planState()
    state.place(r3, 0, state.findTable(r3, 0))
    state.commit()
    const snapshot = () => ({
      busy: state.busy.slice(),
      occupant: state.occupant.slice(),
      counts: state.meetingCount.slice(),
      free: state.freeTables.slice(),
      freeInAnySlot: state.freeTablesInAnySlot.slice(),
      score: state.score,
    })
    const before = snapshot()
    const mark = state.mark()
    for (let round = 0; round < 1_500; round++) {
      state.place(r1, 0, state.findTable(r1, 0))
      state.place(r7, 0, state.findTable(r7, 0))
      state.unplace(r1)
      if (round % 2 === 0) state.unplace(r7)
      else state.place(r4, 0, state.findTable(r4, 0))
      if (round % 2 === 1) {
        state.unplace(r7)
        state.unplace(r4)
      }
    }
    state.place(r1, 0, state.findTable(r1, 0))
    expect([...state.freeTablesInAnySlot]).toEqual([1, 2])
    state.rollback(mark)
    expect(snapshot()).toEqual(before)
    expect([...state.freeTablesInAnySlot]).toEqual([1, 3])
    expect(tableOf(state.findTable(r1, 0))).toBe('t2')
  })
})
