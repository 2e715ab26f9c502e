// Building blocks of the attendee's matchmaking pages: their navigation, a participant's
// card with why they may be worth meeting, and the page shown when someone may not look.
import { isRouteErrorResponse, Link, useParams, useRouteError, href } from 'react-router'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { countryName } from '#app/lib/countries.ts'
import { formatDateTime } from '#app/lib/time.ts'

type Section = 'recommendations' | 'directory' | 'profile'

export function MatchmakingNav({ slug, current }: { slug: string; current?: Section }) {
  const sections = [
    { key: 'recommendations', label: 'Who to meet', to: href('/events/:slug/matchmaking', { slug }) },
    { key: 'directory', label: 'Directory', to: href('/events/:slug/matchmaking/directory', { slug }) },
    { key: 'profile', label: 'My profile', to: href('/events/:slug/matchmaking/profile', { slug }) },
    { key: 'meetings', label: 'My meetings', to: href('/events/:slug/meetings', { slug }) },
  ] as const
  return (
    <nav aria-label="Matchmaking" className="console-nav">
      <ul>
        {sections.map((section) => (
          <li key={section.key}>
            <Link className="chip" to={section.to} aria-current={section.key === current ? 'page' : undefined}>
              {section.label}
            </Link>
          </li>
        ))}
        <li>
          <Link className="chip" to={href('/events/:slug', { slug })}>
            Event page
          </Link>
        </li>
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

/** One participant in a list, under the page's h1: the name is an h2. */
export function PersonCard({ person, slug, reasonsHeading }: { person: PersonCardData; slug: string; reasonsHeading: string }) {
  const headingId = `person-${person.userId}`
  const posts = (['OFFER', 'NEED', 'PARTNERSHIP'] as const)
    .map((kind) => ({ kind, titles: person.items.filter((item) => item.kind === kind).map((item) => item.title) }))
    .filter((group) => group.titles.length > 0)
  return (
    <article className="person-card" aria-labelledby={headingId}>
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
        <Link to={href('/events/:slug/meetings/request/:userId', { slug, userId: person.userId })} className="button" aria-describedby={headingId}>
          Request a meeting
        </Link>
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
