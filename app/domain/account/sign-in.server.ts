// Passwordless sign-in: an emailed link and a short code, both single use, stored only as
// hashes, valid for 10 minutes; a code allows a few wrong attempts, an account 100 wrong codes a
// day (NIST SP 800-63B's ceiling). First sign-in creates the account; every emailed sign-in turns
// staff invitations waiting for the address into roles; a sign-in from a browser the account has
// not used before is reported to its owner by email. Functions take the client so tests can use
// their own database.
import { isUniqueViolation, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { hitRateLimit, type RateLimitRule } from '#app/lib/rate-limit.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { createSession } from '#app/lib/session.server.ts'
import { formatShortDate, formatTime, zoneAbbreviation } from '#app/lib/time.ts'
import { digestsEqual, generateNumericCode, generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'
import { queueEmail } from '#app/domain/messages/queued-email.server.ts'
import { acceptStaffInvitations } from '#app/domain/events/staff-management.server.ts'

export const SIGN_IN_LIFETIME_MS = 10 * 60 * 1000
export const MAX_CODE_ATTEMPTS = 5
export const SIGN_IN_RATE_LIMITS = {
  /** One address asking for one account: a person retrying, or a script flooding them. */
  perEmailAndClient: { limit: 5, windowMs: 15 * 60 * 1000 },
  /** One account from anywhere: enough for a person on several devices, not a mail bomb. */
  perEmail: { limit: 20, windowMs: 60 * 60 * 1000 },
  /**
   * One client address: a venue's NAT puts hundreds of attendees behind one address, so this
   * is high; a script from one address still reaches at most this many accounts, and the
   * per-address-and-account limit above keeps it from locking out the people it targets.
   */
  perClient: { limit: 300, windowMs: 15 * 60 * 1000 },
  /** Wrong codes for one account, whatever the address, before codes stop working for the day. */
  failedCodesPerEmail: { limit: 100, windowMs: 24 * 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>

export type ClientInfo = { ipAddress?: string | null; userAgent?: string | null }

export type SignInFailure = 'invalid' | 'expired' | 'used' | 'wrong-code' | 'too-many-attempts' | 'account-locked' | 'no-code'

export const signInFailureMessages: Record<SignInFailure, string> = {
  invalid: 'This sign-in link is not valid. Request a new one below.',
  expired: 'This sign-in link or code has expired: they last 10 minutes. Request a new one.',
  used: 'This sign-in link has already been used. Request a new one if you need to sign in again.',
  'wrong-code': 'That code is not right. Use the code from the most recent email.',
  'too-many-attempts': 'Too many wrong codes. Request a new code.',
  'account-locked': 'Too many wrong codes for this address today. Sign in with the link in your latest email instead, or try again tomorrow.',
  'no-code': 'There is no active code for this address. Request a new one.',
}

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase()
}

export async function requestSignIn(
  db: Db,
  input: { email: string; redirectTo?: string | null; client?: ClientInfo; now?: Date },
): Promise<{ ok: true } | { ok: false; reason: 'rate-limited'; retryAfterMs: number }> {
  const now = input.now ?? new Date()
  const email = normaliseEmail(input.email)
  const address = input.client?.ipAddress || 'unknown'
  const limits = [
    hitRateLimit(db, rateLimitKeys.email(email), SIGN_IN_RATE_LIMITS.perEmail, now),
    hitRateLimit(db, `${rateLimitKeys.emailClientPrefix(email)}${address}`, SIGN_IN_RATE_LIMITS.perEmailAndClient, now),
  ]
  if (input.client?.ipAddress) {
    limits.push(hitRateLimit(db, `sign-in:client:${input.client.ipAddress}`, SIGN_IN_RATE_LIMITS.perClient, now))
  }
  const blocked = (await Promise.all(limits)).filter((result) => !result.allowed)
  if (blocked.length > 0) {
    return { ok: false, reason: 'rate-limited', retryAfterMs: Math.max(...blocked.map((result) => result.retryAfterMs)) }
  }

  const token = generateSecretToken()
  const code = generateNumericCode()
  const redirectTo = safeRedirectPath(input.redirectTo, '/account')
  const link = new URL(`/sign-in/link?token=${token}`, env.APP_URL).toString()
  await db.$transaction(async (tx) => {
    const row = await tx.signInToken.create({
      data: {
        email,
        tokenHash: hashSecret(token),
        codeHash: hashSecret(`${email}:${code}`),
        redirectTo,
        expiresAt: new Date(now.getTime() + SIGN_IN_LIFETIME_MS),
        createdAt: now,
      },
      select: { id: true },
    })
    await queueEmail(tx, {
      idempotencyKey: `sign-in:${row.id}`,
      kind: 'sign-in',
      to: { email },
      email: {
        template: 'sign-in',
        props: { code, link, expiresInMinutes: SIGN_IN_LIFETIME_MS / 60_000, requestedFrom: input.client ?? null },
      },
    })
  })
  return { ok: true }
}

/** `deviceToken` is the browser's long-lived device cookie: the one it sent, or a new one to set. */
type SignedIn = { ok: true; token: string; expiresAt: Date; redirectTo: string; userId: string; deviceToken: string }
/** Who is signing in: their address and browser, and the device cookie the browser sent, if any. */
export type SigningInClient = ClientInfo & { deviceToken?: string | null }
type SignInRefused = { ok: false; reason: SignInFailure; attemptsLeft?: number }

/** Looks a link token up without using it, for the confirmation page (mail scanners follow links). */
export async function inspectSignInLink(db: Db, token: string, now = new Date()) {
  const row = await findByToken(db, token)
  if (!row) return { ok: false as const, reason: 'invalid' as const }
  const refusal = refusalFor(row, now)
  if (refusal) return { ok: false as const, reason: refusal }
  return { ok: true as const, email: row.email }
}

export async function signInWithLink(db: Db, input: { token: string; client?: SigningInClient; now?: Date }): Promise<SignedIn | SignInRefused> {
  const now = input.now ?? new Date()
  const row = await findByToken(db, input.token)
  if (!row) return { ok: false, reason: 'invalid' }
  const refusal = refusalFor(row, now)
  if (refusal) return { ok: false, reason: refusal }
  return completeSignIn(db, row, input.client, now)
}

export async function signInWithCode(
  db: Db,
  input: { email: string; code: string; client?: SigningInClient; now?: Date },
): Promise<SignedIn | SignInRefused> {
  const now = input.now ?? new Date()
  const email = normaliseEmail(input.email)
  const row = await db.signInToken.findFirst({
    where: { email },
    orderBy: { createdAt: 'desc' },
    select: signInTokenSelect,
  })
  // Only the latest email's code counts: one live code per address keeps guessing hopeless.
  if (!row) return { ok: false, reason: 'no-code' }
  const refusal = refusalFor(row, now)
  if (refusal) return { ok: false, reason: refusal === 'used' ? 'no-code' : refusal }

  // Count the attempt before comparing, atomically, so parallel guesses cannot exceed the limit.
  const counted = await db.signInToken.updateMany({
    where: { id: row.id, consumedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  })
  if (counted.count === 0) return { ok: false, reason: 'too-many-attempts' }
  // Past the day's ceiling of wrong codes even the right one is refused: the link still works.
  if (await failedCodeCeilingReached(db, email, now)) return { ok: false, reason: 'account-locked' }
  if (!digestsEqual(hashSecret(`${email}:${input.code.trim()}`), row.codeHash)) {
    const failures = await hitRateLimit(db, failedCodesKey(email), SIGN_IN_RATE_LIMITS.failedCodesPerEmail, now)
    if (!failures.allowed) return { ok: false, reason: 'account-locked' }
    const attemptsLeft = MAX_CODE_ATTEMPTS - (row.attempts + 1)
    return attemptsLeft > 0 ? { ok: false, reason: 'wrong-code', attemptsLeft } : { ok: false, reason: 'too-many-attempts' }
  }
  return completeSignIn(db, row, input.client, now)
}

const signInTokenSelect = {
  id: true,
  email: true,
  codeHash: true,
  attempts: true,
  redirectTo: true,
  expiresAt: true,
  consumedAt: true,
  createdAt: true,
} as const

type SignInTokenRow = {
  id: string
  email: string
  codeHash: string
  attempts: number
  redirectTo: string | null
  expiresAt: Date
  consumedAt: Date | null
  createdAt: Date
}

/** The rate-limit counters kept under an address (and, for one of them, a client address). */
const rateLimitKeys = {
  email: (email: string) => `sign-in:email:${email}`,
  emailClientPrefix: (email: string) => `sign-in:email-client:${email}:`,
  failedCodes: (email: string) => `sign-in:failed-codes:${email}`,
}
const failedCodesKey = rateLimitKeys.failedCodes

/** Forgets every sign-in code, link and counter kept under an address (when its account is erased). */
export async function forgetSignInAddress(db: Db | DbTransaction, email: string) {
  await db.signInToken.deleteMany({ where: { email } })
  await db.rateLimitWindow.deleteMany({
    where: { OR: [{ key: rateLimitKeys.email(email) }, { key: rateLimitKeys.failedCodes(email) }, { key: { startsWith: rateLimitKeys.emailClientPrefix(email) } }] },
  })
}

async function failedCodeCeilingReached(db: Db, email: string, now: Date) {
  const rule = SIGN_IN_RATE_LIMITS.failedCodesPerEmail
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs)
  const window = await db.rateLimitWindow.findUnique({ where: { key_windowStart: { key: failedCodesKey(email), windowStart } }, select: { hits: true } })
  return (window?.hits ?? 0) >= rule.limit
}

function findByToken(db: Db, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return Promise.resolve(null)
  return db.signInToken.findUnique({ where: { tokenHash: hashSecret(token) }, select: signInTokenSelect })
}

function refusalFor(row: SignInTokenRow, now: Date): SignInFailure | null {
  if (row.consumedAt) return 'used'
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (row.attempts >= MAX_CODE_ATTEMPTS) return 'too-many-attempts'
  return null
}

async function completeSignIn(db: Db, row: SignInTokenRow, client: SigningInClient | undefined, now: Date): Promise<SignedIn | SignInRefused> {
  // Single use even when two tabs submit at once: only one conditional update wins.
  const consumed = await db.signInToken.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } })
  if (consumed.count === 0) return { ok: false, reason: 'used' }
  const { userId, created } = await findOrCreateUser(db, row.email)
  // Signing in with an address proves it: roles it was invited to become the person's now.
  await acceptStaffInvitations(db, { userId, email: row.email, now })
  const session = await openSignedInSession(db, { userId, client, reportNewDevice: !created, now })
  return { ok: true, ...session, redirectTo: row.redirectTo ?? '/account', userId }
}

