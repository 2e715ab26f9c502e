// The middleware of an event's public pages: the page is rendered once per version of what it
// shows and shared by every anonymous visitor (app/lib/page-cache.server.ts, decision record 016).
import { publicPageVersion } from '#app/domain/events/public-page-version.server.ts'
import { db } from '#app/lib/db.server.ts'
import { cachedForVisitors } from '#app/lib/page-cache.server.ts'

/** The event page, agenda and speaker pages: they show the event and its agenda. */
export const cachedEventPage = cachedForVisitors(({ params }) => publicPageVersion(db, { eventSlug: params.slug ?? '' }))

/** A session's page also shows its free seats and whether it has started. */
export const cachedSessionPage = cachedForVisitors(({ params }) => publicPageVersion(db, { eventSlug: params.slug ?? '', sessionSlug: params.sessionSlug ?? '' }))
