// Building blocks of the attendee's matchmaking pages: their navigation, a participant's
// card with why they may be worth meeting, and the page shown when someone may not look.
import { isRouteErrorResponse, Link, useParams, useRouteError, href } from 'react-router'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { countryName } from '#app/lib/countries.ts'
import { formatDateTime } from '#app/lib/time.ts'
import type { MeetingRelation } from '#app/domain/meetings/relations.server.ts'

type Section = 'recommendations' | 'directory' | 'profile'

export function MatchmakingNav({ slug, current }: { slug: string; current?: Section }) {
  const sections = [
    { key: 'recommendations', label: 'Who to meet', to: href('/events/:slug/matchmaking', { slug }) },
    { key: 'directory', label: 'Directory', to: href('/events/:slug/matchmaking/directory', { slug }) },
    { key: 'profile', label: 'My profile', to: href('/events/:slug/matchmaking/profile', { slug }) },
    { key: 'meetings', label: 'My meetings', to: href('/events/:slug/meetings', { slug }) },
  ] as const
  return (
    <nav aria-label="Matchmaking" className="tab-nav tab-nav--sub">
      <ul>
        {sections.map((section) => (
          <li key={section.key}>
            <Link to={section.to} aria-current={section.key === current ? 'page' : undefined}>
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

export type PersonCardData = {
  userId: string
  name: string
  jobTitle: string | null
  organisation: { name: string; kind: keyof typeof organisationKindLabels; country: string } | null
  headline: string
  items: { kind: 'OFFER' | 'NEED' | 'PARTNERSHIP'; title: string }[]
  reasons: string[]
}

const postLabels = { OFFER: 'Offers', NEED: 'Needs', PARTNERSHIP: 'Seeks partners' } as const

/** "NATO Support and Procurement Agency" -> "NS": the first letters of the first two words that count. */
export function initialsOf(name: string) {
  const words = name.split(/[\s-]+/).filter((word) => word.length > 0 && !/^(and|of|the|for|de|des|du|la|le|et|für|und|&)$/i.test(word))
  return words
    .slice(0, 2)
    .map((word) => word[0]!.toLocaleUpperCase())
    .join('')
}

/** What already happened between the viewer and this person, and the one next step it leaves. */
export function MeetingRelationNote({ relation }: { relation: MeetingRelation }) {
  switch (relation.kind) {
    case 'meeting':
      return (
        <p className="person-card__relation">
          <span className="badge badge--success">Meeting booked</span> {relation.when} · {relation.where}
        </p>
      )
    case 'request-sent':
      return (
        <p className="person-card__relation">
          <span className="badge badge--warning">Request pending</span> Waiting for their answer
        </p>
      )
    case 'request-received':
      return (
        <p className="person-card__relation">
          <span className="badge">Asked to meet you</span> Waiting for your answer
        </p>
      )
  }
}

/** The card's call to action: request a meeting, or follow what is already under way. */
export function MeetingAction({ relation, slug, userId, describedBy, primary = false }: { relation: MeetingRelation | null; slug: string; userId: string; describedBy?: string; primary?: boolean }) {
  const className = primary ? 'button button--primary' : 'button'
  if (!relation) {
    return (
      <Link to={href('/events/:slug/meetings/request/:userId', { slug, userId })} className={className} aria-describedby={describedBy}>
        Request a meeting
      </Link>
    )
  }
  if (relation.kind === 'meeting') {
    return (
      <Link to={href('/events/:slug/meetings', { slug })} className={className} aria-describedby={describedBy}>
        See your meetings
      </Link>
    )
  }
  return (
    <Link to={href('/events/:slug/meetings/requests/:requestId', { slug, requestId: relation.requestId })} className={className} aria-describedby={describedBy}>
      {relation.kind === 'request-received' ? 'Answer the request' : 'See your request'}
    </Link>
  )
}

/** One participant in a list, under the page's h1: the name is an h2. */
export function PersonCard({ person, slug, reasonsHeading, relation = null }: { person: PersonCardData; slug: string; reasonsHeading: string; relation?: MeetingRelation | null }) {
  const headingId = `person-${person.userId}`
  const posts = (['OFFER', 'NEED', 'PARTNERSHIP'] as const)
    .map((kind) => ({ kind, titles: person.items.filter((item) => item.kind === kind).map((item) => item.title) }))
    .filter((group) => group.titles.length > 0)
  return (
    <article className="person-card" aria-labelledby={headingId}>
      <div className="person-card__identity">
        <span className="person-card__initials" aria-hidden="true">
          {initialsOf(person.organisation?.name ?? person.name)}
        </span>
        <div>
          <h2 id={headingId} className="person-card__name">
            <Link to={href('/events/:slug/matchmaking/people/:userId', { slug, userId: person.userId })}>{person.name}</Link>
          </h2>
          <p className="person-card__organisation">
            {[person.jobTitle, person.organisation?.name].filter(Boolean).join(', ')}
            {person.organisation ? (
              <span className="person-card__meta">
                {organisationKindLabels[person.organisation.kind]} · {countryName(person.organisation.country)}
              </span>
            ) : null}
          </p>
        </div>
      </div>
      {relation ? <MeetingRelationNote relation={relation} /> : null}
      <p className="person-card__headline">{person.headline}</p>
      {posts.length ? (
        <dl className="person-card__posts">
          {posts.map((group) => (
            <div key={group.kind}>
              <dt>{postLabels[group.kind]}</dt>
              <dd>{group.titles.join(' · ')}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {person.reasons.length ? (
        <div className="person-card__why">
          <p className="person-card__why-heading">{reasonsHeading}</p>
          <ul>
            {person.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="person-card__actions">
        <Link to={href('/events/:slug/matchmaking/people/:userId', { slug, userId: person.userId })} aria-describedby={headingId}>
          View profile
        </Link>
        <MeetingAction relation={relation} slug={slug} userId={person.userId} describedBy={headingId} />
      </p>
    </article>
  )
}

/**
 * The error page of every attendee matchmaking route: why the person may not look yet and
 * what to do about it; other errors read as on the rest of the site.
 */
export function MatchmakingErrorBoundary() {
  const error = useRouteError()
  const { slug = '' } = useParams()
  const refusal = isRouteErrorResponse(error) && error.status === 403 && error.data && typeof error.data === 'object' ? (error.data as { refusal?: string; opensAt?: string | null; timeZone?: string }) : null
  let title = 'Something went wrong'
  let body: React.ReactNode = 'An unexpected error occurred. Please try again in a moment.'
  if (refusal?.refusal === 'not-registered') {
    title = 'Matchmaking is for approved attendees'
    body = (
      <>
        Once the organisers approve your registration you can create a profile, see who to meet and request meetings.{' '}
        <Link to={href('/events/:slug/registration', { slug })}>See your registration</Link>
      </>
    )
  } else if (refusal?.refusal === 'not-yet-visible') {
    title = 'Profiles are not visible yet'
    body = (
      <>
        The organisers show participants’ profiles when B2B booking opens
        {refusal.opensAt && refusal.timeZone ? `, on ${formatDateTime(new Date(refusal.opensAt), refusal.timeZone)}` : ''}. You can{' '}
        <Link to={href('/events/:slug/matchmaking/profile', { slug })}>complete your own profile</Link> now.
      </>
    )
  } else if (isRouteErrorResponse(error) && error.status === 404) {
    title = 'Page not found'
    body = 'The page you asked for does not exist, or is not published yet.'
  } else if (isRouteErrorResponse(error) && error.status === 403) {
    title = 'Not allowed'
    body = 'You do not have access to this page.'
  }
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to={slug ? href('/events/:slug', { slug }) : '/'}>Back to the event</Link>
      </p>
    </div>
  )
}
