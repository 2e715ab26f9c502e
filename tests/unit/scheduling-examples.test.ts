import { describe, expect, it } from 'vitest'
import {
  meetingWeight,
  scheduleMeetings,
  SchedulingInputError,
  type ExistingMeeting,
  type SchedulingInput,
  type SchedulingParticipant,
  type SchedulingRequest,
} from '#app/domain/scheduling/index.ts'
import { findPlanViolations } from '#tests/support/scheduling-instances.ts'

// Hand-made instances whose right answer is known: priorities, fairness, reserved tables,
// re-planning, the reasons' words and input the database could never produce.
const slot = (id: string, index: number) => ({
  id,
  startsAt: new Date(Date.UTC(2027, 2, 24, 9, index * 20)),
  endsAt: new Date(Date.UTC(2027, 2, 24, 9, index * 20 + 20)),
})
const person = (id: string, name: string, organisationId: string | null = `org-${id}`, extra: Partial<SchedulingParticipant> = {}): SchedulingParticipant => ({
  id,
  name,
  organisationId,
  maxMeetings: null,
  blockedSlotIds: [],
  ...extra,
})
const request = (id: string, a: string, b: string, extra: Partial<SchedulingRequest> = {}): SchedulingRequest => ({
  id,
  participantIds: [a, b],
  mustMeetPriority: null,
  buyerInvolved: false,
  mutualInterest: false,
  allowedSlotIds: null,
  ...extra,
})
const existingMeeting = (id: string, slotId: string, tableId: string, participantIds: [string, string]): ExistingMeeting => ({
  id,
  slotId,
  tableId,
  participantIds,
  mustMeetPriority: null,
  buyerInvolved: false,
  mutualInterest: false,
})
const table = (id: string, number: number, reservedForOrganisationId: string | null = null) => ({ id, number, reservedForOrganisationId })

function instance(extra: Partial<SchedulingInput>): SchedulingInput {
  return {
    mode: 'keep-existing',
    meetingLimitPerPerson: 8,
    slots: [slot('s1', 0)],
    tables: [table('t1', 1)],
    participants: [],
    existingMeetings: [],
    requests: [],
    ...extra,
  }
}

function placedIds(input: SchedulingInput) {
  const result = scheduleMeetings(input)
  expect(findPlanViolations(input, result)).toEqual([])
  return result.placements.map((placement) => (placement.kind === 'request' ? placement.requestId : placement.meetingId)).sort()
}

describe('meetingWeight', () => {
  it('ranks must-meet by priority above any ordinary meeting, then buyer and mutual interest', () => {
    const ordinary = { mustMeetPriority: null, buyerInvolved: false, mutualInterest: false }
    expect(meetingWeight(ordinary)).toBe(10)
    expect(meetingWeight({ ...ordinary, buyerInvolved: true, mutualInterest: true })).toBe(30)
    expect(meetingWeight({ ...ordinary, mustMeetPriority: 1 })).toBe(110)
    expect(meetingWeight({ ...ordinary, mustMeetPriority: 2 })).toBeGreaterThan(meetingWeight({ ...ordinary, mustMeetPriority: 1, buyerInvolved: true, mutualInterest: true }))
  })
})

