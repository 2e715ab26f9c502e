// The matchmaking part of the organiser console: its pages, one tab each (NavLink marks the current one).
import { NavLink, href } from 'react-router'

export function MatchmakingConsoleNav({ slug }: { slug: string }) {
  const base = href('/events/:slug/manage/matchmaking', { slug })
  const pages = [
    { to: base, label: 'Settings' },
    { to: href('/events/:slug/manage/matchmaking/setup', { slug }), label: 'Slots and tables' },
    { to: href('/events/:slug/manage/matchmaking/console', { slug }), label: 'Live numbers' },
    { to: href('/events/:slug/manage/matchmaking/schedule', { slug }), label: 'Scheduler' },
    { to: href('/events/:slug/manage/matchmaking/meetings', { slug }), label: 'Meetings' },
  ]
  return (
    <nav aria-label="Matchmaking" className="tab-nav tab-nav--sub">
      <ul>
        {pages.map((page) => (
          <li key={page.to}>
            <NavLink to={page.to} end>
              {page.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
