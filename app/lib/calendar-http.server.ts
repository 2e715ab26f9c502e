// Serving calendar files over HTTP so that polling clients cost almost nothing: every feed
// and download has a strong ETag and a Last-Modified computed from a small fingerprint
// query, and a conditional GET that still matches is answered 304 without rendering the
// calendar (docs/decisions/006-calendar-feeds.md).
import { z } from 'zod'

export type CalendarFile = { ics: string; filename: string }

/** A feed or download before it is rendered: its validators, and how to render it when they do not match. */
export type CalendarResource = {
  /** A strong entity tag, quotes included: the same rows always render the same bytes. */
  etag: string
  lastModified: Date
  render: () => Promise<CalendarFile>
}

/**
 * public: anyone may cache it for a few minutes (published agendas).
 * private: only the requester's own client may keep it, and must revalidate before reuse,
 * so a revoked feed link or another signed-in person is never served a stored copy.
 */
export type CalendarCaching = 'public' | 'private'

const cacheControl: Record<CalendarCaching, string> = {
  public: 'public, max-age=300',
  private: 'private, no-cache',
}

/** A slug or id as it may appear in a calendar URL; anything else is a 404 before any query. */
export const UrlSegmentSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/)

/**
 * 200 with the calendar, or 304 when the request's validators still match. `inline` for
 * feeds (clients subscribe to them), `attachment` for single-item downloads.
 */
export async function calendarResponse(
  request: Request,
  resource: CalendarResource,
  options: { caching: CalendarCaching; disposition: 'inline' | 'attachment'; headers?: Headers },
): Promise<Response> {
  const headers = new Headers(options.headers)
  headers.set('ETag', resource.etag)
  headers.set('Last-Modified', resource.lastModified.toUTCString())
  headers.set('Cache-Control', cacheControl[options.caching])
  if (isNotModified(request, resource)) return new Response(null, { status: 304, headers })

  const file = await resource.render()
  headers.set('Content-Type', 'text/calendar; charset=utf-8')
  headers.set('Content-Disposition', `${options.disposition}; filename="${file.filename}"`)
  return new Response(file.ics, { status: 200, headers })
}

/**
 * The one answer for a calendar that does not exist, is not public, is not the requester's,
 * or whose link was guessed, malformed or revoked: the same status, body and headers, so the
 * response never tells whether something was ever there.
 */
export function calendarNotFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

/**
 * RFC 9110 §13.1.2 and §13.2.2: If-None-Match (weak comparison) decides when present;
 * If-Modified-Since is consulted only without it, at one-second precision.
 */
function isNotModified(request: Request, resource: Pick<CalendarResource, 'etag' | 'lastModified'>) {
  const ifNoneMatch = request.headers.get('If-None-Match')
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === '*') return true
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
    return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(resource.etag))
  }
  const ifModifiedSince = request.headers.get('If-Modified-Since')
  if (ifModifiedSince === null) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Math.floor(resource.lastModified.getTime() / 1000) * 1000 <= since
}