describe('scheduleMeetings', () => {
  const people = [person('a', 'Kadri Tamm'), person('b', 'Jonas Berg'), person('c', 'Marta Nowak'), person('d', 'Luca Rossi'), person('e', 'Ana Silva')]

  it('places a must-meet pair before a heavier-looking ordinary request for the same person', () => {
    const input = instance({
      participants: people,
      requests: [request('r1', 'a', 'b', { buyerInvolved: true, mutualInterest: true }), request('r2', 'a', 'c', { mustMeetPriority: 1 })],
    })
    expect(placedIds(input)).toEqual(['r2'])
    expect(scheduleMeetings(input).unplaced[0]).toMatchObject({
      requestId: 'r1',
      reason: 'outranked',
      message: 'Lower priority than the meetings that Kadri Tamm or Jonas Berg have in the slots both had free',
    })
  })

  it("gives two people their first meeting before a third person's second one", () => {
    // One table, two slots. a-b and a-c weigh 30 each, d-e only 20, but d-e gives two people
    // their first meeting: 30 + 20 + four first meetings beats 30 + 30 + three.
    const input = instance({
      slots: [slot('s1', 0), slot('s2', 1)],
      participants: people,
      requests: [
        request('r1', 'a', 'b', { buyerInvolved: true, mutualInterest: true }),
        request('r2', 'a', 'c', { buyerInvolved: true, mutualInterest: true }),
        request('r3', 'd', 'e', { mutualInterest: true }),
      ],
    })
    expect(placedIds(input)).toEqual(['r1', 'r3'])
    expect(scheduleMeetings(input).statistics).toMatchObject({ requesterCount: 5, requestersWithMeeting: 4, meetingsPerRequester: [1, 4] })
  })

  it('moves a meeting to another slot to make room for a request that fits nowhere else', () => {
    // r1 could go in s1 or s2; r2 only in s1 (Jonas blocked s2). Both must be placed.
    const input = instance({
      slots: [slot('s1', 0), slot('s2', 1)],
      participants: [person('a', 'Kadri Tamm'), person('b', 'Jonas Berg', 'org-b', { blockedSlotIds: ['s2'] }), person('c', 'Marta Nowak')],
      requests: [request('r1', 'a', 'c', { mutualInterest: true }), request('r2', 'a', 'b')],
    })
    const result = scheduleMeetings(input)
    expect(result.placements.map((placement) => [placement.kind === 'request' && placement.requestId, placement.slotId])).toEqual([
      ['r2', 's1'],
      ['r1', 's2'],
    ])
  })

  it('keeps a reserved table for its organisation and seats the others elsewhere', () => {
    const input = instance({
      tables: [table('t1', 1, 'org-buyer'), table('t2', 2)],
      participants: [person('buyer', 'Kadri Tamm', 'org-buyer'), person('b', 'Jonas Berg'), person('c', 'Marta Nowak'), person('d', 'Luca Rossi')],
      requests: [request('r1', 'c', 'd', { mutualInterest: true }), request('r2', 'b', 'd'), request('r3', 'buyer', 'b', { buyerInvolved: true })],
    })
    const result = scheduleMeetings(input)
    expect(findPlanViolations(input, result)).toEqual([])
    expect(result.placements.map((placement) => [placement.kind === 'request' && placement.requestId, placement.tableId])).toEqual([
      ['r3', 't1'],
      ['r1', 't2'],
    ])
    expect(result.unplaced).toMatchObject([{ requestId: 'r2', reason: 'outranked' }])
  })

  it('says why each request stays unplaced, in words an organiser understands', () => {
    const existing = existingMeeting('m1', 's1', 't1', ['a', 'b'])
    const input = instance({
      slots: [slot('s1', 0), slot('s2', 1)],
      tables: [table('t1', 1)],
      participants: [person('a', 'Kadri Tamm', 'org-a', { maxMeetings: 1 }), ...people.slice(1), person('f', 'Eva Novak', 'org-f', { blockedSlotIds: ['s1', 's2'] })],
      existingMeetings: [existing],
      requests: [
        request('r1', 'a', 'c'),
        request('r2', 'd', 'f'),
        request('r3', 'c', 'd', { mutualInterest: true }),
        request('r4', 'c', 'e', { allowedSlotIds: ['s1'] }),
        request('r5', 'a', 'b'),
        request('r6', 'a', 'a'),
        request('r7', 'a', 'nobody'),
      ],
    })
    const reasons = Object.fromEntries(scheduleMeetings(input).unplaced.map((unplaced) => [unplaced.kind === 'request' && unplaced.requestId, unplaced.message]))
    expect(reasons).toEqual({
      r1: 'Kadri Tamm has reached the limit of 1 meeting',
      r2: 'There is no slot where both Luca Rossi and Eva Novak are free',
      r4: 'Every table open to them is taken in the slots where both Marta Nowak and Ana Silva are free',
      r5: 'Kadri Tamm and Jonas Berg already have a meeting together',
      r6: 'Both sides are the same person',
      r7: 'It names someone who is not a participant of the B2B meetings',
    })
    expect(placedIds(input)).toEqual(['r3'])
  })

  it('keeps existing meetings in place, or in a full re-plan moves one only when that places more', () => {
    const existing = existingMeeting('m1', 's1', 't1', ['a', 'b'])
    const base = instance({
      slots: [slot('s1', 0), slot('s2', 1)],
      participants: [person('a', 'Kadri Tamm'), person('b', 'Jonas Berg'), person('c', 'Marta Nowak', 'org-c', { blockedSlotIds: ['s2'] })],
      existingMeetings: [existing],
      requests: [request('r1', 'a', 'c')],
    })
    const kept = scheduleMeetings(base)
    expect(kept.kept).toEqual([{ meetingId: 'm1', slotId: 's1', tableId: 't1', participantIds: ['a', 'b'] }])
    expect(kept.unplaced).toMatchObject([{ requestId: 'r1', reason: 'no-common-free-slot' }])

    const replanned = scheduleMeetings({ ...base, mode: 'full-replan' })
    expect(findPlanViolations({ ...base, mode: 'full-replan' }, replanned)).toEqual([])
    expect(replanned.kept).toEqual([])
    expect(replanned.placements).toMatchObject([
      { kind: 'request', requestId: 'r1', slotId: 's1' },
      { kind: 'meeting', meetingId: 'm1', slotId: 's2', moved: true },
    ])

    const unchanged = scheduleMeetings({ ...base, mode: 'full-replan', requests: [] })
    expect(unchanged.placements).toMatchObject([{ kind: 'meeting', meetingId: 'm1', slotId: 's1', tableId: 't1', moved: false }])
  })

  it('in a full re-plan moves exactly the one meeting that stands in the way of a must-meet pair, and drops none', () => {
    // Slot s1 is the only one Eva has free, and both tables are taken there; Kadri meets Jonas in
    // it. Moving that one meeting (to s2 or s3) makes room for the must-meet pair Kadri-Eva.
    const input = instance({
      mode: 'full-replan',
      slots: [slot('s1', 0), slot('s2', 1), slot('s3', 2)],
      tables: [table('t1', 1), table('t2', 2)],
      participants: [...people, person('f', 'Eva Novak', 'org-f', { blockedSlotIds: ['s2', 's3'] }), person('g', 'Piet Jansen')],
      existingMeetings: [existingMeeting('m1', 's1', 't1', ['a', 'b']), existingMeeting('m2', 's1', 't2', ['c', 'd']), existingMeeting('m3', 's2', 't1', ['e', 'g'])],
      requests: [request('r1', 'a', 'f', { mustMeetPriority: 1 }), request('r2', 'c', 'e')],
    })
    const result = scheduleMeetings(input)
    expect(findPlanViolations(input, result)).toEqual([])
    expect(result.unplaced).toEqual([])
    expect(result.placements.find((placement) => placement.kind === 'request' && placement.requestId === 'r1')).toMatchObject({ slotId: 's1' })
    expect(result.placements.filter((placement) => placement.moved).map((placement) => placement.kind === 'meeting' && placement.meetingId)).toEqual(['m1'])
    expect(result.statistics.movedCount).toBe(1)

    const kept = scheduleMeetings({ ...input, mode: 'keep-existing' })
    expect(kept.unplaced).toMatchObject([{ requestId: 'r1' }])
  })

  it('in a full re-plan leaves a meeting whose place now breaks a rule exactly where it is', () => {
    // Jonas has since blocked s1 and Marta's limit is now 0: their meetings stay put (the
    // organiser decides), even though moving Kadri's would make room for a must-meet pair.
    const input = instance({
      mode: 'full-replan',
      slots: [slot('s1', 0), slot('s2', 1)],
      tables: [table('t1', 1), table('t2', 2)],
      participants: [
        person('a', 'Kadri Tamm'),
        person('b', 'Jonas Berg', 'org-b', { blockedSlotIds: ['s1'] }),
        person('c', 'Marta Nowak', 'org-c', { maxMeetings: 0 }),
        person('d', 'Luca Rossi'),
        person('f', 'Eva Novak', 'org-f', { blockedSlotIds: ['s2'] }),
      ],
      existingMeetings: [existingMeeting('m1', 's1', 't1', ['a', 'b']), existingMeeting('m2', 's1', 't2', ['c', 'd'])],
      requests: [request('r1', 'a', 'f', { mustMeetPriority: 1 })],
    })
    const result = scheduleMeetings(input)
    expect(findPlanViolations(input, result)).toEqual([])
    expect(result.placements).toMatchObject([
      { kind: 'meeting', meetingId: 'm1', slotId: 's1', tableId: 't1', moved: false },
      { kind: 'meeting', meetingId: 'm2', slotId: 's1', tableId: 't2', moved: false },
    ])
    expect(result.unplaced).toMatchObject([
      { requestId: 'r1', reason: 'no-common-free-slot', message: 'There is no slot where both Kadri Tamm and Eva Novak are free' },
    ])
  })

  it('refuses input the database cannot produce, naming the problem', () => {
    const meeting = (id: string, tableId: string, participantIds: [string, string]) => existingMeeting(id, 's1', tableId, participantIds)
    const base = instance({ tables: [table('t1', 1), table('t2', 2)], participants: people })
    expect(() => scheduleMeetings({ ...base, participants: [...people, people[0]!] })).toThrow(new SchedulingInputError('Duplicate participant id a'))
    expect(() => scheduleMeetings({ ...base, existingMeetings: [meeting('m1', 't1', ['a', 'b']), meeting('m2', 't2', ['a', 'c'])] })).toThrow(
      SchedulingInputError,
    )
    expect(() => scheduleMeetings({ ...base, existingMeetings: [meeting('m1', 't1', ['a', 'b']), meeting('m2', 't1', ['c', 'd'])] })).toThrow(
      /two meetings at table t1/,
    )
    expect(() => scheduleMeetings({ ...base, existingMeetings: [meeting('m1', 'nowhere', ['a', 'b'])] })).toThrow(/unknown slot, table or participant/)
    expect(() => scheduleMeetings({ ...base, meetingLimitPerPerson: -1 })).toThrow(SchedulingInputError)
  })

  it('plans nothing, without failing, when there are no slots, tables or requests', () => {
    const empty = scheduleMeetings(instance({ slots: [], tables: [], participants: people, requests: [request('r1', 'a', 'b')] }))
    expect(empty.placements).toEqual([])
    expect(empty.unplaced).toMatchObject([{ requestId: 'r1', reason: 'no-common-free-slot' }])
    expect(scheduleMeetings(instance({})).statistics).toMatchObject({ placedCount: 0, requesterCount: 0, score: 0 })
  })
})

