// The demo dataset: the counter-UAS Industry Day with its organisations, people,
// registrations, agenda and matchmaking, as plain rows for every table it fills.
// Pure and deterministic: the same options give the same rows (ids, timestamps, codes),
// so seeding is idempotent and tests and benchmarks can rely on exact contents.
// Randomness comes only from seeded PRNG streams, one per concern, so a change in one
// part (say, more organisations) does not reshuffle another (say, the agenda).
import { createHash } from 'node:crypto'
import { TZDate } from '@date-fns/tz'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import type {
  MarketplaceItemKind,
  MeetingRequestStatus,
  OrganisationKind,
  OrganisationSize,
  RegistrationStatus,
  VettingAction,
} from '#prisma/generated/sqlite/enums.ts'
import {
  BREAKOUT_POPULARITY,
  CALENDAR_UID_DOMAIN,
  CAPABILITIES,
  CAPABILITY_COPY,
  COUNTRY_ADJECTIVES,
  DECLINE_REASONS,
  DIETARY_ANSWERS,
  EVENT_SLUG,
  EVENT_TIME_ZONE,
  GENERATED_BUYER_UNITS,
  GENERATED_DESCRIPTIONS,
  GENERATED_NAME_FIRST,
  GENERATED_NAME_SECOND,
  GENERATED_NAME_SUFFIX,
  HOST_ORGANISATION_SLUG,
  INFO_REQUEST_REASON,
  JOB_TITLES,
  MEETING_REQUEST_MESSAGES,
  MOTIVATIONS,
  NAME_REGION_OF_COUNTRY,
  NAMES_BY_REGION,
  NATO_MEMBER_STATES,
  ORGANISATIONS,
  PERSONAS,
  QUESTIONS,
  REJECTION_REASONS,
  ROOMS,
  SESSIONS,
  SPEAKERS,
  STAFF,
  TRACKS,
  categoryValue,
  type CapabilityEntry,
  type NatoCountry,
  type RegistrationScenario,
  type SecurityClearance,
  type StaffRole,
} from './demo-content.ts'

export const DEFAULT_ATTENDEES = 150

// ---------- Row types ----------

/** Date columns as Date (the builder never uses ISO strings). */
type PlainValue<V> = [Date] extends [V] ? Exclude<V, string> : V
/**
 * A row with every column spelled out: seeded rows never rely on database defaults
 * (now(), cuid()), so they are identical on every run and on both engines.
 */
type Row<T> = { [K in keyof T]-?: PlainValue<Exclude<T[K], undefined>> }
/**
 * Nullable JSON columns are the exception: createMany takes Prisma.DbNull rather than
 * null for them, so a row leaves such a column out when it is null.
 */
type RowWithNullableJson<T, K extends keyof T> = Row<Omit<T, K>> & { [P in K]?: Exclude<T[P], null | undefined> }

/** Registration.answers: question key -> answer. */
export type RegistrationAnswers = Record<string, string | string[] | boolean>

export type DemoDataset = {
  capabilities: Row<Prisma.CapabilityCreateManyInput>[]
  organisations: Row<Prisma.OrganisationCreateManyInput>[]
  organisationCapabilities: Row<Prisma.OrganisationCapabilityCreateManyInput>[]
  users: Row<Prisma.UserCreateManyInput>[]
  events: Row<Prisma.EventCreateManyInput>[]
  eventRoles: Row<Prisma.EventRoleCreateManyInput>[]
  registrationQuestions: RowWithNullableJson<Prisma.RegistrationQuestionCreateManyInput, 'options'>[]
  registrations: (Omit<Row<Prisma.RegistrationCreateManyInput>, 'answers'> & { answers: RegistrationAnswers })[]
  vettingDecisions: RowWithNullableJson<Prisma.VettingDecisionCreateManyInput, 'changes'>[]
  tracks: Row<Prisma.TrackCreateManyInput>[]
  rooms: Row<Prisma.RoomCreateManyInput>[]
  speakers: Row<Prisma.SpeakerCreateManyInput>[]
  agendaSessions: Row<Prisma.AgendaSessionCreateManyInput>[]
  sessionSpeakers: Row<Prisma.SessionSpeakerCreateManyInput>[]
  sessionEnrolments: Row<Prisma.SessionEnrolmentCreateManyInput>[]
  matchmakingProfiles: (Omit<Row<Prisma.MatchmakingProfileCreateManyInput>, 'freeTags'> & { freeTags: string[] })[]
  profileCapabilities: Row<Prisma.ProfileCapabilityCreateManyInput>[]
  marketplaceItems: Row<Prisma.MarketplaceItemCreateManyInput>[]
  meetingSlots: Row<Prisma.MeetingSlotCreateManyInput>[]
  meetingTables: Row<Prisma.MeetingTableCreateManyInput>[]
  meetingRequests: Row<Prisma.MeetingRequestCreateManyInput>[]
  meetingRequestSlots: Row<Prisma.MeetingRequestSlotCreateManyInput>[]
  meetings: Row<Prisma.MeetingCreateManyInput>[]
  meetingParticipants: Row<Prisma.MeetingParticipantCreateManyInput>[]
  blockedSlots: Row<Prisma.BlockedSlotCreateManyInput>[]
  mustMeetPairs: Row<Prisma.MustMeetPairCreateManyInput>[]
  auditLogEntries: RowWithNullableJson<Prisma.AuditLogEntryCreateManyInput, 'data'>[]
}

export type DatasetTable = keyof DemoDataset

// ---------- Time ----------

/** A wall-clock time in Brussels as a UTC instant (month is 1-12). */
function brusselsTime(year: number, month: number, day: number, hour: number, minute: number): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, EVENT_TIME_ZONE).getTime())
}

const EVENT_DAY_DATES = { 1: [2027, 3, 24], 2: [2027, 3, 25] } as const

function eventDayTime(day: 1 | 2, hhmm: string): Date {
  const [year, month, date] = EVENT_DAY_DATES[day]
  const [hour, minute] = hhmm.split(':').map(Number)
  if (hour === undefined || minute === undefined) throw new Error(`Bad wall-clock time ${hhmm}`)
  return brusselsTime(year, month, date, hour, minute)
}

const EVENT_CREATED_AT = brusselsTime(2026, 10, 12, 10, 0)
const STAFF_CREATED_AT = brusselsTime(2026, 10, 1, 9, 0)
const AGENDA_CREATED_AT = brusselsTime(2026, 10, 20, 14, 0)
const EVENT_PUBLISHED_AT = brusselsTime(2026, 10, 30, 11, 0)
const REGISTRATION_OPENS_AT = brusselsTime(2026, 11, 2, 9, 0)
const REGISTRATION_CLOSES_AT = brusselsTime(2027, 3, 10, 18, 0)
const B2B_BOOKING_OPENS_AT = brusselsTime(2026, 11, 16, 9, 0)
const B2B_BOOKING_CLOSES_AT = brusselsTime(2027, 3, 22, 18, 0)
/**
 * The moment the dataset describes: registration open, B2B booking open, event ahead.
 * No row is created, decided or changed after it.
 */
export const DATASET_AS_OF = brusselsTime(2026, 11, 25, 18, 0)
/** Decided registrations were submitted by then, so their decisions fit before DATASET_AS_OF. */
const DECIDED_SUBMISSIONS_END = brusselsTime(2026, 11, 20, 18, 0)
const UNDECIDED_SUBMISSIONS_START = brusselsTime(2026, 11, 20, 9, 0)
const UNDECIDED_SUBMISSIONS_END = brusselsTime(2026, 11, 25, 12, 0)

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const MEETING_SLOT_MINUTES = 20
const REQUEST_EXPIRY = 7 * DAY

function addMs(instant: Date, ms: number) {
  return new Date(instant.getTime() + ms)
}

function minDate(a: Date, b: Date) {
  return a.getTime() <= b.getTime() ? a : b
}

function maxDate(...dates: Date[]) {
  return new Date(Math.max(...dates.map((date) => date.getTime())))
}

// ---------- Seeded randomness ----------

const BASE_SEED = 'muster-demo-2027'

