// The staff console's layout: its middleware is the console's one door (console-context.server.ts);
// it renders the header with the event and the parts of the console the person may open.
// A page showing one record (a registration) has a header of its own: it says so in its handle.
import { href, Link, Outlet, useLocation, useMatches } from 'react-router'
import { ConsoleHeader, consoleSectionOf } from '#app/components/console-nav.tsx'
import { MatchmakingConsoleNav } from '#app/components/matchmaking-console-nav.tsx'
import { consoleHeaderData, consoleMiddleware } from './console-context.server.ts'
import type { Route } from './+types/layout'

export type ConsoleHandle = { ownHeader?: boolean }

export const middleware: Route.MiddlewareFunction[] = [consoleMiddleware]

export function loader({ context }: Route.LoaderArgs) {
  return consoleHeaderData(context)
}

const eyebrows = { vetting: 'Vetting', 'check-in': 'Check-in' } as const

export default function ConsoleLayout({ loaderData }: Route.ComponentProps) {
  const { event, access } = loaderData
  const { pathname } = useLocation()
  const ownHeader = (useMatches().at(-1)?.handle as ConsoleHandle | undefined)?.ownHeader
  if (ownHeader) return <Outlet />
  const section = consoleSectionOf(pathname, event.slug)
  return (
    <div className="page">
      <ConsoleHeader eyebrow={section in eyebrows ? eyebrows[section as keyof typeof eyebrows] : undefined} event={event} current={section} access={access}>
        {section === 'matchmaking' ? <MatchmakingConsoleNav slug={event.slug} /> : null}
      </ConsoleHeader>
      {event.archivedAt ? (
        <p className="notice notice--warning">
          This event is archived: you can read everything, and change nothing.{' '}
          {access.overview ? <Link to={href('/events/:slug/manage/settings/archive', { slug: event.slug })}>Restore it</Link> : 'An organiser can restore it'} to make a change.
        </p>
      ) : null}
      <Outlet />
    </div>
  )
}
