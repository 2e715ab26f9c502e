// The fingerprint names one plan: every field of the input changes it, the order rows were read
// in does not. A field it missed would let the plan cache and the apply's check accept a plan
// made for other input (an existing meeting's priority, say, which a full re-plan weighs).
import { describe, expect, it } from 'vitest'
import { schedulingFingerprint } from '#app/domain/scheduling/fingerprint.ts'
import type { SchedulingInput } from '#app/domain/scheduling/types.ts'

const input: SchedulingInput = {
  mode: 'full-replan',
  meetingLimitPerPerson: 4,
  slots: [
    { id: 's1', startsAt: new Date('2027-03-24T09:00:00Z'), endsAt: new Date('2027-03-24T09:20:00Z') },
    { id: 's2', startsAt: new Date('2027-03-24T09:20:00Z'), endsAt: new Date('2027-03-24T09:40:00Z') },
  ],
  tables: [
    { id: 't1', number: 1, reservedForOrganisationId: null },
    { id: 't2', number: 2, reservedForOrganisationId: 'org-a' },
  ],
  participants: [
    { id: 'u1', name: 'Ana', organisationId: 'org-a', maxMeetings: null, blockedSlotIds: ['s2', 's1'] },
    { id: 'u2', name: 'Ben', organisationId: 'org-b', maxMeetings: 2, blockedSlotIds: [] },
    { id: 'u3', name: 'Cleo', organisationId: null, maxMeetings: null, blockedSlotIds: [] },
  ],
  existingMeetings: [{ id: 'm1', slotId: 's1', tableId: 't1', participantIds: ['u1', 'u2'], mustMeetPriority: null, buyerInvolved: false, mutualInterest: true }],
  requests: [{ id: 'r1', participantIds: ['u3', 'u1'], allowedSlotIds: null, mustMeetPriority: 1, buyerInvolved: true, mutualInterest: false }],
}

const reversed = <T>(rows: readonly T[]) => [...rows].reverse()

describe('schedulingFingerprint', () => {
  it('does not depend on the order rows or ids were read in', () => {
    const shuffled: SchedulingInput = {
      requests: input.requests.map((request) => ({ ...request, participantIds: [request.participantIds[1], request.participantIds[0]] })),
      existingMeetings: input.existingMeetings,
      participants: reversed(input.participants).map((person) => ({ ...person, blockedSlotIds: reversed(person.blockedSlotIds) })),
      tables: reversed(input.tables),
      slots: reversed(input.slots),
      meetingLimitPerPerson: 4,
      mode: 'full-replan',
    }
    expect(schedulingFingerprint(shuffled)).toBe(schedulingFingerprint(input))
  })

  it('changes with every field of the input, the existing meetings’ priorities included', () => {
    const meeting = input.existingMeetings[0]!
    const changes: SchedulingInput[] = [
      { ...input, mode: 'keep-existing' },
      { ...input, meetingLimitPerPerson: 5 },
      { ...input, slots: [input.slots[0]!, { ...input.slots[1]!, endsAt: new Date('2027-03-24T09:45:00Z') }] },
      { ...input, tables: [input.tables[0]!, { ...input.tables[1]!, reservedForOrganisationId: null }] },
      { ...input, participants: input.participants.map((person) => (person.id === 'u2' ? { ...person, maxMeetings: 3 } : person)) },
      { ...input, participants: input.participants.map((person) => (person.id === 'u3' ? { ...person, blockedSlotIds: ['s1'] } : person)) },
      { ...input, existingMeetings: [{ ...meeting, mustMeetPriority: 2 }] },
      { ...input, existingMeetings: [{ ...meeting, buyerInvolved: true }] },
      { ...input, existingMeetings: [{ ...meeting, mutualInterest: false }] },
      { ...input, existingMeetings: [{ ...meeting, tableId: 't2' }] },
      { ...input, requests: [{ ...input.requests[0]!, allowedSlotIds: ['s2'] }] },
      { ...input, requests: [{ ...input.requests[0]!, mustMeetPriority: null }] },
    ]
    const fingerprints = new Set([input, ...changes].map(schedulingFingerprint))
    expect(fingerprints.size).toBe(changes.length + 1)
  })
})
