// The "your data" and "erase your account" routes, their loaders and actions called directly:
// anonymous visitors are sent to sign-in, the download is a private attachment, a wrong
// confirmation is a 400 with the message next to the field, the only owner of an event is
// refused, and a confirmed erasure signs out and goes home with a notice. The route modules use
// the app's database accessor, so this file runs on SQLite (privacy.test.ts covers both engines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'
import { callRoute, formBody } from '#tests/support/routes.ts'

let test: TestDatabase
let sessions: typeof import('#app/lib/session.server.ts')
const dataRoute = 'routes/account/data.tsx'
const jsonRoute = 'routes/account/data[.]json.ts'
const eraseRoute = 'routes/account/erase.tsx'
const homeRoute = 'routes/home.tsx'

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  // The app's env and db accessor read DATABASE_URL when first imported.
  process.env.DATABASE_URL = test.url
  sessions = await import('#app/lib/session.server.ts')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

/** The session cookie of a new sign-in of `userId`, made at `signedInAt`. */
async function sessionCookie(userId: string, signedInAt?: Date) {
  const { token } = await sessions.createSession(test.db, userId, {}, signedInAt)
  return `${sessions.SESSION_COOKIE_NAME}=${token}`
}

/** What the server answers a GET of `path` (a POST of `form`, if given) with the session cookie, if any. */
function call(file: string, kind: 'loader' | 'action', cookie: string | null, path: string, form?: Record<string, string>) {
  const headers = new Headers(cookie ? { Cookie: cookie } : {})
  const request = new Request(`http://localhost${path}`, form ? { method: 'POST', ...formBody(form, headers) } : { headers })
  return callRoute(file, kind, request)
}

/** The same for `userId`, newly signed in (or anonymous for null). */
async function callAs(file: string, kind: 'loader' | 'action', userId: string | null, path: string, form?: Record<string, string>) {
  return call(file, kind, userId ? await sessionCookie(userId) : null, path, form)
}

const errorsOf = (data: unknown) => (data as { result: { error?: Record<string, string[] | null> } }).result.error

