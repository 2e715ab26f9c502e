// A published event's new dates or time zone, in two steps like an agenda change: review (old
// beside new, what moves, every message it sends), then save and notify. Drafts change their
// dates in the details form.
import { getCollectionProps, getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { EventWideChangeClosed, EventWideChangeReview } from '#app/components/event-wide-change-review.tsx'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { RescheduleSchema, rescheduleKeeps } from '#app/domain/events/event-details.ts'
import { getEventSettings } from '#app/domain/events/event-setup.server.ts'
import { applyReschedule, planReschedule } from '#app/domain/events/reschedule.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateSpan, formatEventHours } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/settings.dates'

const RescheduleFormSchema = RescheduleSchema.extend({
  intent: z.enum(['review', 'apply']),
  expectedUpdatedAt: z.iso.datetime().optional(),
})

const keepLabels: Record<(typeof rescheduleKeeps)[number], string> = {
  'wall-clock': 'The same time of day in the new zone (09:00 stays 09:00)',
  instants: 'The same moments, shown in the new zone (09:00 in the old zone may become 08:00)',
}

const zoneNames = Intl.supportedValuesOf('timeZone')

/** "Moving with the event: 12 sessions and 40 meeting slots." — only what the event has. */
function movingSentence(moving: { sessions: number; slots: number; meetings: number }) {
  const count = (n: number, one: string, many: string) => (n === 0 ? null : `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`)
  const parts = [count(moving.sessions, 'session', 'sessions'), count(moving.slots, 'meeting slot', 'meeting slots'), count(moving.meetings, 'booked meeting', 'booked meetings')].filter(Boolean)
  if (parts.length === 0) return 'The event has no sessions or meetings yet.'
  return `Moving with the event: ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`}.`
}

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `New dates · ${loaderData.event.title} · Muster` : 'New dates · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const settings = await getEventSettings(db, event.id)
  return data({
    event,
    status: settings.status,
    current: { startsAt: settings.startsAt, endsAt: settings.endsAt, timeZone: settings.values.timeZone, firstDay: settings.values.startsAt.slice(0, 10) },
  })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = parseWithZod(await readForm(request, RescheduleFormSchema), { schema: RescheduleFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), plan: null }, { status: 400 })
  const { intent, expectedUpdatedAt, ...values } = submission.value
  try {
    if (intent === 'review' || !expectedUpdatedAt) {
      return data({ result: submission.reply(), plan: await planReschedule(db, { eventId: event.id, values }) })
    }
    const applied = await applyReschedule(db, { eventId: event.id, actorId: user.id, ipAddress: clientInfo(request).ipAddress, values, expectedUpdatedAt })
    return redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), {
      key: 'dates-changed',
      registrants: applied.registrants,
      invites: applied.sessionMessages + applied.meetingMessages,
    })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), plan: null }, refusalStatus(refusal))
  }
}

export default function ChangeDates({ loaderData, actionData }: Route.ComponentProps) {
  const { event, status, current } = loaderData
  const plan = actionData?.plan ?? null
  const busy = useNavigation().state !== 'idle'
  const settingsPath = href('/events/:slug/manage/settings', { slug: event.slug })
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { firstDay: current.firstDay, timeZone: current.timeZone, keep: 'wall-clock' },
    constraint: getZodConstraint(RescheduleFormSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RescheduleFormSchema }),
  })
  const startsAt = new Date(current.startsAt)
  const endsAt = new Date(current.endsAt)

  if (status !== 'PUBLISHED') return <EventWideChangeClosed heading="New dates" what="dates" status={status} settingsPath={settingsPath} />

  return (
    <section className="panel" aria-labelledby="dates-heading">
      <h2 id="dates-heading">New dates or time zone</h2>
      <p className="lede">
        Now: {formatDateSpan(startsAt, endsAt, current.timeZone)}, {formatEventHours(startsAt, endsAt, current.timeZone)} ({current.timeZone}). Every session, B2B window and meeting
        moves with the event by whole days, keeping its weekday and time of day. Registrants are told by email and every invitation they hold is updated.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label="New first day" errors={fields.firstDay.errors} inputProps={getInputProps(fields.firstDay, { type: 'date' })} />
        <Field
          label="Time zone"
          hint="Type to search, e.g. Brussels or America/New_York."
          errors={fields.timeZone.errors}
          inputProps={{ ...getInputProps(fields.timeZone, { type: 'text' }), list: 'reschedule-time-zones', autoComplete: 'off', spellCheck: false }}
        />
        <datalist id="reschedule-time-zones">
          {zoneNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <fieldset className="field choice-group">
          <legend>If the time zone changes, sessions and meetings keep</legend>
          {getCollectionProps(fields.keep, { type: 'radio', options: [...rescheduleKeeps] }).map(({ key, ...props }) => (
            <label key={key} className="choice">
              <input {...props} />
              {keepLabels[props.value as (typeof rescheduleKeeps)[number]]}
            </label>
          ))}
          <ErrorList id={fields.keep.errorId} errors={fields.keep.errors} />
        </fieldset>
        {plan ? (
          <EventWideChangeReview changes={plan.changes} recipients={plan.recipients} expectedUpdatedAt={plan.expectedUpdatedAt} busy={busy}>
            <p>{movingSentence(plan.moving)} The registration and booking windows stay as they are.</p>
          </EventWideChangeReview>
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
