// Registration and vetting: every status change of a registration is one transaction that
// updates the row, appends the decision to the history, moves seats and waiting places with
// conditional updates (so capacity holds under concurrency, across app instances), and
// queues the email with its calendar invite. Functions take the client so tests can use
// their own database.
import { createHash, randomBytes } from 'node:crypto'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import { busyTransactionOptions, isDatabaseBusy, isUniqueViolation, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import type { RegistrationMessageKind } from '#emails/registration-update.tsx'
import { releaseEnrolmentsOfRegistration } from '#app/domain/agenda/breakouts.server.ts'
import { eventInviteFromRow, registrationEntrySelect } from '#app/domain/calendar/calendar.server.ts'
import { queueEmail, queueEmails, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { registrationWindowState, publicEventWhere, type WindowInput } from '#app/domain/events/events.ts'
import {
  NEW_ORGANISATION,
  REGISTRATION_CONSENT_TEXT,
  vettedChanges,
  type Answers,
  type RegistrationFormValues,
  type RegistrationQuestion,
} from './registration-form.ts'
import { DomainError, isDomainError } from '#app/lib/domain-error.ts'
import { slugify } from '#app/lib/slug.ts'
import { createGroupCommit, type GroupCommit } from '#app/lib/group-commit.server.ts'
import { registrationAdmission } from '#app/lib/admission.server.ts'
import { newRowId } from '#app/lib/row-id.server.ts'
import { join, sqltag as sql } from '@prisma/client/runtime/client'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'

type Tx = DbTransaction
type RegistrationStatus = 'PENDING' | 'APPROVED' | 'WAITLISTED' | 'REJECTED' | 'CANCELLED'

// ---------- Reading ----------

/** The event as registering for it needs it: the form, the window, the seats, and what a new registration's email and invite show. */
export type EventForRegistration = {
  id: string
  slug: string
  title: string
  summary: string
  timeZone: string
  startsAt: Date
  endsAt: Date
  venueName: string
  venueAddress: string
  status: WindowInput['status']
  registrationOpensAt: Date
  registrationClosesAt: Date
  capacity: number | null
  seatsTaken: number
  waitlistEnabled: boolean
  approvalRequired: boolean
  eligibleNationalities: string[] | null
  eligibilityExplanation: string | null
  hostName: string
  contactEmail: string
  /** The version registerGroup checks the event against when the seat is taken. */
  calendarSequence: number
  updatedAt: Date
  /** The form's live questions, in their order. */
  questions: RegistrationQuestion[]
}

type EventForRegistrationRow = Omit<EventForRegistration, 'questions' | 'eligibleNationalities' | 'capacity' | 'seatsTaken' | 'calendarSequence'> & {
  capacity: number | bigint | null
  seatsTaken: number | bigint
  calendarSequence: number | bigint
  eligibleNationalities: unknown
  registrationId: string | null
  registrationStatus: RegistrationStatus | null
  registrationConsentVersion: string | null
  questionKey: string | null
  questionLabel: string
  questionHelpText: string | null
  questionKind: RegistrationQuestion['kind']
  questionRequired: boolean
  questionVetted: boolean
  questionOptions: unknown
}

/**
 * The event by its slug or id while the public can see it, its live questions and the person's
 * registration for it, in one statement: every registration of a rush reads this, and Prisma's
 * nested read of the same took three statements and 0.6 ms of CPU (raw, 0.1 ms). One row per
 * question (the event's and the registration's columns repeated), or one row without a question.
 */
async function readEventForRegistration(
  db: Db,
  where: { slug: string } | { id: string },
  userId: string | null,
): Promise<{ event: EventForRegistration; existing: ExistingRegistration | null } | null> {
  const rows = await db.$queryRaw<EventForRegistrationRow[]>`
    -- prepared: event-for-registration
    SELECT e."id", e."slug", e."title", e."summary", e."timeZone", e."startsAt", e."endsAt", e."venueName", e."venueAddress",
      e."status", e."registrationOpensAt", e."registrationClosesAt", e."capacity", e."seatsTaken", e."waitlistEnabled",
      e."approvalRequired", e."eligibleNationalities", e."eligibilityExplanation", e."hostName", e."contactEmail",
      e."calendarSequence", e."updatedAt",
      r."id" AS "registrationId", r."status" AS "registrationStatus", r."consentVersion" AS "registrationConsentVersion",
      q."key" AS "questionKey", q."label" AS "questionLabel", q."helpText" AS "questionHelpText", q."kind" AS "questionKind",
      q."required" AS "questionRequired", q."vetted" AS "questionVetted", q."options" AS "questionOptions"
    FROM "Event" e
    LEFT JOIN "Registration" r ON r."eventId" = e."id" AND r."userId" = ${userId}
    LEFT JOIN "RegistrationQuestion" q ON q."eventId" = e."id" AND q."archivedAt" IS NULL
    WHERE ${'slug' in where ? sql`e."slug" = ${where.slug}` : sql`e."id" = ${where.id}`}
      AND e."status" IN (${join(publicEventWhere.status.in)})
    ORDER BY q."position", q."id"`
  const [first] = rows
  if (!first) return null
  const event: EventForRegistration = {
    id: first.id,
    slug: first.slug,
    title: first.title,
    summary: first.summary,
    timeZone: first.timeZone,
    startsAt: new Date(first.startsAt),
    endsAt: new Date(first.endsAt),
    venueName: first.venueName,
    venueAddress: first.venueAddress,
    status: first.status,
    registrationOpensAt: new Date(first.registrationOpensAt),
    registrationClosesAt: new Date(first.registrationClosesAt),
    capacity: first.capacity === null ? null : Number(first.capacity),
    seatsTaken: Number(first.seatsTaken),
    waitlistEnabled: Boolean(first.waitlistEnabled),
    approvalRequired: Boolean(first.approvalRequired),
    eligibleNationalities: jsonArrayOf<string>(first.eligibleNationalities),
    eligibilityExplanation: first.eligibilityExplanation,
    hostName: first.hostName,
    contactEmail: first.contactEmail,
    calendarSequence: Number(first.calendarSequence),
    updatedAt: new Date(first.updatedAt),
    questions: rows
      .filter((row) => row.questionKey !== null)
      .map((row) => ({
        key: row.questionKey!,
        label: row.questionLabel,
        helpText: row.questionHelpText,
        kind: row.questionKind,
        required: Boolean(row.questionRequired),
        vetted: Boolean(row.questionVetted),
        options: jsonArrayOf<NonNullable<RegistrationQuestion['options']>[number]>(row.questionOptions),
      })),
  }
  const existing = first.registrationId === null ? null : { id: first.registrationId, status: first.registrationStatus!, consentVersion: first.registrationConsentVersion }
  return { event, existing }
}

/** A JSON column's array as the driver hands it over (parsed, or the text on a driver that does not parse); anything else is none. */
function jsonArrayOf<T>(value: unknown): T[] | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(parsed) ? (parsed as T[]) : null
}

export async function getEventForRegistration(db: Db, slug: string): Promise<EventForRegistration | null> {
  return (await readEventForRegistration(db, { slug }, null))?.event ?? null
}

/**
 * The event as a submission needs it, with the person's registration for it if they have one
 * (the form's consent question and "new or an edit"), in one statement: a rush reads this for everyone.
 */
export async function getEventForSubmission(db: Db, slug: string, userId: string) {
  return readEventForRegistration(db, { slug }, userId)
}

/** The signed-in person's own registration for an event, with what they may see of it. */
export async function getOwnRegistration(db: Db, eventId: string, userId: string) {
  const registration = await db.registration.findUnique({
    where: { eventId_userId: { eventId, userId } },
    select: {
      id: true,
      status: true,
      holdsSeat: true,
      waitlistNumber: true,
      answers: true,
      organisationId: true,
      organisation: { select: { name: true } },
      nationality: true,
      infoRequestedAt: true,
      submittedAt: true,
      decidedAt: true,
      cancelledAt: true,
      checkedInAt: true,
      badgeCode: true,
      attendeeListConsentAt: true,
      decisions: {
        orderBy: { createdAt: 'desc' },
        take: 1,
        where: { action: 'INFO_REQUESTED' },
        select: { reason: true, createdAt: true },
      },
    },
  })
  if (!registration) return null
  const { decisions, badgeCode, ...rest } = registration
  return {
    ...rest,
    answers: registration.answers as Answers,
    // The badge code only exists for the attendee once they have a seat.
    badgeCode: registration.status === 'APPROVED' ? badgeCode : null,
    infoRequest: registration.infoRequestedAt ? (decisions[0]?.reason ?? null) : null,
    waitlistPosition: registration.status === 'WAITLISTED' ? await waitlistPosition(db, eventId, registration.waitlistNumber) : null,
  }
}

/** A waiting registration's place in the line: 1 is next. */
export async function waitlistPosition(db: Db | Tx, eventId: string, waitlistNumber: number | null) {
  if (waitlistNumber === null) return null
  // A plain COUNT is answered from the (eventId, status, waitlistNumber) index alone; Prisma's
  // count selects the ids, a row lookup each (3× slower with 5,000 waiting, on SQLite).
  const [counted] = await db.$queryRaw<{ ahead: bigint | number }[]>`
    SELECT COUNT(*) AS "ahead" FROM "Registration"
    WHERE "eventId" = ${eventId} AND "status" = 'WAITLISTED' AND "waitlistNumber" < ${waitlistNumber}`
  return 1 + Number(counted?.ahead ?? 0)
}

export async function listOrganisationsForPicker(db: Db) {
  return db.organisation.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, country: true, kind: true } })
}

