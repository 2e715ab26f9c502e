// Organisers cancel a published event with a reason. One short transaction that only writes:
// the event becomes CANCELLED (its page says so, with the reason), every registration still in
// the running is cancelled, every booked meeting and open request ends; then each person is told
// once, with the reason (the event's CANCEL attached for those with a seat), and every session
// and meeting invitation they held gets its CANCEL at a higher SEQUENCE. The status change is
// conditional, so two organisers pressing at once, or one twice, cancel and tell once. Personal
// feeds keep the items as STATUS:CANCELLED for 30 days (feeds.server.ts).
import { notifySessionWithdrawn } from '#app/domain/agenda/editor.server.ts'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { eventInviteFromRow, registrationEntrySelect } from '#app/domain/calendar/calendar.server.ts'
import { endMeetingsOfCancelledEvent } from '#app/domain/meetings/meetings.server.ts'
import { queueEmails } from '#app/domain/messages/queued-email.server.ts'
import { busyTransactionOptions, type Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { env } from '#app/lib/env.server.ts'

const ACTIVE_STATUSES = ['APPROVED', 'PENDING', 'WAITLISTED'] as const

/** Who a cancellation reaches, for the organiser to read before confirming. */
export async function planEventCancellation(db: Db, eventId: string) {
  const [registrations, withSeat, meetings, sessions] = await Promise.all([
    db.registration.count({ where: { eventId, status: { in: [...ACTIVE_STATUSES] } } }),
    db.registration.count({ where: { eventId, status: 'APPROVED' } }),
    db.meeting.count({ where: { eventId, status: 'CONFIRMED' } }),
    db.agendaSession.count({ where: { eventId, status: 'SCHEDULED' } }),
  ])
  return { registrations, withSeat, meetings, sessions }
}

/** Cancels the event and tells everyone concerned; refused for a draft or an event already cancelled. */
export async function cancelEvent(db: Db, input: { eventId: string; actorId: string; ipAddress?: string | null; reason: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const cancelled = await tx.event.updateMany({
      where: { id: input.eventId, status: 'PUBLISHED' },
      data: { status: 'CANCELLED', cancelledAt: now, cancellationReason: input.reason, seatsTaken: 0, calendarSequence: { increment: 1 }, updatedAt: now },
    })
    if (cancelled.count === 0) {
      const { status } = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { status: true } })
      throw new DomainError(
        'conflict',
        status === 'DRAFT' ? 'A draft has never been public: nobody needs to be told. Leave it as a draft.' : 'This event is already cancelled; everyone has been told.',
        { code: status === 'DRAFT' ? 'draft' : 'already-cancelled' },
      )
    }
    const change = await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.cancelled',
      entityType: 'Event',
      entityId: input.eventId,
      data: { reason: input.reason },
      ipAddress: input.ipAddress,
    })

    // The sessions' holders are read while their registrations are still approved.
    const sessions = await tx.agendaSession.findMany({ where: { eventId: input.eventId, status: 'SCHEDULED' }, select: { id: true } })
    let sessionMessages = 0
    for (const session of sessions) sessionMessages += await notifySessionWithdrawn(tx, { sessionId: session.id, changeId: `${change.id}:${session.id}` })
    const meetings = await endMeetingsOfCancelledEvent(tx, { eventId: input.eventId, actorId: input.actorId, now })

    const registrations = await tx.registration.findMany({
      where: { eventId: input.eventId, status: { in: [...ACTIVE_STATUSES] } },
      orderBy: { submittedAt: 'asc' },
      select: { id: true, userId: true, ...registrationEntrySelect },
    })
    const ids = registrations.map((registration) => registration.id)
    const withSeat = registrations.filter((registration) => registration.status === 'APPROVED').map((registration) => registration.id)
    await tx.registration.updateMany({ where: { id: { in: withSeat } }, data: { calendarSequence: { increment: 1 } } })
    await tx.registration.updateMany({
      where: { id: { in: ids } },
      data: { status: 'CANCELLED', cancelledAt: now, holdsSeat: false, waitlistNumber: null, waitlistedAt: null, infoRequestedAt: null, updatedAt: now },
    })
    await tx.vettingDecision.createMany({
      data: registrations.map((registration) => ({ registrationId: registration.id, actorId: input.actorId, action: 'CANCELLED' as const, fromStatus: registration.status, toStatus: 'CANCELLED' as const, reason: input.reason, createdAt: now })),
    })
    const { queued } = await queueEmails(
      tx,
      registrations
        .filter((registration) => !registration.user.erasedAt)
        .map((registration) => {
          const { event, user } = registration
          const hasInvite = registration.status === 'APPROVED'
          return {
            idempotencyKey: `event:cancelled:${input.eventId}:${registration.id}`,
            kind: 'registration-event-cancelled',
            to: { email: user.email, name: user.name || null },
            email: {
              template: 'registration-update' as const,
              props: {
                kind: 'event-cancelled' as const,
                recipientName: user.name || null,
                event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone, venueName: event.venueName, venueAddress: event.venueAddress },
                registrationUrl: new URL(`/events/${event.slug}`, env.APP_URL).toString(),
                reason: input.reason,
                hasInvite,
              },
            },
            // Read before the registration's sequence was raised (the event's already was): the CANCEL supersedes the last invite.
            invite: hasInvite ? eventInviteFromRow({ ...registration, calendarSequence: registration.calendarSequence + 1 }, { method: 'CANCEL' }) : null,
            eventId: input.eventId,
            userId: registration.userId,
          }
        }),
    )
    return { registrations: queued, sessionMessages, meetingMessages: meetings.messages, meetings: meetings.meetings, requests: meetings.requests }
  }, busyTransactionOptions)
}
