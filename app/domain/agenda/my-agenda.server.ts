// An attendee's day in one view: the sessions everyone attends, their breakouts (seats and
// waiting places) and their B2B meetings, read from the same rows as the feeds and invites.
import type { Db } from '#app/lib/db-client.server.ts'
import { calendarDayParts } from '#app/lib/time.ts'
import { asEventPerson, eventPersonSelect } from '#app/domain/events/people.server.ts'
import { meetingTableLabel, personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'

export type MyAgendaItem = {
  key: string
  kind: 'session' | 'breakout' | 'meeting'
  title: string
  startsAt: Date
  endsAt: Date
  /** "Plenary", "Breakout", "B2B meeting"… */
  label: string
  place: string | null
  status: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED'
  waitlistPosition: number | null
  /** The session's page, for sessions and breakouts. */
  sessionSlug: string | null
  /** Other items of the person at the same time (not counting breaks). */
  clashesWith: string[]
}

const KIND_LABELS = { PLENARY: 'Plenary', PANEL: 'Panel', BREAK: 'Break', BREAKOUT: 'Breakout', B2B_WINDOW: 'B2B window' } as const

/** Null for an unknown or unpublished event. */
export async function getMyAgenda(db: Db, input: { eventSlug: string; userId: string }) {
  const event = await db.event.findFirst({
    where: { slug: input.eventSlug, ...publicEventWhere },
    select: { id: true, slug: true, title: true, timeZone: true, startsAt: true, endsAt: true, venueName: true, status: true },
  })
  if (!event) return null
  const registration = await db.registration.findUnique({
    where: { eventId_userId: { eventId: event.id, userId: input.userId } },
    select: { id: true, status: true },
  })
  if (registration?.status !== 'APPROVED') return { event, registrationStatus: registration?.status ?? null, days: [] }

  const roomSelect = { select: { name: true, location: true } } as const
  const [forEveryone, enrolments, seats] = await Promise.all([
    db.agendaSession.findMany({
      where: { eventId: event.id, signUpRequired: false, kind: { in: ['PLENARY', 'PANEL', 'BREAK'] } },
      orderBy: { startsAt: 'asc' },
      select: { id: true, slug: true, title: true, kind: true, status: true, startsAt: true, endsAt: true, room: roomSelect },
    }),
    db.sessionEnrolment.findMany({
      where: { registrationId: registration.id, status: { in: ['ENROLLED', 'WAITLISTED'] } },
      select: {
        status: true,
        waitlistNumber: true,
        session: { select: { id: true, slug: true, title: true, kind: true, status: true, startsAt: true, endsAt: true, room: roomSelect } },
      },
    }),
    db.meetingParticipant.findMany({
      where: { userId: input.userId, activeSlotId: { not: null }, meeting: { eventId: event.id, status: 'CONFIRMED' } },
      select: {
        meeting: {
          select: {
            id: true,
            slot: { select: { startsAt: true, endsAt: true } },
            table: { select: { number: true, name: true } },
            participants: { where: { userId: { not: input.userId } }, select: { user: { select: eventPersonSelect(event.id, { name: true, erasedAt: true }) } } },
          },
        },
      },
    }),
  ])
  const positions = await Promise.all(
    enrolments.map((enrolment) =>
      enrolment.status === 'WAITLISTED' && enrolment.waitlistNumber !== null
        ? db.sessionEnrolment.count({ where: { sessionId: enrolment.session.id, status: 'WAITLISTED', waitlistNumber: { lte: enrolment.waitlistNumber } } })
        : Promise.resolve(null),
    ),
  )
  const place = (room: { name: string; location: string | null } | null) => (room ? (room.location ? `${room.name} (${room.location})` : room.name) : null)
  const items: MyAgendaItem[] = [
    ...forEveryone.map((session) => ({
      key: `session-${session.id}`,
      kind: 'session' as const,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      label: KIND_LABELS[session.kind],
      place: place(session.room),
      status: session.status === 'CANCELLED' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      waitlistPosition: null,
      sessionSlug: session.slug,
      clashesWith: [],
    })),
    ...enrolments.map((enrolment, index) => ({
      key: `session-${enrolment.session.id}`,
      kind: 'breakout' as const,
      title: enrolment.session.title,
      startsAt: enrolment.session.startsAt,
      endsAt: enrolment.session.endsAt,
      label: KIND_LABELS[enrolment.session.kind],
      place: place(enrolment.session.room),
      status: enrolment.session.status === 'CANCELLED' ? ('CANCELLED' as const) : enrolment.status === 'WAITLISTED' ? ('WAITLISTED' as const) : ('CONFIRMED' as const),
      waitlistPosition: positions[index] ?? null,
      sessionSlug: enrolment.session.slug,
      clashesWith: [],
    })),
    ...seats.flatMap(({ meeting }) => {
      const others = meeting.participants
        .filter(({ user }) => !user.erasedAt)
        .map(({ user }) => personWithOrganisation(asEventPerson(user)))
      return [
        {
          key: `meeting-${meeting.id}`,
          kind: 'meeting' as const,
          title: others.length > 0 ? `B2B meeting with ${others.join(', ')}` : 'B2B meeting',
          startsAt: meeting.slot.startsAt,
          endsAt: meeting.slot.endsAt,
          label: 'B2B meeting',
          place: meetingTableLabel(meeting.table),
          status: 'CONFIRMED' as const,
          waitlistPosition: null,
          sessionSlug: null,
          clashesWith: [],
        },
      ]
    }),
  ]
  // Breakouts and meetings that overlap each other: the person has to choose.
  const personal = items.filter((item) => item.kind !== 'session' && item.status !== 'CANCELLED')
  for (const item of personal) {
    item.clashesWith = personal
      .filter((other) => other !== item && other.startsAt.getTime() < item.endsAt.getTime() && item.startsAt.getTime() < other.endsAt.getTime())
      .map((other) => other.title)
  }
  items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime() || a.title.localeCompare(b.title))
  const days = new Map<string, MyAgendaItem[]>()
  for (const item of items) {
    const day = calendarDayParts(item.startsAt, event.timeZone).key
    days.set(day, [...(days.get(day) ?? []), item])
  }
  return { event, registrationStatus: registration.status, days: [...days].map(([key, dayItems]) => ({ key, date: dayItems[0]!.startsAt, items: dayItems })) }
}
