// One B2B meeting as an .ics file, for its signed-in participants only; anyone else gets
// the same 404 as for a meeting that does not exist.
import { z } from 'zod'
import { meetingDownload } from '#app/domain/calendar/feeds.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { calendarNotFound, calendarResponse, UrlSegmentSchema } from '#app/lib/calendar-http.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/meeting[.]ics'

const ParamsSchema = z.object({ slug: UrlSegmentSchema, meetingId: UrlSegmentSchema })

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request)
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) return calendarNotFound()
  const download = await meetingDownload(db, { eventSlug: parsed.data.slug, meetingId: parsed.data.meetingId, userId: user.id })
  if (!download) return calendarNotFound()
  return calendarResponse(request, download, { caching: 'private', disposition: 'attachment', headers })
}
