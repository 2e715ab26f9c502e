// The meeting pages' loaders and actions with hostile and mistaken HTTP input: every refusal
// is a 4xx with a message next to the field or at the top of the form, never a 500, and the
// pages never hand out another person's email. The route modules use the app's database
// accessor, so this file runs on SQLite (the domain rules run on both engines in the other
// meetings tests).
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { createMeetingEvent, createParticipants, type MeetingTestEvent } from '#tests/support/meeting-fixtures.ts'

let test: TestDatabase
let event: MeetingTestEvent
let people: Awaited<ReturnType<typeof createParticipants>>
let sessions: typeof import('#app/lib/session.server.ts')
let requestRoute: typeof import('#app/routes/meetings/request.$userId.tsx')
let answerRoute: typeof import('#app/routes/meetings/requests.$requestId.tsx')
let cancelRoute: typeof import('#app/routes/meetings/$meetingId.cancel.tsx')
let availabilityRoute: typeof import('#app/routes/meetings/availability.tsx')
let meetingsRoute: typeof import('#app/routes/meetings/meetings.tsx')

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  event = await createMeetingEvent(test.db)
  people = await createParticipants(test.db, event.id, 4)
  // The app's env and db accessor read DATABASE_URL when first imported.
  process.env.DATABASE_URL = test.url
  sessions = await import('#app/lib/session.server.ts')
  requestRoute = await import('#app/routes/meetings/request.$userId.tsx')
  answerRoute = await import('#app/routes/meetings/requests.$requestId.tsx')
  cancelRoute = await import('#app/routes/meetings/$meetingId.cancel.tsx')
  availabilityRoute = await import('#app/routes/meetings/availability.tsx')
  meetingsRoute = await import('#app/routes/meetings/meetings.tsx')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

async function args<Params>(userId: string, path: string, params: Params, form?: Record<string, string | string[]>) {
  const { token } = await sessions.createSession(test.db, userId)
  const headers = new Headers({ Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` })
  let body: URLSearchParams | undefined
  if (form) {
    body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item)
  }
  const request = new Request(`http://localhost${path}`, { method: form ? 'POST' : 'GET', headers, body })
  return { request, url: new URL(request.url), pattern: '', params, context: new RouterContextProvider() }
}

/** The status and body of what a loader or action returned or threw. */
async function answer(promise: Promise<unknown>) {
  try {
    const value = await promise
    if (value && typeof value === 'object' && 'init' in value) {
      const { init, data } = value as { init: { status?: number } | null; data: unknown }
      return { status: init?.status ?? 200, data }
    }
    return { status: 200, data: value }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: thrown.headers.get('Location') }
    if (thrown && typeof thrown === 'object' && 'init' in thrown) {
      return { status: (thrown as { init: { status: number } | null }).init?.status ?? 500, data: null }
    }
    throw thrown
  }
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
      const page = await answer(requestRoute.loader(await args(outsider.id, path, { slug: event.slug, userId: ben!.id })))
      expect(page.status, outsider.id).toBe(403)
      expect(JSON.stringify(page.data ?? '')).not.toContain('Ben')
      const post = await answer(requestRoute.action(await args(outsider.id, path, { slug: event.slug, userId: ben!.id }, { slotIds: event.slots[0]!.id })))
      expect(post.status).toBe(403)
    }
    expect(await test.db.meetingRequest.count({ where: { requesterId: { in: [stranger.id, pending.id] } } })).toBe(0)
  })

  it('explains a missing time next to the times, and refuses oneself, strangers and forged slots with a 4xx', async () => {
    const [ana, ben] = people
    const path = `/events/${event.slug}/meetings/request`
    const submit = async (recipientId: string, form: Record<string, string | string[]>) =>
      answer(requestRoute.action(await args(ana!.id, `${path}/${recipientId}`, { slug: event.slug, userId: recipientId }, form)))

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
    expect(sent).toEqual({ status: 302, data: `/events/${event.slug}/meetings?done=requested` })
    expect((await submit(ben!.id, { slotIds: event.slots[2]!.id })).status).toBe(409)
    expect((await answer(requestRoute.loader(await args(ana!.id, `${path}/${ana!.id}`, { slug: event.slug, userId: ana!.id }))))).toMatchObject({ status: 404 })
  })
})

