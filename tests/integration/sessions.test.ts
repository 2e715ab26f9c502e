// Sessions: only the token's hash is stored; expiry slides; sign out here or everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SESSION_LIFETIME_MS,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from '#app/lib/session.server.ts'
import { hashSecret } from '#app/lib/tokens.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUser } from '#tests/support/fixtures.ts'

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

  it('end when the account is erased', async () => {
    const user = await createUser(test.db)
    const { token } = await createSession(test.db, user.id)
    await test.db.user.update({ where: { id: user.id }, data: { erasedAt: new Date() } })
    expect(await validateSessionToken(test.db, token)).toBeNull()
  })
})
