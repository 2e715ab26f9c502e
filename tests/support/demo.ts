// The seeded demo's dates and names as the test suites expect them. Both configs pin
// DEMO_REFERENCE_DATE for a run (vitest.config.ts, playwright.config.ts), so the servers'
// seeding and these expectations describe the same weeks.
import { formatLongDate, formatShortDate } from '#app/lib/time.ts'
import { demoTimeline, type EventDay } from '#seeds/demo-timeline.ts'

export const demo = demoTimeline()
export const demoSlug = demo.slug
export const demoEventId = 'seed-event-counter-uas-2027'

/** "Wednesday, 31 March 2027" as the pages write the event's day (Chromium may drop the comma). */
export const longDay = (day: EventDay) => formatLongDate(demo.eventDayTime(day, '12:00'), demo.timeZone)
/** "Wed 31 Mar" */
export const shortDay = (day: EventDay) => formatShortDate(demo.eventDayTime(day, '12:00'), demo.timeZone)
/** The long day as a regular expression source that accepts it with or without the comma. */
export const longDayPattern = (day: EventDay) => escapeRegExp(longDay(day)).replace(',', ',?')

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The first end of summer time in Europe (the last Sunday of October) at least a month after the
 * reference day, and the Saturday before it, as "YYYY-MM-DD": far enough ahead for an event
 * there to take registrations, and always before New York's own change (the first Sunday of
 * November).
 */
export function nextEndOfEuropeanSummerTime(reference: Date = demo.reference) {
  const key = (instant: Date) => instant.toISOString().slice(0, 10)
  for (let year = reference.getUTCFullYear(); ; year++) {
    const lastOfOctober = new Date(Date.UTC(year, 9, 31, 12))
    const sunday = new Date(lastOfOctober.getTime() - lastOfOctober.getUTCDay() * 86_400_000)
    if (sunday.getTime() - reference.getTime() < 30 * 86_400_000) continue
    return { saturday: key(new Date(sunday.getTime() - 86_400_000)), sunday: key(sunday) }
  }
}
