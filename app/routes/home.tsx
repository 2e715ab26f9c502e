import { Link, href } from 'react-router'
import { listPublicEvents } from '#app/domain/events/events.server.ts'
import { formatDateSpan } from '#app/lib/time.ts'
import type { Route } from './+types/home'

export function meta(): Route.MetaDescriptors {
  return [
    { title: 'Events · Muster' },
    { name: 'description', content: 'Industry days: briefings, breakouts and one-to-one B2B meetings.' },
  ]
}

export async function loader({ request }: Route.LoaderArgs) {
  // Set by the account erasure's redirect: the person is signed out and told it is done.
  const erased = new URL(request.url).searchParams.get('erased') === '1'
  return { events: await listPublicEvents(), erased }
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { events, erased } = loaderData
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
      {events.length === 0 ? (
        <p className="empty">No events are published yet.</p>
      ) : (
        <ul className="event-list">
          {events.map((event) => (
            <li key={event.slug} className="event-card">
              <article aria-labelledby={`event-${event.slug}`}>
                <p className="event-card__date">
                  <time dateTime={event.startsAt.toISOString()}>{formatDateSpan(event.startsAt, event.endsAt, event.timeZone)}</time>
                  {event.status === 'CANCELLED' ? <span className="badge badge--danger">Cancelled</span> : null}
                </p>
                <h2 id={`event-${event.slug}`} className="event-card__title">
                  <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
                </h2>
                <p>{event.summary}</p>
                <p className="muted">
                  {event.venueName} · {event.hostName}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
