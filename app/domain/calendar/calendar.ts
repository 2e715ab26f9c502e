// The one place Muster writes iCalendar. Emailed invites, single-item downloads and feeds
// all come from buildCalendar, so the rules that keep calendars right live here once
// (docs/decisions/004-calendar-invites.md; the competitors' bugs in notes/anchors.md 1-5):
// METHOD only on the VCALENDAR, the row's stable UID and SEQUENCE, DTSTAMP = the row's last
// change, wall-clock times under a TZID with that zone's VTIMEZONE. Pure: no database.
import { TZDate, tzOffset } from '@date-fns/tz'
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalEventStatus, escape } from 'ical-generator'
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import { isValidTimeZone } from '#app/lib/time.ts'

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH'
export type CalendarEntryStatus = 'CONFIRMED' | 'CANCELLED'
export type ParticipationStatus = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE'
export type AttendeeRole = 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'CHAIR'

export type CalendarPerson = { name: string; email: string }

export type CalendarAttendee = CalendarPerson & {
  partstat: ParticipationStatus
  /** Whether the client should offer to send a reply to the organiser. */
  rsvp: boolean
  /** REQ-PARTICIPANT when absent. */
  role?: AttendeeRole
}

export type CalendarEntry = {
  /** The row's stable calendar UID: the same for every version of the item, cancellation included. */
  uid: string
  /** Raised by the caller on every change the attendee should see; a CANCEL carries a higher one than the last invite. */
  sequence: number
  start: Date
  end: Date
  /** IANA zone the times are shown in (the event's zone). */
  timeZone: string
  summary: string
  description: string | null
  location: string | null
  /** Absolute http(s) link to the item's page. */
  url: string | null
  status: CalendarEntryStatus
  /** The row's last change: written as DTSTAMP and LAST-MODIFIED (never "now"), so a feed stays byte-identical until something changes. */
  lastModified: Date
  organizer: CalendarPerson
  attendees: readonly CalendarAttendee[]
  categories?: readonly string[]
}

export type BuildCalendarOptions = {
  method: CalendarMethod
  /** Calendar name shown by subscribing clients (X-WR-CALNAME), for feeds. */
  name?: string
  entries: readonly CalendarEntry[]
  /** How often subscribing clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL), for feeds. */
  refreshIntervalSeconds?: number
}

/** Why an input cannot become a correct calendar; the message names the entry and the field. */
export class CalendarInputError extends Error {
  override name = 'CalendarInputError'
}

/** PRODID of every calendar Muster writes. */
const PRODUCT_ID = '-//Muster//Muster//EN'

const PARTICIPATION_STATUSES: Record<ParticipationStatus, ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
}

const ATTENDEE_ROLES: Record<AttendeeRole, ICalAttendeeRole> = {
  'REQ-PARTICIPANT': ICalAttendeeRole.REQ,
  'OPT-PARTICIPANT': ICalAttendeeRole.OPT,
  CHAIR: ICalAttendeeRole.CHAIR,
}

const ENTRY_STATUSES: Record<CalendarEntryStatus, ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
}

const DAY_MS = 24 * 60 * 60 * 1000
/** 75 octets per line, less the space that starts a continuation line. */
const MAX_CONTENT_OCTETS_PER_LINE = 74
const NON_ASCII = /[^\p{ASCII}]/u
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose (RFC 5545 forbids them in a UID)
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/
const EMAIL_ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/

/**
 * Renders one iCalendar object. REQUEST and CANCEL (emailed iTIP messages) carry exactly one
 * entry with its ORGANIZER and ATTENDEEs; PUBLISH (downloads and feeds) carries any number
 * of entries and no ATTENDEE (RFC 5546 §3.2.1), so a feed never lists who else attends.
 * Throws CalendarInputError when an entry would be wrong in a client.
 */
