// A registration rush meets the admission line: while an instance already runs and queues as
// many seat-taking writes as it takes, the next registration is answered at once with 503,
// Retry-After and the answers kept (nothing written), and a breakout sign-up with a notice;
// once the line moves, the same post goes through. The same answers come when another process
// holds the SQLite file's write lock past the busy timeout. The route modules use the app's
// database accessor, so this file runs on SQLite; the gate itself is in tests/unit/admission.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { registrationData } from '#tests/support/fixtures.ts'
import { callRoute, flashNoticeOf, formBody } from '#tests/support/routes.ts'
import { holdSqliteWriteLock } from '#tests/support/sqlite-lock.ts'
import type { AdmissionGate } from '#app/lib/admission.server.ts'

let test: TestDatabase
let sessions: typeof import('#app/lib/session.server.ts')
let admission: typeof import('#app/lib/admission.server.ts')
// Imported once DATABASE_URL is set: the fixtures load the app's environment.
let fixtures: typeof import('#tests/support/registration-fixtures.ts')

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  // The app's env and db accessor read DATABASE_URL when first imported.
  process.env.DATABASE_URL = test.url
  // A write waits this long for another process's lock before it is answered "busy".
  process.env.SQLITE_BUSY_TIMEOUT_MS = '200'
  sessions = await import('#app/lib/session.server.ts')
  admission = await import('#app/lib/admission.server.ts')
  fixtures = await import('#tests/support/registration-fixtures.ts')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
  delete process.env.SQLITE_BUSY_TIMEOUT_MS
})

/** Fills one of the instance's lines for seat writes with work that waits for `release`. */
async function fillTheLine(gate: AdmissionGate) {
  let release!: () => void
  const blocker = new Promise<void>((resolve) => {
    release = resolve
  })
  const held: Promise<unknown>[] = []
  while (gate.load.running < gate.concurrency || gate.load.waiting < 500) {
    if (gate.load.waiting < 500) held.push(gate.run(() => blocker))
    // The gate admits one waiting run per turn of the event loop.
    else await new Promise((resolve) => setImmediate(resolve))
  }
  return async () => {
    release()
    await Promise.all(held)
  }
}

