// Security events are JSON log lines with the request's id and client address, the path without
// its query (tokens travel in query strings), and never an email address.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readForm } from '#app/lib/form.server.ts'
import { emailFingerprint, logger, logSecurityEvent, pathForLog } from '#app/lib/log.server.ts'
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from '#app/lib/request.server.ts'
import { z } from 'zod'

const spies: { mockRestore: () => void }[] = []
afterEach(() => spies.splice(0).forEach((spy) => spy.mockRestore()))
const spyOn = (level: 'warn' | 'info') => {
  const spy = vi.spyOn(logger, level).mockImplementation(() => undefined)
  spies.push(spy)
  return spy
}

const headers = { [REQUEST_ID_HEADER]: 'req-1', [CLIENT_ADDRESS_HEADER]: '192.0.2.9' }

describe('security log', () => {
  it('writes refusals as warnings with the request id, the address and the bare path', () => {
    const warn = spyOn('warn')
    const request = new Request('http://localhost/sign-in/link?token=secretsecretsecretsecretsecret22', { method: 'POST', headers })
    logSecurityEvent(request, 'sign-in.failed', { via: 'link', reason: 'used' })
    expect(warn).toHaveBeenCalledWith(
      { event: 'sign-in.failed', requestId: 'req-1', clientAddress: '192.0.2.9', method: 'POST', path: '/sign-in/link', via: 'link', reason: 'used' },
      'sign-in.failed',
    )
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret')
  })

  it('writes reads of sensitive data as information', () => {
    const info = spyOn('info')
    logSecurityEvent(new Request('http://localhost/events/x/manage/vetting/r1', { headers }), 'vetting-record.viewed', { userId: 'u1', registrationId: 'r1' })
    expect(info.mock.calls[0]![0]).toMatchObject({ event: 'vetting-record.viewed', userId: 'u1', registrationId: 'r1', requestId: 'req-1' })
  })

  it('names a person by a fingerprint of their address, the same for every spelling', () => {
    expect(emailFingerprint('Ada@Example.org ')).toBe(emailFingerprint('ada@example.org'))
    expect(emailFingerprint('ada@example.org')).toMatch(/^[0-9a-f]{16}$/)
    expect(emailFingerprint('ada@example.org')).not.toBe(emailFingerprint('bob@example.org'))
  })

  it('logs every refused form with its status and reason', async () => {
    const warn = spyOn('warn')
    const request = new Request('http://localhost/sign-in', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=x&x%5B100000000%5D=1',
    })
    await expect(readForm(request, z.object({ email: z.string() }))).rejects.toMatchObject({ init: { status: 400 } })
    expect(warn.mock.calls[0]![0]).toMatchObject({ event: 'form.refused', status: 400, reason: 'The form has a field this page does not know.', path: '/sign-in' })
  })

  it('leaves the secret of a feed or unsubscribe link out of the path it logs, and every other path as it is', () => {
    const info = spyOn('info')
    logSecurityEvent(new Request('http://localhost/unsubscribe/abcdefghijklmnopqrstuvwxyz234567', { headers }), 'export.downloaded')
    expect(info.mock.calls[0]![0]).toMatchObject({ path: '/unsubscribe/[secret]' })
    expect(pathForLog('/calendar/feeds/abcdefghijklmnopqrstuvwxyz234567.ics')).toBe('/calendar/feeds/[secret].ics')
    expect(pathForLog('/calendar/feeds/anything-at-all')).toBe('/calendar/feeds/[secret].ics')
    for (const path of ['/events/industry-day/calendar.ics', '/calendar/feeds', '/unsubscribe', '/events/x/unsubscribe/y']) expect(pathForLog(path)).toBe(path)
  })
})
