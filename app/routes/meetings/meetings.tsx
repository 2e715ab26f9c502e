import { data, Link, href } from 'react-router'
import { SlotTime } from '#app/components/meeting-slots.tsx'
import { getMeetingsOverview } from '#app/domain/meetings/views.server.ts'
import { meetingRequestExpiryLabels, meetingRequestStatusLabels, meetingRequestStatusTones, personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import { meetingDownloadPath } from '#app/lib/calendar-paths.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime, formatShortDate, formatTime } from '#app/lib/time.ts'
import { meetingArea } from './meetings-context.server.ts'
import type { Route } from './+types/meetings'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Your meetings · ${loaderData.event.title} · Muster` : 'Your meetings · Muster' }]
}

export async function loader({ context }: Route.LoaderArgs) {
  const { user, event } = meetingArea(context)
  const overview = await getMeetingsOverview(db, { eventId: event.id, userId: user.id })
  return data({ event, overview })
}

type Overview = Route.ComponentProps['loaderData']['overview']
type Person = Overview['upcoming'][number]['with'][number]

export default function MeetingsPage({ loaderData }: Route.ComponentProps) {
  const { event, overview } = loaderData
  const tz = event.timeZone
  const meetingLimit = event.maxMeetingsPerPerson
  const pendingLimit = event.maxPendingRequestsPerPerson
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">B2B meetings</p>
        <h1>Your meetings</h1>
        <p className="lede">
          <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
        </p>
        {overview.participant ? (
          <dl className="stat-grid meeting-counters">
            <div>
              <dt>Meetings booked</dt>
              <dd>
                {overview.counters.meetingsBooked}
                {meetingLimit !== null ? <span className="stat-grid__of"> of {meetingLimit}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Your requests waiting</dt>
              <dd>
                {overview.counters.pendingRequestsSent}
                {pendingLimit !== null ? <span className="stat-grid__of"> of {pendingLimit}</span> : null}
              </dd>
            </div>
          </dl>
        ) : null}
        <nav aria-label="Meetings" className="console-nav">
          <ul>
            <li>
              <Link className="chip" to={href('/events/:slug/matchmaking', { slug: event.slug })}>
                Find people to meet
              </Link>
            </li>
            <li>
              <Link className="chip" to={href('/events/:slug/meetings/availability', { slug: event.slug })}>
                Your availability
              </Link>
            </li>
            <li>
              <Link className="chip" to={href('/events/:slug/meetings/schedule', { slug: event.slug })}>
                Printable schedule
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      {!overview.participant ? (
        <p className="notice notice--warning">
          B2B meetings are for approved attendees with a matchmaking profile.{' '}
          <Link to={href('/events/:slug/matchmaking/profile', { slug: event.slug })}>Set up your profile</Link> to request and accept meetings.
        </p>
      ) : null}
      {event.booking.kind === 'not-yet-open' ? (
        <p className="notice">
          Booking opens on {formatShortDate(event.booking.opensAt, tz)} at {formatTime(event.booking.opensAt, tz)}.
        </p>
      ) : null}
      {event.booking.kind === 'closed' ? (
        <p className="notice">Booking is closed: no new meetings can be booked. You can still cancel and answer with a no.</p>
      ) : null}

      <section className="panel" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming meetings</h2>
        {overview.upcoming.length === 0 ? (
          <p className="muted">No meetings booked yet.</p>
        ) : (
          <ul className="meeting-list">
            {overview.upcoming.map((meeting) => (
              <li key={meeting.id} className="meeting-item">
                <div>
                  <p className="meeting-item__time">
                    <SlotTime slot={meeting.slot} timeZone={tz} withDate />
                  </p>
                  <p className="meeting-item__who">
                    With <People people={meeting.with} slug={event.slug} />
                  </p>
                  <p className="meeting-item__where">
                    <strong>Table {meeting.table.number}</strong>
                    {meeting.source !== 'REQUEST' ? <span className="badge">Arranged by the organisers</span> : null}
                  </p>
                </div>
                <div className="meeting-item__actions">
                  <a className="button button--quiet" href={meetingDownloadPath(event.slug, meeting.id)}>
                    Add to calendar
                  </a>
                  <Link className="button button--danger" to={href('/events/:slug/meetings/:meetingId/cancel', { slug: event.slug, meetingId: meeting.id })}>
                    Cancel<span className="visually-hidden"> the meeting at {formatTime(meeting.slot.startsAt, tz)}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="incoming-heading">
        <h2 id="incoming-heading">Waiting for your answer</h2>
        <RequestList requests={overview.waitingForMe} timeZone={tz} slug={event.slug} empty="Nothing waits for your answer." action="Answer" />
      </section>

      <section className="panel" aria-labelledby="outgoing-heading">
        <h2 id="outgoing-heading">Waiting for the other side</h2>
        <RequestList requests={overview.waitingForThem} timeZone={tz} slug={event.slug} empty="No requests waiting for others." action="View" />
      </section>

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {overview.pastOrCancelled.length === 0 && overview.closedRequests.length === 0 ? <p className="muted">Nothing yet.</p> : null}
        {overview.pastOrCancelled.length > 0 ? (
          <div className="table-scroll" role="region" aria-label="Past and cancelled meetings, table" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">Past and cancelled meetings</caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">With</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {overview.pastOrCancelled.map((meeting) => (
                  <tr key={meeting.id}>
                    <td>
                      <SlotTime slot={meeting.slot} timeZone={tz} withDate />, table {meeting.table.number}
                    </td>
                    <td>
                      <People people={meeting.with} slug={event.slug} />
                    </td>
                    <td>
                      {meeting.status === 'CANCELLED' ? (
                        <span className="badge badge--danger">Cancelled</span>
                      ) : (
                        <span className="badge badge--break">Took place</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {overview.closedRequests.length > 0 ? (
          <div className="table-scroll" role="region" aria-label="Answered and closed requests, table" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">Answered and closed requests</caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {overview.closedRequests.map((request) => (
                  <tr key={request.id}>
                    <td>
                      <Link to={href('/events/:slug/meetings/requests/:requestId', { slug: event.slug, requestId: request.id })}>
                        {request.sentByMe ? 'To' : 'From'} {personWithOrganisation(request.other)}
                      </Link>
                    </td>
                    <td>
                      <span className={`badge badge--${meetingRequestStatusTones[request.status]}`}>{meetingRequestStatusLabels[request.status]}</span>
                      {request.expiredBecause ? <span className="muted"> {meetingRequestExpiryLabels[request.expiredBecause]}</span> : null}
                    </td>
                    <td>{formatDateTime(request.updatedAt, tz)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  )
}

/** Names link to the person's matchmaking profile. */
function People({ people, slug }: { people: readonly Person[]; slug: string }) {
  return (
    <>
      {people.map((person, index) => (
        <span key={person.id}>
          {index > 0 ? ', ' : ''}
          <Link to={href('/events/:slug/matchmaking/people/:userId', { slug, userId: person.id })}>
            <strong>{person.name}</strong>
          </Link>
          {person.jobTitle || person.organisation ? ` (${[person.jobTitle, person.organisation?.name].filter(Boolean).join(', ')})` : ''}
        </span>
      ))}
    </>
  )
}

function RequestList({
  requests,
  timeZone,
  slug,
  empty,
  action,
}: {
  requests: Overview['waitingForMe']
  timeZone: string
  slug: string
  empty: string
  action: string
}) {
  const base = href('/events/:slug/meetings', { slug })
  if (requests.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="meeting-list">
      {requests.map((request) => (
        <li key={request.id} className="meeting-item">
          <div>
            <p className="meeting-item__who">
              {request.sentByMe ? 'To' : 'From'} <People people={[request.other]} slug={slug} />
            </p>
            <p className="meeting-item__times">
              {request.proposedSlots.length === 1 ? 'Proposed time: ' : 'Proposed times: '}
              {request.proposedSlots.map((slot, index) => (
                <span key={slot.id}>
                  {index > 0 ? '; ' : ''}
                  <SlotTime slot={slot} timeZone={timeZone} withDate={index === 0} />
                </span>
              ))}
            </p>
            {request.message ? <p className="meeting-item__message">“{request.message}”</p> : null}
          </div>
          <div className="meeting-item__actions">
            <Link className={`button${action === 'Answer' ? ' button--primary' : ''}`} to={`${base}/requests/${request.id}`}>
              {action}
              <span className="visually-hidden"> the request {request.sentByMe ? 'to' : 'from'} {request.other.name}</span>
            </Link>
          </div>
        </li>
      ))}
    </ul>
  )
}
