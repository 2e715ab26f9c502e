// A published event's new venue, in two steps like an agenda change: review (the old venue beside
// the new, who will be told), then save and notify. Drafts change their venue in the details form.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { EventWideChangeClosed, EventWideChangeReview } from '#app/components/event-wide-change-review.tsx'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { VenueChangeSchema } from '#app/domain/events/event-details.ts'
import { getEventSettings } from '#app/domain/events/event-setup.server.ts'
import { applyVenueChange, planVenueChange } from '#app/domain/events/venue-change.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/settings.venue'

const VenueFormSchema = VenueChangeSchema.extend({
  intent: z.enum(['review', 'apply']),
  expectedUpdatedAt: z.iso.datetime().optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `New venue · ${loaderData.event.title} · Muster` : 'New venue · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const settings = await getEventSettings(db, event.id)
  return data({ event, status: settings.status, venue: { venueName: settings.values.venueName, venueAddress: settings.values.venueAddress } })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = parseWithZod(await readForm(request, VenueFormSchema), { schema: VenueFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), plan: null }, { status: 400 })
  const { intent, expectedUpdatedAt, ...values } = submission.value
  try {
    if (intent === 'review' || !expectedUpdatedAt) {
      return data({ result: submission.reply(), plan: await planVenueChange(db, { eventId: event.id, values }) })
    }
    const applied = await applyVenueChange(db, { eventId: event.id, actorId: user.id, ipAddress: clientInfo(request).ipAddress, values, expectedUpdatedAt })
    return redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), { key: 'venue-changed', registrants: applied.registrants, invites: applied.sessionMessages + applied.meetingMessages })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), plan: null }, refusalStatus(refusal))
  }
}

export default function ChangeVenue({ loaderData, actionData }: Route.ComponentProps) {
  const { event, status, venue } = loaderData
  const plan = actionData?.plan ?? null
  const busy = useNavigation().state !== 'idle'
  const settingsPath = href('/events/:slug/manage/settings', { slug: event.slug })
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: venue,
    constraint: getZodConstraint(VenueFormSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VenueFormSchema }),
  })

  if (status !== 'PUBLISHED') return <EventWideChangeClosed heading="New venue" what="venue" status={status} settingsPath={settingsPath} />

  return (
    <section className="panel" aria-labelledby="venue-heading">
      <h2 id="venue-heading">New venue</h2>
      <p className="lede">
        Registrants are told by email; every invitation they hold (the event, its sessions, their B2B meetings) is updated. The dates and times stay as they are. Now: {venue.venueName},{' '}
        {venue.venueAddress}.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label="Venue" errors={fields.venueName.errors} inputProps={{ ...getInputProps(fields.venueName, { type: 'text' }), autoComplete: 'off' }} />
        <Field label="Venue address" errors={fields.venueAddress.errors} inputProps={{ ...getInputProps(fields.venueAddress, { type: 'text' }), autoComplete: 'off' }} />
        {plan ? (
          <EventWideChangeReview
            changes={[
              { label: 'Venue', before: plan.before.venueName, after: plan.after.venueName },
              { label: 'Address', before: plan.before.venueAddress, after: plan.after.venueAddress },
            ]}
            recipients={plan.recipients}
            expectedUpdatedAt={plan.expectedUpdatedAt}
            busy={busy}
          />
        ) : null}
        <div className="button-row">
          <button className={`button${plan ? '' : ' button--primary'}`} type="submit" name="intent" value="review" disabled={busy}>
            {plan ? 'Review again' : 'Review the change'}
          </button>
          <Link className="button button--quiet" to={settingsPath}>
            Back to the settings
          </Link>
        </div>
      </Form>
    </section>
  )
}
