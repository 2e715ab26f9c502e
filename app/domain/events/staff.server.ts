// An event's staff as the console sees them: the event's summary and the roles one person holds on it.
import type { Db } from '#app/lib/db-client.server.ts'
import type { EventRole } from './roles.ts'

/** archivedAt: an archived event's console is read-only (event-archive.server.ts). */
export type StaffEvent = { id: string; slug: string; title: string; timeZone: string; archivedAt: Date | null }

/** The event with this slug and the roles `userId` holds on it; null for an unknown event. */
export async function getEventStaffStanding(db: Db, slug: string, userId: string): Promise<{ event: StaffEvent; roles: EventRole[] } | null> {
  const row = await db.event.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, timeZone: true, archivedAt: true, roles: { where: { userId }, select: { role: true } } },
  })
  if (!row) return null
  const { roles, ...event } = row
  return { event, roles: roles.map((held) => held.role) }
}
