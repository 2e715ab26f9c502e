// Passkeys (WebAuthn) for people who hold an event role or administer the platform: a second
// way to sign in, phishing-resistant, with no secret on the server (only the public key). The
// ceremonies run through @simplewebauthn/server; the challenge each one signs is a row keyed by
// the SHA-256 of a random token the browser keeps in an HttpOnly cookie, valid five minutes and
// deleted the first time it is presented. Registration binds it to the person, sign-in to the
// browser. Functions take the client so tests can use their own database.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  VerifiedAuthenticationResponse,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server'
import { z } from 'zod'
import { isUniqueViolation, type Db } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { hitRateLimit } from '#app/lib/rate-limit.server.ts'
import { generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'
import { openSignedInSession, SIGN_IN_RATE_LIMITS, type SigningInClient } from './sign-in.server.ts'

// Loaded at the first ceremony, not with the server: about 0.2 s and 15 MB that most instances,
// serving attendees, never use (bench/README.md, 6 December 2026).
const webAuthn = () => import('@simplewebauthn/server')
const webAuthnHelpers = () => import('@simplewebauthn/server/helpers')

export const PASSKEY_CHALLENGE_LIFETIME_MS = 5 * 60 * 1000
/** More than anyone needs (a laptop, a phone, two security keys); bounds the excluded list. */
export const MAX_PASSKEYS_PER_PERSON = 10
/** Characters of the ceremony's JSON an action accepts in its one form field. */
export const MAX_CEREMONY_RESPONSE_LENGTH = 16_000

export type RelyingParty = { id: string; origin: string; name: string }

/** The relying party is the app's public origin: its host name is the RP id. */
export function relyingPartyFor(appUrl: string = env.APP_URL): RelyingParty {
  const url = new URL(appUrl)
  return { id: url.hostname, origin: url.origin, name: 'Muster' }
}

// ---------- What the browser sends back (parsed here, whatever the form reader let through) ----------

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/)
const transportsSchema = z.array(z.string().max(20)).max(10).optional()
const extensionResultsSchema = z.record(z.string().max(50), z.unknown()).default({})

const RegistrationResponseSchema = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(12_000),
    authenticatorData: base64url(8000).optional(),
    transports: transportsSchema,
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4000).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResultsSchema,
})

const AuthenticationResponseSchema = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(8000),
    signature: base64url(2000),
    userHandle: base64url(200).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResultsSchema,
})

function parseCeremonyJson<Schema extends z.ZodType>(schema: Schema, text: string): z.infer<Schema> | null {
  if (text.length > MAX_CEREMONY_RESPONSE_LENGTH) return null
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : null
}

const knownTransports = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])

// ---------- Challenges ----------

type Purpose = 'registration' | 'authentication'

async function storeChallenge(db: Db, input: { purpose: Purpose; challenge: string; userId: string | null; now: Date }) {
  // Unfinished ceremonies leave rows behind: each new one clears the expired ones.
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: input.now } } })
  const token = generateSecretToken()
  await db.webAuthnChallenge.create({
    data: {
      id: hashSecret(token),
      purpose: input.purpose,
      challenge: input.challenge,
      userId: input.userId,
      expiresAt: new Date(input.now.getTime() + PASSKEY_CHALLENGE_LIFETIME_MS),
      createdAt: input.now,
    },
    select: { id: true },
  })
  return token
}

/** The challenge a cookie token stands for, deleted on the way (single use whatever follows); null when unusable. */
async function consumeChallenge(db: Db, input: { token: string | null | undefined; purpose: Purpose; userId: string | null; now: Date }) {
  if (!input.token || !/^[a-z2-7]{32}$/.test(input.token)) return null
  const id = hashSecret(input.token)
  const row = await db.webAuthnChallenge.findUnique({ where: { id }, select: { purpose: true, challenge: true, userId: true, expiresAt: true } })
  if (!row) return null
  // Two requests presenting the same token: only the one whose delete wins goes on.
  const deleted = await db.webAuthnChallenge.deleteMany({ where: { id } })
  if (deleted.count === 0) return null
  if (row.purpose !== input.purpose || row.userId !== input.userId || row.expiresAt.getTime() <= input.now.getTime()) return null
  return row.challenge
}

// ---------- Who is offered passkeys, and their list ----------