export async function getRegistrantProfile(db: Db, userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, jobTitle: true, nationality: true, organisationId: true, email: true },
  })
}

// ---------- Submitting and editing ----------

export type SubmitOutcome = { registrationId: string; status: RegistrationStatus; created: boolean; backToVetting: boolean }

/**
 * Registers the person, or saves their changes when they already have a live registration.
 * A double submit, a second tab or a retry never creates a second registration: the unique
 * (event, person) index stops it, and the loser reads the winner's row.
 */
export async function submitRegistration(
  db: Db,
  input: {
    event: EventForRegistration
    userId: string
    values: RegistrationFormValues
    now?: Date
    /** The person's registration as the caller read it for this request (getEventForSubmission); read here when absent. */
    existing?: ExistingRegistration | null
  },
): Promise<SubmitOutcome> {
  const now = input.now ?? new Date()
  const { event, userId, values } = input
  const existing = input.existing !== undefined ? input.existing : await findRegistrationForSubmission(db, event.id, userId)
  if (existing?.status === 'REJECTED') {
    throw new DomainError('conflict', 'Your registration for this event was not accepted, so you cannot register again.', { code: 'rejected-before' })
  }
  if (existing && existing.status !== 'CANCELLED') return editRegistration(db, { event, registrationId: existing.id, userId, values, now })

  const consentVersion = await storeConsentText(db)
  refuseUnlessRegistrationOpen(event, now)
  try {
    if (!existing) {
      const request = { event, userId, values, consentVersion, now }
      const commits = groupCommitsOf(db)
      const placed = event.approvalRequired
        ? await commits.vetting.submit(event.id, request)
        : ((seatAppearsFree(event) ? await commits.seat.submit(event.id, request) : null) ??
          (event.waitlistEnabled ? await commits['waiting-list'].submit(event.id, request) : null))
      if (placed) return placed
    }
    return await db.$transaction(async (tx) => {
      const organisationId = await saveRegistrantDetails(tx, values, userId)
      const data = {
        ...submittedFields(values, { organisationId, consentVersion, now }),
        status: 'PENDING' as const,
        holdsSeat: false,
        waitlistNumber: null,
        waitlistedAt: null,
        infoRequestedAt: null,
        decidedAt: null,
        cancelledAt: null,
      }
      const registration = existing
        ? // Coming back after cancelling: the same row (one per person per event) starts again.
          await tx.registration.update({
            where: { id: existing.id, status: 'CANCELLED' },
            data: { ...data, calendarSequence: { increment: 1 } },
            select: { id: true },
          })
        : await tx.registration.create({ data: { ...data, ...newRegistrationIdentity(event.id, userId, now) }, select: { id: true } })
      await appendDecision(tx, { registrationId: registration.id, actorId: userId, action: 'SUBMITTED', from: existing?.status ?? null, to: 'PENDING', now })
      if (event.approvalRequired) {
        await notify(tx, { registrationId: registration.id, kind: 'received', key: `received:${registration.id}:${now.getTime()}` })
        return { registrationId: registration.id, status: 'PENDING' as const, created: !existing, backToVetting: false }
      }
      const status = await seatOrWaitlist(tx, { event, registrationId: registration.id, actorId: null, now })
      return { registrationId: registration.id, status, created: !existing, backToVetting: false }
    }, busyTransactionOptions)
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // Another request of the same person won the race: theirs is the registration.
    const winner = await db.registration.findUniqueOrThrow({
      where: { eventId_userId: { eventId: event.id, userId } },
      select: { id: true, status: true },
    })
    return { registrationId: winner.id, status: winner.status, created: false, backToVetting: false }
  }
}

/** A new registration is taken while the window is open, or the event is full with a waiting list. */
function refuseUnlessRegistrationOpen(event: EventForRegistration, now: Date) {
  const windowState = registrationWindowState(event, event.seatsTaken, now)
  if (windowState.kind !== 'open' && windowState.kind !== 'full-waitlist') {
    throw windowState.kind === 'full' ? new DomainError('limit', closedMessage(windowState.kind), { code: 'full' }) : new DomainError('closed', closedMessage(windowState.kind))
  }
}

/** As the event was read for this request: a seat was free (whether anyone waits is checked when the seat is taken). */
function seatAppearsFree(event: EventForRegistration) {
  return event.capacity === null || event.seatsTaken < event.capacity
}

/**
 * The place a group was committed for is not there for all of it: the seats went to others, or a
 * seat came free with nobody waiting for it. `fitting` of the group could still have it (0 on the
 * waiting list, which is all or nothing).
 */
class PlaceGone extends Error {
  override name = 'PlaceGone'
  constructor(readonly fitting: number) {
    super('The group does not fit where it was meant to go.')
  }
}

/**
 * The event changed (its time, place, title or status) after the group's emails and invites were
 * built from the request's read of it: the group is rolled back and committed again from a fresh
 * read, so nobody's confirmation shows the event as it no longer is.
 */
