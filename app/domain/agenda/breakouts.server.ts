// Sign-up for capacity-limited sessions (breakouts): a seat while the session has one, then
// the session's own waiting list, promoted first come first served when a seat frees. Each
// operation is one transaction that starts by locking the session's row, moves the seat or
// the waiting number with conditional updates (so capacity holds across app instances), and
// queues the person's email with its calendar invite.
import { busyTransactionOptions, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import type { SessionMessageKind } from '#emails/session-update.tsx'
import { sessionInvite } from '#app/domain/calendar/calendar.server.ts'
import { queueEmail } from '#app/domain/messages/queued-email.server.ts'
import { describeSession, sessionPageUrl, type DescribedSession } from './session-description.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'

type Tx = DbTransaction

export type EnrolmentState = { status: 'ENROLLED' | 'WAITLISTED'; position: number | null }

export type SignUpOutcome = EnrolmentState & {
  /** False when the person already held this seat or waiting place (a double submit). */
  created: boolean
  /** Sessions and meetings of the person at the same time as this one. */
  clashes: Clash[]
}

export type Clash = { kind: 'session' | 'meeting'; title: string; startsAt: Date; endsAt: Date }

const sessionForSignUpSelect = {
  id: true,
  eventId: true,
  title: true,
  status: true,
  signUpRequired: true,
  startsAt: true,
  endsAt: true,
} as const

/** Signs an approved attendee up for a session: a seat, or the next waiting place. */
export async function signUpForSession(db: Db, input: { sessionId: string; userId: string; now?: Date }): Promise<SignUpOutcome> {
  const now = input.now ?? new Date()
  const outcome = await db.$transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId)
    if (!session.signUpRequired) throw new DomainError('conflict', 'This session needs no sign-up: everyone registered may attend.', { code: 'no-sign-up' })
    if (session.status === 'CANCELLED') throw new DomainError('conflict', 'This session has been cancelled.', { code: 'cancelled' })
    if (session.startsAt.getTime() <= now.getTime()) throw new DomainError('conflict', 'This session has already started.', { code: 'started' })
    const registration = await tx.registration.findUnique({
      where: { eventId_userId: { eventId: session.eventId, userId: input.userId } },
      select: { id: true, status: true },
    })
    if (registration?.status !== 'APPROVED') {
      throw new DomainError('forbidden', 'Only attendees with an approved registration can sign up for sessions.', { code: 'not-registered' })
    }
    const existing = await tx.sessionEnrolment.findUnique({
      where: { sessionId_registrationId: { sessionId: session.id, registrationId: registration.id } },
      select: { id: true, status: true, waitlistNumber: true },
    })
    if (existing && existing.status !== 'CANCELLED') {
      const position = existing.status === 'WAITLISTED' ? await waitlistPosition(tx, session.id, existing.waitlistNumber) : null
      return { status: existing.status, position, created: false }
    }
    const waiting = await tx.sessionEnrolment.count({ where: { sessionId: session.id, status: 'WAITLISTED' } })
    const seated = waiting === 0 && (await takeSeat(tx, session.id))
    const waitlistNumber = seated ? null : await nextWaitlistNumber(tx, session.id)
    const status = seated ? ('ENROLLED' as const) : ('WAITLISTED' as const)
    const data = { status, waitlistNumber, cancelledAt: null, updatedAt: now }
    const enrolment = existing
      ? await tx.sessionEnrolment.update({
          where: { id: existing.id },
          // Rejoining raises the person's sequence, so the new invite outranks the earlier CANCEL.
          data: { ...data, calendarSequence: { increment: 1 } },
          select: { id: true },
        })
      : await tx.sessionEnrolment.create({
          data: { ...data, sessionId: session.id, registrationId: registration.id, createdAt: now },
          select: { id: true },
        })
    const position = seated ? null : await waitlistPosition(tx, session.id, waitlistNumber)
    await notify(tx, {
      sessionId: session.id,
      userId: input.userId,
      kind: seated ? 'enrolled' : 'waitlisted',
      key: `${enrolment.id}:${now.getTime()}`,
      invite: seated ? 'REQUEST' : null,
      position,
    })
    return { status, position, created: true }
  }, busyTransactionOptions)
  return { ...outcome, clashes: await findClashes(db, { sessionId: input.sessionId, userId: input.userId }) }
}

