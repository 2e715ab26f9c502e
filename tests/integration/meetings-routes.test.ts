// The meeting pages' loaders and actions with hostile and mistaken HTTP input: every refusal
// is a 4xx with a message next to the field or at the top of the form, never a 500, and the
// pages never hand out another person's email. The route modules use the app's database
// accessor, so this file runs on SQLite (the domain rules run on both engines in the other
// meetings tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { createMeetingEvent, createParticipants, type MeetingTestEvent } from '#tests/support/meeting-fixtures.ts'
import { callRoute, flashNoticeOf, formBody } from '#tests/support/routes.ts'

let test: TestDatabase
let event: MeetingTestEvent
let people: Awaited<ReturnType<typeof createParticipants>>
let sessions: typeof import('#app/lib/session.server.ts')
const requestRoute = 'routes/meetings/request.$userId.tsx'
const answerRoute = 'routes/meetings/requests.$requestId.tsx'
const cancelRoute = 'routes/meetings/$meetingId.cancel.tsx'
const availabilityRoute = 'routes/meetings/availability.tsx'
const meetingsRoute = 'routes/meetings/meetings.tsx'

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  event = await createMeetingEvent(test.db)
  people = await createParticipants(test.db, event.id, 4)
  // The app's env and db accessor read DATABASE_URL when first imported.
  process.env.DATABASE_URL = test.url
  sessions = await import('#app/lib/session.server.ts')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

