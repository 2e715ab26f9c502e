// The whole agenda of a published event as a subscribable feed.
import { z } from 'zod'
import { eventFeed } from '#app/domain/calendar/feeds.server.ts'
import { calendarNotFound, calendarResponse, UrlSegmentSchema } from '#app/lib/calendar-http.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/event[.]ics'

const ParamsSchema = z.object({ slug: UrlSegmentSchema })

export async function loader({ request, params }: Route.LoaderArgs) {
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) return calendarNotFound()
  const feed = await eventFeed(db, parsed.data.slug)
  if (!feed) return calendarNotFound()
  return calendarResponse(request, feed, { caching: 'public', disposition: 'inline' })
}
