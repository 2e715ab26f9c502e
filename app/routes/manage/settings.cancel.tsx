// Cancelling a published event: who it reaches, a reason everyone reads, and the event's title
// typed to confirm. The domain does the rest in one transaction (event-cancellation.server.ts).
import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { ErrorList, Field, TextareaField } from '#app/components/forms.tsx'
import { cancelEvent, planEventCancellation } from '#app/domain/events/event-cancellation.server.ts'
import { EventCancellationSchema, eventCancellationSchemaFor } from '#app/domain/events/event-details.ts'
import { getEventSettings } from '#app/domain/events/event-setup.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/settings.cancel'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Cancel the event · ${loaderData.event.title} · Muster` : 'Cancel the event · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const [settings, plan] = await Promise.all([getEventSettings(db, event.id), planEventCancellation(db, event.id)])
  return data({ event, status: settings.status, plan })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = parseWithZod(await readForm(request, EventCancellationSchema), { schema: eventCancellationSchemaFor(event.title) })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const cancelled = await cancelEvent(db, { eventId: event.id, actorId: user.id, ipAddress: clientInfo(request).ipAddress, reason: submission.value.reason })
    return redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), {
      key: 'event-cancelled',
      registrants: cancelled.registrations,
      invites: cancelled.sessionMessages + cancelled.meetingMessages,
    })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

export default function CancelEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { event, status, plan } = loaderData
  const busy = useNavigation().state !== 'idle'
  const settingsPath = href('/events/:slug/manage/settings', { slug: event.slug })
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(EventCancellationSchema),
    shouldValidate: 'onBlur',
    // A message clears while the title is typed, so the button does not move under the pointer on blur.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventCancellationSchemaFor(event.title) }),
  })
  if (status !== 'PUBLISHED') {
    return (
      <section className="panel" aria-labelledby="cancel-heading">
        <h2 id="cancel-heading">Cancel the event</h2>
        <p>{status === 'DRAFT' ? 'A draft has never been public: there is nothing to cancel and nobody to tell.' : 'This event is already cancelled; everyone registered has been told.'}</p>
        <Link className="button" to={settingsPath}>
          Back to the settings
        </Link>
      </section>
    )
  }
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
  return (
    <section className="panel danger-zone" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel the event</h2>
      <p className="lede">This cannot be undone. The event page will say it is cancelled, with your reason, and registration closes.</p>
      <ul className="plain-list cancel-summary">
        <li>{count(plan.registrations, 'registration is', 'registrations are')} cancelled, and each person gets one email with your reason{plan.withSeat > 0 ? ` (${count(plan.withSeat, 'holds a seat', 'hold seats')}: the event is removed from their calendars)` : ''}.</li>
        <li>{count(plan.sessions, 'session is', 'sessions are')} withdrawn from the calendars of everyone who holds them.</li>
        <li>{count(plan.meetings, 'booked B2B meeting is', 'booked B2B meetings are')} cancelled for both sides; open meeting requests close.</li>
      </ul>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextareaField label="Why is the event cancelled?" hint="Everyone registered reads this, and the event page shows it." errors={fields.reason.errors} textareaProps={{ ...getTextareaProps(fields.reason), rows: 3 }} />
        <Field label={`Type the event’s title to confirm: ${event.title}`} errors={fields.confirmTitle.errors} inputProps={{ ...getInputProps(fields.confirmTitle, { type: 'text' }), autoComplete: 'off' }} />
        <div className="button-row">
          <button className="button button--danger" type="submit" disabled={busy}>
            Cancel the event and tell everyone
          </button>
          <Link className="button button--quiet" to={settingsPath}>
            Keep the event
          </Link>
        </div>
      </Form>
    </section>
  )
}
