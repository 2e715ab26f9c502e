// The demo's dates, relative to a reference day (default: today). The dataset is written for
// one canonical moment (DATASET_AS_OF, 25 November 2026) and moved forward by whole weeks to
// the reference, so the event is always about four months ahead, its registration and B2B
// booking open, and the event days keep their weekdays and wall-clock times across a
// daylight-saving change. Tests and the browser suite read their expected dates from here.
import { z } from 'zod'
import { calendarDayParts, daysBetweenDateKeys } from '#app/lib/time.ts'
import { EVENT_TIME_ZONE } from './demo-content.ts'
import { DATASET_AS_OF, DAY, eventDayTime } from './demo-support.ts'

export type EventDay = 1 | 2

export type DemoTimeline = {
  /** The day the demo is seeded for. */
  reference: Date
  /** Whole weeks the canonical dataset moves forward (negative for an earlier reference). */
  weeks: number
  /** The moment the moved dataset describes: the latest row is from before it. */
  asOf: Date
  /** A canonical instant of the dataset, moved with it. */
  move(instant: Date): Date
  /** A wall-clock time ("09:00") in Brussels on one of the event's days. */
  eventDayTime(day: EventDay, hhmm: string): Date
  /** The event's day as "YYYY-MM-DD" in Brussels. */
  dayKey(day: EventDay): string
  slug: string
  title: string
  timeZone: string
}

const ReferenceDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2027-01-15')
  .refine((value) => {
    const noon = new Date(`${value}T12:00:00Z`)
    return !Number.isNaN(noon.getTime()) && noon.toISOString().startsWith(value)
  }, 'a day that exists')

/** Noon UTC on a "YYYY-MM-DD" day: the same calendar day in Brussels. */
export function parseReferenceDate(value: string): Date {
  const parsed = ReferenceDateSchema.safeParse(value)
  if (!parsed.success) throw new RangeError(`The demo's reference day must be ${parsed.error.issues[0]?.message}, got "${value}"`)
  return new Date(`${parsed.data}T12:00:00Z`)
}

/**
 * DEMO_REFERENCE_DATE when set (the test suites pin it for a whole run, so servers and
 * assertions agree even across midnight), otherwise now.
 */
export function defaultReference(): Date {
  const pinned = process.env.DEMO_REFERENCE_DATE
  return pinned ? parseReferenceDate(pinned) : new Date()
}

export function demoTimeline(reference: Date = defaultReference()): DemoTimeline {
  const canonicalAsOfKey = calendarDayParts(DATASET_AS_OF, EVENT_TIME_ZONE).key
  const referenceKey = calendarDayParts(reference, EVENT_TIME_ZONE).key
  // The dataset's moment is an evening, so it moves to a day before the reference: the
  // reference day is one to seven days after it, and nothing seeded lies ahead of it.
  const weeks = Math.floor((daysBetweenDateKeys(canonicalAsOfKey, referenceKey) - 1) / 7)
  // One offset for every instant keeps every order and duration of the dataset; it carries
  // the event's own wall-clock times over a daylight-saving change between the two dates.
  const canonicalStart = eventDayTime(1, '12:00')
  const days = weeks * 7
  const movedStart = new Date(canonicalStart.getTime() + days * DAY)
  const offsetMs = days * DAY + zoneOffsetMs(canonicalStart) - zoneOffsetMs(movedStart)
  const move = (instant: Date) => new Date(instant.getTime() + offsetMs)
  const year = calendarDayParts(move(canonicalStart), EVENT_TIME_ZONE).year
  return {
    reference,
    weeks,
    asOf: move(DATASET_AS_OF),
    move,
    eventDayTime: (day, hhmm) => move(eventDayTime(day, hhmm)),
    dayKey: (day) => calendarDayParts(move(eventDayTime(day, '12:00')), EVENT_TIME_ZONE).key,
    slug: `counter-uas-industry-day-${year}`,
    title: `Counter-UAS Industry Day ${year}`,
    timeZone: EVENT_TIME_ZONE,
  }
}

/** Brussels' offset from UTC at an instant, in milliseconds (summer: two hours). */
function zoneOffsetMs(instant: Date) {
  const { key } = calendarDayParts(instant, EVENT_TIME_ZONE)
  const wallClock = new Intl.DateTimeFormat('en-GB', { timeZone: EVENT_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
  const [hour, minute] = wallClock.split(':').map(Number) as [number, number]
  const [year, month, day] = key.split('-').map(Number) as [number, number, number]
  return Date.UTC(year, month - 1, day, hour, minute) - Math.floor(instant.getTime() / 60_000) * 60_000
}
