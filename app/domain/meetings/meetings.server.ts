// B2B meeting requests and meetings: request, propose other times, accept, decline, withdraw,
// cancel, block slots. Every change is one transaction that updates the rows, moves the
// per-person counters with conditional updates against the event's limits, and queues the
// emails (with the meeting invite) in the outbox. "Nobody and no table twice in a slot" is
// kept by the unique indexes on Meeting(tableId, activeSlotId) and
// MeetingParticipant(userId, activeSlotId), written with INSERT … ON CONFLICT DO NOTHING so a
// lost race is a clear message, never an aborted PostgreSQL transaction or a 500. Functions
// take the client first so tests can use their own database.
import { randomUUID } from 'node:crypto'
import { join, raw } from '@prisma/client/runtime/client'
import { busyTransactionOptions, databaseProviderOf, transactionRetriedOnConflict, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import type { MeetingMessageKind, MeetingUpdateEmailProps } from '#emails/meeting-update.tsx'
import { meetingEntrySelect, meetingInvite, meetingInviteFromRow, type MeetingEntryRow } from '#app/domain/calendar/calendar.server.ts'
import { queueEmail, queueEmails, withdrawQueuedEmails, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { asEventPerson, eventPersonSelect, type EventOrganisation } from '#app/domain/events/people.server.ts'
import {
  bookingWindowState,
  MAX_PROPOSED_SLOTS,
  MEETING_MESSAGE_MAX_LENGTH,
  meetingPairKey,
  meetingReminderTime,
  meetingPlaceLabel,
  meetingTableLabel,
  personWithOrganisation,
} from './meetings.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { b2bParticipantWhere } from '#app/domain/matchmaking/participants.ts'

type Tx = DbTransaction

/** Stands for "no limit" in the counters' conditional updates (the event's limit is null). */
const NO_LIMIT = raw('2147483647')

// ---------- Who and what ----------

const meetingEventSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  timeZone: true,
  endsAt: true,
  venueName: true,
  venueAddress: true,
  b2bEnabled: true,
  b2bBookingOpensAt: true,
  b2bBookingClosesAt: true,
  maxMeetingsPerPerson: true,
  maxPendingRequestsPerPerson: true,
} as const

type MeetingEvent = { id: string; timeZone: string; maxMeetingsPerPerson: number | null; maxPendingRequestsPerPerson: number | null }

async function loadEvent(db: Db | Tx, eventId: string) {
  const event = await db.event.findUnique({ where: { id: eventId }, select: meetingEventSelect })
  if (!event || !event.b2bEnabled) throw new DomainError('not-found', 'This event has no B2B meetings.')
  return event
}

function assertBookingOpen(event: Awaited<ReturnType<typeof loadEvent>>, now: Date) {
  const state = bookingWindowState(event, now)
  if (state.kind === 'not-yet-open') {
    throw new DomainError('closed', `Meeting booking opens on ${formatShortDate(state.opensAt, event.timeZone)} at ${formatTime(state.opensAt, event.timeZone)}.`)
  }
  if (state.kind !== 'open') throw new DomainError('closed', 'Meeting booking for this event is closed.')
}

/** A person of one of the event's meetings or requests, with their organisation at the event. */
const personSelect = (eventId: string) => eventPersonSelect(eventId, { id: true, name: true, email: true })

export type Participant = { id: string; name: string; email: string; organisationId: string | null; organisation: EventOrganisation | null }

/** A participant: an approved registration for the event and an opted-in matchmaking profile. */
export async function findParticipant(db: Db | Tx, eventId: string, userId: string): Promise<Participant | null> {
  const person = await db.user.findFirst({
    where: { id: userId, ...b2bParticipantWhere(eventId) },
    select: personSelect(eventId),
  })
  return person && asEventPerson(person)
}

/** The confirmed meeting two people already have at the event, if any: they need no second one. */
export async function confirmedMeetingBetween(db: Db | Tx, eventId: string, firstUserId: string, secondUserId: string) {
  return db.meeting.findFirst({
    where: { eventId, status: 'CONFIRMED', AND: [{ participants: { some: { userId: firstUserId } } }, { participants: { some: { userId: secondUserId } } }] },
    select: { id: true, slot: { select: { startsAt: true, endsAt: true } }, table: { select: { number: true, name: true } } },
  })
}

/** "14:30 on Wed 24 Mar" */
function slotMoment(slot: { startsAt: Date }, timeZone: string) {
  return `${formatTime(slot.startsAt, timeZone)} on ${formatShortDate(slot.startsAt, timeZone)}`
}

/** "You" for the person acting, their name for anyone else. */
function subjectName(person: { id: string; name: string }, actorId: string) {
  return person.id === actorId ? 'You' : person.name
}

/** The event's slots that can still be booked: in a scheduled B2B window, not yet started. */
export function bookableSlotWhere(eventId: string, now: Date) {
  return { eventId, startsAt: { gt: now }, window: { kind: 'B2B_WINDOW' as const, status: 'SCHEDULED' as const } }
}

/**
 * The slots among `slotIds` in which none of the people has a confirmed meeting or a block, as
 * a map from slot id to the first person found busy there (absent: free for all).
 */
export async function busyPeopleBySlot(db: Db | Tx, userIds: readonly string[], slotIds: readonly string[]) {
  const [seats, blocks] = await Promise.all([
    db.meetingParticipant.findMany({ where: { userId: { in: [...userIds] }, activeSlotId: { in: [...slotIds] } }, select: { userId: true, activeSlotId: true } }),
    db.blockedSlot.findMany({ where: { userId: { in: [...userIds] }, slotId: { in: [...slotIds] } }, select: { userId: true, slotId: true } }),
  ])
  const busy = new Map<string, { userId: string; why: 'meeting' | 'blocked' }>()
  for (const seat of seats) if (seat.activeSlotId) busy.set(seat.activeSlotId, { userId: seat.userId, why: 'meeting' })
  for (const block of blocks) if (!busy.has(block.slotId)) busy.set(block.slotId, { userId: block.userId, why: 'blocked' })
  return busy
}

/** Checks proposed slots: a few, distinct, bookable, and free for both people. Returns them in time order. */
async function checkProposedSlots(
  db: Db | Tx,
  input: { event: MeetingEvent; slotIds: readonly string[]; people: readonly Participant[]; actorId: string; now: Date },
) {
  const slotIds = [...new Set(input.slotIds)]
  if (slotIds.length === 0) throw new DomainError('invalid', 'Choose at least one time.', { field: 'slotIds' })
  if (slotIds.length > MAX_PROPOSED_SLOTS) throw new DomainError('invalid', `Choose at most ${MAX_PROPOSED_SLOTS} times.`, { field: 'slotIds' })
  const slots = await db.meetingSlot.findMany({
    where: { id: { in: slotIds }, ...bookableSlotWhere(input.event.id, input.now) },
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true, endsAt: true },
  })
  if (slots.length !== slotIds.length) {
    throw new DomainError('invalid', 'Choose times from the list: one of them is not a bookable B2B slot of this event.', { field: 'slotIds' })
  }
  const busy = await busyPeopleBySlot(db, input.people.map((person) => person.id), slotIds)
  for (const slot of slots) {
    const taken = busy.get(slot.id)
    if (!taken) continue
    const person = input.people.find((candidate) => candidate.id === taken.userId)!
    const who = subjectName(person, input.actorId)
    throw new DomainError('conflict', `${who} ${who === 'You' ? 'are' : 'is'} not free at ${slotMoment(slot, input.event.timeZone)}. Choose other times.`, { field: 'slotIds', code: 'busy' })
  }
  return slots
}