type Random = {
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
function randomStream(concern: string): Random {
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

// ---------- Small helpers ----------

function pad(value: number, width: number) {
  return String(value).padStart(width, '0')
}

/** Latin letters without diacritics, for slugs and email addresses. */
function toAscii(text: string) {
  const special: Record<string, string> = { ð: 'd', Ð: 'D', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', ł: 'l', Ł: 'L', ı: 'i', ß: 'ss' }
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ðÐøØæÆłŁıß]/g, (char) => special[char] ?? char)
}

function slugify(text: string) {
  return toAscii(text)
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function calendarUid(kind: string, key: string) {
  return `${kind}-${key}@${CALENDAR_UID_DOMAIN}`
}

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A badge code that looks random (so nobody infers another person's code) but is derived
 * from the registration id, so every run produces the same one. 10 Crockford base32
 * characters: easy to read aloud and type at the door.
 */
function badgeCodeFor(registrationId: string, attempt: number) {
  const digest = createHash('sha256').update(`${BASE_SEED}:badge:${registrationId}:${attempt}`).digest()
  let code = ''
  for (let i = 0; i < 10; i++) code += CROCKFORD_BASE32[(digest[i] ?? 0) % 32]
  return code
}

/** "RF detection" stays, "Acoustic sensing" becomes "acoustic sensing" inside a sentence. */
function inSentence(label: string) {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

function listInSentence(labels: readonly string[]) {
  const words = labels.map(inSentence)
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

const capabilityBySlug = new Map(CAPABILITIES.map((capability) => [capability.slug, capability]))

function capabilityEntry(slug: string): CapabilityEntry {
  const capability = capabilityBySlug.get(slug)
  if (!capability) throw new Error(`Unknown capability ${slug}`)
  return capability
}

function capabilityId(slug: string) {
  return `seed-capability-${slug}`
}

function copyFor(slug: string) {
  const copy = CAPABILITY_COPY[slug]
  if (!copy) throw new Error(`No matchmaking copy for capability ${slug}`)
  return copy
}

// ---------- Intermediate shapes ----------

type OrganisationInfo = {
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

type Attendee = {
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
type RegistrationOutcome = { attendee: Attendee; status: RegistrationStatus; decidedAt: Date | null }

type MatchmakingParty = {
  attendee: Attendee
  profileId: string
  profileCreatedAt: Date
  isBuyer: boolean
}

const STAFF_USER_IDS: Record<StaffRole, string> = {
  owner: 'seed-user-owner',
  organiser: 'seed-user-organiser',
  vettingOfficer: 'seed-user-vetting-officer',
  checkIn: 'seed-user-check-in',
  platformAdmin: 'seed-user-platform-admin',
}

const EVENT_ID = 'seed-event-counter-uas-2027'

// ---------- Organisations ----------

/** How many attendees an organisation sends, relative to others, by kind. */
const DELEGATION_WEIGHT: Record<OrganisationKind, number> = {
  GOVERNMENT_BUYER: 5,
  LARGE_COMPANY: 5,
  SME: 3,
  START_UP: 2,
  ACADEMIA: 2,
  OTHER: 2,
}

const GENERATED_SIZES: Record<OrganisationKind, readonly OrganisationSize[]> = {
  GOVERNMENT_BUYER: ['LARGE'],
  LARGE_COMPANY: ['LARGE'],
  SME: ['SMALL', 'MEDIUM'],
  START_UP: ['MICRO', 'SMALL'],
  ACADEMIA: ['MEDIUM', 'LARGE'],
  OTHER: ['SMALL'],
}

/**
 * The hand-written organisations, plus generated ones in the same mix of kinds when the
 * dataset is scaled up, so each organisation keeps a realistic delegation size.
 */
function buildOrganisationInfos(scale: number): OrganisationInfo[] {
  const handWritten: OrganisationInfo[] = ORGANISATIONS.map((entry) => ({ ...entry, id: `seed-organisation-${entry.slug}` }))
  const guests = ORGANISATIONS.filter((entry) => entry.slug !== HOST_ORGANISATION_SLUG)
  const generatedCount = Math.max(0, Math.round(guests.length * scale) - guests.length)
  const random = randomStream('organisations')
  const takenNames = new Set(handWritten.map((organisation) => organisation.name))
  const generated: OrganisationInfo[] = []
  for (let index = 0; index < generatedCount; index++) {
    const kind = (guests[index % guests.length] ?? guests[0])!.kind
    const country = NATO_MEMBER_STATES[index % NATO_MEMBER_STATES.length]!
    const baseName =
      kind === 'GOVERNMENT_BUYER'
        ? `${COUNTRY_ADJECTIVES[country]} ${GENERATED_BUYER_UNITS[Math.floor(index / NATO_MEMBER_STATES.length) % GENERATED_BUYER_UNITS.length]}`
        : generatedCompanyName(kind, index)
    let name = baseName
    for (let suffix = 2; takenNames.has(name); suffix++) name = `${baseName} ${suffix}`
    takenNames.add(name)
    const slug = slugify(name)
    const capabilitySlugs = random
      .sample(CAPABILITIES, kind === 'GOVERNMENT_BUYER' ? random.int(3, 4) : random.int(1, 3))
      .map((capability) => capability.slug)
    generated.push({
      id: `seed-organisation-${slug}`,
      slug,
      name,
      kind,
      country,
      size: random.pick(GENERATED_SIZES[kind]),
      domain: `${slug}.example`,
      description: `${GENERATED_DESCRIPTIONS[kind]} ${listInSentence(capabilitySlugs.map((slug) => capabilityEntry(slug).label))}.`,
      capabilitySlugs,
    })
  }
  return [...handWritten, ...generated]
}

function generatedCompanyName(kind: Exclude<OrganisationKind, 'GOVERNMENT_BUYER'>, index: number) {
  const first = GENERATED_NAME_FIRST[index % GENERATED_NAME_FIRST.length]
  const second = GENERATED_NAME_SECOND[Math.floor(index / GENERATED_NAME_FIRST.length) % GENERATED_NAME_SECOND.length]
  const suffixes = GENERATED_NAME_SUFFIX[kind]
  const suffix = suffixes[Math.floor(index / (GENERATED_NAME_FIRST.length * GENERATED_NAME_SECOND.length)) % suffixes.length]
  return `${first} ${second} ${suffix}`
}

// ---------- People ----------

const SCENARIO_WEIGHTS: readonly (readonly [RegistrationScenario, number])[] = [
  ['approved', 66],
  ['promoted', 2],
  ['pending', 9],
  ['infoRequested', 2],
  ['editedAfterApproval', 1],
  ['waitlisted', 8],
  ['rejected', 5],
  ['cancelled', 7],
]

const DECIDED_LATER: ReadonlySet<RegistrationScenario> = new Set(['pending', 'infoRequested'])

function isApprovedScenario(scenario: RegistrationScenario) {
  return scenario === 'approved' || scenario === 'promoted'
}

/** North American attendees often read the agenda in their own zone. */
const HOME_TIME_ZONES: Partial<Record<NatoCountry, string>> = { US: 'America/New_York', CA: 'America/Toronto' }

function buildAttendees(count: number, organisations: readonly OrganisationInfo[]): Attendee[] {
  const random = randomStream('attendees')
  const organisationBySlug = new Map(organisations.map((organisation) => [organisation.slug, organisation]))
  // Each organisation appears once per unit of delegation weight; attendees walk this list.
  const seats = organisations
    .filter((organisation) => organisation.slug !== HOST_ORGANISATION_SLUG)
    .flatMap((organisation) => Array.from({ length: DELEGATION_WEIGHT[organisation.kind] }, () => organisation))
  const reservedNames = new Set([...PERSONAS.map((persona) => `${persona.firstName} ${persona.lastName}`), ...Object.values(STAFF).map((staff) => staff.name)])
  const takenEmails = new Set(Object.values(STAFF).map((staff) => staff.email))
  const attendees: Attendee[] = []

  for (let number = 1; number <= count; number++) {
    const persona = PERSONAS[number - 1]
    let organisation: OrganisationInfo
    let firstName: string
    let lastName: string
    let nationality: NatoCountry
    let job: { title: string; jobFunction: string }
    let scenario: RegistrationScenario
    let wantsMatchmaking: boolean
    if (persona) {
      const personaOrganisation = organisationBySlug.get(persona.organisationSlug)
      if (!personaOrganisation) throw new Error(`Persona ${persona.key} names unknown organisation ${persona.organisationSlug}`)
      organisation = personaOrganisation
      ;({ firstName, lastName, nationality, scenario } = persona)
      job = { title: persona.jobTitle, jobFunction: persona.jobFunction }
      wantsMatchmaking = persona.matchmaking
    } else {
      organisation = seats[(number - 1 - PERSONAS.length) % seats.length]!
      // Most delegates hold their organisation's nationality; some come from another Ally.
      nationality = random.chance(0.85) ? organisation.country : random.pick(NATO_MEMBER_STATES)
      const names = NAMES_BY_REGION[NAME_REGION_OF_COUNTRY[nationality]]
      do {
        firstName = random.pick(names.first)
        lastName = random.pick(names.last)
      } while (reservedNames.has(`${firstName} ${lastName}`))
      job = random.pick(JOB_TITLES[organisation.kind])
      scenario = random.weighted(SCENARIO_WEIGHTS)
      wantsMatchmaking = isApprovedScenario(scenario) && random.chance(organisation.kind === 'GOVERNMENT_BUYER' ? 0.85 : 0.55)
    }

    const localPart = `${toAscii(firstName)}.${toAscii(lastName)}`.toLowerCase().replace(/[^a-z0-9.]/g, '')
    let email = `${localPart}@${organisation.domain}`
    for (let suffix = 2; takenEmails.has(email); suffix++) email = `${localPart}${suffix}@${organisation.domain}`
    takenEmails.add(email)

    const submittedAt = DECIDED_LATER.has(scenario)
      ? random.instant(UNDECIDED_SUBMISSIONS_START, UNDECIDED_SUBMISSIONS_END)
      : random.instant(REGISTRATION_OPENS_AT, DECIDED_SUBMISSIONS_END, 1.6)
    const homeZone = HOME_TIME_ZONES[nationality]
    attendees.push({
      number,
      userId: `seed-user-${pad(number, 5)}`,
      registrationId: `seed-registration-${pad(number, 5)}`,
      personaKey: persona?.key ?? null,
      name: `${firstName} ${lastName}`,
      email,
      jobTitle: job.title,
      jobFunction: job.jobFunction,
      nationality,
      timeZone: homeZone && random.chance(0.5) ? homeZone : null,
      organisation,
      scenario,
      wantsMatchmaking,
      // People sign in a few minutes before they submit the form.
      createdAt: addMs(submittedAt, -random.int(3, 20) * MINUTE),
      submittedAt,
    })
  }
  return attendees
}

function buildUsers(attendees: readonly Attendee[], hostOrganisationId: string): DemoDataset['users'] {
  const staffUsers = (Object.keys(STAFF) as StaffRole[]).map((role) => {
    const staff = STAFF[role]
    const isAdmin = role === 'platformAdmin'
    return {
      id: STAFF_USER_IDS[role],
      email: staff.email,
      name: staff.name,
      jobTitle: staff.jobTitle,
      phone: null,
      nationality: staff.nationality,
      timeZone: null,
      organisationId: isAdmin ? null : hostOrganisationId,
      isPlatformAdmin: isAdmin,
      createdAt: STAFF_CREATED_AT,
      updatedAt: STAFF_CREATED_AT,
      erasedAt: null,
    }
  })
  const attendeeUsers = attendees.map((attendee) => ({
    id: attendee.userId,
    email: attendee.email,
    name: attendee.name,
    jobTitle: attendee.jobTitle,
    phone: null,
    nationality: attendee.nationality,
    timeZone: attendee.timeZone,
    organisationId: attendee.organisation.id,
    isPlatformAdmin: false,
    createdAt: attendee.createdAt,
    updatedAt: attendee.createdAt,
    erasedAt: null,
  }))
  return [...staffUsers, ...attendeeUsers]
}

// ---------- Event, roles and questions ----------

function buildEvent(attendeeCount: number): DemoDataset['events'][number] {
  const firstSession = SESSIONS[0]
  const lastSession = SESSIONS.at(-1)
  if (!firstSession || !lastSession) throw new Error('The demo agenda is empty')
  return {
    id: EVENT_ID,
    slug: EVENT_SLUG,
    title: 'Counter-UAS Industry Day 2027',
    summary: 'Two days of briefings, breakouts and B2B meetings on countering drones, at NATO HQ in Brussels.',
    description: [
      'Drones have changed air defence. This industry day briefs industry on the Alliance’s counter-UAS needs, from detecting small drones to defeating them at a cost that can be sustained, and on how Allies intend to buy at scale.',
      'Day one opens with plenaries on the eastern-flank air-defence mission, the counter-UAS package of measures, capability targets for air and missile defence and lessons from Ukraine, followed by breakouts on detection, defeat and command and control. Day two covers production at scale, supply chains and how start-ups get procured.',
      'Both afternoons and mornings include pre-arranged B2B meetings between national procurement agencies, large companies, SMEs, start-ups and research institutes.',
      'This is a demonstration event: every organisation and person in it is fictional.',
    ].join('\n\n'),
    hostName: 'NATO Defence Investment Directorate',
    contactEmail: 'industry-day@defence-investment.example',
    venueName: 'NATO Headquarters',
    venueAddress: 'Boulevard Léopold III, 1110 Brussels, Belgium',
    timeZone: EVENT_TIME_ZONE,
    startsAt: eventDayTime(firstSession.day, firstSession.start),
    endsAt: eventDayTime(lastSession.day, lastSession.end),
    registrationOpensAt: REGISTRATION_OPENS_AT,
    registrationClosesAt: REGISTRATION_CLOSES_AT,
    // 180 seats at the demo size; scaled so a benchmark-size dataset is never overbooked.
    capacity: Math.ceil(attendeeCount * 1.2),
    approvalRequired: true,
    waitlistEnabled: true,
    eligibleNationalities: [...NATO_MEMBER_STATES],
    eligibilityExplanation: 'Open to nationals of NATO member states: the briefings cover Alliance capability requirements.',
    status: 'PUBLISHED',
    b2bEnabled: true,
    b2bBookingOpensAt: B2B_BOOKING_OPENS_AT,
    b2bBookingClosesAt: B2B_BOOKING_CLOSES_AT,
    maxMeetingsPerPerson: MAX_MEETINGS_PER_PERSON,
    maxPendingRequestsPerPerson: MAX_PENDING_REQUESTS_PER_PERSON,
    profileVisibility: 'ALL_ATTENDEES',
    calendarUid: calendarUid('event', EVENT_SLUG),
    calendarSequence: 0,
    createdAt: EVENT_CREATED_AT,
    updatedAt: EVENT_PUBLISHED_AT,
  }
}

const MAX_MEETINGS_PER_PERSON = 8
const MAX_PENDING_REQUESTS_PER_PERSON = 12

const EVENT_ROLES: readonly { role: 'OWNER' | 'ORGANISER' | 'VETTING_OFFICER' | 'CHECK_IN'; holder: StaffRole; grantedBy: StaffRole | null }[] = [
  { role: 'OWNER', holder: 'owner', grantedBy: null },
  { role: 'ORGANISER', holder: 'organiser', grantedBy: 'owner' },
  { role: 'VETTING_OFFICER', holder: 'vettingOfficer', grantedBy: 'owner' },
  { role: 'CHECK_IN', holder: 'checkIn', grantedBy: 'organiser' },
]

function buildEventRoles(): DemoDataset['eventRoles'] {
  return EVENT_ROLES.map(({ role, holder, grantedBy }) => ({
    id: `seed-event-role-${slugify(role)}`,
    eventId: EVENT_ID,
    userId: STAFF_USER_IDS[holder],
    role,
    grantedById: grantedBy ? STAFF_USER_IDS[grantedBy] : null,
    createdAt: grantedBy ? addMs(EVENT_CREATED_AT, DAY) : EVENT_CREATED_AT,
  }))
}

function buildQuestions(): DemoDataset['registrationQuestions'] {
  return QUESTIONS.map((question, position) => ({
    id: `seed-question-${slugify(question.key)}`,
    eventId: EVENT_ID,
    key: question.key,
    label: question.label,
    helpText: question.helpText,
    kind: question.kind,
    required: question.required,
    vetted: question.vetted,
    position,
    archivedAt: null,
    ...(question.options ? { options: question.options.map((option) => ({ ...option })) } : {}),
  }))
}

// ---------- Registrations and vetting ----------

const CLEARANCE_WEIGHTS: Record<OrganisationKind, readonly (readonly [SecurityClearance, number])[]> = {
  GOVERNMENT_BUYER: [['nato-secret', 7], ['nato-confidential', 3]],
  LARGE_COMPANY: [['nato-secret', 5], ['nato-confidential', 4], ['nato-restricted', 1]],
  SME: [['nato-confidential', 4], ['nato-restricted', 3], ['none', 3]],
  START_UP: [['nato-restricted', 3], ['none', 7]],
  ACADEMIA: [['nato-restricted', 3], ['none', 7]],
  OTHER: [['nato-restricted', 5], ['none', 5]],
}

const MANUFACTURERS: ReadonlySet<OrganisationKind> = new Set(['LARGE_COMPANY', 'SME', 'START_UP'])

function buildAnswers(attendee: Attendee, random: Random): RegistrationAnswers {
  const { organisation } = attendee
  const ownCategories = organisation.capabilitySlugs.map((slug) => categoryValue(capabilityEntry(slug).category))
  const interests = new Set([...ownCategories.slice(0, 2), ...random.sample(CAPABILITIES, 1).map((capability) => categoryValue(capability.category))])
  return {
    securityClearance: random.weighted(CLEARANCE_WEIGHTS[organisation.kind]),
    areasOfInterest: [...interests],
    attendedBefore: random.chance(organisation.kind === 'GOVERNMENT_BUYER' ? 0.6 : 0.3),
    ...(MANUFACTURERS.has(organisation.kind) ? { countryOfManufacture: organisation.country } : {}),
    motivation: random.pick(MOTIVATIONS[organisation.kind]),
    jobFunction: attendee.jobFunction,
    ...(random.chance(0.15) ? { dietaryRequirements: random.pick(DIETARY_ANSWERS) } : {}),
  }
}

type DecisionStep = { action: VettingAction; actorId: string | null; from: RegistrationStatus | null; to: RegistrationStatus; at: Date; reason: string | null; changes?: Prisma.InputJsonObject }

function buildRegistrations(attendees: readonly Attendee[]) {
  const random = randomStream('registrations')
  const registrations: DemoDataset['registrations'] = []
  const decisions: DemoDataset['vettingDecisions'] = []
  const outcomes: RegistrationOutcome[] = []
  // Waiting-list tickets are numbered in the order people joined the list, after the loop.
  const waitlistEntries: { index: number; at: Date; stillWaiting: boolean }[] = []
  const takenBadgeCodes = new Set<string>()

  for (const attendee of attendees) {
    const answers = buildAnswers(attendee, random)
    const decider = () => (random.chance(0.8) ? STAFF_USER_IDS.vettingOfficer : STAFF_USER_IDS.organiser)
    const submitted: DecisionStep = { action: 'SUBMITTED', actorId: attendee.userId, from: null, to: 'PENDING', at: attendee.submittedAt, reason: null }
    const steps: DecisionStep[] = [submitted]
    const decideAt = (after: Date, minHours: number, maxHours: number) => minDate(addMs(after, random.int(minHours * 60, maxHours * 60) * MINUTE), DATASET_AS_OF)
    let infoRequestedAt: Date | null = null
    let cancelledAt: Date | null = null
    let waitlistedAt: Date | null = null

    switch (attendee.scenario) {
      case 'approved':
        steps.push({ action: 'APPROVED', actorId: decider(), from: 'PENDING', to: 'APPROVED', at: decideAt(attendee.submittedAt, 4, 72), reason: null })
        break
      case 'promoted': {
        const joined = decideAt(attendee.submittedAt, 4, 48)
        steps.push({ action: 'WAITLISTED', actorId: decider(), from: 'PENDING', to: 'WAITLISTED', at: joined, reason: 'Eligible; the event was full, so you are on the waiting list.' })
        steps.push({ action: 'PROMOTED', actorId: null, from: 'WAITLISTED', to: 'APPROVED', at: decideAt(joined, 12, 72), reason: 'A seat became free.' })
        waitlistEntries.push({ index: registrations.length, at: joined, stillWaiting: false })
        break
      }
      case 'pending':
        break
      case 'infoRequested':
        infoRequestedAt = decideAt(attendee.submittedAt, 2, 5)
        steps.push({ action: 'INFO_REQUESTED', actorId: STAFF_USER_IDS.vettingOfficer, from: 'PENDING', to: 'PENDING', at: infoRequestedAt, reason: INFO_REQUEST_REASON })
        break
      case 'editedAfterApproval': {
        const approvedAt = decideAt(attendee.submittedAt, 4, 72)
        steps.push({ action: 'APPROVED', actorId: decider(), from: 'PENDING', to: 'APPROVED', at: approvedAt, reason: null })
        const before = String(answers.motivation)
        answers.motivation = `${before} We have since added a laser effector to our portfolio and would like to discuss it too.`
        steps.push({
          action: 'EDITED', actorId: attendee.userId, from: 'APPROVED', to: 'PENDING', at: decideAt(approvedAt, 6, 48),
          reason: 'A vetted answer changed.', changes: { motivation: { before, after: answers.motivation } },
        })
        break
      }
      case 'waitlisted':
        waitlistedAt = decideAt(attendee.submittedAt, 4, 48)
        steps.push({ action: 'WAITLISTED', actorId: decider(), from: 'PENDING', to: 'WAITLISTED', at: waitlistedAt, reason: 'Eligible; the event is full, so you are on the waiting list.' })
        waitlistEntries.push({ index: registrations.length, at: waitlistedAt, stillWaiting: true })
        break
      case 'rejected':
        steps.push({ action: 'REJECTED', actorId: STAFF_USER_IDS.vettingOfficer, from: 'PENDING', to: 'REJECTED', at: decideAt(attendee.submittedAt, 4, 72), reason: random.pick(REJECTION_REASONS) })
        break
      case 'cancelled': {
        const approvedAt = decideAt(attendee.submittedAt, 4, 72)
        steps.push({ action: 'APPROVED', actorId: decider(), from: 'PENDING', to: 'APPROVED', at: approvedAt, reason: null })
        cancelledAt = decideAt(approvedAt, 12, 48)
        steps.push({ action: 'CANCELLED', actorId: attendee.userId, from: 'APPROVED', to: 'CANCELLED', at: cancelledAt, reason: 'I can no longer attend.' })
        break
      }
    }

    const last = steps.at(-1) ?? submitted
    const status = last.to
    const lastDecision = [...steps].reverse().find((step) => step.actorId !== attendee.userId && step.action !== 'INFO_REQUESTED')
    const decidedAt = status === 'PENDING' ? null : (lastDecision?.at ?? null)
    let attempt = 0
    let badgeCode = badgeCodeFor(attendee.registrationId, attempt)
    while (takenBadgeCodes.has(badgeCode)) badgeCode = badgeCodeFor(attendee.registrationId, ++attempt)
    takenBadgeCodes.add(badgeCode)

    registrations.push({
      id: attendee.registrationId,
      eventId: EVENT_ID,
      userId: attendee.userId,
      organisationId: attendee.organisation.id,
      status,
      waitlistNumber: null,
      waitlistedAt,
      answers,
      consentGivenAt: attendee.submittedAt,
      infoRequestedAt,
      submittedAt: attendee.submittedAt,
      decidedAt,
      cancelledAt,
      badgeCode,
      checkedInAt: null,
      checkedInById: null,
      calendarUid: calendarUid('registration', pad(attendee.number, 5)),
      // A cancelled registration's calendar entry was withdrawn with a CANCEL at sequence 1.
      calendarSequence: status === 'CANCELLED' ? 1 : 0,
      createdAt: attendee.submittedAt,
      updatedAt: last.at,
    })
    steps.forEach((step, index) => {
      decisions.push({
        id: `seed-vetting-${pad(attendee.number, 5)}-${index + 1}`,
        registrationId: attendee.registrationId,
        actorId: step.actorId,
        action: step.action,
        fromStatus: step.from,
        toStatus: step.to,
        reason: step.reason,
        createdAt: step.at,
        ...(step.changes ? { changes: step.changes } : {}),
      })
    })
    outcomes.push({ attendee, status, decidedAt })
  }

  // Promoted people left the list, so their tickets are gaps the remaining numbers keep.
  waitlistEntries
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index)
    .forEach((entry, ticket) => {
      const registration = registrations[entry.index]
      if (registration && entry.stillWaiting) registration.waitlistNumber = ticket + 1
    })
  return { registrations, decisions, outcomes }
}

// ---------- Agenda ----------

type SessionInfo = { id: string; slug: string; startsAt: Date; endsAt: Date; capacity: number | null; speakerSlugs: readonly string[] }

function buildAgenda(scale: number, accountIds: ReadonlyMap<string, string>, organisationIdBySlug: ReadonlyMap<string, string>) {
  // Rooms and sign-up sessions grow with the dataset so fill ratios stay those of the demo.
  const capacityScale = Math.max(1, scale)
  const tracks: DemoDataset['tracks'] = TRACKS.map((track, position) => ({
    id: `seed-track-${track.slug}`,
    eventId: EVENT_ID,
    slug: track.slug,
    name: track.name,
    description: track.description,
    colour: track.colour,
    position,
  }))
  const rooms: DemoDataset['rooms'] = ROOMS.map((room, position) => ({
    id: `seed-room-${slugify(room.name)}`,
    eventId: EVENT_ID,
    name: room.name,
    capacity: Math.round(room.capacity * capacityScale),
    location: room.location,
    position,
  }))
  const roomIdByName = new Map(rooms.map((room) => [room.name, room.id]))
  const speakers: DemoDataset['speakers'] = SPEAKERS.map((speaker) => {
    const accountKey = speaker.account === null ? null : 'persona' in speaker.account ? `persona:${speaker.account.persona}` : `staff:${speaker.account.staff}`
    return {
      id: `seed-speaker-${speaker.slug}`,
      eventId: EVENT_ID,
      slug: speaker.slug,
      name: speaker.name,
      jobTitle: speaker.jobTitle,
      organisationName: speaker.organisationName,
      organisationId: speaker.organisationSlug ? (organisationIdBySlug.get(speaker.organisationSlug) ?? null) : null,
      // Only when the account is part of this dataset (small datasets have fewer personas).
      userId: accountKey ? (accountIds.get(accountKey) ?? null) : null,
      bio: speaker.bio,
      photoUrl: null,
    }
  })
  const sessions: DemoDataset['agendaSessions'] = []
  const sessionSpeakers: DemoDataset['sessionSpeakers'] = []
  const sessionInfos: SessionInfo[] = []
  for (const session of SESSIONS) {
    const roomId = roomIdByName.get(session.roomName)
    if (!roomId) throw new Error(`Session ${session.slug} names unknown room ${session.roomName}`)
    const id = `seed-session-${session.slug}`
    const startsAt = eventDayTime(session.day, session.start)
    const endsAt = eventDayTime(session.day, session.end)
    const capacity = session.signUpCapacity === null ? null : Math.round(session.signUpCapacity * capacityScale)
    sessions.push({
      id,
      eventId: EVENT_ID,
      slug: session.slug,
      title: session.title,
      abstract: session.abstract,
      kind: session.kind,
      trackId: session.trackSlug ? `seed-track-${session.trackSlug}` : null,
      roomId,
      startsAt,
      endsAt,
      capacity,
      signUpRequired: capacity !== null,
      status: 'SCHEDULED',
      cancelledAt: null,
      calendarUid: calendarUid('session', session.slug),
      calendarSequence: 0,
      createdAt: AGENDA_CREATED_AT,
      updatedAt: AGENDA_CREATED_AT,
    })
    session.speakers.forEach((speaker, position) => {
      sessionSpeakers.push({ sessionId: id, speakerId: `seed-speaker-${speaker.slug}`, role: speaker.role, position })
    })
    sessionInfos.push({ id, slug: session.slug, startsAt, endsAt, capacity, speakerSlugs: session.speakers.map((speaker) => speaker.slug) })
  }
  return { tracks, rooms, speakers, sessions, sessionSpeakers, sessionInfos }
}

/**
 * Approved attendees sign up for breakouts in the order they were approved: at most one
 * session per time block, seats first come first served, then the session's waiting list.
 */
function buildEnrolments(approved: readonly RegistrationOutcome[], sessionInfos: readonly SessionInfo[]) {
  const random = randomStream('enrolments')
  const signUpSessions = sessionInfos.filter((session) => session.capacity !== null)
  const blocks = new Map<number, SessionInfo[]>()
  for (const session of signUpSessions) {
    const block = blocks.get(session.startsAt.getTime()) ?? []
    block.push(session)
    blocks.set(session.startsAt.getTime(), block)
  }
  type Candidate = { outcome: RegistrationOutcome; session: SessionInfo; createdAt: Date; cancelled: boolean }
  const candidates: Candidate[] = []
  for (const outcome of approved) {
    for (const block of blocks.values()) {
      if (!random.chance(0.6)) continue
      const session = random.weighted(block.map((entry) => [entry, BREAKOUT_POPULARITY[entry.slug] ?? 1] as const))
      const decidedAt = outcome.decidedAt ?? outcome.attendee.submittedAt
      candidates.push({ outcome, session, createdAt: random.instant(decidedAt, minDate(addMs(decidedAt, 2 * DAY), DATASET_AS_OF)), cancelled: random.chance(0.05) })
    }
  }
  candidates.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.outcome.attendee.number - b.outcome.attendee.number)

  const seatsTaken = new Map<string, number>()
  const waitlistLength = new Map<string, number>()
  const enrolments: DemoDataset['sessionEnrolments'] = []
  /** userId -> sessions they hold a seat in, so meetings avoid those times. */
  const seatedSessions = new Map<string, SessionInfo[]>()
  for (const { outcome, session, createdAt, cancelled } of candidates) {
    const taken = seatsTaken.get(session.id) ?? 0
    let status: 'ENROLLED' | 'WAITLISTED' | 'CANCELLED' = 'CANCELLED'
    let waitlistNumber: number | null = null
    if (!cancelled && taken < (session.capacity ?? Number.POSITIVE_INFINITY)) {
      status = 'ENROLLED'
      seatsTaken.set(session.id, taken + 1)
      seatedSessions.set(outcome.attendee.userId, [...(seatedSessions.get(outcome.attendee.userId) ?? []), session])
    } else if (!cancelled) {
      status = 'WAITLISTED'
      waitlistNumber = (waitlistLength.get(session.id) ?? 0) + 1
      waitlistLength.set(session.id, waitlistNumber)
    }
    enrolments.push({
      id: `seed-enrolment-${session.slug}-${pad(outcome.attendee.number, 5)}`,
      sessionId: session.id,
      registrationId: outcome.attendee.registrationId,
      status,
      waitlistNumber,
      createdAt,
      updatedAt: cancelled ? minDate(addMs(createdAt, DAY), DATASET_AS_OF) : createdAt,
    })
  }
  return { enrolments, seatedSessions }
}

// ---------- Matchmaking ----------

const TECHNOLOGY_READINESS: Record<OrganisationKind, readonly [number, number] | null> = {
  GOVERNMENT_BUYER: null,
  LARGE_COMPANY: [7, 9],
  SME: [6, 9],
  START_UP: [4, 8],
  ACADEMIA: [3, 5],
  OTHER: null,
}

function buildProfiles(parties: readonly RegistrationOutcome[]) {
  const random = randomStream('profiles')
  const profiles: DemoDataset['matchmakingProfiles'] = []
  const profileCapabilities: DemoDataset['profileCapabilities'] = []
  const marketplaceItems: DemoDataset['marketplaceItems'] = []
  const matchmakingParties: MatchmakingParty[] = []
  /** How many profiles each organisation already has, to vary the copy between colleagues. */
  const colleaguesSoFar = new Map<string, number>()

  for (const { attendee, decidedAt } of parties) {
    const { organisation } = attendee
    const profileId = `seed-profile-${pad(attendee.number, 5)}`
    const approvedAt = decidedAt ?? attendee.submittedAt
    const createdAt = random.instant(approvedAt, minDate(addMs(approvedAt, 2 * DAY), DATASET_AS_OF))
    const colleagueIndex = colleaguesSoFar.get(organisation.id) ?? 0
    colleaguesSoFar.set(organisation.id, colleagueIndex + 1)
    const ownCapabilities = organisation.capabilitySlugs.length > 0 ? organisation.capabilitySlugs : [random.pick(CAPABILITIES).slug]
    const chosen = random.sample(ownCapabilities, Math.min(ownCapabilities.length, random.int(1, 3)))
    const main = chosen[0] ?? ownCapabilities[0]!
    const copy = copyFor(main)
    const isBuyer = organisation.kind === 'GOVERNMENT_BUYER'
    const headline = isBuyer
      ? copy.buyerHeadline
      : organisation.kind === 'ACADEMIA'
        ? `Research partner for ${inSentence(capabilityEntry(main).label)}`
        : organisation.kind === 'OTHER'
          ? `Connecting ${organisation.name} members with buyers`
          : copy.supplierHeadline
    const readiness = TECHNOLOGY_READINESS[organisation.kind]
    const tags = new Set(chosen.flatMap((slug) => random.sample(capabilityEntry(slug).tags, 2)))
    profiles.push({
      id: profileId,
      eventId: EVENT_ID,
      userId: attendee.userId,
      headline,
      about: `${attendee.jobTitle} at ${organisation.name}. ${organisation.description}`,
      technologyReadiness: readiness ? random.int(readiness[0], readiness[1]) : null,
      freeTags: [...tags].slice(0, 4),
      optedIn: true,
      createdAt,
      updatedAt: createdAt,
    })
    for (const slug of chosen) profileCapabilities.push({ profileId, capabilityId: capabilityId(slug) })

    const items: { kind: MarketplaceItemKind; slug: string; title: string; description: string }[] = []
    if (isBuyer) {
      for (const slug of chosen.slice(0, random.int(1, 2))) {
        const need = copyFor(slug).needs[colleagueIndex % copyFor(slug).needs.length]!
        items.push({ kind: 'NEED', slug, ...need })
      }
    } else if (MANUFACTURERS.has(organisation.kind)) {
      const offer = copy.offers[colleagueIndex % copy.offers.length]!
      items.push({ kind: 'OFFER', slug: main, ...offer })
      if (random.chance(0.35)) items.push({ kind: 'PARTNERSHIP', slug: main, ...copy.partnership })
    } else {
      items.push({ kind: 'PARTNERSHIP', slug: main, ...copy.partnership })
    }
    items.forEach((item, index) => {
      const itemCreatedAt = minDate(addMs(createdAt, (index + 1) * 5 * MINUTE), DATASET_AS_OF)
      marketplaceItems.push({
        id: `seed-marketplace-item-${pad(attendee.number, 5)}-${index + 1}`,
        eventId: EVENT_ID,
        profileId,
        kind: item.kind,
        title: item.title,
        description: item.description,
        capabilityId: capabilityId(item.slug),
        createdAt: itemCreatedAt,
        updatedAt: itemCreatedAt,
      })
    })
    matchmakingParties.push({ attendee, profileId, profileCreatedAt: createdAt, isBuyer })
  }
  return { profiles, profileCapabilities, marketplaceItems, matchmakingParties }
}

type SlotInfo = { id: string; startsAt: Date; endsAt: Date }

function buildMeetingSlots(sessionInfos: readonly SessionInfo[], b2bWindowSlugs: readonly string[]) {
  const slots: DemoDataset['meetingSlots'] = []
  for (const window of sessionInfos.filter((session) => b2bWindowSlugs.includes(session.slug))) {
    for (let start = window.startsAt.getTime(); start + MEETING_SLOT_MINUTES * MINUTE <= window.endsAt.getTime(); start += MEETING_SLOT_MINUTES * MINUTE) {
      const startsAt = new Date(start)
      const day = window.slug.endsWith('day-2') ? 2 : 1
      const wallClock = new Intl.DateTimeFormat('en-GB', { timeZone: EVENT_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startsAt).replace(':', '')
      slots.push({ id: `seed-slot-day-${day}-${wallClock}`, eventId: EVENT_ID, windowId: window.id, startsAt, endsAt: addMs(startsAt, MEETING_SLOT_MINUTES * MINUTE) })
    }
  }
  return slots
}

/** Tables 1 and 2 are kept for two buyers' delegations, as organisers often do. */
const RESERVED_TABLE_ORGANISATIONS = ['polish-defence-acquisition-office', 'allied-air-defence-support-agency'] as const

function buildMeetingTables(scale: number): DemoDataset['meetingTables'] {
  const count = Math.max(20, Math.round(20 * scale))
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1
    const reservedSlug = RESERVED_TABLE_ORGANISATIONS[index]
    return {
      id: `seed-meeting-table-${pad(number, 4)}`,
      eventId: EVENT_ID,
      number,
      name: `Table ${number}`,
      reservedForOrganisationId: reservedSlug ? `seed-organisation-${reservedSlug}` : null,
    }
  })
}

/**
 * The live state of the B2B schedule while requests are played out: who is busy when,
 * which tables are taken, and how many meetings and pending requests each person has.
 * It guarantees what the database's unique indexes demand: a person and a table at most
 * once per slot.
 */
class Schedule {
  private readonly busy = new Map<string, Set<string>>()
  private readonly tablesTaken = new Map<string, Set<string>>()
  private readonly meetingCount = new Map<string, number>()
  private readonly pendingCount = new Map<string, number>()

  constructor(
    readonly slots: readonly SlotInfo[],
    private readonly tables: DemoDataset['meetingTables'],
  ) {}

  block(userId: string, slotId: string) {
    const slots = this.busy.get(userId) ?? new Set<string>()
    slots.add(slotId)
    this.busy.set(userId, slots)
  }

  isFree(userId: string, slotId: string) {
    return !this.busy.get(userId)?.has(slotId)
  }

  commonFreeSlots(a: string, b: string) {
    return this.slots.filter((slot) => this.isFree(a, slot.id) && this.isFree(b, slot.id))
  }

  meetings(userId: string) {
    return this.meetingCount.get(userId) ?? 0
  }

  pending(userId: string) {
    return this.pendingCount.get(userId) ?? 0
  }

  addPending(userId: string) {
    this.pendingCount.set(userId, this.pending(userId) + 1)
  }

  canMeet(a: string, b: string) {
    return this.meetings(a) < MAX_MEETINGS_PER_PERSON && this.meetings(b) < MAX_MEETINGS_PER_PERSON
  }

  /** A table for these organisations in this slot: their reserved table first, else an open one. */
  private freeTable(slotId: string, organisationIds: readonly string[]) {
    const taken = this.tablesTaken.get(slotId)
    const usable = this.tables.filter(
      (table) => !taken?.has(table.id) && (table.reservedForOrganisationId === null || organisationIds.includes(table.reservedForOrganisationId)),
    )
    return usable.find((table) => table.reservedForOrganisationId !== null) ?? usable[0] ?? null
  }

  /** Books the first of the candidate slots where both people and a table are free. */
  place(a: Attendee, b: Attendee, candidateSlots: readonly SlotInfo[]) {
    if (!this.canMeet(a.userId, b.userId)) return null
    for (const slot of candidateSlots) {
      if (!this.isFree(a.userId, slot.id) || !this.isFree(b.userId, slot.id)) continue
      const table = this.freeTable(slot.id, [a.organisation.id, b.organisation.id])
      if (!table) continue
      this.block(a.userId, slot.id)
      this.block(b.userId, slot.id)
      const taken = this.tablesTaken.get(slot.id) ?? new Set<string>()
      taken.add(table.id)
      this.tablesTaken.set(slot.id, taken)
      this.meetingCount.set(a.userId, this.meetings(a.userId) + 1)
      this.meetingCount.set(b.userId, this.meetings(b.userId) + 1)
      return { slot, table }
    }
    return null
  }
}

type PlannedRequest = { requester: MatchmakingParty; recipient: MatchmakingParty; status: MeetingRequestStatus }

const REQUEST_STATUS_WEIGHTS: readonly (readonly [MeetingRequestStatus, number])[] = [
  ['ACCEPTED', 45],
  ['PENDING', 25],
  ['DECLINED', 12],
  ['CANCELLED', 8],
  ['EXPIRED', 10],
]

function pairKey(a: string, b: string) {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

function buildMatchmaking(parties: readonly MatchmakingParty[], slots: readonly SlotInfo[], tables: DemoDataset['meetingTables'], seatedSessions: ReadonlyMap<string, SessionInfo[]>, speakerBlocks: ReadonlyMap<string, SessionInfo[]>, scale: number) {
  const random = randomStream('matchmaking')
  const schedule = new Schedule(slots, tables)
  const blockedSlots: DemoDataset['blockedSlots'] = []
  const overlaps = (slot: SlotInfo, session: SessionInfo) => slot.startsAt < session.endsAt && session.startsAt < slot.endsAt

  // Speakers keep the slots of their talks free; a few other people block a slot too.
  const blockSlot = (attendee: Attendee, slot: SlotInfo) => {
    schedule.block(attendee.userId, slot.id)
    blockedSlots.push({ id: `seed-blocked-slot-${pad(attendee.number, 5)}-${slot.id.replace('seed-slot-', '')}`, eventId: EVENT_ID, userId: attendee.userId, slotId: slot.id })
  }
  for (const party of parties) {
    for (const session of speakerBlocks.get(party.attendee.userId) ?? []) {
      for (const slot of slots.filter((candidate) => overlaps(candidate, session))) blockSlot(party.attendee, slot)
    }
  }
  for (const party of random.sample(parties, Math.round(parties.length / 30))) {
    const slot = random.pick(slots)
    if (schedule.isFree(party.attendee.userId, slot.id)) blockSlot(party.attendee, slot)
  }
  // A seat in a breakout makes its time busy, without a BlockedSlot row.
  for (const party of parties) {
    for (const session of seatedSessions.get(party.attendee.userId) ?? []) {
      for (const slot of slots.filter((candidate) => overlaps(candidate, session))) schedule.block(party.attendee.userId, slot.id)
    }
  }

  const buyers = parties.filter((party) => party.isBuyer)
  const suppliers = parties.filter((party) => !party.isBuyer)
  const byPersona = new Map(parties.filter((party) => party.attendee.personaKey).map((party) => [party.attendee.personaKey, party]))
  const usedPairs = new Set<string>()
  const planned: PlannedRequest[] = []
  const plan = (requester: MatchmakingParty | undefined, recipient: MatchmakingParty | undefined, status: MeetingRequestStatus) => {
    if (!requester || !recipient) return
    if (requester.attendee.organisation.id === recipient.attendee.organisation.id) return
    const key = pairKey(requester.attendee.userId, recipient.attendee.userId)
    if (usedPairs.has(key)) return
    usedPairs.add(key)
    planned.push({ requester, recipient, status })
  }
  const anyOther = (pool: readonly MatchmakingParty[], ...exclude: (MatchmakingParty | undefined)[]) => {
    const candidates = pool.filter((party) => !exclude.includes(party) && !party.attendee.personaKey)
    return candidates.length > 0 ? random.pick(candidates) : undefined
  }

  // The demo persona Kadri Tamm gets one of everything to look at after signing in.
  const kadri = byPersona.get('kadri-tamm')
  const piotr = byPersona.get('piotr-nowak')
  const richard = byPersona.get('richard-ashworth')
  plan(kadri, piotr, 'ACCEPTED')
  plan(kadri, richard, 'ACCEPTED')
  plan(byPersona.get('laura-vaitkus'), kadri, 'PENDING')
  plan(kadri, anyOther(buyers, piotr), 'PENDING')
  plan(anyOther(suppliers, kadri), kadri, 'DECLINED')
  plan(piotr, anyOther(suppliers, kadri), 'ACCEPTED')
  const scriptedCount = planned.length

  const targetRequests = Math.round(parties.length * 1.3)
  for (let attempts = 0; planned.length < targetRequests && attempts < targetRequests * 10; attempts++) {
    const roll = random.next()
    const [fromPool, toPool] = roll < 0.5 ? [suppliers, buyers] : roll < 0.8 ? [suppliers, suppliers] : [buyers, suppliers]
    if (fromPool.length === 0 || toPool.length === 0) break
    const requester = random.pick(fromPool)
    const recipient = random.pick(toPool)
    if (requester === recipient) continue
    plan(requester, recipient, random.weighted(REQUEST_STATUS_WEIGHTS))
  }

  const meetingRequests: DemoDataset['meetingRequests'] = []
  const meetingRequestSlots: DemoDataset['meetingRequestSlots'] = []
  const meetings: DemoDataset['meetings'] = []
  const meetingParticipants: DemoDataset['meetingParticipants'] = []
  const pushMeeting = (a: Attendee, b: Attendee, placement: { slot: SlotInfo; table: DemoDataset['meetingTables'][number] }, source: 'REQUEST' | 'SCHEDULER' | 'ORGANISER', requestId: string | null, createdAt: Date) => {
    const number = meetings.length + 1
    const id = `seed-meeting-${pad(number, 5)}`
    meetings.push({
      id,
      eventId: EVENT_ID,
      slotId: placement.slot.id,
      tableId: placement.table.id,
      activeSlotId: placement.slot.id,
      requestId,
      status: 'CONFIRMED',
      source,
      cancelledAt: null,
      cancelledById: null,
      calendarUid: calendarUid('meeting', pad(number, 5)),
      calendarSequence: 0,
      createdAt,
      updatedAt: createdAt,
    })
    for (const person of [a, b]) meetingParticipants.push({ meetingId: id, userId: person.userId, activeSlotId: placement.slot.id })
    return id
  }

  planned.forEach(({ requester, recipient, status: plannedStatus }, index) => {
    const id = `seed-meeting-request-${pad(index + 1, 5)}`
    const earliest = maxDate(B2B_BOOKING_OPENS_AT, requester.profileCreatedAt, recipient.profileCreatedAt)
    let status = plannedStatus
    // A request expires after a week unanswered; one made less than a week ago is still pending.
    if (status === 'EXPIRED' && earliest.getTime() > DATASET_AS_OF.getTime() - REQUEST_EXPIRY) status = 'PENDING'
    if (status === 'PENDING' && schedule.pending(requester.attendee.userId) >= MAX_PENDING_REQUESTS_PER_PERSON) status = 'DECLINED'
    const latest = status === 'EXPIRED' ? addMs(DATASET_AS_OF, -REQUEST_EXPIRY) : addMs(DATASET_AS_OF, -HOUR)
    const createdAt = random.instant(earliest, maxDate(earliest, latest))
    const respondedAt = minDate(addMs(createdAt, random.int(60, 36 * 60) * MINUTE), DATASET_AS_OF)
    const common = random.shuffle(schedule.commonFreeSlots(requester.attendee.userId, recipient.attendee.userId))
    let proposals = common.slice(0, random.int(1, 3))
    let declineReason: string | null = null

    if (status === 'ACCEPTED') {
      const placement = schedule.place(requester.attendee, recipient.attendee, common)
      if (placement) {
        proposals = [placement.slot, ...common.filter((slot) => slot !== placement.slot).slice(0, random.int(0, 2))]
        pushMeeting(requester.attendee, recipient.attendee, placement, 'REQUEST', id, respondedAt)
      } else {
        status = 'DECLINED'
        declineReason = 'No common free slot is left.'
      }
    } else if (status === 'DECLINED') {
      declineReason = random.pick(DECLINE_REASONS)
    } else if (status === 'PENDING') {
      schedule.addPending(requester.attendee.userId)
    }
    const updatedAt = status === 'ACCEPTED' || status === 'DECLINED' ? respondedAt : status === 'EXPIRED' ? addMs(createdAt, REQUEST_EXPIRY) : status === 'CANCELLED' ? minDate(addMs(createdAt, random.int(2, 48) * HOUR), DATASET_AS_OF) : createdAt
    meetingRequests.push({
      id,
      eventId: EVENT_ID,
      requesterId: requester.attendee.userId,
      recipientId: recipient.attendee.userId,
      message: index < scriptedCount || random.chance(0.8) ? random.pick(MEETING_REQUEST_MESSAGES) : null,
      status,
      declineReason,
      createdAt,
      updatedAt,
      respondedAt: status === 'ACCEPTED' || status === 'DECLINED' ? respondedAt : null,
    })
    for (const slot of [...proposals].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) meetingRequestSlots.push({ requestId: id, slotId: slot.id })
  })

  // Must-meet pairs, set by the organiser: the scheduler has already placed some of them.
  const mustMeetPairs: DemoDataset['mustMeetPairs'] = []
  const mustMeetCount = Math.max(4, Math.round(4 * scale))
  const scheduledBy = addMs(DATASET_AS_OF, -DAY)
  for (let attempts = 0; mustMeetPairs.length < mustMeetCount && attempts < mustMeetCount * 20 && buyers.length > 0 && suppliers.length > 0; attempts++) {
    const buyer = random.pick(buyers)
    const supplier = random.pick(suppliers)
    const key = pairKey(buyer.attendee.userId, supplier.attendee.userId)
    if (usedPairs.has(key) || buyer.attendee.organisation.id === supplier.attendee.organisation.id) continue
    usedPairs.add(key)
    const [firstUserId, secondUserId] = [buyer.attendee.userId, supplier.attendee.userId].sort() as [string, string]
    const createdAt = addMs(DATASET_AS_OF, -2 * DAY + mustMeetPairs.length * MINUTE)
    mustMeetPairs.push({ id: `seed-must-meet-${pad(mustMeetPairs.length + 1, 4)}`, eventId: EVENT_ID, firstUserId, secondUserId, priority: random.int(1, 3), createdById: STAFF_USER_IDS.organiser, createdAt })
    if (mustMeetPairs.length % 2 === 1) {
      const placement = schedule.place(buyer.attendee, supplier.attendee, random.shuffle(slots))
      if (placement) pushMeeting(buyer.attendee, supplier.attendee, placement, 'SCHEDULER', null, scheduledBy)
    }
  }

  // Meetings an organiser booked by hand for a buyer.
  const organiserMeetings = Math.max(1, Math.round(scale))
  for (let made = 0, attempts = 0; made < organiserMeetings && attempts < organiserMeetings * 20 && buyers.length > 0 && suppliers.length > 0; attempts++) {
    const buyer = random.pick(buyers)
    const supplier = random.pick(suppliers)
    const key = pairKey(buyer.attendee.userId, supplier.attendee.userId)
    if (usedPairs.has(key) || buyer.attendee.organisation.id === supplier.attendee.organisation.id) continue
    const placement = schedule.place(buyer.attendee, supplier.attendee, random.shuffle(slots))
    if (!placement) continue
    usedPairs.add(key)
    pushMeeting(buyer.attendee, supplier.attendee, placement, 'ORGANISER', null, addMs(scheduledBy, (made + 1) * MINUTE))
    made++
  }

  // Cancelled meetings: the Kadri-Richard meeting first, then others from accepted requests.
  const cancelledCount = Math.max(1, Math.round(scale))
  const requestById = new Map(meetingRequests.map((request) => [request.id, request]))
  const cancellable = meetings.filter((meeting) => meeting.requestId !== null)
  const kadriRichard = cancellable.find((meeting) => {
    const request = meeting.requestId ? requestById.get(meeting.requestId) : undefined
    return request !== undefined && request.requesterId === kadri?.attendee.userId && request.recipientId === richard?.attendee.userId
  })
  const toCancel = [...(kadriRichard ? [kadriRichard] : []), ...random.shuffle(cancellable.filter((meeting) => meeting !== kadriRichard))].slice(0, cancelledCount)
  for (const meeting of toCancel) {
    const request = meeting.requestId ? requestById.get(meeting.requestId) : undefined
    const cancelledAt = minDate(addMs(meeting.createdAt, random.int(1, 24) * HOUR), DATASET_AS_OF)
    // Freed slot and table: activeSlotId goes null so the unique indexes no longer hold them.
    Object.assign(meeting, { status: 'CANCELLED', activeSlotId: null, cancelledAt, cancelledById: request?.recipientId ?? null, calendarSequence: 1, updatedAt: cancelledAt })
    for (const participant of meetingParticipants) if (participant.meetingId === meeting.id) participant.activeSlotId = null
  }

  return { meetingRequests, meetingRequestSlots, meetings, meetingParticipants, blockedSlots, mustMeetPairs }
}

// ---------- Audit log ----------

const AUDITED_ACTIONS: Partial<Record<VettingAction, string>> = {
  APPROVED: 'registration.approved',
  REJECTED: 'registration.rejected',
  WAITLISTED: 'registration.waitlisted',
  INFO_REQUESTED: 'registration.info_requested',
}

/** What staff did, as the organiser console's audit log shows it. */
function buildAuditLog(eventRoles: DemoDataset['eventRoles'], decisions: DemoDataset['vettingDecisions']): DemoDataset['auditLogEntries'] {
  const staffIds = new Set(Object.values(STAFF_USER_IDS))
  const entries: DemoDataset['auditLogEntries'] = [
    { id: 'seed-audit-event-created', eventId: EVENT_ID, actorId: STAFF_USER_IDS.owner, action: 'event.created', entityType: 'Event', entityId: EVENT_ID, ipAddress: null, createdAt: EVENT_CREATED_AT },
    { id: 'seed-audit-event-published', eventId: EVENT_ID, actorId: STAFF_USER_IDS.owner, action: 'event.published', entityType: 'Event', entityId: EVENT_ID, ipAddress: null, createdAt: EVENT_PUBLISHED_AT, data: { before: { status: 'DRAFT' }, after: { status: 'PUBLISHED' } } },
  ]
  for (const role of eventRoles) {
    if (!role.grantedById) continue
    entries.push({ id: `seed-audit-${role.id.replace('seed-', '')}`, eventId: EVENT_ID, actorId: role.grantedById, action: 'event_role.granted', entityType: 'EventRole', entityId: role.id, ipAddress: null, createdAt: role.createdAt, data: { userId: role.userId, role: role.role } })
  }
  for (const decision of decisions) {
    const action = AUDITED_ACTIONS[decision.action]
    if (!action || !decision.actorId || !staffIds.has(decision.actorId)) continue
    entries.push({
      id: `seed-audit-${decision.id.replace('seed-', '')}`,
      eventId: EVENT_ID,
      actorId: decision.actorId,
      action,
      entityType: 'Registration',
      entityId: decision.registrationId,
      ipAddress: null,
      createdAt: decision.createdAt,
      data: { fromStatus: decision.fromStatus, toStatus: decision.toStatus, ...(decision.reason ? { reason: decision.reason } : {}) },
    })
  }
  return entries
}

// ---------- The dataset ----------

export function buildDemoDataset(options: { attendees?: number } = {}): DemoDataset {
  const attendeeCount = options.attendees ?? DEFAULT_ATTENDEES
  if (!Number.isInteger(attendeeCount) || attendeeCount < 1) {
    throw new RangeError(`attendees must be a positive integer, got ${attendeeCount}`)
  }
  const scale = attendeeCount / DEFAULT_ATTENDEES

  const capabilities: DemoDataset['capabilities'] = CAPABILITIES.map((capability, position) => ({
    id: capabilityId(capability.slug),
    slug: capability.slug,
    label: capability.label,
    category: capability.category,
    parentId: null,
    position,
  }))

  const organisationInfos = buildOrganisationInfos(scale)
  const attendees = buildAttendees(attendeeCount, organisationInfos)
  const hostOrganisation = organisationInfos.find((organisation) => organisation.slug === HOST_ORGANISATION_SLUG)
  if (!hostOrganisation) throw new Error('The host organisation is missing from the catalogue')
  const users = buildUsers(attendees, hostOrganisation.id)

  // An organisation appears when its first member signs up; staff's and empty ones earlier.
  const firstMemberAt = new Map<string, Date>()
  for (const attendee of attendees) {
    const known = firstMemberAt.get(attendee.organisation.id)
    if (!known || attendee.createdAt < known) firstMemberAt.set(attendee.organisation.id, attendee.createdAt)
  }
  const organisations: DemoDataset['organisations'] = organisationInfos.map((organisation, index) => {
    const createdAt = organisation.id === hostOrganisation.id ? STAFF_CREATED_AT : (firstMemberAt.get(organisation.id) ?? addMs(EVENT_PUBLISHED_AT, index * MINUTE))
    return {
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      country: organisation.country,
      size: organisation.size,
      website: `https://${organisation.domain}`,
      description: organisation.description,
      createdAt,
      updatedAt: createdAt,
    }
  })
  const organisationCapabilities = organisationInfos.flatMap((organisation) =>
    organisation.capabilitySlugs.map((slug) => ({ organisationId: organisation.id, capabilityId: capabilityId(slug) })),
  )

  const event = buildEvent(attendeeCount)
  const eventRoles = buildEventRoles()
  const registrationQuestions = buildQuestions()
  const { registrations, decisions, outcomes } = buildRegistrations(attendees)

  const accountIds = new Map<string, string>([
    ...(Object.keys(STAFF_USER_IDS) as StaffRole[]).map((role) => [`staff:${role}`, STAFF_USER_IDS[role]] as const),
    ...attendees.filter((attendee) => attendee.personaKey).map((attendee) => [`persona:${attendee.personaKey}`, attendee.userId] as const),
  ])
  const agenda = buildAgenda(scale, accountIds, new Map(organisationInfos.map((organisation) => [organisation.slug, organisation.id])))

  const approved = outcomes
    .filter((outcome) => outcome.status === 'APPROVED')
    .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) || a.attendee.number - b.attendee.number)
  const { enrolments, seatedSessions } = buildEnrolments(approved, agenda.sessionInfos)

  const matchmakers = outcomes.filter((outcome) => outcome.status === 'APPROVED' && outcome.attendee.wantsMatchmaking)
  const { profiles, profileCapabilities, marketplaceItems, matchmakingParties } = buildProfiles(matchmakers)
  const b2bWindowSlugs = SESSIONS.filter((session) => session.kind === 'B2B_WINDOW').map((session) => session.slug)
  const meetingSlots = buildMeetingSlots(agenda.sessionInfos, b2bWindowSlugs)
  const meetingTables = buildMeetingTables(scale)

  const speakerSessions = new Map<string, SessionInfo[]>()
  for (const speaker of agenda.speakers) {
    if (!speaker.userId) continue
    speakerSessions.set(speaker.userId, agenda.sessionInfos.filter((session) => session.speakerSlugs.includes(speaker.slug)))
  }
  const matchmaking = buildMatchmaking(matchmakingParties, meetingSlots, meetingTables, seatedSessions, speakerSessions, scale)

  return {
    capabilities,
    organisations,
    organisationCapabilities,
    users,
    events: [event],
    eventRoles,
    registrationQuestions,
    registrations,
    vettingDecisions: decisions,
    tracks: agenda.tracks,
    rooms: agenda.rooms,
    speakers: agenda.speakers,
    agendaSessions: agenda.sessions,
    sessionSpeakers: agenda.sessionSpeakers,
    sessionEnrolments: enrolments,
    matchmakingProfiles: profiles,
    profileCapabilities,
    marketplaceItems,
    meetingSlots,
    meetingTables,
    meetingRequests: matchmaking.meetingRequests,
    meetingRequestSlots: matchmaking.meetingRequestSlots,
    meetings: matchmaking.meetings,
    meetingParticipants: matchmaking.meetingParticipants,
    blockedSlots: matchmaking.blockedSlots,
    mustMeetPairs: matchmaking.mustMeetPairs,
    auditLogEntries: buildAuditLog(eventRoles, decisions),
  }
}
