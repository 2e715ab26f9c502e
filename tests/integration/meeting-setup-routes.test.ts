// The B2B slots and tables page's action with a table that has a meeting yet to begin: a new
// name is answered with its review and writes nothing; Enter in the field reviews again; the
// review's confirm button saves it and queues both people's updated invites. Hostile and
// mistaken input is a 4xx that writes nothing. The route module uses the app's database
// accessor, so this file runs on SQLite; the rules run on both engines in meeting-setup.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { setUpRouteDatabase } from '#tests/support/route-database.ts'
import { callRoute, formBody } from '#tests/support/routes.ts'

const route = 'routes/manage/matchmaking.setup.tsx'
let event: { id: string; slug: string }
let table: { id: string }
let otherEventTable: { id: string }
let organiser: { id: string }

let booking: { requesterId: string; recipientId: string; slotId: string }

const test = setUpRouteDatabase(async (db: Db) => {
  // The fixture's slots are a month ahead of the real clock the route reads: the meeting is yet to begin.
  const meetingEvent = await createMeetingEvent(db, { slots: 2, tables: 2 })
  event = meetingEvent
  const [ana, ben] = await createParticipants(db, event.id, 2)
  booking = { requesterId: ana!.id, recipientId: ben!.id, slotId: meetingEvent.slots[0]!.id }
  table = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id, number: 1 }, select: { id: true } })
  const other = await createMeetingEvent(db, { slots: 0, tables: 1 })
  otherEventTable = await db.meetingTable.findFirstOrThrow({ where: { eventId: other.id }, select: { id: true } })
  organiser = await createUser(db, 'Olga Organiser')
  await db.eventRole.create({ data: { eventId: event.id, userId: organiser.id, role: 'ORGANISER' } })
})

// Booked once the route database is the app's: the meetings module loads the app's database accessor.
beforeAll(async () => {
  const { acceptMeetingRequest, requestMeeting } = await import('#app/domain/meetings/meetings.server.ts')
  const { requestId } = await requestMeeting(test.db, { eventId: event.id, requesterId: booking.requesterId, recipientId: booking.recipientId, slotIds: [booking.slotId] })
  await acceptMeetingRequest(test.db, { eventId: event.id, requestId, userId: booking.recipientId, slotId: booking.slotId })
})

type Answer = { status: number; data: unknown }

async function post(form: Record<string, string | string[]> | URLSearchParams): Promise<Answer> {
  const headers = new Headers({ Cookie: await test.sessionCookie(organiser.id) })
  const path = `http://localhost/events/${event.slug}/manage/matchmaking/setup`
  const init = form instanceof URLSearchParams ? { method: 'POST', ...formBody({}, headers), body: form } : { method: 'POST', ...formBody(form, headers) }
  const answer = await callRoute(route, 'action', new Request(path, init), { slug: event.slug })
  return { status: answer.status, data: answer.data }
}

const tableForm = (fields: Record<string, string> = {}) => ({ intent: 'table', tableId: table.id, name: 'Press corner', reservedForOrganisationId: '', ...fields })

async function rows() {
  const [tables, outbox, audit] = await Promise.all([
    test.db.meetingTable.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, reservedForOrganisationId: true } }),
    test.db.outboxMessage.count(),
    test.db.auditLogEntry.count(),
  ])
  return { tables, outbox, audit }
}

describe('a meeting table with a meeting yet to begin', () => {
  it('answers a new name with its review and writes nothing; Enter reviews again; the confirm button saves it and sends the updated invites', async () => {
    const before = await rows()
    const review = await post(tableForm())
    expect(review.status).toBe(200)
    expect(review.data).toMatchObject({ notice: null, review: { before: 'Table 1', after: 'Table 1 (Press corner)', meetings: 1, meetingMessages: 2 } })
    expect(await rows()).toEqual(before)

    // Enter in the name field sends the form without the confirm button.
    expect((await post(tableForm({ reviewedFrom: 'Table 1' }))).data).toHaveProperty('review')
    // A confirmation of another name than the one now typed is reviewed again.
    expect((await post(tableForm({ reviewedFrom: 'Table 1', reviewedTo: 'Table 1 (Other)' }))).data).toHaveProperty('review')
    expect(await rows()).toEqual(before)

    const saved = await post(tableForm({ reviewedFrom: 'Table 1', reviewedTo: 'Table 1 (Press corner)' }))
    expect(saved.status).toBe(200)
    expect(saved.data).toMatchObject({ notice: 'Table saved. 2 people were sent an updated invite with the new place.' })
    expect(saved.data).not.toHaveProperty('review')
    const after = await rows()
    expect(after.tables.find((row) => row.id === table.id)).toMatchObject({ name: 'Press corner' })
    expect(after.outbox).toBe(before.outbox + 2)
    expect(await test.db.outboxMessage.count({ where: { kind: 'meeting-place-changed', eventId: event.id } })).toBe(2)
    expect(after.audit).toBe(before.audit + 1)
  })

  it('refuses hostile and mistaken posts with a 4xx and writes nothing', async () => {
    const before = await rows()
    const longConfirmation = 'x'.repeat(200)
    const cases: Array<{ form: Record<string, string | string[]> | URLSearchParams; status: number }> = [
      { form: tableForm({ tableId: otherEventTable.id }), status: 400 },
      { form: tableForm({ tableId: 'no-such-table' }), status: 400 },
      { form: tableForm({ reviewedFrom: 'Table 1', reviewedTo: longConfirmation }), status: 400 },
      { form: tableForm({ name: 'x'.repeat(500) }), status: 400 },
      { form: tableForm({ unknownField: 'surprise' }), status: 400 },
      { form: new URLSearchParams([...Object.entries(tableForm()), ...Array.from({ length: 20_000 }, () => ['tableId', table.id] as [string, string])]), status: 413 },
    ]
    for (const { form, status } of cases) {
      const answer = await post(form)
      expect(answer.status, JSON.stringify(answer.data).slice(0, 200)).toBe(status)
    }
    expect(await rows()).toEqual(before)
  })
})