function cleanText(value: string | null | undefined, field: 'message' | 'reason') {
  const text = value?.trim() || null
  if (text && text.length > MEETING_MESSAGE_MAX_LENGTH) {
    throw new DomainError('invalid', `Keep it under ${MEETING_MESSAGE_MAX_LENGTH} characters.`, { field })
  }
  return text
}

/** Runs a booking transaction, again when PostgreSQL picked it as a deadlock victim or reported a write conflict. */

// ---------- Requests ----------

/** Asks `recipientId` to meet in one of the proposed slots; queues the "request received" email. */
export async function requestMeeting(
  db: Db,
  input: { eventId: string; requesterId: string; recipientId: string; slotIds: readonly string[]; message?: string | null; now?: Date },
) {
  const now = input.now ?? new Date()
  const event = await loadEvent(db, input.eventId)
  assertBookingOpen(event, now)
  if (input.requesterId === input.recipientId) throw new DomainError('invalid', 'You cannot request a meeting with yourself.')
  const requester = await findParticipant(db, event.id, input.requesterId)
  if (!requester) {
    throw new DomainError('forbidden', 'Only approved attendees with a matchmaking profile can request meetings. Complete your profile first.')
  }
  const recipient = await findParticipant(db, event.id, input.recipientId)
  if (!recipient) throw new DomainError('not-found', 'This person does not take part in B2B meetings at this event.')
  const already = await confirmedMeetingBetween(db, event.id, requester.id, recipient.id)
  if (already) {
    throw new DomainError('conflict', `You already meet ${recipient.name} at ${slotMoment(already.slot, event.timeZone)}, ${meetingTableLabel(already.table)}. Cancel that meeting first if you need another time.`)
  }
  const message = cleanText(input.message, 'message')
  const slots = await checkProposedSlots(db, { event, slotIds: input.slotIds, people: [requester, recipient], actorId: requester.id, now })

  const pairKey = meetingPairKey(requester.id, recipient.id)
  const open = await db.meetingRequest.findFirst({ where: { eventId: event.id, openPairKey: pairKey }, select: { requesterId: true } })
  if (open) throw openRequestConflict(open.requesterId === requester.id, recipient.name)
  await assertMeetingsLeft(db, event, [requester, recipient], requester.id)

  return db.$transaction(async (tx) => {
    const counted = await tx.$executeRaw`
      UPDATE "MatchmakingProfile" SET "pendingRequestsSent" = "pendingRequestsSent" + 1
      WHERE "eventId" = ${event.id} AND "userId" = ${requester.id} AND "optedIn" = true
        AND "pendingRequestsSent" < COALESCE((SELECT "maxPendingRequestsPerPerson" FROM "Event" WHERE "id" = ${event.id}), ${NO_LIMIT})`
    if (counted !== 1) {
      throw new DomainError('limit', `You already have ${event.maxPendingRequestsPerPerson} requests waiting for an answer, the most this event allows. Wait for answers or withdraw one.`)
    }
    const requestId = randomUUID()
    // The unique (eventId, openPairKey) index keeps one open request per pair, in either direction.
    const inserted = await tx.$executeRaw`
      INSERT INTO "MeetingRequest" ("id", "eventId", "requesterId", "recipientId", "message", "status", "openPairKey", "awaitingUserId", "createdAt", "updatedAt")
      VALUES (${requestId}, ${event.id}, ${requester.id}, ${recipient.id}, ${message}, 'PENDING', ${pairKey}, ${recipient.id}, ${now}, ${now})
      ON CONFLICT DO NOTHING`
    if (inserted !== 1) throw openRequestConflict(true, recipient.name)
    await tx.meetingRequestSlot.createMany({ data: slots.map((slot) => ({ requestId, slotId: slot.id })) })
    await notifyAboutRequest(tx, { eventId: event.id, requestId, kind: 'request-received', toUserId: recipient.id, key: requestId })
    return { requestId }
  }, busyTransactionOptions)
}

function openRequestConflict(sentByRequester: boolean, otherName: string) {
  return new DomainError('conflict', sentByRequester
      ? `You and ${otherName} already have an open meeting request. Answer or withdraw it first.`
      : `${otherName} has already asked you to meet: answer their request instead.`)
}

