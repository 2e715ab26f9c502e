// The demo dataset: the counter-UAS Industry Day with its organisations, people,
// registrations, agenda and matchmaking, as plain rows for every table it fills.
// Pure and deterministic: the same options give the same rows (ids, timestamps, codes),
// so seeding is idempotent and tests and benchmarks can rely on exact contents.
// Randomness comes only from seeded PRNG streams, one per concern, so a change in one
// part (say, more organisations) does not reshuffle another (say, the agenda).
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import type {
  EventRoleKind,
  OrganisationKind,
  OrganisationSize,
  RegistrationStatus,
  VettingAction,
} from '#prisma/generated/sqlite/enums.ts'
import {
  BREAKOUT_POPULARITY,
  CAPABILITIES,
  COUNTRY_ADJECTIVES,
  DIETARY_ANSWERS,
  EVENT_SLUG,
  EVENT_TITLE,
  EVENT_TIME_ZONE,
  GENERATED_BUYER_UNITS,
  GENERATED_DESCRIPTIONS,
  GENERATED_NAME_FIRST,
  GENERATED_NAME_SECOND,
  GENERATED_NAME_SUFFIX,
  HOST_ORGANISATION_SLUG,
  INFO_REQUEST_REASON,
  JOB_TITLES,
  MOTIVATIONS,
  NAMES_BY_REGION,
  NAME_REGION_OF_COUNTRY,
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
  type NatoCountry,
  type RegistrationScenario,
  type SecurityClearance,
  type StaffRole,
} from './demo-content.ts'
import {
  AGENDA_CREATED_AT,
  B2B_BOOKING_CLOSES_AT,
  B2B_BOOKING_OPENS_AT,
  DATASET_AS_OF,
  DAY,
  DECIDED_SUBMISSIONS_END,
  EVENT_CREATED_AT,
  EVENT_ID,
  EVENT_PUBLISHED_AT,
  MANUFACTURERS,
  MAX_MEETINGS_PER_PERSON,
  MAX_PENDING_REQUESTS_PER_PERSON,
  MEETING_SLOT_MINUTES,
  MINUTE,
  REGISTRATION_CLOSES_AT,
  REGISTRATION_OPENS_AT,
  STAFF_CREATED_AT,
  STAFF_USER_IDS,
  UNDECIDED_SUBMISSIONS_END,
  UNDECIDED_SUBMISSIONS_START,
  addMs,
  badgeCodeFor,
  calendarUid,
  capabilityEntry,
  capabilityId,
  eventDayTime,
  inJsonbKeyOrder,
  listInSentence,
  maxDate,
  minDate,
  officeTimeAfter,
  pad,
  randomStream,
  slugify,
  timeOfDay,
  toAscii,
  type Attendee,
  type OrganisationInfo,
  type Random,
  type RegistrationOutcome,
  type SessionInfo,
} from './demo-support.ts'
import { buildMatchmaking, buildMeetingSlots, buildMeetingTables, buildProfiles } from './demo-matchmaking.ts'
import { demoTimeline, type DemoTimeline } from './demo-timeline.ts'

export { DATASET_AS_OF } from './demo-support.ts'

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
  const handWritten: OrganisationInfo[] = ORGANISATIONS.map(({ capabilities, ...entry }) => ({
    ...entry,
    id: `seed-organisation-${entry.slug}`,
    capabilitySlugs: capabilities,
  }))
  const guests = ORGANISATIONS.filter((entry) => entry.slug !== HOST_ORGANISATION_SLUG)
  const generatedCount = Math.max(0, Math.round(guests.length * scale) - guests.length)
  const random = randomStream('organisations')
  const takenNames = new Set(handWritten.map((organisation) => organisation.name))
  const generated: OrganisationInfo[] = []
  for (let index = 0; index < generatedCount; index++) {
    const kind = guests[index % guests.length]!.kind
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
  const reservedNames = new Set([
    ...PERSONAS.map((persona) => `${persona.firstName} ${persona.lastName}`),
    ...Object.values(STAFF).map((staff) => staff.name),
  ])
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

    // A day (busiest right after opening), then a waking hour of that day.
    const submissionDay = DECIDED_LATER.has(scenario)
      ? random.instant(UNDECIDED_SUBMISSIONS_START, UNDECIDED_SUBMISSIONS_END)
      : random.instant(REGISTRATION_OPENS_AT, DECIDED_SUBMISSIONS_END, 1.6)
    const submittedAt = maxDate(timeOfDay(random, submissionDay, 0, 7, 23), REGISTRATION_OPENS_AT)
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
      // The owner created the demo event.
      isEventCreator: role === 'owner',
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
    isEventCreator: false,
    createdAt: attendee.createdAt,
    updatedAt: attendee.createdAt,
    erasedAt: null,
  }))
  return [...staffUsers, ...attendeeUsers]
}

