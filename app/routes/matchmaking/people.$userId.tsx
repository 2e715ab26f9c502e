import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList } from '#app/components/forms.tsx'
import { MatchmakingErrorBoundary, MatchmakingNav, MeetingAction, MeetingRelationNote } from '#app/components/matchmaking.tsx'
import { getBuyerMustMeet, markMustMeetAsBuyer, unmarkMustMeetAsBuyer } from '#app/domain/matchmaking/console.server.ts'
import { marketplaceKindLabels } from '#app/domain/matchmaking/profile-form.ts'
import { getProfileForViewer } from '#app/domain/matchmaking/profiles.server.ts'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { countryName } from '#app/lib/countries.ts'
import { meetingRelations } from '#app/domain/meetings/relations.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireMatchmaking } from './access.server.ts'
import type { Route } from './+types/people.$userId'
import { parseForm } from '#app/lib/form.server.ts'
import { invariantResponse, refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

const MustMeetSchema = z.object({ intent: z.enum(['mark-must-meet', 'unmark-must-meet']) })

const sizeLabels = { MICRO: 'Micro (under 10 people)', SMALL: 'Small (10–49)', MEDIUM: 'Medium (50–249)', LARGE: 'Large (250 or more)' } as const

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `${loaderData.profile.name} · ${loaderData.event.title} · Muster` : 'Participant · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event, user } = requireMatchmaking(context, request, params.slug, 'browse')
  const found = await getProfileForViewer(db, { eventId: event.id, userId: params.userId, viewerUserId: user.id })
  invariantResponse(found)
  const [mustMeet, relations] = await Promise.all([
    getBuyerMustMeet(db, { eventId: event.id, buyerId: user.id, otherUserId: params.userId }),
    meetingRelations(db, { eventId: event.id, timeZone: event.timeZone, viewerId: user.id, otherIds: [params.userId] }),
  ])
  const relation = relations.get(params.userId) ?? null
  return data({ event: { slug: event.slug, title: event.title }, ...found, isSelf: params.userId === user.id, mustMeet, relation })
}

