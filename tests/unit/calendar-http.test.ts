// Conditional GETs for calendar files: a matching validator is answered 304 without
// rendering; everything else renders once.
import { describe, expect, it, vi } from 'vitest'
import { calendarNotFound, calendarResponse, type CalendarResource } from '#app/lib/calendar-http.server.ts'

const ETAG = '"k3Tq9Yb2"'
const LAST_MODIFIED = new Date('2027-03-01T10:15:30.750Z')

function resource() {
  const render = vi.fn(async () => ({ ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', filename: 'agenda.ics' }))
  const calendar: CalendarResource = { etag: ETAG, lastModified: LAST_MODIFIED, render }
  return { calendar, render }
}

const get = (headers: HeadersInit = {}) => new Request('http://localhost/calendar.ics', { headers })

describe('calendarResponse', () => {
  it('renders once and sends the file with its validators', async () => {
    const { calendar, render } = resource()
    const response = await calendarResponse(get(), calendar, { caching: 'public', disposition: 'inline' })
    expect(response.status).toBe(200)
    expect(render).toHaveBeenCalledTimes(1)
    expect(Object.fromEntries(response.headers)).toEqual({
      etag: ETAG,
      'last-modified': 'Mon, 01 Mar 2027 10:15:30 GMT',
      'cache-control': 'public, max-age=300',
      vary: 'Accept-Encoding',
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="agenda.ics"',
    })
    expect(await response.text()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')
  })

  it('keeps private files out of shared caches and revalidated before every reuse, and passes extra headers on', async () => {
    const { calendar } = resource()
    const response = await calendarResponse(get(), calendar, {
      caching: 'private',
      disposition: 'attachment',
      headers: new Headers({ 'Set-Cookie': 'session=renewed' }),
    })
    expect(response.headers.get('Cache-Control')).toBe('private, no-cache')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="agenda.ics"')
    expect(response.headers.get('Set-Cookie')).toBe('session=renewed')
  })

  it.each([
    ['the same ETag', { 'If-None-Match': ETAG }],
    ['the ETag among others, weak or not', { 'If-None-Match': `"older", W/${ETAG}` }],
    ['any ETag', { 'If-None-Match': '*' }],
    ['a matching ETag, whatever If-Modified-Since says', { 'If-None-Match': ETAG, 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' }],
    ['the Last-Modified date', { 'If-Modified-Since': 'Mon, 01 Mar 2027 10:15:30 GMT' }],
    ['a later date', { 'If-Modified-Since': 'Tue, 02 Mar 2027 00:00:00 GMT' }],
  ])('answers 304 without rendering for %s', async (_label, headers) => {
    const { calendar, render } = resource()
    const response = await calendarResponse(get(headers), calendar, { caching: 'public', disposition: 'inline' })
    expect(response.status).toBe(304)
    expect(render).not.toHaveBeenCalled()
    expect(response.headers.get('ETag')).toBe(ETAG)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
    // The same Vary as the 200 it revalidates, which compression would add only to a body.
    expect(response.headers.get('Vary')).toBe('Accept-Encoding')
    expect(response.headers.has('Content-Type')).toBe(false)
    expect(await response.text()).toBe('')
  })

  it.each([
    ['another ETag', { 'If-None-Match': '"older"' }],
    ['another ETag, even with a matching date', { 'If-None-Match': '"older"', 'If-Modified-Since': 'Tue, 02 Mar 2027 00:00:00 GMT' }],
    ['an earlier date', { 'If-Modified-Since': 'Mon, 01 Mar 2027 10:15:29 GMT' }],
    ['a date that is not one', { 'If-Modified-Since': 'yesterday-ish' }],
  ])('renders for %s', async (_label, headers) => {
    const { calendar, render } = resource()
    const response = await calendarResponse(get(headers), calendar, { caching: 'public', disposition: 'inline' })
    expect(response.status).toBe(200)
    expect(render).toHaveBeenCalledTimes(1)
  })
})

describe('calendarNotFound', () => {
  it('is the same response every time, kept out of every cache', async () => {
    const [first, second] = [calendarNotFound(), calendarNotFound()]
    for (const response of [first, second]) {
      expect(response.status).toBe(404)
      expect(Object.fromEntries(response.headers)).toEqual({ 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' })
      expect(await response.text()).toBe('Not found\n')
    }
  })
})
