import { data, Link, href } from 'react-router'
import { getPrintableSchedule } from '#app/domain/meetings/views.server.ts'
import { useHydrated } from '#app/lib/browser-value.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { slotsByDay } from '#app/components/meeting-slots.tsx'
import { meetingArea } from './meetings-context.server.ts'
import type { Route } from './+types/schedule'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Meeting schedule · ${loaderData.event.title} · Muster` : 'Meeting schedule · Muster' }]
}

export async function loader({ context }: Route.LoaderArgs) {
  const { user, event } = meetingArea(context)
  const schedule = await getPrintableSchedule(db, { eventId: event.id, userId: user.id })
  return data({ event, schedule })
}

/** One printed page: who, then each day's meetings with time (event zone), table, with whom and where. */
export default function MeetingSchedulePage({ loaderData }: Route.ComponentProps) {
  const { event, schedule } = loaderData
  const tz = event.timeZone
  // The print button needs the browser's print dialog; without JavaScript the browser's own menu prints the page.
  const canPrint = useHydrated()
  return (
    <div className="page meeting-schedule">
      <p className="back-link no-print">
        <Link to={href('/events/:slug/meetings', { slug: event.slug })}>Your meetings</Link>
      </p>
      <header className="meeting-schedule__header">
        <p className="eyebrow">B2B meeting schedule</p>
        <h1>{schedule.person.name}</h1>
        {schedule.person.organisation ? <p className="meeting-schedule__organisation">{schedule.person.organisation.name}</p> : null}
        <p className="lede">
          {event.title} · {formatDateSpan(event.startsAt, event.endsAt, tz)} · {event.venueName}
        </p>
        <p className="field-hint">Times are in the event&apos;s time zone ({zoneAbbreviation(event.startsAt, tz)}).</p>
        {canPrint ? (
          <button type="button" className="button no-print" onClick={() => window.print()}>
            Print
          </button>
        ) : null}
      </header>
      {schedule.meetings.length === 0 ? <p className="muted">No meetings booked.</p> : null}
      {slotsByDay(schedule.meetings, tz).map((day) => (
        <section key={day.key} aria-labelledby={`schedule-${day.key}`} className="meeting-schedule__day">
          <h2 id={`schedule-${day.key}`}>{day.label}</h2>
          <div className="table-scroll" role="region" aria-label={`Meetings on ${day.label}`} tabIndex={0}>
            <table className="table meeting-schedule__table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Table</th>
                  <th scope="col">With</th>
                  <th scope="col">Where</th>
                </tr>
              </thead>
              <tbody>
                {day.slots.map((meeting) => (
                  <tr key={meeting.id}>
                    <td className="nowrap">{formatTimeRange(meeting.startsAt, meeting.endsAt, tz)}</td>
                    <td className="meeting-schedule__table-number">{meeting.table.number}</td>
                    <td>
                      {meeting.with.map((person) => (
                        <span key={person.id} className="meeting-schedule__person">
                          <strong>{person.name}</strong>
                          {person.organisation ? `, ${person.organisation.name}` : ''}
                        </span>
                      ))}
                    </td>
                    <td>{meeting.room ? meeting.room.name : event.venueName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  )
}