class EventChangedMeanwhile extends Error {
  override name = 'EventChangedMeanwhile'
  constructor() {
    super('The event changed while the group was being registered.')
  }
}

/** How many times a group is committed again because the event changed meanwhile, before it gives up. */
const EVENT_CHANGE_RETRIES = 3

/** The event changed under every try: the organisers are at work on it. Nothing was written; the person sends it again. */
function eventKeepsChanging() {
  return new DomainError('busy', 'The organisers are updating this event at this moment, so your registration was not sent. Your answers are kept: press the button again in a few seconds.', {
    code: 'event-changing',
  })
}

/**
 * Where a group of new registrations goes: into free seats or onto the waiting list (an event
 * without vetting), or into the vetting officers' queue.
 */
type GroupPlace = 'seat' | 'waiting-list' | 'vetting'

type NewRegistrationRequest = { event: EventForRegistration; userId: string; values: RegistrationFormValues; consentVersion: string; now: Date }

/** The most new registrations one transaction carries: a rush's group stays a short transaction. */
const MAX_REGISTRATIONS_PER_COMMIT = 25

const groupCommits = new WeakMap<Db, Record<GroupPlace, GroupCommit<NewRegistrationRequest, SubmitOutcome | null>>>()

/** The instance's group commits of new registrations (app/lib/group-commit.server.ts), per database client, place and event. */
function groupCommitsOf(db: Db) {
  let commits = groupCommits.get(db)
  if (!commits) {
    const committing = (place: GroupPlace) =>
      createGroupCommit<NewRegistrationRequest, SubmitOutcome | null>({
        maxGroupSize: MAX_REGISTRATIONS_PER_COMMIT,
        identityOf: (request) => request.userId,
        commit: (requests) => commitGroup(db, requests, place),
        failsEveryWrite: (error) => isDatabaseBusy(error) || (error instanceof DomainError && error.reason === 'busy'),
        // The route's admission gate lets one registration in per turn of the event loop: those it runs
        // and those waiting for it are on their way to a line.
        writesUnderWay: () => registrationAdmission.load.running + registrationAdmission.load.waiting,
      })
    commits = { seat: committing('seat'), 'waiting-list': committing('waiting-list'), vetting: committing('vetting') }
    groupCommits.set(db, commits)
  }
  return commits
}

/**
 * Commits the group where it was meant to go: each member gets their outcome, or null when there
 * is no place for them there (they are placed another way). When only some seats are left, the
 * first who came take them in one more transaction; nobody retries a place that is gone.
 */
async function commitGroup(db: Db, requests: readonly NewRegistrationRequest[], place: GroupPlace, eventChanges = 0): Promise<Array<SubmitOutcome | null>> {
  try {
    return await db.$transaction((tx) => registerGroup(tx, requests, place), busyTransactionOptions)
  } catch (error) {
    if (isUniqueViolation(error)) return commitAroundRegisteredPeople(db, requests, place, error)
    if (error instanceof EventChangedMeanwhile) {
      if (eventChanges >= EVENT_CHANGE_RETRIES) throw eventKeepsChanging()
      const event = await readChangedEvent(db, requests[0]!.event.id)
      return commitGroup(db, requests.map((request) => ({ ...request, event })), place, eventChanges + 1)
    }
    if (!(error instanceof PlaceGone)) throw error
    if (error.fitting === 0 || error.fitting >= requests.length) return requests.map(() => null)
    const fitted = await commitGroup(db, requests.slice(0, error.fitting), place)
    return [...fitted, ...requests.slice(error.fitting).map(() => null)]
  }
}

/** The event as it stands after a change that reached a group being registered, still taking registrations. */
async function readChangedEvent(db: Db, eventId: string): Promise<EventForRegistration> {
  const changed = (await readEventForRegistration(db, { id: eventId }, null))?.event
  if (!changed) throw new DomainError('closed', closedMessage('closed'))
  refuseUnlessRegistrationOpen(changed, new Date())
  return changed
}

/**
 * Someone in the group registered meanwhile (a double submit, a second tab, another instance):
 * they get the registration that won, as submitRegistration answers a lone loser, and the rest of
 * the group is committed without them, instead of one by one.
 */
async function commitAroundRegisteredPeople(
  db: Db,
  requests: readonly NewRegistrationRequest[],
  place: GroupPlace,
  violation: unknown,
): Promise<Array<SubmitOutcome | null>> {
  const eventId = requests[0]!.event.id
  const registered = new Map(
    (
      await db.registration.findMany({
        where: { eventId, userId: { in: requests.map((request) => request.userId) } },
        select: { id: true, userId: true, status: true },
      })
    ).map((registration) => [registration.userId, registration]),
  )
  const rest = requests.filter((request) => !registered.has(request.userId))
  // Nobody of the group had registered: the violation was something else, which each then meets alone.
  if (rest.length === requests.length) throw violation
  const restOutcomes = rest.length === 0 ? [] : await commitGroup(db, rest, place)
  return requests.map((request) => {
    const winner = registered.get(request.userId)
    return winner ? { registrationId: winner.id, status: winner.status, created: false, backToVetting: false } : restOutcomes[rest.indexOf(request)]!
  })
}

/** What a group's place makes of its registrations: their status, the decision after SUBMITTED, the email. */
const groupPlaces = {
  seat: { status: 'APPROVED', decision: 'APPROVED', email: 'approved', invite: 'REQUEST' },
  'waiting-list': { status: 'WAITLISTED', decision: 'WAITLISTED', email: 'waitlisted', invite: null },
  vetting: { status: 'PENDING', decision: null, email: 'received', invite: null },
} as const satisfies Record<GroupPlace, { status: RegistrationStatus; decision: 'APPROVED' | 'WAITLISTED' | null; email: RegistrationMessageKind; invite: 'REQUEST' | null }>

/**
 * New registrations committed together: everything is written as it will stand (the status, the
 * history, the emails and invites), in multi-row inserts for a group and in single-row ones for a
 * registration alone (Prisma compiles a multi-row insert again at every call, a single-row one
 * once), and the event's row, which every registration of a rush queues on, is locked as late as
 * can be.
 * - Into free seats: the seats are taken last, all in one conditional UPDATE, so the row stays
 *   locked for two statements and the commit. When fewer are free than the group needs, or
 *   someone waits, the transaction is rolled back (PlaceGone, with how many would fit) and
 *   commitGroup seats that many; the others try the waiting list.
 * - Onto the waiting list: the numbers are drawn, all in one UPDATE, once the accounts are saved,
 *   and kept only while the event is full or someone already waits (first come, first served);
 *   else (PlaceGone) the registration goes the general way, which seats it.
 * - Into vetting: pending, with the "received" email; the event's row is not touched.
 */