/** A government buyer marks this participant as must-meet, or takes the mark back. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, user } = requireMatchmaking(context, request, params.slug, 'browse')
  const submission = await parseForm(request, MustMeetSchema)
  if (submission.status !== 'success') return data({ error: 'Choose an action from the page.', notice: null }, { status: 400 })
  const input = { eventId: event.id, buyerId: user.id, otherUserId: params.userId }
  try {
    if (submission.value.intent === 'mark-must-meet') await markMustMeetAsBuyer(db, input)
    else await unmarkMustMeetAsBuyer(db, input)
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ error: refusal.message, notice: null }, refusalStatus(refusal))
  }
  return { error: null, notice: submission.value.intent === 'mark-must-meet' ? 'Marked as must-meet: the organisers’ scheduler places this meeting first.' : 'Must-meet mark removed.' }
}

export { MatchmakingErrorBoundary as ErrorBoundary }

export default function ParticipantPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, profile, reasons, isSelf, mustMeet, relation } = loaderData
  const navigation = useNavigation()
  const { organisation } = profile
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Matchmaking · {event.title}</p>
        <h1>{profile.name}</h1>
        <MatchmakingNav slug={event.slug} />
        <p className="lede">{profile.headline}</p>
      </header>
      <div className="vetting-detail person-detail">
        <div>
          {profile.about || profile.freeTags.length || profile.technologyReadiness ? (
            <section className="panel" aria-labelledby="about-heading">
              <h2 id="about-heading">About</h2>
              {profile.about ? <p className="answer-text">{profile.about}</p> : null}
              <dl className="fact-list">
                {profile.technologyReadiness ? (
                  <div>
                    <dt>Technology readiness</dt>
                    <dd>Level {profile.technologyReadiness} of 9</dd>
                  </div>
                ) : null}
                {profile.freeTags.length ? (
                  <div>
                    <dt>Tags</dt>
                    <dd>{profile.freeTags.join(', ')}</dd>
                  </div>
                ) : null}
              </dl>
            </section>
          ) : null}
          <section className="panel" aria-labelledby="posts-heading">
            <h2 id="posts-heading">Offers, needs and partnerships</h2>
            {profile.items.length === 0 ? (
              <p className="muted">Nothing posted yet.</p>
            ) : (
              <ul className="plain-list marketplace-list">
                {profile.items.map((item) => (
                  <li key={item.id} className="marketplace-item">
                    <h3>
                      <span className={`badge badge--${item.kind.toLowerCase()}`}>{marketplaceKindLabels[item.kind]}</span> {item.title}
                    </h3>
                    <p className="answer-text">{item.description}</p>
                    {item.capabilityLabel ? <p className="muted">{item.capabilityLabel}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {profile.capabilities.length ? (
            <section className="panel" aria-labelledby="capabilities-heading">
              <h2 id="capabilities-heading">Capabilities</h2>
              <ul className="tag-list">
                {profile.capabilities.map((capability) => (
                  <li key={capability.id}>{capability.label}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside className="vetting-detail__aside">
          {isSelf ? (
            <section className="panel" aria-labelledby="self-heading">
              <h2 id="self-heading">Your profile</h2>
              <p>This is how other participants see you.</p>
              <Link className="button" to={href('/events/:slug/matchmaking/profile', { slug: event.slug })}>
                Edit your profile
              </Link>
            </section>
          ) : (
            <section className="panel" aria-labelledby="why-heading">
              <h2 id="why-heading">Why meet</h2>
              {reasons.length ? (
                <ul className="why-list">
                  {reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Nothing in your profiles connects you yet.</p>
              )}
              {relation ? <MeetingRelationNote relation={relation} /> : null}
              <MeetingAction relation={relation} slug={event.slug} userId={profile.userId} primary />
            </section>
          )}
          {mustMeet ? (
            <section className="panel" aria-labelledby="must-meet-heading">
              <h2 id="must-meet-heading">Must meet</h2>
              {actionData?.notice ? (
                <p className="notice notice--success" role="status">
                  {actionData.notice}
                </p>
              ) : null}
              <ErrorList errors={actionData?.error ? [actionData.error] : null} />
              {mustMeet.marked && !mustMeet.markedByYou ? (
                <p>The organisers marked you and {profile.name} as a must-meet pair: their scheduler places this meeting first.</p>
              ) : (
                <Form method="post" className="stack">
                  <p className="muted">
                    {mustMeet.markedByYou
                      ? `You marked ${profile.name} as must-meet: the organisers’ scheduler places this meeting before ordinary requests.`
                      : `As a buyer you can mark ${profile.name} as must-meet, e.g. a company you selected: the organisers’ scheduler then places this meeting before ordinary requests.`}
                  </p>
                  <input type="hidden" name="intent" value={mustMeet.markedByYou ? 'unmark-must-meet' : 'mark-must-meet'} />
                  <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                    {mustMeet.markedByYou ? 'Remove the must-meet mark' : 'Mark as must-meet'}
                  </button>
                </Form>
              )}
            </section>
          ) : null}
          {organisation ? (
            <section className="panel" aria-labelledby="organisation-heading">
              <h2 id="organisation-heading">{organisation.name}</h2>
              <dl className="fact-list fact-list--stacked">
                {profile.jobTitle ? (
                  <div>
                    <dt>Role</dt>
                    <dd>{profile.jobTitle}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>Kind</dt>
                  <dd>{organisationKindLabels[organisation.kind]}</dd>
                </div>
                <div>
                  <dt>Country</dt>
                  <dd>{countryName(organisation.country)}</dd>
                </div>
                {organisation.size ? (
                  <div>
                    <dt>Size</dt>
                    <dd>{sizeLabels[organisation.size]}</dd>
                  </div>
                ) : null}
              </dl>
              {organisation.description ? <p>{organisation.description}</p> : null}
              {organisation.website && /^https?:\/\//i.test(organisation.website) ? (
                <p>
                  <a href={organisation.website} rel="noopener noreferrer nofollow">
                    Website
                  </a>
                </p>
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  )
}
