// "Who is coming": the approved attendees who agreed to appear, with their organisation and
// what they offer, searchable and filterable without JavaScript, and downloadable as CSV for
// teaming. For approved attendees and staff, or anyone when the organisers made it public.
import { data, Form, href, Link } from 'react-router'
import { SelectField } from '#app/components/forms.tsx'
import { OrganisationKindOptions } from '#app/components/select-options.tsx'
import { attendeeListAccess, getAttendeeList } from '#app/domain/registration/attendee-list.server.ts'
import { attendeeListQueryString, parseAttendeeListQuery } from '#app/domain/registration/attendee-list.ts'
import { getAuthenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import type { Route } from './+types/who-is-coming'

// The loader's Cache-Control reaches the page only through this: nobody's list is kept by a cache.
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Who is coming · ${loaderData.event.title} · Muster` : 'Who is coming · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const authenticated = await getAuthenticated(request)
  const access = await attendeeListAccess(db, { slug: params.slug, user: authenticated?.user ?? null })
  invariantResponse(access)
  const { id: _id, ...event } = access.event
  if (!access.mayRead) return data({ event, signedIn: authenticated !== null, people: null, query: null, listed: access.listed }, { status: authenticated ? 403 : 200 })
  const query = parseAttendeeListQuery(new URL(request.url).searchParams)
  // Internal ids stay on the server: a public list must not hand them out.
  const people = (await getAttendeeList(db, access.event.id, query)).map(({ userId: _userId, ...person }) => person)
  return data({ event, signedIn: authenticated !== null, people, query, listed: access.listed }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function WhoIsComing({ loaderData }: Route.ComponentProps) {
  const { event, people, query, listed, signedIn } = loaderData
  const csv = href('/events/:slug/who-is-coming.csv', { slug: event.slug })
  return (
    <div className="page">
      <header className="page-header">
        <h1>Who is coming</h1>
        <p className="lede">People at {event.title} who chose to be listed, so companies can find partners. Nobody is listed without agreeing to it.</p>
        {listed !== null ? (
          <p>
            {listed ? 'You are on this list.' : 'You are not on this list.'} <Link to={href('/account')}>Change this on your account page</Link>.
          </p>
        ) : null}
      </header>
      {people === null || query === null ? (
        <section className="panel">
          {signedIn ? (
            <p>The list is for approved attendees of this event. It opens for you once your registration is approved.</p>
          ) : (
            <p>
              The list is for approved attendees of this event. <Link to={`/sign-in?${new URLSearchParams({ redirectTo: href('/events/:slug/who-is-coming', { slug: event.slug }) })}`}>Sign in</Link> to see it.
            </p>
          )}
        </section>
      ) : (
        <>
          <Form method="get" className="panel queue-filters" role="search" aria-label="Find people">
            <div className="field queue-filters__search">
              <label htmlFor="people-search">Search</label>
              <input id="people-search" type="search" name="q" defaultValue={query.q} maxLength={100} placeholder="Name, organisation or offer" />
            </div>
            <SelectField label="Organisation kind" selectProps={{ id: 'people-kind', name: 'kind', defaultValue: query.kind ?? '' }}>
              <OrganisationKindOptions empty="Any kind" />
            </SelectField>
            <div className="queue-filters__actions">
              <button type="submit" className="button button--primary">
                Find
              </button>
            </div>
          </Form>
          <p role="status">
            {people.length === 1 ? '1 person' : `${people.length.toLocaleString('en-GB')} people`}
            {query.q || query.kind ? ' match' : ''}.{' '}
            <a href={`${csv}${attendeeListQueryString(query)}`}>
              Download as CSV
            </a>
          </p>
          <ul className="people-list">
            {people.map((person, index) => (
              <li key={index} className="panel people-list__item">
                <h2 className="people-list__name">{person.name}</h2>
                <p className="people-list__meta">
                  {[person.jobTitle, person.organisation?.name].filter(Boolean).join(', ')}
                  {person.organisation ? ` · ${person.organisation.kind} · ${person.organisation.country}` : ''}
                </p>
                {person.offers.length ? (
                  <p className="people-list__offers">
                    <strong>Offers:</strong> {person.offers.join(' · ')}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
