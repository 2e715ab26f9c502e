// The matchmaking part of the organiser console: its pages, one link each.
import { NavLink } from 'react-router'

export function MatchmakingConsoleNav({ slug }: { slug: string }) {
  const base = `/events/${slug}/manage/matchmaking`
  const pages = [
    { to: base, label: 'Settings' },
    { to: `${base}/setup`, label: 'Slots and tables' },
    { to: `${base}/console`, label: 'Live numbers' },
    { to: `${base}/schedule`, label: 'Scheduler' },
    { to: `${base}/meetings`, label: 'Meetings' },
  ]
  return (
    <nav aria-label="Matchmaking" className="console-links">
      {pages.map((page) => (
        <NavLink key={page.to} to={page.to} end>
          {page.label}
        </NavLink>
      ))}
    </nav>
  )
}