/** Gives up a seat (offered at once to the next in line) or a waiting place. */
export async function leaveSession(db: Db, input: { sessionId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId)
    const enrolment = await tx.sessionEnrolment.findFirst({
      where: { sessionId: session.id, registration: { userId: input.userId }, status: { in: ['ENROLLED', 'WAITLISTED'] } },
      select: { id: true, status: true },
    })
    if (!enrolment) throw new DomainError('conflict', 'You are not signed up for this session.', { code: 'not-signed-up' })
    await endEnrolment(tx, { sessionId: session.id, enrolment, kind: 'left', now })
    return { promoted: await promoteFromSessionWaitlist(tx, session.id, now) }
  }, busyTransactionOptions)
}

/**
 * Releases every seat and waiting place of a registration that is no longer approved (the
 * person cancelled, or was rejected), in the caller's transaction, and fills the freed seats.
 */
export async function releaseEnrolmentsOfRegistration(tx: Tx, registrationId: string, now: Date) {
  const enrolments = await tx.sessionEnrolment.findMany({
    where: { registrationId, status: { in: ['ENROLLED', 'WAITLISTED'] } },
    orderBy: { sessionId: 'asc' },
    select: { id: true, status: true, sessionId: true },
  })
  for (const enrolment of enrolments) {
    await lockSession(tx, enrolment.sessionId)
    await endEnrolment(tx, { sessionId: enrolment.sessionId, enrolment, kind: 'released', now })
    await promoteFromSessionWaitlist(tx, enrolment.sessionId, now)
  }
}

/**
 * Fills free seats from the session's waiting list in order and tells each person. Safe
 * under concurrency: the seat is taken by a conditional update and the promotion only
 * applies to a row still waiting.
 */
export async function promoteFromSessionWaitlist(tx: Tx, sessionId: string, now: Date) {
  const promoted: string[] = []
  for (;;) {
    const next = await tx.sessionEnrolment.findFirst({
      where: { sessionId, status: 'WAITLISTED' },
      orderBy: { waitlistNumber: 'asc' },
      select: { id: true, registration: { select: { userId: true } } },
    })
    if (!next || !(await takeSeat(tx, sessionId))) break
    const moved = await tx.sessionEnrolment.updateMany({
      where: { id: next.id, status: 'WAITLISTED' },
      data: { status: 'ENROLLED', waitlistNumber: null, updatedAt: now },
    })
    if (moved.count === 0) {
      await releaseSeat(tx, sessionId)
      continue
    }
    await notify(tx, { sessionId, userId: next.registration.userId, kind: 'promoted', key: `${next.id}:${now.getTime()}`, invite: 'REQUEST' })
    promoted.push(next.id)
  }
  return promoted
}

export type SignUpPanel = {
  /** Seats in all; null when unlimited. */
  capacity: number | null
  seatsLeft: number | null
  waiting: number
  /** Why nobody can sign up now, or null when they can. */
  closedReason: 'cancelled' | 'started' | null
  /** null: not signed in. */
  viewer: { eligible: boolean; enrolment: EnrolmentState | null; clashes: Clash[] } | null
}

/** What the sign-up panel of a session page shows to this viewer (null: not signed in). */
export async function getSignUpPanel(db: Db, input: { sessionId: string; userId: string | null; now?: Date }): Promise<SignUpPanel | null> {
  const now = input.now ?? new Date()
  const session = await db.agendaSession.findUnique({
    where: { id: input.sessionId },
    select: {
      id: true,
      eventId: true,
      status: true,
      signUpRequired: true,
      startsAt: true,
      capacity: true,
      seatsTaken: true,
      room: { select: { capacity: true } },
      _count: { select: { enrolments: { where: { status: 'WAITLISTED' } } } },
    },
  })
  if (!session?.signUpRequired) return null
  const capacity = session.capacity ?? session.room?.capacity ?? null
  const closedReason = session.status === 'CANCELLED' ? 'cancelled' : session.startsAt.getTime() <= now.getTime() ? 'started' : null
  let viewer: SignUpPanel['viewer'] = null
  if (input.userId) {
    const [registration, enrolment, clashes] = await Promise.all([
      db.registration.findUnique({ where: { eventId_userId: { eventId: session.eventId, userId: input.userId } }, select: { status: true } }),
      getEnrolmentState(db, { sessionId: session.id, userId: input.userId }),
      findClashes(db, { sessionId: session.id, userId: input.userId }),
    ])
    viewer = { eligible: registration?.status === 'APPROVED', enrolment, clashes }
  }
  return {
    capacity,
    seatsLeft: capacity === null ? null : Math.max(0, capacity - session.seatsTaken),
    waiting: session._count.enrolments,
    closedReason,
    viewer,
  }
}

