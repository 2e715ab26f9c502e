// Invites for one item (an agenda session, a B2B meeting, the event itself) rendered from
// its database rows through buildCalendar. Each builder takes the client first, so a domain
// operation can build the invite inside the transaction that changed the row (and queue it
// in the outbox there), and tests can pass their own database.
//
// SEQUENCE is the item's own calendarSequence plus its event's: both only ever go up, so the
// sum rises whenever either does. An event-wide change (venue, cancellation) bumps the event
// once and every session, meeting and registration invite follows, without touching each row.
// Who may fetch an invite is the caller's decision; these builders only refuse what cannot be
// right (unknown ids, an erased person, someone who is not in the meeting).
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { calendarDayParts, formatTime } from '#app/lib/time.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import {
  buildCalendar,
  CalendarInputError,
  type CalendarAttendee,
  type CalendarEntry,
  type CalendarEntryStatus,
  type CalendarMethod,
} from './calendar.ts'

/** The app's client or the client inside an interactive transaction. */
export type CalendarDb = Db | DbTransaction

export type CalendarInvite = {
  method: CalendarMethod
  uid: string
  sequence: number
  /** The iCalendar text, CRLF line endings. */
  ics: string
  /** For the attachment or the download, e.g. "counter-uas-industry-day-2027-opening-address.ics". */
  filename: string
}

/** The item or the person does not exist (or was erased), or the person is not part of the item. */
export class CalendarItemNotFoundError extends Error {
  override name = 'CalendarItemNotFoundError'
}

/** What every invite takes from its event: where, in which zone, who organises. */
const eventSelect = {
  slug: true,
  title: true,
  hostName: true,
  contactEmail: true,
  venueName: true,
  venueAddress: true,
  timeZone: true,
  status: true,
  calendarSequence: true,
  updatedAt: true,
} as const satisfies Prisma.EventSelect

/** Only what the invite addresses: never answers, phone or anything else of the person. */
const personSelect = { name: true, email: true, erasedAt: true } as const

type InviteEvent = Prisma.EventGetPayload<{ select: typeof eventSelect }>

type Place = { name: string; location: string | null } | null

/** The invite for one agenda session, addressed to one person (the ATTENDEE). */
export async function sessionInvite(
  db: CalendarDb,
  { sessionId, userId, method }: { sessionId: string; userId: string; method: CalendarMethod },
): Promise<CalendarInvite> {
  const [session, user] = await Promise.all([
    db.agendaSession.findUnique({
      where: { id: sessionId },
      select: {
        slug: true,
        title: true,
        abstract: true,
        startsAt: true,
        endsAt: true,
        status: true,
        calendarUid: true,
        calendarSequence: true,
        updatedAt: true,
        track: { select: { name: true } },
        room: { select: { name: true, location: true } },
        speakers: {
          orderBy: { position: 'asc' },
          select: { role: true, speaker: { select: { name: true, jobTitle: true, organisationName: true } } },
        },
        event: { select: eventSelect },
      },
    }),
    findPerson(db, userId),
  ])
  if (!session) throw new CalendarItemNotFoundError(`No agenda session with id "${sessionId}".`)
  const { event } = session
  const pageUrl = `${eventPageUrl(event.slug)}#session-${session.slug}`
  // "Kadri Tamm (Panellist) – Founder & CEO, Hornet Interceptors"
  const speakerLines = session.speakers.map(({ role, speaker }) => {
    const affiliation = [speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')
    return `${speaker.name}${role ? ` (${role})` : ''}${affiliation ? ` – ${affiliation}` : ''}`
  })
  const entry: CalendarEntry = {
    uid: session.calendarUid,
    sequence: session.calendarSequence + event.calendarSequence,
    start: session.startsAt,
    end: session.endsAt,
    timeZone: event.timeZone,
    summary: `${session.title} – ${event.title}`,
    description: paragraphs(
      session.abstract,
      speakerLines.length > 0 ? `Speakers:\n${speakerLines.map((line) => `- ${line}`).join('\n')}` : null,
      `Agenda: ${pageUrl}`,
    ),
    location: placeAtVenue(session.room, event),
    url: pageUrl,
    status: entryStatus(method, session.status === 'CANCELLED' || event.status === 'CANCELLED'),
    lastModified: latest(session.updatedAt, event.updatedAt),
    organizer: organizerOf(event),
    attendees: [{ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: false }],
    categories: session.track ? [session.track.name] : [],
  }
  return invite(method, entry, `${event.slug}-${session.slug}.ics`)
}

/**
 * The invite for one B2B meeting as seen by one of its participants: the SUMMARY names the
 * other party, every participant is an ATTENDEE (they already accepted in Muster).
 */
export async function meetingInvite(
  db: CalendarDb,
  { meetingId, userId, method }: { meetingId: string; userId: string; method: CalendarMethod },
): Promise<CalendarInvite> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      status: true,
      calendarUid: true,
      calendarSequence: true,
      updatedAt: true,
      slot: { select: { startsAt: true, endsAt: true, window: { select: { room: { select: { name: true, location: true } } } } } },
      table: { select: { number: true, name: true } },
      participants: {
        orderBy: { userId: 'asc' },
        select: { userId: true, user: { select: { ...personSelect, organisation: { select: { name: true } } } } },
      },
      event: { select: eventSelect },
    },
  })
  if (!meeting) throw new CalendarItemNotFoundError(`No B2B meeting with id "${meetingId}".`)
  const self = meeting.participants.find((participant) => participant.userId === userId)
  if (!self) throw new CalendarItemNotFoundError(`User "${userId}" is not a participant of B2B meeting "${meetingId}".`)
  if (self.user.erasedAt) throw new CalendarItemNotFoundError(`User "${userId}" has erased their account.`)
  const { event, slot } = meeting
  // An erased participant has no name or address left to show.
  const present = meeting.participants.filter((participant) => !participant.user.erasedAt)
  const others = present.filter((participant) => participant.userId !== userId)
  const otherParties = others.map(({ user }) => (user.organisation ? `${user.name} (${user.organisation.name})` : user.name)).join(', ')
  const table = tableLabel(meeting.table)
  const location = `${table}, ${placeAtVenue(slot.window?.room ?? null, event)}`
  const pageUrl = eventPageUrl(event.slug)
  const attendees: CalendarAttendee[] = present.map(({ user }) => ({ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: false }))
  const entry: CalendarEntry = {
    uid: meeting.calendarUid,
    sequence: meeting.calendarSequence + event.calendarSequence,
    start: slot.startsAt,
    end: slot.endsAt,
    timeZone: event.timeZone,
    summary: otherParties ? `B2B meeting: ${otherParties}` : 'B2B meeting',
    description: paragraphs(
      `One-to-one B2B meeting at ${event.title}${otherParties ? ` with ${otherParties}` : ''}.`,
      `Where: ${location}`,
      `Your meetings: ${pageUrl}`,
    ),
    location,
    url: pageUrl,
    status: entryStatus(method, meeting.status === 'CANCELLED' || event.status === 'CANCELLED'),
    lastModified: latest(meeting.updatedAt, event.updatedAt),
    organizer: organizerOf(event),
    attendees,
    categories: ['B2B meeting'],
  }
  const day = calendarDayParts(slot.startsAt, event.timeZone).key
  const time = formatTime(slot.startsAt, event.timeZone).replace(':', '')
  return invite(method, entry, `${event.slug}-b2b-meeting-${day}-${time}.ics`)
}

