import { data, Form, Link } from 'react-router'
import { MatchmakingErrorBoundary, MatchmakingNav, PersonCard } from '#app/components/matchmaking.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { directoryQueryString, MAX_DIRECTORY_SEARCH, parseDirectoryQuery, type DirectoryQuery } from '#app/domain/matchmaking/directory.ts'
import { searchDirectory } from '#app/domain/matchmaking/directory.server.ts'
import { meetingRelations } from '#app/domain/meetings/relations.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireMatchmaking } from './access.server.ts'
import type { Route } from './+types/directory'
import { SelectField } from '#app/components/forms.tsx'
import { CapabilityOptions, OrganisationKindOptions } from '#app/components/select-options.tsx'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Directory · ${loaderData.event.title} · Muster` : 'Directory · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event, user } = requireMatchmaking(context, request, params.slug, 'browse')
  const query = parseDirectoryQuery(new URL(request.url).searchParams)
  const directory = await searchDirectory(db, { eventId: event.id, viewerUserId: user.id, query })
  const relations = await meetingRelations(db, { eventId: event.id, timeZone: event.timeZone, viewerId: user.id, otherIds: directory.cards.map((card) => card.userId) })
  return data({ event: { slug: event.slug, title: event.title }, directory, relations: Object.fromEntries(relations) })
}

export { MatchmakingErrorBoundary as ErrorBoundary }

export default function Directory({ loaderData }: Route.ComponentProps) {
  const { event, directory, relations } = loaderData
  const { applied, cards, total, page, pageCount, filterOptions } = directory
  const filtered = Boolean(applied.q || applied.kind || applied.country || applied.capability || applied.has)
  const linkTo = (changes: Partial<DirectoryQuery>) => directoryQueryString({ ...applied, page: 1, ...changes }) || '?'
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Matchmaking · {event.title}</p>
        <h1>Directory</h1>
        <MatchmakingNav slug={event.slug} current="directory" />
      </header>

      <Form method="get" className="panel queue-filters directory-filters" role="search" aria-label="Search participants">
        <div className="field queue-filters__search">
          <label htmlFor="directory-search">Search</label>
          <input
            id="directory-search"
            type="search"
            name="q"
            defaultValue={applied.q}
            maxLength={MAX_DIRECTORY_SEARCH}
            aria-describedby="directory-search-hint"
          />
          <p id="directory-search-hint" className="field-hint">
            Names, organisations, headlines, offers and needs
          </p>
        </div>
        <SelectField label="Organisation kind" selectProps={{ id: 'directory-kind', name: 'kind', defaultValue: applied.kind ?? '' }}>
          <OrganisationKindOptions empty="Any kind" />
        </SelectField>
        <SelectField label="Country" selectProps={{ id: 'directory-country', name: 'country', defaultValue: applied.country ?? '' }}>
          <option value="">Any country</option>
          {filterOptions.countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Capability" selectProps={{ id: 'directory-capability', name: 'capability', defaultValue: applied.capability ?? '' }}>
          <CapabilityOptions empty="Any capability" groups={filterOptions.capabilityGroups} />
        </SelectField>
        <SelectField label="Posts" selectProps={{ id: 'directory-has', name: 'has', defaultValue: applied.has ?? '' }}>
          <option value="">Any</option>
          <option value="offer">Has an offer</option>
          <option value="need">Has a need or partnership request</option>
        </SelectField>
        <div className="queue-filters__actions directory-filters__actions">
          <button type="submit" className="button button--primary">
            Search
          </button>
          {filtered ? (
            <Link className="button button--quiet" to="?">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="queue-toolbar__count" role="status">
        {total} {total === 1 ? 'participant' : 'participants'}
        {filtered ? ' match' : ''}
        {pageCount > 1 ? `, page ${page} of ${pageCount}` : ''}
      </p>
      {cards.length === 0 ? (
        <p className="empty">{filtered ? 'Nobody matches these filters.' : 'No other participants yet.'}</p>
      ) : (
        <ul className="person-list">
          {cards.map((person) => (
            <li key={person.userId}>
              <PersonCard person={person} slug={event.slug} reasonsHeading="Why they may interest you" relation={relations[person.userId]} />
            </li>
          ))}
        </ul>
      )}

      <Pagination page={page} pageCount={pageCount} pageHref={(target) => linkTo({ page: target })} />
    </div>
  )
}