/** A friendly early refusal; the conditional updates at booking time are what enforce the limit. */
async function assertMeetingsLeft(db: Db | Tx, event: MeetingEvent, people: readonly Participant[], actorId: string) {
  if (event.maxMeetingsPerPerson === null) return
  const full = await db.matchmakingProfile.findFirst({
    where: { eventId: event.id, userId: { in: people.map((person) => person.id) }, meetingsBooked: { gte: event.maxMeetingsPerPerson } },
    select: { userId: true },
  })
  if (full) throw meetingLimitReached(people.find((person) => person.id === full.userId)!, actorId, event.maxMeetingsPerPerson)
}

function meetingLimitReached(person: { id: string; name: string }, actorId: string, limit: number | null) {
  const meetings = limit === 1 ? '1 meeting' : `${limit} meetings`
  return new DomainError('limit', person.id === actorId
      ? `You already have ${meetings}, the most this event allows. Cancel one to book another.`
      : `${person.name} already has ${meetings}, the most this event allows.`)
}

const requestForAnswerSelect = {
  id: true,
  eventId: true,
  requesterId: true,
  recipientId: true,
  status: true,
  awaitingUserId: true,
  proposedSlots: { select: { slotId: true } },
} as const

/** Which request is answered, by whom, through which event's pages. */
type RequestAnswerInput = { eventId: string; requestId: string; userId: string }

/**
 * The request, if it belongs to this event and `userId` is one of its two people; anyone else
 * (or the same id through another event's pages) is told it does not exist.
 */
async function findOwnRequest(db: Db | Tx, input: RequestAnswerInput) {
  const request = await db.meetingRequest.findFirst({ where: { id: input.requestId, eventId: input.eventId }, select: requestForAnswerSelect })
  if (!request || (request.requesterId !== input.userId && request.recipientId !== input.userId)) {
    throw new DomainError('not-found', 'There is no such meeting request.')
  }
  return request
}

function assertPending(request: { status: string }) {
  if (request.status === 'PENDING') return
  if (request.status === 'EXPIRED') throw new DomainError('conflict', 'This request has expired. Send a new one if you still want to meet.')
  const outcome = { ACCEPTED: 'accepted', DECLINED: 'declined', CANCELLED: 'withdrawn' }[request.status] ?? 'closed'
  throw new DomainError('conflict', `This request has already been ${outcome}.`)
}

async function otherPartyName(db: Db | Tx, userId: string) {
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? 'the other person'
}

async function assertAwaiting(db: Db | Tx, request: { awaitingUserId: string | null }, userId: string) {
  if (request.awaitingUserId === userId) return
  throw new DomainError('forbidden', `This request is waiting for ${await otherPartyName(db, request.awaitingUserId ?? '')}'s answer, not yours.`)
}

/**
 * A pending request this person is to answer now, while booking is open, with both people
 * still taking part; with `acceptingSlotId`, that slot must be one of the proposed ones.
 */
async function requestAwaitingAnswer(db: Db, input: RequestAnswerInput & { acceptingSlotId?: string }, now: Date) {
  const request = await findOwnRequest(db, input)
  assertPending(request)
  await assertAwaiting(db, request, input.userId)
  if (input.acceptingSlotId !== undefined && !request.proposedSlots.some((proposal) => proposal.slotId === input.acceptingSlotId)) {
    throw new DomainError('invalid', 'Choose one of the proposed times.', { field: 'slotId' })
  }
  const event = await loadEvent(db, request.eventId)
  assertBookingOpen(event, now)
  const [requester, recipient] = await Promise.all([
    findParticipant(db, event.id, request.requesterId),
    findParticipant(db, event.id, request.recipientId),
  ])
  if (!requester || !recipient) throw new DomainError('conflict', 'One of you no longer takes part in B2B meetings at this event.')
  return { request, event, requester, recipient }
}

/**
 * Accepts one of the proposed slots and books it with a free table, all in one transaction: the
 * request is claimed only while still pending and awaiting this person (so two accepts cannot
 * both win), then the counters, the table and the two seats are taken; if any of them is gone
 * the whole transaction rolls back and the person gets a message saying which.
 */
