// How a session is named in messages: its time span in the event's zone and its place, the
// same words in a confirmation, a change notice (old beside new) and the organiser's preview.
import { roomLabel } from './agenda.ts'
import { env } from '#app/lib/env.server.ts'
import { formatLongDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import type { CalendarDb } from '#app/domain/calendar/calendar.server.ts'

export type DescribedSession = {
  eventId: string
  eventSlug: string
  eventTitle: string
  slug: string
  title: string
  when: string
  where: string
}

/** "Wednesday, 24 March 2027, 14:00–15:00 CET" */
export function describeWhen(startsAt: Date, endsAt: Date, timeZone: string) {
  return `${formatLongDate(startsAt, timeZone)}, ${formatTimeRange(startsAt, endsAt, timeZone)} ${zoneAbbreviation(startsAt, timeZone)}`
}

/** "Room 2 (Building Z, first floor), NATO Headquarters"; the venue alone without a room. */
export function describeWhere(room: { name: string; location: string | null } | null, venueName: string) {
  if (!room) return venueName
  return `${roomLabel(room)}, ${venueName}`
}

export function sessionPageUrl(eventSlug: string, sessionSlug: string) {
  return `${env.APP_URL.replace(/\/+$/, '')}/events/${eventSlug}/sessions/${sessionSlug}`
}

export async function describeSession(db: CalendarDb, sessionId: string): Promise<DescribedSession> {
  const session = await db.agendaSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      slug: true,
      title: true,
      startsAt: true,
      endsAt: true,
      room: { select: { name: true, location: true } },
      event: { select: { id: true, slug: true, title: true, timeZone: true, venueName: true } },
    },
  })
  const { event } = session
  return {
    eventId: event.id,
    eventSlug: event.slug,
    eventTitle: event.title,
    slug: session.slug,
    title: session.title,
    when: describeWhen(session.startsAt, session.endsAt, event.timeZone),
    where: describeWhere(session.room, event.venueName),
  }
}
