// What the meeting pages show: a person's meetings and requests, the times two people could
// meet, one request, their availability and the printable schedule. Read-only; the changes
// are in meetings.server.ts. Other people appear with name, job title and their organisation at
// the event only: never their email or anything else they did not choose to show.
import type { Db } from '#app/lib/db-client.server.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import { asEventPerson, eventPersonSelect } from '#app/domain/events/people.server.ts'
import { bookableSlotWhere, busyPeopleBySlot, confirmedMeetingBetween, findParticipant } from './meetings.server.ts'
import { bookingWindowState, meetingRequestExpiryReason, meetingTableLabel } from './meetings.ts'
import { slotsTakenByBreakoutSeats } from '#app/domain/agenda/breakouts.server.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'
import { b2bParticipantWhere } from '#app/domain/matchmaking/participants.ts'

const otherPersonSelect = (eventId: string) => eventPersonSelect(eventId, { id: true, name: true, jobTitle: true })
const slotSelect = { id: true, startsAt: true, endsAt: true } as const

export type MeetingSlotView = { id: string; startsAt: Date; endsAt: Date }

/** An event that has B2B meetings, with what the pages need of it; null otherwise. */
export async function getMeetingEvent(db: Db, slug: string, now = new Date()) {
  const event = await db.event.findFirst({
    where: { slug, ...publicEventWhere, b2bEnabled: true },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      venueName: true,
      b2bEnabled: true,
      b2bBookingOpensAt: true,
      b2bBookingClosesAt: true,
      maxMeetingsPerPerson: true,
      maxPendingRequestsPerPerson: true,
    },
  })
  if (!event) return null
  return { ...event, booking: bookingWindowState(event, now) }
}

export type MeetingEventView = NonNullable<Awaited<ReturnType<typeof getMeetingEvent>>>

function meetingListSelect(eventId: string) {
  return {
    id: true,
    status: true,
    source: true,
    cancelledAt: true,
    slot: { select: slotSelect },
    table: { select: { number: true, name: true } },
    participants: { select: { userId: true, user: { select: otherPersonSelect(eventId) } } },
  } as const satisfies Prisma.MeetingSelect
}

function requestListSelect(eventId: string) {
  return {
    id: true,
    status: true,
    requesterId: true,
    awaitingUserId: true,
    message: true,
    declineReason: true,
    createdAt: true,
    updatedAt: true,
    requester: { select: otherPersonSelect(eventId) },
    recipient: { select: otherPersonSelect(eventId) },
    proposedSlots: { orderBy: { slot: { startsAt: 'asc' } }, select: { slot: { select: slotSelect } } },
    event: { select: { b2bBookingClosesAt: true, endsAt: true } },
  } as const satisfies Prisma.MeetingRequestSelect
}

/** The person's meetings (upcoming, then history) and their requests (waiting for them, for the other side, closed). */
export async function getMeetingsOverview(db: Db, input: { eventId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const { eventId, userId } = input
  const [participant, profile, meetings, requests] = await Promise.all([
    findParticipant(db, eventId, userId),
    db.matchmakingProfile.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { meetingsBooked: true, pendingRequestsSent: true } }),
    db.meeting.findMany({ where: { eventId, participants: { some: { userId } } }, orderBy: { slot: { startsAt: 'asc' } }, select: meetingListSelect(eventId) }),
    db.meetingRequest.findMany({
      where: { eventId, OR: [{ requesterId: userId }, { recipientId: userId }] },
      orderBy: { updatedAt: 'desc' },
      select: requestListSelect(eventId),
    }),
  ])
  const meetingViews = meetings.map((meeting) => meetingView(meeting, userId))
  const requestViews = requests.map((request) => requestView(request, userId))
  return {
    participant: participant !== null,
    counters: profile ?? { meetingsBooked: 0, pendingRequestsSent: 0 },
    upcoming: meetingViews.filter((meeting) => meeting.status === 'CONFIRMED' && meeting.slot.endsAt > now),
    pastOrCancelled: meetingViews.filter((meeting) => meeting.status === 'CANCELLED' || meeting.slot.endsAt <= now).reverse(),
    waitingForMe: requestViews.filter((request) => request.status === 'PENDING' && request.awaitingMe),
    waitingForThem: requestViews.filter((request) => request.status === 'PENDING' && !request.awaitingMe),
    closedRequests: requestViews.filter((request) => request.status !== 'PENDING'),
  }
}

