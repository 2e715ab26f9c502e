// Sessions as Lucia recommends: a random token in an HttpOnly cookie, only its SHA-256 in the
// database, sliding expiry. Functions take the client so tests can use their own database.
import { writeUnlessBusy, type Db } from './db-client.server.ts'
import { env } from './env.server.ts'
import { generateSecretToken, hashSecret } from './tokens.server.ts'

/** Cookies are Secure whenever the app is served over HTTPS (production). */
const secureCookies = env.APP_URL.startsWith('https://')

/**
 * Under https a cookie's name carries the __Host- prefix: browsers then accept it only when
 * Secure, for the whole site and from this host, so a sibling subdomain cannot plant one.
 */
export function cookieName(name: string) {
  return secureCookies ? `__Host-${name}` : name
}

export const SESSION_COOKIE_NAME = cookieName('muster_session')
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** A session used with less than this left is extended to a full lifetime again. */
const SESSION_RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2
/**
 * Sessions of people who hold an event role (or administer the platform) open vetting records,
 * exports and decisions: they end after 30 minutes unused and 12 hours after signing in,
 * whatever the cookie says (OWASP ASVS 3.3.2 for level 2).
 */
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000
export const STAFF_SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
/** How stale lastSeenAt may get before a request writes it again (idle expiry needs it). */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000

// Never anything sensitive here: this is what every loader may see about the signed-in person.
export type SessionUser = { id: string; email: string; name: string; isPlatformAdmin: boolean; isEventCreator: boolean }
export type ValidSession = { sessionId: string; expiresAt: Date; renewed: boolean; signedInAt: Date; user: SessionUser }

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

/**
 * The session a cookie token belongs to, extended when past half its life; null when unknown,
 * expired, or a staff session past its idle or absolute limit.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const sessionId = hashSecret(token)
  const session = await findSessionWithUser(db, sessionId)
  if (!session || session.user.erasedAt) return null
  const { erasedAt: _erasedAt, ...user } = session.user
  const isStaff = user.isPlatformAdmin || user.isEventCreator || session.holdsEventRole
  const ended =
    session.expiresAt.getTime() <= now.getTime() ||
    (isStaff && (now.getTime() - session.lastSeenAt.getTime() > STAFF_SESSION_IDLE_MS || now.getTime() - session.createdAt.getTime() > STAFF_SESSION_ABSOLUTE_MS))
  // These writes keep the table tidy and the expiry sliding; every signed-in request makes them, so
  // a database too busy to take one in time must not turn a page into an error. A row left behind
  // is removed by the next request; a session not renewed now is renewed by the next one.
  if (ended) {
    await writeUnlessBusy(() => db.session.deleteMany({ where: { id: sessionId } }))
    return null
  }
  const renew = session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WHEN_LEFT_MS
  const expiresAt = renew ? new Date(now.getTime() + SESSION_LIFETIME_MS) : session.expiresAt
  if (renew || now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    const written = await writeUnlessBusy(() => db.session.updateMany({ where: { id: sessionId }, data: { expiresAt, lastSeenAt: now } }))
    // The cookie must not outlive its row.
    if (!written) return { sessionId, expiresAt: session.expiresAt, renewed: false, signedInAt: session.createdAt, user }
  }
  return { sessionId, expiresAt, renewed: renew, signedInAt: session.createdAt, user }
}

type SessionWithUserRow = {
  expiresAt: Date | string
  createdAt: Date | string
  lastSeenAt: Date | string
  id: string
  email: string
  name: string
  isPlatformAdmin: boolean | number | bigint
  isEventCreator: boolean | number | bigint
  erasedAt: Date | string | null
  holdsEventRole: boolean | number | bigint
}

/**
 * The session, its person (SessionUser's fields and whether they were erased) and whether
 * they hold any event role, in one statement: every signed-in request asks this. Prisma's nested
 * read took three statements on SQLite; bench/session-check.ts measured 160-167 µs a call for it
 * against 30-38 µs for this one (on PostgreSQL 407-487 µs against 138-161 µs). Prepared once per
 * PostgreSQL connection (db-client.server.ts).
 */
async function findSessionWithUser(db: Db, sessionId: string) {
  const [row] = await db.$queryRaw<SessionWithUserRow[]>`-- prepared: session-with-user
    SELECT s."expiresAt", s."createdAt", s."lastSeenAt",
      u."id", u."email", u."name", u."isPlatformAdmin", u."isEventCreator", u."erasedAt",
      EXISTS (SELECT 1 FROM "EventRole" r WHERE r."userId" = u."id") AS "holdsEventRole"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`
  if (!row) return null
  // SQLite answers booleans as 0/1 where it cannot tell the column's type (the EXISTS).
  const flag = (value: boolean | number | bigint) => value === true || Number(value) === 1
  const user: SessionUser & { erasedAt: Date | null } = {
    id: row.id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: flag(row.isPlatformAdmin),
    isEventCreator: flag(row.isEventCreator),
    erasedAt: row.erasedAt === null ? null : new Date(row.erasedAt),
  }
  return { expiresAt: new Date(row.expiresAt), createdAt: new Date(row.createdAt), lastSeenAt: new Date(row.lastSeenAt), holdsEventRole: flag(row.holdsEventRole), user }
}

/** Ends the session a cookie token belongs to (a new sign-in in the same browser replaces it). */
export async function invalidateSessionToken(db: Db, token: string) {
  if (/^[a-z2-7]{32}$/.test(token)) await invalidateSession(db, hashSecret(token))
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } })
}

export async function invalidateUserSessions(db: Db, userId: string) {
  await db.session.deleteMany({ where: { userId } })
}

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
    if (rawName !== name) continue
    try {
      return decodeURIComponent(rest.join('='))
    } catch {
      return null // a malformed escape is no cookie of ours
    }
  }
  return null
}
