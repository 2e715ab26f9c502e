// The event page's "Add to calendar" section: subscriptions to the public agenda feeds (one menu
// that opens, not a wall of links), and the way to the signed-in person's own feed.
import { Link, href } from 'react-router'
import type { SubscribeLinks } from '#app/lib/calendar-paths.ts'

export type PublicCalendarLinks = {
  agenda: SubscribeLinks
  tracks: readonly { slug: string; name: string; links: SubscribeLinks }[]
}

export function AddToCalendar({ links }: { links: PublicCalendarLinks }) {
  return (
    <section aria-labelledby="add-to-calendar-heading" className="section">
      <h2 id="add-to-calendar-heading">Add to calendar</h2>
      <p>
        Subscribe and your calendar app keeps the agenda up to date, changes and cancellations included. Approved attendees can
        also subscribe to <Link to={href('/account/calendar')}>their own agenda</Link>, with their breakouts and B2B meetings.
      </p>
      <details className="calendar-menu">
        <summary className="button calendar-menu__toggle">Subscribe to the agenda</summary>
        <ul className="calendar-links">
        <li>
          <strong>Whole agenda</strong>
          <SubscribeLinkList links={links.agenda} subject="the whole agenda" />
        </li>
        {links.tracks.map((track) => (
          <li key={track.slug}>
            <strong>{track.name}</strong>
            <SubscribeLinkList links={track.links} subject={`the ${track.name} track`} />
          </li>
        ))}
        </ul>
      </details>
    </section>
  )
}

function SubscribeLinkList({ links, subject }: { links: SubscribeLinks; subject: string }) {
  const about = <span className="visually-hidden"> ({subject})</span>
  return (
    <span className="calendar-links__actions">
      <a href={links.webcal}>Subscribe{about}</a>
      <a href={links.google} rel="noreferrer">
        Google Calendar{about}
      </a>
      <a href={links.outlook} rel="noreferrer">
        Outlook{about}
      </a>
      <a href={links.https}>Download .ics{about}</a>
    </span>
  )
}
