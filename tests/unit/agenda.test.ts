import { TZDate } from '@date-fns/tz'
import { describe, expect, it } from 'vitest'
import { filterAgendaByTrack, groupAgendaByDay } from '#app/domain/agenda.ts'

const brussels = 'Europe/Brussels'

// TZDate builds the instant from Brussels wall-clock time; the app stores plain Dates.
function session(id: string, start: Date, minutes: number, trackSlug: string | null = null) {
  return { id, startsAt: new Date(start.getTime()), endsAt: new Date(start.getTime() + minutes * 60_000), trackSlug }
}

describe('groupAgendaByDay', () => {
  it('puts a session on the calendar day of the event zone, not UTC', () => {
    // 00:30 in Brussels on 25 March is still 24 March in UTC.
    const lateNight = session('late', new TZDate(2027, 2, 25, 0, 30, brussels), 30)
    const morning = session('morning', new TZDate(2027, 2, 24, 9, 0, brussels), 60)
    const days = groupAgendaByDay([lateNight, morning], brussels)
    expect(days.map((d) => d.key)).toEqual(['2027-03-24', '2027-03-25'])
    expect(days[1]?.timeSlots[0]?.sessions.map((s) => s.id)).toEqual(['late'])
    expect(groupAgendaByDay([lateNight], 'UTC').map((d) => d.key)).toEqual(['2027-03-24'])
  })

  it('groups parallel sessions under one start time, in start order', () => {
    const nine = new TZDate(2027, 2, 24, 9, 0, brussels)
    const days = groupAgendaByDay(
      [session('b', new TZDate(2027, 2, 24, 11, 0, brussels), 45), session('a1', nine, 60), session('a2', nine, 90)],
      brussels,
    )
    expect(days).toHaveLength(1)
    expect(days[0]?.timeSlots.map((slot) => slot.sessions.map((s) => s.id))).toEqual([['a1', 'a2'], ['b']])
  })

  it('keeps days apart across the end of daylight saving time', () => {
    // Brussels leaves summer time at 03:00 on 31 October 2027.
    const saturday = session('sat', new TZDate(2027, 9, 30, 23, 30, brussels), 30)
    const sunday = session('sun', new TZDate(2027, 9, 31, 9, 0, brussels), 30)
    expect(sunday.startsAt.toISOString()).toBe('2027-10-31T08:00:00.000Z')
    expect(saturday.startsAt.toISOString()).toBe('2027-10-30T21:30:00.000Z')
    expect(groupAgendaByDay([sunday, saturday], brussels).map((d) => d.key)).toEqual(['2027-10-30', '2027-10-31'])
  })

  it('returns no days for no sessions', () => {
    expect(groupAgendaByDay([], brussels)).toEqual([])
  })
})

describe('filterAgendaByTrack', () => {
  const sessions = [session('x', new Date(0), 10, 'defeat'), session('y', new Date(0), 10, 'detect'), session('z', new Date(0), 10)]
  it('keeps one track', () => {
    expect(filterAgendaByTrack(sessions, 'defeat').map((s) => s.id)).toEqual(['x'])
  })
  it('keeps everything without a track', () => {
    expect(filterAgendaByTrack(sessions, null)).toHaveLength(3)
  })
})
