import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, TextareaField } from '#app/components/forms.tsx'
import { MatchmakingErrorBoundary } from '#app/components/matchmaking.tsx'
import { SlotChoices } from '#app/components/meeting-slots.tsx'
import { getRequestForm } from '#app/domain/meetings/views.server.ts'
import { requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { MAX_PROPOSED_SLOTS, MEETING_MESSAGE_MAX_LENGTH } from '#app/domain/meetings/meetings.ts'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import { requireMatchmakingOutsideArea } from '#app/routes/matchmaking/access.server.ts'
import { meetingArea } from './meetings-context.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/request.$userId'
import { parseForm } from '#app/lib/form.server.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const RequestSchema = z.object({
  slotIds: z
    .array(z.string().max(64), { error: 'Choose at least one time.' })
    .min(1, 'Choose at least one time.')
    .max(MAX_PROPOSED_SLOTS, `Choose at most ${MAX_PROPOSED_SLOTS} times.`),
  message: z.string().trim().max(MEETING_MESSAGE_MAX_LENGTH, `Keep it under ${MEETING_MESSAGE_MAX_LENGTH} characters.`).optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Request a meeting with ${loaderData.form.recipient.name} · Muster` : 'Request a meeting · Muster' }]
}

// The form shows the other person's name, organisation, headline and free times: only to those
// who may browse the event's participants, as on their profile page.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event } = meetingArea(context)
  const { user } = await requireMatchmakingOutsideArea(request, params.slug, 'browse')
  const form = await getRequestForm(db, { eventId: event.id, requesterId: user.id, recipientId: params.userId })
  invariantResponse(form)
  return data({ event, form })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event } = meetingArea(context)
  const { user } = await requireMatchmakingOutsideArea(request, params.slug, 'browse')
  const submission = await parseForm(request, RequestSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await requestMeeting(db, {
      eventId: event.id,
      requesterId: user.id,
      recipientId: params.userId,
      slotIds: submission.value.slotIds,
      message: submission.value.message,
    })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  throw redirectWithNotice(href('/events/:slug/meetings', { slug: event.slug }), { key: 'meeting-requested' })
}

export { MatchmakingErrorBoundary as ErrorBoundary }

export default function RequestMeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, form: page } = loaderData
  const { recipient } = page
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(RequestSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }),
  })
  const affiliation = [recipient.jobTitle, recipient.organisation?.name].filter(Boolean).join(', ')
  const canRequest = page.requesterTakesPart && !page.openRequestId && !page.existingMeeting && event.booking.kind === 'open' && page.freeSlots.length > 0

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug/meetings', { slug: event.slug })}>Your meetings</Link>
        </p>
        <p className="eyebrow">Request a B2B meeting · {event.title}</p>
        <h1>{recipient.name}</h1>
        {affiliation ? <p className="lede">{affiliation}</p> : null}
        {recipient.headline ? <p>{recipient.headline}</p> : null}
      </header>

      {!page.requesterTakesPart ? (
        <p className="notice notice--warning">
          Meetings are for approved attendees with a matchmaking profile.{' '}
          <Link to={href('/events/:slug/matchmaking/profile', { slug: event.slug })}>Set up your profile</Link> first.
        </p>
      ) : page.existingMeeting ? (
        <p className="notice notice--success">
          You already meet {recipient.name} at {formatTime(page.existingMeeting.startsAt, event.timeZone)} on{' '}
          {formatShortDate(page.existingMeeting.startsAt, event.timeZone)}, {page.existingMeeting.table}.{' '}
          <Link to={href('/events/:slug/meetings', { slug: event.slug })}>See your meetings</Link>
        </p>
      ) : page.openRequestId ? (
        <p className="notice">
          You and {recipient.name} already have an open request. <Link to={href('/events/:slug/meetings/requests/:requestId', { slug: event.slug, requestId: page.openRequestId })}>Open it</Link> to
          answer, change the times or withdraw it.
        </p>
      ) : event.booking.kind !== 'open' ? (
        <p className="notice">Meeting booking is not open at the moment.</p>
      ) : page.freeSlots.length === 0 ? (
        <p className="notice">You and {recipient.name} have no free B2B slot in common any more.</p>
      ) : null}

      {canRequest ? (
        <section className="panel" aria-labelledby="request-heading">
          <h2 id="request-heading">Propose times</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <ErrorList id={form.errorId} errors={form.errors} />
            <SlotChoices
              field={fields.slotIds}
              legend="When could you meet?"
              hint={`Times both of you are free, in the event's time zone. Choose up to ${MAX_PROPOSED_SLOTS}; ${recipient.name} accepts one.`}
              slots={page.freeSlots}
              timeZone={event.timeZone}
              type="checkbox"
            />
            <TextareaField
              label="Message (optional)"
              hint="Say briefly why you would like to meet."
              errors={fields.message.errors}
              textareaProps={{ ...getTextareaProps(fields.message), rows: 4, maxLength: MEETING_MESSAGE_MAX_LENGTH }}
            />
            <button type="submit" className="button button--primary" disabled={busy}>
              Send request
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
