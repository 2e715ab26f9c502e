import { data, Form, Link, useNavigation, href } from 'react-router'
import { SlotTime } from '#app/components/meeting-slots.tsx'
import { getOwnMeeting } from '#app/domain/meetings/views.server.ts'
import { cancelMeeting } from '#app/domain/meetings/meetings.server.ts'
import { personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import { db } from '#app/lib/db.server.ts'
import { meetingArea } from './meetings-context.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/$meetingId.cancel'
import { invariantResponse, refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Cancel a meeting · Muster' }]
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user, event } = meetingArea(context)
  const meeting = await getOwnMeeting(db, { eventId: event.id, meetingId: params.meetingId, userId: user.id })
  invariantResponse(meeting)
  return data({ event, meeting })
}

export async function action({ params, context }: Route.ActionArgs) {
  const { user, event } = meetingArea(context)
  try {
    await cancelMeeting(db, { eventId: event.id, meetingId: params.meetingId, userId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ error: refusal.message }, refusalStatus(refusal))
  }
  throw redirectWithNotice(href('/events/:slug/meetings', { slug: event.slug }), { key: 'meeting-cancelled' })
}

export default function CancelMeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, meeting } = loaderData
  const busy = useNavigation().state === 'submitting'
  const others = meeting.with.map(personWithOrganisation).join(', ')
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug/meetings', { slug: event.slug })}>Your meetings</Link>
        </p>
        <p className="eyebrow">B2B meeting · {event.title}</p>
        <h1>Cancel your meeting with {others}?</h1>
      </header>
      {actionData?.error ? (
        <p className="notice notice--danger" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {meeting.status === 'CANCELLED' ? (
        <p className="notice">This meeting is already cancelled.</p>
      ) : (
        <section className="panel" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">
            <SlotTime slot={meeting.slot} timeZone={event.timeZone} withDate />, table {meeting.table.number}
          </h2>
          <p>
            The time and the table become free again, and you both get an email that removes the meeting from your calendars. To meet
            later, one of you sends a new request.
          </p>
          <div className="button-row">
            <Form method="post">
              <button type="submit" className="button button--danger" disabled={busy}>
                Yes, cancel the meeting
              </button>
            </Form>
            <Link to={href('/events/:slug/meetings', { slug: event.slug })} className="button">
              Keep the meeting
            </Link>
          </div>
        </section>
      )}
    </div>
  )
}
