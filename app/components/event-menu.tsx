// The event menu on every attendee page: where the person is in the event (programme, their
// agenda, meetings, people, badge), where they stand ("Waiting list #14"), and, for staff, the
// way to their console page. One row of tabs that scrolls inside itself on a phone.
import { href, Link, useLocation } from 'react-router'
import type { EventMenu, EventMenuStanding } from '#app/domain/events/event-menu.server.ts'

type Item = { key: string; label: string; to: string; current: boolean }

function standingLabel(standing: EventMenuStanding) {
  switch (standing.status) {
    case 'APPROVED':
      return { text: 'Registered', tone: 'success' }
    case 'PENDING':
      return { text: 'Pending', tone: 'warning' }
    case 'WAITLISTED':
      return { text: standing.position === null ? 'Waiting list' : `Waiting list #${standing.position}`, tone: 'warning' }
    case 'REJECTED':
      return { text: 'Not accepted', tone: 'danger' }
  }
}

export function EventMenuBar({ menu }: { menu: EventMenu }) {
  const { pathname } = useLocation()
  const { event, standing, consoleHome } = menu
  const slug = event.slug
  const base = href('/events/:slug', { slug })
  const under = (...paths: string[]) => paths.some((path) => pathname === path || pathname.startsWith(`${path}/`))
  const approved = standing?.status === 'APPROVED'

  const items: Item[] = [
    { key: 'event', label: 'Event', to: base, current: pathname === base },
    {
      key: 'programme',
      label: 'Programme',
      to: href('/events/:slug/agenda', { slug }),
      current: under(`${base}/agenda`, `${base}/sessions`, `${base}/speakers`),
    },
  ]
  if (approved) {
    items.push({ key: 'my-agenda', label: 'My agenda', to: href('/events/:slug/my-agenda', { slug }), current: under(`${base}/my-agenda`) })
    if (event.b2bEnabled) {
      items.push({ key: 'meetings', label: 'Meetings', to: href('/events/:slug/meetings', { slug }), current: under(`${base}/meetings`) })
      items.push({ key: 'people', label: 'People', to: href('/events/:slug/matchmaking', { slug }), current: under(`${base}/matchmaking`) })
    }
  }
  // The consent-based list: for approved attendees and staff, or everyone when the event made it public.
  if (approved || consoleHome || event.attendeeListPublic) {
    items.push({ key: 'who-is-coming', label: 'Who is coming', to: href('/events/:slug/who-is-coming', { slug }), current: under(`${base}/who-is-coming`) })
  }
  if (standing) {
    items.push({
      key: 'registration',
      label: approved ? 'My badge' : 'My registration',
      to: href('/events/:slug/registration', { slug }),
      current: under(`${base}/registration`, `${base}/register`),
    })
  }
  const label = standing ? standingLabel(standing) : null

  return (
    <nav aria-label={`${event.title}: event menu`} className="event-menu no-print">
      <div className="event-menu__inner">
        <ul className="event-menu__items">
          {items.map((item) => (
            <li key={item.key}>
              <Link to={item.to} className="event-menu__link" aria-current={item.current ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
          {consoleHome ? (
            <li>
              <Link to={consoleHome} className="event-menu__link event-menu__link--manage">
                Manage
              </Link>
            </li>
          ) : null}
        </ul>
        {label ? <span className={`badge badge--${label.tone} event-menu__standing`}>{label.text}</span> : null}
      </div>
    </nav>
  )
}
