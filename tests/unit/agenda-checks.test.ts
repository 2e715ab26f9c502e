// The editor's warnings, and wall-clock times typed in the event's zone turned into instants
// (including the hour that is skipped and the hour that happens twice).
import { describe, expect, it } from 'vitest'
import { agendaWarnings, type CheckedSession } from '#app/domain/agenda/checks.ts'
import { instantFromWallClock } from '#app/lib/time.ts'

const event = { startsAt: new Date('2027-03-24T07:00:00Z'), endsAt: new Date('2027-03-25T16:00:00Z'), timeZone: 'Europe/Brussels' }
const roomA = { id: 'room-a', name: 'Room A', capacity: 50 }
const roomB = { id: 'room-b', name: 'Room B', capacity: null }
const ada = { id: 'ada', name: 'Ada Speaker' }

function session(id: string, overrides: Partial<CheckedSession> = {}): CheckedSession {
  return {
    id,
    title: `Session ${id}`,
    status: 'SCHEDULED',
    startsAt: new Date('2027-03-24T09:00:00Z'),
    endsAt: new Date('2027-03-24T10:00:00Z'),
    capacity: null,
    room: roomA,
    speakers: [],
    ...overrides,
  }
}

describe('agendaWarnings', () => {
  it('flags a room used twice at once, on both sessions', () => {
    const warnings = agendaWarnings([session('a'), session('b', { startsAt: new Date('2027-03-24T09:30:00Z'), endsAt: new Date('2027-03-24T10:30:00Z') })], event)
    expect(warnings.map((warning) => [warning.kind, warning.sessionId])).toEqual([
      ['room-double-booked', 'a'],
      ['room-double-booked', 'b'],
    ])
    expect(warnings[0]!.message).toBe('Room A is also used by “Session b” at the same time.')
  })

  it('does not flag back-to-back sessions, other rooms, or cancelled sessions', () => {
    const back = session('b', { startsAt: new Date('2027-03-24T10:00:00Z'), endsAt: new Date('2027-03-24T11:00:00Z') })
    const elsewhere = session('c', { room: roomB })
    const cancelled = session('d', { status: 'CANCELLED' })
    expect(agendaWarnings([session('a'), back, elsewhere, cancelled], event)).toEqual([])
  })

  it('flags a speaker in two places at once', () => {
    const warnings = agendaWarnings([session('a', { speakers: [ada] }), session('b', { room: roomB, speakers: [ada] })], event)
    expect(warnings.filter((warning) => warning.kind === 'speaker-double-booked').map((warning) => warning.message)).toEqual([
      'Ada Speaker also speaks in “Session b” at the same time.',
      'Ada Speaker also speaks in “Session a” at the same time.',
    ])
  })

  it('flags a session outside the event’s days, in the event’s zone', () => {
    // 23:30 UTC on 25 March is already 26 March in Brussels.
    const late = session('a', { startsAt: new Date('2027-03-25T23:30:00Z'), endsAt: new Date('2027-03-26T00:30:00Z') })
    // 23:30 UTC on 23 March is 00:30 on 24 March in Brussels: inside.
    const early = session('b', { room: roomB, startsAt: new Date('2027-03-23T23:30:00Z'), endsAt: new Date('2027-03-24T00:30:00Z') })
    expect(agendaWarnings([late, early], event).map((warning) => [warning.kind, warning.sessionId])).toEqual([['outside-event-days', 'a']])
  })

  it('flags more seats than the room holds', () => {
    expect(agendaWarnings([session('a', { capacity: 60 })], event)[0]?.message).toBe('60 seats, but Room A holds 50.')
    expect(agendaWarnings([session('a', { capacity: 50 }), session('b', { room: roomB, capacity: 500, startsAt: new Date('2027-03-24T12:00:00Z'), endsAt: new Date('2027-03-24T13:00:00Z') })], event)).toEqual([])
  })
})

describe('instantFromWallClock', () => {
  it('reads a time in the zone in winter and in summer', () => {
    expect(instantFromWallClock('2027-03-24', '14:00', 'Europe/Brussels')?.toISOString()).toBe('2027-03-24T13:00:00.000Z')
    expect(instantFromWallClock('2027-07-01', '09:15', 'Europe/Brussels')?.toISOString()).toBe('2027-07-01T07:15:00.000Z')
    expect(instantFromWallClock('2027-03-24', '14:00', 'America/New_York')?.toISOString()).toBe('2027-03-24T18:00:00.000Z')
    expect(instantFromWallClock('2027-03-24', '14:00', 'Asia/Kolkata')?.toISOString()).toBe('2027-03-24T08:30:00.000Z')
  })

  it('has no instant for the hour skipped when the clocks go forward', () => {
    expect(instantFromWallClock('2027-03-28', '02:30', 'Europe/Brussels')).toBeNull()
    expect(instantFromWallClock('2027-03-14', '02:30', 'America/New_York')).toBeNull()
  })

  it('takes the first of the two 02:30s when the clocks go back, and the only one after', () => {
    expect(instantFromWallClock('2027-10-31', '02:30', 'Europe/Brussels')?.toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect(instantFromWallClock('2027-10-31', '03:30', 'Europe/Brussels')?.toISOString()).toBe('2027-10-31T02:30:00.000Z')
    expect(instantFromWallClock('2027-11-07', '01:30', 'America/New_York')?.toISOString()).toBe('2027-11-07T05:30:00.000Z')
  })

  it('refuses malformed input', () => {
    expect(instantFromWallClock('31/10/2027', '10:00', 'Europe/Brussels')).toBeNull()
    expect(instantFromWallClock('2027-10-31', '10h', 'Europe/Brussels')).toBeNull()
    expect(instantFromWallClock('2027-02-30', '10:00', 'Europe/Brussels')).toBeNull()
  })
})