describe('answering and cancelling', () => {
  it('answers 400, 403, 404 or 409 to the wrong person, intent or state, and lists no email addresses', async () => {
    const [ana, ben, cleo] = people
    const request = await test.db.meetingRequest.findFirstOrThrow({ where: { requesterId: ana!.id }, select: { id: true } })
    const path = `/events/${event.slug}/meetings/requests/${request.id}`
    const post = async (userId: string, form: Record<string, string>, requestId = request.id) =>
      answer(answerRoute.action(await args(userId, path, { slug: event.slug, requestId }, form)))

    expect((await post(ben!.id, { intent: 'approve-everything' })).status).toBe(400)
    expect((await post(ben!.id, { intent: 'accept' })).status).toBe(400)
    expect((await post(cleo!.id, { intent: 'accept', slotId: event.slots[0]!.id })).status).toBe(404)
    expect((await post(ana!.id, { intent: 'accept', slotId: event.slots[0]!.id })).status).toBe(403)
    expect((await post(ben!.id, { intent: 'accept', slotId: 'forged' }, 'forged-request')).status).toBe(404)
    const notProposed = await post(ben!.id, { intent: 'accept', slotId: event.slots[3]!.id })
    expect(notProposed.status).toBe(400)
    expect(errorsOf(notProposed.data)).toMatchObject({ slotId: ['Choose one of the proposed times.'] })
    expect(await answer(answerRoute.loader(await args(cleo!.id, path, { slug: event.slug, requestId: request.id })))).toMatchObject({ status: 404 })

    const page = await answer(answerRoute.loader(await args(ben!.id, path, { slug: event.slug, requestId: request.id })))
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.data)).not.toMatch(/@example\.org/)

    expect(await post(ben!.id, { intent: 'accept', slotId: event.slots[1]!.id })).toEqual({ status: 302, data: `/events/${event.slug}/meetings?done=accepted` })
    expect((await post(ben!.id, { intent: 'decline' })).status).toBe(409)
    const overview = await answer(meetingsRoute.loader(await args(ana!.id, `/events/${event.slug}/meetings`, { slug: event.slug })))
    expect(JSON.stringify(overview.data)).not.toMatch(/@example\.org/)

    const meeting = await test.db.meeting.findFirstOrThrow({ where: { requestId: request.id }, select: { id: true } })
    const cancelPath = `/events/${event.slug}/meetings/${meeting.id}/cancel`
    const cancel = async (userId: string) => answer(cancelRoute.action(await args(userId, cancelPath, { slug: event.slug, meetingId: meeting.id }, {})))
    expect((await cancel(cleo!.id)).status).toBe(404)
    expect(await answer(cancelRoute.loader(await args(cleo!.id, cancelPath, { slug: event.slug, meetingId: meeting.id })))).toMatchObject({ status: 404 })
    expect(await cancel(ana!.id)).toEqual({ status: 302, data: `/events/${event.slug}/meetings?done=cancelled` })
    expect((await cancel(ben!.id)).status).toBe(409)
  })

  it('refuses to block a forged slot or with a forged intent', async () => {
    const [, , , dan] = people
    const path = `/events/${event.slug}/meetings/availability`
    const post = async (form: Record<string, string>) => answer(availabilityRoute.action(await args(dan!.id, path, { slug: event.slug }, form)))
    expect((await post({ intent: 'block', slotId: 'forged' })).status).toBe(404)
    expect((await post({ intent: 'delete-everything', slotId: event.slots[0]!.id })).status).toBe(400)
    expect((await post({ intent: 'block', slotId: event.slots[0]!.id })).status).toBe(200)
    expect(await test.db.blockedSlot.count({ where: { userId: dan!.id } })).toBe(1)
    expect(await answer(availabilityRoute.loader(await args(dan!.id, path, { slug: 'no-such-event' })))).toMatchObject({ status: 404 })
  })
})
