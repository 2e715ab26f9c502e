import { formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { ViewerTimeRange } from './viewer-time.tsx'

export const sessionKindLabels = {
  PLENARY: 'Plenary',
  BREAKOUT: 'Breakout',
  PANEL: 'Panel',
  BREAK: 'Break',
  B2B_WINDOW: 'B2B meetings',
} as const

export type SessionCardData = {
  slug: string
  title: string
  abstract: string | null
  kind: keyof typeof sessionKindLabels
  startsAt: Date
  endsAt: Date
  capacity: number | null
  signUpRequired: boolean
  status: 'SCHEDULED' | 'CANCELLED'
  track: { slug: string; name: string; colour: string } | null
  room: { name: string } | null
  speakers: { role: string | null; speaker: { slug: string; name: string; jobTitle: string | null; organisationName: string | null } }[]
}

/** `calendarHref`: where the session's .ics file is, when the page offers it. */
export function SessionCard({ session, timeZone, calendarHref }: { session: SessionCardData; timeZone: string; calendarHref?: string }) {
  const cancelled = session.status === 'CANCELLED'
  const isBreak = session.kind === 'BREAK'
  return (
    <article
      className={`session${isBreak ? ' session--break' : ''}${cancelled ? ' session--cancelled' : ''}`}
      style={session.track ? ({ '--track-colour': session.track.colour } as React.CSSProperties) : undefined}
      aria-labelledby={`session-${session.slug}`}
    >
      <p className="session__time">
        <time dateTime={session.startsAt.toISOString()}>{formatTimeRange(session.startsAt, session.endsAt, timeZone)}</time>{' '}
        <abbr title={timeZone}>{zoneAbbreviation(session.startsAt, timeZone)}</abbr>
        <ViewerTimeRange start={session.startsAt} end={session.endsAt} eventTimeZone={timeZone} />
      </p>
      <h4 id={`session-${session.slug}`} className="session__title">
        {cancelled ? <span className="badge badge--danger">Cancelled</span> : null} {session.title}
      </h4>
      <p className="session__meta">
        <span className={`badge badge--${session.kind.toLowerCase()}`}>{sessionKindLabels[session.kind]}</span>
        {session.track && !isBreak ? <span className="session__track">{session.track.name}</span> : null}
        {session.room ? <span>{session.room.name}</span> : null}
        {session.signUpRequired ? (
          <span>Sign-up required{session.capacity ? ` · ${session.capacity} seats` : ''}</span>
        ) : null}
        {calendarHref ? (
          <a href={calendarHref}>
            Add to calendar<span className="visually-hidden"> ({session.title})</span>
          </a>
        ) : null}
      </p>
      {session.abstract && !isBreak ? <p className="session__abstract">{session.abstract}</p> : null}
      {session.speakers.length > 0 ? (
        <ul className="session__speakers" aria-label="Speakers">
          {session.speakers.map(({ role, speaker }) => (
            <li key={speaker.slug}>
              <span className="speaker-name">{speaker.name}</span>
              {[role, speaker.jobTitle, speaker.organisationName].filter(Boolean).length > 0 ? (
                <span className="muted">, {[role, speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  )
}
