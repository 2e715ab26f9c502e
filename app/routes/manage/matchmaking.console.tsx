import { data, Form, Link, href } from 'react-router'
import { z } from 'zod'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { getMatchmakingNumbers } from '#app/domain/matchmaking/console.server.ts'
import { NO_MEETING_LIST_LIMIT } from '#app/domain/matchmaking/console.ts'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/matchmaking.console'

const SearchSchema = z.object({ q: z.string().max(100).catch('') })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Matchmaking numbers · ${loaderData.event.title} · Muster` : 'Matchmaking numbers · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const { q } = SearchSchema.parse({ q: new URL(request.url).searchParams.get('q') ?? '' })
  const numbers = await getMatchmakingNumbers(db, { eventId: event.id, search: q })
  return data({ event, q, numbers })
}

/** A bar's width as a share of the largest value, so the longest bar fills the row. */
const share = (value: number, largest: number) => `${largest === 0 ? 0 : Math.round((value / largest) * 100)}%`

export default function MatchmakingNumbers({ loaderData }: Route.ComponentProps) {
  const { event, q, numbers } = loaderData
  const tz = event.timeZone
  const largestRequestCount = Math.max(0, ...numbers.requestsByStatus.map((row) => row.count))
  const largestDistribution = Math.max(0, ...numbers.meetingsPerParticipant)
  return (
    <>

      <section aria-labelledby="numbers-heading" className="panel">
        <h2 id="numbers-heading">Live numbers</h2>
        <dl className="stat-grid">
          <div>
            <dt>Participants</dt>
            <dd>{numbers.participantCount}</dd>
          </div>
          <div>
            <dt>Confirmed meetings</dt>
            <dd>{numbers.confirmedMeetings}</dd>
          </div>
          <div>
            <dt>Participants without a meeting</dt>
            <dd>
              {numbers.withoutMeeting.total}
              <span className="stat-grid__of"> of {numbers.participantCount}</span>
            </dd>
          </div>
          <div>
            <dt>Tables</dt>
            <dd>{numbers.tableCount}</dd>
          </div>
        </dl>
        {/* No download attribute: the files are attachments anyway, and when a recent sign-in is
            needed the server answers with the confirmation page, which must open, not be saved. */}
        <p className="console-links">
          <a href={href('/events/:slug/manage/matchmaking/export/:file', { slug: event.slug, file: 'meetings.csv' })}>
            Download all meetings (CSV)
          </a>
          <a href={href('/events/:slug/manage/matchmaking/export/:file', { slug: event.slug, file: 'meetings.xlsx' })}>
            Download all meetings (Excel: per table and per participant)
          </a>
          <Link to={href('/events/:slug/manage/matchmaking/schedule', { slug: event.slug })}>Open the scheduler</Link>
        </p>
      </section>

      <section aria-labelledby="requests-heading" className="section">
        <h2 id="requests-heading">Meeting requests by status</h2>
        <table className="table bar-table">
          <caption className="visually-hidden">Meeting requests by status; each bar is relative to the largest count</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Requests</th>
              <th scope="col" aria-hidden="true" className="bar-table__bar-head" />
            </tr>
          </thead>
          <tbody>
            {numbers.requestsByStatus.map((row) => (
              <tr key={row.status}>
                <th scope="row">{row.label}</th>
                <td className="bar-table__value">{row.count}</td>
                <td className="bar-table__bar" aria-hidden="true">
                  <span style={{ width: share(row.count, largestRequestCount) }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="slots-heading" className="section">
        <h2 id="slots-heading">Meetings and table use per slot</h2>
        {numbers.slots.length === 0 ? (
          <p className="empty">This event has no B2B slots yet.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Meetings per slot, table" tabIndex={0}>
            <table className="table bar-table">
              <caption className="visually-hidden">
                Confirmed meetings in each slot and the share of the {numbers.tableCount} tables they use; times in {tz}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Slot ({tz})</th>
                  <th scope="col">Meetings</th>
                  <th scope="col">Tables in use</th>
                  <th scope="col" aria-hidden="true" className="bar-table__bar-head" />
                </tr>
              </thead>
              <tbody>
                {numbers.slots.map((slot) => (
                  <tr key={slot.id}>
                    <th scope="row">
                      <div>
                        {formatShortDate(new Date(slot.startsAt), tz)}, {formatTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), tz)}
                      </div>
                      <ViewerTimeRange start={new Date(slot.startsAt)} end={new Date(slot.endsAt)} eventTimeZone={tz} />
                    </th>
                    <td className="bar-table__value">{slot.meetings}</td>
                    <td className="bar-table__value">{share(slot.meetings, numbers.tableCount)}</td>
                    <td className="bar-table__bar" aria-hidden="true">
                      <span style={{ width: share(slot.meetings, numbers.tableCount) }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="distribution-heading" className="section">
        <h2 id="distribution-heading">Meetings per participant</h2>
        <table className="table bar-table">
          <caption className="visually-hidden">How many participants have each number of confirmed meetings</caption>
          <thead>
            <tr>
              <th scope="col">Meetings</th>
              <th scope="col">Participants</th>
              <th scope="col" aria-hidden="true" className="bar-table__bar-head" />
            </tr>
          </thead>
          <tbody>
            {numbers.meetingsPerParticipant.map((count, meetings) => (
              <tr key={meetings}>
                <th scope="row">{meetings}</th>
                <td className="bar-table__value">{count}</td>
                <td className="bar-table__bar" aria-hidden="true">
                  <span style={{ width: share(count, largestDistribution) }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="no-meeting-heading" className="section">
        <h2 id="no-meeting-heading">Participants without a meeting</h2>
        <Form method="get" className="queue-filters" role="search" aria-label="Participants without a meeting">
          <div className="field queue-filters__search">
            <label htmlFor="no-meeting-search">Name, organisation or job title</label>
            <input id="no-meeting-search" name="q" type="search" defaultValue={q} maxLength={100} />
          </div>
          <div className="queue-filters__actions">
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </Form>
        <p className="muted" role="status">
          {q ? `${numbers.withoutMeeting.matching} of ${numbers.withoutMeeting.total} match “${q}”.` : `${numbers.withoutMeeting.total} participants have no meeting yet.`}
          {numbers.withoutMeeting.matching > NO_MEETING_LIST_LIMIT ? ` The first ${NO_MEETING_LIST_LIMIT} are listed.` : ''}
        </p>
        {numbers.withoutMeeting.people.length > 0 ? (
          <ul className="plain-list">
            {numbers.withoutMeeting.people.map((person) => (
              <li key={person.id}>
                <Link to={href('/events/:slug/matchmaking/people/:userId', { slug: event.slug, userId: person.id })}>{person.name}</Link>
                {person.jobTitle || person.organisation ? (
                  <span className="muted"> · {[person.jobTitle, person.organisation?.name].filter(Boolean).join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  )
}
