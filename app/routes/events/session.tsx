// One session of a public event: when and where, what it is about, who speaks, and for a
// sign-up session the sign-up panel (seats left, the viewer's seat or waiting place).
import { Link } from 'react-router'
import { AddToCalendar } from '#app/components/add-to-calendar.tsx'
import { BreakoutSignUpPanel } from '#app/components/breakout-sign-up-panel.tsx'
import { sessionKindLabels, agendaPath, sessionPagePath, speakerPagePath, unfilteredAgenda } from '#app/domain/agenda/agenda.ts'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { publicCalendarLinks } from '#app/domain/calendar/feeds.server.ts'
import { sessionDownloadPath } from '#app/lib/calendar-paths.ts'
import { calendarDayParts, formatLongDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/session'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { cachedSessionPage } from './public-page-cache.server.ts'
import { publicSessionFor, signUpPanelFor } from './visitor-parts.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Session not found · Muster' }]
  const { session } = loaderData
  return [
    { title: `${session.title} · ${session.event.title} · Muster` },
    ...(session.abstract ? [{ name: 'description', content: session.abstract }] : []),
  ]
}

/** The same page for every visitor who stands where this one does, until something it shows changes: rendered once per change. */
export const middleware: Route.MiddlewareFunction[] = [cachedSessionPage]

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const found = await publicSessionFor({ request, context }, params.slug, params.sessionSlug)
  invariantResponse(found)
  const { session } = found
  // Null for a session that needs no sign-up.
  const signUp = await signUpPanelFor({ request, context }, params.slug, params.sessionSlug)
  return {
    session,
    signUp,
    // The whole agenda and this session's track, so later changes reach the calendar.
    calendarLinks: publicCalendarLinks({ slug: session.event.slug, title: session.event.title, tracks: session.track ? [session.track] : [] }),
  }
}

export default function SessionPage({ loaderData }: Route.ComponentProps) {
  const { session, signUp, calendarLinks } = loaderData
  const { event } = session
  const tz = event.timeZone
  const cancelled = session.status === 'CANCELLED'

  return (
    <div className="page">
      <p className="back-link">
        <Link to={agendaPath(event.slug, { ...unfilteredAgenda, day: calendarDayParts(session.startsAt, tz).key })}>Agenda of {event.title}</Link>
      </p>
      <article
        className={`session-detail${cancelled ? ' session--cancelled' : ''}`}
        style={session.track ? ({ '--track-colour': session.track.colour } as React.CSSProperties) : undefined}
        aria-labelledby="session-title"
      >
        <header className="page-header">
          <p className="session__meta">
            <span className={`badge badge--${session.kind.toLowerCase()}`}>{sessionKindLabels[session.kind]}</span>
            {session.track ? (
              <span className="session__track">
                <span className="chip__swatch" aria-hidden="true" />
                {session.track.name}
              </span>
            ) : null}
          </p>
          <h1 id="session-title" className="session__title">
            {session.title}
          </h1>
          {cancelled ? (
            <p className="notice notice--danger">
              <span className="badge badge--danger">Cancelled</span> This session has been cancelled.
            </p>
          ) : null}
        </header>

        <dl className="fact-list session-detail__facts">
          <div>
            <dt>When</dt>
            <dd>
              {formatLongDate(session.startsAt, tz)}
              <br />
              <span className="session__time">
                <time dateTime={session.startsAt.toISOString()}>{formatTimeRange(session.startsAt, session.endsAt, tz)}</time>{' '}
                <abbr title={tz}>{zoneAbbreviation(session.startsAt, tz)}</abbr>
                <ViewerTimeRange start={session.startsAt} end={session.endsAt} eventTimeZone={tz} />
              </span>
            </dd>
          </div>
          <div>
            <dt>Where</dt>
            <dd>
              {session.room ? (
                <>
                  {session.room.name}
                  {session.room.location ? (
                    <>
                      <br />
                      <span className="muted">{session.room.location}</span>
                    </>
                  ) : null}
                </>
              ) : (
                <span className="muted">Room to be announced</span>
              )}
            </dd>
          </div>
        </dl>

        {session.abstract ? (
          <section aria-labelledby="about-heading" className="section">
            <h2 id="about-heading">About this session</h2>
            <p className="answer-text">{session.abstract}</p>
          </section>
        ) : null}

        {session.speakers.length > 0 ? (
          <section aria-labelledby="speakers-heading" className="section">
            <h2 id="speakers-heading">{session.speakers.length === 1 ? 'Speaker' : 'Speakers'}</h2>
            <ul className="speaker-list">
              {session.speakers.map(({ role, speaker }) => (
                <li key={speaker.slug}>
                  <Link to={speakerPagePath(event.slug, speaker.slug)} className="speaker-name">
                    {speaker.name}
                  </Link>
                  {role ? <span className="badge badge--break">{role}</span> : null}
                  {[speaker.jobTitle, speaker.organisationName].some(Boolean) ? (
                    <span className="muted">{[speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {signUp ? (
          <BreakoutSignUpPanel
            panel={signUp}
            signUpAction={`${sessionPagePath(event.slug, session.slug)}/sign-up`}
            eventSlug={event.slug}
            timeZone={tz}
          />
        ) : null}

        <section aria-labelledby="download-heading" className="section">
          <h2 id="download-heading">This session in your calendar</h2>
          <p>
            <a href={sessionDownloadPath(event.slug, session.slug)} className="button">
              Download .ics<span className="visually-hidden"> ({session.title})</span>
            </a>
          </p>
        </section>
      </article>

      <AddToCalendar links={calendarLinks} />
    </div>
  )
}