describe('findPlanViolations (the checker the property tests rely on)', () => {
  it('catches a double booking, a blocked slot and a reserved table', () => {
    const input = instance({
      tables: [table('t1', 1), table('t2', 2, 'org-x')],
      participants: [person('a', 'Kadri Tamm', 'org-a', { blockedSlotIds: ['s1'] }), person('b', 'Jonas Berg'), person('c', 'Marta Nowak')],
      requests: [request('r1', 'a', 'b'), request('r2', 'a', 'c')],
    })
    const placement = (requestId: string, tableId: string, participantIds: [string, string]) => ({
      kind: 'request' as const,
      requestId,
      slotId: 's1',
      tableId,
      participantIds,
      weight: 10,
      moved: false,
    })
    const statistics = { placedCount: 2, keptCount: 0, movedCount: 0, placedWeight: 20, score: 20, requesterCount: 3, requestersWithMeeting: 3, meetingsPerRequester: [0, 2, 1] }
    const violations = findPlanViolations(input, {
      placements: [placement('r1', 't1', ['a', 'b']), placement('r2', 't2', ['a', 'c'])],
      unplaced: [],
      kept: [],
      statistics,
    })
    expect(violations).toEqual(
      expect.arrayContaining(['request:r1: a blocked s1', 'request:r2: a twice in s1', 'request:r2: table t2 is reserved for org-x']),
    )
  })
})