export function buildCalendar(options: BuildCalendarOptions): string {
  const { method, entries } = options
  if ((method === 'REQUEST' || method === 'CANCEL') && entries.length !== 1) {
    throw new CalendarInputError(`A ${method} carries exactly one entry (one UID), got ${entries.length}.`)
  }
  if (options.name !== undefined) requireText(options.name, 'The calendar name')
  const refreshInterval = options.refreshIntervalSeconds
  if (refreshInterval !== undefined && (!Number.isInteger(refreshInterval) || refreshInterval <= 0)) {
    throw new CalendarInputError(`The refresh interval must be a positive whole number of seconds, got ${refreshInterval}.`)
  }
  /** One VTIMEZONE per TZID the events are written under, in order of first use. */
  const vtimezones = new Map<string, string>()
  const seenUids = new Set<string>()
  const events = entries.map((entry) => {
    // Checked on every call, also when its event is kept: the key cannot tell a Date from its ISO string.
    validateEntry(entry, method)
    if (seenUids.has(entry.uid)) throw new CalendarInputError(`Two entries share the UID "${entry.uid}".`)
    seenUids.add(entry.uid)
    const event = writtenEvent(entry, method)
    if (event.zone) vtimezones.set(event.zone.tzid, event.zone.vtimezone)
    return event.text
  })

  // The envelope is written here rather than by calendar.toString(), whose line folding
  // builds a TextEncoder per character and took nearly all of a feed's rendering time; the
  // text is folded here instead (foldContentLines).
  const name = options.name === undefined ? null : escape(options.name, false)
  const envelope = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    `METHOD:${method}`,
    ...(name === null ? [] : [`NAME:${name}`, `X-WR-CALNAME:${name}`]),
    ...[...vtimezones.values()].map((block) => block.replace(/\r?\n/g, '\r\n').trim()),
    ...(refreshInterval === undefined
      ? []
      : [`REFRESH-INTERVAL;VALUE=DURATION:${durationValue(refreshInterval)}`, `X-PUBLISHED-TTL:${durationValue(refreshInterval)}`]),
  ]
  // RFC 5545 ends every content line with CRLF, the last one included. Folding works line by
  // line, so the envelope and each event are folded on their own.
  return `${foldContentLines(`${envelope.join('\r\n')}\r\n`)}${events.join('')}END:VCALENDAR\r\n`
}

/** A VEVENT as written and folded, and the zone it is written under (null when in UTC). */
type WrittenEvent = { text: string; zone: ResolvedZone | null }

/**
 * Written events, bounded by the characters of their texts and of the entries they were written
 * from: about 2,000 sessions, so a plenary in 5,000 people's feeds is written once per change,
 * not once per feed (bench/calendar-feeds.ts).
 */
const writtenEvents = createBoundedCache<WrittenEvent>(4_000_000, (key, event) => key.length + event.text.length)

/**
 * One checked feed entry's VEVENT, written once for each distinct entry: the key is everything
 * the event is written from, so an entry that changes in any field is written again.
 */
function writtenEvent(entry: CalendarEntry, method: CalendarMethod): WrittenEvent {
  // An emailed invite names its one attendee, so it is never asked for again: kept, thousands of
  // them would push every feed's events out.
  if (method !== 'PUBLISH') return writeEvent(entry, method)
  const key = `${method}\n${JSON.stringify(entry)}`
  const kept = writtenEvents.get(key)
  if (kept) return kept
  const event = writeEvent(entry, method)
  writtenEvents.set(key, event)
  return event
}

/** The VEVENT of an entry that passed validateEntry. */
function writeEvent(entry: CalendarEntry, method: CalendarMethod): WrittenEvent {
  const zone = resolveZone(entry.timeZone, entry.uid)
  // A wall-clock time that occurs twice (clocks going back) is ambiguous under a TZID and
  // readers disagree (RFC 5545: the first occurrence; ical.js: the second; node-ical: it
  // depends on the zone). Such an entry is written in UTC, which every reader agrees on.
  const inUtc = occursTwice(entry.start, zone.tzid) || occursTwice(entry.end, zone.tzid)
  // ical-generator writes the event; this calendar is only its parent. It has no zone of its
  // own, so DTSTAMP and LAST-MODIFIED come out in UTC, as they must.
  const event = ical().createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp: entry.lastModified,
    lastModified: entry.lastModified,
    // ical-generator writes a plain Date under a TZID as the *process's* local clock time;
    // a TZDate is converted to the event's zone first, so the wall clock is the event's.
    start: inUtc ? entry.start : new TZDate(entry.start.getTime(), zone.tzid),
    end: inUtc ? entry.end : new TZDate(entry.end.getTime(), zone.tzid),
    timezone: inUtc ? null : zone.tzid,
    summary: entry.summary,
    description: entry.description,
    location: entry.location,
    url: entry.url === null ? null : uriValue(entry.url),
    status: ENTRY_STATUSES[entry.status],
    organizer: { name: parameterText(entry.organizer.name), email: entry.organizer.email },
    attendees:
      method === 'PUBLISH'
        ? []
        : entry.attendees.map((attendee) => ({
            name: parameterText(attendee.name),
            email: attendee.email,
            status: PARTICIPATION_STATUSES[attendee.partstat],
            rsvp: attendee.rsvp,
            role: ATTENDEE_ROLES[attendee.role ?? 'REQ-PARTICIPANT'],
          })),
    categories: (entry.categories ?? []).map((category) => ({ name: category })),
  })
  return { text: foldContentLines(event.toString()), zone: inUtc ? null : zone }
}

