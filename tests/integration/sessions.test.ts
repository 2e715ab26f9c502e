// Sessions: only the token's hash is stored; expiry slides; sign out here or everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SESSION_LIFETIME_MS,
  STAFF_SESSION_ABSOLUTE_MS,
  STAFF_SESSION_IDLE_MS,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from '#app/lib/session.server.ts'
import { hashSecret } from '#app/lib/tokens.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { holdSqliteWriteLock } from '#tests/support/sqlite-lock.ts'

const day = 24 * 60 * 60 * 1000
let test: TestDatabase

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
})
afterAll(async () => {
  await test?.cleanup()
})

describe('sessions', () => {
  it('store only the SHA-256 of the cookie token', async () => {
    const user = await createUser(test.db)
    const { token, sessionId } = await createSession(test.db, user.id)
    expect(token).toMatch(/^[a-z2-7]{32}$/)
    expect(sessionId).toBe(hashSecret(token))
    expect(await test.db.session.count({ where: { id: token } })).toBe(0)
  })

  it('slide: a session used after half its life is extended, and expires when unused', async () => {
    const user = await createUser(test.db)
    const start = new Date('2027-01-01T00:00:00Z')
    const { token } = await createSession(test.db, user.id, {}, start)

    const early = await validateSessionToken(test.db, token, new Date(start.getTime() + 5 * day))
    expect(early).toMatchObject({ renewed: false, expiresAt: new Date(start.getTime() + SESSION_LIFETIME_MS) })

    const usedLate = new Date(start.getTime() + 20 * day)
    const renewed = await validateSessionToken(test.db, token, usedLate)
    expect(renewed).toMatchObject({ renewed: true, expiresAt: new Date(usedLate.getTime() + SESSION_LIFETIME_MS) })

    // 49 days after sign-in the session still lives because it slid at day 20.
    expect(await validateSessionToken(test.db, token, new Date(start.getTime() + 49 * day))).not.toBeNull()
    // Unused for a whole lifetime after the last renewal (day 49 renewed it to day 79): gone.
    expect(await validateSessionToken(test.db, token, new Date(start.getTime() + 80 * day))).toBeNull()
    expect(await test.db.session.count({ where: { id: hashSecret(token) } })).toBe(0)
  })

  it('reject malformed and unknown tokens', async () => {
    expect(await validateSessionToken(test.db, '')).toBeNull()
    expect(await validateSessionToken(test.db, "' OR 1=1 --")).toBeNull()
    expect(await validateSessionToken(test.db, 'a'.repeat(32))).toBeNull()
  })

  it('sign out here leaves other devices signed in; everywhere signs all out', async () => {
    const user = await createUser(test.db)
    const laptop = await createSession(test.db, user.id)
    const phone = await createSession(test.db, user.id)
    await invalidateSession(test.db, laptop.sessionId)
    expect(await validateSessionToken(test.db, laptop.token)).toBeNull()
    expect(await validateSessionToken(test.db, phone.token)).not.toBeNull()
    await createSession(test.db, user.id)
    await invalidateUserSessions(test.db, user.id)
    expect(await test.db.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('still let a person in while another process holds the database past the busy timeout; the expiry slides at the next request', async () => {
    const user = await createUser(test.db)
    const start = new Date('2027-02-01T00:00:00Z')
    const { token } = await createSession(test.db, user.id, {}, start)
    const impatient = await createDbClient(test.url, { sqliteBusyTimeoutMs: 50 })
    const usedLate = new Date(start.getTime() + 20 * day)
    const release = await holdSqliteWriteLock(test.url)
    try {
      // Due for renewal, which cannot be written now: signed in, and the cookie keeps the row's expiry.
      expect(await validateSessionToken(impatient, token, usedLate)).toMatchObject({ renewed: false, expiresAt: new Date(start.getTime() + SESSION_LIFETIME_MS) })
    } finally {
      await release()
    }
    expect(await validateSessionToken(impatient, token, usedLate)).toMatchObject({ renewed: true, expiresAt: new Date(usedLate.getTime() + SESSION_LIFETIME_MS) })
    await impatient.$disconnect()
  })

  it('end when the account is erased', async () => {
    const user = await createUser(test.db)
    const { token } = await createSession(test.db, user.id)
    await test.db.user.update({ where: { id: user.id }, data: { erasedAt: new Date() } })
    expect(await validateSessionToken(test.db, token)).toBeNull()
  })
})

describe.each(providers)('staff sessions on %s', (provider: Provider) => {
  let own: TestDatabase
  let organiser: { id: string }
  let attendee: { id: string }
  beforeAll(async () => {
    own = await createTestDatabase(provider)
    const event = await createEvent(own.db)
    organiser = await createUser(own.db, 'Organiser')
    attendee = await createUser(own.db, 'Attendee')
    await own.db.eventRole.create({ data: { eventId: event.id, userId: organiser.id, role: 'VETTING_OFFICER' } })
  })
  afterAll(async () => {
    await own?.cleanup()
  })
  const minute = 60 * 1000

  it(`end after ${STAFF_SESSION_IDLE_MS / minute} minutes unused; use keeps them alive; an attendee's session does not`, async () => {
    const start = new Date('2027-01-01T08:00:00Z')
    const staff = await createSession(own.db, organiser.id, {}, start)
    const person = await createSession(own.db, attendee.id, {}, start)
    // Used every 20 minutes for two hours: still signed in.
    for (let at = 20; at <= 120; at += 20) {
      expect(await validateSessionToken(own.db, staff.token, new Date(start.getTime() + at * minute)), `${at} min`).not.toBeNull()
    }
    // Then left for 31 minutes: gone, and the row with it.
    expect(await validateSessionToken(own.db, staff.token, new Date(start.getTime() + 151 * minute))).toBeNull()
    expect(await own.db.session.count({ where: { id: staff.sessionId } })).toBe(0)
    expect(await validateSessionToken(own.db, person.token, new Date(start.getTime() + 151 * minute))).not.toBeNull()
  })

  it('give loaders the person exactly (both flags as booleans, nothing else), and treat an administrator or event creator without a role as staff', async () => {
    const start = new Date('2027-01-03T08:00:00Z')
    const admin = await own.db.user.create({ data: { email: `admin-${provider}@example.test`, name: 'Admin', isPlatformAdmin: true }, select: { id: true } })
    const creator = await own.db.user.create({ data: { email: `creator-${provider}@example.test`, name: 'Creator', isEventCreator: true }, select: { id: true } })
    const people = [
      { id: admin.id, email: `admin-${provider}@example.test`, name: 'Admin', isPlatformAdmin: true, isEventCreator: false },
      { id: creator.id, email: `creator-${provider}@example.test`, name: 'Creator', isPlatformAdmin: false, isEventCreator: true },
    ]
    for (const person of people) {
      const { token, sessionId } = await createSession(own.db, person.id, {}, start)
      const session = await validateSessionToken(own.db, token, new Date(start.getTime() + minute))
      expect(session).toEqual({ sessionId, expiresAt: new Date(start.getTime() + SESSION_LIFETIME_MS), renewed: false, signedInAt: start, user: person })
      // Staff: 31 minutes unused ends it, with no event role needed.
      expect(await validateSessionToken(own.db, token, new Date(start.getTime() + 32 * minute))).toBeNull()
    }
    const attendeeSession = await createSession(own.db, attendee.id, {}, start)
    expect((await validateSessionToken(own.db, attendeeSession.token, new Date(start.getTime() + minute)))?.user).toEqual({
      id: attendee.id,
      email: expect.any(String),
      name: 'Attendee',
      isPlatformAdmin: false,
      isEventCreator: false,
    })
  })

  it(`end ${STAFF_SESSION_ABSOLUTE_MS / (60 * minute)} hours after sign-in however busy`, async () => {
    const start = new Date('2027-01-02T08:00:00Z')
    const staff = await createSession(own.db, organiser.id, {}, start)
    for (let at = 25; at < 12 * 60; at += 25) {
      expect(await validateSessionToken(own.db, staff.token, new Date(start.getTime() + at * minute)), `${at} min`).not.toBeNull()
    }
    expect(await validateSessionToken(own.db, staff.token, new Date(start.getTime() + 12 * 60 * minute + 1))).toBeNull()
  })
})

describe('recent sign-in before bulk decisions and exports', () => {
  it('lets a fresh sign-in through and sends an older one to confirm, coming back to the same page', async () => {
    const { requireRecentSignIn, RECENT_SIGN_IN_MS } = await import('#app/lib/auth.server.ts')
    const request = new Request('http://localhost/events/x/manage/vetting.data?status=PENDING&_routes=routes%2Fmanage.vetting', { method: 'POST' })
    const signedInAt = new Date('2027-01-01T08:00:00Z')
    const authenticated = { user: { id: 'u', email: 'a@example.org', name: 'A', isPlatformAdmin: false, isEventCreator: false }, sessionId: 's', signedInAt, headers: new Headers() }
    expect(() => requireRecentSignIn(request, authenticated, new Date(signedInAt.getTime() + RECENT_SIGN_IN_MS))).not.toThrow()
    let thrown: unknown
    try {
      requireRecentSignIn(request, authenticated, new Date(signedInAt.getTime() + RECENT_SIGN_IN_MS + 1))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Response)
    const location = new URL((thrown as Response).headers.get('Location')!, 'http://localhost')
    expect(location.pathname).toBe('/sign-in')
    expect(Object.fromEntries(location.searchParams)).toEqual({ redirectTo: '/events/x/manage/vetting?status=PENDING', confirm: '1' })
  })
})
