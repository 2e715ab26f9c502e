// Reading events for the public pages. Only published (or cancelled, to explain it) events
// are public; every select lists exactly what may leave the server.
import { db } from '#app/lib/db.server.ts'
import { getPublicAgendaSummary } from '#app/domain/agenda/public-agenda.server.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'
import { parseMarkdown } from '#app/lib/markdown.server.ts'


export async function listPublicEvents() {
  return db.event.findMany({
    where: publicEventWhere,
    orderBy: { startsAt: 'asc' },
    select: {
      slug: true,
      title: true,
      summary: true,
      hostName: true,
      venueName: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      status: true,
    },
  })
}

export async function getPublicEventBySlug(slug: string) {
  const event = await db.event.findFirst({
    where: { slug, ...publicEventWhere },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      description: true,
      hostName: true,
      contactEmail: true,
      venueName: true,
      venueAddress: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      registrationOpensAt: true,
      registrationClosesAt: true,
      capacity: true,
      seatsTaken: true,
      approvalRequired: true,
      waitlistEnabled: true,
      eligibilityExplanation: true,
      status: true,
      cancelledAt: true,
      cancellationReason: true,
      b2bEnabled: true,
      tracks: {
        orderBy: { position: 'asc' },
        select: { slug: true, name: true, colour: true, description: true },
      },
    },
  })
  if (!event) return null
  const { id, seatsTaken, description, ...publicEvent } = event
  const agendaDays = await getPublicAgendaSummary(db, { id, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone })
  return { event: publicEvent, seatsTaken, agendaDays, description: parseMarkdown(description) }
}

/** The signed-in person's registration status for an event, for the event page's call to action. */
export async function getOwnRegistrationStatus(slug: string, userId: string) {
  const registration = await db.registration.findFirst({ where: { event: { slug }, userId }, select: { status: true } })
  return registration?.status ?? null
}
