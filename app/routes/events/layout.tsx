// Every attendee page of a public event: the event menu above the page. Its loader finds the
// event (404 when it is not public) and, for a signed-in person, where they stand and whether
// their staff role opens the console. Pages below load their own data. Its middleware keeps an
// archived event read-only for every page below (registration, matchmaking, meetings).
import { Outlet } from 'react-router'
import { EventMenuBar } from '#app/components/event-menu.tsx'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { eventMenuFor } from './visitor-parts.server.ts'
import { refuseWritesToArchivedEvent } from './read-only-event.server.ts'
import type { Route } from './+types/layout'

export const middleware: Route.MiddlewareFunction[] = [({ request, params }) => refuseWritesToArchivedEvent(request, params.slug)]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  // The same read the public pages' cache keys on.
  const menu = await eventMenuFor({ request, context }, params.slug)
  invariantResponse(menu)
  return menu
}

export default function EventArea({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <EventMenuBar menu={loaderData} />
      <Outlet />
    </>
  )
}