async function registerGroup(tx: Tx, requests: readonly NewRegistrationRequest[], place: GroupPlace): Promise<SubmitOutcome[]> {
  const eventId = requests[0]!.event.id
  const { status, decision, email, invite } = groupPlaces[place]
  const organisationIds = await resolveOrganisations(tx, requests.map(({ values, userId }) => ({ values, registrantId: userId })))
  const accounts = await keepAccountDetails(tx, requests.map(({ values, userId }, i) => ({ userId, values, organisationId: organisationIds[i]! })))
  const drawn = place === 'waiting-list' ? await drawWaitlistNumbers(tx, eventId, requests.length) : null
  const firstWaitlistNumber = drawn?.firstNumber ?? null
  const registrationRows = requests.map(({ event, userId, values, consentVersion, now }, i) => ({
    ...submittedFields(values, { organisationId: organisationIds[i]!, consentVersion, now }),
    ...newRegistrationIdentity(event.id, userId, now),
    status,
    holdsSeat: place === 'seat',
    updatedAt: now,
    ...(decision ? { decidedAt: now } : {}),
    ...(firstWaitlistNumber === null ? {} : { waitlistNumber: firstWaitlistNumber + i, waitlistedAt: now }),
  }))
  // Raw multi-row INSERTs, one statement each for any group size: Prisma compiles a multi-row
  // insert again at every call (its query-plan cache leaves createMany out), in WebAssembly on the
  // event loop, which cost more than the insert.
  const registrationIds = requests.map(() => newRowId())
  await insertRegistrations(tx, registrationRows.map((row, i) => ({ id: registrationIds[i]!, ...row })))
  const decisionRows = requests.flatMap(({ userId, now }, i) => [
    { id: newRowId(), registrationId: registrationIds[i]!, actorId: userId, action: 'SUBMITTED' as const, fromStatus: null, toStatus: 'PENDING' as const, createdAt: now },
    ...(decision ? [{ id: newRowId(), registrationId: registrationIds[i]!, actorId: null, action: decision, fromStatus: 'PENDING' as const, toStatus: decision, createdAt: now }] : []),
  ])
  await insertVettingDecisions(tx, decisionRows)
  const decisionOf = new Map(decisionRows.filter((row) => row.action === decision).map((row) => [row.registrationId, row.id]))
  // The email and invite are built from what this transaction wrote and the request's read of the
  // event, not read back: the event's version is checked once its row is locked (below).
  const { event } = requests[0]!
  const notified = requests.map(({ userId, values, now }, i): Notified & { id: string } => ({
    id: registrationIds[i]!,
    eventId,
    status,
    calendarUid: registrationRows[i]!.calendarUid,
    calendarSequence: 0,
    updatedAt: now,
    waitlistNumber: firstWaitlistNumber === null ? null : firstWaitlistNumber + i,
    user: { id: userId, name: values.name, email: accounts.get(userId)!.email, erasedAt: accounts.get(userId)!.erasedAt },
    event: notifiedEventOf(event),
  }))
  // The group's numbers follow each other, so one count gives every member's place in line.
  const firstPosition = await waitlistPosition(tx, eventId, firstWaitlistNumber)
  await queueEmails(
    tx,
    await Promise.all(
      notified.map((registration, i) =>
        registrationEmail(tx, {
          registrationId: registration.id,
          kind: email,
          // The keys notify gives the same emails on the general path.
          key: decision ? `decision:${decisionOf.get(registration.id)!}` : `received:${registration.id}:${requests[i]!.now.getTime()}`,
          invite,
          notified: registration,
          position: firstPosition === null ? null : firstPosition + i,
        }),
      ),
    ),
  )
  if (place === 'seat') {
    const seated = await takeSeatsNobodyWaitsFor(tx, eventId, requests.length)
    if (!seated) throw new PlaceGone(await seatsFreeForNewcomers(tx, eventId))
    assertEventUnchanged(event, seated)
  } else {
    // The waiting list's draw read the version as it locked the row; vetting leaves the row alone.
    assertEventUnchanged(event, drawn ?? (await eventVersion(tx, eventId)))
  }
  return registrationIds.map((registrationId) => ({ registrationId, status, created: true, backToVetting: false }))
}

async function editRegistration(
  db: Db,
  input: { event: EventForRegistration; registrationId: string; userId: string; values: RegistrationFormValues; now: Date },
): Promise<SubmitOutcome> {
  const { event, registrationId, userId, values, now } = input
  const consentVersion = await storeConsentText(db)
  return db.$transaction(async (tx) => {
    const current = await tx.registration.findUniqueOrThrow({
      where: { id: registrationId },
      select: { status: true, answers: true, organisationId: true, nationality: true, attendeeListConsentAt: true },
    })
    const organisationId = await saveRegistrantDetails(tx, values, userId)
    const changes = vettedChanges(
      event.questions,
      { nationality: current.nationality, organisationId: current.organisationId, answers: current.answers as Answers },
      { nationality: values.nationality, organisationId, answers: values.answers },
    )
    const vettedFieldsChanged = Object.keys(changes).length > 0
    // Approved and waiting people were vetted: a change to vetted fields needs a new decision.
    // An approved person keeps their seat (holdsSeat) and a waiting one their ticket meanwhile.
    const backToVetting = vettedFieldsChanged && event.approvalRequired && (current.status === 'APPROVED' || current.status === 'WAITLISTED')
    const nextStatus: RegistrationStatus = backToVetting ? 'PENDING' : current.status
    const updated = await tx.registration.updateMany({
      where: { id: registrationId, status: current.status },
      data: {
        organisationId,
        nationality: values.nationality,
        answers: values.answers,
        // An edit asks for consent only when the wording changed since it was given.
        ...(values.consent === 'on' ? { consentGivenAt: now, consentVersion } : {}),
        // Not vetted: agreeing again keeps the first agreement's time; unticking takes them off at once.
        attendeeListConsentAt: values.attendeeList === 'on' ? (current.attendeeListConsentAt ?? now) : null,
        status: nextStatus,
        // Answering an information request sends the registration straight back to the officer.
        infoRequestedAt: null,
        ...(backToVetting ? { decidedAt: null } : {}),
      },
    })
    if (updated.count === 0) throw new DomainError('conflict', 'Your registration changed while you were editing it. Please review it and try again.')
    await appendDecision(tx, {
      registrationId,
      actorId: userId,
      action: 'EDITED',
      from: current.status,
      to: nextStatus,
      now,
      changes: vettedFieldsChanged ? changes : null,
    })
    if (backToVetting) {
      await notify(tx, { registrationId, kind: 'changes-received', key: `changes-received:${registrationId}:${now.getTime()}` })
    }
    return { registrationId, status: nextStatus, created: false, backToVetting }
  }, busyTransactionOptions)
}

/** The version of REGISTRATION_CONSENT_TEXT: the first 16 hex digits of its SHA-256. */
export const registrationConsentVersion = createHash('sha256').update(REGISTRATION_CONSENT_TEXT).digest('hex').slice(0, 16)

/** The person's registration for the event as a submission meets it: which row, its status, the consent it holds. */
const existingRegistrationSelect = { id: true, status: true, consentVersion: true } as const

export function findRegistrationForSubmission(db: Db, eventId: string, userId: string): Promise<ExistingRegistration | null> {
  return db.registration.findUnique({ where: { eventId_userId: { eventId, userId } }, select: existingRegistrationSelect })
}

export type ExistingRegistration = { id: string; status: RegistrationStatus; consentVersion: string | null }

/** A live registration whose consent is to the current wording: the form does not ask again. */
export function consentIsCurrent(registration: ExistingRegistration | null) {
  return registration !== null && registration.status !== 'CANCELLED' && registration.status !== 'REJECTED' && registration.consentVersion === registrationConsentVersion
}

/** Whether the person's live registration already holds their consent to the current wording. */
export async function hasCurrentConsent(db: Db, eventId: string, userId: string) {
  return consentIsCurrent(await findRegistrationForSubmission(db, eventId, userId))
}