// ---------- Event, roles and questions ----------

function buildEvent(seatsTaken: number, lastWaitlistNumber: number): DemoDataset['events'][number] {
  const firstSession = SESSIONS[0]
  const lastSession = SESSIONS.at(-1)
  if (!firstSession || !lastSession) throw new Error('The demo agenda is empty')
  return {
    id: EVENT_ID,
    slug: EVENT_SLUG,
    title: EVENT_TITLE,
    summary: 'Two days of briefings, breakouts and B2B meetings on countering drones, at NATO HQ in Brussels.',
    description: [
      'Drones have changed air defence. This industry day briefs industry on the Alliance’s counter-UAS needs, from detecting small drones to defeating them at a cost that can be sustained, and on how Allies intend to buy at scale.',
      'Day one opens with plenaries on the eastern-flank air-defence mission, the counter-UAS package of measures, capability targets for air and missile defence and lessons from Ukraine, followed by breakouts on detection, defeat and command and control. Day two covers production at scale, supply chains and how start-ups get procured.',
      'The afternoon of day one and the morning of day two are set aside for pre-arranged B2B meetings between national procurement agencies, large companies, SMEs, start-ups and research institutes.',
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
    // Every seat is taken: the waiting list is real, and promotion starts when a seat frees.
    capacity: seatsTaken,
    seatsTaken,
    waitlistCounter: lastWaitlistNumber,
    approvalRequired: true,
    waitlistEnabled: true,
    attendeeListPublic: false,
    eligibleNationalities: [...NATO_MEMBER_STATES],
    eligibilityExplanation: 'Open to nationals of NATO member states: the briefings cover Alliance capability requirements.',
    status: 'PUBLISHED',
    publishedAt: EVENT_PUBLISHED_AT,
    // Answers and vetting notes are purged six months after the day.
    retentionDays: 180,
    personalDataPurgedAt: null,
    cancelledAt: null,
    cancellationReason: null,
    archivedAt: null,
    b2bEnabled: true,
    b2bBookingOpensAt: B2B_BOOKING_OPENS_AT,
    b2bBookingClosesAt: B2B_BOOKING_CLOSES_AT,
    maxMeetingsPerPerson: MAX_MEETINGS_PER_PERSON,
    maxPendingRequestsPerPerson: MAX_PENDING_REQUESTS_PER_PERSON,
    // The demo's slots tile each B2B window back to back.
    meetingSlotMinutes: MEETING_SLOT_MINUTES,
    meetingBreakMinutes: 0,
    profileVisibility: 'ALL_ATTENDEES',
    calendarUid: calendarUid('event', EVENT_SLUG),
    calendarSequence: 0,
    createdAt: EVENT_CREATED_AT,
    updatedAt: EVENT_PUBLISHED_AT,
  }
}

const EVENT_ROLES: readonly { role: EventRoleKind; holder: StaffRole; grantedBy: StaffRole | null }[] = [
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
    ...(question.options ? { options: inJsonbKeyOrder(question.options.map((option) => ({ ...option }))) } : {}),
  }))
}

// ---------- Registrations and vetting ----------

