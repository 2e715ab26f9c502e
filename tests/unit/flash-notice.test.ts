// The flash notice: a redirect leaves one of a fixed list of notices in a short-lived cookie; the
// next page reads it once. Anything else in that cookie (forged, truncated, oversized) shows nothing.
import { describe, expect, it } from 'vitest'
import { describeNotice, FlashNoticeSchema, type FlashNotice } from '#app/lib/flash-notice.ts'
import { FLASH_NOTICE_COOKIE, redirectWithNotice, takeFlashNotice } from '#app/lib/flash-notice.server.ts'

function requestWithCookie(value: string) {
  return new Request('http://localhost/events/x/meetings', { headers: { Cookie: `other=1; ${FLASH_NOTICE_COOKIE}=${value}` } })
}

function cookieValueOf(response: Response) {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${FLASH_NOTICE_COOKIE}=`))!
  return line.split(';')[0]!.slice(FLASH_NOTICE_COOKIE.length + 1)
}

const everyNotice: FlashNotice[] = [
  { key: 'meeting-requested' },
  { key: 'meeting-accepted' },
  { key: 'request-declined' },
  { key: 'request-withdrawn' },
  { key: 'times-proposed' },
  { key: 'meeting-cancelled' },
  { key: 'meeting-moved' },
  { key: 'session-created' },
  { key: 'session-saved', notified: 0 },
  { key: 'session-saved', notified: 1 },
  { key: 'session-cancelled', notified: 3341 },
  { key: 'profile-saved', recommendationsPath: '/events/counter-uas-industry-day-2027/matchmaking' },
  { key: 'sign-up-refused', reason: 'started' },
]

describe('flash notices', () => {
  it.each(everyNotice)('round-trips %j through the redirect and the next request, then clears it', (notice) => {
    const response = redirectWithNotice('/events/x/meetings', notice)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/events/x/meetings')
    const setCookie = response.headers.getSetCookie()[0]!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Max-Age=120/)

    const taken = takeFlashNotice(requestWithCookie(cookieValueOf(response)))
    expect(taken.notice).toEqual(notice)
    expect(taken.headers.getSetCookie()[0]).toMatch(new RegExp(`^${FLASH_NOTICE_COOKIE}=; .*Max-Age=0`))
    expect(describeNotice(taken.notice!).text.length).toBeGreaterThan(5)
  })

  it('says what happened in words, with counts in the right number', () => {
    expect(describeNotice({ key: 'session-saved', notified: 0 }).text).toBe('Changes saved. Nobody had to be told.')
    expect(describeNotice({ key: 'session-saved', notified: 1 }).text).toBe('Changes saved. 1 person will get an email with the change and an updated invite.')
    expect(describeNotice({ key: 'session-cancelled', notified: 3341 }).text).toBe(
      'Session cancelled. 3,341 people will get the cancellation with an updated calendar entry.',
    )
    expect(describeNotice({ key: 'sign-up-refused', reason: 'started' })).toMatchObject({ tone: 'danger', text: 'This session has already started.' })
    expect(describeNotice({ key: 'profile-saved', recommendationsPath: '/events/a/matchmaking' }).link).toEqual({ to: '/events/a/matchmaking', label: 'See who to meet' })
  })

  it('shows nothing, and clears the cookie, for anything that is not a notice of the list', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const hostile = [
      encode({ key: 'account-suspended', text: 'Call +1 555 0100' }),
      encode({ key: 'profile-saved', recommendationsPath: 'https://evil.example/phish' }),
      encode({ key: 'session-saved', notified: -1 }),
      encode({ key: 'session-saved', notified: 1e12 }),
      encode({ key: 'sign-up-refused', reason: '<script>' }),
      encode('meeting-moved'),
      'not base64 at all!',
      '%E0%A4%A',
      encode({ key: 'meeting-moved', padding: 'x'.repeat(2000) }),
    ]
    for (const value of hostile) {
      const taken = takeFlashNotice(requestWithCookie(value))
      expect(taken.notice, value.slice(0, 40)).toBeNull()
      expect(taken.headers.getSetCookie()).toHaveLength(1)
    }
    expect(takeFlashNotice(new Request('http://localhost/')).headers.getSetCookie()).toEqual([])
  })

  it('refuses to write a notice outside the list', () => {
    expect(() => redirectWithNotice('/x', { key: 'profile-saved', recommendationsPath: '//evil.example' } as FlashNotice)).toThrow()
    expect(FlashNoticeSchema.safeParse({ key: 'nope' }).success).toBe(false)
  })
})