const consentTextStored = new WeakMap<Db, Promise<string>>()

/**
 * Stores the current consent wording once per database, before any registration names it, so a
 * registration can always show what was agreed. Outside the registration's transaction, and
 * "do nothing" when another instance stored it first: a rush of registrations never waits on it.
 */
function storeConsentText(db: Db) {
  let stored = consentTextStored.get(db)
  if (!stored) {
    const now = new Date()
    stored = db.$executeRaw`
      INSERT INTO "ConsentText" ("version", "text", "createdAt")
      VALUES (${registrationConsentVersion}, ${REGISTRATION_CONSENT_TEXT}, ${now})
      ON CONFLICT ("version") DO NOTHING`.then(() => registrationConsentVersion)
    stored.catch(() => consentTextStored.delete(db))
    consentTextStored.set(db, stored)
  }
  return stored
}

/**
 * Each registrant's organisation: the one they chose from the list (all of them checked in one
 * query), or the new one they named, created here.
 */
async function resolveOrganisations(tx: Tx, registrants: ReadonlyArray<{ values: RegistrationFormValues; registrantId: string }>) {
  const listed = [...new Set(registrants.map(({ values }) => values.organisationId).filter((id) => id !== NEW_ORGANISATION))]
  // Raw, as the other statements of a registration's transaction: Prisma's client costs about
  // twice the statement's own time (bench/README.md, 5 December).
  const known = new Set(
    listed.length === 0 ? [] : (await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Organisation" WHERE "id" IN (${join(listed)})`).map((organisation) => organisation.id),
  )
  const organisationIds: string[] = []
  for (const { values, registrantId } of registrants) {
    if (values.organisationId !== NEW_ORGANISATION) {
      if (!known.has(values.organisationId)) {
        throw new DomainError('invalid', 'Choose your organisation from the list, or add it.', { field: 'organisationId', code: 'unknown-organisation' })
      }
      organisationIds.push(values.organisationId)
      continue
    }
    const name = values.newOrganisationName!
    const slugBase = slugify(name)
    const organisation = await tx.organisation.create({
      data: {
        name,
        kind: values.newOrganisationKind!,
        country: values.newOrganisationCountry!,
        addedById: registrantId,
        slug: `${slugBase || 'organisation'}-${randomBytes(3).toString('hex')}`,
      },
      select: { id: true },
    })
    organisationIds.push(organisation.id)
  }
  return organisationIds
}

/**
 * The registrant's organisation (an existing one, or the new one they named) and their account
 * details as the form gave them.
 */
async function saveRegistrantDetails(tx: Tx, values: RegistrationFormValues, userId: string) {
  const [organisationId] = await resolveOrganisations(tx, [{ values, registrantId: userId }])
  await keepAccountDetails(tx, [{ userId, values, organisationId: organisationId! }])
  return organisationId!
}

/**
 * The accounts keep the latest details only to fill in the next form; what an event vets is the
 * snapshot on its registration. One statement for a whole group. Raw SQL for the multi-row
 * update; updatedAt is set as Prisma would, since calendar feeds read it (a meeting entry names
 * the person), and bound explicitly (SQLite compares dates as text, in Prisma's format).
 */
async function keepAccountDetails(
  tx: Tx,
  accounts: ReadonlyArray<{ userId: string; values: RegistrationFormValues; organisationId: string }>,
): Promise<Map<string, { email: string; erasedAt: Date | null }>> {
  const rows = accounts.map(({ userId, values, organisationId }) => sql`(${userId}, ${values.name}, ${values.jobTitle}, ${values.nationality}, ${organisationId})`)
  // RETURNING names the updated table's columns only (SQLite allows no others after UPDATE … FROM).
  const kept = await tx.$queryRaw<{ id: string; email: string; erasedAt: Date | string | null }[]>`
    UPDATE "User" SET "name" = "account"."column2", "jobTitle" = "account"."column3", "nationality" = "account"."column4",
      "organisationId" = "account"."column5", "updatedAt" = ${new Date()}
    FROM (VALUES ${join(rows)}) AS "account"
    WHERE "User"."id" = "account"."column1"
    RETURNING "id", "email", "erasedAt"`
  if (kept.length !== accounts.length) throw new Error(`Kept the details of ${kept.length} of ${accounts.length} accounts: an account is missing.`)
  return new Map(kept.map(({ id, email, erasedAt }) => [id, { email, erasedAt: erasedAt === null ? null : new Date(erasedAt) }]))
}

type NewRegistrationRow = ReturnType<typeof submittedFields> &
  ReturnType<typeof newRegistrationIdentity> & {
    id: string
    status: RegistrationStatus
    holdsSeat: boolean
    updatedAt: Date
    decidedAt?: Date
    waitlistNumber?: number
    waitlistedAt?: Date
  }

/**
 * New registrations in one statement. Dates are bound as Prisma binds them (SQLite compares them
 * as text, in its format); PostgreSQL takes the untyped values as the columns' types (the status
 * enum, the answers' jsonb). The database's own defaults fill the columns left out; a column added
 * to Registration with a default only Prisma applies (cuid(), @updatedAt) must be added here.
 */
async function insertRegistrations(tx: Tx, rows: readonly NewRegistrationRow[]) {
  const values = rows.map(
    (row) => sql`(
      ${row.id}, ${row.eventId}, ${row.userId}, ${row.organisationId}, ${row.nationality}, ${row.status}, ${row.holdsSeat},
      ${row.waitlistNumber ?? null}, ${row.waitlistedAt ?? null}, ${JSON.stringify(row.answers)}, ${row.consentGivenAt}, ${row.consentVersion},
      ${row.attendeeListConsentAt}, ${row.submittedAt}, ${row.decidedAt ?? null}, ${row.badgeCode}, ${row.calendarUid}, ${row.createdAt}, ${row.updatedAt}
    )`,
  )
  await tx.$executeRaw`
    INSERT INTO "Registration" (
      "id", "eventId", "userId", "organisationId", "nationality", "status", "holdsSeat",
      "waitlistNumber", "waitlistedAt", "answers", "consentGivenAt", "consentVersion",
      "attendeeListConsentAt", "submittedAt", "decidedAt", "badgeCode", "calendarUid", "createdAt", "updatedAt"
    ) VALUES ${join(values)}`
}

type NewVettingDecisionRow = {
  id: string
  registrationId: string
  actorId: string | null
  action: 'SUBMITTED' | 'APPROVED' | 'WAITLISTED'
  fromStatus: RegistrationStatus | null
  toStatus: RegistrationStatus
  createdAt: Date
}

/** History rows in one statement, in the order given (their ids sort in that order too: newRowId). */
async function insertVettingDecisions(tx: Tx, rows: readonly NewVettingDecisionRow[]) {
  const values = rows.map((row) => sql`(${row.id}, ${row.registrationId}, ${row.actorId}, ${row.action}, ${row.fromStatus}, ${row.toStatus}, ${row.createdAt})`)
  await tx.$executeRaw`
    INSERT INTO "VettingDecision" ("id", "registrationId", "actorId", "action", "fromStatus", "toStatus", "createdAt")
    VALUES ${join(values)}`
}

/** What a submission writes on its registration, whatever status it then takes. */
function submittedFields(values: RegistrationFormValues, { organisationId, consentVersion, now }: { organisationId: string; consentVersion: string; now: Date }) {
  return {
    organisationId,
    nationality: values.nationality,
    answers: values.answers,
    consentGivenAt: now,
    consentVersion,
    attendeeListConsentAt: values.attendeeList === 'on' ? now : null,
    submittedAt: now,
  }
}

/** What a registration row gets once, when it is created: whose, and its badge and calendar identities. */
function newRegistrationIdentity(eventId: string, userId: string, now: Date) {
  return { eventId, userId, badgeCode: newBadgeCode(), calendarUid: newCalendarUid('registration'), createdAt: now }
}

function newBadgeCode() {
  // 10 characters of Crockford base32: 50 bits, easy to read aloud and type at the door.
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  return Array.from(randomBytes(10), (byte) => alphabet[byte % 32]).join('')
}

function closedMessage(kind: string) {
  switch (kind) {
    case 'not-yet-open':
      return 'Registration for this event has not opened yet.'
    case 'full':
      return 'This event is full and has no waiting list.'
    case 'cancelled':
      return 'This event has been cancelled.'
    case 'past':
      return 'This event has taken place.'
    default:
      return 'Registration for this event has closed.'
  }
}

// ---------- Seats and the waiting list ----------

/** Takes one seat if one is free. The condition in the UPDATE is what prevents overbooking. */
async function takeSeat(tx: Tx, eventId: string) {
  const taken = await tx.$executeRaw`
    UPDATE "Event" SET "seatsTaken" = "seatsTaken" + 1
    WHERE "id" = ${eventId} AND ("capacity" IS NULL OR "seatsTaken" < "capacity")`
  return taken === 1
}

/**
 * takeSeat for newcomers, `count` seats or none: only while nobody is on the waiting list (first
 * come, first served). The waiting list is read after the UPDATE has locked the event's row: on
 * PostgreSQL a condition inside the UPDATE would read it as it stood when the statement began,
 * before a registration that held the lock put someone on it. Null leaves the seats taken: the
 * caller rolls the transaction back. Else the event's version, read with the lock held.
 */
async function takeSeatsNobodyWaitsFor(tx: Tx, eventId: string, count: number): Promise<EventVersion | null> {
  const [taken] = await tx.$queryRaw<EventVersionRow[]>`
    UPDATE "Event" SET "seatsTaken" = "seatsTaken" + ${count}
    WHERE "id" = ${eventId} AND ("capacity" IS NULL OR "seatsTaken" + ${count} <= "capacity")
    RETURNING "calendarSequence", "updatedAt"`
  return taken && !(await someoneWaits(tx, eventId)) ? eventVersionOf(taken) : null
}

/**
 * What says an event changed since it was read: every change an email or invite shows moves its
 * updatedAt (the counters' raw UPDATEs leave it alone), and a change to its time or place also
 * its calendarSequence.
 */
type EventVersion = { calendarSequence: number; updatedAt: Date }
type EventVersionRow = { calendarSequence: number | bigint; updatedAt: Date | string }

function eventVersionOf(row: EventVersionRow): EventVersion {
  return { calendarSequence: Number(row.calendarSequence), updatedAt: new Date(row.updatedAt) }
}

/**
 * The event's row as a group reads it with its transaction open, raw as every other read of the
 * commit: a Prisma query shape is compiled the first time an instance runs it (2-5 ms here), and
 * these run first in the middle of a rush (when the seats run out, or at the first vetted group).
 */
async function eventRowForGroup(tx: Tx, eventId: string) {
  const [row] = await tx.$queryRaw<Array<EventVersionRow & { capacity: number | bigint | null; seatsTaken: number | bigint }>>`
    SELECT "calendarSequence", "updatedAt", "capacity", "seatsTaken" FROM "Event" WHERE "id" = ${eventId}`
  if (!row) throw new Error(`Event ${eventId} is gone while a group of registrations for it was committed.`)
  return row
}

async function eventVersion(tx: Tx, eventId: string): Promise<EventVersion> {
  return eventVersionOf(await eventRowForGroup(tx, eventId))
}

function assertEventUnchanged(read: EventVersion, current: EventVersion) {
  if (read.calendarSequence !== current.calendarSequence || read.updatedAt.getTime() !== current.updatedAt.getTime()) throw new EventChangedMeanwhile()
}

async function someoneWaits(tx: Tx, eventId: string) {
  const waiting = await tx.$queryRaw<unknown[]>`SELECT 1 AS "waits" FROM "Registration" WHERE "eventId" = ${eventId} AND "status" = 'WAITLISTED' LIMIT 1`
  return waiting.length > 0
}

async function releaseSeat(tx: Tx, eventId: string) {
  await tx.$executeRaw`UPDATE "Event" SET "seatsTaken" = "seatsTaken" - 1 WHERE "id" = ${eventId} AND "seatsTaken" > 0`
}

/** Seats a newcomer could take now: none while anyone waits (first come, first served). */
async function seatsFreeForNewcomers(tx: Tx, eventId: string) {
  if (await someoneWaits(tx, eventId)) return 0
  const event = await eventRowForGroup(tx, eventId)
  return event.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, Number(event.capacity) - Number(event.seatsTaken))
}

