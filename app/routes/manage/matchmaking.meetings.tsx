import { data, Form, Link, href } from 'react-router'
import { z } from 'zod'
import { Pagination } from '#app/components/pagination.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { listConfirmedMeetings, type MeetingListQuery } from '#app/domain/meetings/moves.server.ts'
import { meetingTableLabel } from '#app/domain/meetings/meetings.ts'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/matchmaking.meetings'
import { SelectField } from '#app/components/forms.tsx'

/** Hand-edited query strings fall back to the whole list rather than an error page. */
const MeetingListQuerySchema = z.object({
  q: z.string().max(100).catch(''),
  slot: z.string().max(100).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Meetings · ${loaderData.event.title} · Muster` : 'Meetings · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const searchParams = new URL(request.url).searchParams
  const { q, slot, page } = MeetingListQuerySchema.parse({ q: searchParams.get('q') ?? '', slot: searchParams.get('slot') || null, page: searchParams.get('page') ?? 1 })
  const query: MeetingListQuery = { search: q.trim(), slotId: slot, page }
  const list = await listConfirmedMeetings(db, { eventId: event.id, ...query })
  return data({ event, query, ...list })
}

export default function MatchmakingMeetings({ loaderData }: Route.ComponentProps) {
  const { event, meetings, found, total, page, pageCount, slots, query } = loaderData
  const tz = event.timeZone
  const person = (p: { name: string; organisation: { name: string } | null }) => (p.organisation ? `${p.name} (${p.organisation.name})` : p.name)
  const slotLabel = (slot: { startsAt: Date | string; endsAt: Date | string }) =>
    `${formatShortDate(new Date(slot.startsAt), tz)}, ${formatTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), tz)}`
  const filtered = query.search !== '' || query.slotId !== null
  const pageHref = (target: number) => {
    const params = new URLSearchParams()
    if (query.search) params.set('q', query.search)
    if (query.slotId) params.set('slot', query.slotId)
    if (target > 1) params.set('page', String(target))
    const search = params.toString()
    return `${href('/events/:slug/manage/matchmaking/meetings', { slug: event.slug })}${search ? `?${search}` : ''}`
  }
  return (
    <>

      <section aria-labelledby="meetings-heading" className="section">
        <h2 id="meetings-heading">Confirmed meetings</h2>
        <Form method="get" className="queue-filters" role="search" aria-label="Confirmed meetings">
          <div className="field queue-filters__search">
            <label htmlFor="meeting-search">Name, organisation or table</label>
            <input id="meeting-search" name="q" type="search" defaultValue={query.search} maxLength={100} />
          </div>
          <SelectField label="Time ({tz})" selectProps={{ id: 'meeting-slot', name: 'slot', defaultValue: query.slotId ?? '' }}>
            <option value="">Every time</option>
            {slots.map((slot) => (
              <option key={slot.id} value={slot.id}>
                {slotLabel(slot)}
              </option>
            ))}
          </SelectField>
          <div className="queue-filters__actions">
            <button type="submit" className="button">
              Search
            </button>
            {filtered ? (
              <Link to={href('/events/:slug/manage/matchmaking/meetings', { slug: event.slug })} className="button button--quiet">
                Clear
              </Link>
            ) : null}
          </div>
        </Form>
        <p className="muted" role="status">
          {filtered ? `${found} of ${total} meetings match.` : `${total} confirmed meetings.`}
          {pageCount > 1 ? ` Page ${page} of ${pageCount}.` : ''} The exports on the live numbers page list all of them.
        </p>
        {meetings.length === 0 ? (
          <p className="empty">{filtered ? 'No meeting matches. Try another name or time.' : 'No meetings are booked yet.'}</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Confirmed meetings, table" tabIndex={0}>
            <table className="table table--stack">
              <caption className="visually-hidden">Confirmed meetings by time and table; times in {tz}</caption>
              <thead>
                <tr>
                  <th scope="col">Time ({tz})</th>
                  <th scope="col">Table</th>
                  <th scope="col">Between</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {meetings.map((meeting) => (
                  <tr key={meeting.id}>
                    <td data-label="Time">
                      <div>{slotLabel(meeting.slot)}</div>
                      <ViewerTimeRange start={new Date(meeting.slot.startsAt)} end={new Date(meeting.slot.endsAt)} eventTimeZone={tz} />
                    </td>
                    <td data-label="Table" className="nowrap">{meetingTableLabel(meeting.table)}</td>
                    <td data-label="Between">{meeting.people.map(person).join(' and ')}</td>
                    <td data-label="">
                      <Link to={href('/events/:slug/manage/matchmaking/meetings/:meetingId/move', { slug: event.slug, meetingId: meeting.id })} aria-label={`Move the meeting of ${meeting.people.map((p) => p.name).join(' and ')}`}>
                        Move
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageCount={pageCount} pageHref={pageHref} />
      </section>
    </>
  )
}
