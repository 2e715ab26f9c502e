// Organisers put an event away once it has ended (or was cancelled): archived, it is read-only
// at every door (console and attendee pages alike: app/routes/events/read-only-event.server.ts) until an
// organiser restores it, and "Your events" lists it apart. Its public page stays, as a record.
// Both changes are conditional updates, so two organisers pressing at once archive (or
// restore) once, with one audit entry.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'

type Actor = { actorId: string; ipAddress?: string | null }

/** Why an event cannot be archived now, or null when it can. */
export function archiveRefusal(event: { status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'; endsAt: Date; archivedAt: Date | null }, now: Date) {
  if (event.archivedAt) return 'This event is already archived.'
  if (event.status === 'DRAFT') return 'A draft has not taken place: publish it, or leave it as a draft.'
  if (event.status === 'PUBLISHED' && event.endsAt > now) return 'The event has not ended yet. Archive it after its last day, or cancel it if it will not take place.'
  return null
}

export async function archiveEvent(db: Db, input: Actor & { eventId: string; now?: Date }) {
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const updated = await tx.event.updateMany({
      where: { id: input.eventId, archivedAt: null, OR: [{ status: 'CANCELLED' }, { status: 'PUBLISHED', endsAt: { lte: now } }] },
      data: { archivedAt: now },
    })
    if (updated.count === 0) {
      const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { status: true, endsAt: true, archivedAt: true } })
      throw new DomainError('conflict', archiveRefusal(event, now) ?? 'This event cannot be archived now.')
    }
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.archived',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { archivedAt: null }, after: { archivedAt: now } },
      ipAddress: input.ipAddress,
    })
  })
}

export async function restoreEvent(db: Db, input: Actor & { eventId: string }) {
  await db.$transaction(async (tx) => {
    const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { archivedAt: true } })
    const updated = await tx.event.updateMany({ where: { id: input.eventId, archivedAt: { not: null } }, data: { archivedAt: null } })
    if (updated.count === 0) throw new DomainError('conflict', 'This event is not archived.')
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.restored',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { archivedAt: event.archivedAt }, after: { archivedAt: null } },
      ipAddress: input.ipAddress,
    })
  })
}

export const ARCHIVED_EVENT_REFUSAL = 'This event is archived, so nothing in it can change. An organiser can restore it from the event’s settings.'

/** When the event at this address was archived; null when it is not (or does not exist). */
export async function archivedAtOfEvent(db: Db, slug: string) {
  // Raw: every form post under an event's address asks this first (a rush's every registration),
  // and Prisma's client costs more than the statement.
  const [event] = await db.$queryRaw<Array<{ archivedAt: Date | null }>>`SELECT "archivedAt" FROM "Event" WHERE "slug" = ${slug}`
  return event?.archivedAt ?? null
}
