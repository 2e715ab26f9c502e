// One session in the organiser's agenda editor: create it, or change it in two steps (review
// what changes and who will be told, then save and notify), or cancel it.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ChangeTable } from '#app/components/change-table.tsx'
import { ErrorList, Field, SelectField, TextareaField } from '#app/components/forms.tsx'
import {
  applySessionChange,
  cancelSession,
  createSession,
  getAgendaEditor,
  getSessionForEditing,
  planSessionCancellation,
  planSessionChange,
} from '#app/domain/agenda/editor.server.ts'
import { sessionKindLabels, sessionKinds } from '#app/domain/agenda/agenda.ts'
import { SessionFormSchema } from '#app/domain/agenda/session-form.ts'
import { db } from '#app/lib/db.server.ts'
import { calendarDayParts } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/agenda.session'
import { readForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal, throwRefusal } from '#app/lib/domain-error.server.ts'

const IntentSchema = z.object({
  intent: z.enum(['create', 'preview', 'apply', 'cancel-preview', 'cancel-confirm']),
  expectedUpdatedAt: z.iso.datetime().optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  const name = loaderData?.editing ? loaderData.editing.session.title : 'New session'
  return [{ title: `${name} · Agenda · Muster` }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const editor = await getAgendaEditor(db, event.id)
  const editing = params.sessionId === 'new' ? null : await getSessionForEditing(db, { eventId: event.id, sessionId: params.sessionId })
  if (params.sessionId !== 'new' && !editing) throw data(null, { status: 404 })
  return data(
    {
      event,
      editing,
      firstDay: calendarDayParts(editor.event.startsAt, event.timeZone).key,
      pickLists: { tracks: editor.tracks, rooms: editor.rooms, speakers: editor.speakers },
      warnings: editing ? editor.warnings.filter((warning) => warning.sessionId === editing.session.id).map((warning) => warning.message) : [],
    }
  )
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const formData = await readForm(request, z.union([IntentSchema, SessionFormSchema]))
  const intent = IntentSchema.safeParse(Object.fromEntries(formData))
  if (!intent.success) throw data(null, { status: 400 })
  const listPath = href('/events/:slug/manage/agenda', { slug: event.slug })
  const sessionId = params.sessionId

  if (intent.data.intent === 'cancel-preview' || intent.data.intent === 'cancel-confirm') {
    if (sessionId === 'new') throw data(null, { status: 400 })
    try {
      if (intent.data.intent === 'cancel-preview') {
        return { result: null, plan: null, cancelPlan: await planSessionCancellation(db, { eventId: event.id, sessionId }) }
      }
      const cancelled = await cancelSession(db, { eventId: event.id, sessionId, actorId: user.id })
      return redirectWithNotice(listPath, { key: 'session-cancelled', notified: cancelled.notified })
    } catch (error) {
      const refusal = refusalOf(error)
      return data({ result: null, plan: null, cancelPlan: null, error: refusal.message }, refusalStatus(refusal))
    }
  }

  const submission = parseWithZod(formData, { schema: SessionFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), plan: null, cancelPlan: null }, { status: 400 })
  const values = submission.value
  try {
    if (intent.data.intent === 'create' || sessionId === 'new') {
      await createSession(db, { eventId: event.id, actorId: user.id, values })
      return redirectWithNotice(listPath, { key: 'session-created' })
    }
    if (intent.data.intent === 'preview') {
      return { result: submission.reply(), plan: await planSessionChange(db, { eventId: event.id, sessionId, values }), cancelPlan: null }
    }
    if (!intent.data.expectedUpdatedAt) throw data(null, { status: 400 })
    const applied = await applySessionChange(db, {
      eventId: event.id,
      sessionId,
      actorId: user.id,
      values,
      expectedUpdatedAt: new Date(intent.data.expectedUpdatedAt),
    })
    return redirectWithNotice(listPath, { key: 'session-saved', notified: applied.notified })
  } catch (error) {
    const refusal = refusalOf(error)
    // The session itself is gone: the page answers 404, not a form message.
    if (refusal.reason === 'not-found') throwRefusal(refusal)
    return data({ result: replyWithRefusal(submission, refusal), plan: null, cancelPlan: null }, refusalStatus(refusal))
  }
}

export default function ManageAgendaSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, editing, pickLists, firstDay, warnings } = loaderData
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const isNew = editing === null
  const [form, fields] = useForm({
    lastResult: actionData?.result as SubmissionResult<string[]> | null | undefined,
    defaultValue: editing?.formValues ?? { kind: 'BREAKOUT', date: firstDay, startTime: '14:00', endTime: '15:00', signUpRequired: 'on' },
    constraint: getZodConstraint(SessionFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionFormSchema }),
  })
  const plan = actionData && 'plan' in actionData ? actionData.plan : null
  // Everyone the save tells: the session's holders and the people of the meetings moving with a window.
  const notifying = plan ? plan.recipients.count + plan.meetingPeople : 0
  const cancelPlan = actionData && 'cancelPlan' in actionData ? actionData.cancelPlan : null
  const cancelError = actionData && 'error' in actionData ? actionData.error : null
  const selectedSpeakers = new Set((fields.speakerIds.value as string[] | string | undefined) ?? [])
  const listPath = href('/events/:slug/manage/agenda', { slug: event.slug })
  return (
    <>
      <p className="back-link">
        <Link to={listPath}>Agenda</Link>
      </p>
      <h2>{isNew ? 'New session' : editing.session.title}</h2>
      {warnings.length > 0 ? (
        <div className="notice notice--warning">
          <p>
            <strong>Check:</strong>
          </p>
          <ul className="plain-list">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack agenda-session-form">
        {editing ? <input type="hidden" name="expectedUpdatedAt" value={editing.session.updatedAt.toISOString()} /> : null}
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label="Title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: 'text' })} />
        <TextareaField label="Abstract" hint="Changes to the abstract notify nobody." errors={fields.abstract.errors} textareaProps={{ ...getTextareaProps(fields.abstract), rows: 5 }} />
        <div className="field-row">
          <SelectField label="Kind" errors={fields.kind.errors} selectProps={getSelectProps(fields.kind)}>
            {sessionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {sessionKindLabels[kind]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Track" errors={fields.trackId.errors} selectProps={getSelectProps(fields.trackId)}>
            <option value="">No track</option>
            {pickLists.tracks.map((track) => (
              <option key={track.id} value={track.id}>
                {track.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Room" errors={fields.roomId.errors} selectProps={getSelectProps(fields.roomId)}>
            <option value="">No room</option>
            {pickLists.rooms.map((room) => (
              <option key={room.id} value={room.id}>
                {room.capacity ? `${room.name} (${room.capacity} seats)` : room.name}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="form-section">
          <legend>When, in {event.timeZone}</legend>
          <div className="field-row">
            <Field label="Day" errors={fields.date.errors} inputProps={getInputProps(fields.date, { type: 'date' })} />
            <Field label="Starts" errors={fields.startTime.errors} inputProps={getInputProps(fields.startTime, { type: 'time' })} />
            <Field label="Ends" errors={fields.endTime.errors} inputProps={getInputProps(fields.endTime, { type: 'time' })} />
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Seats</legend>
          <div className="choice">
            <input {...getInputProps(fields.signUpRequired, { type: 'checkbox' })} />
            <label htmlFor={fields.signUpRequired.id}>Attendees sign up (seats are limited, with a waiting list)</label>
          </div>
          <ErrorList id={fields.signUpRequired.errorId} errors={fields.signUpRequired.errors} />
          <Field
            label="Capacity"
            hint="Empty: the room's capacity, or unlimited without a room."
            errors={fields.capacity.errors}
            inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), min: 1, inputMode: 'numeric' }}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>Speakers</legend>
          {pickLists.speakers.length === 0 ? (
            <p className="muted">
              No speakers yet. <Link to={`${href('/events/:slug/manage/agenda/setup', { slug: event.slug })}#speakers`}>Add speakers</Link>
            </p>
          ) : (
            <div className="choice-columns">
              {pickLists.speakers.map((speaker) => (
                <div className="choice" key={speaker.id}>
                  <input
                    type="checkbox"
                    id={`speaker-${speaker.id}`}
                    name={fields.speakerIds.name}
                    value={speaker.id}
                    defaultChecked={selectedSpeakers.has(speaker.id) || (typeof fields.speakerIds.value === 'string' && fields.speakerIds.value === speaker.id)}
                  />
                  <label htmlFor={`speaker-${speaker.id}`}>
                    {speaker.name}
                    {speaker.organisationName ? <span className="muted"> · {speaker.organisationName}</span> : null}
                  </label>
                </div>
              ))}
            </div>
          )}
          <ErrorList id={fields.speakerIds.errorId} errors={fields.speakerIds.errors} />
        </fieldset>

        {plan ? (
          <section className="panel change-preview" aria-labelledby="preview-heading" aria-live="polite">
            <h3 id="preview-heading">Review your change</h3>
            {plan.changes.length > 0 ? (
              <ChangeTable changes={plan.changes} />
            ) : (
              <p>Nothing that attendees have in their calendars changes.</p>
            )}
            {plan.quietChanges.length > 0 ? <p className="muted">Also saved without notifying anyone: {plan.quietChanges.join(', ')}.</p> : null}
            {plan.changes.length > 0 ? (
              plan.recipients.count > 0 ? (
                <p>
                  <strong>{plan.recipients.count === 1 ? '1 person' : `${plan.recipients.count} people`}</strong> will get an email saying what changed
                  {plan.recipients.withInvite > 0 ? `, ${plan.recipients.withInvite} of them with the updated calendar invite` : ''}:{' '}
                  {plan.recipients.names.join(', ')}
                  {plan.recipients.count > plan.recipients.names.length ? ` and ${plan.recipients.count - plan.recipients.names.length} more` : ''}.
                </p>
              ) : plan.meetingPeople > 0 ? null : (
                <p>Nobody has this session in their calendar yet: no one will be notified.</p>
              )
            ) : null}
            {plan.meetingPeople > 0 ? (
              <p>
                <strong>{plan.meetingPeople === 1 ? '1 person' : `${plan.meetingPeople} people`}</strong> with upcoming B2B meetings in this window will get the new
                place with their updated meeting invite.
              </p>
            ) : null}
            {plan.warnings.length > 0 ? (
              <ul className="agenda-warnings">
                {plan.warnings.map((warning) => (
                  <li key={warning.message}>{warning.message}</li>
                ))}
              </ul>
            ) : null}
            <div className="button-row">
              <button className="button button--primary" type="submit" name="intent" value="apply" disabled={busy}>
                {plan.changes.length > 0 && notifying > 0
                  ? `Save and notify ${notifying === 1 ? '1 person' : `${notifying} people`}`
                  : 'Save'}
              </button>
            </div>
          </section>
        ) : null}

        <div className="button-row">
          {isNew ? (
            <button className="button button--primary" type="submit" name="intent" value="create" disabled={busy}>
              Create session
            </button>
          ) : (
            <button className={`button${plan ? '' : ' button--primary'}`} type="submit" name="intent" value="preview" disabled={busy}>
              {plan ? 'Review again' : 'Review changes'}
            </button>
          )}
          <Link className="button button--quiet" to={listPath}>
            Back to the agenda
          </Link>
        </div>
      </Form>

      {editing && editing.session.status === 'SCHEDULED' ? (
        <section className="panel danger-zone" aria-labelledby="cancel-heading">
          <h3 id="cancel-heading">Cancel this session</h3>
          {cancelError ? (
            <p className="notice notice--danger" role="alert">
              {cancelError}
            </p>
          ) : null}
          <Form method="post">
            {cancelPlan ? (
              <>
                <p role="status">
                  {cancelPlan.count > 0
                    ? `${cancelPlan.count === 1 ? '1 person' : `${cancelPlan.count} people`} will get the cancellation and have it removed from their calendar: ${cancelPlan.names.join(', ')}${cancelPlan.count > cancelPlan.names.length ? ` and ${cancelPlan.count - cancelPlan.names.length} more` : ''}.`
                    : 'Nobody has this session in their calendar: no one will be notified.'}
                </p>
                <button className="button button--danger" type="submit" name="intent" value="cancel-confirm" disabled={busy}>
                  Cancel the session{cancelPlan.count > 0 ? ` and notify ${cancelPlan.count}` : ''}
                </button>
              </>
            ) : (
              <button className="button button--danger" type="submit" name="intent" value="cancel-preview" disabled={busy}>
                Cancel this session…
              </button>
            )}
          </Form>
        </section>
      ) : null}
    </>
  )
}
