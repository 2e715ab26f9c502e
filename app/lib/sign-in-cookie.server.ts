// Remembers, for 15 minutes, which address a sign-in code was sent to, so the code page
// needs no email in its URL (URLs end up in logs and browser history).
import { readCookie, serializeCookie } from './session.server.ts'

const PENDING_SIGN_IN_COOKIE = 'muster_sign_in_email'

export function pendingSignInCookie(email: string) {
  return serializeCookie(PENDING_SIGN_IN_COOKIE, encodeURIComponent(email), { maxAge: 15 * 60 })
}

export function clearPendingSignInCookie() {
  return serializeCookie(PENDING_SIGN_IN_COOKIE, '', { maxAge: 0 })
}

export function readPendingSignInEmail(request: Request) {
  return readCookie(request, PENDING_SIGN_IN_COOKIE)
}