type MeetingListRow = Prisma.MeetingGetPayload<{ select: ReturnType<typeof meetingListSelect> }>

function meetingView(meeting: MeetingListRow, userId: string) {
  const others = meeting.participants.filter((participant) => participant.userId !== userId).map((participant) => asEventPerson(participant.user))
  return {
    id: meeting.id,
    status: meeting.status,
    source: meeting.source,
    cancelledAt: meeting.cancelledAt,
    slot: meeting.slot,
    table: meeting.table,
    with: others,
  }
}

type RequestListRow = Prisma.MeetingRequestGetPayload<{ select: ReturnType<typeof requestListSelect> }>

function requestView(request: RequestListRow, userId: string) {
  const sentByMe = request.requesterId === userId
  return {
    id: request.id,
    status: request.status,
    sentByMe,
    awaitingMe: request.awaitingUserId === userId,
    other: asEventPerson(sentByMe ? request.recipient : request.requester),
    message: request.message,
    declineReason: request.declineReason,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    proposedSlots: request.proposedSlots.map(({ slot }) => slot),
    expiredBecause: request.status === 'EXPIRED' ? expiryReasonOf(request) : null,
  }
}

/**
 * Why an expired request expired, worked out again from the moment it expired (its updatedAt):
 * booking closed, or none of its times still ahead; otherwise it was not answered in time.
 */
function expiryReasonOf(request: RequestListRow) {
  const expiredAt = request.updatedAt
  const anyProposedSlotBookable = request.proposedSlots.some(({ slot }) => slot.startsAt > expiredAt)
  return meetingRequestExpiryReason({ event: request.event, anyProposedSlotBookable, handedOverAt: request.createdAt }, expiredAt) ?? 'unanswered'
}

/** Bookable slots in which both people are free (no confirmed meeting, no block), in time order. */
export async function commonFreeSlots(db: Db, input: { eventId: string; userIds: readonly string[]; now: Date }): Promise<MeetingSlotView[]> {
  const slots = await db.meetingSlot.findMany({ where: bookableSlotWhere(input.eventId, input.now), orderBy: { startsAt: 'asc' }, select: slotSelect })
  const [busy, inSessions] = await Promise.all([
    busyPeopleBySlot(db, input.userIds, slots.map((slot) => slot.id)),
    slotsTakenByBreakoutSeats(db, { eventId: input.eventId, slots, userIds: input.userIds }),
  ])
  const inASession = new Set([...inSessions.values()].flatMap((slotIds) => [...slotIds]))
  return slots.filter((slot) => !busy.has(slot.id) && !inASession.has(slot.id))
}

