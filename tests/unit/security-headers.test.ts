// The header rules (app/lib/security-headers.server.ts): which responses must never be stored,
// and a policy that allows scripts only with the response's nonce and forbids framing.
import { describe, expect, it } from 'vitest'
import { carriesTokens, contentSecurityPolicy, mustNotBeStored, staticSecurityHeaders } from '#app/lib/security-headers.server.ts'

const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} })

describe('security headers', () => {
  it('never stores sign-in and mailbox pages, nor anything sent to a browser holding a session', () => {
    expect(mustNotBeStored(request('/sign-in/link?token=x'), 'muster_session')).toBe(true)
    expect(mustNotBeStored(request('/sign-in/verify'), 'muster_session')).toBe(true)
    expect(mustNotBeStored(request('/dev/mailbox'), 'muster_session')).toBe(true)
    expect(mustNotBeStored(request('/events/x', 'theme=dark; muster_session=abc'), 'muster_session')).toBe(true)
    expect(mustNotBeStored(request('/events/x'), 'muster_session')).toBe(false)
    expect(mustNotBeStored(request('/events/x', 'not_muster_session=abc'), 'muster_session')).toBe(false)
  })

  it('sends no Referer at all from pages that carry a sign-in or feed token', () => {
    for (const path of ['/sign-in/link?token=x', '/account/calendar', '/calendar/feeds/abc.ics']) expect(carriesTokens(request(path)), path).toBe(true)
    for (const path of ['/events/x', '/account', '/sign-in']) expect(carriesTokens(request(path)), path).toBe(false)
  })

  it('allows scripts only with the nonce, and no framing, plugins or base-tag tricks', () => {
    const policy = contentSecurityPolicy('n0nce')
    expect(policy).toContain("script-src 'self' 'nonce-n0nce'")
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/)
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(policy).toContain(directive)
  })

  it('sends the static headers, and HSTS only when the app is served over https', () => {
    expect(staticSecurityHeaders()).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' })
    expect(staticSecurityHeaders()).not.toHaveProperty('Strict-Transport-Security')
  })
})
