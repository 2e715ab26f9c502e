import { TZDate } from '@date-fns/tz'
import { describe, expect, it } from 'vitest'
import { agendaCalendarDays, calendarDayKeys, groupAgendaByDay, openingAgendaDay, summariseAgendaDays } from '#app/domain/agenda/agenda.ts'

const brussels = 'Europe/Brussels'

// TZDate builds the instant from Brussels wall-clock time; the app stores plain Dates.
function session(id: string, start: Date, minutes: number) {
  return { id, startsAt: new Date(start.getTime()), endsAt: new Date(start.getTime() + minutes * 60_000) }
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

describe('calendarDayKeys', () => {
  it('gives the day in the zone, the same for the same instant asked twice', () => {
    const dayOf = calendarDayKeys(brussels)
    const lateNight = new TZDate(2027, 2, 25, 0, 30, brussels)
    expect(dayOf(lateNight)).toBe('2027-03-25')
    expect(dayOf(new Date(lateNight.getTime()))).toBe('2027-03-25')
    expect(calendarDayKeys('UTC')(lateNight)).toBe('2027-03-24')
  })
})

describe('agendaCalendarDays', () => {
  const keys = (days: { key: string }[]) => days.map((day) => day.key)

  it('lists every day from the start to the end in the event zone', () => {
    const event = { startsAt: new TZDate(2027, 2, 24, 8, 0, brussels), endsAt: new TZDate(2027, 2, 26, 14, 0, brussels) }
    const days = agendaCalendarDays(event, [], brussels)
    expect(keys(days)).toEqual(['2027-03-24', '2027-03-25', '2027-03-26'])
    // Each day carries an instant on that day, for its label.
    expect(days.map((day) => calendarDayKeys(brussels)(day.date))).toEqual(keys(days))
  })

  it('steps over the night the clocks go back or forward without skipping or repeating a day', () => {
    // Brussels: summer time ends on 31 October 2027, starts on 28 March 2027.
    const autumn = { startsAt: new TZDate(2027, 9, 30, 23, 30, brussels), endsAt: new TZDate(2027, 10, 1, 0, 30, brussels) }
    expect(keys(agendaCalendarDays(autumn, [], brussels))).toEqual(['2027-10-30', '2027-10-31', '2027-11-01'])
    const spring = { startsAt: new TZDate(2027, 2, 27, 23, 30, brussels), endsAt: new TZDate(2027, 2, 29, 9, 0, brussels) }
    expect(keys(agendaCalendarDays(spring, [], brussels))).toEqual(['2027-03-27', '2027-03-28', '2027-03-29'])
  })

  it('does not take in the day an event ends on at midnight, and gives a one-day event one day', () => {
    const event = { startsAt: new TZDate(2027, 2, 24, 8, 0, brussels), endsAt: new TZDate(2027, 2, 25, 0, 0, brussels) }
    expect(keys(agendaCalendarDays(event, [], brussels))).toEqual(['2027-03-24'])
    expect(keys(agendaCalendarDays({ startsAt: event.startsAt, endsAt: event.startsAt }, [], brussels))).toEqual(['2027-03-24'])
  })

  it('adds, in order, a day a session was placed on outside the event', () => {
    const event = { startsAt: new TZDate(2027, 2, 24, 8, 0, brussels), endsAt: new TZDate(2027, 2, 25, 17, 0, brussels) }
    const eveBefore = new TZDate(2027, 2, 23, 18, 0, brussels)
    const days = agendaCalendarDays(event, [new TZDate(2027, 2, 24, 9, 0, brussels), eveBefore], brussels)
    expect(keys(days)).toEqual(['2027-03-23', '2027-03-24', '2027-03-25'])
    expect(days[0]?.date.getTime()).toBe(eveBefore.getTime())
  })
})

describe('openingAgendaDay', () => {
  const event = { startsAt: new TZDate(2027, 2, 24, 8, 0, brussels), endsAt: new TZDate(2027, 2, 25, 17, 0, brussels) }
  const days = agendaCalendarDays(event, [], brussels)

  it('opens on the first day before and after the event', () => {
    expect(openingAgendaDay(days, event.startsAt, new Date('2026-11-28T10:00:00Z'), brussels)).toBe('2027-03-24')
    expect(openingAgendaDay(days, event.startsAt, new Date('2027-04-01T10:00:00Z'), brussels)).toBe('2027-03-24')
  })

  it('opens on today while the event runs, by the event zone’s clock', () => {
    expect(openingAgendaDay(days, event.startsAt, new TZDate(2027, 2, 25, 8, 0, brussels), brussels)).toBe('2027-03-25')
    // 23:30 UTC on 24 March is already 25 March in Brussels.
    expect(openingAgendaDay(days, event.startsAt, new Date('2027-03-24T23:30:00Z'), brussels)).toBe('2027-03-25')
  })
})

describe('summariseAgendaDays', () => {
  const at = (day: number, hour: number) => new TZDate(2027, 2, day, hour, 0, brussels)
  const event = { startsAt: at(24, 8), endsAt: at(26, 17) }
  const item = (slug: string, startsAt: Date, kind: 'PLENARY' | 'PANEL' | 'BREAKOUT' | 'BREAK', status: 'SCHEDULED' | 'CANCELLED' = 'SCHEDULED') => ({
    slug,
    startsAt,
    kind,
    status,
  })

  it('counts each day’s sessions by kind and names its first scheduled plenaries and panels', () => {
    const sessions = [
      item('opening', at(24, 9), 'PLENARY'),
      item('coffee', at(24, 10), 'BREAK'),
      item('cancelled-keynote', at(24, 10), 'PLENARY', 'CANCELLED'),
      item('panel', at(24, 11), 'PANEL'),
      item('breakout', at(24, 14), 'BREAKOUT'),
      item('late-plenary', at(24, 16), 'PLENARY'),
      item('closing', at(25, 13), 'PLENARY'),
    ]
    const days = summariseAgendaDays(agendaCalendarDays(event, [], brussels), sessions, brussels, 2)
    expect(days.map((day) => [day.key, day.sessions, day.highlights.map((s) => s.slug)])).toEqual([
      ['2027-03-24', 6, ['opening', 'panel']],
      ['2027-03-25', 1, ['closing']],
      ['2027-03-26', 0, []],
    ])
    expect(days[0]?.sessionsByKind).toEqual({ PLENARY: 3, BREAK: 1, PANEL: 1, BREAKOUT: 1 })
  })
})
