// The rooms, tracks and speakers page's action with a room that people hold sessions in: a new
// place is answered with its review and writes nothing; the review's confirm button saves it and
// queues the updates; hostile and mistaken input is a 4xx that writes nothing. The route module
// uses the app's database accessor, so this file runs on SQLite; the rules themselves run on
// both engines in agenda-changes.test.ts.
import { describe, expect, it } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import { createAgendaEvent, createApprovedAttendees, createSession } from '#tests/support/agenda-fixtures.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { setUpRouteDatabase } from '#tests/support/route-database.ts'
import { callRoute, formBody } from '#tests/support/routes.ts'

const route = 'routes/manage/agenda.setup.tsx'
let event: { id: string; slug: string }
let hall: { id: string }
let otherEventRoom: { id: string }
let organiser: { id: string }

const test = setUpRouteDatabase(async (db: Db) => {
  // Ahead of whatever day the suite runs: the route reads the real clock.
  const day = 86_400_000
  const opens = new Date(Math.ceil(Date.now() / day) * day + 60 * day)
  const agenda = await createAgendaEvent(db, { startsAt: opens, endsAt: new Date(opens.getTime() + 2 * day) })
  event = agenda.event
  hall = agenda.room
  otherEventRoom = (await createAgendaEvent(db)).room
  organiser = await createUser(db, 'Olga Organiser')
  await db.eventRole.create({ data: { eventId: event.id, userId: organiser.id, role: 'ORGANISER' } })
  await createSession(db, { eventId: event.id, roomId: hall.id, title: 'Opening plenary', kind: 'PLENARY', startsAt: new Date(opens.getTime() + 3_600_000), endsAt: new Date(opens.getTime() + 7_200_000), signUpRequired: false })
  await createApprovedAttendees(db, event.id, 4)
})

type Answer = { status: number; data: unknown }

async function post(form: Record<string, string | string[]> | URLSearchParams): Promise<Answer> {
  const headers = new Headers({ Cookie: await test.sessionCookie(organiser.id) })
  const path = `http://localhost/events/${event.slug}/manage/agenda/setup`
  const init = form instanceof URLSearchParams ? { method: 'POST', ...formBody({}, headers), body: form } : { method: 'POST', ...formBody(form, headers) }
  const answer = await callRoute(route, 'action', new Request(path, init), { slug: event.slug })
  return { status: answer.status, data: answer.data }
}

const roomForm = (fields: Record<string, string> = {}) => ({ formId: `room-${hall.id}`, intent: 'room', roomId: hall.id, name: 'Room 1', capacity: '300', location: 'Ground floor', ...fields })

async function rows() {
  const [rooms, outbox, audit] = await Promise.all([
    test.db.room.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, capacity: true, location: true } }),
    test.db.outboxMessage.count(),
    test.db.auditLogEntry.count(),
  ])
  return { rooms, outbox, audit }
}

describe('a room with sessions people hold', () => {
  it('answers a new place with its review and writes nothing; the confirm button saves it and sends the updates', async () => {
    const before = await rows()
    const review = await post(roomForm({ name: 'Plenary Hall', location: 'Main building' }))
    expect(review.status).toBe(200)
    expect((review.data as { review: unknown }).review).toEqual({
      before: 'Room 1 (Ground floor), Test venue',
      after: 'Plenary Hall (Main building), Test venue',
      sessions: { count: 1, titles: ['Opening plenary'] },
      sessionMessages: 4,
      meetingMessages: 0,
    })
    expect(await rows()).toEqual(before)

    // Enter in a field sends the form without the confirm button: it is reviewed again.
    const entered = await post(roomForm({ name: 'Plenary Hall', location: 'Main building', reviewedFrom: 'Room 1 (Ground floor), Test venue' }))
    expect(entered.data).toHaveProperty('review')
    expect(await rows()).toEqual(before)

    const saved = await post(roomForm({ name: 'Plenary Hall', location: 'Main building', reviewedFrom: 'Room 1 (Ground floor), Test venue', reviewedTo: 'Plenary Hall (Main building), Test venue' }))
    expect(saved.status).toBe(200)
    expect(saved.data).toMatchObject({ saved: 'Plenary Hall', notified: 4 })
    const after = await rows()
    expect(after.outbox).toBe(before.outbox + 4)
    expect(after.rooms.find((room) => room.id === hall.id)).toMatchObject({ name: 'Plenary Hall', location: 'Main building' })
    expect(await test.db.outboxMessage.count({ where: { kind: 'session-changed', eventId: event.id } })).toBe(4)
  })

  it('refuses hostile and mistaken posts with a 4xx and writes nothing', async () => {
    const before = await rows()
    const repeated = new URLSearchParams(roomForm({ name: 'Renamed' }))
    for (let index = 0; index < 20_000; index++) repeated.append('roomId', hall.id)
    const posts: [string, Record<string, string> | URLSearchParams, number][] = [
      ['a room of another event', roomForm({ roomId: otherEventRoom.id, name: 'Taken over' }), 404],
      ['a room that does not exist', roomForm({ roomId: 'no-such-room', name: 'Nowhere' }), 404],
      ['a reviewed place longer than any place', roomForm({ name: 'Renamed', reviewedFrom: 'Room 1 (Ground floor), Test venue', reviewedTo: 'x'.repeat(601) }), 400],
      ['a name the schema does not know', roomForm({ name: 'Renamed', 'sessions[0].notify': 'all' }), 400],
      ['the room repeated 20,000 times', repeated, 413],
      ['a name of one character', roomForm({ name: 'R', reviewedFrom: 'Room 1 (Ground floor), Test venue', reviewedTo: 'R (Ground floor), Test venue' }), 400],
    ]
    for (const [label, form, status] of posts) {
      const answer = await post(form)
      expect(answer.status, label).toBe(status)
    }
    expect(await rows()).toEqual(before)
  })
})
