// A speaker of a public event: who they are and the sessions they speak in.
import { Link } from 'react-router'
import { SessionCard } from '#app/components/session-card.tsx'
import { agendaPath } from '#app/domain/agenda/agenda.ts'
import { getPublicSpeaker } from '#app/domain/agenda/public-agenda.server.ts'
import { sessionDownloadPath } from '#app/lib/calendar-paths.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/speaker'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { cachedAgendaOrSpeakerPage } from './public-page-cache.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Speaker not found · Muster' }]
  const { speaker } = loaderData
  return [{ title: `${speaker.name} · ${speaker.event.title} · Muster` }]
}

/** The same page for every visitor who stands where this one does, until something it shows changes: rendered once per change. */
export const middleware: Route.MiddlewareFunction[] = [cachedAgendaOrSpeakerPage]

export async function loader({ params }: Route.LoaderArgs) {
  const speaker = await getPublicSpeaker(db, params.slug, params.speakerSlug)
  invariantResponse(speaker)
  return { speaker }
}

export default function SpeakerPage({ loaderData }: Route.ComponentProps) {
  const { speaker } = loaderData
  const { event } = speaker
  const role = [speaker.jobTitle, speaker.organisationName].filter(Boolean).join(', ')

  return (
    <div className="page">
      <p className="back-link">
        <Link to={agendaPath(event.slug)}>Agenda of {event.title}</Link>
      </p>
      <header className="page-header speaker-profile">
        {speaker.photoUrl ? <img src={speaker.photoUrl} alt={speaker.name} className="speaker-profile__photo" /> : null}
        <div>
          <p className="eyebrow">Speaker</p>
          <h1>{speaker.name}</h1>
          {role ? <p className="lede">{role}</p> : null}
        </div>
      </header>

      {speaker.bio ? (
        <section aria-labelledby="bio-heading" className="section">
          <h2 id="bio-heading">About</h2>
          <p className="answer-text">{speaker.bio}</p>
        </section>
      ) : null}

      <section aria-labelledby="sessions-heading" className="section">
        <h2 id="sessions-heading">Sessions</h2>
        {speaker.sessions.length === 0 ? (
          <p className="empty">Not on the agenda yet.</p>
        ) : (
          <ul className="speaker-sessions">
            {speaker.sessions.map((session) => (
              <li key={session.slug}>
                <SessionCard
                  session={session}
                  timeZone={event.timeZone}
                  eventSlug={event.slug}
                  headingLevel={3}
                  showDate
                  calendarHref={sessionDownloadPath(event.slug, session.slug)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
