import { Link, href } from 'react-router'
import { AddToCalendar } from '#app/components/add-to-calendar.tsx'
import { Markdown } from '#app/components/markdown.tsx'
import { SessionCard } from '#app/components/session-card.tsx'
import { ALL_DAYS, agendaPath, unfilteredAgenda, type SessionKind } from '#app/domain/agenda/agenda.ts'
import { publicCalendarLinks } from '#app/domain/calendar/feeds.server.ts'
import { registrationWindowState, type RegistrationWindowState } from '#app/domain/events/events.ts'
import { getPublicEventBySlug } from '#app/domain/events/events.server.ts'
import { sessionDownloadPath } from '#app/lib/calendar-paths.ts'
import { formatDateSpan, formatEventHours, formatLongDate, formatShortDate, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/event'
import type { RegistrationStatus } from '#app/domain/registration/vetting.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { cachedEventHomePage } from './public-page-cache.server.ts'
import { ownRegistrationStatusFor } from './visitor-parts.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Event not found · Muster' }]
  return [
    { title: `${loaderData.event.title} · Muster` },
    { name: 'description', content: loaderData.event.summary },
  ]
}

/** The same page for every visitor who stands where this one does, until something it shows changes: rendered once per change. */
export const middleware: Route.MiddlewareFunction[] = [cachedEventHomePage]

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const found = await getPublicEventBySlug(params.slug)
  invariantResponse(found)
  return {
    event: found.event,
    agendaDays: found.agendaDays,
    description: found.description,
    calendarLinks: publicCalendarLinks(found.event),
    registration: registrationWindowState(found.event, found.seatsTaken, new Date()),
    ownRegistrationStatus: await ownRegistrationStatusFor({ request, context }, params.slug),
  }
}

export default function EventPage({ loaderData }: Route.ComponentProps) {
  const { event, registration, ownRegistrationStatus } = loaderData
  const tz = event.timeZone

  return (
    <div className="page">
      <header className="event-hero">
        <p className="event-hero__host">{event.hostName}</p>
        <h1>{event.title}</h1>
        <p className="lede">{event.summary}</p>
        {event.status === 'CANCELLED' ? (
          <div className="notice notice--danger" role="status">
            <p>
              <strong>This event is cancelled.</strong>
              {event.cancelledAt ? ` The organisers cancelled it on ${formatLongDate(event.cancelledAt, tz)}.` : ''}
            </p>
            {event.cancellationReason ? <p>Their reason: {event.cancellationReason}</p> : null}
          </div>
        ) : null}
        <dl className="facts">
          <div>
            <dt>When</dt>
            <dd>
              <time dateTime={event.startsAt.toISOString()}>{formatDateSpan(event.startsAt, event.endsAt, tz)}</time>
              <br />
              <span className="muted">
                {formatEventHours(event.startsAt, event.endsAt, tz)} ({tz})
              </span>
            </dd>
          </div>
          <div>
            <dt>Where</dt>
            <dd>
              {event.venueName}
              <br />
              <span className="muted">{event.venueAddress}</span>
            </dd>
          </div>
          <div>
            <dt>Registration</dt>
            <dd>
              {ownRegistrationStatus && ownRegistrationStatus !== 'CANCELLED' ? (
                <OwnRegistrationStanding status={ownRegistrationStatus} />
              ) : (
                <RegistrationStatus state={registration} timeZone={tz} approvalRequired={event.approvalRequired} />
              )}
              <p className="cta">
                {ownRegistrationStatus === 'APPROVED' ? (
                  <>
                    <Link to={href('/events/:slug/my-agenda', { slug: event.slug })} className="button button--primary">
                      My agenda
                    </Link>{' '}
                    <Link to={href('/events/:slug/matchmaking', { slug: event.slug })} className="button">
                      Who to meet
                    </Link>{' '}
                    <Link to={href('/events/:slug/meetings', { slug: event.slug })} className="button">
                      My meetings
                    </Link>{' '}
                    <Link to={href('/events/:slug/registration', { slug: event.slug })} className="button">
                      My badge
                    </Link>
                  </>
                ) : ownRegistrationStatus && ownRegistrationStatus !== 'CANCELLED' ? (
                  <Link to={href('/events/:slug/registration', { slug: event.slug })} className="button button--primary">
                    Your registration
                  </Link>
                ) : registration.kind === 'open' || registration.kind === 'full-waitlist' ? (
                  <Link to={href('/events/:slug/register', { slug: event.slug })} className="button button--primary">
                    {registration.kind === 'open' || event.approvalRequired ? 'Register' : 'Join the waiting list'}
                  </Link>
                ) : null}
              </p>
            </dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="about-heading" className="section">
        <h2 id="about-heading">About this event</h2>
        <Markdown blocks={loaderData.description} headingLevel={3} />
        {event.eligibilityExplanation ? (
          <p className="notice">
            <strong>Who can attend.</strong> {event.eligibilityExplanation}
          </p>
        ) : null}
        <p className="muted">
          Questions: <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
        </p>
      </section>

      <AddToCalendar links={loaderData.calendarLinks} />

      <AgendaSummary event={event} days={loaderData.agendaDays} />
    </div>
  )
}

