// A person's secret calendar feed, polled by their calendar app. Anything but a working
// link (malformed, guessed, revoked) gets the same 404. server.js answers it ahead of the
// router in production (polled-feeds.server.ts).
import { conditionsOf, responseOf } from '#app/lib/calendar-http.server.ts'
import { answerPolledFeed } from './polled-feeds.server.ts'
import type { Route } from './+types/feeds.$file'

export async function loader({ request, params }: Route.LoaderArgs) {
  return responseOf(await answerPolledFeed({ kind: 'personal', file: params.file }, conditionsOf(request.headers)))
}
