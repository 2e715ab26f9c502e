import { data, Link } from 'react-router'
import { ConsoleHeader } from '#app/components/console-nav.tsx'
import { MatchmakingConsoleNav } from '#app/components/matchmaking-console-nav.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { listConfirmedMeetings } from '#app/domain/meeting-moves.server.ts'
import { consoleAccess } from '#app/domain/roles.ts'
import { requireEventRole } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import type { Route } from './+types/manage.matchmaking.meetings'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Meetings · ${loaderData.event.title} · Muster` : 'Meetings · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { event, roles, user, headers } = await requireEventRole(request, params.slug, ['ORGANISER'])
  const list = await listConfirmedMeetings(db, event.id)
  return data({ event, access: consoleAccess(roles, user.isPlatformAdmin), ...list }, { headers })
}

export default function MatchmakingMeetings({ loaderData }: Route.ComponentProps) {
  const { event, access, meetings, total, limit } = loaderData
  const tz = event.timeZone
  const base = `/events/${event.slug}/manage/matchmaking`
  const person = (p: { name: string; organisation: { name: string } | null }) => (p.organisation ? `${p.name} (${p.organisation.name})` : p.name)
  return (
    <div className="page">
      <ConsoleHeader event={event} current="matchmaking" access={access}>
        <MatchmakingConsoleNav slug={event.slug} />
      </ConsoleHeader>

      <section aria-labelledby="meetings-heading" className="section">
        <h2 id="meetings-heading">Confirmed meetings</h2>
        {total > meetings.length ? (
          <p className="muted">
            Showing the first {limit} of {total} meetings; the exports on the live numbers page have all of them.
          </p>
        ) : null}
        {meetings.length === 0 ? (
          <p className="empty">No meetings are booked yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
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
                    <td>
                      <div>
                        {formatShortDate(new Date(meeting.slot.startsAt), tz)}, {formatTimeRange(new Date(meeting.slot.startsAt), new Date(meeting.slot.endsAt), tz)}
                      </div>
                      <ViewerTimeRange start={new Date(meeting.slot.startsAt)} end={new Date(meeting.slot.endsAt)} eventTimeZone={tz} />
                    </td>
                    <td>{meeting.table.name || `Table ${meeting.table.number}`}</td>
                    <td>{meeting.people.map(person).join(' and ')}</td>
                    <td>
                      <Link to={`${base}/meetings/${meeting.id}/move`} aria-label={`Move the meeting of ${meeting.people.map((p) => p.name).join(' and ')}`}>
                        Move
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
