// The one place that decides who is signed in and what they may do. Helpers throw: a
// redirect to sign-in for anonymous visitors, a 403 for signed-in people without the role.
import { redirect } from 'react-router'
import { db } from './db.server.ts'
import { oncePerRequest } from './request.server.ts'
import {
  SESSION_COOKIE_NAME,
  readCookie,
  sessionCookie,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from './session.server.ts'

export type Authenticated = { user: SessionUser; sessionId: string; signedInAt: Date; headers: Headers }

/** Bulk decisions and exports need a sign-in this recent: a session left open is not enough. */
export const RECENT_SIGN_IN_MS = 15 * 60 * 1000

// One validation per request, however many loaders ask.
const sessionsByRequest = new WeakMap<Request, Promise<ValidSession | null>>()

function sessionFor(request: Request) {
  let session = sessionsByRequest.get(request)
  if (!session) {
    const token = readCookie(request, SESSION_COOKIE_NAME)
    session = token ? validateSessionToken(db, token) : Promise.resolve(null)
    sessionsByRequest.set(request, session)
  }
  return session
}

/** The signed-in person, or null. `headers` carries a renewed cookie when the session slid. */
export async function getAuthenticated(request: Request): Promise<Authenticated | null> {
  const session = await sessionFor(request)
  if (!session) return null
  const headers = new Headers()
  if (session.renewed) {
    const token = readCookie(request, SESSION_COOKIE_NAME)
    if (token) headers.append('Set-Cookie', sessionCookie(token, session.expiresAt))
  }
  return { user: session.user, sessionId: session.sessionId, signedInAt: session.signedInAt, headers }
}

/**
 * What every page's site header shows of the visitor (the root loader): only whether someone is
 * signed in, never who, so a page is the same for every signed-in person who stands where this
 * one does and can be rendered once for all of them (decision 027). With the renewed cookie, if
 * any, that the answer must set.
 */
export const siteHeaderViewerFor = oncePerRequest(async ({ request }) => {
  const authenticated = await getAuthenticated(request)
  return { viewer: { signedIn: authenticated !== null }, renewedCookies: authenticated?.headers.getSetCookie() ?? [] }
})

export function signInPath(request: Request) {
  const url = new URL(request.url)
  // Client-side navigations load data from "<path>.data?_routes=…"; the way back is the page itself.
  const pathname = url.pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
  url.searchParams.delete('_routes')
  const search = url.searchParams.size > 0 ? `?${url.searchParams}` : ''
  return `/sign-in?${new URLSearchParams({ redirectTo: `${pathname}${search}` })}`
}

/**
 * Before an action that exposes or changes much at once (bulk vetting decisions, exports): the
 * person must have signed in within RECENT_SIGN_IN_MS, or confirm it is them with a new code.
 */
export function requireRecentSignIn(request: Request, authenticated: Authenticated, now = new Date()) {
  if (now.getTime() - authenticated.signedInAt.getTime() <= RECENT_SIGN_IN_MS) return
  const redirectTo = new URL(signInPath(request), 'http://muster.invalid').searchParams.get('redirectTo') ?? '/'
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo, confirm: '1' })}`)
}

/** requireUser for pages that show or change much at once about the person: a recent sign-in. */
export async function requireRecentUser(request: Request): Promise<Authenticated> {
  const authenticated = await requireUser(request)
  requireRecentSignIn(request, authenticated)
  return authenticated
}

export async function requireUser(request: Request): Promise<Authenticated> {
  const authenticated = await getAuthenticated(request)
  if (!authenticated) throw redirect(signInPath(request))
  return authenticated
}
