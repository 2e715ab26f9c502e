// The whole agenda of a published event as a subscribable feed. server.js answers it ahead of
// the router in production (polled-feeds.server.ts).
import { conditionsOf, responseOf } from '#app/lib/calendar-http.server.ts'
import { answerPolledFeed } from './polled-feeds.server.ts'
import type { Route } from './+types/event[.]ics'

export async function loader({ request, params }: Route.LoaderArgs) {
  return responseOf(await answerPolledFeed({ kind: 'event', slug: params.slug }, conditionsOf(request.headers)))
}