const CLEARANCE_WEIGHTS: Record<OrganisationKind, readonly (readonly [SecurityClearance, number])[]> = {
  GOVERNMENT_BUYER: [
    ['nato-secret', 7],
    ['nato-confidential', 3],
  ],
  LARGE_COMPANY: [
    ['nato-secret', 5],
    ['nato-confidential', 4],
    ['nato-restricted', 1],
  ],
  SME: [
    ['nato-confidential', 4],
    ['nato-restricted', 3],
    ['none', 3],
  ],
  START_UP: [
    ['nato-restricted', 3],
    ['none', 7],
  ],
  ACADEMIA: [
    ['nato-restricted', 3],
    ['none', 7],
  ],
  OTHER: [
    ['nato-restricted', 5],
    ['none', 5],
  ],
}

function buildAnswers(attendee: Attendee, random: Random): RegistrationAnswers {
  const { organisation } = attendee
  const ownCategories = organisation.capabilitySlugs.map((slug) => categoryValue(capabilityEntry(slug).category))
  const interests = new Set([
    ...ownCategories.slice(0, 2),
    ...random.sample(CAPABILITIES, 1).map((capability) => categoryValue(capability.category)),
  ])
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

type DecisionStep = {
  action: VettingAction
  actorId: string | null
  from: RegistrationStatus | null
  to: RegistrationStatus
  at: Date
  reason: string | null
  changes?: Prisma.InputJsonObject
}

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
    const submitted: DecisionStep = {
      action: 'SUBMITTED',
      actorId: attendee.userId,
      from: null,
      to: 'PENDING',
      at: attendee.submittedAt,
      reason: null,
    }
    const steps: DecisionStep[] = [submitted]
    const decideAt = (after: Date, minDays: number, maxDays: number) => officeTimeAfter(random, after, minDays, maxDays)
    let infoRequestedAt: Date | null = null
    let cancelledAt: Date | null = null
    let waitlistedAt: Date | null = null

    switch (attendee.scenario) {
      case 'approved':
        steps.push({
          action: 'APPROVED',
          actorId: decider(),
          from: 'PENDING',
          to: 'APPROVED',
          at: decideAt(attendee.submittedAt, 0, 3),
          reason: null,
        })
        break
      case 'promoted': {
        const joined = decideAt(attendee.submittedAt, 0, 2)
        steps.push({
          action: 'WAITLISTED',
          actorId: decider(),
          from: 'PENDING',
          to: 'WAITLISTED',
          at: joined,
          reason: 'Eligible; the event is full, so you are on the waiting list.',
        })
        steps.push({
          action: 'PROMOTED',
          actorId: null,
          from: 'WAITLISTED',
          to: 'APPROVED',
          at: decideAt(joined, 1, 3),
          reason: 'A seat became free.',
        })
        waitlistEntries.push({ index: registrations.length, at: joined, stillWaiting: false })
        break
      }
      case 'pending':
        break
      case 'infoRequested':
        infoRequestedAt = decideAt(attendee.submittedAt, 0, 0)
        steps.push({
          action: 'INFO_REQUESTED',
          actorId: STAFF_USER_IDS.vettingOfficer,
          from: 'PENDING',
          to: 'PENDING',
          at: infoRequestedAt,
          reason: INFO_REQUEST_REASON,
        })
        break
      case 'editedAfterApproval': {
        const approvedAt = decideAt(attendee.submittedAt, 0, 3)
        steps.push({ action: 'APPROVED', actorId: decider(), from: 'PENDING', to: 'APPROVED', at: approvedAt, reason: null })
        const before = String(answers.motivation)
        answers.motivation = `${before} We have since added a laser effector to our portfolio and would like to discuss it too.`
        steps.push({
          action: 'EDITED',
          actorId: attendee.userId,
          from: 'APPROVED',
          to: 'PENDING',
          at: decideAt(approvedAt, 0, 2),
          reason: 'A vetted answer changed.',
          changes: { motivation: { before, after: answers.motivation } },
        })
        break
      }
      case 'waitlisted':
        waitlistedAt = decideAt(attendee.submittedAt, 0, 2)
        steps.push({
          action: 'WAITLISTED',
          actorId: decider(),
          from: 'PENDING',
          to: 'WAITLISTED',
          at: waitlistedAt,
          reason: 'Eligible; the event is full, so you are on the waiting list.',
        })
        waitlistEntries.push({ index: registrations.length, at: waitlistedAt, stillWaiting: true })
        break
      case 'rejected':
        steps.push({
          action: 'REJECTED',
          actorId: STAFF_USER_IDS.vettingOfficer,
          from: 'PENDING',
          to: 'REJECTED',
          at: decideAt(attendee.submittedAt, 0, 3),
          reason: random.pick(REJECTION_REASONS),
        })
        break
      case 'cancelled': {
        const approvedAt = decideAt(attendee.submittedAt, 0, 3)
        steps.push({ action: 'APPROVED', actorId: decider(), from: 'PENDING', to: 'APPROVED', at: approvedAt, reason: null })
        cancelledAt = decideAt(approvedAt, 1, 2)
        steps.push({
          action: 'CANCELLED',
          actorId: attendee.userId,
          from: 'APPROVED',
          to: 'CANCELLED',
          at: cancelledAt,
          reason: 'I can no longer attend.',
        })
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
      nationality: attendee.nationality,
      // The demo's registrations predate recorded consent wordings.
      consentVersion: null,
      status,
      // An approved person who edited vetted details is back in vetting but keeps the seat.
      holdsSeat: status === 'APPROVED' || (status === 'PENDING' && steps.some((step) => step.to === 'APPROVED')),
      waitlistNumber: null,
      waitlistedAt,
      answers: inJsonbKeyOrder(answers),
      consentGivenAt: attendee.submittedAt,
      infoRequestedAt,
      submittedAt: attendee.submittedAt,
      decidedAt,
      cancelledAt,
      badgeCode,
      checkedInAt: null,
      checkedInById: null,
      // Two in three agreed to appear in "Who is coming" when they registered.
      attendeeListConsentAt: attendee.number % 3 === 0 ? null : attendee.submittedAt,
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
        ...(step.changes ? { changes: inJsonbKeyOrder(step.changes) } : {}),
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
    const accountKey =
      speaker.account === null
        ? null
        : 'persona' in speaker.account
          ? `persona:${speaker.account.persona}`
          : `staff:${speaker.account.staff}`
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
      // Counted from the enrolments by withDerivedCounters.
      seatsTaken: 0,
      waitlistCounter: 0,
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
    sessionInfos.push({
      id,
      slug: session.slug,
      day: session.day,
      kind: session.kind,
      startsAt,
      endsAt,
      capacity,
      speakerSlugs: session.speakers.map((speaker) => speaker.slug),
    })
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
      candidates.push({
        outcome,
        session,
        createdAt: random.instant(decidedAt, minDate(addMs(decidedAt, 2 * DAY), DATASET_AS_OF)),
        cancelled: random.chance(0.05),
      })
    }
  }
  candidates.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.outcome.attendee.number - b.outcome.attendee.number,
  )

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
      // Leaving raised the person's own sequence, as the app does.
      calendarSequence: cancelled ? 1 : 0,
      cancelledAt: cancelled ? minDate(addMs(createdAt, DAY), DATASET_AS_OF) : null,
      createdAt,
      updatedAt: cancelled ? minDate(addMs(createdAt, DAY), DATASET_AS_OF) : createdAt,
    })
  }
  return { enrolments, seatedSessions }
}

