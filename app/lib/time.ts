// Formatting instants in a named IANA zone. Instants are stored in UTC; every rendering
// names the zone it uses, so nothing depends on the server's or the browser's own clock zone.
// Pure and shared by server and browser code.

import { createBoundedCache } from '#app/lib/bounded-cache.ts'

const LOCALE = 'en-GB'

// Building an Intl.DateTimeFormat costs about a millisecond; a page of 300 sessions formats
// thousands of times, so each (locale, zone, options) formatter is built once. Eight option
// sets are in use: the bound keeps them for over 100 zones at once (Intl takes a zone's name in
// any letter case, so every spelling a person saves is a zone of its own here).
const formatterCache = createBoundedCache<Intl.DateTimeFormat>(1_000)

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = LOCALE) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`
  let cached = formatterCache.get(key)
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { timeZone, ...options })
    formatterCache.set(key, cached)
  }
  return cached
}

/** "09:30" */
export function formatTime(instant: Date, timeZone: string) {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
}

/** "09:30–10:15" */
export function formatTimeRange(start: Date, end: Date, timeZone: string) {
  return `${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`
}

/** "Wednesday, 24 March 2027" */
export function formatLongDate(instant: Date, timeZone: string) {
  return formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant)
}

/** "Wed 24 Mar" */
export function formatShortDate(instant: Date, timeZone: string) {
  return formatter(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(instant)
}

/** "24–25 March 2027", "31 March – 1 April 2027" or "24 March 2027" for an event's span. */
export function formatDateSpan(start: Date, end: Date, timeZone: string) {
  const first = calendarDayParts(start, timeZone)
  const last = calendarDayParts(end, timeZone)
  const long = (instant: Date, withYear: boolean) =>
    formatter(timeZone, { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) }).format(instant)
  if (first.key === last.key) return long(start, true)
  if (first.year === last.year && first.month === last.month) {
    return `${first.day}–${long(end, true)}`
  }
  if (first.year === last.year) return `${long(start, false)} – ${long(end, true)}`
  return `${long(start, true)} – ${long(end, true)}`
}

/**
 * The zone's abbreviation at that instant: "CET", "CEST", "EDT"; its GMT offset ("GMT+5:30")
 * where no common abbreviation exists. British English names European zones, American
 * English the American ones.
 */
export function zoneAbbreviation(instant: Date, timeZone: string) {
  let offsetName = timeZone
  for (const locale of ['en-GB', 'en-US']) {
    const name = formatter(timeZone, { timeZoneName: 'short' }, locale)
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value
    if (!name) continue
    if (!/^(GMT|UTC)[+-]/.test(name)) return name
    offsetName = name
  }
  return offsetName
}

/** The calendar day an instant falls on in a zone, as "YYYY-MM-DD" plus its parts. */
export function calendarDayParts(instant: Date, timeZone: string) {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const year = value('year')
  const month = value('month')
  const day = value('day')
  const key = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { key, year, month, day }
}

/** True when the two zones show a different wall-clock time at this instant. */
export function zonesDiffer(instant: Date, zoneA: string, zoneB: string) {
  return formatTime(instant, zoneA) !== formatTime(instant, zoneB) || calendarDayParts(instant, zoneA).key !== calendarDayParts(instant, zoneB).key
}

export function isValidTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone })
    return true
  } catch {
    return false
  }
}

/**
 * An event's opening hours: "08:00–17:00 CET" on one day, or
 * "Wed 24 Mar 08:00 – Thu 25 Mar 14:00 CET" over several.
 */
export function formatEventHours(start: Date, end: Date, timeZone: string) {
  const zone = zoneAbbreviation(start, timeZone)
  const endZone = zoneAbbreviation(end, timeZone)
  const endSuffix = endZone === zone ? zone : endZone
  if (calendarDayParts(start, timeZone).key === calendarDayParts(end, timeZone).key) {
    return `${formatTimeRange(start, end, timeZone)} ${zone}`
  }
  const startZone = endZone === zone ? '' : ` ${zone}`
  return `${formatShortDate(start, timeZone)} ${formatTime(start, timeZone)}${startZone} – ${formatShortDate(end, timeZone)} ${formatTime(end, timeZone)} ${endSuffix}`
}

/** "25 Nov 2026, 14:02 CET": one moment in a record, such as a decision in a history. */
export function formatDateTime(instant: Date, timeZone: string) {
  const date = formatter(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(instant)
  return `${date}, ${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`
}

/**
 * The instant a wall-clock time on a calendar day has in a zone ("2027-10-31", "02:30",
 * "Europe/Brussels"). Null when that time does not exist there (skipped when clocks go
 * forward). When it exists twice (clocks go back), the first occurrence: the one still on
 * summer time, which the form then shows with its zone abbreviation.
 */
export function instantFromWallClock(dateKey: string, time: string, timeZone: string): Date | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateKey)
  const clock = /^(\d{2}):(\d{2})$/.exec(time)
  if (!date || !clock) return null
  const [year, month, day, hour, minute] = [date[1], date[2], date[3], clock[1], clock[2]].map(Number) as [number, number, number, number, number]
  const asUtc = Date.UTC(year, month - 1, day, hour, minute)
  // The zone's offset is one of the offsets in force within a day either side.
  const offsets = new Set([-1, 0, 1].map((days) => offsetMinutes(new Date(asUtc + days * 86_400_000), timeZone)))
  const matches = [...offsets]
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((candidate) => calendarDayParts(candidate, timeZone).key === dateKey && formatTime(candidate, timeZone) === time)
    .sort((a, b) => a.getTime() - b.getTime())
  return matches[0] ?? null
}

/** "2027-03-22T18:00" in the zone, the value of a datetime-local input; empty for no instant. */
export function toWallClockInput(instant: Date | null, timeZone: string) {
  if (!instant) return ''
  return `${calendarDayParts(instant, timeZone).key}T${formatTime(instant, timeZone)}`
}

/** The instant of a datetime-local value ("2027-03-22T18:00") in the zone; null when malformed or skipped by the zone. */
export function instantFromWallClockInput(value: string, timeZone: string): Date | null {
  const [date, time] = value.split('T')
  return date && time ? instantFromWallClock(date, time, timeZone) : null
}

/** The calendar day `days` after "YYYY-MM-DD" (before, when negative). */
export function addDaysToDateKey(key: string, days: number) {
  const date = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)) + days))
  return date.toISOString().slice(0, 10)
}

/** The first instant of a calendar day in the zone: midnight, or 01:00 where clocks skip midnight that day. */
export function startOfCalendarDay(key: string, timeZone: string) {
  return instantFromWallClock(key, '00:00', timeZone) ?? instantFromWallClock(key, '01:00', timeZone) ?? new Date(`${key}T00:00:00Z`)
}

/** Whole calendar days from one "YYYY-MM-DD" to another (negative when `to` is earlier). */
export function daysBetweenDateKeys(from: string, to: string) {
  const utc = (key: string) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)))
  return Math.round((utc(to) - utc(from)) / 86_400_000)
}

/**
 * The instant `days` calendar days later at the same wall-clock time in the zone: 09:00 on a
 * summer Thursday in Brussels becomes 09:00 on a winter Thursday, an hour later in UTC. A time
 * the zone skips that day (clocks going forward) moves on by the hour skipped.
 */
export function shiftByCalendarDays(instant: Date, days: number, timeZone: string) {
  return shiftWallClock(instant, days, timeZone, timeZone)
}

/**
 * The instant showing, in `toZone` and `days` calendar days later, the wall-clock time the
 * instant shows in `fromZone`: 09:00 in Brussels becomes 09:00 in Lisbon (an hour later in UTC).
 * A time the new zone skips that day moves on by the hour skipped.
 */
export function shiftWallClock(instant: Date, days: number, fromZone: string, toZone: string) {
  const { key } = calendarDayParts(instant, fromZone)
  const [year, month, day] = key.split('-').map(Number) as [number, number, number]
  const shifted = new Date(Date.UTC(year, month - 1, day + days))
  const shiftedKey = shifted.toISOString().slice(0, 10)
  const time = formatTime(instant, fromZone)
  const hourLater = `${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}${time.slice(2)}`
  return instantFromWallClock(shiftedKey, time, toZone) ?? instantFromWallClock(shiftedKey, hourLater, toZone) ?? new Date(instant.getTime() + days * 86_400_000)
}

/** The zone's offset from UTC at that instant, in minutes (Brussels in summer: 120). */
function offsetMinutes(instant: Date, timeZone: string) {
  const parts = formatter(timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const wallClockAsUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'))
  return Math.round((wallClockAsUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}
