// An event with a room, a track, speakers and sessions, and approved attendees to sign up:
// the rows the agenda and breakout tests start from. Each call makes new, unique ones.
import { randomBytes } from 'node:crypto'
import type { Db } from '#app/lib/db-client.server.ts'
import { createEvent, registrationData } from './fixtures.ts'

const token = () => randomBytes(5).toString('hex')

export async function createAgendaEvent(db: Db, options: { timeZone?: string; startsAt?: Date; endsAt?: Date } = {}) {
  const created = await createEvent(db)
  const event = await db.event.update({
    where: { id: created.id },
    data: {
      timeZone: options.timeZone ?? 'Europe/Brussels',
      ...(options.startsAt ? { startsAt: options.startsAt } : {}),
      ...(options.endsAt ? { endsAt: options.endsAt } : {}),
    },
    select: { id: true, slug: true, timeZone: true, startsAt: true, endsAt: true },
  })
  const [room, otherRoom, track] = await Promise.all([
    db.room.create({ data: { eventId: event.id, name: 'Room 1', capacity: 300, location: 'Ground floor' }, select: { id: true, name: true } }),
    db.room.create({ data: { eventId: event.id, name: 'Room 2', capacity: 60 }, select: { id: true, name: true } }),
    db.track.create({ data: { eventId: event.id, slug: 'detection', name: 'Detection', colour: '#1f6feb' }, select: { id: true } }),
  ])
  const speaker = await db.speaker.create({
    data: { eventId: event.id, slug: `speaker-${token()}`, name: 'Ada Speaker', jobTitle: 'Chief engineer', organisationName: 'Test Org' },
    select: { id: true, name: true },
  })
  return { event, room, otherRoom, track, speaker }
}

export async function createSession(
  db: Db,
  input: {
    eventId: string
    roomId: string | null
    title?: string
    kind?: 'PLENARY' | 'PANEL' | 'BREAKOUT' | 'BREAK' | 'B2B_WINDOW'
    startsAt: Date
    endsAt: Date
    capacity?: number | null
    signUpRequired?: boolean
  },
) {
  const slug = `session-${token()}`
  return db.agendaSession.create({
    data: {
      eventId: input.eventId,
      slug,
      title: input.title ?? 'Detecting small drones',
      abstract: 'How to find a drone before it finds you.',
      kind: input.kind ?? 'BREAKOUT',
      roomId: input.roomId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity ?? null,
      signUpRequired: input.signUpRequired ?? true,
      calendarUid: `session-${slug}@muster.test`,
    },
    select: { id: true, slug: true, calendarUid: true },
  })
}

/** People with an approved registration (holding an event seat) for the event. */
export async function createApprovedAttendees(db: Db, eventId: string, count: number) {
  const tag = token()
  const rows = Array.from({ length: count }, (_, i) => ({ email: `attendee-${tag}-${i}@example.org`, name: `Attendee ${i}` }))
  await db.user.createMany({ data: rows })
  const users = await db.user.findMany({ where: { email: { startsWith: `attendee-${tag}-` } }, select: { id: true, email: true, name: true } })
  await db.registration.createMany({
    data: users.map((user) => ({ ...registrationData(eventId, user.id), status: 'APPROVED' as const, holdsSeat: true, decidedAt: new Date() })),
  })
  return rows.map((row) => users.find((user) => user.email === row.email)!)
}