/** Where the signed-in person stands, instead of the event's registration state. */
function OwnRegistrationStanding({ status }: { status: Exclude<RegistrationStatus, 'CANCELLED'> }) {
  switch (status) {
    case 'APPROVED':
      return (
        <>
          <span className="badge badge--success">You are registered</span> Your badge is on your registration page.
        </>
      )
    case 'PENDING':
      return (
        <>
          <span className="badge badge--warning">Being vetted</span> You will get an email when the organisers decide.
        </>
      )
    case 'WAITLISTED':
      return (
        <>
          <span className="badge badge--warning">On the waiting list</span> You move up automatically when a seat frees.
        </>
      )
    case 'REJECTED':
      return (
        <>
          <span className="badge badge--danger">Not accepted</span> Your registration was not accepted.
        </>
      )
  }
}

/** How the event page counts a day's sessions by kind; breaks go uncounted. */
const kindCountNames: Partial<Record<SessionKind, [one: string, many: string]>> = {
  PLENARY: ['plenary', 'plenaries'],
  PANEL: ['panel', 'panels'],
  BREAKOUT: ['breakout', 'breakouts'],
  B2B_WINDOW: ['B2B meeting window', 'B2B meeting windows'],
}

/** "15 sessions: 5 plenaries, 1 panel, 4 breakouts, 1 B2B meeting window." */
function dayInNumbers(day: { sessions: number; sessionsByKind: Partial<Record<SessionKind, number>> }) {
  const kinds = Object.entries(kindCountNames).flatMap(([kind, [one, many]]) => {
    const count = day.sessionsByKind[kind as SessionKind] ?? 0
    return count > 0 ? [`${count} ${count === 1 ? one : many}`] : []
  })
  return `${day.sessions === 1 ? '1 session' : `${day.sessions} sessions`}${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}.`
}

type EventData = Route.ComponentProps['loaderData']

/**
 * The agenda in brief: each day with its numbers and first plenaries and panels, and the way
 * to that day in the full agenda, which has every session, the search and the filters.
 */
function AgendaSummary({ event, days }: { event: EventData['event']; days: EventData['agendaDays'] }) {
  const tz = event.timeZone
  return (
    <section aria-labelledby="agenda-heading" className="section">
      <div className="section__head">
        <h2 id="agenda-heading">Agenda</h2>
        <p className="muted">
          All times are {zoneAbbreviation(event.startsAt, tz)}, the local time in {tz.split('/').at(-1)?.replace(/_/g, ' ')}.
        </p>
        <p>
          <Link to={agendaPath(event.slug)}>Search the agenda, filter by track, room or kind</Link>
        </p>
      </div>

      {event.tracks.length > 0 ? (
        <nav aria-label="The agenda by track" className="track-filter">
          <ul>
            {event.tracks.map((track) => (
              <li key={track.slug}>
                <Link
                  to={agendaPath(event.slug, { ...unfilteredAgenda, tracks: [track.slug], day: ALL_DAYS })}
                  className="chip"
                  style={{ '--track-colour': track.colour } as React.CSSProperties}
                >
                  <span className="chip__swatch" aria-hidden="true" />
                  {track.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {days.every((day) => day.sessions === 0) ? <p className="empty">The agenda will be published here.</p> : null}

      {days
        .filter((day) => day.sessions > 0)
        .map((day) => (
          <section key={day.key} aria-labelledby={`day-heading-${day.key}`} className="agenda-day">
            <h3 id={`day-heading-${day.key}`}>{formatLongDate(day.date, tz)}</h3>
            <p>
              <span className="muted">{dayInNumbers(day)}</span>{' '}
              <Link to={agendaPath(event.slug, { ...unfilteredAgenda, day: day.key })}>
                See {day.sessions === 1 ? 'it' : `all ${day.sessions}`} on {formatShortDate(day.date, tz)}
              </Link>
            </p>
            {day.highlights.length > 0 ? (
              <div className="agenda-slot__sessions">
                {day.highlights.map((session) => (
                  <SessionCard
                    key={session.slug}
                    session={session}
                    timeZone={tz}
                    eventSlug={event.slug}
                    calendarHref={sessionDownloadPath(event.slug, session.slug)}
                    compact
                  />
                ))}
              </div>
            ) : null}
          </section>
        ))}
    </section>
  )
}

function RegistrationStatus({
  state,
  timeZone,
  approvalRequired,
}: {
  state: RegistrationWindowState
  timeZone: string
  approvalRequired: boolean
}) {
  switch (state.kind) {
    case 'open':
      return (
        <>
          <span className="badge badge--success">Open</span> until {formatLongDate(state.closesAt, timeZone)}
          {approvalRequired ? <span className="muted"> · each registration is vetted</span> : null}
        </>
      )
    case 'full-waitlist':
      return (
        <>
          <span className="badge badge--warning">Full</span>{' '}
          {approvalRequired
            ? `Registration stays open until ${formatLongDate(state.closesAt, timeZone)}: each registration is vetted, and approved people join the waiting list.`
            : `Join the waiting list until ${formatLongDate(state.closesAt, timeZone)}.`}
        </>
      )
    case 'full':
      return (
        <>
          <span className="badge badge--danger">Full</span> All seats are taken.
        </>
      )
    case 'not-yet-open':
      return <>Opens on {formatLongDate(state.opensAt, timeZone)}</>
    case 'closed':
      return <>Closed on {formatLongDate(state.closedAt, timeZone)}</>
    case 'cancelled':
      return (
        <>
          <span className="badge badge--danger">Cancelled</span> This event has been cancelled.
        </>
      )
    case 'past':
      return <>This event has taken place.</>
  }
}