/**
 * What every way of signing in ends with (emailed code or link, passkey): a new session, and
 * the browser remembered for the account (a notice email when it is new to an existing account).
 */
export async function openSignedInSession(
  db: Db,
  input: { userId: string; client: SigningInClient | undefined; reportNewDevice: boolean; now: Date },
): Promise<{ token: string; expiresAt: Date; deviceToken: string }> {
  const { userId, client, now } = input
  const session = await createSession(db, userId, client, now)
  const deviceToken = client?.deviceToken && /^[a-z2-7]{32}$/.test(client.deviceToken) ? client.deviceToken : generateSecretToken()
  await recordDevice(db, { userId, deviceToken, client, reportIfNew: input.reportNewDevice, now })
  return { token: session.token, expiresAt: session.expiresAt, deviceToken }
}

/**
 * Remembers the browser for the account; the first sign-in from one an existing account never
 * used queues a notice to its owner (once per device: the unique row decides under a race).
 */
async function recordDevice(db: Db, input: { userId: string; deviceToken: string; client: ClientInfo | undefined; reportIfNew: boolean; now: Date }) {
  const deviceHash = hashSecret(input.deviceToken)
  const userAgent = input.client?.userAgent?.slice(0, 300) ?? null
  const seen = await db.knownDevice.updateMany({ where: { userId: input.userId, deviceHash }, data: { lastSeenAt: input.now, userAgent } })
  if (seen.count > 0) return
  try {
    await db.$transaction(async (tx) => {
      const device = await tx.knownDevice.create({
        data: { userId: input.userId, deviceHash, userAgent, firstSeenAt: input.now, lastSeenAt: input.now },
        select: { id: true, user: { select: { email: true, name: true, timeZone: true } } },
      })
      if (!input.reportIfNew) return
      const { user } = device
      await queueEmail(tx, {
        idempotencyKey: `sign-in-notice:${device.id}`,
        kind: 'sign-in-notice',
        to: { email: user.email, name: user.name || null },
        email: {
          template: 'sign-in-notice',
          props: {
            recipientName: user.name || null,
            signedInAt: formatSignInMoment(input.now, user.timeZone),
            client: input.client ?? null,
            accountUrl: new URL('/account', env.APP_URL).toString(),
          },
        },
        userId: input.userId,
      })
    })
  } catch (error) {
    // The same browser finishing two sign-ins at once: the other one recorded it.
    if (!isUniqueViolation(error)) throw error
  }
}

function formatSignInMoment(at: Date, timeZone: string | null) {
  const zone = timeZone ?? 'UTC'
  return `${formatShortDate(at, zone)} at ${formatTime(at, zone)} (${zoneAbbreviation(at, zone)})`
}

async function findOrCreateUser(db: Db, email: string) {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } })
  if (existing) return { userId: existing.id, created: false }
  try {
    return { userId: (await db.user.create({ data: { email, name: '' }, select: { id: true } })).id, created: true }
  } catch (error) {
    // The same person finishing sign-in in two tabs at once: the other tab created the account.
    if (!isUniqueViolation(error)) throw error
    return { userId: (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id, created: false }
  }
}
