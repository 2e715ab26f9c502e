import { describe, expect, it } from 'vitest'
import { isCrossSiteMutation } from '#app/lib/origin-check.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { consoleHomePath, holdsAnyRole } from '#app/domain/events/roles.ts'

const post = (headers: Record<string, string>) => new Request('http://localhost:3000/sign-in', { method: 'POST', headers })

describe('isCrossSiteMutation', () => {
  it('lets same-origin posts and every GET through', () => {
    expect(isCrossSiteMutation(post({ Origin: 'http://localhost:3000' }))).toBe(false)
    expect(isCrossSiteMutation(post({ 'Sec-Fetch-Site': 'same-origin' }))).toBe(false)
    expect(isCrossSiteMutation(new Request('http://localhost:3000/', { headers: { Origin: 'https://evil.example' } }))).toBe(false)
  })
  it('rejects posts from another origin, another site, or with nothing to tell', () => {
    expect(isCrossSiteMutation(post({ Origin: 'https://evil.example' }))).toBe(true)
    expect(isCrossSiteMutation(post({ Origin: 'http://localhost:3001' }))).toBe(true)
    expect(isCrossSiteMutation(post({ Origin: 'null' }))).toBe(true)
    expect(isCrossSiteMutation(post({ 'Sec-Fetch-Site': 'cross-site' }))).toBe(true)
    expect(isCrossSiteMutation(post({}))).toBe(true)
    expect(isCrossSiteMutation(new Request('http://localhost:3000/x', { method: 'DELETE', headers: { Origin: 'https://evil.example' } }))).toBe(true)
  })
})

describe('safeRedirectPath', () => {
  it('keeps same-site paths and refuses anything else', () => {
    expect(safeRedirectPath('/events/a?b=1#c')).toBe('/events/a?b=1#c')
    for (const hostile of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeRedirectPath(hostile, '/account')).toBe('/account')
    }
  })

  it('judges the path the browser will follow, after dot segments and escapes collapse', () => {
    const hostile = ['/.//evil.example', '/./\\evil.example', '/%2e//evil.example', '/%2E//evil.example', '/a/..//evil.example', '/a/%2e%2e//evil.example', '/\t/evil.example', '/\n/evil.example', '/./%5cevil.example/..//x']
    for (const target of hostile) {
      const result = safeRedirectPath(target, '/account')
      expect(result.startsWith('//') || result.startsWith('/\\'), `${target} -> ${result}`).toBe(false)
    }
    for (const target of hostile.slice(0, 6)) expect(safeRedirectPath(target, '/account'), target).toBe('/account')
    // What it returns is safe again when checked a second time, at redirect time.
    for (const target of ['/events/a/../b?x=1', '/./events', ...hostile]) {
      const once = safeRedirectPath(target, '/account')
      expect(safeRedirectPath(once, '/fallback')).toBe(once)
    }
    expect(safeRedirectPath('/events/a/../b?x=1')).toBe('/events/b?x=1')
  })
})

describe('holdsAnyRole', () => {
  it('lets higher roles do what lower ones can, not the reverse', () => {
    expect(holdsAnyRole(['OWNER'], ['CHECK_IN'])).toBe(true)
    expect(holdsAnyRole(['ORGANISER'], ['VETTING_OFFICER'])).toBe(true)
    expect(holdsAnyRole(['ORGANISER'], ['OWNER'])).toBe(false)
    expect(holdsAnyRole(['VETTING_OFFICER'], ['ORGANISER'])).toBe(false)
    expect(holdsAnyRole(['CHECK_IN', 'VETTING_OFFICER'], ['CHECK_IN'])).toBe(true)
    expect(holdsAnyRole([], ['CHECK_IN'])).toBe(false)
  })
})

describe('consoleHomePath', () => {
  it('sends each role to the first console page it may open', () => {
    expect(consoleHomePath('x', ['OWNER'])).toBe('/events/x/manage')
    expect(consoleHomePath('x', ['ORGANISER'])).toBe('/events/x/manage')
    expect(consoleHomePath('x', ['VETTING_OFFICER'])).toBe('/events/x/manage/vetting')
    expect(consoleHomePath('x', ['CHECK_IN'])).toBe('/events/x/manage/check-in')
    expect(consoleHomePath('x', ['CHECK_IN', 'VETTING_OFFICER'])).toBe('/events/x/manage/vetting')
    expect(consoleHomePath('x', [], true)).toBe('/events/x/manage')
    expect(consoleHomePath('x', [])).toBe('/events/x')
  })
})
