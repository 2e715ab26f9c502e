// HTTP headers that keep pages from being framed, sniffed, leaked through Referer or cached
// where they should not be. server.js sets the static ones on every response; the document
// renderer adds the Content-Security-Policy with a fresh nonce for React Router's scripts.
import { env } from './env.server.ts'

/** Headers for every response, pages and static files alike. */
export function staticSecurityHeaders(): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Only our own pages learn where a visitor came from: links to speakers' and organisations'
    // sites never carry a sign-in or feed token in the Referer.
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=()',
    ...(env.APP_URL.startsWith('https://') ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/**
 * Scripts run only from this origin or with this response's nonce; nothing may frame a page.
 * Style attributes stay allowed (a few components position elements with them); images may
 * come from https (speakers' photos are https addresses organisers enter).
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Pages whose address or content carries a secret (a sign-in link, feed links): no Referer at all. */
export function carriesTokens(pathname: string) {
  return pathname.startsWith('/sign-in/link') || pathname.startsWith('/account/calendar') || pathname.startsWith('/calendar/feeds/')
}

/**
 * Responses for a signed-in person, and the sign-in and mailbox pages (codes, links), are never
 * stored by a browser or a proxy: a shared computer or a CDN must not replay them.
 */
export function mustNotBeStored(pathname: string, cookieHeader: string | null, sessionCookieName: string) {
  if (pathname.startsWith('/sign-in') || pathname.startsWith('/dev/mailbox')) return true
  return (cookieHeader ?? '').split(';').some((pair) => pair.trim().startsWith(`${sessionCookieName}=`))
}