/**
 * The checks buildCalendar makes on one emailed entry, without writing it: an invite queued in
 * the outbox is refused when the change is made, not later when the worker writes it.
 */
export function checkInviteEntry(entry: CalendarEntry, method: CalendarMethod) {
  validateEntry(entry, method)
  resolveZone(entry.timeZone, entry.uid)
}

/**
 * RFC 5545 §3.1: no line longer than 75 octets; a longer content line continues on the next
 * after a CRLF and one space, never inside a UTF-8 sequence (nor a surrogate pair: `for…of`
 * walks code points). Each line carries at most 74 octets of content, as ical-generator's
 * folding did, so the output is byte for byte what it was. Short ASCII lines pass as they are.
 */
function foldContentLines(text: string) {
  return text
    .split('\r\n')
    .map((line) => {
      if (line.length <= MAX_CONTENT_OCTETS_PER_LINE && !NON_ASCII.test(line)) return line
      const parts: string[] = []
      let octets = 0
      for (const character of line) {
        const size = utf8Length(character.codePointAt(0)!)
        if (octets + size > MAX_CONTENT_OCTETS_PER_LINE) {
          parts.push('\r\n ')
          octets = 0
        }
        parts.push(character)
        octets += size
      }
      return parts.join('')
    })
    .join('\r\n')
}

function utf8Length(codePoint: number) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/** An RFC 5545 DURATION for a positive number of seconds: 3600 is "PT1H", 90061 is "P1DT1H1M1S". */
function durationValue(seconds: number) {
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${rest}S` : ''}`
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`
}

function validateEntry(entry: CalendarEntry, method: CalendarMethod) {
  const uid = entry.uid
  if (uid.trim() === '' || uid !== uid.trim() || CONTROL_CHARACTERS.test(uid)) {
    throw new CalendarInputError(`An entry's UID must be non-empty, without surrounding spaces or line breaks, got ${JSON.stringify(uid)}.`)
  }
  const field = (name: string) => `Entry "${uid}": ${name}`
  if (!Number.isInteger(entry.sequence) || entry.sequence < 0) {
    throw new CalendarInputError(`${field('SEQUENCE')} must be a whole number >= 0, got ${entry.sequence}.`)
  }
  for (const [name, date] of [['start', entry.start], ['end', entry.end], ['lastModified', entry.lastModified]] as const) {
    if (Number.isNaN(date.getTime())) throw new CalendarInputError(`${field(name)} is not a valid date.`)
  }
  if (entry.end.getTime() <= entry.start.getTime()) {
    throw new CalendarInputError(`${field('end')} (${entry.end.toISOString()}) must be after its start (${entry.start.toISOString()}).`)
  }
  requireText(entry.summary, field('the summary'))
  if (entry.url !== null && !isHttpUrl(entry.url)) {
    throw new CalendarInputError(`${field('the URL')} must be an absolute http(s) address, got ${JSON.stringify(entry.url)}.`)
  }
  requirePerson(entry.organizer, field('the organiser'))
  for (const attendee of entry.attendees) requirePerson(attendee, field('an attendee'))
  for (const category of entry.categories ?? []) requireText(category, field('a category'))
  if (method === 'CANCEL' && entry.status !== 'CANCELLED') {
    throw new CalendarInputError(`${field('a CANCEL')} must have STATUS CANCELLED.`)
  }
  if (method === 'REQUEST' && entry.status === 'CANCELLED') {
    throw new CalendarInputError(`${field('a cancelled entry')} is sent as a CANCEL, not a REQUEST.`)
  }
  if (method !== 'PUBLISH' && entry.attendees.length === 0) {
    throw new CalendarInputError(`${field(`a ${method}`)} needs at least one attendee.`)
  }
}

