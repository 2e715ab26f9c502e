// The "your data" and "erase your account" routes, their loaders and actions called directly:
// anonymous visitors are sent to sign-in, the download is a private attachment, a wrong
// confirmation is a 400 with the message next to the field, the only owner of an event is
// refused, and a confirmed erasure signs out and goes home with a notice. The route modules use
// the app's database accessor, so this file runs on SQLite (privacy.test.ts covers both engines).
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

let test: TestDatabase
let sessions: typeof import('#app/lib/session.server.ts')
let dataRoute: typeof import('#app/routes/account/data.tsx')
let jsonRoute: typeof import('#app/routes/account/data[.]json.ts')
let eraseRoute: typeof import('#app/routes/account/erase.tsx')

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  // The app's env and db accessor read DATABASE_URL when first imported.
  process.env.DATABASE_URL = test.url
  sessions = await import('#app/lib/session.server.ts')
  dataRoute = await import('#app/routes/account/data.tsx')
  jsonRoute = await import('#app/routes/account/data[.]json.ts')
  eraseRoute = await import('#app/routes/account/erase.tsx')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

async function args(userId: string | null, path: string, form?: Record<string, string>) {
  const headers = new Headers()
  if (userId) {
    const { token } = await sessions.createSession(test.db, userId)
    headers.set('Cookie', `${sessions.SESSION_COOKIE_NAME}=${token}`)
  }
  const request = new Request(`http://localhost${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined })
  return { request, url: new URL(request.url), pattern: '', params: {}, context: new RouterContextProvider() }
}

/** Status, body and headers of what a loader or action returned or threw. */
async function answer(promise: Promise<unknown>) {
  try {
    const value = await promise
    if (value instanceof Response) return { status: value.status, data: await value.text(), headers: value.headers }
    if (value && typeof value === 'object' && 'init' in value) {
      const { init, data } = value as { init: { status?: number } | null; data: unknown }
      return { status: init?.status ?? 200, data, headers: new Headers() }
    }
    return { status: 200, data: value, headers: new Headers() }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: thrown.headers.get('Location'), headers: thrown.headers }
    if (thrown && typeof thrown === 'object' && 'init' in thrown) {
      return { status: (thrown as { init: { status: number } | null }).init?.status ?? 500, data: (thrown as unknown as { data: unknown }).data, headers: new Headers() }
    }
    throw thrown
  }
}

const errorsOf = (data: unknown) => (data as { result: { error?: Record<string, string[] | null> } }).result.error

describe('your data', () => {
  it('sends anonymous visitors to sign-in, with the way back', async () => {
    for (const [run, path] of [
      [dataRoute.loader, '/account/data'],
      [jsonRoute.loader, '/account/data.json'],
      [eraseRoute.loader, '/account/erase'],
    ] as const) {
      const page = await answer(run((await args(null, path)) as never))
      expect(page).toMatchObject({ status: 302, data: `/sign-in?redirectTo=${encodeURIComponent(path)}` })
    }
    const post = await answer(eraseRoute.action((await args(null, '/account/erase', { email: 'x@example.org' })) as never))
    expect(post).toMatchObject({ status: 302, data: '/sign-in?redirectTo=%2Faccount%2Ferase' })
  })

  it('asks a sign-in older than a quarter of an hour to confirm before showing, downloading or erasing', async () => {
    const person = await createUser(test.db, 'Old Session')
    const { token } = await sessions.createSession(test.db, person.id, {}, new Date(Date.now() - 20 * 60_000))
    for (const [run, path, form] of [
      [dataRoute.loader, '/account/data', undefined],
      [jsonRoute.loader, '/account/data.json', undefined],
      [eraseRoute.loader, '/account/erase', undefined],
      [eraseRoute.action, '/account/erase', new URLSearchParams({ email: person.email })],
    ] as const) {
      const request = new Request(`http://localhost${path}`, {
        method: form ? 'POST' : 'GET',
        headers: { Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` },
        body: form,
      })
      const outcome = await answer(run({ request, url: new URL(request.url), pattern: '', params: {}, context: new RouterContextProvider() } as never))
      expect(outcome, path).toMatchObject({ status: 302, data: `/sign-in?${new URLSearchParams({ redirectTo: path, confirm: '1' })}` })
    }
    expect(await test.db.user.count({ where: { id: person.id, erasedAt: null } })).toBe(1)
  })

  it('shows the data on a page and downloads it as a private JSON attachment', async () => {
    const person = await createUser(test.db, 'Data Person')
    const page = await answer(dataRoute.loader((await args(person.id, '/account/data')) as never))
    expect(page.status).toBe(200)
    expect((page.data as { personal: { account: { email: string } } }).personal.account.email).toBe(person.email)

    const file = await answer(jsonRoute.loader((await args(person.id, '/account/data.json')) as never))
    expect(file.status).toBe(200)
    expect(file.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="muster-data-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(file.headers.get('Cache-Control')).toBe('private, no-store')
    const body = JSON.parse(file.data as string)
    expect(body.account).toMatchObject({ email: person.email, name: 'Data Person' })
    expect(body.sessions).toHaveLength(2)
    expect(file.data).not.toMatch(/"id"|tokenHash|deviceHash/)
  })
})

describe('erasing the account', () => {
  it('answers a wrong or missing confirmation with a 400 next to the field, and erases nothing', async () => {
    const person = await createUser(test.db, 'Careful Person')
    const wrong = await answer(eraseRoute.action((await args(person.id, '/account/erase', { email: 'someone-else@example.org' })) as never))
    expect(wrong.status).toBe(400)
    expect(errorsOf(wrong.data)).toMatchObject({ email: ['That is not the email address of this account. Type it exactly as shown above.'] })
    const missing = await answer(eraseRoute.action((await args(person.id, '/account/erase', {})) as never))
    expect(missing.status).toBe(400)
    expect(errorsOf(missing.data)).toMatchObject({ email: ['Type your email address to confirm'] })
    const unknownField = await answer(eraseRoute.action((await args(person.id, '/account/erase', { email: person.email, userId: 'other' })) as never))
    expect(unknownField.status).toBe(400)
    expect((await test.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { erasedAt: true } })).erasedAt).toBeNull()
  })

  it('refuses the only owner of an event, with the reason on the page', async () => {
    const event = await createEvent(test.db)
    const owner = await createUser(test.db, 'Sole Owner')
    await test.db.eventRole.create({ data: { eventId: event.id, userId: owner.id, role: 'OWNER' } })
    const page = await answer(eraseRoute.loader((await args(owner.id, '/account/erase')) as never))
    expect(page.data).toMatchObject({ email: owner.email, soleOwnerOf: ['Test Industry Day'] })
    const post = await answer(eraseRoute.action((await args(owner.id, '/account/erase', { email: owner.email })) as never))
    expect(post.status).toBe(409)
    expect(errorsOf(post.data)?.['']?.[0]).toMatch(/only owner of Test Industry Day/)
    expect((await test.db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { erasedAt: true } })).erasedAt).toBeNull()
  })

  it('erases after the right confirmation (any letter case), signs out and goes home with a notice', async () => {
    const event = await createEvent(test.db)
    const person = await createUser(test.db, 'Leaving Person')
    await test.db.registration.create({ data: { ...registrationData(event.id, person.id), status: 'PENDING', answers: { note: 'mine' } } })
    const request = await args(person.id, '/account/erase', { email: ` ${person.email.toUpperCase()} ` })
    const token = request.request.headers.get('Cookie')!.split('=')[1]!
    const done = await answer(eraseRoute.action(request as never))
    expect(done).toMatchObject({ status: 302, data: '/?erased=1' })
    expect(done.headers.get('Set-Cookie')).toMatch(new RegExp(`^${sessions.SESSION_COOKIE_NAME}=;.*Max-Age=0`))
    const user = await test.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { erasedAt: true, email: true, name: true } })
    expect(user.erasedAt).toBeInstanceOf(Date)
    expect(user.email).toBe(`erased-${person.id}@erased.invalid`)
    expect(await test.db.session.count({ where: { userId: person.id } })).toBe(0)
    expect(await test.db.registration.findFirstOrThrow({ where: { userId: person.id }, select: { status: true, answers: true } })).toEqual({ status: 'CANCELLED', answers: {} })

    // The old cookie no longer signs anyone in.
    expect(await sessions.validateSessionToken(test.db, token)).toBeNull()
    const home = await import('#app/routes/home.tsx')
    expect(await home.loader((await args(null, '/?erased=1')) as never)).toMatchObject({ erased: true })
  })
})