/** People who hold any event role, event creators and platform administrators. */
export async function passkeysOffered(db: Db, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { isPlatformAdmin: true, isEventCreator: true, erasedAt: true, eventRoles: { take: 1, select: { role: true } } },
  })
  return !!user && !user.erasedAt && (user.isPlatformAdmin || user.isEventCreator || user.eventRoles.length > 0)
}

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }

/** The person's passkeys as the account page shows them: never the key or the credential id. */
export function listPasskeys(db: Db, userId: string): Promise<PasskeySummary[]> {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  })
}

/** Removes one of the person's own passkeys; someone else's (or an unknown id) removes nothing. */
export async function removePasskey(db: Db, userId: string, passkeyId: string) {
  const removed = await db.passkey.deleteMany({ where: { id: passkeyId, userId } })
  return removed.count > 0
}

// ---------- Registration ----------

export type PasskeyRegistrationFailure = 'not-offered' | 'too-many' | 'invalid' | 'no-challenge' | 'not-verified' | 'already-registered'

export const passkeyRegistrationMessages: Record<PasskeyRegistrationFailure, string> = {
  'not-offered': 'Passkeys are for people who run events on Muster.',
  'too-many': `You have ${MAX_PASSKEYS_PER_PERSON} passkeys already. Remove one before adding another.`,
  invalid: 'Your browser sent something Muster could not read. Try again.',
  'no-challenge': 'Adding the passkey took too long, or it was started in another tab. Try again.',
  'not-verified': 'The passkey could not be checked. Try again, or use another device.',
  'already-registered': 'That passkey is already on your account.',
}

export async function startPasskeyRegistration(
  db: Db,
  input: { userId: string; now?: Date; relyingParty?: RelyingParty },
): Promise<{ ok: true; options: PublicKeyCredentialCreationOptionsJSON; challengeToken: string } | { ok: false; reason: 'not-offered' | 'too-many' }> {
  const now = input.now ?? new Date()
  const rp = input.relyingParty ?? relyingPartyFor()
  if (!(await passkeysOffered(db, input.userId))) return { ok: false, reason: 'not-offered' }
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  })
  if (user.passkeys.length >= MAX_PASSKEYS_PER_PERSON) return { ok: false, reason: 'too-many' }
  const { generateRegistrationOptions } = await webAuthn()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name || user.email,
    // The user handle is the account id (no personal data); sign-in checks it against the passkey's owner.
    userID: new TextEncoder().encode(input.userId),
    attestationType: 'none',
    timeout: PASSKEY_CHALLENGE_LIFETIME_MS,
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: splitTransports(passkey.transports) })),
    // Discoverable, so sign-in needs no address first.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  })
  const challengeToken = await storeChallenge(db, { purpose: 'registration', challenge: options.challenge, userId: input.userId, now })
  return { ok: true, options, challengeToken }
}

export async function finishPasskeyRegistration(
  db: Db,
  input: { userId: string; challengeToken: string | null | undefined; name: string; response: string; now?: Date; relyingParty?: RelyingParty },
): Promise<{ ok: true; passkey: PasskeySummary } | { ok: false; reason: PasskeyRegistrationFailure }> {
  const now = input.now ?? new Date()
  const rp = input.relyingParty ?? relyingPartyFor()
  if (!(await passkeysOffered(db, input.userId))) return { ok: false, reason: 'not-offered' }
  const expectedChallenge = await consumeChallenge(db, { token: input.challengeToken, purpose: 'registration', userId: input.userId, now })
  if (!expectedChallenge) return { ok: false, reason: 'no-challenge' }
  const response = parseCeremonyJson(RegistrationResponseSchema, input.response)
  if (!response) return { ok: false, reason: 'invalid' }
  if ((await db.passkey.count({ where: { userId: input.userId } })) >= MAX_PASSKEYS_PER_PERSON) return { ok: false, reason: 'too-many' }

  const [{ verifyRegistrationResponse }, { isoBase64URL }] = await Promise.all([webAuthn(), webAuthnHelpers()])
  let verification: VerifiedRegistrationResponse
  try {
    verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    })
  } catch {
    return { ok: false, reason: 'not-verified' }
  }
  if (!verification.verified) return { ok: false, reason: 'not-verified' }
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo
  try {
    const passkey = await db.passkey.create({
      data: {
        userId: input.userId,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: (response.response.transports ?? []).filter((transport) => knownTransports.has(transport)).join(','),
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        name: input.name,
        createdAt: now,
      },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    })
    return { ok: true, passkey }
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'already-registered' }
    throw error
  }
}

// ---------- Sign-in ----------