/** What the loader or action of `file` answers `userId` for `path`: its status, its data or the redirect's location, and the notice it leaves. */
async function call(file: string, kind: 'loader' | 'action', userId: string, path: string, params: Record<string, string>, form?: Record<string, string | string[]>) {
  const { token } = await sessions.createSession(test.db, userId)
  const headers = new Headers({ Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` })
  const request = new Request(`http://localhost${path}`, form ? { method: 'POST', ...formBody(form, headers) } : { headers })
  const answer = await callRoute(file, kind, request, params)
  return { status: answer.status, data: answer.data ?? answer.location, notice: await flashNoticeOf(answer) }
}

const errorsOf = (data: unknown) => (data as { result: { error?: Record<string, string[] | null> } }).result.error

describe('the request form', () => {
  it('shows a participant only to people who may browse the participants: not to any signed-in account or a pending registrant', async () => {
    const [, ben] = people
    const stranger = await createUser(test.db, 'Stranger')
    const pending = await createUser(test.db, 'Pending registrant')
    await test.db.registration.create({ data: { ...registrationData(event.id, pending.id), status: 'PENDING' } })
    const path = `/events/${event.slug}/meetings/request/${ben!.id}`
    for (const outsider of [stranger, pending]) {
      const page = await call(requestRoute, 'loader', outsider.id, path, { slug: event.slug, userId: ben!.id })
      expect(page.status, outsider.id).toBe(403)
      expect(JSON.stringify(page.data ?? '')).not.toContain('Ben')
      const post = await call(requestRoute, 'action', outsider.id, path, { slug: event.slug, userId: ben!.id }, { slotIds: event.slots[0]!.id })
      expect(post.status).toBe(403)
    }
    expect(await test.db.meetingRequest.count({ where: { requesterId: { in: [stranger.id, pending.id] } } })).toBe(0)
  })

  it('explains a missing time next to the times, and refuses oneself, strangers and forged slots with a 4xx', async () => {
    const [ana, ben] = people
    const path = `/events/${event.slug}/meetings/request`
    const submit = async (recipientId: string, form: Record<string, string | string[]>) =>
      call(requestRoute, 'action', ana!.id, `${path}/${recipientId}`, { slug: event.slug, userId: recipientId }, form)

    const empty = await submit(ben!.id, { message: 'Hello' })
    expect(empty.status).toBe(400)
    expect(errorsOf(empty.data)).toMatchObject({ slotIds: ['Choose at least one time.'] })
    const self = await submit(ana!.id, { slotIds: event.slots[0]!.id })
    expect(self.status).toBe(400)
    expect(errorsOf(self.data)).toMatchObject({ '': ['You cannot request a meeting with yourself.'] })
    expect((await submit('no-such-person', { slotIds: event.slots[0]!.id })).status).toBe(404)
    const forged = await submit(ben!.id, { slotIds: ['forged-slot'] })
    expect(forged.status).toBe(400)
    expect(errorsOf(forged.data)?.slotIds?.[0]).toMatch(/not a bookable B2B slot/)
    const tooMany = await submit(ben!.id, { slotIds: event.slots.map((slot) => slot.id) })
    expect(tooMany.status).toBe(400)
    expect(errorsOf(tooMany.data)).toMatchObject({ slotIds: ['Choose at most 5 times.'] })
    expect(await test.db.meetingRequest.count()).toBe(0)

    const sent = await submit(ben!.id, { slotIds: [event.slots[0]!.id, event.slots[1]!.id], message: 'Hello' })
    expect(sent).toEqual({ status: 302, data: `/events/${event.slug}/meetings`, notice: { key: 'meeting-requested' } })
    expect((await submit(ben!.id, { slotIds: event.slots[2]!.id })).status).toBe(409)
    expect((await call(requestRoute, 'loader', ana!.id, `${path}/${ana!.id}`, { slug: event.slug, userId: ana!.id }))).toMatchObject({ status: 404 })
  })
})

describe('answering and cancelling', () => {
  it('answers 400, 403, 404 or 409 to the wrong person, intent or state, and lists no email addresses', async () => {
    const [ana, ben, cleo] = people
    const request = await test.db.meetingRequest.findFirstOrThrow({ where: { requesterId: ana!.id }, select: { id: true } })
    const path = `/events/${event.slug}/meetings/requests/${request.id}`
    const post = async (userId: string, form: Record<string, string>, requestId = request.id) =>
      call(answerRoute, 'action', userId, path, { slug: event.slug, requestId }, form)

    expect((await post(ben!.id, { intent: 'approve-everything' })).status).toBe(400)
    expect((await post(ben!.id, { intent: 'accept' })).status).toBe(400)
    expect((await post(cleo!.id, { intent: 'accept', slotId: event.slots[0]!.id })).status).toBe(404)
    expect((await post(ana!.id, { intent: 'accept', slotId: event.slots[0]!.id })).status).toBe(403)
    expect((await post(ben!.id, { intent: 'accept', slotId: 'forged' }, 'forged-request')).status).toBe(404)
    const notProposed = await post(ben!.id, { intent: 'accept', slotId: event.slots[3]!.id })
    expect(notProposed.status).toBe(400)
    expect(errorsOf(notProposed.data)).toMatchObject({ slotId: ['Choose one of the proposed times.'] })
    expect(await call(answerRoute, 'loader', cleo!.id, path, { slug: event.slug, requestId: request.id })).toMatchObject({ status: 404 })

    const page = await call(answerRoute, 'loader', ben!.id, path, { slug: event.slug, requestId: request.id })
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.data)).not.toMatch(/@example\.org/)

    expect(await post(ben!.id, { intent: 'accept', slotId: event.slots[1]!.id })).toEqual({ status: 302, data: `/events/${event.slug}/meetings`, notice: { key: 'meeting-accepted' } })
    expect((await post(ben!.id, { intent: 'decline' })).status).toBe(409)
    const overview = await call(meetingsRoute, 'loader', ana!.id, `/events/${event.slug}/meetings`, { slug: event.slug })
    expect(JSON.stringify(overview.data)).not.toMatch(/@example\.org/)

    const meeting = await test.db.meeting.findFirstOrThrow({ where: { requestId: request.id }, select: { id: true } })
    const cancelPath = `/events/${event.slug}/meetings/${meeting.id}/cancel`
    const cancel = async (userId: string) => call(cancelRoute, 'action', userId, cancelPath, { slug: event.slug, meetingId: meeting.id }, {})
    expect((await cancel(cleo!.id)).status).toBe(404)
    expect(await call(cancelRoute, 'loader', cleo!.id, cancelPath, { slug: event.slug, meetingId: meeting.id })).toMatchObject({ status: 404 })
    expect(await cancel(ana!.id)).toEqual({ status: 302, data: `/events/${event.slug}/meetings`, notice: { key: 'meeting-cancelled' } })
    expect((await cancel(ben!.id)).status).toBe(409)
  })

  it('refuses to block a forged slot or with a forged intent', async () => {
    const [, , , dan] = people
    const path = `/events/${event.slug}/meetings/availability`
    const post = async (form: Record<string, string>) => call(availabilityRoute, 'action', dan!.id, path, { slug: event.slug }, form)
    expect((await post({ intent: 'block', slotId: 'forged' })).status).toBe(404)
    expect((await post({ intent: 'delete-everything', slotId: event.slots[0]!.id })).status).toBe(400)
    expect((await post({ intent: 'block', slotId: event.slots[0]!.id })).status).toBe(200)
    expect(await test.db.blockedSlot.count({ where: { userId: dan!.id } })).toBe(1)
    expect(await call(availabilityRoute, 'loader', dan!.id, path, { slug: 'no-such-event' })).toMatchObject({ status: 404 })
  })
})
