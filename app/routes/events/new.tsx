// A new event, for event creators and platform administrators: the details form, or a copy of
// an earlier event moved to a new first day. Either is saved as a draft that only its staff
// see; the creator becomes its owner and lands on its settings.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { EventDetailsForm } from '#app/components/event-details-form.tsx'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { cloneEvent, listCloneSources } from '#app/domain/events/event-cloning.server.ts'
import { EventCloneSchema, EventDetailsSchema } from '#app/domain/events/event-details.ts'
import { createEvent, mayCreateEvents } from '#app/domain/events/event-setup.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, replyWithRefusal, refusalStatus } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateSpan } from '#app/lib/time.ts'
import type { Route } from './+types/new'

const CloneFormSchema = EventCloneSchema.extend({ intent: z.literal('clone') })

export function meta(): Route.MetaDescriptors {
  return [{ title: 'New event · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  if (!mayCreateEvents(user)) {
    logSecurityEvent(request, 'access.refused', { userId: user.id, needs: 'event creator' })
    return data({ mayCreate: false, sources: [] }, { status: 403 })
  }
  const sources = await listCloneSources(db, user)
  return { mayCreate: true, sources: sources.map(({ startsAt, timeZone, ...source }) => ({ ...source, dates: formatDateSpan(startsAt, startsAt, timeZone) })) }
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  if (!mayCreateEvents(user)) {
    logSecurityEvent(request, 'access.refused', { userId: user.id, needs: 'event creator' })
    throw data(null, { status: 403 })
  }
  const formData = await readForm(request, z.union([EventDetailsSchema, CloneFormSchema]))
  const ipAddress = clientInfo(request).ipAddress
  if (formData.get('intent') === 'clone') {
    const submission = parseWithZod(formData, { schema: CloneFormSchema })
    if (submission.status !== 'success') return data({ form: 'clone' as const, result: submission.reply() }, { status: 400 })
    try {
      const event = await cloneEvent(db, { actorId: user.id, isPlatformAdmin: user.isPlatformAdmin, mayCreate: true, values: submission.value, ipAddress })
      throw redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), { key: 'event-created' })
    } catch (error) {
      if (error instanceof Response) throw error
      const refusal = refusalOf(error)
      return data({ form: 'clone' as const, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
    }
  }
  const submission = parseWithZod(formData, { schema: EventDetailsSchema })
  if (submission.status !== 'success') return data({ form: 'details' as const, result: submission.reply() }, { status: 400 })
  try {
    const event = await createEvent(db, { actorId: user.id, mayCreate: true, values: submission.value, ipAddress })
    throw redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), { key: 'event-created' })
  } catch (error) {
    if (error instanceof Response) throw error
    const refusal = refusalOf(error)
    return data({ form: 'details' as const, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">New event</p>
        <h1>Set up an industry day</h1>
        <p className="lede">It starts as a draft that only you and the staff you add can see. Add questions and the agenda, then publish it from its settings.</p>
      </header>
      {loaderData.mayCreate && loaderData.sources.length > 0 ? <CloneForm sources={loaderData.sources} lastResult={actionData?.form === 'clone' ? actionData.result : undefined} /> : null}
      {loaderData.mayCreate ? (
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading">{loaderData.sources.length > 0 ? 'Or start from scratch' : 'Event details'}</h2>
          <EventDetailsForm
            lastResult={actionData?.form === 'details' ? actionData.result : undefined}
            defaultValue={{ approvalRequired: true, waitlistEnabled: true, eligibility: 'anyone' }}
            submitLabel="Create the draft"
          />
        </section>
      ) : (
        <section className="panel" aria-labelledby="not-allowed-heading">
          <h2 id="not-allowed-heading">Only event creators can create events</h2>
          <p>
            Ask a platform administrator of this Muster to make you an event creator. Until then you can <Link to={href('/')}>browse the published events</Link>.
          </p>
        </section>
      )}
    </div>
  )
}

type CloneSource = Route.ComponentProps['loaderData']['sources'][number]

function CloneForm({ sources, lastResult }: { sources: CloneSource[]; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof CloneFormSchema>>({
    id: 'clone',
    lastResult,
    constraint: getZodConstraint(CloneFormSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloneFormSchema }),
  })
  return (
    <section className="panel" aria-labelledby="clone-heading">
      <h2 id="clone-heading">Start from an earlier event</h2>
      <p className="muted">
        Copies its details, registration questions, tracks, rooms, speakers, agenda, B2B windows, slots and tables into a new draft. Every session keeps its time of day and its day of the
        event. Nobody’s registration, profile or meetings are copied.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="clone" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField label="Event to start from" errors={fields.sourceEventId.errors} selectProps={getSelectProps(fields.sourceEventId)}>
          <option value="">Choose an event</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.title} ({source.dates})
            </option>
          ))}
        </SelectField>
        <div className="field-row">
          <Field label="New title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: 'text' })} />
          <Field
            label="New address of the event page"
            hint="Lower-case letters, digits and hyphens."
            errors={fields.slug.errors}
            inputProps={{ ...getInputProps(fields.slug, { type: 'text' }), autoCapitalize: 'none', spellCheck: false }}
          />
        </div>
        <Field label="New first day" hint="The event’s first day; the others follow." errors={fields.startDate.errors} inputProps={getInputProps(fields.startDate, { type: 'date' })} />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          Copy into a new draft
        </button>
      </Form>
    </section>
  )
}
