// Shared by the demo builders: ids, the dataset's fixed moments in time, seeded randomness,
// small text helpers and the intermediate shapes passed between build stages.
import { createHash } from 'node:crypto'
import { TZDate } from '@date-fns/tz'
import type { OrganisationKind, OrganisationSize, RegistrationStatus, SessionKind } from '#prisma/generated/sqlite/enums.ts'
import {
  CALENDAR_UID_DOMAIN,
  CAPABILITIES,
  CAPABILITY_COPY,
  EVENT_TIME_ZONE,
  type CapabilityEntry,
  type NatoCountry,
  type RegistrationScenario,
  type StaffRole,
} from './demo-content.ts'
import { toAscii } from '#app/lib/ascii.ts'
import { slugify as slugifyBounded } from '#app/lib/slug.ts'

export { toAscii }

// ---------- Ids ----------

export const STAFF_USER_IDS: Record<StaffRole, string> = {
  owner: 'seed-user-owner',
  organiser: 'seed-user-organiser',
  vettingOfficer: 'seed-user-vetting-officer',
  checkIn: 'seed-user-check-in',
  platformAdmin: 'seed-user-platform-admin',
}

export const EVENT_ID = 'seed-event-counter-uas-2027'

// ---------- Time ----------

/** A wall-clock time in Brussels as a UTC instant (month is 1-12). */
function brusselsTime(year: number, month: number, day: number, hour: number, minute: number): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, EVENT_TIME_ZONE).getTime())
}

const EVENT_DAY_DATES = { 1: [2027, 3, 24], 2: [2027, 3, 25] } as const

export function eventDayTime(day: 1 | 2, hhmm: string): Date {
  const [year, month, date] = EVENT_DAY_DATES[day]
  const [hour, minute] = hhmm.split(':').map(Number)
  if (hour === undefined || minute === undefined) throw new Error(`Bad wall-clock time ${hhmm}`)
  return brusselsTime(year, month, date, hour, minute)
}

export const EVENT_CREATED_AT = brusselsTime(2026, 10, 12, 10, 0)
export const STAFF_CREATED_AT = brusselsTime(2026, 10, 1, 9, 0)
export const AGENDA_CREATED_AT = brusselsTime(2026, 10, 20, 14, 0)
export const EVENT_PUBLISHED_AT = brusselsTime(2026, 10, 30, 11, 0)
export const REGISTRATION_OPENS_AT = brusselsTime(2026, 11, 2, 9, 0)
export const REGISTRATION_CLOSES_AT = brusselsTime(2027, 3, 10, 18, 0)
export const B2B_BOOKING_OPENS_AT = brusselsTime(2026, 11, 16, 9, 0)
export const B2B_BOOKING_CLOSES_AT = brusselsTime(2027, 3, 22, 18, 0)
/**
 * The moment the dataset describes: registration open, B2B booking open, event ahead.
 * No row is created, decided or changed after it.
 */
export const DATASET_AS_OF = brusselsTime(2026, 11, 25, 18, 0)
/** Decided registrations were submitted by then, so their decisions fit before DATASET_AS_OF. */
export const DECIDED_SUBMISSIONS_END = brusselsTime(2026, 11, 20, 12, 0)
export const UNDECIDED_SUBMISSIONS_START = brusselsTime(2026, 11, 20, 9, 0)
export const UNDECIDED_SUBMISSIONS_END = brusselsTime(2026, 11, 24, 12, 0)

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const MEETING_SLOT_MINUTES = 20
export const REQUEST_EXPIRY = 7 * DAY

export function addMs(instant: Date, ms: number) {
  return new Date(instant.getTime() + ms)
}

export function minDate(a: Date, b: Date) {
  return a.getTime() <= b.getTime() ? a : b
}

export function maxDate(...dates: Date[]) {
  return new Date(Math.max(...dates.map((date) => date.getTime())))
}

// ---------- Seeded randomness ----------

const BASE_SEED = 'muster-demo-2027'

export type Random = {
  next(): number
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  sample<T>(items: readonly T[], count: number): T[]
  shuffle<T>(items: readonly T[]): T[]
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** An instant between two others, rounded to the minute, skewed towards `from` when skew > 1. */
  instant(from: Date, to: Date, skew?: number): Date
}

function fnv1a(text: string) {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: tiny, fast and good enough for demo data; one stream per concern. */
export function randomStream(concern: string): Random {
  let state = fnv1a(`${BASE_SEED}:${concern}`)
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const swap = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = swap
    }
    return copy
  }
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, count),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [value, weight] of entries) {
        roll -= weight
        if (roll < 0) return value
      }
      const last = entries.at(-1)
      if (!last) throw new Error('weighted pick from an empty list')
      return last[0]
    },
    instant: (from, to, skew = 1) => {
      const span = to.getTime() - from.getTime()
      const offset = Math.floor((next() ** skew * span) / MINUTE) * MINUTE
      return new Date(from.getTime() + offset)
    },
  }
}

const brusselsCalendarDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: EVENT_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
})

/** A random minute between firstHour and lastHour (Brussels) on the day of `instant`, `dayOffset` days on. */
export function timeOfDay(random: Random, instant: Date, dayOffset: number, firstHour: number, lastHour: number): Date {
  const parts = Object.fromEntries(brusselsCalendarDay.formatToParts(instant).map((part) => [part.type, Number(part.value)]))
  const minuteOfDay = random.int(firstHour * 60, lastHour * 60 - 1)
  return brusselsTime(
    parts.year ?? 0,
    parts.month ?? 0,
    (parts.day ?? 0) + dayOffset,
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
  )
}

/**
 * When staff act on something: in Brussels office hours, minDays to maxDays after it (at
 * least half an hour later), and never after DATASET_AS_OF.
 */
export function officeTimeAfter(random: Random, after: Date, minDays: number, maxDays: number): Date {
  const dayOffset = random.int(minDays, maxDays)
  let result = timeOfDay(random, after, dayOffset, 8, 18)
  if (result.getTime() < after.getTime() + 30 * MINUTE) result = addMs(result, DAY)
  return minDate(result, DATASET_AS_OF)
}

// ---------- Small helpers ----------

export function pad(value: number, width: number) {
  return String(value).padStart(width, '0')
}

/** Slugs without a length bound: demo ids are made from names, and must stay as they are. */
export function slugify(text: string) {
  return slugifyBounded(text, Number.POSITIVE_INFINITY)
}

export function calendarUid(kind: string, key: string) {
  return `${kind}-${key}@${CALENDAR_UID_DOMAIN}`
}

/**
 * PostgreSQL's jsonb stores object keys sorted (shorter first, then bytewise) whereas SQLite
 * keeps them as written. Writing JSON in jsonb's order makes rows read back identically
 * from both engines.
 */
export function inJsonbKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder) as T
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const entries = Object.entries(value).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([key, entry]) => [key, inJsonbKeyOrder(entry)])) as T
}

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A badge code that looks random (so nobody infers another person's code) but is derived
 * from the registration id, so every run produces the same one. 10 Crockford base32
 * characters: easy to read aloud and type at the door.
 */
export function badgeCodeFor(registrationId: string, attempt: number) {
  const digest = createHash('sha256').update(`${BASE_SEED}:badge:${registrationId}:${attempt}`).digest()
  let code = ''
  for (let i = 0; i < 10; i++) code += CROCKFORD_BASE32[(digest[i] ?? 0) % 32]
  return code
}

/** "RF detection" stays, "Acoustic sensing" becomes "acoustic sensing" inside a sentence. */
export function inSentence(label: string) {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

export function listInSentence(labels: readonly string[]) {
  const words = labels.map(inSentence)
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

const capabilityBySlug = new Map(CAPABILITIES.map((capability) => [capability.slug, capability]))

export function capabilityEntry(slug: string): CapabilityEntry {
  const capability = capabilityBySlug.get(slug)
  if (!capability) throw new Error(`Unknown capability ${slug}`)
  return capability
}

export function capabilityId(slug: string) {
  return `seed-capability-${slug}`
}

export function copyFor(slug: string) {
  const copy = CAPABILITY_COPY[slug]
  if (!copy) throw new Error(`No matchmaking copy for capability ${slug}`)
  return copy
}

// ---------- Intermediate shapes ----------

export type OrganisationInfo = {
  id: string
  slug: string
  name: string
  kind: OrganisationKind
  country: NatoCountry
  size: OrganisationSize
  domain: string
  description: string
  capabilitySlugs: readonly string[]
}

export type Attendee = {
  number: number
  userId: string
  registrationId: string
  personaKey: string | null
  name: string
  email: string
  jobTitle: string
  jobFunction: string
  nationality: NatoCountry
  timeZone: string | null
  organisation: OrganisationInfo
  scenario: RegistrationScenario
  wantsMatchmaking: boolean
  createdAt: Date
  submittedAt: Date
}

/** What later stages need to know about an attendee's registration. */
export type RegistrationOutcome = { attendee: Attendee; status: RegistrationStatus; decidedAt: Date | null }

// ---------- Shared rules ----------

export const MAX_MEETINGS_PER_PERSON = 8
export const MAX_PENDING_REQUESTS_PER_PERSON = 12

/** Organisations that make things (and so answer "country of manufacture" and post offers). */
export const MANUFACTURERS: ReadonlySet<OrganisationKind> = new Set(['LARGE_COMPANY', 'SME', 'START_UP'])

export type SessionInfo = {
  id: string
  slug: string
  day: 1 | 2
  kind: SessionKind
  startsAt: Date
  endsAt: Date
  capacity: number | null
  speakerSlugs: readonly string[]
}