/** The person's seat or waiting place in a session, or null. */
export async function getEnrolmentState(db: Db, input: { sessionId: string; userId: string }): Promise<EnrolmentState | null> {
  const enrolment = await db.sessionEnrolment.findFirst({
    where: { sessionId: input.sessionId, registration: { userId: input.userId }, status: { in: ['ENROLLED', 'WAITLISTED'] } },
    select: { status: true, waitlistNumber: true },
  })
  if (!enrolment || enrolment.status === 'CANCELLED') return null
  const position = enrolment.status === 'WAITLISTED' ? await waitlistPosition(db, input.sessionId, enrolment.waitlistNumber) : null
  return { status: enrolment.status, position }
}

/**
 * The person's other sessions (seats and waiting places) and B2B meetings that overlap this
 * session. A clash is a warning, not a refusal: people do leave a talk early for a meeting.
 */
export async function findClashes(db: Db | Tx, input: { sessionId: string; userId: string }): Promise<Clash[]> {
  const session = await db.agendaSession.findUnique({
    where: { id: input.sessionId },
    select: { eventId: true, startsAt: true, endsAt: true },
  })
  if (!session) return []
  const overlapping = { startsAt: { lt: session.endsAt }, endsAt: { gt: session.startsAt } }
  const [enrolments, meetings] = await Promise.all([
    db.sessionEnrolment.findMany({
      where: {
        sessionId: { not: input.sessionId },
        status: { in: ['ENROLLED', 'WAITLISTED'] },
        registration: { userId: input.userId, eventId: session.eventId },
        session: { status: 'SCHEDULED', ...overlapping },
      },
      select: { session: { select: { title: true, startsAt: true, endsAt: true } } },
    }),
    db.meetingParticipant.findMany({
      where: { userId: input.userId, activeSlotId: { not: null }, meeting: { eventId: session.eventId }, slot: overlapping },
      select: { slot: { select: { startsAt: true, endsAt: true } } },
    }),
  ])
  return [
    ...enrolments.map(({ session: other }) => ({ kind: 'session' as const, ...other })),
    ...meetings.flatMap(({ slot }) => (slot ? [{ kind: 'meeting' as const, title: 'B2B meeting', ...slot }] : [])),
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

// ---------- Seats and waiting numbers ----------

/**
 * Locks the session's row for the rest of the transaction (a no-op update), so sign-ups,
 * departures and organiser changes of one session run one after another, on every instance.
 */
export async function lockSession(tx: Tx, sessionId: string) {
  const locked = await tx.$executeRaw`UPDATE "AgendaSession" SET "seatsTaken" = "seatsTaken" WHERE "id" = ${sessionId}`
  if (locked === 0) throw new DomainError('not-found', 'There is no such session.', { code: 'not-found' })
  return tx.agendaSession.findUniqueOrThrow({ where: { id: sessionId }, select: sessionForSignUpSelect })
}

/**
 * Takes one seat if one is free. The session's own capacity counts, else its room's, else
 * none. The condition in the UPDATE is what prevents overbooking.
 */
async function takeSeat(tx: Tx, sessionId: string) {
  const taken = await tx.$executeRaw`
    UPDATE "AgendaSession" SET "seatsTaken" = "seatsTaken" + 1
    WHERE "id" = ${sessionId}
      AND "seatsTaken" < COALESCE(
        "capacity",
        (SELECT "Room"."capacity" FROM "Room" WHERE "Room"."id" = "AgendaSession"."roomId"),
        "seatsTaken" + 1
      )`
  return taken === 1
}

async function releaseSeat(tx: Tx, sessionId: string) {
  await tx.$executeRaw`UPDATE "AgendaSession" SET "seatsTaken" = "seatsTaken" - 1 WHERE "id" = ${sessionId} AND "seatsTaken" > 0`
}

/** By plain SQL: the counter is in no calendar entry, so the row's last change (updatedAt) stays. */
async function nextWaitlistNumber(tx: Tx, sessionId: string) {
  await tx.$executeRaw`UPDATE "AgendaSession" SET "waitlistCounter" = "waitlistCounter" + 1 WHERE "id" = ${sessionId}`
  const session = await tx.agendaSession.findUniqueOrThrow({ where: { id: sessionId }, select: { waitlistCounter: true } })
  return session.waitlistCounter
}

async function waitlistPosition(db: Db | Tx, sessionId: string, waitlistNumber: number | null) {
  if (waitlistNumber === null) return null
  return db.sessionEnrolment.count({ where: { sessionId, status: 'WAITLISTED', waitlistNumber: { lte: waitlistNumber } } })
}

async function endEnrolment(
  tx: Tx,
  input: { sessionId: string; enrolment: { id: string; status: string }; kind: 'left' | 'released'; now: Date },
) {
  const { enrolment, now } = input
  const seated = enrolment.status === 'ENROLLED'
  const ended = await tx.sessionEnrolment.updateMany({
    where: { id: enrolment.id, status: enrolment.status as 'ENROLLED' | 'WAITLISTED' },
    data: {
      status: 'CANCELLED',
      waitlistNumber: null,
      cancelledAt: now,
      updatedAt: now,
      // The person's copy is withdrawn with a CANCEL at a higher SEQUENCE.
      ...(seated ? { calendarSequence: { increment: 1 } } : {}),
    },
  })
  if (ended.count === 0) return
  if (seated) await releaseSeat(tx, input.sessionId)
  const registration = await tx.sessionEnrolment.findUniqueOrThrow({ where: { id: enrolment.id }, select: { registration: { select: { userId: true } } } })
  await notify(tx, {
    sessionId: input.sessionId,
    userId: registration.registration.userId,
    kind: input.kind,
    key: `${enrolment.id}:${now.getTime()}`,
    invite: seated ? 'CANCEL' : null,
  })
}

// ---------- Messages ----------

async function notify(
  tx: Tx,
  input: {
    sessionId: string
    userId: string
    kind: SessionMessageKind
    key: string
    invite: 'REQUEST' | 'CANCEL' | null
    position?: number | null
  },
) {
  const [described, user] = await Promise.all([
    describeSession(tx, input.sessionId),
    tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { id: true, email: true, name: true, erasedAt: true } }),
  ])
  if (user.erasedAt) return
  const invite = input.invite ? await sessionInvite(tx, { sessionId: input.sessionId, userId: input.userId, method: input.invite }) : null
  await queueEmail(tx, {
    idempotencyKey: `session:${input.kind}:${input.key}`,
    kind: `session-${input.kind}`,
    to: { email: user.email, name: user.name || null },
    email: {
      template: 'session-update',
      props: {
        kind: input.kind,
        recipientName: user.name || null,
        ...emailSessionProps(described),
        position: input.position ?? null,
        hasInvite: invite !== null,
      },
    },
    invite,
    eventId: described.eventId,
    userId: user.id,
  })
}