// ---------- Audit log ----------

const AUDITED_ACTIONS: Partial<Record<VettingAction, string>> = {
  APPROVED: 'registration.approved',
  REJECTED: 'registration.rejected',
  WAITLISTED: 'registration.waitlisted',
  INFO_REQUESTED: 'registration.info_requested',
}

/** What staff did, as the organiser console's audit log shows it. */
function buildAuditLog(
  eventRoles: DemoDataset['eventRoles'],
  decisions: DemoDataset['vettingDecisions'],
): DemoDataset['auditLogEntries'] {
  const staffIds = new Set(Object.values(STAFF_USER_IDS))
  const entries: DemoDataset['auditLogEntries'] = [
    {
      id: 'seed-audit-event-created',
      eventId: EVENT_ID,
      actorId: STAFF_USER_IDS.owner,
      action: 'event.created',
      entityType: 'Event',
      entityId: EVENT_ID,
      ipAddress: null,
      createdAt: EVENT_CREATED_AT,
    },
    {
      id: 'seed-audit-event-published',
      eventId: EVENT_ID,
      actorId: STAFF_USER_IDS.owner,
      action: 'event.published',
      entityType: 'Event',
      entityId: EVENT_ID,
      ipAddress: null,
      createdAt: EVENT_PUBLISHED_AT,
      data: inJsonbKeyOrder({ before: { status: 'DRAFT' }, after: { status: 'PUBLISHED' } }),
    },
  ]
  for (const role of eventRoles) {
    if (!role.grantedById) continue
    entries.push({
      id: `seed-audit-${role.id.replace('seed-', '')}`,
      eventId: EVENT_ID,
      actorId: role.grantedById,
      action: 'event_role.granted',
      entityType: 'EventRole',
      entityId: role.id,
      ipAddress: null,
      createdAt: role.createdAt,
      data: inJsonbKeyOrder({ userId: role.userId, role: role.role }),
    })
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
      data: inJsonbKeyOrder({
        fromStatus: decision.fromStatus,
        toStatus: decision.toStatus,
        ...(decision.reason ? { reason: decision.reason } : {}),
      }),
    })
  }
  return entries
}

