import { Link, href } from 'react-router'
import { listStaffEvents, mayCreateEvents } from '#app/domain/events/event-setup.server.ts'
import { listPublicEvents } from '#app/domain/events/events.server.ts'
import { publicEventsVersion } from '#app/domain/events/public-page-version.server.ts'
import { eventStageLabels } from '#app/domain/events/lifecycle.ts'
import { consoleHomePath } from '#app/domain/events/roles.ts'
import { getAuthenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { cachedForVisitors } from '#app/lib/page-cache.server.ts'
import { formatDateSpan } from '#app/lib/time.ts'
import type { Route } from './+types/home'

export function meta(): Route.MetaDescriptors {
  return [
    { title: 'Events · Muster' },
    { name: 'description', content: 'Industry days: briefings, breakouts and one-to-one B2B meetings.' },
  ]
}

/**
 * The same list for every anonymous visitor until an event is published, changed or ends:
 * rendered once per change (decision 016). A signed-in person's list adds their own events.
 */
export const middleware: Route.MiddlewareFunction[] = [cachedForVisitors(() => publicEventsVersion(db))]

export async function loader({ request }: Route.LoaderArgs) {
  // Set by the account erasure's redirect: the person is signed out and told it is done.
  const erased = new URL(request.url).searchParams.get('erased') === '1'
  const authenticated = await getAuthenticated(request)
  const [events, staffEvents] = await Promise.all([listPublicEvents(), authenticated ? listStaffEvents(db, authenticated.user.id) : []])
  const now = Date.now()
  return {
    upcoming: events.filter((event) => event.endsAt.getTime() > now),
    past: events.filter((event) => event.endsAt.getTime() <= now).reverse(),
    staffEvents,
    mayCreate: authenticated ? mayCreateEvents(authenticated.user) : false,
    isPlatformAdmin: authenticated?.user.isPlatformAdmin ?? false,
    erased,
  }
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { upcoming, past, staffEvents, mayCreate, isPlatformAdmin, erased } = loaderData
  const currentStaffEvents = staffEvents.filter((event) => event.stage !== 'archived')
  const archivedStaffEvents = staffEvents.filter((event) => event.stage === 'archived')
  return (
    <div className="page">
      {erased ? (
        <p className="notice notice--success" role="status">
          Your account is erased and you are signed out. Thank you for using Muster.
        </p>
      ) : null}
      <header className="page-header">
        <h1>Events</h1>
        <p className="lede">Industry days: government briefings, breakouts and one-to-one meetings with buyers and partners.</p>
      </header>
      {staffEvents.length > 0 || mayCreate || isPlatformAdmin ? (
        <section aria-labelledby="your-events-heading" className="panel">
          <h2 id="your-events-heading">Your events</h2>
          {staffEvents.length === 0 ? <p className="muted">You are not on the staff of any event yet.</p> : null}
          {currentStaffEvents.length > 0 ? <StaffEventList events={currentStaffEvents} /> : null}
          {archivedStaffEvents.length > 0 ? (
            <details className="archived-events">
              <summary>Archived events ({archivedStaffEvents.length})</summary>
              <StaffEventList events={archivedStaffEvents} />
            </details>
          ) : null}
          <div className="button-row">
            {mayCreate ? (
              <Link to={href('/events/new')} className="button button--primary">
                Create an event
              </Link>
            ) : null}
            {isPlatformAdmin ? (
              <Link to={href('/admin')} className="button">
                Administration
              </Link>
            ) : null}
          </div>
        </section>
      ) : null}
      <EventList heading="Upcoming events" events={upcoming} empty="No upcoming events are published yet." />
      {past.length > 0 ? <EventList heading="Past events" events={past} empty="" /> : null}
    </div>
  )
}

type PublicEvent = Route.ComponentProps['loaderData']['upcoming'][number]

function EventList({ heading, events, empty }: { heading: string; events: PublicEvent[]; empty: string }) {
  const headingId = heading.toLowerCase().replace(/\s+/g, '-')
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {events.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="event-list">
          {events.map((event) => (
            <li key={event.slug} className="event-card">
              <article aria-labelledby={`event-${event.slug}`}>
                <p className="event-card__date">
                  <time dateTime={event.startsAt.toISOString()}>{formatDateSpan(event.startsAt, event.endsAt, event.timeZone)}</time>
                  {event.status === 'CANCELLED' ? <span className="badge badge--danger">Cancelled</span> : null}
                </p>
                <h3 id={`event-${event.slug}`} className="event-card__title">
                  <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
                </h3>
                <p>{event.summary}</p>
                <p className="muted">
                  {event.venueName} · {event.hostName}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const stageBadge = { draft: 'badge--warning', cancelled: 'badge--danger', archived: 'badge--neutral' } as const

function StaffEventList({ events }: { events: Route.ComponentProps['loaderData']['staffEvents'] }) {
  return (
    <ul className="change-list">
      {events.map((event) => (
        <li key={event.slug}>
          <Link to={consoleHomePath(event.slug, event.roles)}>{event.title}</Link>{' '}
          <span className={`badge ${event.stage in stageBadge ? stageBadge[event.stage as keyof typeof stageBadge] : 'badge--success'}`}>{eventStageLabels[event.stage]}</span>
          <span className="muted"> · {formatDateSpan(event.startsAt, event.endsAt, event.timeZone)}</span>
        </li>
      ))}
    </ul>
  )
}