/** The parts of a session-update email that describe the session. */
export function emailSessionProps(described: DescribedSession) {
  return {
    eventTitle: described.eventTitle,
    session: { title: described.title, when: described.when, where: described.where },
    sessionUrl: sessionPageUrl(described.eventSlug, described.slug),
  }
}

/** The session with this slug in a published event, for the sign-up route. */
export async function findSessionForSignUp(db: Db, input: { eventSlug: string; sessionSlug: string }) {
  return db.agendaSession.findFirst({
    // Published only, not merely public: a cancelled event takes no sign-ups.
    where: { slug: input.sessionSlug, event: { slug: input.eventSlug, status: 'PUBLISHED' } },
    select: { id: true, slug: true, event: { select: { slug: true } } },
  })
}

/**
 * The meeting slots each person's breakout seats overlap (ENROLLED only: a waiting place is not a
 * seat). A seat makes its time busy for meetings: the scheduler books around it, and people asking
 * each other to meet are offered only times neither of them spends in a session.
 */
export async function slotsTakenByBreakoutSeats(
  db: Db | Tx,
  input: { eventId: string; slots: readonly { id: string; startsAt: Date; endsAt: Date }[]; userIds?: readonly string[] },
) {
  const taken = new Map<string, Set<string>>()
  if (input.slots.length === 0) return taken
  const first = input.slots.reduce((a, b) => (a.startsAt <= b.startsAt ? a : b))
  const last = input.slots.reduce((a, b) => (a.endsAt >= b.endsAt ? a : b))
  const seats = await db.sessionEnrolment.findMany({
    where: {
      status: 'ENROLLED',
      ...(input.userIds ? { registration: { userId: { in: [...input.userIds] } } } : {}),
      session: { eventId: input.eventId, status: 'SCHEDULED', startsAt: { lt: last.endsAt }, endsAt: { gt: first.startsAt } },
    },
    select: { registration: { select: { userId: true } }, session: { select: { startsAt: true, endsAt: true } } },
  })
  for (const { registration, session } of seats) {
    for (const slot of input.slots) {
      if (slot.startsAt < session.endsAt && session.startsAt < slot.endsAt) taken.set(registration.userId, (taken.get(registration.userId) ?? new Set()).add(slot.id))
    }
  }
  return taken
}
