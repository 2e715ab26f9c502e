// A published event moves to another venue. Its registrants hold it, its sessions and their
// meetings in their calendars (every location names the venue), so the change goes the way of
// an agenda change: the organiser first sees who will be told and the old venue beside the new,
// then confirms; one transaction saves the venue, raises the event's calendar sequence (every
// entry of the event in every calendar and feed is then newer than the last one sent) and
// queues the updates (event-wide-change.server.ts). Dates and times do not change here.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { describeWhere } from '#app/domain/agenda/session-description.server.ts'
import { confirmedMeetingsBeforeMove } from '#app/domain/meetings/moves.server.ts'
import { busyTransactionOptions, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import type { VenueChangeValues } from './event-details.ts'
import { eventWideRecipients, notifyEventWideChange } from './event-wide-change.server.ts'
import type { EventWideRecipients } from './event-wide-change.ts'

export type VenueChangePlan = {
  before: VenueChangeValues
  after: VenueChangeValues
  recipients: EventWideRecipients
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

/** What changing the venue to `values` would change and who would be told, changing nothing. */
export async function planVenueChange(db: Db, input: { eventId: string; values: VenueChangeValues }): Promise<VenueChangePlan> {
  const event = await readPublishedEvent(db, input.eventId)
  const before = { venueName: event.venueName, venueAddress: event.venueAddress }
  if (before.venueName === input.values.venueName && before.venueAddress === input.values.venueAddress) {
    throw new DomainError('invalid', 'This is the venue the event already has. Enter the new one.', { field: 'venueName' })
  }
  return { before, after: input.values, recipients: await eventWideRecipients(db, input.eventId), expectedUpdatedAt: event.updatedAt.toISOString() }
}

/**
 * Moves the event to the new venue and tells everyone concerned. `expectedUpdatedAt` is the
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
    const change = await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.venue_changed',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { venueName: event.venueName, venueAddress: event.venueAddress }, after: input.values },
      ipAddress: input.ipAddress,
    })
    const sessions = await tx.agendaSession.findMany({ where: { eventId: input.eventId, status: 'SCHEDULED' }, select: { id: true, room: { select: { name: true, location: true } } } })
    return notifyEventWideChange(tx, {
      eventId: input.eventId,
      changeKey: change.id,
      registrantMessage: { kind: 'venue-changed', previousVenue: { name: event.venueName, address: event.venueAddress } },
      sessionChanges: sessions.map((session) => ({
        sessionId: session.id,
        changes: [{ label: 'Where', before: describeWhere(session.room, event.venueName), after: describeWhere(session.room, input.values.venueName) }],
      })),
      // Read after the event's row changed: the emails name the new venue; the time is the same.
      meetings: await confirmedMeetingsBeforeMove(tx, input.eventId),
      now,
    })
  }, busyTransactionOptions)
}
