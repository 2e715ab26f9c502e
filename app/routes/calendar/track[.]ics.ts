// One track of a published event's agenda as a subscribable feed.
import { z } from 'zod'
import { trackFeed } from '#app/domain/calendar/feeds.server.ts'
import { calendarNotFound, calendarResponse, UrlSegmentSchema } from '#app/lib/calendar-http.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/track[.]ics'

const ParamsSchema = z.object({ slug: UrlSegmentSchema, trackSlug: UrlSegmentSchema })

export async function loader({ request, params }: Route.LoaderArgs) {
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) return calendarNotFound()
  const feed = await trackFeed(db, parsed.data.slug, parsed.data.trackSlug)
  if (!feed) return calendarNotFound()
  return calendarResponse(request, feed, { caching: 'public', disposition: 'inline' })
}
