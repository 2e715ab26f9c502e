// The three feeds calendar apps poll, every few minutes for every subscriber: a person's own,
// an event's agenda and a track's. Their routes answer through here under React Router, and
// server.js answers the same addresses ahead of the router in production (polledFeedAt), so a
// poll whose copy is current costs one fingerprint query and no page machinery
// (docs/decisions/006-calendar-feeds.md).
import { z } from 'zod'
import { eventFeed, personalFeed, trackFeed } from '#app/domain/calendar/feeds.server.ts'
import { calendarAnswer, calendarBusyAnswer, calendarNotFoundAnswer, UrlSegmentSchema, type CalendarAnswer, type CalendarConditions } from '#app/lib/calendar-http.server.ts'
import { isDatabaseBusy } from '#app/lib/db-client.server.ts'
import { db } from '#app/lib/db.server.ts'

export type PolledFeedAddress =
  | { kind: 'personal'; file: string | undefined }
  | { kind: 'event'; slug: string | undefined }
  | { kind: 'track'; slug: string | undefined; trackSlug: string | undefined }

/** "<token>.ics", the token as generateSecretToken writes it: 32 base32 characters (160 bits). */
const FeedFileSchema = z.string().regex(/^[a-z2-7]{32}\.ics$/).transform((file) => file.slice(0, -'.ics'.length))

/** The feed at this address, or the one 404 for anything but a working address (malformed, unknown, guessed or revoked). */
export async function answerPolledFeed(address: PolledFeedAddress, conditions: CalendarConditions): Promise<CalendarAnswer> {
  try {
    return await answerFeedAt(address, conditions)
  } catch (error) {
    if (isDatabaseBusy(error)) return calendarBusyAnswer()
    throw error
  }
}

async function answerFeedAt(address: PolledFeedAddress, conditions: CalendarConditions): Promise<CalendarAnswer> {
  switch (address.kind) {
    case 'personal': {
      const token = FeedFileSchema.safeParse(address.file)
      const feed = token.success ? await personalFeed(db, token.data) : null
      return feed ? calendarAnswer(conditions, feed, { caching: 'private', disposition: 'inline' }) : calendarNotFoundAnswer()
    }
    case 'event': {
      const slug = UrlSegmentSchema.safeParse(address.slug)
      const feed = slug.success ? await eventFeed(db, slug.data) : null
      return feed ? calendarAnswer(conditions, feed, { caching: 'public', disposition: 'inline' }) : calendarNotFoundAnswer()
    }
    case 'track': {
      const slug = UrlSegmentSchema.safeParse(address.slug)
      const trackSlug = UrlSegmentSchema.safeParse(address.trackSlug)
      const feed = slug.success && trackSlug.success ? await trackFeed(db, slug.data, trackSlug.data) : null
      return feed ? calendarAnswer(conditions, feed, { caching: 'public', disposition: 'inline' }) : calendarNotFoundAnswer()
    }
  }
}

/**
 * The polled feed a request path names, the way app/routes.ts would match it, for server.js.
 * A path the router would first normalise (percent-escapes, dot segments, backslashes, empty
 * segments) is left to it.
 */
export function polledFeedAt(pathname: string): PolledFeedAddress | null {
  if (pathname.includes('%') || pathname.includes('\\')) return null
  const parts = pathname.split('/')
  if (parts.slice(1).some((part) => part === '' || part === '.' || part === '..')) return null
  if (parts.length === 4 && parts[1] === 'calendar' && parts[2] === 'feeds') return { kind: 'personal', file: parts[3] }
  if (parts[1] !== 'events') return null
  if (parts.length === 4 && parts[3] === 'calendar.ics') return { kind: 'event', slug: parts[2] }
  if (parts.length === 6 && parts[3] === 'tracks' && parts[5] === 'calendar.ics') return { kind: 'track', slug: parts[2], trackSlug: parts[4] }
  return null
}