/**
 * `count` consecutive waiting-list numbers (the first is returned), kept only while the event is
 * full or someone already waits: a seat free with nobody waiting goes to the next registrant
 * (PlaceGone, which rolls the draw back). As in takeSeatsNobodyWaitsFor, the waiting list is read
 * once the UPDATE holds the event's row. Raw SQL on purpose, as in nextWaitlistNumber.
 */
async function drawWaitlistNumbers(tx: Tx, eventId: string, count: number): Promise<EventVersion & { firstNumber: number }> {
  const [event] = await tx.$queryRaw<Array<{ waitlistCounter: number; capacity: number | null; seatsTaken: number } & EventVersionRow>>`
    UPDATE "Event" SET "waitlistCounter" = "waitlistCounter" + ${count} WHERE "id" = ${eventId}
    RETURNING "waitlistCounter", "capacity", "seatsTaken", "calendarSequence", "updatedAt"`
  if (!event) throw new Error(`No event with id "${eventId}" to count waiting places in.`)
  const full = event.capacity !== null && Number(event.seatsTaken) >= Number(event.capacity)
  if (!full && !(await someoneWaits(tx, eventId))) throw new PlaceGone(0)
  return { ...eventVersionOf(event), firstNumber: Number(event.waitlistCounter) - count + 1 }
}

/**
 * Raw SQL on purpose: a Prisma update would also move the event's updatedAt, which every
 * calendar feed's ETag and every public page's version read as "the event changed".
 */
async function nextWaitlistNumber(tx: Tx, eventId: string) {
  const [event] = await tx.$queryRaw<{ waitlistCounter: number }[]>`
    UPDATE "Event" SET "waitlistCounter" = "waitlistCounter" + 1 WHERE "id" = ${eventId} RETURNING "waitlistCounter"`
  if (!event) throw new Error(`No event with id "${eventId}" to count a waiting place in.`)
  return Number(event.waitlistCounter)
}

