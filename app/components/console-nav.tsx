// The staff console's navigation for one event: only the parts the person may open.
import { Link, href } from 'react-router'
import type { ConsoleAccess } from '#app/domain/events/roles.ts'

const sections = ['overview', 'dashboard', 'messages', 'settings', 'questions', 'agenda', 'vetting', 'check-in', 'matchmaking', 'staff', 'audit'] as const
type Section = (typeof sections)[number]

/** The console section a path belongs to: the first segment after /events/<slug>/manage. */
export function consoleSectionOf(pathname: string, slug: string): Section {
  const segment = pathname.slice(href('/events/:slug/manage', { slug }).length).split('/')[1] ?? ''
  return sections.find((section) => section === segment) ?? 'overview'
}

export function ConsoleNav({ slug, current, access }: { slug: string; current: Section; access: ConsoleAccess }) {
  const links = [
    { key: 'overview', label: 'Overview', to: href('/events/:slug/manage', { slug }), allowed: access.overview },
    { key: 'dashboard', label: 'Dashboard', to: href('/events/:slug/manage/dashboard', { slug }), allowed: access.vetting },
    { key: 'messages', label: 'Messages', to: href('/events/:slug/manage/messages', { slug }), allowed: access.overview },
    { key: 'settings', label: 'Settings', to: href('/events/:slug/manage/settings', { slug }), allowed: access.overview },
    { key: 'questions', label: 'Questions', to: href('/events/:slug/manage/questions', { slug }), allowed: access.overview },
    { key: 'agenda', label: 'Agenda', to: href('/events/:slug/manage/agenda', { slug }), allowed: access.overview },
    { key: 'vetting', label: 'Vetting', to: href('/events/:slug/manage/vetting', { slug }), allowed: access.vetting },
    { key: 'check-in', label: 'Check-in', to: href('/events/:slug/manage/check-in', { slug }), allowed: access.checkIn },
    { key: 'matchmaking', label: 'Matchmaking', to: href('/events/:slug/manage/matchmaking', { slug }), allowed: access.overview },
    { key: 'staff', label: 'Staff', to: href('/events/:slug/manage/staff', { slug }), allowed: access.overview },
    { key: 'audit', label: 'Audit log', to: href('/events/:slug/manage/audit', { slug }), allowed: access.overview },
  ] as const
  return (
    <nav aria-label="Event console" className="tab-nav">
      <ul>
        {links
          .filter((section) => section.allowed)
          .map((section) => (
            <li key={section.key}>
              <Link to={section.to} aria-current={section.key === current ? 'page' : undefined}>
                {section.label}
              </Link>
            </li>
          ))}
        <li>
          <Link to={href('/events/:slug', { slug })}>
            Public page
          </Link>
        </li>
      </ul>
    </nav>
  )
}

/** The top of every console page: what it is, the event, the console's navigation, and any extra line below. */
export function ConsoleHeader({
  eyebrow = 'Organiser console',
  event,
  current,
  access,
  children,
}: {
  eyebrow?: string
  event: { slug: string; title: string }
  current: Section
  access: ConsoleAccess
  children?: React.ReactNode
}) {
  return (
    <header className="page-header">
      <p className="eyebrow">{eyebrow}</p>
      <h1>{event.title}</h1>
      <ConsoleNav slug={event.slug} current={current} access={access} />
      {children}
    </header>
  )
}