async function post(file: string, userId: string, path: string, params: Record<string, string>, form: Record<string, string>) {
  const { token } = await sessions.createSession(test.db, userId)
  const headers = new Headers({ Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` })
  return callRoute(file, 'action', new Request(`http://localhost${path}`, { method: 'POST', ...formBody(form, headers) }), params)
}

describe('a registration when the instance is full', () => {
  it('is told to retry at once, keeps its answers and writes nothing; the same post goes through once the line moves', async () => {
    const { event, organisationId } = await fixtures.createRegistrationEvent(test.db, { capacity: 10, approvalRequired: false })
    const [person] = await fixtures.createUsers(test.db, 1)
    const form = { name: 'Ana Rush', jobTitle: 'Engineer', nationality: 'BE', organisationId, 'answers.clearance': 'none', consent: 'on' }
    const path = `/events/${event.slug}/register`

    const releaseTheLine = await fillTheLine(admission.registrationAdmission)
    const busy = await post('routes/events/register.tsx', person!.id, path, { slug: event.slug }, form)
    await releaseTheLine()

    expect(busy.status).toBe(503)
    expect(busy.headers.get('Retry-After')).toBe('4')
    const result = (busy.data as { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }).result
    expect(result.error?.['']).toEqual([expect.stringMatching(/^Many people are registering at this moment, so your registration was not sent\./)])
    expect(result.initialValue).toMatchObject({ name: 'Ana Rush', organisationId })
    expect(await test.db.registration.count({ where: { eventId: event.id } })).toBe(0)
    expect(await test.db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)

    const accepted = await post('routes/events/register.tsx', person!.id, path, { slug: event.slug }, form)
    expect(accepted.status).toBe(302)
    expect(await test.db.registration.findFirstOrThrow({ where: { eventId: event.id }, select: { status: true } })).toEqual({ status: 'APPROVED' })
  })
})

describe('a breakout sign-up when the instance is full', () => {
  it('returns to the page with a notice to try again, and takes no seat', async () => {
    const { person, session, params, path } = await createBreakoutForAnAttendee('rush-breakout')

    const releaseTheLine = await fillTheLine(admission.breakoutSignUpAdmission)
    const busy = await post('routes/events/session.sign-up.ts', person.id, path, params, { intent: 'join' })
    await releaseTheLine()
    expect(busy.status).toBe(302)
    expect(await flashNoticeOf(busy)).toEqual({ key: 'sign-up-refused', reason: 'busy' })
    expect(await test.db.sessionEnrolment.count({ where: { sessionId: session.id } })).toBe(0)

    const joined = await post('routes/events/session.sign-up.ts', person.id, path, params, { intent: 'join' })
    expect(await flashNoticeOf(joined)).toBeNull()
    expect(await test.db.sessionEnrolment.count({ where: { sessionId: session.id, status: 'ENROLLED' } })).toBe(1)
  })
})

describe('while another process holds the SQLite file past the busy timeout', () => {
  it('a registration is told to send it again (503, Retry-After, answers kept) and writes nothing; it goes through once the file is free', async () => {
    const { event, organisationId } = await fixtures.createRegistrationEvent(test.db, { capacity: 10, approvalRequired: false })
    const people = await fixtures.createUsers(test.db, 3)
    const form = { name: 'Ana Locked', jobTitle: 'Engineer', nationality: 'BE', organisationId, 'answers.clearance': 'none', consent: 'on' }
    const path = `/events/${event.slug}/register`
    // Sessions first: signing in writes too.
    const posts = await Promise.all(people.map(async (person) => ({ person, cookie: await sessionCookie(person.id) })))

    const release = await holdSqliteWriteLock(test.url)
    // Three at once: the first is committed alone, the other two as a group that fails together.
    const answers = await Promise.all(posts.map(({ cookie }) => postWithCookie('routes/events/register.tsx', cookie, path, { slug: event.slug }, form)))
    await release()

    for (const busy of answers) {
      expect(busy.status).toBe(503)
      expect(busy.headers.get('Retry-After')).toBe('5')
      const result = (busy.data as { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }).result
      expect(result.error?.['']).toEqual(['Muster is very busy at this moment, so this was not done. Please send it again in a few seconds.'])
      expect(result.initialValue).toMatchObject({ name: 'Ana Locked', organisationId })
    }
    expect(await test.db.registration.count({ where: { eventId: event.id } })).toBe(0)
    expect(await test.db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)
    expect(await test.db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 0 })

    const accepted = await postWithCookie('routes/events/register.tsx', posts[0]!.cookie, path, { slug: event.slug }, form)
    expect(accepted.status).toBe(302)
    expect(await test.db.registration.count({ where: { eventId: event.id, status: 'APPROVED' } })).toBe(1)
  })

  it('a breakout sign-up returns with the notice to try again and takes no seat', async () => {
    const { person, session, params, path } = await createBreakoutForAnAttendee('locked-breakout')
    const cookie = await sessionCookie(person.id)

    const release = await holdSqliteWriteLock(test.url)
    const busy = await postWithCookie('routes/events/session.sign-up.ts', cookie, path, params, { intent: 'join' })
    await release()

    expect(busy.status).toBe(302)
    expect(await flashNoticeOf(busy)).toEqual({ key: 'sign-up-refused', reason: 'busy' })
    expect(await test.db.sessionEnrolment.count({ where: { sessionId: session.id } })).toBe(0)
  })
})

describe('signing in while another process holds the SQLite file past the busy timeout', () => {
  const busyMessage = 'Muster is very busy at this moment, so this was not done. Please send it again in a few seconds.'
  const post = (file: string, path: string, form: Record<string, string>, cookie = '') =>
    callRoute(file, 'action', new Request(`http://localhost${path}`, { method: 'POST', ...formBody(form, new Headers(cookie ? { Cookie: cookie } : {})) }))
  const signInRows = async (email: string) => ({
    tokens: await test.db.signInToken.count({ where: { email } }),
    emails: await test.db.outboxMessage.count({ where: { toEmail: email } }),
    sessions: await test.db.session.count({ where: { user: { email } } }),
  })

  it('asking for a code, entering it and following the link are each told to try again, keep the form and the code, and work once the file is free', async () => {
    const email = `locked-${Date.now()}@example.org`
    const { pendingSignInCookie } = await import('#app/lib/sign-in-cookie.server.ts')
    const pending = pendingSignInCookie(email).split(';')[0]!

    let release = await holdSqliteWriteLock(test.url)
    const asked = await post('routes/auth/sign-in.tsx', '/sign-in', { email })
    await release()
    expect(asked.status).toBe(503)
    expect(asked.headers.get('Retry-After')).toBe('5')
    const askedResult = (asked.data as { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }).result
    expect(askedResult.error?.['']).toEqual([busyMessage])
    expect(askedResult.initialValue).toMatchObject({ email })
    expect(await signInRows(email)).toEqual({ tokens: 0, emails: 0, sessions: 0 })

    expect((await post('routes/auth/sign-in.tsx', '/sign-in', { email })).status).toBe(302)
    const { findQueuedEmail } = await import('#tests/support/outbox.ts')
    const message = await findQueuedEmail(test.db, { where: { toEmail: email, kind: 'sign-in' } })
    const code = message.text.match(/\b(\d{6})\b/)![1]!
    const token = message.text.match(/\/sign-in\/link\?token=([a-z2-7]{32})/)![1]!

    release = await holdSqliteWriteLock(test.url)
    const entered = await post('routes/auth/sign-in.verify.tsx', '/sign-in/verify', { code }, pending)
    const followed = await post('routes/auth/sign-in.link.tsx', '/sign-in/link', { token })
    await release()
    expect(entered.status).toBe(503)
    expect((entered.data as { result: { error?: Record<string, string[] | null> } }).result.error?.['']).toEqual([busyMessage])
    expect(followed.status).toBe(503)
    expect(followed.data).toEqual({ busy: busyMessage })
    expect(await signInRows(email)).toEqual({ tokens: 1, emails: 1, sessions: 0 })

    // The same code still signs in: nothing was used up.
    const signedIn = await post('routes/auth/sign-in.verify.tsx', '/sign-in/verify', { code }, pending)
    expect(signedIn.status).toBe(302)
    expect(await signInRows(email)).toMatchObject({ sessions: 1 })
  })
})

describe('removing a passkey while another process holds the SQLite file past the busy timeout', () => {
  it('is told to try again (503, Retry-After) and keeps the passkey; it goes once the file is free', async () => {
    const [person] = await fixtures.createUsers(test.db, 1)
    const passkey = await test.db.passkey.create({
      data: { userId: person!.id, credentialId: `credential-${person!.id}`, publicKey: 'key', deviceType: 'singleDevice', name: 'Work laptop' },
      select: { id: true },
    })
    const cookie = await sessionCookie(person!.id)

    const release = await holdSqliteWriteLock(test.url)
    const busy = await postWithCookie('routes/account/passkeys.ts', cookie, '/account/passkeys', {}, { intent: 'remove', passkeyId: passkey.id })
    await release()
    expect(busy.status).toBe(503)
    expect(busy.headers.get('Retry-After')).toBe('5')
    expect(await test.db.passkey.count({ where: { id: passkey.id } })).toBe(1)

    const removed = await postWithCookie('routes/account/passkeys.ts', cookie, '/account/passkeys', {}, { intent: 'remove', passkeyId: passkey.id })
    expect(removed.status).toBe(302)
    expect(await test.db.passkey.count({ where: { id: passkey.id } })).toBe(0)
  })
})

/** An approved attendee of a new event, and a breakout of it with seats to sign up for. */
async function createBreakoutForAnAttendee(slug: string) {
  const { event, organisationId } = await fixtures.createRegistrationEvent(test.db, { capacity: 10, approvalRequired: false })
  const [person] = await fixtures.createUsers(test.db, 1)
  await test.db.registration.create({ data: { ...registrationData(event.id, person!.id), organisationId, status: 'APPROVED', holdsSeat: true } })
  const session = await test.db.agendaSession.create({
    data: {
      eventId: event.id,
      slug,
      title: 'Breakout in a rush',
      kind: 'BREAKOUT',
      startsAt: new Date(Date.now() + 60 * 86_400_000),
      endsAt: new Date(Date.now() + 60 * 86_400_000 + 3_600_000),
      signUpRequired: true,
      capacity: 5,
      calendarUid: `session-${slug}@muster.test`,
    },
    select: { id: true },
  })
  return { person: person!, session, params: { slug: event.slug, sessionSlug: slug }, path: `/events/${event.slug}/sessions/${slug}/sign-up` }
}

async function sessionCookie(userId: string) {
  const { token } = await sessions.createSession(test.db, userId)
  return `${sessions.SESSION_COOKIE_NAME}=${token}`
}

async function postWithCookie(file: string, cookie: string, path: string, params: Record<string, string>, form: Record<string, string>) {
  return callRoute(file, 'action', new Request(`http://localhost${path}`, { method: 'POST', ...formBody(form, new Headers({ Cookie: cookie })) }), params)
}