/**
 * The event itself in the registrant's calendar: sent as a REQUEST when the registration is
 * approved, as a CANCEL when it (or the event) is cancelled. Its UID is the registration's, so
 * each person's entry can be cancelled on its own.
 */
export async function eventInvite(
  db: CalendarDb,
  { registrationId, method }: { registrationId: string; method: CalendarMethod },
): Promise<CalendarInvite> {
  const registration = await db.registration.findUnique({
    where: { id: registrationId },
    select: {
      status: true,
      calendarUid: true,
      calendarSequence: true,
      updatedAt: true,
      user: { select: personSelect },
      event: { select: { ...eventSelect, summary: true, startsAt: true, endsAt: true } },
    },
  })
  if (!registration) throw new CalendarItemNotFoundError(`No registration with id "${registrationId}".`)
  const { event, user } = registration
  if (user.erasedAt) throw new CalendarItemNotFoundError(`The person of registration "${registrationId}" has erased their account.`)
  if (method !== 'CANCEL' && registration.status !== 'APPROVED') {
    throw new CalendarInputError(`Registration "${registrationId}" is ${registration.status}: only an approved registration has the event in its calendar.`)
  }
  const pageUrl = eventPageUrl(event.slug)
  const entry: CalendarEntry = {
    uid: registration.calendarUid,
    sequence: registration.calendarSequence + event.calendarSequence,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    summary: event.title,
    description: paragraphs(event.summary, `Programme and your registration: ${pageUrl}`),
    location: `${event.venueName}, ${event.venueAddress}`,
    url: pageUrl,
    status: entryStatus(method, event.status === 'CANCELLED'),
    lastModified: latest(registration.updatedAt, event.updatedAt),
    organizer: organizerOf(event),
    attendees: [{ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: false }],
  }
  return invite(method, entry, `${event.slug}.ics`)
}

async function findPerson(db: CalendarDb, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: personSelect })
  if (!user) throw new CalendarItemNotFoundError(`No user with id "${userId}".`)
  if (user.erasedAt) throw new CalendarItemNotFoundError(`User "${userId}" has erased their account.`)
  return user
}

function invite(method: CalendarMethod, entry: CalendarEntry, filename: string): CalendarInvite {
  return { method, uid: entry.uid, sequence: entry.sequence, ics: buildCalendar({ method, entries: [entry] }), filename }
}

/** A CANCEL always says CANCELLED; otherwise the rows decide (and a REQUEST for a cancelled item is refused by buildCalendar). */
function entryStatus(method: CalendarMethod, cancelled: boolean): CalendarEntryStatus {
  return method === 'CANCEL' || cancelled ? 'CANCELLED' : 'CONFIRMED'
}

/** The event's host organises every item: replies and questions go to its contact address. */
function organizerOf(event: InviteEvent) {
  return { name: event.hostName, email: event.contactEmail }
}

function eventPageUrl(eventSlug: string) {
  // APP_URL may carry a path prefix, so it is extended rather than resolved against.
  return `${env.APP_URL.replace(/\/+$/, '')}/events/${eventSlug}`
}

/** "Plenary Hall (Main building, ground floor), NATO Headquarters, Boulevard Léopold III, …" */
function placeAtVenue(room: Place, event: Pick<InviteEvent, 'venueName' | 'venueAddress'>) {
  const venue = `${event.venueName}, ${event.venueAddress}`
  if (!room) return venue
  return `${room.location ? `${room.name} (${room.location})` : room.name}, ${venue}`
}

/** "Table 7", or "Table 7 (Polish delegation)" when the table has a name of its own. */
function tableLabel(table: { number: number; name: string | null }) {
  const numbered = `Table ${table.number}`
  return table.name && table.name !== numbered ? `${numbered} (${table.name})` : numbered
}

function paragraphs(...parts: (string | null)[]) {
  return parts.filter((part): part is string => Boolean(part?.trim())).join('\n\n')
}

function latest(...dates: Date[]) {
  return new Date(Math.max(...dates.map((date) => date.getTime())))
}
