// A change that moves the whole event (a new venue, new dates, another time zone) reaches every
// calendar entry people hold for it, not only the event's own: each registrant gets one email
// about the change (with the updated event invite if they hold a seat), each holder of a
// session invite the session's update, each side of a B2B meeting the meeting's. Each item's
// update is its own message because calendar clients apply one item per invitation. Everything
// is queued in the caller's transaction, after its writes, and keyed by the change so a retry
// queues nothing twice.
import { countSessionRecipients, notifySessionChange } from '#app/domain/agenda/editor.server.ts'
import { eventInviteFromRow, registrationEntrySelect } from '#app/domain/calendar/calendar.server.ts'
import { notifyMeetingMoved, type MeetingBeforeMove } from '#app/domain/meetings/moves.server.ts'
import { queueEmails } from '#app/domain/messages/queued-email.server.ts'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import type { SessionChangeLine } from '#emails/session-update.tsx'
import type { RegistrationUpdateEmailProps } from '#emails/registration-update.tsx'
import type { EventWideRecipients } from './event-wide-change.ts'

/** Registrations whose people are told: everyone still in the running, not only those with a seat. */
const TOLD_STATUSES = ['APPROVED', 'PENDING', 'WAITLISTED'] as const

function registrantsWhere(eventId: string) {
  return { eventId, status: { in: [...TOLD_STATUSES] }, user: { erasedAt: null } }
}

/** Who an event-wide change would reach, changing nothing. */
export async function eventWideRecipients(db: Db | DbTransaction, eventId: string): Promise<EventWideRecipients> {
  const where = registrantsWhere(eventId)
  const [count, withInvite, first, sessions, meetingMessages] = await Promise.all([
    db.registration.count({ where }),
    db.registration.count({ where: { ...where, status: 'APPROVED' } }),
    db.registration.findMany({ where, orderBy: { submittedAt: 'asc' }, take: 12, select: { user: { select: { name: true, email: true } } } }),
    db.agendaSession.findMany({ where: { eventId, status: 'SCHEDULED' }, select: { id: true } }),
    db.meetingParticipant.count({ where: { meeting: { eventId, status: 'CONFIRMED' }, user: { erasedAt: null } } }),
  ])
  let sessionMessages = 0
  for (const session of sessions) sessionMessages += await countSessionRecipients(db, session.id)
  return { registrants: { count, withInvite, names: first.map(({ user }) => user.name || user.email) }, sessionMessages, meetingMessages }
}

type RegistrantMessage = Pick<RegistrationUpdateEmailProps, 'previousVenue' | 'previousDates'> & { kind: 'venue-changed' | 'dates-changed' }

/**
 * Queues every message of an event-wide change, after the caller has written it. `meetings` are
 * the confirmed meetings as read before their slots moved (their old time goes in the email);
 * their calendar sequence is raised here. Returns how many messages were queued of each kind.
 */
export async function notifyEventWideChange(
  tx: DbTransaction,
  input: { eventId: string; changeKey: string; registrantMessage: RegistrantMessage; sessionChanges: readonly { sessionId: string; changes: SessionChangeLine[] }[]; meetings: readonly MeetingBeforeMove[]; now: Date },
) {
  const registrations = await tx.registration.findMany({ where: registrantsWhere(input.eventId), orderBy: { submittedAt: 'asc' }, select: { id: true, userId: true, ...registrationEntrySelect } })
  const { queued: registrants } = await queueEmails(
    tx,
    registrations.map((registration) => {
      const { event, user } = registration
      const hasInvite = registration.status === 'APPROVED'
      return {
        idempotencyKey: `event:${input.registrantMessage.kind}:${input.changeKey}:${registration.id}`,
        kind: `registration-${input.registrantMessage.kind}`,
        to: { email: user.email, name: user.name || null },
        email: {
          template: 'registration-update' as const,
          props: {
            ...input.registrantMessage,
            recipientName: user.name || null,
            event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone, venueName: event.venueName, venueAddress: event.venueAddress },
            registrationUrl: new URL(`/events/${event.slug}/registration`, env.APP_URL).toString(),
            hasInvite,
          },
        },
        invite: hasInvite ? eventInviteFromRow(registration, { method: 'REQUEST' }) : null,
        eventId: input.eventId,
        userId: registration.userId,
      }
    }),
  )
  let sessionMessages = 0
  for (const { sessionId, changes } of input.sessionChanges) {
    sessionMessages += await notifySessionChange(tx, { sessionId, changeId: `${input.changeKey}:${sessionId}`, changes })
  }
  await tx.meeting.updateMany({ where: { id: { in: input.meetings.map((meeting) => meeting.id) } }, data: { calendarSequence: { increment: 1 }, updatedAt: input.now } })
  for (const meeting of input.meetings) await notifyMeetingMoved(tx, { meeting, now: input.now })
  return { registrants, sessionMessages, meetingMessages: input.meetings.reduce((sum, meeting) => sum + meeting.people.length, 0) }
}
