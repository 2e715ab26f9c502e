// Serving calendar files over HTTP so that polling clients cost almost nothing: every feed
// and download has a strong ETag and a Last-Modified computed from a small fingerprint
// query, and a conditional GET that still matches is answered 304 without rendering the
// calendar (docs/decisions/006-calendar-feeds.md).
import { z } from 'zod'
import { BUSY_RETRY_AFTER_SECONDS } from './domain-error.server.ts'

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

/** What a request says about the copy it holds, if any: the only headers a calendar answer depends on. */
export type CalendarConditions = { ifNoneMatch: string | null; ifModifiedSince: string | null }

export function conditionsOf(headers: Headers): CalendarConditions {
  return { ifNoneMatch: headers.get('If-None-Match'), ifModifiedSince: headers.get('If-Modified-Since') }
}

/**
 * A calendar answer before it is sent: React Router's routes turn it into a Response
 * (responseOf); server.js writes the polled feeds' answers straight to the socket.
 */
export type CalendarAnswer = { status: 200 | 304 | 404 | 500 | 503; headers: Record<string, string>; body: string | null }

/**
 * 200 with the calendar, or 304 when the request's validators still match. `inline` for
 * feeds (clients subscribe to them), `attachment` for single-item downloads.
 */
export async function calendarAnswer(
  conditions: CalendarConditions,
  resource: CalendarResource,
  options: { caching: CalendarCaching; disposition: 'inline' | 'attachment' },
): Promise<CalendarAnswer> {
  const headers: Record<string, string> = {
    ETag: resource.etag,
    'Last-Modified': resource.lastModified.toUTCString(),
    'Cache-Control': cacheControl[options.caching],
    // The full answer is compressed when the client accepts it, and a 304 must name the same
    // Vary as the 200 it revalidates (RFC 9110, 15.4.5), which compression adds only to a body.
    Vary: 'Accept-Encoding',
  }
  if (isNotModified(conditions, resource)) return { status: 304, headers, body: null }

  const file = await resource.render()
  headers['Content-Type'] = 'text/calendar; charset=utf-8'
  headers['Content-Disposition'] = `${options.disposition}; filename="${file.filename}"`
  return { status: 200, headers, body: file.ics }
}

/** calendarAnswer as a Response, with any headers of the route's own (a renewed session cookie). */
export async function calendarResponse(
  request: Request,
  resource: CalendarResource,
  options: { caching: CalendarCaching; disposition: 'inline' | 'attachment'; headers?: Headers },
): Promise<Response> {
  return responseOf(await calendarAnswer(conditionsOf(request.headers), resource, options), options.headers)
}

export function responseOf(answer: CalendarAnswer, extraHeaders?: Headers): Response {
  const headers = new Headers(extraHeaders)
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, value)
  return new Response(answer.body, { status: answer.status, headers })
}

/**
 * The one answer for a calendar that does not exist, is not public, is not the requester's,
 * or whose link was guessed, malformed or revoked: the same status, body and headers, so the
 * response never tells whether something was ever there.
 */
export function calendarNotFoundAnswer(): CalendarAnswer {
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: 'Not found\n' }
}

/** A calendar the database could not read in time: the client polls again later (Retry-After), as it would after any 503. */
export function calendarBusyAnswer(): CalendarAnswer {
  return {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
    body: 'Busy, try again shortly\n',
  }
}

export function calendarNotFound(): Response {
  return responseOf(calendarNotFoundAnswer())
}

/**
 * RFC 9110 §13.1.2 and §13.2.2: If-None-Match (weak comparison) decides when present;
 * If-Modified-Since is consulted only without it, at one-second precision.
 */
function isNotModified({ ifNoneMatch, ifModifiedSince }: CalendarConditions, resource: Pick<CalendarResource, 'etag' | 'lastModified'>) {
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === '*') return true
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
    return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(resource.etag))
  }
  if (ifModifiedSince === null) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Math.floor(resource.lastModified.getTime() / 1000) * 1000 <= since
}
