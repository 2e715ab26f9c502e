// Sessions as Lucia recommends: a random token in an HttpOnly cookie, only its SHA-256 in the
// database, sliding expiry. Functions take the client so tests can use their own database.
import type { Db } from './db-client.server.ts'
import { env } from './env.server.ts'
import { generateSecretToken, hashSecret } from './tokens.server.ts'

export const SESSION_COOKIE_NAME = 'muster_session'
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** A session used with less than this left is extended to a full lifetime again. */
const SESSION_RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2

// Never anything sensitive here: this is what every loader may see about the signed-in person.
export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  isPlatformAdmin: true,
} as const

export type SessionUser = { id: string; email: string; name: string; isPlatformAdmin: boolean }
export type ValidSession = { sessionId: string; expiresAt: Date; renewed: boolean; user: SessionUser }

export async function createSession(
  db: Db,
  userId: string,
  client: { userAgent?: string | null; ipAddress?: string | null } = {},
  now = new Date(),
) {
  const token = generateSecretToken()
  const session = await db.session.create({
    data: {
      id: hashSecret(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      createdAt: now,
      lastSeenAt: now,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ipAddress: client.ipAddress ?? null,
    },
    select: { id: true, expiresAt: true },
  })
  return { token, sessionId: session.id, expiresAt: session.expiresAt }
}

/** The session a cookie token belongs to, extended when past half its life; null when unknown or expired. */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const sessionId = hashSecret(token)
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { ...sessionUserSelect, erasedAt: true } } },
  })
  if (!session || session.user.erasedAt) return null
  if (session.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  const { erasedAt: _erasedAt, ...user } = session.user
  if (session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WHEN_LEFT_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
    await db.session.update({ where: { id: sessionId }, data: { expiresAt, lastSeenAt: now }, select: { id: true } })
    return { sessionId, expiresAt, renewed: true, user }
  }
  return { sessionId, expiresAt: session.expiresAt, renewed: false, user }
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } })
}

export async function invalidateUserSessions(db: Db, userId: string) {
  await db.session.deleteMany({ where: { userId } })
}

/** Cookies are Secure whenever the app is served over HTTPS (production). */
const secureCookies = env.APP_URL.startsWith('https://')

export function sessionCookie(token: string, expiresAt: Date) {
  return serializeCookie(SESSION_COOKIE_NAME, token, { expires: expiresAt })
}

export function expiredSessionCookie() {
  return serializeCookie(SESSION_COOKIE_NAME, '', { maxAge: 0 })
}

export function serializeCookie(name: string, value: string, lifetime: { expires?: Date; maxAge?: number }) {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (lifetime.expires) parts.push(`Expires=${lifetime.expires.toUTCString()}`)
  if (lifetime.maxAge !== undefined) parts.push(`Max-Age=${lifetime.maxAge}`)
  if (secureCookies) parts.push('Secure')
  return parts.join('; ')
}

export function readCookie(request: Request, name: string) {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const pair of header.split(';')) {
    const [rawName, ...rest] = pair.trim().split('=')
    if (rawName === name) return decodeURIComponent(rest.join('='))
  }
  return null
}
