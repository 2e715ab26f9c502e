// What a public page of an event (event page, agenda, session, speaker) shows besides its
// address, as one short version string read on every request: when it is unchanged, the page
// rendered for the last anonymous visitor is the page for this one (app/lib/page-cache.server.ts).
// Read from the database each time, so a change made on any app instance is seen by every
// instance at its next request.
//
// The parts: the event row's last change (details, capacity, settings: any Prisma update), the
// agenda's last change and size (every session edit sets its updatedAt; a speaker, room or
// track edit touches the sessions that show it, app/domain/agenda/editor.server.ts), and what
// the time of day decides (whether registration is open or full, which day the agenda opens
// on). A session page adds that session's free seats and whether it has started.
import { createHash } from 'node:crypto'
import type { Db } from '#app/lib/db-client.server.ts'
import { calendarDayParts } from '#app/lib/time.ts'
import { publicEventWhere, registrationWindowState } from './events.ts'

export async function publicPageVersion(db: Db, input: { eventSlug: string; sessionSlug?: string }, now = new Date()): Promise<string | null> {
  const event = await db.event.findFirst({
    where: { slug: input.eventSlug, ...publicEventWhere },
    select: {
      id: true,
      updatedAt: true,
      status: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      registrationOpensAt: true,
      registrationClosesAt: true,
      capacity: true,
      seatsTaken: true,
      waitlistEnabled: true,
      _count: { select: { sessions: true } },
      sessions: { orderBy: { updatedAt: 'desc' }, take: 1, select: { updatedAt: true } },
    },
  })
  if (!event) return null
  const parts: unknown[] = [
    event.updatedAt.getTime(),
    event._count.sessions,
    event.sessions[0]?.updatedAt.getTime() ?? null,
    registrationWindowState(event, event.seatsTaken, now).kind,
    // The agenda opens on today while the event runs.
    calendarDayParts(now, event.timeZone).key,
  ]
  if (input.sessionSlug !== undefined) {
    const session = await db.agendaSession.findUnique({
      where: { eventId_slug: { eventId: event.id, slug: input.sessionSlug } },
      select: { seatsTaken: true, startsAt: true },
    })
    parts.push(session ? [session.seatsTaken, session.startsAt <= now] : null)
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}