export async function acceptMeetingRequest(db: Db, input: RequestAnswerInput & { slotId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const { request, event, requester, recipient } = await requestAwaitingAnswer(db, { ...input, acceptingSlotId: input.slotId }, now)
  const slot = await db.meetingSlot.findFirst({ where: { id: input.slotId, ...bookableSlotWhere(event.id, now) }, select: { id: true, startsAt: true } })
  if (!slot) throw new DomainError('conflict', 'That time can no longer be booked. Propose other times.', { field: 'slotId' })
  return transactionRetriedOnConflict(db, async (tx) => {
    const claimed = await tx.meetingRequest.updateMany({
      where: { id: request.id, status: 'PENDING', awaitingUserId: input.userId },
      data: { status: 'ACCEPTED', openPairKey: null, awaitingUserId: null, respondedAt: now, updatedAt: now },
    })
    if (claimed.count === 0) throw new DomainError('conflict', 'This request was answered a moment ago. Reload the page to see where it stands.')
    await releasePendingRequest(tx, event.id, requester.id)
    const booked = await bookMeetingInTransaction(tx, {
      event,
      slot,
      people: [requester, recipient],
      actorId: input.userId,
      nextStep: 'pick another slot.',
      requestId: request.id,
      now,
    })
    await notifyMeetingBooked(tx, { eventId: event.id, meetingId: booked.meetingId, now })
    return booked
  })
}

/** Replaces the proposed slots with others and hands the request to the other person. */
export async function proposeOtherSlots(db: Db, input: RequestAnswerInput & { slotIds: readonly string[]; now?: Date }) {
  const now = input.now ?? new Date()
  const { request, event, requester, recipient } = await requestAwaitingAnswer(db, input, now)
  const slots = await checkProposedSlots(db, { event, slotIds: input.slotIds, people: [requester, recipient], actorId: input.userId, now })
  const otherId = input.userId === requester.id ? recipient.id : requester.id

  return db.$transaction(async (tx) => {
    const handedOver = await tx.meetingRequest.updateMany({
      where: { id: request.id, status: 'PENDING', awaitingUserId: input.userId },
      data: { awaitingUserId: otherId, updatedAt: now },
    })
    if (handedOver.count === 0) throw new DomainError('conflict', 'This request was answered a moment ago. Reload the page to see where it stands.')
    await tx.meetingRequestSlot.deleteMany({ where: { requestId: request.id } })
    await tx.meetingRequestSlot.createMany({ data: slots.map((slot) => ({ requestId: request.id, slotId: slot.id })) })
    await notifyAboutRequest(tx, { eventId: event.id, requestId: request.id, kind: 'slots-proposed', toUserId: otherId, key: `${request.id}:${now.getTime()}` })
    return { requestId: request.id, awaitingUserId: otherId }
  }, busyTransactionOptions)
}

/** The recipient says no, with an optional reason; the requester's pending request is freed. */
export async function declineMeetingRequest(db: Db, input: RequestAnswerInput & { reason?: string | null; now?: Date }) {
  const now = input.now ?? new Date()
  const request = await findOwnRequest(db, input)
  assertPending(request)
  if (request.recipientId !== input.userId) throw new DomainError('forbidden', 'Only the person asked can decline a request. You can withdraw yours.')
  const reason = cleanText(input.reason, 'reason')
  return db.$transaction(async (tx) => {
    const declined = await tx.meetingRequest.updateMany({
      where: { id: request.id, status: 'PENDING', recipientId: input.userId },
      data: { status: 'DECLINED', openPairKey: null, awaitingUserId: null, declineReason: reason, respondedAt: now, updatedAt: now },
    })
    if (declined.count === 0) throw new DomainError('conflict', 'This request was answered a moment ago. Reload the page to see where it stands.')
    await releasePendingRequest(tx, request.eventId, request.requesterId)
    await notifyAboutRequest(tx, { eventId: request.eventId, requestId: request.id, kind: 'declined', toUserId: request.requesterId, key: request.id })
    return { requestId: request.id }
  }, busyTransactionOptions)
}

/** The requester takes their pending request back. */
export async function withdrawMeetingRequest(db: Db, input: RequestAnswerInput & { now?: Date }) {
  const now = input.now ?? new Date()
  const request = await findOwnRequest(db, input)
  assertPending(request)
  if (request.requesterId !== input.userId) throw new DomainError('forbidden', 'Only the person who sent a request can withdraw it. You can decline it.')
  return db.$transaction(async (tx) => {
    const withdrawn = await tx.meetingRequest.updateMany({
      where: { id: request.id, status: 'PENDING', requesterId: input.userId },
      data: { status: 'CANCELLED', openPairKey: null, awaitingUserId: null, respondedAt: now, updatedAt: now },
    })
    if (withdrawn.count === 0) throw new DomainError('conflict', 'This request was answered a moment ago. Reload the page to see where it stands.')
    await releasePendingRequest(tx, request.eventId, request.requesterId)
    await notifyAboutRequest(tx, { eventId: request.eventId, requestId: request.id, kind: 'withdrawn', toUserId: request.recipientId, key: request.id })
    return { requestId: request.id }
  }, busyTransactionOptions)
}

/** Frees one of the requester's pending requests (never below zero); the expiry job uses it too. */
export async function releasePendingRequest(tx: Tx, eventId: string, requesterId: string) {
  await tx.$executeRaw`
    UPDATE "MatchmakingProfile" SET "pendingRequestsSent" = "pendingRequestsSent" - 1
    WHERE "eventId" = ${eventId} AND "userId" = ${requesterId} AND "pendingRequestsSent" > 0`
}

// ---------- Booking ----------

type BookingInput = {
  event: MeetingEvent
  slot: { id: string; startsAt: Date }
  /** With their organisations at this event: those decide which reserved tables they may use. */
  people: readonly [Participant, Participant]
  /** Who is booking, to word messages as "You …". */
  actorId: string
  /** Ends the sentence when a person or table is no longer free ("pick another slot."); null ends it there. */
  nextStep: string | null
  requestId: string
  now: Date
}

/**
 * Books the two people of an accepted request into a slot at a free table, inside the caller's
 * transaction: both meeting counters go up only while under the event's limit, the table is the
 * lowest-numbered free one they may use (a reserved table only for its organisation's meetings),
 * and the seats are taken through the unique indexes. Throws a DomainError ('limit', or
 * 'conflict' with code 'busy' or 'no-table') when something is gone; the caller's transaction
 * then rolls back. The scheduler books a whole plan with bookScheduledMeetingsInTransaction.
 */
async function bookMeetingInTransaction(tx: Tx, input: BookingInput): Promise<{ meetingId: string; tableNumber: number }> {
  const { event, slot, people, actorId, now } = input
  // Counters in user-id order, so two bookings sharing people lock their rows in the same order.
  for (const person of [...people].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const counted = await tx.$executeRaw`
      UPDATE "MatchmakingProfile" SET "meetingsBooked" = "meetingsBooked" + 1
      WHERE "eventId" = ${event.id} AND "userId" = ${person.id}
        AND "meetingsBooked" < COALESCE((SELECT "maxMeetingsPerPerson" FROM "Event" WHERE "id" = ${event.id}), ${NO_LIMIT})`
    if (counted !== 1) throw meetingLimitReached(person, actorId, event.maxMeetingsPerPerson)
  }
  // Checked under those row locks: blockSlot takes the same lock, so a block and a booking of one
  // slot take turns and the later one sees the other.
  const blocked = await tx.blockedSlot.findFirst({ where: { userId: { in: people.map((person) => person.id) }, slotId: slot.id }, select: { userId: true } })
  if (blocked) {
    const who = subjectName(people.find((person) => person.id === blocked.userId)!, actorId)
    throw new DomainError('conflict', withNextStep(`${who} ${who === 'You' ? 'are' : 'is'} no longer free at ${slotMoment(slot, event.timeZone)}`, input.nextStep), { field: 'slotId', code: 'busy' })
  }
  // A clear message in the common case; the unique index below is what guarantees it.
  const alreadyBooked = await tx.meetingParticipant.findFirst({
    where: { userId: { in: people.map((person) => person.id) }, activeSlotId: slot.id },
    select: { userId: true },
  })
  if (alreadyBooked) throw personBusy(people.find((person) => person.id === alreadyBooked.userId)!, input)

  const meetingId = randomUUID()
  const calendarUid = newCalendarUid('meeting')
  const [first, second] = people
  await holdWindowsWhileBooking(tx, [slot.id])
  const tableCount = await tx.meetingTable.count({ where: { eventId: event.id } })
  let tableNumber: number | null = null
  // Another booking may take the chosen table between our choice and our insert; its unique
  // index entry makes our insert do nothing, and the next round sees that table as taken.
  for (let round = 0; tableNumber === null && round <= tableCount; round++) {
    const rows = await tx.$queryRaw<{ tableId: string }[]>`
      INSERT INTO "Meeting" ("id", "eventId", "slotId", "tableId", "activeSlotId", "requestId", "status", "source", "calendarUid", "calendarSequence", "createdAt", "updatedAt")
      SELECT ${meetingId}, ${event.id}, ${slot.id}, t."id", ${slot.id}, ${input.requestId}, 'CONFIRMED', 'REQUEST', ${calendarUid}, 0, ${now}, ${now}
      FROM "MeetingTable" t
      WHERE t."eventId" = ${event.id}
        AND (t."reservedForOrganisationId" IS NULL OR t."reservedForOrganisationId" IN (${first.organisationId ?? ''}, ${second.organisationId ?? ''}))
        AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."tableId" = t."id" AND m."activeSlotId" = ${slot.id})
      ORDER BY t."number"
      LIMIT 1
      ON CONFLICT DO NOTHING
      RETURNING "tableId"`
    if (rows[0]) {
      tableNumber = (await tx.meetingTable.findUniqueOrThrow({ where: { id: rows[0].tableId }, select: { number: true } })).number
      break
    }
    const freeTables = await tx.meetingTable.count({
      where: {
        eventId: event.id,
        OR: [{ reservedForOrganisationId: null }, { reservedForOrganisationId: { in: [first.organisationId ?? '', second.organisationId ?? ''] } }],
        meetings: { none: { activeSlotId: slot.id } },
      },
    })
    if (freeTables === 0) break
  }
  if (tableNumber === null) throw new DomainError('conflict', withNextStep(`All tables are taken at ${slotMoment(slot, event.timeZone)}`, input.nextStep), { field: 'slotId', code: 'no-table' })

  const seated = await tx.$executeRaw`
    INSERT INTO "MeetingParticipant" ("meetingId", "userId", "activeSlotId")
    VALUES (${meetingId}, ${first.id}, ${slot.id}), (${meetingId}, ${second.id}, ${slot.id})
    ON CONFLICT DO NOTHING`
  if (seated !== 2) {
    const seatedIds = await tx.meetingParticipant.findMany({ where: { meetingId }, select: { userId: true } })
    const busy = people.find((person) => !seatedIds.some((seat) => seat.userId === person.id))!
    throw personBusy(busy, input)
  }
  return { meetingId, tableNumber }
}


/**
 * Holds the B2B windows of the slots being booked (their rooms are in the booking's emails and
 * invite) until the booking commits, taken before the meeting is inserted. A window's room change
 * locks its row FOR UPDATE and then gives the upcoming meetings in it their new place: on
 * PostgreSQL, without this key-share lock a booking could build its invite from the old room and
 * commit after the change read its meetings, and its two people would never hear of the new one.
 * (A table's rename is held the same way by the booking's foreign key to the table.) Key-share
 * locks hold up no other booking. SQLite runs one write transaction at a time, so the order is
 * already fixed there.
 */
export async function holdWindowsWhileBooking(tx: Tx, slotIds: readonly string[]) {
  if (databaseProviderOf(tx) !== 'postgresql' || slotIds.length === 0) return
  await tx.$queryRaw`
    SELECT "id" FROM "AgendaSession"
    WHERE "id" IN (SELECT "windowId" FROM "MeetingSlot" WHERE "id" IN (${join([...new Set(slotIds)])}))
    ORDER BY "id" FOR KEY SHARE`
}

/** One meeting the scheduler placed, with everything chosen in advance (ids, table). */
export type ScheduledBooking = {
  slot: { id: string; startsAt: Date }
  people: readonly [Participant, Participant]
  tableId: string
  meetingId: string
  calendarUid: string
  requestId: string | null
}

/** Ids per statement: well under SQLite's limit of bound parameters, and short lock lists. */
const BOOKING_CHUNK = 500

/**
 * Books a whole plan inside the caller's transaction, with the same guarantees as
 * bookMeetingInTransaction in a few statements instead of eight per meeting: every person's
 * counter goes up by their number of new meetings only while it stays within the event's limit
 * (one conditional update per distinct count, rows locked first in user-id order on PostgreSQL,
 * as single bookings lock them); a blocked slot or an existing seat of anyone in the plan
 * refuses it with the single path's messages; meetings and seats are inserted in bulk, so the
 * unique indexes on (table, slot) and (person, slot) refuse a table or person taken meanwhile
 * (the caller turns that into "changed since the preview"). Tables are the planned ones: the
 * planner read the reservations in this transaction.
 */
export async function bookScheduledMeetingsInTransaction(tx: Tx, input: { event: MeetingEvent; bookings: readonly ScheduledBooking[]; now: Date }) {
  const { event, bookings, now } = input
  if (bookings.length === 0) return
  const newMeetings = new Map<string, number>()
  const personById = new Map<string, Participant>()
  for (const booking of bookings) {
    for (const person of booking.people) {
      newMeetings.set(person.id, (newMeetings.get(person.id) ?? 0) + 1)
      personById.set(person.id, person)
    }
  }
  const personIds = [...newMeetings.keys()].sort()
  const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / BOOKING_CHUNK) }, (_, index) => items.slice(index * BOOKING_CHUNK, (index + 1) * BOOKING_CHUNK))

  if (databaseProviderOf(tx) === 'postgresql') {
    for (const ids of chunks(personIds)) {
      await tx.$queryRaw`SELECT "userId" FROM "MatchmakingProfile" WHERE "eventId" = ${event.id} AND "userId" IN (${join(ids)}) ORDER BY "userId" FOR UPDATE`
    }
  }
  for (const chunk of chunks(bookings)) await holdWindowsWhileBooking(tx, chunk.map((booking) => booking.slot.id))
  const byCount = new Map<number, string[]>()
  for (const id of personIds) {
    const count = newMeetings.get(id)!
    const ids = byCount.get(count) ?? []
    ids.push(id)
    byCount.set(count, ids)
  }
  for (const [count, ids] of byCount) {
    for (const chunk of chunks(ids)) {
      const counted = await tx.$executeRaw`
        UPDATE "MatchmakingProfile" SET "meetingsBooked" = "meetingsBooked" + ${count}
        WHERE "eventId" = ${event.id} AND "userId" IN (${join(chunk)})
          AND "meetingsBooked" + ${count} <= COALESCE((SELECT "maxMeetingsPerPerson" FROM "Event" WHERE "id" = ${event.id}), ${NO_LIMIT})`
      if (counted !== chunk.length) {
        const within = await tx.matchmakingProfile.findMany({ where: { eventId: event.id, userId: { in: chunk } }, select: { userId: true, meetingsBooked: true } })
        const counters = new Map(within.map((profile) => [profile.userId, profile.meetingsBooked]))
        const over = chunk.find((id) => (counters.get(id) ?? Number.POSITIVE_INFINITY) + count > (event.maxMeetingsPerPerson ?? Number.POSITIVE_INFINITY)) ?? chunk[0]!
        throw meetingLimitReached(personById.get(over)!, '', event.maxMeetingsPerPerson)
      }
    }
  }

  const slotIds = [...new Set(bookings.map((booking) => booking.slot.id))]
  const wanted = new Set(bookings.flatMap((booking) => booking.people.map((person) => `${person.id} ${booking.slot.id}`)))
  const slotOf = new Map(bookings.map((booking) => [booking.slot.id, booking.slot]))
  for (const ids of chunks(personIds)) {
    const [blocked, seated] = await Promise.all([
      tx.blockedSlot.findMany({ where: { userId: { in: ids }, slotId: { in: slotIds } }, select: { userId: true, slotId: true } }),
      tx.meetingParticipant.findMany({ where: { userId: { in: ids }, activeSlotId: { in: slotIds } }, select: { userId: true, activeSlotId: true } }),
    ])
    const clash = [...blocked.map((row) => ({ userId: row.userId, slotId: row.slotId })), ...seated.map((row) => ({ userId: row.userId, slotId: row.activeSlotId! }))].find((row) =>
      wanted.has(`${row.userId} ${row.slotId}`),
    )
    if (clash) {
      const person = personById.get(clash.userId)!
      throw new DomainError('conflict', `${person.name} is no longer free at ${slotMoment(slotOf.get(clash.slotId)!, event.timeZone)}.`, { field: 'slotId', code: 'busy' })
    }
  }

  for (const chunk of chunks(bookings)) {
    await tx.meeting.createMany({
      data: chunk.map((booking) => ({
        id: booking.meetingId,
        eventId: event.id,
        slotId: booking.slot.id,
        tableId: booking.tableId,
        activeSlotId: booking.slot.id,
        requestId: booking.requestId,
        status: 'CONFIRMED' as const,
        source: 'SCHEDULER' as const,
        calendarUid: booking.calendarUid,
        calendarSequence: 0,
        createdAt: now,
        updatedAt: now,
      })),
    })
    await tx.meetingParticipant.createMany({
      data: chunk.flatMap((booking) => booking.people.map((person) => ({ meetingId: booking.meetingId, userId: person.id, activeSlotId: booking.slot.id }))),
    })
  }
}

