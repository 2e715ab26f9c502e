// The staff console's navigation for one event: only the parts the person may open.
import { Link } from 'react-router'
import type { ConsoleAccess } from '#app/domain/roles.ts'

type Section = 'overview' | 'vetting' | 'check-in'

export function ConsoleNav({ slug, current, access }: { slug: string; current: Section; access: ConsoleAccess }) {
  const sections = [
    { key: 'overview', label: 'Overview', to: `/events/${slug}/manage`, allowed: access.overview },
    { key: 'vetting', label: 'Vetting', to: `/events/${slug}/manage/vetting`, allowed: access.vetting },
    { key: 'check-in', label: 'Check-in', to: `/events/${slug}/manage/check-in`, allowed: access.checkIn },
  ] as const
  return (
    <nav aria-label="Event console" className="console-nav">
      <ul>
        {sections
          .filter((section) => section.allowed)
          .map((section) => (
            <li key={section.key}>
              <Link className="chip" to={section.to} aria-current={section.key === current ? 'page' : undefined}>
                {section.label}
              </Link>
            </li>
          ))}
        <li>
          <Link className="chip" to={`/events/${slug}`}>
            Public page
          </Link>
        </li>
      </ul>
    </nav>
  )
}
