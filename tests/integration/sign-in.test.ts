// Passwordless sign-in against a real database: tokens, codes, reuse, expiry, attempts,
// rate limits and concurrent submissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_CODE_ATTEMPTS,
  SIGN_IN_RATE_LIMITS,
  requestSignIn,
  signInWithCode,
  signInWithLink,
  inspectSignInLink,
} from '#app/domain/sign-in.server.ts'
import { hashSecret } from '#app/lib/tokens.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'

let test: TestDatabase
let emailCounter = 0

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
})
afterAll(async () => {
  await test?.cleanup()
})

function newEmail() {
  emailCounter++
  return `Person.${emailCounter}.${Date.now()}@Example.org`
}

/** Reads the code and link out of the sign-in email, as the person would. */
async function latestSignInEmail(email: string) {
  const message = await test.db.outboxMessage.findFirstOrThrow({
    where: { toEmail: email.toLowerCase(), kind: 'sign-in' },
    orderBy: { createdAt: 'desc' },
    select: { text: true, html: true, subject: true, idempotencyKey: true },
  })
  const code = message.text.match(/\b(\d{6})\b/)?.[1]
  const token = message.text.match(/\/sign-in\/link\?token=([a-z2-7]{32})/)?.[1]
  if (!code || !token) throw new Error(`No code or link in:\n${message.text}`)
  return { ...message, code, token }
}

describe('requesting a sign-in', () => {
  it('queues one email with a link and a code, and stores only hashes', async () => {
    const email = newEmail()
    expect(await requestSignIn(test.db, { email, redirectTo: '/events/x' })).toEqual({ ok: true })
    const { code, token, html, subject } = await latestSignInEmail(email)
    expect(subject).toMatch(/sign/i)
    expect(html).toContain(code)
    const row = await test.db.signInToken.findFirstOrThrow({ where: { email: email.toLowerCase() } })
    expect(row.tokenHash).toBe(hashSecret(token))
    expect(row.tokenHash).not.toContain(token)
    expect(row.codeHash).not.toContain(code)
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(15 * 60 * 1000)
  })

  it('never accepts an outside redirect target', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email, redirectTo: 'https://evil.example/phish' })
    const { code } = await latestSignInEmail(email)
    const outcome = await signInWithCode(test.db, { email, code })
    expect(outcome).toMatchObject({ ok: true, redirectTo: '/account' })
  })
})

describe('signing in with the code', () => {
  it('creates the account on first sign-in and a session', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const { code } = await latestSignInEmail(email)
    const outcome = await signInWithCode(test.db, { email: `  ${email.toUpperCase()} `, code })
    if (!outcome.ok) throw new Error(outcome.reason)
    const user = await test.db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, select: { id: true } })
    expect(outcome.userId).toBe(user.id)
    expect(await test.db.session.count({ where: { userId: user.id, id: hashSecret(outcome.token) } })).toBe(1)
  })

  it('refuses a reused code and a reused link', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const { code, token } = await latestSignInEmail(email)
    expect((await signInWithCode(test.db, { email, code })).ok).toBe(true)
    expect(await signInWithCode(test.db, { email, code })).toEqual({ ok: false, reason: 'no-code' })
    expect(await signInWithLink(test.db, { token })).toEqual({ ok: false, reason: 'used' })
  })

  it('refuses an expired code and link after 15 minutes', async () => {
    const email = newEmail()
    const issuedAt = new Date()
    await requestSignIn(test.db, { email, now: issuedAt })
    const { code, token } = await latestSignInEmail(email)
    const later = new Date(issuedAt.getTime() + 15 * 60 * 1000 + 1)
    expect(await signInWithCode(test.db, { email, code, now: later })).toEqual({ ok: false, reason: 'expired' })
    expect(await signInWithLink(test.db, { token, now: later })).toEqual({ ok: false, reason: 'expired' })
    expect(await inspectSignInLink(test.db, token, later)).toEqual({ ok: false, reason: 'expired' })
  })

  it(`allows ${MAX_CODE_ATTEMPTS} wrong codes, then refuses even the right one`, async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const { code } = await latestSignInEmail(email)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let attempt = 1; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      expect(await signInWithCode(test.db, { email, code: wrong })).toEqual({
        ok: false,
        reason: 'wrong-code',
        attemptsLeft: MAX_CODE_ATTEMPTS - attempt,
      })
    }
    expect(await signInWithCode(test.db, { email, code: wrong })).toEqual({ ok: false, reason: 'too-many-attempts' })
    expect(await signInWithCode(test.db, { email, code })).toEqual({ ok: false, reason: 'too-many-attempts' })
  })

  it('counts parallel guesses: never more than the allowed attempts', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const { code } = await latestSignInEmail(email)
    const wrong = code === '000000' ? '111111' : '000000'
    await Promise.all(Array.from({ length: 20 }, () => signInWithCode(test.db, { email, code: wrong })))
    const row = await test.db.signInToken.findFirstOrThrow({ where: { email: email.toLowerCase() }, select: { attempts: true } })
    expect(row.attempts).toBe(MAX_CODE_ATTEMPTS)
  })

  it('accepts only the code of the latest email', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const first = await latestSignInEmail(email)
    await requestSignIn(test.db, { email })
    const second = await latestSignInEmail(email)
    if (first.code !== second.code) {
      expect(await signInWithCode(test.db, { email, code: first.code })).toMatchObject({ ok: false, reason: 'wrong-code' })
    }
    expect((await signInWithCode(test.db, { email, code: second.code })).ok).toBe(true)
  })

  it('signs in exactly once when the same code is submitted ten times at once', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email })
    const { code } = await latestSignInEmail(email)
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => signInWithCode(test.db, { email, code })))
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
    expect(await test.db.user.count({ where: { email: email.toLowerCase() } })).toBe(1)
    expect(await test.db.session.count({ where: { user: { email: email.toLowerCase() } } })).toBe(1)
  })
})

