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
  type SigningInClient,
} from '#app/domain/account/sign-in.server.ts'
import { generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { findQueuedEmails, findQueuedEmail } from '#tests/support/outbox.ts'

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
  const message = await findQueuedEmail(test.db, { where: { toEmail: email.toLowerCase(), kind: 'sign-in' }, orderBy: { createdAt: 'desc' } })
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
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(10 * 60 * 1000)
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

  it('refuses an expired code and link after 10 minutes', async () => {
    const email = newEmail()
    const issuedAt = new Date()
    await requestSignIn(test.db, { email, now: issuedAt })
    const { code, token } = await latestSignInEmail(email)
    const later = new Date(issuedAt.getTime() + 10 * 60 * 1000 + 1)
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
  it('trip per email address from one client address and recover in the next window', async () => {
    const email = newEmail()
    const rule = SIGN_IN_RATE_LIMITS.perEmailAndClient
    const client = { ipAddress: '192.0.2.50' }
    const start = new Date(Math.ceil(Date.now() / SIGN_IN_RATE_LIMITS.perEmail.windowMs) * SIGN_IN_RATE_LIMITS.perEmail.windowMs)
    for (let i = 0; i < rule.limit; i++) {
      expect(await requestSignIn(test.db, { email, client, now: new Date(start.getTime() + i * 1000) })).toEqual({ ok: true })
    }
    const blocked = await requestSignIn(test.db, { email, client, now: new Date(start.getTime() + 60_000) })
    expect(blocked).toMatchObject({ ok: false, reason: 'rate-limited' })
    if (!blocked.ok) expect(blocked.retryAfterMs).toBe(rule.windowMs - 60_000)
    const queued = await test.db.outboxMessage.count({ where: { toEmail: email.toLowerCase() } })
    expect(queued).toBe(rule.limit)
    // The person, from their own address, is not locked out by the flood from another one.
    expect(await requestSignIn(test.db, { email, client: { ipAddress: '203.0.113.80' }, now: new Date(start.getTime() + 61_000) })).toEqual({ ok: true })
    const nextWindow = new Date(start.getTime() + rule.windowMs)
    expect(await requestSignIn(test.db, { email, client, now: nextWindow })).toEqual({ ok: true })
  })

  it('trip per email address across client addresses, so nobody mail-bombs a person', async () => {
    const email = newEmail()
    const rule = SIGN_IN_RATE_LIMITS.perEmail
    const start = new Date(Math.ceil(Date.now() / rule.windowMs) * rule.windowMs)
    for (let i = 0; i < rule.limit; i++) {
      expect(await requestSignIn(test.db, { email, client: { ipAddress: `198.18.0.${i}` }, now: start })).toEqual({ ok: true })
    }
    expect(await requestSignIn(test.db, { email, client: { ipAddress: '198.18.1.1' }, now: start })).toMatchObject({ ok: false, reason: 'rate-limited' })
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

describe.each(providers)('account protections on %s', (provider: Provider) => {
  let own: TestDatabase
  beforeAll(async () => {
    own = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await own?.cleanup()
  })

  /** A live code for `email` as requestSignIn stores it, without the request limits in the way. */
  async function issueCode(email: string, code: string, now: Date) {
    return own.db.signInToken.create({
      data: { email, tokenHash: hashSecret(`${email}:${code}:${Math.random()}`), codeHash: hashSecret(`${email}:${code}`), expiresAt: new Date(now.getTime() + 600_000), createdAt: now },
      select: { id: true },
    })
  }

  it(`stops codes for an account after ${SIGN_IN_RATE_LIMITS.failedCodesPerEmail.limit} wrong ones in a day, the right one included; the link still works`, async () => {
    const email = `guessed.${Date.now()}@example.org`
    const day = SIGN_IN_RATE_LIMITS.failedCodesPerEmail.windowMs
    const now = new Date(Math.floor(Date.now() / day) * day + 3_600_000)
    const rounds = SIGN_IN_RATE_LIMITS.failedCodesPerEmail.limit / MAX_CODE_ATTEMPTS
    for (let round = 0; round < rounds; round++) {
      await issueCode(email, '111111', new Date(now.getTime() + round))
      for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
        const outcome = await signInWithCode(own.db, { email, code: '000000', now: new Date(now.getTime() + round) })
        expect(outcome.ok).toBe(false)
      }
    }
    await issueCode(email, '222222', new Date(now.getTime() + rounds))
    expect(await signInWithCode(own.db, { email, code: '222222', now: new Date(now.getTime() + rounds) })).toEqual({ ok: false, reason: 'account-locked' })
    const token = generateSecretToken()
    await own.db.signInToken.create({ data: { email, tokenHash: hashSecret(token), codeHash: 'unused', expiresAt: new Date(now.getTime() + 600_000), createdAt: now } })
    expect((await signInWithLink(own.db, { token, now: new Date(now.getTime() + rounds) })).ok).toBe(true)
    // The next day the right code works again.
    await issueCode(email, '333333', new Date(now.getTime() + day))
    expect((await signInWithCode(own.db, { email, code: '333333', now: new Date(now.getTime() + day) })).ok).toBe(true)
  })

  it('tells an existing account about a sign-in from a new browser, once per browser, and never a brand-new account', async () => {
    const email = `devices.${Date.now()}@example.org`
    const notices = async () => (await findQueuedEmails(own.db, { where: { toEmail: email, kind: 'sign-in-notice' } })).map(({ subject, text }) => ({ subject, text }))
    const signIn = async (client: SigningInClient) => {
      await requestSignIn(own.db, { email, client })
      const row = await own.db.signInToken.findFirstOrThrow({ where: { email }, orderBy: { createdAt: 'desc' }, select: { id: true } })
      const code = '424242'
      await own.db.signInToken.update({ where: { id: row.id }, data: { codeHash: hashSecret(`${email}:${code}`) } })
      const outcome = await signInWithCode(own.db, { email, code, client })
      if (!outcome.ok) throw new Error(outcome.reason)
      return outcome
    }

    const first = await signIn({ ipAddress: '192.0.2.10', userAgent: 'Firefox on Linux' })
    expect(await notices()).toEqual([])
    await signIn({ ipAddress: '192.0.2.11', userAgent: 'Firefox on Linux', deviceToken: first.deviceToken })
    expect(await notices()).toEqual([])

    const phone = await signIn({ ipAddress: '198.51.100.7', userAgent: 'Safari on iPhone' })
    expect(phone.deviceToken).not.toBe(first.deviceToken)
    const sent = await notices()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.subject).toBe('New sign-in to your Muster account')
    expect(sent[0]!.text).toContain('198.51.100.7')
    expect(sent[0]!.text).toContain('Safari on iPhone')
    await signIn({ ipAddress: '198.51.100.8', userAgent: 'Safari on iPhone', deviceToken: phone.deviceToken })
    expect(await notices()).toHaveLength(1)

    // A forged device cookie is not a known device.
    await signIn({ ipAddress: '198.51.100.9', userAgent: 'curl', deviceToken: 'not-a-token' })
    expect(await notices()).toHaveLength(2)
  })
})
