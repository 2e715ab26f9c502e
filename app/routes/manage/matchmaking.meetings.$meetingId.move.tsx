import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, SelectField } from '#app/components/forms.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { getMeetingMoveForm, moveMeeting } from '#app/domain/meetings/moves.server.ts'
import { meetingTableLabel } from '#app/domain/meetings/meetings.ts'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/matchmaking.meetings.$meetingId.move'
import { parseForm } from '#app/lib/form.server.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const MoveSchema = z.object({
  slotId: z.string({ error: 'Choose the new time.' }).min(1, 'Choose the new time.').max(64),
  tableId: z.string().max(64).optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Move a meeting · ${loaderData.event.title} · Muster` : 'Move a meeting · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const form = await getMeetingMoveForm(db, { eventId: event.id, meetingId: params.meetingId })
  invariantResponse(form)
  return data({ event, ...form })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, MoveSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await moveMeeting(db, { eventId: event.id, meetingId: params.meetingId, slotId: submission.value.slotId, tableId: submission.value.tableId ?? null, actorId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  throw redirectWithNotice(href('/events/:slug/manage/matchmaking/meetings/:meetingId/move', { slug: event.slug, meetingId: params.meetingId }), { key: 'meeting-moved' })
}

export default function MoveMeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, meeting, slots, tables } = loaderData
  const tz = event.timeZone
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(MoveSchema),
    defaultValue: { slotId: meeting.slot.id, tableId: '' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveSchema }),
  })
  const people = meeting.people.map((person) => (person.organisation ? `${person.name} (${person.organisation.name})` : person.name))
  return (
    <>

      <section aria-labelledby="meeting-heading" className="panel">
        <h2 id="meeting-heading">Move a meeting</h2>
        <dl className="facts">
          <div>
            <dt>Between</dt>
            <dd>{people.join(' and ')}</dd>
          </div>
          <div>
            <dt>Now</dt>
            <dd>
              {formatShortDate(meeting.slot.startsAt, tz)}, {formatTimeRange(meeting.slot.startsAt, meeting.slot.endsAt, tz)}{' '}
              <ViewerTimeRange start={meeting.slot.startsAt} end={meeting.slot.endsAt} eventTimeZone={tz} />, {meetingTableLabel(meeting.table)}
            </dd>
          </div>
        </dl>
        <p className="field-hint">Both people get an email and the updated calendar invitation. Times are in {tz}.</p>

        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorList id={form.errorId} errors={form.errors} />
          <SelectField label="New time" selectProps={getSelectProps(fields.slotId)} errors={fields.slotId.errors}>
            {slots.map((slot) => (
              <option key={slot.id} value={slot.id}>
                {formatShortDate(slot.startsAt, tz)}, {formatTimeRange(slot.startsAt, slot.endsAt, tz)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Table" hint="The lowest free table skips tables reserved for other organisations." selectProps={getSelectProps(fields.tableId)} errors={fields.tableId.errors}>
            <option value="">Lowest free table</option>
            {tables.map((table) => (
              <option key={table.id} value={table.id}>
                {meetingTableLabel(table)}
                {table.reservedForOrganisation ? ` (reserved for ${table.reservedForOrganisation.name})` : ''}
              </option>
            ))}
          </SelectField>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Moving…' : 'Move the meeting'}
            </button>
            <Link to={href('/events/:slug/manage/matchmaking/meetings', { slug: event.slug })}>Back to all meetings</Link>
          </div>
        </Form>
      </section>
    </>
  )
}
