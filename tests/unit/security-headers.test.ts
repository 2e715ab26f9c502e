// The header rules (app/lib/security-headers.server.ts): which responses must never be stored,
// and a policy that allows scripts only with the response's nonce and forbids framing.
import { describe, expect, it } from 'vitest'
import { carriesTokens, contentSecurityPolicy, mustNotBeStored, staticSecurityHeaders } from '#app/lib/security-headers.server.ts'


describe('security headers', () => {
  it('never stores sign-in and mailbox pages, nor anything sent to a browser holding a session', () => {
    expect(mustNotBeStored('/sign-in/link', null, 'muster_session')).toBe(true)
    expect(mustNotBeStored('/sign-in/verify', null, 'muster_session')).toBe(true)
    expect(mustNotBeStored('/dev/mailbox', null, 'muster_session')).toBe(true)
    expect(mustNotBeStored('/events/x', 'theme=dark; muster_session=abc', 'muster_session')).toBe(true)
    expect(mustNotBeStored('/events/x', null, 'muster_session')).toBe(false)
    expect(mustNotBeStored('/events/x', 'not_muster_session=abc', 'muster_session')).toBe(false)
  })

  it('sends no Referer at all from pages that carry a sign-in or feed token', () => {
    for (const path of ['/sign-in/link', '/account/calendar', '/calendar/feeds/abc.ics']) expect(carriesTokens(path), path).toBe(true)
    for (const path of ['/events/x', '/account', '/sign-in']) expect(carriesTokens(path), path).toBe(false)
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
