// One session of a published event as an .ics file to open or save.
import { z } from 'zod'
import { sessionDownload } from '#app/domain/calendar/feeds.server.ts'
import { calendarNotFound, calendarResponse, UrlSegmentSchema } from '#app/lib/calendar-http.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/session[.]ics'

const ParamsSchema = z.object({ slug: UrlSegmentSchema, sessionSlug: UrlSegmentSchema })

export async function loader({ request, params }: Route.LoaderArgs) {
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) return calendarNotFound()
  const download = await sessionDownload(db, parsed.data.slug, parsed.data.sessionSlug)
  if (!download) return calendarNotFound()
  return calendarResponse(request, download, { caching: 'public', disposition: 'attachment' })
}