// ---------- The dataset ----------

export function buildDemoDataset(options: { attendees?: number; reference?: Date } = {}): DemoDataset {
  return movedToReference(buildCanonicalDataset(options.attendees), demoTimeline(options.reference))
}

/** The dataset as of DATASET_AS_OF, before it is moved to the reference day. */
function buildCanonicalDataset(requestedAttendees?: number): DemoDataset {
  const attendeeCount = requestedAttendees ?? DEFAULT_ATTENDEES
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
    const createdAt =
      organisation.id === hostOrganisation.id
        ? STAFF_CREATED_AT
        : (firstMemberAt.get(organisation.id) ?? addMs(EVENT_PUBLISHED_AT, index * MINUTE))
    return {
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      country: organisation.country,
      size: organisation.size,
      website: `https://${organisation.domain}`,
      description: organisation.description,
      // The demo's organisations are the curated catalogue; none was added by a registrant.
      addedById: null,
      createdAt,
      updatedAt: createdAt,
    }
  })
  const organisationCapabilities = organisationInfos.flatMap((organisation) =>
    organisation.capabilitySlugs.map((slug) => ({ organisationId: organisation.id, capabilityId: capabilityId(slug) })),
  )

  const { registrations, decisions, outcomes } = buildRegistrations(attendees)
  const event = buildEvent(
    registrations.filter((registration) => registration.holdsSeat).length,
    Math.max(0, ...registrations.map((registration) => registration.waitlistNumber ?? 0)),
  )
  const eventRoles = buildEventRoles()
  const registrationQuestions = buildQuestions()

  const accountIds = new Map<string, string>([
    ...(Object.keys(STAFF_USER_IDS) as StaffRole[]).map((role) => [`staff:${role}`, STAFF_USER_IDS[role]] as const),
    ...attendees
      .filter((attendee) => attendee.personaKey)
      .map((attendee) => [`persona:${attendee.personaKey}`, attendee.userId] as const),
  ])
  const agenda = buildAgenda(
    scale,
    accountIds,
    new Map(organisationInfos.map((organisation) => [organisation.slug, organisation.id])),
  )

  const approved = outcomes
    .filter((outcome) => outcome.status === 'APPROVED')
    .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) || a.attendee.number - b.attendee.number)
  const { enrolments, seatedSessions } = buildEnrolments(approved, agenda.sessionInfos)

  const matchmakers = outcomes.filter((outcome) => outcome.status === 'APPROVED' && outcome.attendee.wantsMatchmaking)
  const { profiles, profileCapabilities, marketplaceItems, matchmakingParties } = buildProfiles(matchmakers)
  const meetingSlots = buildMeetingSlots(agenda.sessionInfos)
  const meetingTables = buildMeetingTables(scale)

  const speakerSessions = new Map<string, SessionInfo[]>()
  for (const speaker of agenda.speakers) {
    if (!speaker.userId) continue
    speakerSessions.set(
      speaker.userId,
      agenda.sessionInfos.filter((session) => session.speakerSlugs.includes(speaker.slug)),
    )
  }
  const matchmaking = buildMatchmaking(matchmakingParties, meetingSlots, meetingTables, seatedSessions, speakerSessions, scale)

  return withDerivedCounters({
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
  })
}

