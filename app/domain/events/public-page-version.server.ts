// What a public page of an event (event page, agenda, session, speaker) shows besides its
// address, as one short version string read on every request: when it is unchanged, the page
// rendered for the last visitor who stood where this one does is the page for this one
// (app/lib/page-cache.server.ts).
// Read from the database each time, so a change made on any app instance is seen by every
// instance at its next request.
//
// The parts: the event row's last change (details, capacity, settings: any Prisma update), the
// agenda's last change and size (every session edit sets its updatedAt; a speaker, room or
// track edit touches the sessions that show it, app/domain/agenda/editor.server.ts), and what
// the time of day decides (whether registration is open or full, which day the agenda opens
// on). A session page adds that session's free seats and whether it has started.
import { createHash } from 'node:crypto'
import { join } from '@prisma/client/runtime/client'
import type { Db } from '#app/lib/db-client.server.ts'
import { calendarDayParts } from '#app/lib/time.ts'
import { publicEventWhere, registrationWindowState, type WindowInput } from './events.ts'

type VersionRow = {
  id: string
  updatedAt: Date | string
  status: string
  endsAt: Date | string
  timeZone: string
  registrationOpensAt: Date | string
  registrationClosesAt: Date | string
  capacity: number | bigint | null
  seatsTaken: number | bigint
  waitlistEnabled: boolean | number | bigint
  sessionCount: number | bigint
  sessionsChangedAt: Date | string | number | null
}

export async function publicPageVersion(db: Db, input: { eventSlug: string; sessionSlug?: string }, now = new Date()): Promise<string | null> {
  // One statement: this runs before every anonymous page view, and a hit costs little else.
  const [event] = await db.$queryRaw<VersionRow[]>`
    -- prepared: public-page-version
    SELECT e."id", e."updatedAt", e."status", e."endsAt", e."timeZone", e."registrationOpensAt",
      e."registrationClosesAt", e."capacity", e."seatsTaken", e."waitlistEnabled",
      (SELECT COUNT(*) FROM "AgendaSession" s WHERE s."eventId" = e."id") AS "sessionCount",
      (SELECT MAX(s."updatedAt") FROM "AgendaSession" s WHERE s."eventId" = e."id") AS "sessionsChangedAt"
    FROM "Event" e
    WHERE e."slug" = ${input.eventSlug} AND e."status" IN (${join(publicEventWhere.status.in)})`
  if (!event) return null
  const window = registrationWindowState(
    {
      status: event.status as WindowInput['status'],
      endsAt: new Date(event.endsAt),
      registrationOpensAt: new Date(event.registrationOpensAt),
      registrationClosesAt: new Date(event.registrationClosesAt),
      capacity: event.capacity === null ? null : Number(event.capacity),
      waitlistEnabled: Boolean(Number(event.waitlistEnabled)),
    },
    Number(event.seatsTaken),
    now,
  )
  const parts: unknown[] = [
    new Date(event.updatedAt).getTime(),
    Number(event.sessionCount),
    event.sessionsChangedAt === null ? null : new Date(event.sessionsChangedAt).getTime(),
    window.kind,
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

/**
 * What the list of public events (the home page, for anonymous visitors) shows, as one short
 * version string: how many events are public, the latest change to any of them (publishing,
 * cancelling, archiving or editing one moves its updatedAt; one leaving the list changes the
 * count), and how many have ended by now (an event moves from upcoming to past at its end).
 */
export async function publicEventsVersion(db: Db, now = new Date()): Promise<string> {
  // One row per public event, two dates each: a platform holds tens of events, not thousands.
  const events = await db.event.findMany({ where: publicEventWhere, select: { updatedAt: true, endsAt: true } })
  const parts = [
    events.length,
    Math.max(0, ...events.map((event) => event.updatedAt.getTime())),
    events.filter((event) => event.endsAt.getTime() <= now.getTime()).length,
  ]
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)
}
