// A layout's middleware signs the person in for all of its pages, so it also hands the browser
// the renewed session cookie (sliding expiry) that signing in produced, once.
import type { Authenticated } from './auth.server.ts'

export function withSessionCookie(response: Response, authenticated: Pick<Authenticated, 'headers'>) {
  const present = new Set(response.headers.getSetCookie())
  for (const cookie of authenticated.headers.getSetCookie()) if (!present.has(cookie)) response.headers.append('Set-Cookie', cookie)
  return response
}
