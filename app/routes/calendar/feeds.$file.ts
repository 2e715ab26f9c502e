// A person's secret calendar feed, polled by their calendar app. Anything but a working
// link (malformed, guessed, revoked) gets the same 404.
import { z } from 'zod'
import { personalFeed } from '#app/domain/calendar/feeds.server.ts'
import { calendarNotFound, calendarResponse } from '#app/lib/calendar-http.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/feeds.$file'

/** "<token>.ics", the token as generateSecretToken writes it: 32 base32 characters (160 bits). */
const FeedFileSchema = z.string().regex(/^[a-z2-7]{32}\.ics$/).transform((file) => file.slice(0, -'.ics'.length))

export async function loader({ request, params }: Route.LoaderArgs) {
  const token = FeedFileSchema.safeParse(params.file)
  if (!token.success) return calendarNotFound()
  const feed = await personalFeed(db, token.data)
  if (!feed) return calendarNotFound()
  return calendarResponse(request, feed, { caching: 'private', disposition: 'inline' })
}
