// A published event moves to another venue. Its registrants hold it in their calendars and in
// their plans, so the change goes the way of an agenda change: the organiser first sees who will
// be told and the old venue beside the new, then confirms; one transaction saves the venue,
// raises the event's calendar sequence (every entry of the event in every calendar and feed is
// then newer than the last one sent) and queues one email per registrant, with the updated
// invite for those who hold one. Dates and times do not change here.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { registrationEntrySelect, eventInviteFromRow } from '#app/domain/calendar/calendar.server.ts'
import { queueEmails } from '#app/domain/messages/queued-email.server.ts'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { env } from '#app/lib/env.server.ts'
import type { VenueChangeValues } from './event-details.ts'

/** Registrations whose people are told: everyone still in the running, not only those with a seat. */
const TOLD_STATUSES = ['APPROVED', 'PENDING', 'WAITLISTED'] as const

export type VenueChangePlan = {
  before: VenueChangeValues
  after: VenueChangeValues
  /** Everyone who gets an email; `withInvite` of them also get the updated calendar entry. */
  recipients: { count: number; withInvite: number; names: string[] }
  /** When the event was last changed: the confirmation applies only to this version. */
  expectedUpdatedAt: string
}

async function readPublishedEvent(db: Db | DbTransaction, eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true, venueName: true, venueAddress: true, updatedAt: true } })
  if (event.status !== 'PUBLISHED') {
    throw new DomainError('conflict', event.status === 'DRAFT' ? 'This event is a draft: change its venue in the details form.' : 'This event is cancelled; its venue can no longer change.')
  }
  return event
}

function registrantsWhere(eventId: string) {
  return { eventId, status: { in: [...TOLD_STATUSES] }, user: { erasedAt: null } }
}

/** What changing the venue to `values` would change and who would be told, changing nothing. */
export async function planVenueChange(db: Db, input: { eventId: string; values: VenueChangeValues }): Promise<VenueChangePlan> {
  const event = await readPublishedEvent(db, input.eventId)
  const before = { venueName: event.venueName, venueAddress: event.venueAddress }
  if (before.venueName === input.values.venueName && before.venueAddress === input.values.venueAddress) {
    throw new DomainError('invalid', 'This is the venue the event already has. Enter the new one.', { field: 'venueName' })
  }
  const where = registrantsWhere(input.eventId)
  const [count, withInvite, first] = await Promise.all([
    db.registration.count({ where }),
    db.registration.count({ where: { ...where, status: 'APPROVED' } }),
    db.registration.findMany({ where, orderBy: { submittedAt: 'asc' }, take: 12, select: { user: { select: { name: true, email: true } } } }),
  ])
  return {
    before,
    after: input.values,
    recipients: { count, withInvite, names: first.map(({ user }) => user.name || user.email) },
    expectedUpdatedAt: event.updatedAt.toISOString(),
  }
}

/**
 * Moves the event to the new venue and tells its registrants. `expectedUpdatedAt` is the
 * version the organiser reviewed: if anyone changed the event since, nothing is saved.
 */
export async function applyVenueChange(
  db: Db,
  input: { eventId: string; actorId: string; ipAddress?: string | null; values: VenueChangeValues; expectedUpdatedAt: string; now?: Date },
) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const event = await readPublishedEvent(tx, input.eventId)
    const updated = await tx.event.updateMany({
      where: { id: input.eventId, status: 'PUBLISHED', updatedAt: new Date(input.expectedUpdatedAt) },
      data: { venueName: input.values.venueName, venueAddress: input.values.venueAddress, calendarSequence: { increment: 1 }, updatedAt: now },
    })
    if (updated.count === 0) {
      throw new DomainError('conflict', 'Someone changed this event after you reviewed the change, so nothing was saved. Review it again.', { code: 'stale' })
    }
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.venue_changed',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { venueName: event.venueName, venueAddress: event.venueAddress }, after: input.values },
      ipAddress: input.ipAddress,
    })
    const registrations = await tx.registration.findMany({
      where: registrantsWhere(input.eventId),
      orderBy: { submittedAt: 'asc' },
      select: { id: true, userId: true, ...registrationEntrySelect },
    })
    const previousVenue = { name: event.venueName, address: event.venueAddress }
    const { queued } = await queueEmails(
      tx,
      registrations.map((registration) => {
        const { event: changed, user } = registration
        return {
          // The reviewed version names this change: pressing confirm twice queues nothing more.
          idempotencyKey: `event:venue-changed:${input.eventId}:${input.expectedUpdatedAt}:${registration.id}`,
          kind: 'registration-venue-changed',
          to: { email: user.email, name: user.name || null },
          email: {
            template: 'registration-update' as const,
            props: {
              kind: 'venue-changed' as const,
              recipientName: user.name || null,
              event: { title: changed.title, startsAt: changed.startsAt, endsAt: changed.endsAt, timeZone: changed.timeZone, venueName: changed.venueName, venueAddress: changed.venueAddress },
              registrationUrl: new URL(`/events/${changed.slug}/registration`, env.APP_URL).toString(),
              previousVenue,
              hasInvite: registration.status === 'APPROVED',
            },
          },
          invite: registration.status === 'APPROVED' ? eventInviteFromRow(registration, { method: 'REQUEST' }) : null,
          eventId: input.eventId,
          userId: registration.userId,
        }
      }),
    )
    return { notified: queued }
  })
}
