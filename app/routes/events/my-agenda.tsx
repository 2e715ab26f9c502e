import { data, Link, href } from 'react-router'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { useHydrated } from '#app/lib/browser-value.ts'
import { getMyAgenda } from '#app/domain/agenda/my-agenda.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatLongDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/my-agenda'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `My agenda · ${loaderData.agenda.event.title} · Muster` : 'My agenda · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request)
  const agenda = await getMyAgenda(db, { eventSlug: params.slug, userId: user.id })
  invariantResponse(agenda)
  return data({ agenda, attendeeName: user.name }, { headers })
}

const statusBadges = {
  WAITLISTED: { label: 'Waiting list', tone: 'badge--warning' },
  CANCELLED: { label: 'Cancelled', tone: 'badge--danger' },
} as const

export default function MyAgenda({ loaderData }: Route.ComponentProps) {
  const { agenda, attendeeName } = loaderData
  const { event } = agenda
  return (
    <div className="page my-agenda">
      <header className="page-header">
        <p className="eyebrow">
          <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
        </p>
        <h1>My agenda</h1>
        <p className="lede print-only">{attendeeName}</p>
        <p className="lede">
          Times are {event.venueName} time ({zoneAbbreviation(event.startsAt, event.timeZone)}). Everything here is also in your{' '}
          <Link to={href('/account/calendar')}>personal calendar feed</Link>.
        </p>
        <div className="button-row no-print">
          <Link className="button" to={href('/events/:slug/agenda', { slug: event.slug })}>
            Full programme
          </Link>
          <PrintButton />
        </div>
      </header>
      {agenda.registrationStatus !== 'APPROVED' ? (
        <p className="notice">
          Your agenda fills in once your registration is approved. <Link to={href('/events/:slug/registration', { slug: event.slug })}>See your registration</Link>
        </p>
      ) : agenda.days.length === 0 ? (
        <p className="empty">Nothing is scheduled yet.</p>
      ) : (
        agenda.days.map((day) => (
          <section key={day.key} className="agenda-day" aria-labelledby={`day-${day.key}`}>
            <h2 id={`day-${day.key}`}>{formatLongDate(day.date, event.timeZone)}</h2>
            <ol className="my-agenda__items">
              {day.items.map((item) => {
                const badge = item.status === 'CONFIRMED' ? null : statusBadges[item.status]
                return (
                  <li key={item.key} className={`my-agenda__item my-agenda__item--${item.kind}${item.status === 'CANCELLED' ? ' my-agenda__item--cancelled' : ''}`}>
                    <p className="session__time">
                      <time dateTime={item.startsAt.toISOString()}>{formatTimeRange(item.startsAt, item.endsAt, event.timeZone)}</time>{' '}
                      <abbr title={event.timeZone}>{zoneAbbreviation(item.startsAt, event.timeZone)}</abbr>
                      <ViewerTimeRange start={item.startsAt} end={item.endsAt} eventTimeZone={event.timeZone} />
                    </p>
                    <div>
                      <h3 className="session__title">
                        {item.sessionSlug ? <Link to={href('/events/:slug/sessions/:sessionSlug', { slug: event.slug, sessionSlug: item.sessionSlug })}>{item.title}</Link> : item.title}
                      </h3>
                      <p className="session__meta">
                        <span>{item.label}</span>
                        {item.place ? <span>{item.place}</span> : null}
                        {badge ? (
                          <span className={`badge ${badge.tone}`}>
                            {badge.label}
                            {item.waitlistPosition ? `: number ${item.waitlistPosition}` : ''}
                          </span>
                        ) : null}
                      </p>
                      {item.clashesWith.length > 0 ? (
                        <p className="my-agenda__clash">
                          <strong>Clash:</strong> overlaps with {item.clashesWith.join(' and ')}.
                        </p>
                      ) : null}
                    </div>
                  </li>
                )
              })}
            </ol>
          </section>
        ))
      )}
    </div>
  )
}

/** Shown once JavaScript runs; without it, the browser's own print command does the same. */
function PrintButton() {
  const hydrated = useHydrated()
  if (!hydrated) return null
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      Print
    </button>
  )
}
