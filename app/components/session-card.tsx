import { Link } from 'react-router'
import { sessionKindLabels, sessionPagePath, speakerPagePath, type SessionKind } from '#app/domain/agenda/agenda.ts'
import { formatShortDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { ViewerTimeRange } from './viewer-time.tsx'

export type SessionCardData = {
  slug: string
  title: string
  abstract: string | null
  kind: SessionKind
  startsAt: Date
  endsAt: Date
  capacity: number | null
  signUpRequired: boolean
  status: 'SCHEDULED' | 'CANCELLED'
  track: { slug: string; name: string; colour: string } | null
  room: { name: string } | null
  speakers: { role: string | null; speaker: { slug: string; name: string; jobTitle: string | null; organisationName: string | null } }[]
}

/**
 * `calendarHref`: where the session's .ics file is, when the page offers it. `eventSlug`:
 * when given, the title links to the session's page and each speaker to theirs.
 * `headingLevel`: the title's heading, one below the heading the card sits under.
 * `compact`: without the abstract, for a summary that links to the full agenda.
 *
 * A page may show a few hundred cards, so the speakers' links are plain anchors: router
 * Links cost about as much to render as the rest of the card (bench/README.md).
 */
export function SessionCard({
  session,
  timeZone,
  calendarHref,
  eventSlug,
  headingLevel = 4,
  compact = false,
  showDate = false,
}: {
  session: SessionCardData
  timeZone: string
  calendarHref?: string
  eventSlug?: string
  headingLevel?: 3 | 4
  compact?: boolean
  /** Lists that mix days (a speaker's sessions) say which day each card is on. */
  showDate?: boolean
}) {
  const cancelled = session.status === 'CANCELLED'
  const isBreak = session.kind === 'BREAK'
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <article
      className={`session${isBreak ? ' session--break' : ''}${cancelled ? ' session--cancelled' : ''}`}
      style={session.track ? ({ '--track-colour': session.track.colour } as React.CSSProperties) : undefined}
      aria-labelledby={`session-${session.slug}`}
    >
      <p className="session__time">
        <time dateTime={session.startsAt.toISOString()}>
          {showDate ? `${formatShortDate(session.startsAt, timeZone)}, ` : null}
          {formatTimeRange(session.startsAt, session.endsAt, timeZone)}
        </time>{' '}
        <abbr title={timeZone}>{zoneAbbreviation(session.startsAt, timeZone)}</abbr>
        <ViewerTimeRange start={session.startsAt} end={session.endsAt} eventTimeZone={timeZone} />
      </p>
      <Heading id={`session-${session.slug}`} className="session__title">
        {cancelled ? <><span className="badge badge--danger">Cancelled</span> </> : null}
        {eventSlug ? <Link to={sessionPagePath(eventSlug, session.slug)}>{session.title}</Link> : session.title}
      </Heading>
      <p className="session__meta">
        <span className={`badge badge--${session.kind.toLowerCase()}`}>{sessionKindLabels[session.kind]}</span>
        {session.track && !isBreak ? (
          <span className="session__track">
            <span className="chip__swatch" aria-hidden="true" />
            {session.track.name}
          </span>
        ) : null}
        {session.room ? <span>{session.room.name}</span> : null}
        {session.signUpRequired ? (
          <span>Sign-up required{session.capacity ? ` · ${session.capacity} seats` : ''}</span>
        ) : null}
        {calendarHref ? (
          <a href={calendarHref}>
            Add to calendar<span className="visually-hidden">{` (${session.title})`}</span>
          </a>
        ) : null}
      </p>
      {session.abstract && !isBreak && !compact ? <p className="session__abstract">{session.abstract}</p> : null}
      {session.speakers.length > 0 ? (
        <ul className="session__speakers" aria-label="Speakers">
          {session.speakers.map(({ role, speaker }) => {
            const about = [role, speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')
            return (
              <li key={speaker.slug}>
                {eventSlug ? (
                  <a href={speakerPagePath(eventSlug, speaker.slug)} className="speaker-name">
                    {speaker.name}
                  </a>
                ) : (
                  <span className="speaker-name">{speaker.name}</span>
                )}
                {about ? <span className="muted">{`, ${about}`}</span> : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </article>
  )
}
