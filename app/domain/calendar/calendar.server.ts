// Calendar entries for one item (an agenda session, a B2B meeting, the event itself) built
// from its database rows, and the invites rendered from them through buildCalendar. The
// entry builders are shared with the feeds and downloads (calendar-feeds.server.ts), so an
// item carries the same UID, SEQUENCE, times and text in an emailed invite and in a feed.
// Each invite builder takes the client first, so a domain operation can build the invite
// inside the transaction that changed the row (and queue it in the outbox there), and tests
// can pass their own database.
//
// SEQUENCE is the item's own calendarSequence plus its event's (plus, for a breakout, the
// person's enrolment's, raised when they leave or rejoin): each only ever goes up, so the
// sum rises whenever any does. An event-wide change (venue, cancellation) bumps the event
// once and every session, meeting and registration invite follows, without touching each row.
// Who may fetch an invite is the caller's decision; these builders only refuse what cannot be
// right (unknown ids, an erased person, someone who is not in the meeting).
import { roomLabel } from '#app/domain/agenda/agenda.ts'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { calendarDayParts, formatTime } from '#app/lib/time.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import { asEventPerson, eventPersonSelect } from '#app/domain/events/people.server.ts'
import {
  buildCalendar,
  CalendarInputError,
  checkInviteEntry,
  type CalendarAttendee,
  type CalendarEntry,
  type CalendarEntryStatus,
  type CalendarMethod,
} from './calendar.ts'
import { meetingTableLabel, personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import { DomainError } from '#app/lib/domain-error.ts'

/** The app's client or the client inside an interactive transaction. */
export type CalendarDb = Db | DbTransaction

export type CalendarInvite = {
  method: CalendarMethod
  uid: string
  sequence: number
  /** What the invite says; an emailed invite queues this, and the outbox worker writes the iCalendar text. */
  entry: CalendarEntry
  /** The iCalendar text, CRLF line endings: built on first read. */
  readonly ics: string
  /** For the attachment or the download, e.g. "counter-uas-industry-day-2027-opening-address.ics". */
  filename: string
}

/**
 * The item stands, but not for this person any more: they left the breakout or cancelled
 * their registration. Their copy is CANCELLED, and its last change is that moment.
 */
export type PersonalCancellation = { at: Date }

/** What every entry takes from its event: where, in which zone, who organises. */
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

type EntryEvent = Prisma.EventGetPayload<{ select: typeof eventSelect }>

type Place = { name: string; location: string | null } | null

/** Everything a session's entry shows. */
export const sessionEntrySelect = {
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
} as const satisfies Prisma.AgendaSessionSelect

export type SessionEntryRow = Prisma.AgendaSessionGetPayload<{ select: typeof sessionEntrySelect }>

/** Everything the entry of a meeting of the event shows, as seen by any one of its participants. */
export function meetingEntrySelect(eventId: string) {
  return {
    status: true,
    calendarUid: true,
    calendarSequence: true,
    updatedAt: true,
    slot: { select: { startsAt: true, endsAt: true, window: { select: { room: { select: { name: true, location: true } } } } } },
    table: { select: { number: true, name: true } },
    participants: { orderBy: { userId: 'asc' }, select: { userId: true, user: { select: eventPersonSelect(eventId, personSelect) } } },
    event: { select: eventSelect },
  } as const satisfies Prisma.MeetingSelect
}

export type MeetingEntryRow = Prisma.MeetingGetPayload<{ select: ReturnType<typeof meetingEntrySelect> }>

/** Everything the event's own entry shows for one registration. */
export const registrationEntrySelect = {
  status: true,
  calendarUid: true,
  calendarSequence: true,
  updatedAt: true,
  user: { select: personSelect },
  event: { select: { ...eventSelect, summary: true, startsAt: true, endsAt: true } },
} as const satisfies Prisma.RegistrationSelect

export type RegistrationEntryRow = Prisma.RegistrationGetPayload<{ select: typeof registrationEntrySelect }>

/** The invite for one agenda session, addressed to one person (the ATTENDEE). */
export async function sessionInvite(
  db: CalendarDb,
  { sessionId, userId, method }: { sessionId: string; userId: string; method: CalendarMethod },
): Promise<CalendarInvite> {
  const [session, user, enrolment] = await Promise.all([
    db.agendaSession.findUnique({ where: { id: sessionId }, select: sessionEntrySelect }),
    findPerson(db, userId),
    db.sessionEnrolment.findFirst({ where: { sessionId, registration: { userId } }, select: { calendarSequence: true } }),
  ])
  if (!session) throw new DomainError('not-found', `No agenda session with id "${sessionId}".`)
  return sessionInviteFromRow(session, { person: user, method, personalSequence: enrolment?.calendarSequence ?? 0 })
}

/**
 * The same invite from a row already read: a change that reaches many people reads the
 * session once and builds each person's invite from it.
 */
export function sessionInviteFromRow(
  session: SessionEntryRow,
  { person, method, personalSequence }: { person: { name: string; email: string }; method: CalendarMethod; personalSequence: number },
): CalendarInvite {
  const attendees: CalendarAttendee[] = [{ name: person.name, email: person.email, partstat: 'ACCEPTED', rsvp: false }]
  return invite(method, sessionEntry(session, { method, attendees, personalSequence }), sessionFilename(session))
}

/**
 * A session as a calendar entry. `attendees` are the addressees of an emailed invite (none
 * for a feed or a download); `personalSequence` is the person's enrolment's calendarSequence
 * for their own copy of a breakout.
 */
export function sessionEntry(
  session: SessionEntryRow,
  options: {
    method: CalendarMethod
    attendees: readonly CalendarAttendee[]
    personalCancellation?: PersonalCancellation
    personalSequence?: number
  },
): CalendarEntry {
  const { event } = session
  const { method, attendees, personalCancellation, personalSequence = 0 } = options
  const pageUrl = `${eventPageUrl(event.slug)}#session-${session.slug}`
  // "Kadri Tamm (Panellist) – Founder & CEO, Hornet Interceptors"
  const speakerLines = session.speakers.map(({ role, speaker }) => {
    const affiliation = [speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')
    return `${speaker.name}${role ? ` (${role})` : ''}${affiliation ? ` – ${affiliation}` : ''}`
  })
  return {
    uid: session.calendarUid,
    sequence: session.calendarSequence + event.calendarSequence + personalSequence,
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
    status: entryStatus(method, session.status === 'CANCELLED' || event.status === 'CANCELLED' || personalCancellation !== undefined),
    lastModified: latest(session.updatedAt, event.updatedAt, personalCancellation?.at),
    organizer: organizerOf(event),
    attendees,
    categories: session.track ? [session.track.name] : [],
  }
}

/** "counter-uas-industry-day-2027-opening-address.ics" */
export function sessionFilename(session: Pick<SessionEntryRow, 'slug' | 'event'>) {
  return `${session.event.slug}-${session.slug}.ics`
}

/**
 * The invite for one B2B meeting of the event as seen by one of its participants: the SUMMARY
 * names the other party, every participant is an ATTENDEE (they already accepted in Muster).
 */
export async function meetingInvite(
  db: CalendarDb,
  { eventId, meetingId, userId, method }: { eventId: string; meetingId: string; userId: string; method: CalendarMethod },
): Promise<CalendarInvite> {
  const meeting = await db.meeting.findFirst({ where: { id: meetingId, eventId }, select: meetingEntrySelect(eventId) })
  if (!meeting) throw new DomainError('not-found', `No B2B meeting with id "${meetingId}".`)
  return meetingInviteFromRow(meeting, { userId, method })
}

/** The same invite from a meeting row the caller already has (e.g. a scheduler plan about to be booked). */
export function meetingInviteFromRow(meeting: MeetingEntryRow, { userId, method }: { userId: string; method: CalendarMethod }): CalendarInvite {
  return invite(method, meetingEntry(meeting, { userId, method }), meetingFilename(meeting))
}

/** A meeting as a calendar entry for one of its participants (`userId`). */
export function meetingEntry(
  meeting: MeetingEntryRow,
  options: { userId: string; method: CalendarMethod; personalCancellation?: PersonalCancellation },
): CalendarEntry {
  const { userId, method, personalCancellation } = options
  const self = meeting.participants.find((participant) => participant.userId === userId)
  if (!self) throw new DomainError('not-found', `User "${userId}" is not a participant of B2B meeting "${meeting.calendarUid}".`)
  if (self.user.erasedAt) throw new DomainError('not-found', `User "${userId}" has erased their account.`)
  const { event, slot } = meeting
  // An erased participant has no name or address left to show.
  const present = meeting.participants.filter((participant) => !participant.user.erasedAt)
  const others = present.filter((participant) => participant.userId !== userId)
  const otherParties = others.map(({ user }) => personWithOrganisation(asEventPerson(user))).join(', ')
  const table = meetingTableLabel(meeting.table)
  const location = `${table}, ${placeAtVenue(slot.window?.room ?? null, event)}`
  const pageUrl = eventPageUrl(event.slug)
  return {
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
    status: entryStatus(method, meeting.status === 'CANCELLED' || event.status === 'CANCELLED' || personalCancellation !== undefined),
    lastModified: latest(meeting.updatedAt, event.updatedAt, personalCancellation?.at),
    organizer: organizerOf(event),
    attendees: present.map(({ user }) => ({ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: false })),
    categories: ['B2B meeting'],
  }
}

/** "counter-uas-industry-day-2027-b2b-meeting-2027-03-24-1430.ics" */
export function meetingFilename(meeting: Pick<MeetingEntryRow, 'slot' | 'event'>) {
  const { event, slot } = meeting
  const day = calendarDayParts(slot.startsAt, event.timeZone).key
  const time = formatTime(slot.startsAt, event.timeZone).replace(':', '')
  return `${event.slug}-b2b-meeting-${day}-${time}.ics`
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
  const registration = await db.registration.findUnique({ where: { id: registrationId }, select: registrationEntrySelect })
  if (!registration) throw new DomainError('not-found', `No registration with id "${registrationId}".`)
  return eventInviteFromRow(registration, { method })
}

/** The same invite from a registration row already read (e.g. just before its status changed, with the new status). */
export function eventInviteFromRow(registration: RegistrationEntryRow, { method }: { method: CalendarMethod }): CalendarInvite {
  if (method !== 'CANCEL' && registration.status !== 'APPROVED') {
    throw new CalendarInputError(`Registration "${registration.calendarUid}" is ${registration.status}: only an approved registration has the event in its calendar.`)
  }
  return invite(method, eventEntry(registration, { method }), `${registration.event.slug}.ics`)
}

/** The event as a registrant's calendar entry: CANCELLED once the registration is no longer approved. */
export function eventEntry(registration: RegistrationEntryRow, { method }: { method: CalendarMethod }): CalendarEntry {
  const { event, user } = registration
  if (user.erasedAt) throw new DomainError('not-found', `The person of registration "${registration.calendarUid}" has erased their account.`)
  const pageUrl = eventPageUrl(event.slug)
  return {
    uid: registration.calendarUid,
    sequence: registration.calendarSequence + event.calendarSequence,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    summary: event.title,
    description: paragraphs(event.summary, `Programme and your registration: ${pageUrl}`),
    location: `${event.venueName}, ${event.venueAddress}`,
    url: pageUrl,
    status: entryStatus(method, event.status === 'CANCELLED' || registration.status !== 'APPROVED'),
    lastModified: latest(registration.updatedAt, event.updatedAt),
    organizer: organizerOf(event),
    attendees: [{ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: false }],
  }
}

/** The page of an event (APP_URL may carry a path prefix, so it is extended rather than resolved against). */
export function eventPageUrl(eventSlug: string) {
  return `${env.APP_URL.replace(/\/+$/, '')}/events/${eventSlug}`
}

async function findPerson(db: CalendarDb, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: personSelect })
  if (!user) throw new DomainError('not-found', `No user with id "${userId}".`)
  if (user.erasedAt) throw new DomainError('not-found', `User "${userId}" has erased their account.`)
  return user
}

