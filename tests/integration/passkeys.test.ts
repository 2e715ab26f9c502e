// Passkeys against a real database on both engines, with a software authenticator whose
// attestations and assertions @simplewebauthn/server verifies for real: registering and signing
// in, single-use and short-lived challenges, the origin, the signature counter, ownership, and
// who is offered passkeys at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  finishPasskeyRegistration,
  finishPasskeySignIn,
  listPasskeys,
  PASSKEY_CHALLENGE_LIFETIME_MS,
  passkeysOffered,
  relyingPartyFor,
  removePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
} from '#app/domain/account/passkeys.server.ts'
import { validateSessionToken } from '#app/lib/session.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { SoftwareAuthenticator } from '#tests/support/software-authenticator.ts'

const relyingParty = relyingPartyFor('https://events.example.org')

describe.each(providers)('passkeys on %s', (provider: Provider) => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function staffMember(name = 'Organiser') {
    const user = await createUser(test.db, name)
    const event = await createEvent(test.db)
    await test.db.eventRole.create({ data: { eventId: event.id, userId: user.id, role: 'ORGANISER' } })
    return user
  }

  /** A staff member with one registered passkey, and the authenticator holding it. */
  async function registered(name = 'Work laptop') {
    const user = await staffMember()
    const authenticator = new SoftwareAuthenticator(relyingParty)
    const started = await startPasskeyRegistration(test.db, { userId: user.id, relyingParty })
    if (!started.ok) throw new Error(started.reason)
    const finished = await finishPasskeyRegistration(test.db, {
      userId: user.id,
      challengeToken: started.challengeToken,
      name,
      response: authenticator.register(started.options),
      relyingParty,
    })
    if (!finished.ok) throw new Error(finished.reason)
    return { user, authenticator, passkey: finished.passkey }
  }

  async function signIn(authenticator: SoftwareAuthenticator, overrides: Parameters<SoftwareAuthenticator['authenticate']>[1] = {}) {
    const started = await startPasskeySignIn(test.db, { relyingParty })
    if (!started.ok) throw new Error(started.reason)
    const response = authenticator.authenticate(started.options, overrides)
    const outcome = await finishPasskeySignIn(test.db, { challengeToken: started.challengeToken, response, relyingParty })
    return { outcome, started, response }
  }

  it('registers a passkey for a staff member, then signs them in with it into a new session', async () => {
    const { user, authenticator, passkey } = await registered('Work laptop')
    const stored = await test.db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })
    expect(stored).toMatchObject({ userId: user.id, credentialId: authenticator.id, name: 'Work laptop', transports: 'internal', counter: 0n })
    expect(stored.publicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    // What the account page gets: the name and dates, never the key or the credential id.
    const listed = await listPasskeys(test.db, user.id)
    expect(listed).toEqual([{ id: passkey.id, name: 'Work laptop', createdAt: stored.createdAt, lastUsedAt: null }])
    expect(Object.keys(listed[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name'])

    const { outcome } = await signIn(authenticator)
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.userId).toBe(user.id)
    const session = await validateSessionToken(test.db, outcome.token)
    expect(session?.user.id).toBe(user.id)
    // A new session: it counts as a recent sign-in.
    expect(Date.now() - session!.signedInAt.getTime()).toBeLessThan(60_000)
    const after = await test.db.passkey.findUniqueOrThrow({ where: { id: passkey.id }, select: { counter: true, lastUsedAt: true } })
    expect(after.counter).toBe(1n)
    expect(after.lastUsedAt).not.toBeNull()
    // The browser is remembered for the account, as after an emailed code.
    expect(await test.db.knownDevice.count({ where: { userId: user.id } })).toBe(1)
    // Each challenge is used once: nothing is left behind.
    expect(await test.db.webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0)
  })

  it('refuses a replayed challenge, for registration and for sign-in', async () => {
    const user = await staffMember()
    const authenticator = new SoftwareAuthenticator(relyingParty)
    const started = await startPasskeyRegistration(test.db, { userId: user.id, relyingParty })
    if (!started.ok) throw new Error(started.reason)
    const response = authenticator.register(started.options)
    const first = await finishPasskeyRegistration(test.db, { userId: user.id, challengeToken: started.challengeToken, name: 'Key', response, relyingParty })
    expect(first.ok).toBe(true)
    const again = await finishPasskeyRegistration(test.db, { userId: user.id, challengeToken: started.challengeToken, name: 'Key', response, relyingParty })
    expect(again).toEqual({ ok: false, reason: 'no-challenge' })

    const { outcome, started: signInStarted, response: assertion } = await signIn(authenticator)
    expect(outcome.ok).toBe(true)
    const replay = await finishPasskeySignIn(test.db, { challengeToken: signInStarted.challengeToken, response: assertion, relyingParty })
    expect(replay).toEqual({ ok: false, reason: 'no-challenge' })
  })

  it('refuses a challenge that has expired, or that was made for the other ceremony or another person', async () => {
    const { user, authenticator } = await registered()
    const started = await startPasskeySignIn(test.db, { relyingParty })
    if (!started.ok) throw new Error(started.reason)
    const late = new Date(Date.now() + PASSKEY_CHALLENGE_LIFETIME_MS + 1000)
    expect(
      await finishPasskeySignIn(test.db, { challengeToken: started.challengeToken, response: authenticator.authenticate(started.options), relyingParty, now: late }),
    ).toEqual({ ok: false, reason: 'no-challenge' })

    // A registration challenge does not sign anyone in.
    const registration = await startPasskeyRegistration(test.db, { userId: user.id, relyingParty })
    if (!registration.ok) throw new Error(registration.reason)
    expect(
      await finishPasskeySignIn(test.db, { challengeToken: registration.challengeToken, response: authenticator.authenticate(registration.options), relyingParty }),
    ).toEqual({ ok: false, reason: 'no-challenge' })

    // A registration challenge is bound to the person it was made for.
    const other = await staffMember('Someone else')
    const theirs = await startPasskeyRegistration(test.db, { userId: other.id, relyingParty })
    if (!theirs.ok) throw new Error(theirs.reason)
    const stranger = new SoftwareAuthenticator(relyingParty)
    expect(
      await finishPasskeyRegistration(test.db, {
        userId: user.id,
        challengeToken: theirs.challengeToken,
        name: 'Not mine',
        response: stranger.register(theirs.options),
        relyingParty,
      }),
    ).toEqual({ ok: false, reason: 'no-challenge' })
  })

  it('refuses a ceremony run on another origin', async () => {
    const user = await staffMember()
    const authenticator = new SoftwareAuthenticator(relyingParty)
    const started = await startPasskeyRegistration(test.db, { userId: user.id, relyingParty })
    if (!started.ok) throw new Error(started.reason)
    const phished = await finishPasskeyRegistration(test.db, {
      userId: user.id,
      challengeToken: started.challengeToken,
      name: 'Phished',
      response: authenticator.register(started.options, { origin: 'https://events.example.org.evil.example' }),
      relyingParty,
    })
    expect(phished).toEqual({ ok: false, reason: 'not-verified' })
    expect(await test.db.passkey.count({ where: { userId: user.id } })).toBe(0)

    const { authenticator: holder, user: owner } = await registered()
    const { outcome } = await signIn(holder, { origin: 'https://evil.example' })
    expect(outcome).toEqual({ ok: false, reason: 'not-verified', userId: owner.id })
    const wrongRp = await signIn(holder, { rpId: 'evil.example' })
    expect(wrongRp.outcome).toMatchObject({ ok: false, reason: 'not-verified' })
    expect(await test.db.session.count({ where: { userId: owner.id } })).toBe(0)
  })

  it('refuses an assertion whose counter goes backwards (a copied authenticator)', async () => {
    const { user, authenticator, passkey } = await registered()
    expect((await signIn(authenticator, { counter: 5 })).outcome.ok).toBe(true)
    const { outcome } = await signIn(authenticator, { counter: 3 })
    expect(outcome).toEqual({ ok: false, reason: 'counter', userId: user.id })
    const same = await signIn(authenticator, { counter: 5 })
    expect(same.outcome).toMatchObject({ ok: false, reason: 'counter' })
    expect((await test.db.passkey.findUniqueOrThrow({ where: { id: passkey.id }, select: { counter: true } })).counter).toBe(5n)
    expect((await signIn(authenticator, { counter: 6 })).outcome.ok).toBe(true)
  })

  it('refuses a passkey it does not know, and unreadable or oversized answers', async () => {
    const stranger = new SoftwareAuthenticator(relyingParty)
    const { outcome } = await signIn(stranger)
    expect(outcome).toEqual({ ok: false, reason: 'unknown-passkey' })
    for (const response of ['not json', '{"id":"x"}', JSON.stringify({ id: 'a'.repeat(20_000) })]) {
      const started = await startPasskeySignIn(test.db, { relyingParty })
      if (!started.ok) throw new Error(started.reason)
      expect(await finishPasskeySignIn(test.db, { challengeToken: started.challengeToken, response, relyingParty })).toEqual({ ok: false, reason: 'invalid' })
    }
  })

  it("does not remove someone else's passkey; removes one's own; goes with the account", async () => {
    const { user, passkey } = await registered()
    const other = await staffMember('Other organiser')
    expect(await removePasskey(test.db, other.id, passkey.id)).toBe(false)
    expect(await test.db.passkey.count({ where: { id: passkey.id } })).toBe(1)
    expect(await removePasskey(test.db, user.id, passkey.id)).toBe(true)
    expect(await test.db.passkey.count({ where: { id: passkey.id } })).toBe(0)

    const { user: leaving, passkey: theirs } = await registered()
    await test.db.user.delete({ where: { id: leaving.id } })
    expect(await test.db.passkey.count({ where: { id: theirs.id } })).toBe(0)
  })

  it('is not offered to a person without any event role, who cannot register one either', async () => {
    const user = await createUser(test.db, 'Attendee')
    expect(await passkeysOffered(test.db, user.id)).toBe(false)
    expect(await startPasskeyRegistration(test.db, { userId: user.id, relyingParty })).toEqual({ ok: false, reason: 'not-offered' })
    // Even holding a challenge made while they had a role.
    const staff = await staffMember()
    const started = await startPasskeyRegistration(test.db, { userId: staff.id, relyingParty })
    if (!started.ok) throw new Error(started.reason)
    await test.db.eventRole.deleteMany({ where: { userId: staff.id } })
    const outcome = await finishPasskeyRegistration(test.db, {
      userId: staff.id,
      challengeToken: started.challengeToken,
      name: 'Too late',
      response: new SoftwareAuthenticator(relyingParty).register(started.options),
      relyingParty,
    })
    expect(outcome).toEqual({ ok: false, reason: 'not-offered' })

    const admin = await test.db.user.create({ data: { email: `admin-${Date.now()}@example.org`, name: 'Admin', isPlatformAdmin: true }, select: { id: true } })
    expect(await passkeysOffered(test.db, admin.id)).toBe(true)
  })
})
