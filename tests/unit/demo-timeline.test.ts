// The demo's dates follow the reference day it is seeded for: the event always a few months
// ahead on a Wednesday and Thursday, its sessions at the same Brussels wall-clock times on
// either side of a daylight-saving change, registration and B2B booking open, nothing dated
// after the reference day.
import { describe, expect, it } from 'vitest'
import { buildDemoDataset } from '#seeds/demo-dataset.ts'
import { demoTimeline, parseReferenceDate } from '#seeds/demo-timeline.ts'

const zone = 'Europe/Brussels'
const wallClock = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
const DAY = 86_400_000

/** Every Date in the dataset with the row it is in. */
function everyInstant(dataset: ReturnType<typeof buildDemoDataset>) {
  return Object.entries(dataset).flatMap(([table, rows]: [string, object[]]) =>
    rows.flatMap((row) => Object.entries(row).flatMap(([column, value]) => (value instanceof Date ? [{ table, column, value }] : []))),
  )
}

describe('the demo timeline', () => {
  const canonical = buildDemoDataset({ reference: parseReferenceDate('2026-11-26') })

  it('keeps the dataset as written for the week after it was written', () => {
    const timeline = demoTimeline(parseReferenceDate('2026-12-02'))
    expect(timeline.weeks).toBe(0)
    expect(timeline.dayKey(1)).toBe('2027-03-24')
    expect(timeline.eventDayTime(1, '09:00').toISOString()).toBe('2027-03-24T08:00:00.000Z')
    expect(buildDemoDataset({ reference: parseReferenceDate('2026-12-02') })).toEqual(canonical)
  })

  it('moves a week later into summer time with the opening still at 09:00 in Brussels', () => {
    const timeline = demoTimeline(parseReferenceDate('2026-12-04'))
    expect(timeline.weeks).toBe(1)
    expect([timeline.dayKey(1), timeline.dayKey(2)]).toEqual(['2027-03-31', '2027-04-01'])
    // 09:00 CEST: one hour earlier in UTC than the canonical 09:00 CET.
    expect(timeline.eventDayTime(1, '09:00').toISOString()).toBe('2027-03-31T07:00:00.000Z')
    const moved = buildDemoDataset({ reference: parseReferenceDate('2026-12-04') })
    const opening = moved.agendaSessions.find((session) => session.slug === 'opening-address')!
    expect(wallClock(opening.startsAt as Date)).toBe('Wed 09:00')
  })

  const references = Array.from({ length: 27 }, (_, index) => new Date(Date.UTC(2026, 10, 25 + index * 14, 12)))
  it.each(references.map((reference) => [reference.toISOString().slice(0, 10), reference] as const))(
    'seeded on %s: event ahead on Wednesday and Thursday, same wall clock, windows open, nothing in the future',
    (_day, reference) => {
      const dataset = buildDemoDataset({ reference })
      const timeline = demoTimeline(reference)
      const [event] = dataset.events
      const startsAt = event!.startsAt as Date

      const daysAhead = (startsAt.getTime() - reference.getTime()) / DAY
      expect(daysAhead).toBeGreaterThan(110)
      expect(daysAhead).toBeLessThan(125)
      expect(event!.slug).toBe(`counter-uas-industry-day-${startsAt.getUTCFullYear()}`)
      expect(event!.title).toBe(`Counter-UAS Industry Day ${startsAt.getUTCFullYear()}`)
      expect(timeline.slug).toBe(event!.slug)

      // Every session at the wall-clock time and weekday it has in the canonical dataset.
      const canonicalSessions = new Map(canonical.agendaSessions.map((session) => [session.id, session]))
      for (const session of dataset.agendaSessions) {
        const original = canonicalSessions.get(session.id)!
        expect(wallClock(session.startsAt as Date)).toBe(wallClock(original.startsAt as Date))
        expect(wallClock(session.endsAt as Date)).toBe(wallClock(original.endsAt as Date))
      }
      expect(timeline.eventDayTime(1, '09:00').getTime()).toBe(dataset.agendaSessions.find((s) => s.slug === 'opening-address')!.startsAt.valueOf())

      for (const [opens, closes] of [
        [event!.registrationOpensAt, event!.registrationClosesAt],
        [event!.b2bBookingOpensAt, event!.b2bBookingClosesAt],
      ] as [Date, Date][]) {
        expect(opens.getTime()).toBeLessThan(reference.getTime())
        expect(closes.getTime()).toBeGreaterThan(reference.getTime())
        expect(closes.getTime()).toBeLessThan(startsAt.getTime())
      }

      // One offset for all: no row is dated after the reference except the event's own future.
      const instants = everyInstant(dataset)
      const canonicalInstants = everyInstant(canonical)
      expect(instants).toHaveLength(canonicalInstants.length)
      const offset = instants[0]!.value.getTime() - canonicalInstants[0]!.value.getTime()
      instants.forEach((instant, index) => expect(instant.value.getTime() - canonicalInstants[index]!.value.getTime()).toBe(offset))
      expect(timeline.asOf.getTime()).toBeLessThanOrEqual(reference.getTime())
      for (const { table, column, value } of instants) {
        if (['createdAt', 'updatedAt', 'submittedAt', 'decidedAt', 'respondedAt', 'cancelledAt', 'publishedAt'].includes(column))
          expect(value.getTime(), `${table}.${column}`).toBeLessThanOrEqual(timeline.asOf.getTime())
      }
    },
  )

  it('refuses a reference day that does not exist, in words', () => {
    expect(() => parseReferenceDate('2027-02-30')).toThrow('The demo\'s reference day must be a day that exists, got "2027-02-30"')
    expect(() => parseReferenceDate('next week')).toThrow('must be a day like 2027-01-15')
  })
})
