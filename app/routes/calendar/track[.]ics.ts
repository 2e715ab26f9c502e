// One track of a published event's agenda as a subscribable feed. server.js answers it ahead
// of the router in production (polled-feeds.server.ts).
import { conditionsOf, responseOf } from '#app/lib/calendar-http.server.ts'
import { answerPolledFeed } from './polled-feeds.server.ts'
import type { Route } from './+types/track[.]ics'

export async function loader({ request, params }: Route.LoaderArgs) {
  return responseOf(await answerPolledFeed({ kind: 'track', slug: params.slug, trackSlug: params.trackSlug }, conditionsOf(request.headers)))
}
