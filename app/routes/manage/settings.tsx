// The event's settings: where it stands (draft, published, registration closed, finished),
// the publish checklist and the lifecycle actions, and the details form. A published event
// keeps its address, zone, dates and venue here (registrants hold invites for them).
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { EventDetailsForm } from '#app/components/event-details-form.tsx'
import { ErrorList } from '#app/components/forms.tsx'
import { EventDetailsSchema } from '#app/domain/events/event-details.ts'
import { closeRegistrationNow, getEventSettings, publishEvent, unpublishEvent, updateEventDetails } from '#app/domain/events/event-setup.server.ts'
import { eventStageLabels, fieldsFixedOncePublished } from '#app/domain/events/lifecycle.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/settings'

const SaveSchema = z.object({ intent: z.literal('save'), expectedUpdatedAt: z.iso.datetime().optional() })
const PublishSchema = z.object({ intent: z.literal('publish'), acknowledged: z.boolean().default(false) })
const LifecycleSchema = z.object({ intent: z.enum(['unpublish', 'close-registration']) })
const IntentSchema = z.discriminatedUnion('intent', [SaveSchema, PublishSchema, LifecycleSchema])

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Settings · ${loaderData.event.title} · Muster` : 'Settings · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, settings: await getEventSettings(db, event.id) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const formData = await readForm(request, z.union([SaveSchema.extend(EventDetailsSchema.shape), PublishSchema, LifecycleSchema]))
  // Which form was sent; the details form's own fields are read below.
  const submission = parseWithZod(formData, { schema: IntentSchema })
  if (submission.status !== 'success') throw data(null, { status: 400 })
  const intent = submission.value
  const actor = { actorId: user.id, ipAddress: clientInfo(request).ipAddress, eventId: event.id }
  const settingsPath = href('/events/:slug/manage/settings', { slug: event.slug })

  if (intent.intent === 'save') {
    const details = parseWithZod(formData, { schema: EventDetailsSchema })
    if (details.status !== 'success') return data({ intent: 'save' as const, result: details.reply() }, { status: 400 })
    try {
      const saved = await updateEventDetails(db, { ...actor, values: details.value, expectedUpdatedAt: intent.expectedUpdatedAt })
      // The address may have changed with the details.
      throw redirectWithNotice(href('/events/:slug/manage/settings', { slug: saved.slug }), { key: 'event-saved' })
    } catch (error) {
      if (error instanceof Response) throw error
      const refusal = refusalOf(error)
      return data({ intent: 'save' as const, result: replyWithRefusal(details, refusal) }, refusalStatus(refusal))
    }
  }

  try {
    if (intent.intent === 'publish') {
      await publishEvent(db, { ...actor, acknowledged: intent.acknowledged })
      return redirectWithNotice(settingsPath, { key: 'event-published' })
    }
    if (intent.intent === 'unpublish') {
      await unpublishEvent(db, actor)
      return redirectWithNotice(settingsPath, { key: 'event-unpublished' })
    }
    await closeRegistrationNow(db, actor)
    return redirectWithNotice(settingsPath, { key: 'registration-closed' })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ intent: intent.intent, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

type Settings = Route.ComponentProps['loaderData']['settings']
type Answer = Route.ComponentProps['actionData']

export default function EventSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { event, settings } = loaderData
  const published = settings.status === 'PUBLISHED'
  return (
    <>
      <section aria-labelledby="lifecycle-heading" className="panel">
        <h2 id="lifecycle-heading">Status</h2>
        <dl className="stat-grid">
          <div>
            <dt>Stage</dt>
            <dd className="stat-grid__text">{eventStageLabels[settings.stage]}</dd>
          </div>
          <div>
            <dt>Registrations</dt>
            <dd>{settings.registrationCount}</dd>
          </div>
          {settings.publishedAt ? (
            <div>
              <dt>First published</dt>
              <dd className="stat-grid__text">{formatDateTime(new Date(settings.publishedAt), event.timeZone)}</dd>
            </div>
          ) : null}
        </dl>
        {settings.status === 'DRAFT' ? <PublishPanel settings={settings} answer={actionData} /> : null}
        {published && !settings.archivedAt ? <PublishedActions slug={event.slug} settings={settings} answer={actionData} /> : null}
        {settings.stage === 'finished' || (settings.stage === 'cancelled' && !settings.archivedAt) ? (
          <p>
            It is over: <Link to={href('/events/:slug/manage/settings/archive', { slug: event.slug })}>archive the event</Link> to make it read-only and list it apart.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="details-heading" className="panel">
        <h2 id="details-heading">Details</h2>
        {published ? (
          <p className="muted">
            Its dates, zone and venue are fixed here because people hold invitations for them. To change them and update every invitation:{' '}
            <Link to={href('/events/:slug/manage/settings/dates', { slug: event.slug })}>Move the event to new dates or another time zone</Link> or{' '}
            <Link to={href('/events/:slug/manage/settings/venue', { slug: event.slug })}>move the event to a new venue</Link>. If it cannot take place:{' '}
            <Link to={href('/events/:slug/manage/settings/cancel', { slug: event.slug })}>cancel the event</Link>.
          </p>
        ) : null}
        <EventDetailsForm
          defaultValue={{ ...settings.values, capacity: settings.values.capacity === null ? '' : String(settings.values.capacity) }}
          lastResult={actionData?.intent === 'save' ? actionData.result : undefined}
          fixedFields={published ? fieldsFixedOncePublished : []}
          submitLabel="Save the details"
          extraFields={
            <>
              <input type="hidden" name="intent" value="save" />
              <input type="hidden" name="expectedUpdatedAt" value={new Date(settings.updatedAt).toISOString()} />
            </>
          }
        />
      </section>
    </>
  )
}

function PublishPanel({ settings, answer }: { settings: Settings; answer: Answer }) {
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof PublishSchema>>({ id: 'publish', lastResult: answer?.intent === 'publish' ? answer.result : undefined })
  const blocked = settings.checklist.some((check) => check.level === 'blocking')
  return (
    <div className="stack">
      <h3>Before you publish</h3>
      {settings.checklist.length === 0 ? (
        <p>Nothing is missing: the event has a description, questions and an agenda, and registration is ahead.</p>
      ) : (
        <ul className="checklist" aria-label="Publish checklist">
          {settings.checklist.map((check) => (
            <li key={check.key} className={`checklist__item checklist__item--${check.level}`}>
              <span className={`badge badge--${check.level === 'blocking' ? 'danger' : 'warning'}`}>{check.level === 'blocking' ? 'Must fix' : 'Check'}</span> {check.message}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="publish" />
        <ErrorList id={form.errorId} errors={form.errors} />
        {settings.checklist.length > 0 && !blocked ? (
          <div className="field">
            <label className="choice">
              <input {...getInputProps(fields.acknowledged, { type: 'checkbox', value: 'on' })} aria-describedby={fields.acknowledged.errors ? fields.acknowledged.errorId : undefined} />
              I have read the checklist and want to publish anyway
            </label>
            <ErrorList id={fields.acknowledged.errorId} errors={fields.acknowledged.errors} />
          </div>
        ) : null}
        <button type="submit" className="button button--primary" disabled={blocked || navigation.state === 'submitting'}>
          Publish the event
        </button>
      </Form>
    </div>
  )
}

function PublishedActions({ slug, settings, answer }: { slug: string; settings: Settings; answer: Answer }) {
  const navigation = useNavigation()
  const refusal = answer && answer.intent !== 'save' && answer.intent !== 'publish' ? answer.result.error?.[''] : undefined
  const registrationOpen = settings.stage === 'published' && new Date(settings.registrationClosesAt) > new Date()
  return (
    <div className="stack">
      <p>
        The event page is public: <Link to={href('/events/:slug', { slug })}>open it</Link>.
      </p>
      <ErrorList errors={refusal} />
      <div className="button-row">
        {registrationOpen ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close-registration" />
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Close registration now
            </button>
          </Form>
        ) : null}
        {settings.registrationCount === 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Take back to draft
            </button>
          </Form>
        ) : null}
      </div>
      {settings.registrationCount > 0 ? <p className="muted">People have registered, so the event stays published.</p> : null}
    </div>
  )
}