function withNextStep(sentence: string, nextStep: string | null) {
  return nextStep ? `${sentence}; ${nextStep}` : `${sentence}.`
}

function personBusy(person: { id: string; name: string }, input: BookingInput) {
  const moment = slotMoment(input.slot, input.event.timeZone)
  const sentence = person.id === input.actorId ? `You already have another meeting at ${moment}` : `${person.name} is no longer free at ${moment}`
  return new DomainError('conflict', withNextStep(sentence, input.nextStep), { field: 'slotId', code: 'busy' })
}

/** Cancels a confirmed meeting: frees the table and both people, and sends both the CANCEL. */
export async function cancelMeeting(db: Db, input: { eventId: string; meetingId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const meeting = await db.meeting.findFirst({
    where: { id: input.meetingId, eventId: input.eventId, participants: { some: { userId: input.userId } } },
    select: { id: true, eventId: true, status: true, slotId: true, slot: { select: { endsAt: true } }, participants: { select: { userId: true } } },
  })
  if (!meeting) throw new DomainError('not-found', 'There is no such meeting.')
  if (meeting.status === 'CANCELLED') throw new DomainError('conflict', 'This meeting is already cancelled.')
  if (meeting.slot.endsAt <= now) throw new DomainError('conflict', 'This meeting has already taken place.')
  return transactionRetriedOnConflict(db, async (tx) => {
    const cancelled = await tx.meeting.updateMany({
      where: { id: meeting.id, status: 'CONFIRMED' },
      // A null activeSlotId takes the meeting out of the unique indexes: table and people are free.
      data: { status: 'CANCELLED', activeSlotId: null, cancelledAt: now, cancelledById: input.userId, calendarSequence: { increment: 1 }, updatedAt: now },
    })
    if (cancelled.count === 0) throw new DomainError('conflict', 'This meeting is already cancelled.')
    await tx.meetingParticipant.updateMany({ where: { meetingId: meeting.id }, data: { activeSlotId: null } })
    const userIds = meeting.participants.map((participant) => participant.userId).sort()
    for (const userId of userIds) {
      await tx.$executeRaw`
        UPDATE "MatchmakingProfile" SET "meetingsBooked" = "meetingsBooked" - 1
        WHERE "eventId" = ${meeting.eventId} AND "userId" = ${userId} AND "meetingsBooked" > 0`
    }
    await withdrawQueuedEmails(
      tx,
      userIds.flatMap((userId) => [reminderKey(meeting.id, userId), `${reminderKey(meeting.id, userId)}:${meeting.slotId}`]),
    )
    await notifyMeetingCancelled(tx, { eventId: meeting.eventId, meetingId: meeting.id })
    return { meetingId: meeting.id }
  })
}

/**
 * Every booked meeting and open request of a cancelled event ends, in the caller's transaction:
 * both sides of each meeting get its CANCEL (a higher SEQUENCE), reminders are withdrawn, and
 * requests close without an email (the event's own cancellation tells everyone).
 */
export async function endMeetingsOfCancelledEvent(tx: Tx, input: { eventId: string; actorId: string; now: Date }) {
  const meetings = await tx.meeting.findMany({ where: { eventId: input.eventId, status: 'CONFIRMED' }, select: { id: true, slotId: true, participants: { select: { userId: true } } } })
  const meetingIds = meetings.map((meeting) => meeting.id)
  await tx.meeting.updateMany({
    where: { id: { in: meetingIds } },
    data: { status: 'CANCELLED', activeSlotId: null, cancelledAt: input.now, cancelledById: input.actorId, calendarSequence: { increment: 1 }, updatedAt: input.now },
  })
  await tx.meetingParticipant.updateMany({ where: { meetingId: { in: meetingIds } }, data: { activeSlotId: null } })
  await tx.matchmakingProfile.updateMany({ where: { eventId: input.eventId }, data: { meetingsBooked: 0, pendingRequestsSent: 0 } })
  const requests = await tx.meetingRequest.updateMany({
    where: { eventId: input.eventId, status: 'PENDING' },
    data: { status: 'CANCELLED', openPairKey: null, awaitingUserId: null, respondedAt: input.now, updatedAt: input.now },
  })
  await withdrawQueuedEmails(
    tx,
    meetings.flatMap((meeting) => meeting.participants.flatMap(({ userId }) => [reminderKey(meeting.id, userId), `${reminderKey(meeting.id, userId)}:${meeting.slotId}`])),
  )
  for (const meeting of meetings) await notifyMeetingCancelled(tx, { eventId: input.eventId, meetingId: meeting.id })
  return { meetings: meetings.length, requests: requests.count, messages: meetings.reduce((sum, meeting) => sum + meeting.participants.length, 0) }
}

// ---------- Availability ----------

async function slotForAvailability(db: Db | Tx, input: { eventId: string; userId: string; slotId: string; now: Date }) {
  await loadEvent(db, input.eventId)
  if (!(await findParticipant(db, input.eventId, input.userId))) {
    throw new DomainError('forbidden', 'Only approved attendees with a matchmaking profile have B2B availability.')
  }
  const slot = await db.meetingSlot.findFirst({ where: { id: input.slotId, ...bookableSlotWhere(input.eventId, input.now) }, select: { id: true, startsAt: true } })
  if (!slot) throw new DomainError('not-found', 'There is no such bookable slot.', { field: 'slotId' })
  return slot
}

/** Keeps a slot free of meetings (e.g. while speaking). Not a slot where the person already has a meeting. */
/**
 * Marks a slot as not available. Runs under the person's profile row lock, the one every booking
 * takes first, so a block and an accept of the same slot never both succeed.
 */
export async function blockSlot(db: Db, input: { eventId: string; userId: string; slotId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const slot = await slotForAvailability(db, { ...input, now })
  return transactionRetriedOnConflict(db, async (tx) => {
    await tx.$executeRaw`
      UPDATE "MatchmakingProfile" SET "meetingsBooked" = "meetingsBooked" WHERE "eventId" = ${input.eventId} AND "userId" = ${input.userId}`
    const meeting = await tx.meetingParticipant.findFirst({ where: { userId: input.userId, activeSlotId: slot.id }, select: { meetingId: true } })
    if (meeting) {
      const event = await loadEvent(tx, input.eventId)
      throw new DomainError('conflict', `You have a meeting at ${slotMoment(slot, event.timeZone)}. Cancel it first if you cannot attend.`, { field: 'slotId' })
    }
    await tx.$executeRaw`
      INSERT INTO "BlockedSlot" ("id", "eventId", "userId", "slotId") VALUES (${randomUUID()}, ${input.eventId}, ${input.userId}, ${slot.id})
      ON CONFLICT DO NOTHING`
    return { slotId: slot.id }
  })
}

export async function unblockSlot(db: Db, input: { eventId: string; userId: string; slotId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const slot = await slotForAvailability(db, { ...input, now })
  await db.blockedSlot.deleteMany({ where: { userId: input.userId, slotId: slot.id } })
  return { slotId: slot.id }
}

// ---------- Messages ----------

const emailEventSelect = { id: true, slug: true, title: true, timeZone: true, venueName: true, venueAddress: true } as const

function pageUrl(path: string) {
  return new URL(path, env.APP_URL).toString()
}

/** What every email about one confirmed meeting tells a participant: with whom, when, at which table, and the meetings page. */
export function confirmedMeetingEmailProps(
  meeting: {
    event: { slug: string; title: string; timeZone: string; venueName: string; venueAddress: string }
    slot: { startsAt: Date; endsAt: Date; window: { room: { name: string; location: string | null } | null } | null }
    table: { number: number; name: string | null }
  },
  to: { name: string },
  others: readonly string[],
) {
  return {
    recipientName: to.name || null,
    otherParty: others.join(', '),
    event: meeting.event,
    slots: [meeting.slot],
    table: meetingPlaceLabel(meeting.table, meeting.slot.window?.room),
    url: pageUrl(`/events/${meeting.event.slug}/meetings`),
  }
}

/** Queues the email about a request of the event to one of its two people; the expiry job uses it for 'expired'. */
export async function notifyAboutRequest(
  tx: Tx,
  input: {
    eventId: string
    requestId: string
    kind: Extract<MeetingMessageKind, 'request-received' | 'slots-proposed' | 'declined' | 'withdrawn' | 'expired'>
    toUserId: string
    key: string
    expiry?: MeetingUpdateEmailProps['expiry']
  },
) {
  const request = await tx.meetingRequest.findUniqueOrThrow({
    where: { id: input.requestId, eventId: input.eventId },
    select: {
      message: true,
      declineReason: true,
      requester: { select: personSelect(input.eventId) },
      recipient: { select: personSelect(input.eventId) },
      event: { select: emailEventSelect },
      proposedSlots: { orderBy: { slot: { startsAt: 'asc' } }, select: { slot: { select: { startsAt: true, endsAt: true } } } },
    },
  })
  const [requester, recipient] = [asEventPerson(request.requester), asEventPerson(request.recipient)]
  const [to, other] = input.toUserId === requester.id ? [requester, recipient] : [recipient, requester]
  const answerable = input.kind === 'request-received' || input.kind === 'slots-proposed'
  const expired = input.kind === 'expired'
  const meetingsPath = `/events/${request.event.slug}/meetings`
  // An expired request invites a new one to the same person, unless booking has closed.
  const path = answerable
    ? `${meetingsPath}/requests/${input.requestId}`
    : expired && input.expiry?.reason !== 'booking-closed'
      ? `${meetingsPath}/request/${other.id}`
      : meetingsPath
  await queueEmail(tx, {
    idempotencyKey: `meeting:${input.kind}:${input.key}`,
    kind: `meeting-${input.kind}`,
    to: { email: to.email, name: to.name || null },
    email: {
      template: 'meeting-update',
      props: {
        kind: input.kind,
        recipientName: to.name || null,
        otherParty: personWithOrganisation(other),
        event: request.event,
        slots: answerable || expired ? request.proposedSlots.map(({ slot }) => slot) : [],
        message: input.kind === 'request-received' ? request.message : null,
        reason: input.kind === 'declined' ? request.declineReason : null,
        expiry: expired ? input.expiry : null,
        url: pageUrl(path),
      },
    },
    eventId: request.event.id,
    userId: to.id,
  })
}

/** Where a meeting's slot is held: its window's room, which its emails and invites name. */
export const meetingSlotPlaceSelect = { startsAt: true, endsAt: true, window: { select: { room: { select: { name: true, location: true } } } } } as const

function meetingForEmailSelect(eventId: string) {
  return {
    id: true,
    slot: { select: meetingSlotPlaceSelect },
    table: { select: { number: true, name: true } },
    event: { select: emailEventSelect },
    participants: { orderBy: { userId: 'asc' }, select: { user: { select: personSelect(eventId) } } },
  } as const
}

/** A meeting's reminder for one person; a move that finds it already sent queues `<key>:<slotId>` instead. */
export function reminderKey(meetingId: string, userId: string) {
  return `meeting:reminder:${meetingId}:${userId}`
}

/** A meeting as its "booked" emails need it: the calendar entry's row and its ids. */
export type BookedMeetingRow = MeetingEntryRow & { id: string; eventId: string }

/**
 * Each participant's "booked" email with the meeting invite (METHOD:REQUEST) and a reminder for
 * an hour before the meeting (withdrawn again if it is cancelled), from the meeting's row alone,
 * so the scheduler can prepare thousands of them before its transaction opens.
 */
export function bookedMeetingEmails(meeting: BookedMeetingRow, now: Date): QueuedEmail[] {
  const remindAt = meetingReminderTime(meeting.slot.startsAt, now)
  const messages: QueuedEmail[] = []
  for (const { userId, user: to } of meeting.participants) {
    const others = meeting.participants.filter((participant) => participant.userId !== userId).map(({ user }) => personWithOrganisation(asEventPerson(user)))
    const props = confirmedMeetingEmailProps(meeting, to, others)
    const common = { to: { email: to.email, name: to.name || null }, eventId: meeting.eventId, userId }
    messages.push({
      ...common,
      idempotencyKey: `meeting:accepted:${meeting.id}:${userId}`,
      kind: 'meeting-accepted',
      email: { template: 'meeting-update', props: { ...props, kind: 'accepted' } },
      invite: meetingInviteFromRow(meeting, { userId, method: 'REQUEST' }),
    })
    if (!remindAt) continue
    messages.push({
      ...common,
      idempotencyKey: reminderKey(meeting.id, userId),
      kind: 'meeting-reminder',
      email: { template: 'meeting-update', props: { ...props, kind: 'reminder', url: pageUrl(`/events/${meeting.event.slug}/meetings/schedule`) } },
      notBefore: remindAt,
    })
  }
  return messages
}

/** Queues a just-booked meeting's emails (see bookedMeetingEmails) in the booking's transaction. */
export async function notifyMeetingBooked(tx: Tx, input: { eventId: string; meetingId: string; now: Date }) {
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { id: input.meetingId, eventId: input.eventId },
    select: { id: true, eventId: true, ...meetingEntrySelect(input.eventId) },
  })
  await queueEmails(tx, bookedMeetingEmails(meeting, input.now))
}

async function notifyMeetingCancelled(tx: Tx, input: { eventId: string; meetingId: string }) {
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { id: input.meetingId, eventId: input.eventId },
    select: meetingForEmailSelect(input.eventId),
  })
  const people = meeting.participants.map(({ user }) => asEventPerson(user))
  for (const to of people) {
    const others = people.filter((person) => person.id !== to.id).map(personWithOrganisation)
    await queueEmail(tx, {
      idempotencyKey: `meeting:cancelled:${meeting.id}:${to.id}`,
      kind: 'meeting-cancelled',
      to: { email: to.email, name: to.name || null },
      email: { template: 'meeting-update', props: { ...confirmedMeetingEmailProps(meeting, to, others), kind: 'cancelled' } },
      invite: await meetingInvite(tx, { eventId: input.eventId, meetingId: meeting.id, userId: to.id, method: 'CANCEL' }),
      eventId: meeting.event.id,
      userId: to.id,
    })
  }
}
