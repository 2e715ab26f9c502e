// The cookies of signing in: which address a sign-in code was sent to (15 minutes, so the code
// page needs no email in its URL: URLs end up in logs and browser history), the browser's device
// id, the WebAuthn ceremony's challenge, and the one way every sign-in ends in the browser.
import { redirectDocument } from 'react-router'
import { db } from './db.server.ts'
import { cookieName, invalidateSessionToken, readCookie, SESSION_COOKIE_NAME, serializeCookie, sessionCookie } from './session.server.ts'

const PENDING_SIGN_IN_COOKIE = cookieName('muster_sign_in_email')

export function pendingSignInCookie(email: string) {
  return serializeCookie(PENDING_SIGN_IN_COOKIE, encodeURIComponent(email), { maxAge: 15 * 60 })
}

export function clearPendingSignInCookie() {
  return serializeCookie(PENDING_SIGN_IN_COOKIE, '', { maxAge: 0 })
}

export function readPendingSignInEmail(request: Request) {
  return readCookie(request, PENDING_SIGN_IN_COOKIE)
}

const DEVICE_COOKIE = cookieName('muster_device')
/** Browsers cap a cookie's life at 400 days; signing in again renews it. */
const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60

/** The random id this browser was given at an earlier sign-in, so a new browser can be told apart. */
export function readDeviceToken(request: Request) {
  return readCookie(request, DEVICE_COOKIE)
}

export function deviceCookie(deviceToken: string) {
  return serializeCookie(DEVICE_COOKIE, deviceToken, { maxAge: DEVICE_COOKIE_MAX_AGE_S })
}

const WEBAUTHN_CHALLENGE_COOKIE = cookieName('muster_webauthn')

/** The random token naming a pending passkey ceremony's challenge (five minutes, like the challenge). */
export function webAuthnChallengeCookie(token: string) {
  return serializeCookie(WEBAUTHN_CHALLENGE_COOKIE, token, { maxAge: 5 * 60 })
}

export function clearWebAuthnChallengeCookie() {
  return serializeCookie(WEBAUTHN_CHALLENGE_COOKIE, '', { maxAge: 0 })
}

export function readWebAuthnChallengeToken(request: Request) {
  return readCookie(request, WEBAUTHN_CHALLENGE_COOKIE)
}

/**
 * The end of every way of signing in (code, link, passkey): the browser's earlier session ends
 * (confirming before a sensitive action replaces it), the new session and device cookies are set
 * with `alsoSet` (cookies the way in leaves behind, cleared), and the way back loads as a whole
 * document: it may be a file (an export after confirming), and every loader must see the session.
 */
export async function finishBrowserSignIn(
  request: Request,
  signedIn: { token: string; expiresAt: Date; deviceToken: string },
  redirectTo: string,
  alsoSet: readonly string[] = [],
) {
  const previousToken = readCookie(request, SESSION_COOKIE_NAME)
  if (previousToken) await invalidateSessionToken(db, previousToken)
  const headers = new Headers()
  headers.append('Set-Cookie', sessionCookie(signedIn.token, signedIn.expiresAt))
  for (const cookie of alsoSet) headers.append('Set-Cookie', cookie)
  headers.append('Set-Cookie', deviceCookie(signedIn.deviceToken))
  return redirectDocument(redirectTo, { headers })
}