function invite(method: CalendarMethod, entry: CalendarEntry, filename: string): CalendarInvite {
  checkInviteEntry(entry, method)
  let ics: string | undefined
  return {
    method,
    uid: entry.uid,
    sequence: entry.sequence,
    entry,
    get ics() {
      return (ics ??= buildCalendar({ method, entries: [entry] }))
    },
    filename,
  }
}

/** A CANCEL always says CANCELLED; otherwise the rows decide (and a REQUEST for a cancelled item is refused by buildCalendar). */
function entryStatus(method: CalendarMethod, cancelled: boolean): CalendarEntryStatus {
  return method === 'CANCEL' || cancelled ? 'CANCELLED' : 'CONFIRMED'
}

/** The event's host organises every item: replies and questions go to its contact address. */
function organizerOf(event: EntryEvent) {
  return { name: event.hostName, email: event.contactEmail }
}

/** "Plenary Hall (Main building, ground floor), NATO Headquarters, Boulevard Léopold III, …" */
function placeAtVenue(room: Place, event: Pick<EntryEvent, 'venueName' | 'venueAddress'>) {
  const venue = `${event.venueName}, ${event.venueAddress}`
  if (!room) return venue
  return `${roomLabel(room)}, ${venue}`
}

/** "Table 7", or "Table 7 (Polish delegation)" when the table has a name of its own. */
function paragraphs(...parts: (string | null)[]) {
  return parts.filter((part): part is string => Boolean(part?.trim())).join('\n\n')
}

function latest(...dates: (Date | undefined)[]) {
  return new Date(Math.max(...dates.filter((date): date is Date => date !== undefined).map((date) => date.getTime())))
}
