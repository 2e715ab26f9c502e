// Which request paths server.js answers ahead of the router as polled calendar feeds
// (app/routes/calendar/polled-feeds.server.ts): exactly the three feed routes' own paths.
import { describe, expect, it } from 'vitest'
import { polledFeedAt } from '#app/routes/calendar/polled-feeds.server.ts'
import { eventFeedPath, personalFeedPath, trackFeedPath } from '#app/lib/calendar-paths.ts'

describe('polledFeedAt', () => {
  it('names the feed at each path the app links to', () => {
    expect(polledFeedAt(personalFeedPath('abcdefghijklmnopqrstuvwxyz234567'))).toEqual({ kind: 'personal', file: 'abcdefghijklmnopqrstuvwxyz234567.ics' })
    expect(polledFeedAt(eventFeedPath('industry-day-2027'))).toEqual({ kind: 'event', slug: 'industry-day-2027' })
    expect(polledFeedAt(trackFeedPath('industry-day-2027', 'detect'))).toEqual({ kind: 'track', slug: 'industry-day-2027', trackSlug: 'detect' })
  })

  // Malformed segments are the feed's own 404 (the route would answer the same); these are left to the router.
  it.each([
    '/',
    '/events/industry-day-2027',
    '/events/industry-day-2027/calendar.ics/',
    '/events/industry-day-2027/sessions/opening/calendar.ics',
    '/events/industry-day-2027/meetings/m1/calendar.ics',
    '/events/industry-day-2027/tracks/detect/calendar.ics/extra',
    '/events/%69ndustry-day-2027/calendar.ics',
    '/calendar/feeds/',
    '/calendar/feeds/a/b.ics',
    '/Calendar/feeds/abcdefghijklmnopqrstuvwxyz234567.ics',
    '//calendar/feeds/abcdefghijklmnopqrstuvwxyz234567.ics',
    '/events/industry-day-2027/tracks/../calendar.ics',
    '/events/./calendar.ics',
    '/events/industry-day-2027\\calendar.ics',
  ])('leaves %s to the router', (pathname) => {
    expect(polledFeedAt(pathname)).toBeNull()
  })
})