/** Gives a vetted registration a seat, or a waiting place behind everyone already waiting. */
async function seatOrWaitlist(
  tx: Tx,
  input: { event: { id: string; waitlistEnabled: boolean }; registrationId: string; actorId: string | null; now: Date; keepNumber?: number | null },
): Promise<RegistrationStatus> {
  const { event, registrationId, actorId, now } = input
  // Everything the email and the invite show is read before the event's row is locked: the lock
  // is then held for three writes, not for the reads too (a rush queues on that lock).
  const before = await readNotified(tx, registrationId)
  // The line is counted once the seat's UPDATE holds the event's row: on PostgreSQL a count made
  // before could miss someone a registration holding the lock was putting on the waiting list.
  let seated = await takeSeat(tx, event.id)
  const waitingAhead = { eventId: event.id, status: 'WAITLISTED' as const, ...(input.keepNumber ? { waitlistNumber: { lt: input.keepNumber } } : {}) }
  if (seated && (await tx.registration.count({ where: waitingAhead })) > 0) {
    await releaseSeat(tx, event.id)
    seated = false
  }
  if (seated) {
    await tx.registration.update({
      where: { id: registrationId },
      // updatedAt set here so the invite built from `before` carries the row's own last change.
      data: { status: 'APPROVED', holdsSeat: true, waitlistNumber: null, waitlistedAt: null, decidedAt: now, infoRequestedAt: null, updatedAt: now },
      select: { id: true },
    })
    const decision = await appendDecision(tx, { registrationId, actorId, action: 'APPROVED', from: 'PENDING', to: 'APPROVED', now })
    await notify(tx, { registrationId, kind: 'approved', key: `decision:${decision.id}`, invite: 'REQUEST', notified: { ...before, status: 'APPROVED', updatedAt: now } })
    return 'APPROVED'
  }
  if (!event.waitlistEnabled) {
    throw new DomainError('limit', 'All seats are taken and this event has no waiting list.', { code: 'full' })
  }
  const waitlistNumber = input.keepNumber ?? (await nextWaitlistNumber(tx, event.id))
  await tx.registration.update({
    where: { id: registrationId },
    data: { status: 'WAITLISTED', waitlistNumber, waitlistedAt: now, decidedAt: now, infoRequestedAt: null },
    select: { id: true },
  })
  const decision = await appendDecision(tx, { registrationId, actorId, action: 'WAITLISTED', from: 'PENDING', to: 'WAITLISTED', now })
  await notify(tx, { registrationId, kind: 'waitlisted', key: `decision:${decision.id}`, notified: { ...before, status: 'WAITLISTED', waitlistNumber } })
  return 'WAITLISTED'
}

/**
 * Fills free seats from the waiting list, first come first served, and tells each person.
 * Safe under concurrency: the seat is taken by a conditional update (which also serialises
 * promoters on the event row) and the promotion itself only applies to a row still waiting.
 */
export async function promoteFromWaitlist(tx: Tx, eventId: string, now: Date) {
  const promoted: string[] = []
  for (;;) {
    const next = await tx.registration.findFirst({
      where: { eventId, status: 'WAITLISTED' },
      orderBy: { waitlistNumber: 'asc' },
      select: { id: true },
    })
    if (!next || !(await takeSeat(tx, eventId))) break
    const moved = await tx.registration.updateMany({
      where: { id: next.id, status: 'WAITLISTED' },
      data: { status: 'APPROVED', holdsSeat: true, waitlistNumber: null, waitlistedAt: null, decidedAt: now },
    })
    if (moved.count === 0) {
      await releaseSeat(tx, eventId)
      continue
    }
    const decision = await appendDecision(tx, { registrationId: next.id, actorId: null, action: 'PROMOTED', from: 'WAITLISTED', to: 'APPROVED', now })
    await notify(tx, { registrationId: next.id, kind: 'promoted', key: `decision:${decision.id}`, invite: 'REQUEST' })
    promoted.push(next.id)
  }
  return promoted
}

// ---------- Cancelling ----------

/** Cancels the person's own registration for this event (an id of another event is not found). */
export async function cancelOwnRegistration(db: Db, input: { eventId: string; registrationId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({
      where: { id: input.registrationId, eventId: input.eventId, userId: input.userId },
      select: { id: true, eventId: true, status: true, holdsSeat: true },
    })
    if (!registration) throw new DomainError('not-found', 'There is no such registration.')
    if (registration.status === 'CANCELLED' || registration.status === 'REJECTED') {
      throw new DomainError('conflict', 'This registration is no longer active.', { code: 'invalid-transition' })
    }
    await endRegistration(tx, { registration, to: 'CANCELLED', actorId: input.userId, reason: null, now })
    return { promoted: await promoteFromWaitlist(tx, registration.eventId, now) }
  }, busyTransactionOptions)
}

async function endRegistration(
  tx: Tx,
  input: {
    registration: { id: string; eventId: string; status: RegistrationStatus; holdsSeat: boolean }
    to: 'CANCELLED' | 'REJECTED'
    actorId: string
    reason: string | null
    now: Date
  },
) {
  const { registration, to, actorId, reason, now } = input
  const ended = await tx.registration.updateMany({
    where: { id: registration.id, status: registration.status },
    data: {
      status: to,
      holdsSeat: false,
      waitlistNumber: null,
      waitlistedAt: null,
      decidedAt: to === 'REJECTED' ? now : undefined,
      cancelledAt: to === 'CANCELLED' ? now : undefined,
      infoRequestedAt: null,
      // The calendar entry is withdrawn with a CANCEL at a higher SEQUENCE.
      ...(registration.status === 'APPROVED' ? { calendarSequence: { increment: 1 } } : {}),
    },
  })
  if (ended.count === 0) throw new DomainError('conflict', 'This registration was changed by someone else a moment ago. Reload and try again.')
  if (registration.holdsSeat) await releaseSeat(tx, registration.eventId)
  await releaseEnrolmentsOfRegistration(tx, registration.id, now)
  const decision = await appendDecision(tx, {
    registrationId: registration.id,
    actorId,
    action: to === 'CANCELLED' ? 'CANCELLED' : 'REJECTED',
    from: registration.status,
    to,
    now,
    reason,
  })
  await notify(tx, {
    registrationId: registration.id,
    kind: to === 'CANCELLED' ? 'cancelled' : 'rejected',
    key: `decision:${decision.id}`,
    invite: registration.status === 'APPROVED' ? 'CANCEL' : null,
    reason,
  })
}

// ---------- Vetting ----------

export type VettingAction = 'approve' | 'reject' | 'request-info'