/**
 * The TZID written for an IANA zone and its VTIMEZONE. The VTIMEZONE library names some
 * zones differently from the caller ("UTC" -> "Etc/UTC", "Europe/Kiev" -> "Europe/Kyiv"),
 * so its TZID is the one used in DTSTART and DTEND too: the two must match exactly.
 */
function resolveZone(timeZone: string, uid: string): ResolvedZone {
  const resolved = resolvedZones.get(timeZone)
  if (resolved) return resolved
  if (!timeZone || !isValidTimeZone(timeZone)) {
    throw new CalendarInputError(`Entry "${uid}": "${timeZone}" is not an IANA time zone.`)
  }
  // Intl accepts any letter case ("europe/brussels"); the library wants the canonical spelling.
  const canonical = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone
  // Checked first because the library prints to console.error for names it does not know.
  if (!knownToVtimezoneLibrary(canonical)) {
    throw new CalendarInputError(`Entry "${uid}": no VTIMEZONE definition is available for "${timeZone}".`)
  }
  const block = tzlib_get_ical_block(canonical)
  const [vtimezone, tzidParameter] = Array.isArray(block) ? block : []
  const tzid = tzidParameter?.replace(/^TZID=/, '')
  if (!vtimezone || !tzid) {
    throw new CalendarInputError(`Entry "${uid}": no VTIMEZONE definition is available for "${timeZone}".`)
  }
  resolvedZones.set(timeZone, { tzid, vtimezone })
  return { tzid, vtimezone }
}

type ResolvedZone = { tzid: string; vtimezone: string }

/**
 * Zones already resolved, by the name the caller gave (valid IANA names only, but in any letter
 * case). Resolving costs two Intl formatters and a VTIMEZONE lookup, and a feed repeats one zone
 * for every entry.
 */
const resolvedZones = createBoundedCache<ResolvedZone>(1_000)

let vtimezoneLibraryZones: ReadonlySet<string> | undefined

function knownToVtimezoneLibrary(timeZone: string) {
  if (!vtimezoneLibraryZones) {
    const zones = tzlib_get_timezones(false)
    vtimezoneLibraryZones = new Set(Array.isArray(zones) ? zones : [])
  }
  return vtimezoneLibraryZones.has(timeZone)
}

/**
 * True when the wall-clock time of `instant` in `timeZone` happens twice, in the hour (or
 * half hour) repeated when clocks go back. Any other offset the zone uses within a day
 * either side is tried: if it maps the same wall clock to another real instant, it repeats.
 */
function occursTwice(instant: Date, timeZone: string): boolean {
  const offsetMinutes = tzOffset(timeZone, instant)
  const wallClockMs = instant.getTime() + offsetMinutes * 60_000
  for (const probe of [instant.getTime() - DAY_MS, instant.getTime() + DAY_MS]) {
    const otherOffsetMinutes = tzOffset(timeZone, new Date(probe))
    if (otherOffsetMinutes === offsetMinutes) continue
    const otherInstant = new Date(wallClockMs - otherOffsetMinutes * 60_000)
    if (tzOffset(timeZone, otherInstant) === otherOffsetMinutes) return true
  }
  return false
}

function requireText(value: string, label: string) {
  if (value.trim() === '') throw new CalendarInputError(`${label} must not be empty.`)
  return value
}

function requirePerson(person: CalendarPerson, label: string) {
  requireText(person.name, `${label}'s name`)
  if (!EMAIL_ADDRESS.test(person.email)) {
    throw new CalendarInputError(`${label}'s email must be a plain address, got ${JSON.stringify(person.email)}.`)
  }
}

function isHttpUrl(value: string) {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** ical-generator escapes "," and ";" in URL values as if they were text; percent-encoding keeps the address intact. */
function uriValue(url: string) {
  return new URL(url).href.replace(/,/g, '%2C').replace(/;/g, '%3B')
}

/**
 * A name as a quoted parameter value (CN="…"). Parameter values cannot contain DQUOTE or
 * control characters and have no escape for them (ical-generator's backslash makes the line
 * unreadable to node-ical), so quotes become apostrophes and line breaks spaces.
 */
function parameterText(name: string) {
  return name
    .replace(/"/g, "'")
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces (not allowed in a parameter value)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
}
