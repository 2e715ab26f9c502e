// Remembers, for 15 minutes, which address a sign-in code was sent to, so the code page
// needs no email in its URL (URLs end up in logs and browser history).
import { cookieName, readCookie, serializeCookie } from './session.server.ts'

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