describe('signing in with the link', () => {
  it('works once, and a made-up token is invalid', async () => {
    const email = newEmail()
    await requestSignIn(test.db, { email, redirectTo: '/events/counter-uas-industry-day-2027' })
    const { token } = await latestSignInEmail(email)
    expect(await inspectSignInLink(test.db, token)).toEqual({ ok: true, email: email.toLowerCase() })
    expect(await signInWithLink(test.db, { token })).toMatchObject({ ok: true, redirectTo: '/events/counter-uas-industry-day-2027' })
    expect(await signInWithLink(test.db, { token: 'a'.repeat(32) })).toEqual({ ok: false, reason: 'invalid' })
    expect(await signInWithLink(test.db, { token: 'not a token' })).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('rate limits on sign-in requests', () => {
  it('trip per email address and recover in the next window', async () => {
    const email = newEmail()
    const start = new Date(Math.ceil(Date.now() / SIGN_IN_RATE_LIMITS.perEmail.windowMs) * SIGN_IN_RATE_LIMITS.perEmail.windowMs)
    for (let i = 0; i < SIGN_IN_RATE_LIMITS.perEmail.limit; i++) {
      expect(await requestSignIn(test.db, { email, now: new Date(start.getTime() + i * 1000) })).toEqual({ ok: true })
    }
    const blocked = await requestSignIn(test.db, { email, now: new Date(start.getTime() + 60_000) })
    expect(blocked).toMatchObject({ ok: false, reason: 'rate-limited' })
    if (!blocked.ok) expect(blocked.retryAfterMs).toBe(SIGN_IN_RATE_LIMITS.perEmail.windowMs - 60_000)
    const queued = await test.db.outboxMessage.count({ where: { toEmail: email.toLowerCase() } })
    expect(queued).toBe(SIGN_IN_RATE_LIMITS.perEmail.limit)
    const nextWindow = new Date(start.getTime() + SIGN_IN_RATE_LIMITS.perEmail.windowMs)
    expect(await requestSignIn(test.db, { email, now: nextWindow })).toEqual({ ok: true })
  })

  it('trip per client address across different emails', async () => {
    const client = { ipAddress: `198.51.100.${emailCounter}` }
    const start = new Date(Math.ceil(Date.now() / SIGN_IN_RATE_LIMITS.perClient.windowMs) * SIGN_IN_RATE_LIMITS.perClient.windowMs)
    for (let i = 0; i < SIGN_IN_RATE_LIMITS.perClient.limit; i++) {
      expect((await requestSignIn(test.db, { email: newEmail(), client, now: start })).ok).toBe(true)
    }
    expect(await requestSignIn(test.db, { email: newEmail(), client, now: start })).toMatchObject({ ok: false, reason: 'rate-limited' })
    expect((await requestSignIn(test.db, { email: newEmail(), client: { ipAddress: '203.0.113.9' }, now: start })).ok).toBe(true)
  })
})