describe('your data', () => {
  it('sends anonymous visitors to sign-in, with the way back', async () => {
    for (const [file, path] of [
      [dataRoute, '/account/data'],
      [jsonRoute, '/account/data.json'],
      [eraseRoute, '/account/erase'],
    ] as const) {
      const page = await callAs(file, 'loader', null, path)
      expect(page).toMatchObject({ status: 302, location: `/sign-in?redirectTo=${encodeURIComponent(path)}` })
    }
    const post = await callAs(eraseRoute, 'action', null, '/account/erase', { email: 'x@example.org' })
    expect(post).toMatchObject({ status: 302, location: '/sign-in?redirectTo=%2Faccount%2Ferase' })
  })

  it('asks a sign-in older than a quarter of an hour to confirm before showing, downloading or erasing', async () => {
    const person = await createUser(test.db, 'Old Session')
    const cookie = await sessionCookie(person.id, new Date(Date.now() - 20 * 60_000))
    for (const [file, kind, path, form] of [
      [dataRoute, 'loader', '/account/data', undefined],
      [jsonRoute, 'loader', '/account/data.json', undefined],
      [eraseRoute, 'loader', '/account/erase', undefined],
      [eraseRoute, 'action', '/account/erase', { email: person.email }],
    ] as const) {
      const outcome = await call(file, kind, cookie, path, form)
      expect(outcome, path).toMatchObject({ status: 302, location: `/sign-in?${new URLSearchParams({ redirectTo: path, confirm: '1' })}` })
    }
    expect(await test.db.user.count({ where: { id: person.id, erasedAt: null } })).toBe(1)
  })

  it('shows the data on a page and downloads it as a private JSON attachment', async () => {
    const person = await createUser(test.db, 'Data Person')
    const page = await callAs(dataRoute, 'loader', person.id, '/account/data')
    expect(page.status).toBe(200)
    expect((page.data as { personal: { account: { email: string } } }).personal.account.email).toBe(person.email)

    const file = await callAs(jsonRoute, 'loader', person.id, '/account/data.json')
    expect(file.status).toBe(200)
    expect(file.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="muster-data-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(file.headers.get('Cache-Control')).toBe('private, no-store')
    const text = await file.response.text()
    const body = JSON.parse(text)
    expect(body.account).toMatchObject({ email: person.email, name: 'Data Person' })
    expect(body.sessions).toHaveLength(2)
    expect(text).not.toMatch(/"id"|tokenHash|deviceHash/)
  })
})

describe('erasing the account', () => {
  it('answers a wrong or missing confirmation with a 400 next to the field, and erases nothing', async () => {
    const person = await createUser(test.db, 'Careful Person')
    const wrong = await callAs(eraseRoute, 'action', person.id, '/account/erase', { email: 'someone-else@example.org' })
    expect(wrong.status).toBe(400)
    expect(errorsOf(wrong.data)).toMatchObject({ email: ['That is not the email address of this account. Type it exactly as shown above.'] })
    const missing = await callAs(eraseRoute, 'action', person.id, '/account/erase', {})
    expect(missing.status).toBe(400)
    expect(errorsOf(missing.data)).toMatchObject({ email: ['Type your email address to confirm'] })
    const unknownField = await callAs(eraseRoute, 'action', person.id, '/account/erase', { email: person.email, userId: 'other' })
    expect(unknownField.status).toBe(400)
    expect((await test.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { erasedAt: true } })).erasedAt).toBeNull()
  })

  it('refuses the only owner of an event, with the reason on the page', async () => {
    const event = await createEvent(test.db)
    const owner = await createUser(test.db, 'Sole Owner')
    await test.db.eventRole.create({ data: { eventId: event.id, userId: owner.id, role: 'OWNER' } })
    const page = await callAs(eraseRoute, 'loader', owner.id, '/account/erase')
    expect(page.data).toMatchObject({ email: owner.email, soleOwnerOf: ['Test Industry Day'] })
    const post = await callAs(eraseRoute, 'action', owner.id, '/account/erase', { email: owner.email })
    expect(post.status).toBe(409)
    expect(errorsOf(post.data)?.['']?.[0]).toMatch(/only owner of Test Industry Day/)
    expect((await test.db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { erasedAt: true } })).erasedAt).toBeNull()
  })

  it('erases after the right confirmation (any letter case), signs out and goes home with a notice', async () => {
    const event = await createEvent(test.db)
    const person = await createUser(test.db, 'Leaving Person')
    await test.db.registration.create({ data: { ...registrationData(event.id, person.id), status: 'PENDING', answers: { note: 'mine' } } })
    const cookie = await sessionCookie(person.id)
    const token = cookie.split('=')[1]!
    const done = await call(eraseRoute, 'action', cookie, '/account/erase', { email: ` ${person.email.toUpperCase()} ` })
    expect(done).toMatchObject({ status: 302, location: '/?erased=1' })
    expect(done.headers.get('Set-Cookie')).toMatch(new RegExp(`^${sessions.SESSION_COOKIE_NAME}=;.*Max-Age=0`))
    const user = await test.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { erasedAt: true, email: true, name: true } })
    expect(user.erasedAt).toBeInstanceOf(Date)
    expect(user.email).toBe(`erased-${person.id}@erased.invalid`)
    expect(await test.db.session.count({ where: { userId: person.id } })).toBe(0)
    expect(await test.db.registration.findFirstOrThrow({ where: { userId: person.id }, select: { status: true, answers: true } })).toEqual({ status: 'CANCELLED', answers: {} })

    // The old cookie no longer signs anyone in.
    expect(await sessions.validateSessionToken(test.db, token)).toBeNull()
    expect((await callAs(homeRoute, 'loader', null, '/?erased=1')).data).toMatchObject({ erased: true })
  })
})
