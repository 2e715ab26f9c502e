// What the event menu on every attendee page shows: the event, and for a signed-in person where
// they stand (their registration, their place on the waiting list) and the console page their
// staff role opens, if any. Only public events have the menu (and the pages under it).
import type { Db } from '#app/lib/db-client.server.ts'
import { waitlistPosition } from '#app/domain/registration/registration.server.ts'
import { consoleAccess, consoleHomePath, opensConsole, type EventRole } from './roles.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'


export type EventMenuStanding =
  | { status: 'APPROVED' | 'PENDING' | 'REJECTED' }
  | { status: 'WAITLISTED'; position: number | null }

export async function getEventMenu(db: Db, input: { slug: string; user: { id: string; isPlatformAdmin: boolean } | null }) {
  const event = await db.event.findFirst({
    where: { slug: input.slug, ...publicEventWhere },
    select: { id: true, slug: true, title: true, b2bEnabled: true, attendeeListPublic: true },
  })
  if (!event) return null
  const { id: eventId, ...publicEvent } = event
  if (!input.user) return { event: publicEvent, standing: null, consoleHome: null }

  const [registration, roles] = await Promise.all([
    db.registration.findFirst({ where: { eventId, userId: input.user.id }, select: { status: true, waitlistNumber: true } }),
    db.eventRole.findMany({ where: { eventId, userId: input.user.id }, select: { role: true } }),
  ])
  const held = roles.map((row) => row.role as EventRole)
  const access = consoleAccess(held, input.user.isPlatformAdmin)
  return {
    event: publicEvent,
    standing: await standingOf(db, eventId, registration),
    consoleHome: opensConsole(access) ? consoleHomePath(event.slug, held, input.user.isPlatformAdmin) : null,
  }
}

async function standingOf(db: Db, eventId: string, registration: { status: string; waitlistNumber: number | null } | null): Promise<EventMenuStanding | null> {
  if (!registration) return null
  switch (registration.status) {
    case 'APPROVED':
    case 'PENDING':
    case 'REJECTED':
      return { status: registration.status }
    case 'WAITLISTED':
      return { status: 'WAITLISTED', position: await waitlistPosition(db, eventId, registration.waitlistNumber) }
    default:
      // A cancelled registration: the person is a visitor again.
      return null
  }
}

export type EventMenu = NonNullable<Awaited<ReturnType<typeof getEventMenu>>>