export type PasskeySignInFailure = 'invalid' | 'no-challenge' | 'unknown-passkey' | 'not-verified' | 'counter'

export const passkeySignInMessages: Record<PasskeySignInFailure, string> = {
  invalid: 'Your browser sent something Muster could not read. Try again, or sign in with an emailed code.',
  'no-challenge': 'Signing in took too long. Try again.',
  'unknown-passkey': 'Muster does not know that passkey: it may have been removed. Sign in with an emailed code.',
  'not-verified': 'The passkey could not be checked. Try again, or sign in with an emailed code.',
  counter: 'This passkey looks copied, so it was refused. Sign in with an emailed code and check your passkeys on your account page.',
}

export async function startPasskeySignIn(
  db: Db,
  input: { client?: SigningInClient; now?: Date; relyingParty?: RelyingParty } = {},
): Promise<{ ok: true; options: PublicKeyCredentialRequestOptionsJSON; challengeToken: string } | { ok: false; reason: 'rate-limited'; retryAfterMs: number }> {
  const now = input.now ?? new Date()
  const rp = input.relyingParty ?? relyingPartyFor()
  // Anyone may start a sign-in, and each start writes a row: as many per address as emailed codes.
  if (input.client?.ipAddress) {
    const limit = await hitRateLimit(db, `passkey-sign-in:client:${input.client.ipAddress}`, SIGN_IN_RATE_LIMITS.perClient, now)
    if (!limit.allowed) return { ok: false, reason: 'rate-limited', retryAfterMs: limit.retryAfterMs }
  }
  // No allowCredentials: the authenticator offers the discoverable passkeys it holds for this site.
  const { generateAuthenticationOptions } = await webAuthn()
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred', timeout: PASSKEY_CHALLENGE_LIFETIME_MS })
  const challengeToken = await storeChallenge(db, { purpose: 'authentication', challenge: options.challenge, userId: null, now })
  return { ok: true, options, challengeToken }
}

export type PasskeySignedIn = { ok: true; userId: string; token: string; expiresAt: Date; deviceToken: string }

export async function finishPasskeySignIn(
  db: Db,
  input: { challengeToken: string | null | undefined; response: string; client?: SigningInClient; now?: Date; relyingParty?: RelyingParty },
): Promise<PasskeySignedIn | { ok: false; reason: PasskeySignInFailure; userId?: string }> {
  const now = input.now ?? new Date()
  const rp = input.relyingParty ?? relyingPartyFor()
  const expectedChallenge = await consumeChallenge(db, { token: input.challengeToken, purpose: 'authentication', userId: null, now })
  if (!expectedChallenge) return { ok: false, reason: 'no-challenge' }
  const response = parseCeremonyJson(AuthenticationResponseSchema, input.response)
  if (!response) return { ok: false, reason: 'invalid' }
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    select: { id: true, userId: true, publicKey: true, counter: true, transports: true, user: { select: { erasedAt: true } } },
  })
  if (!passkey || passkey.user.erasedAt) return { ok: false, reason: 'unknown-passkey' }
  const userId = passkey.userId
  const [{ verifyAuthenticationResponse }, { isoBase64URL }] = await Promise.all([webAuthn(), webAuthnHelpers()])
  // A discoverable credential names its account: it must be the passkey's owner.
  if (response.response.userHandle && response.response.userHandle !== isoBase64URL.fromUTF8String(userId)) {
    return { ok: false, reason: 'not-verified', userId }
  }

  let verification: VerifiedAuthenticationResponse
  try {
    verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      credential: {
        id: response.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: splitTransports(passkey.transports),
      },
    })
  } catch (error) {
    // The authenticator's counter did not move forward: a cloned authenticator, or a replayed assertion.
    const reason = error instanceof Error && /counter/i.test(error.message) ? 'counter' : 'not-verified'
    return { ok: false, reason, userId }
  }
  if (!verification.verified) return { ok: false, reason: 'not-verified', userId }

  // Conditional on the counter read above, so two sign-ins with the same assertion cannot both pass.
  const updated = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: {
      counter: BigInt(verification.authenticationInfo.newCounter),
      backedUp: verification.authenticationInfo.credentialBackedUp,
      lastUsedAt: now,
    },
  })
  if (updated.count === 0) return { ok: false, reason: 'counter', userId }
  const session = await openSignedInSession(db, { userId, client: input.client, reportNewDevice: true, now })
  return { ok: true, userId, ...session }
}

function splitTransports(transports: string) {
  return transports ? transports.split(',') : []
}
