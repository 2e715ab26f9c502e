import { data, Link, href } from 'react-router'
import { MatchmakingErrorBoundary, MatchmakingNav, PersonCard } from '#app/components/matchmaking.tsx'
import { getRecommendations } from '#app/domain/matchmaking/recommendations.server.ts'
import { meetingRelations } from '#app/domain/meetings/relations.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireMatchmaking } from './access.server.ts'
import type { Route } from './+types/recommendations'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Who to meet · ${loaderData.event.title} · Muster` : 'Who to meet · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event, user, isParticipant } = requireMatchmaking(context, request, params.slug, 'browse')
  // Organisers may look without a profile of their own; recommendations need one.
  const recommendations = isParticipant ? await getRecommendations(db, { eventId: event.id, userId: user.id }) : null
  const relations = await meetingRelations(db, { eventId: event.id, timeZone: event.timeZone, viewerId: user.id, otherIds: recommendations?.map((person) => person.userId) ?? [] })
  return data({ event: { slug: event.slug, title: event.title }, recommendations, relations: Object.fromEntries(relations) })
}

export { MatchmakingErrorBoundary as ErrorBoundary }

export default function WhoToMeet({ loaderData }: Route.ComponentProps) {
  const { event, recommendations, relations } = loaderData
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Matchmaking · {event.title}</p>
        <h1>Who to meet</h1>
        <MatchmakingNav slug={event.slug} current="recommendations" />
        <p className="lede">
          People whose offers, needs and work fit yours, best match first. Each says why. Editing your{' '}
          <Link to={href('/events/:slug/matchmaking/profile', { slug: event.slug })}>profile</Link> changes these at once.
        </p>
      </header>
      {recommendations === null ? (
        <p className="empty">Recommendations are for participants with a profile. As an organiser you can browse the directory.</p>
      ) : recommendations.length === 0 ? (
        <p className="empty">
          No suggestions yet. Add what you offer and what you need to your profile, or browse the{' '}
          <Link to={href('/events/:slug/matchmaking/directory', { slug: event.slug })}>directory</Link>.
        </p>
      ) : (
        <ol className="person-list">
          {recommendations.map((person) => (
            <li key={person.userId}>
              <PersonCard person={person} slug={event.slug} reasonsHeading="Why meet" relation={relations[person.userId]} />
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