/** What the request form needs: who, the times both are free, and an open request between them if there is one. */
export async function getRequestForm(db: Db, input: { eventId: string; requesterId: string; recipientId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const { eventId, requesterId, recipientId } = input
  if (requesterId === recipientId) return null
  const recipient = await db.user.findFirst({
    where: { id: recipientId, ...b2bParticipantWhere(eventId) },
    select: { ...otherPersonSelect(eventId), matchmakingProfiles: { where: { eventId }, select: { headline: true } } },
  })
  if (!recipient) return null
  const [requesterTakesPart, openRequest, freeSlots, existingMeeting] = await Promise.all([
    findParticipant(db, eventId, requesterId),
    db.meetingRequest.findFirst({
      where: { eventId, status: 'PENDING', OR: [{ requesterId, recipientId }, { requesterId: recipientId, recipientId: requesterId }] },
      select: { id: true },
    }),
    commonFreeSlots(db, { eventId, userIds: [requesterId, recipientId], now }),
    confirmedMeetingBetween(db, eventId, requesterId, recipientId),
  ])
  const { matchmakingProfiles, ...person } = recipient
  return {
    recipient: { ...asEventPerson(person), headline: matchmakingProfiles[0]?.headline ?? null },
    requesterTakesPart: requesterTakesPart !== null,
    openRequestId: openRequest?.id ?? null,
    existingMeeting: existingMeeting ? { startsAt: existingMeeting.slot.startsAt, endsAt: existingMeeting.slot.endsAt, table: meetingTableLabel(existingMeeting.table) } : null,
    freeSlots,
  }
}

/** One request as one of its two people sees it; null for anyone else. */
export async function getMeetingRequestView(db: Db, input: { eventId: string; requestId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const request = await db.meetingRequest.findFirst({
    where: { id: input.requestId, eventId: input.eventId, OR: [{ requesterId: input.userId }, { recipientId: input.userId }] },
    select: { ...requestListSelect(input.eventId), recipientId: true, meeting: { select: { id: true, status: true, slot: { select: slotSelect }, table: { select: { number: true, name: true } } } } },
  })
  if (!request) return null
  const view = requestView(request, input.userId)
  const pending = request.status === 'PENDING'
  const freeNow = pending ? await commonFreeSlots(db, { eventId: input.eventId, userIds: [request.requesterId, request.recipientId], now }) : []
  const freeIds = new Set(freeNow.map((slot) => slot.id))
  return {
    ...view,
    // A proposed time may have been taken since; only free ones can be accepted.
    proposedSlots: view.proposedSlots.map((slot) => ({ ...slot, stillFree: freeIds.has(slot.id) })),
    otherFreeSlots: freeNow.filter((slot) => !view.proposedSlots.some((proposed) => proposed.id === slot.id)),
    meeting: request.meeting,
  }
}

/** Every B2B slot of the event with what the person has there: free, blocked or a meeting. */
export async function getAvailability(db: Db, input: { eventId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const [slots, blocks, seats] = await Promise.all([
    db.meetingSlot.findMany({
      where: { eventId: input.eventId, window: { kind: 'B2B_WINDOW', status: 'SCHEDULED' } },
      orderBy: { startsAt: 'asc' },
      select: slotSelect,
    }),
    db.blockedSlot.findMany({ where: { eventId: input.eventId, userId: input.userId }, select: { slotId: true } }),
    db.meetingParticipant.findMany({
      where: { userId: input.userId, activeSlotId: { not: null }, meeting: { eventId: input.eventId } },
      select: { activeSlotId: true, meeting: { select: { participants: { where: { userId: { not: input.userId } }, select: { user: { select: { name: true } } } } } } },
    }),
  ])
  const blocked = new Set(blocks.map((block) => block.slotId))
  return slots.map((slot) => {
    const seat = seats.find((candidate) => candidate.activeSlotId === slot.id)
    const state = seat ? ('meeting' as const) : blocked.has(slot.id) ? ('blocked' as const) : ('free' as const)
    return { ...slot, state, past: slot.startsAt <= now, meetingWith: seat?.meeting.participants.map(({ user }) => user.name).join(', ') ?? null }
  })
}

/** The person's confirmed meetings in time order, with table and place, for the printed page. */
export async function getPrintableSchedule(db: Db, input: { eventId: string; userId: string }) {
  const [person, meetings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: input.userId }, select: eventPersonSelect(input.eventId, { name: true }) }),
    db.meeting.findMany({
      where: { eventId: input.eventId, status: 'CONFIRMED', participants: { some: { userId: input.userId } } },
      orderBy: { slot: { startsAt: 'asc' } },
      select: {
        id: true,
        slot: { select: { ...slotSelect, window: { select: { room: { select: { name: true, location: true } } } } } },
        table: { select: { number: true, name: true } },
        participants: { where: { userId: { not: input.userId } }, select: { user: { select: otherPersonSelect(input.eventId) } } },
      },
    }),
  ])
  return {
    person: asEventPerson(person),
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      startsAt: meeting.slot.startsAt,
      endsAt: meeting.slot.endsAt,
      room: meeting.slot.window?.room ?? null,
      table: meeting.table,
      with: meeting.participants.map(({ user }) => asEventPerson(user)),
    })),
  }
}

/** One of the person's own meetings, for the cancel confirmation; null for anyone else's. */
export async function getOwnMeeting(db: Db, input: { eventId: string; meetingId: string; userId: string }) {
  const meeting = await db.meeting.findFirst({
    where: { id: input.meetingId, eventId: input.eventId, participants: { some: { userId: input.userId } } },
    select: meetingListSelect(input.eventId),
  })
  return meeting ? meetingView(meeting, input.userId) : null
}