/**
 * Every instant of every row moved by the timeline's one offset (so no order or duration
 * changes), and the event named after the year it now falls in.
 */
function movedToReference(dataset: DemoDataset, timeline: DemoTimeline): DemoDataset {
  if (timeline.weeks === 0) return dataset
  const moveRow = <T extends object>(row: T): T => {
    const moved: Record<string, unknown> = { ...(row as Record<string, unknown>) }
    for (const [key, value] of Object.entries(moved)) if (value instanceof Date) moved[key] = timeline.move(value)
    return moved as T
  }
  const moved = Object.fromEntries(
    Object.entries(dataset).map(([table, rows]: [string, object[]]) => [table, rows.map(moveRow)]),
  ) as DemoDataset
  return { ...moved, events: moved.events.map((event) => ({ ...event, slug: timeline.slug, title: timeline.title })) }
}

/**
 * The counters the app keeps next to the rows they count (seats and waiting numbers of a
 * session, a person's meetings and open requests), derived
 * from those rows so the demo data obeys the same invariants as data the app writes.
 */
function withDerivedCounters(dataset: DemoDataset): DemoDataset {
  const countBy = <T>(rows: readonly T[], key: (row: T) => string | null) => {
    const counts = new Map<string, number>()
    for (const row of rows) {
      const value = key(row)
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    return counts
  }
  const seats = countBy(dataset.sessionEnrolments, (enrolment) => (enrolment.status === 'ENROLLED' ? enrolment.sessionId : null))
  const lastWaitlistNumber = new Map<string, number>()
  for (const { sessionId, waitlistNumber } of dataset.sessionEnrolments) {
    if (waitlistNumber !== null && waitlistNumber !== undefined)
      lastWaitlistNumber.set(sessionId, Math.max(lastWaitlistNumber.get(sessionId) ?? 0, waitlistNumber))
  }
  const confirmedMeetings = new Set(dataset.meetings.filter((meeting) => meeting.status !== 'CANCELLED').map((meeting) => meeting.id))
  const meetingsBooked = countBy(dataset.meetingParticipants, (participant) =>
    confirmedMeetings.has(participant.meetingId) ? participant.userId : null,
  )
  const pendingSent = countBy(dataset.meetingRequests, (request) => (request.status === 'PENDING' ? request.requesterId : null))
  return {
    ...dataset,
    agendaSessions: dataset.agendaSessions.map((session) => ({
      ...session,
      seatsTaken: seats.get(session.id) ?? 0,
      waitlistCounter: lastWaitlistNumber.get(session.id) ?? 0,
    })),
    matchmakingProfiles: dataset.matchmakingProfiles.map((profile) => ({
      ...profile,
      meetingsBooked: meetingsBooked.get(profile.userId) ?? 0,
      pendingRequestsSent: pendingSent.get(profile.userId) ?? 0,
    })),
  }
}