/** One officer's decision on one registration, appended to its history; returns the new status. */
export async function decideRegistration(
  db: Db,
  input: { eventId: string; registrationId: string; actorId: string; action: VettingAction; reason?: string | null; now?: Date },
): Promise<RegistrationStatus> {
  const now = input.now ?? new Date()
  const reason = input.reason?.trim() || null
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({
      where: { id: input.registrationId, eventId: input.eventId },
      select: {
        id: true,
        eventId: true,
        status: true,
        holdsSeat: true,
        waitlistNumber: true,
        event: { select: { id: true, waitlistEnabled: true } },
      },
    })
    if (!registration) throw new DomainError('not-found', 'There is no such registration for this event.')
    const { status } = registration
    if (input.action === 'approve') {
      if (status !== 'PENDING') throw new DomainError('conflict', `Only pending registrations can be approved; this one is ${status.toLowerCase()}.`, { code: 'invalid-transition' })
      // Claim the pending row first, so two officers approving at once cannot both act.
      const claimed = await tx.registration.updateMany({ where: { id: registration.id, status: 'PENDING' }, data: { decidedAt: now } })
      if (claimed.count === 0) throw new DomainError('conflict', 'Someone else decided on this registration a moment ago.')
      if (registration.holdsSeat) {
        await tx.registration.update({ where: { id: registration.id }, data: { status: 'APPROVED', infoRequestedAt: null }, select: { id: true } })
        const decision = await appendDecision(tx, { registrationId: registration.id, actorId: input.actorId, action: 'APPROVED', from: 'PENDING', to: 'APPROVED', now, reason })
        await notify(tx, { registrationId: registration.id, kind: 'approved', key: `decision:${decision.id}`, invite: 'REQUEST' })
        return 'APPROVED'
      }
      return seatOrWaitlist(tx, { event: registration.event, registrationId: registration.id, actorId: input.actorId, now, keepNumber: registration.waitlistNumber })
    }
    if (input.action === 'request-info') {
      if (status !== 'PENDING') throw new DomainError('conflict', 'You can ask for more information only while a registration is pending.', { code: 'invalid-transition' })
      if (!reason) throw new DomainError('conflict', 'Say what information you need.', { code: 'invalid-transition' })
      const asked = await tx.registration.updateMany({ where: { id: registration.id, status: 'PENDING' }, data: { infoRequestedAt: now } })
      if (asked.count === 0) throw new DomainError('conflict', 'Someone else decided on this registration a moment ago.')
      const decision = await appendDecision(tx, { registrationId: registration.id, actorId: input.actorId, action: 'INFO_REQUESTED', from: 'PENDING', to: 'PENDING', now, reason })
      await notify(tx, { registrationId: registration.id, kind: 'info-requested', key: `decision:${decision.id}`, reason })
      return 'PENDING'
    }
    if (status === 'REJECTED' || status === 'CANCELLED') {
      throw new DomainError('conflict', `This registration is already ${status.toLowerCase()}.`, { code: 'invalid-transition' })
    }
    await endRegistration(tx, { registration, to: 'REJECTED', actorId: input.actorId, reason, now })
    await promoteFromWaitlist(tx, registration.eventId, now)
    return 'REJECTED'
  }, busyTransactionOptions)
}

/** Applies one decision to many registrations, each in its own transaction; reports each outcome. */
export async function decideRegistrations(
  db: Db,
  input: { eventId: string; registrationIds: string[]; actorId: string; action: 'approve' | 'reject'; reason?: string | null },
) {
  const outcomes: { registrationId: string; ok: boolean; status?: RegistrationStatus; message?: string }[] = []
  for (const registrationId of input.registrationIds) {
    try {
      const status = await decideRegistration(db, { ...input, registrationId })
      outcomes.push({ registrationId, ok: true, status })
    } catch (error) {
      if (!isDomainError(error)) throw error
      outcomes.push({ registrationId, ok: false, message: error.message })
    }
  }
  return outcomes
}

/** Changes the number of seats; a rise promotes people from the waiting list at once. */
export async function setEventCapacity(db: Db, input: { eventId: string; capacity: number | null; actorId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const updated = await tx.event.update({ where: { id: input.eventId }, data: { capacity: input.capacity }, select: { capacity: true } })
    await tx.auditLogEntry.create({
      data: {
        eventId: input.eventId,
        actorId: input.actorId,
        action: 'event.capacity_changed',
        entityType: 'Event',
        entityId: input.eventId,
        data: { capacity: input.capacity },
        createdAt: now,
      },
    })
    return { capacity: updated.capacity, promoted: await promoteFromWaitlist(tx, input.eventId, now) }
  }, busyTransactionOptions)
}

// ---------- History and messages ----------

async function appendDecision(
  tx: Tx,
  input: {
    registrationId: string
    actorId: string | null
    action: 'SUBMITTED' | 'EDITED' | 'APPROVED' | 'REJECTED' | 'INFO_REQUESTED' | 'WAITLISTED' | 'PROMOTED' | 'CANCELLED'
    from: RegistrationStatus | null
    to: RegistrationStatus
    now: Date
    reason?: string | null
    changes?: Record<string, unknown> | null
  },
) {
  return tx.vettingDecision.create({
    data: {
      registrationId: input.registrationId,
      actorId: input.actorId,
      action: input.action,
      fromStatus: input.from,
      toStatus: input.to,
      reason: input.reason ?? null,
      ...(input.changes ? { changes: input.changes as object } : {}),
      createdAt: input.now,
    },
    select: { id: true },
  })
}

/** What a registration's email and invite show, read in one query. */
const notifiedSelect = {
  ...registrationEntrySelect,
  waitlistNumber: true,
  eventId: true,
  user: { select: { ...registrationEntrySelect.user.select, id: true } },
} as const

type Notified = Prisma.RegistrationGetPayload<{ select: typeof notifiedSelect }>

/** The event part of `Notified`, from the event as a submission read it. */
function notifiedEventOf(event: EventForRegistration): Notified['event'] {
  const { slug, title, hostName, contactEmail, venueName, venueAddress, timeZone, status, calendarSequence, updatedAt, summary, startsAt, endsAt } = event
  return { slug, title, hostName, contactEmail, venueName, venueAddress, timeZone, status, calendarSequence, updatedAt, summary, startsAt, endsAt }
}

function readNotified(tx: Tx, registrationId: string): Promise<Notified> {
  return tx.registration.findUniqueOrThrow({ where: { id: registrationId }, select: notifiedSelect })
}

/**
 * Queues the registration's email (and invite) for its current state: read now, or `notified`,
 * the row as the caller has just written it.
 */
async function notify(tx: Tx, input: RegistrationEmailInput) {
  await queueEmail(tx, await registrationEmail(tx, input))
}

type RegistrationEmailInput = {
  registrationId: string
  kind: RegistrationMessageKind
  key: string
  invite?: 'REQUEST' | 'CANCEL' | null
  reason?: string | null
  notified?: Notified
  /** The place in line when the caller knows it (a group's members follow each other); counted otherwise. */
  position?: number | null
}

/** The registration's email (and invite) for its current state, as notify queues it. */
async function registrationEmail(tx: Tx, input: RegistrationEmailInput): Promise<QueuedEmail> {
  const registration = input.notified ?? (await readNotified(tx, input.registrationId))
  const { event, user } = registration
  const position = registration.status !== 'WAITLISTED' ? null : (input.position ?? (await waitlistPosition(tx, registration.eventId, registration.waitlistNumber)))
  const path = input.kind === 'cancelled' ? `/events/${event.slug}` : `/events/${event.slug}/registration`
  return {
    idempotencyKey: `registration:${input.kind}:${input.key}`,
    kind: `registration-${input.kind}`,
    to: { email: user.email, name: user.name || null },
    email: {
      template: 'registration-update',
      props: {
        kind: input.kind,
        recipientName: user.name || null,
        event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone, venueName: event.venueName, venueAddress: event.venueAddress },
        registrationUrl: new URL(path, env.APP_URL).toString(),
        position,
        reason: input.reason ?? null,
      },
    },
    invite: input.invite ? eventInviteFromRow(registration, { method: input.invite }) : null,
    eventId: registration.eventId,
    userId: user.id,
  }
}
