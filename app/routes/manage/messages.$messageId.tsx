// One message to attendees. A draft: who it reaches now, a preview rendered for a real
// recipient (any of the first twenty), a test to oneself, send now or at a set time, edit or
// delete. A sent one: who sent it to whom, and each recipient's delivery (queued, sent, failed
// with the error), page by page; a scheduled one can be cancelled until it goes.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { EventMessageForm } from '#app/components/event-message-form.tsx'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { StackedTable } from '#app/components/stacked-table.tsx'
import {
  cancelScheduledMessage,
  deleteMessageDraft,
  getMessage,
  getSegmentOptions,
  listMessageRecipients,
  previewMessage,
  queueMessage,
  sendTestMessage,
  updateMessageDraft,
} from '#app/domain/event-messages/event-messages.server.ts'
import { checkMergeFields, messageFormShape } from '#app/domain/event-messages/event-message.ts'
import { db } from '#app/lib/db.server.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { formatDateTime, instantFromWallClockInput, toWallClockInput } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/messages.$messageId'

const SaveSchema = z.object({ intent: z.literal('save'), ...messageFormShape }).superRefine(checkMergeFields)
/** The draft as the page showed it: sending what another organiser saved since is refused. */
const draftVersion = z.iso.datetime().transform((value) => new Date(value))
const ScheduleSchema = z.object({
  intent: z.literal('schedule'),
  version: draftVersion,
  sendAt: z.string({ error: 'Choose the day and time it goes' }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose the day and time it goes'),
})
const MessageActionSchema = z.discriminatedUnion('intent', [
  SaveSchema,
  ScheduleSchema,
  z.object({ intent: z.literal('send'), version: draftVersion }),
  z.object({ intent: z.enum(['test', 'delete', 'cancel']) }),
])
type Intent = z.output<typeof MessageActionSchema>['intent']
const IntentSchema = z.enum(['save', 'schedule', 'send', 'test', 'delete', 'cancel'] satisfies Intent[]).optional().catch(undefined)
const PageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1), for: recordIdSchema.nullable().catch(null) })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `${loaderData.message.subject} · Messages · ${loaderData.event.title} · Muster` : 'Message · Muster' }]
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const url = new URL(request.url)
  const query = PageQuerySchema.parse({ page: url.searchParams.get('page') ?? 1, for: url.searchParams.get('for') })
  const message = await getMessage(db, event.id, params.messageId)
  invariantResponse(message, 'There is no such message for this event.')
  if (message.status === 'DRAFT') {
    const [preview, options] = await Promise.all([previewMessage(db, { eventId: event.id, messageId: message.id, recipientUserId: query.for }), getSegmentOptions(db, event.id)])
    return data({ event, message, draft: { preview: preview!, options }, delivery: null, now: new Date() })
  }
  const delivery = await listMessageRecipients(db, { eventId: event.id, messageId: message.id, page: query.page })
  return data({ event, message, draft: null, delivery: delivery!, now: new Date() })
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, MessageActionSchema)
  // Which form answered: its errors show next to its own fields, and only there.
  const intent = IntentSchema.parse(submission.payload.intent)
  if (submission.status !== 'success') return data({ result: submission.reply(), intent }, { status: 400 })
  const { value } = submission
  const here = href('/events/:slug/manage/messages/:messageId', { slug: event.slug, messageId: params.messageId })
  const target = { eventId: event.id, messageId: params.messageId }
  try {
    switch (value.intent) {
      case 'save':
        await updateMessageDraft(db, { ...target, values: value })
        return redirectWithNotice(here, { key: 'message-saved' })
      case 'test':
        await sendTestMessage(db, { ...target, organiser: { id: user.id, email: user.email, name: user.name } })
        return redirectWithNotice(here, { key: 'message-test-sent' })
      case 'send': {
        const sent = await queueMessage(db, { ...target, actorId: user.id, draftVersion: value.version })
        return redirectWithNotice(here, { key: 'message-sent', recipients: sent.recipients })
      }
      case 'schedule': {
        const sendAt = instantFromWallClockInput(value.sendAt, event.timeZone)
        if (!sendAt || sendAt.getTime() < Date.now() + 60_000) {
          return data({ result: submission.reply({ fieldErrors: { sendAt: [sendAt ? 'Choose a time at least a minute from now, or send it now' : `That time does not exist in ${event.timeZone} (the clocks skip it)`] } }), intent }, { status: 400 })
        }
        const scheduled = await queueMessage(db, { ...target, actorId: user.id, sendAt, draftVersion: value.version })
        return redirectWithNotice(here, { key: 'message-scheduled', recipients: scheduled.recipients })
      }
      case 'delete':
        await deleteMessageDraft(db, target)
        return redirectWithNotice(href('/events/:slug/manage/messages', { slug: event.slug }), { key: 'message-deleted' })
      case 'cancel': {
        const cancelled = await cancelScheduledMessage(db, { ...target, actorId: user.id })
        return redirectWithNotice(here, { key: 'message-cancelled', recipients: cancelled.withdrawn })
      }
    }
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), intent }, refusalStatus(refusal))
  }
}

const stateLabels = { queued: 'Waiting to go', sent: 'Sent', failed: 'Failed', withdrawn: 'Not sent: withdrawn' } as const
const stateTones = { queued: 'warning', sent: 'success', failed: 'danger', withdrawn: 'break' } as const

export default function MessagePage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, message, draft, delivery } = loaderData
  const list = href('/events/:slug/manage/messages', { slug: event.slug })
  const zone = event.timeZone
  return (
    <>
      <p>
        <Link to={list}>← All messages</Link>
      </p>
      {draft ? (
        <DraftView event={event} message={message} draft={draft} lastResult={actionData?.result ?? null} intent={actionData?.intent} now={loaderData.now} />
      ) : (
        <>
          <section className="panel" aria-labelledby="message-heading">
            <h2 id="message-heading">{message.subject}</h2>
            <dl className="facts">
              <div>
                <dt>Status</dt>
                <dd>
                  {message.status === 'CANCELLED'
                    ? `Cancelled ${message.cancelledAt ? formatDateTime(message.cancelledAt, zone) : ''}`
                    : message.sendAt && message.sendAt > loaderData.now
                      ? `Scheduled for ${formatDateTime(message.sendAt, zone)}`
                      : `Sent ${message.sendAt ? formatDateTime(message.sendAt, zone) : ''}`}
                  {message.queuedBy ? ` by ${message.queuedBy.name || message.queuedBy.email}` : ''}
                </dd>
              </div>
              <div>
                <dt>Recipients</dt>
                <dd>{message.segmentText}</dd>
              </div>
              <div>
                <dt>Written by</dt>
                <dd>{message.author ? message.author.name || message.author.email : 'A former organiser'}</dd>
              </div>
            </dl>
            <dl className="stat-grid">
              <div>
                <dt>Recipients</dt>
                <dd>{delivery!.total.toLocaleString('en-GB')}</dd>
              </div>
              <div>
                <dt>Sent</dt>
                <dd>{delivery!.counts.sent.toLocaleString('en-GB')}</dd>
              </div>
              <div>
                <dt>Waiting to go</dt>
                <dd>{delivery!.counts.queued.toLocaleString('en-GB')}</dd>
              </div>
              <div>
                <dt>Failed</dt>
                <dd>{delivery!.counts.failed.toLocaleString('en-GB')}</dd>
              </div>
              <div>
                <dt>Withdrawn</dt>
                <dd>{delivery!.counts.withdrawn.toLocaleString('en-GB')}</dd>
              </div>
            </dl>
            {message.status === 'QUEUED' && message.sendAt && message.sendAt > loaderData.now ? (
              <Form method="post" className="inline-form">
                <ErrorList errors={actionData?.result?.error?.[''] ?? null} />
                <button type="submit" name="intent" value="cancel" className="button button--danger">
                  Cancel this scheduled message
                </button>
              </Form>
            ) : null}
            <details>
              <summary>The message as written</summary>
              <pre className="message-source">{message.body}</pre>
            </details>
          </section>
          <section className="panel" aria-labelledby="recipients-heading">
            <h2 id="recipients-heading">Each recipient</h2>
            <StackedTable label="Recipients of this message" columns={['Name', 'Email', 'Delivery', 'Details']}>
              {delivery!.rows.map((row) => (
                <tr key={row.userId}>
                  <td data-label="Name">{row.name || '–'}</td>
                  <td data-label="Email">{row.email}</td>
                  <td data-label="Delivery">
                    <span className={`badge badge--${stateTones[row.state]}`}>{stateLabels[row.state]}</span>
                  </td>
                  <td data-label="Details">
                    {row.state === 'sent' && row.sentAt
                      ? formatDateTime(row.sentAt, zone)
                      : row.error
                        ? `${row.error} (attempt ${row.attempts})`
                        : row.state === 'withdrawn'
                          ? 'Unsubscribed or cancelled before it went'
                          : '–'}
                  </td>
                </tr>
              ))}
            </StackedTable>
            <Pagination page={delivery!.page} pageCount={delivery!.pageCount} pageHref={(page) => `?page=${page}`} />
          </section>
        </>
      )}
    </>
  )
}

function DraftView({
  event,
  message,
  draft,
  lastResult,
  intent,
  now,
}: {
  event: { slug: string; timeZone: string }
  message: Route.ComponentProps['loaderData']['message']
  draft: NonNullable<Route.ComponentProps['loaderData']['draft']>
  lastResult: Parameters<typeof EventMessageForm>[0]['lastResult']
  intent: Intent | undefined
  now: Date
}) {
  const { preview, options } = draft
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const [scheduleForm, scheduleFields] = useForm({
    lastResult: intent === 'schedule' ? lastResult : undefined,
    constraint: getZodConstraint(ScheduleSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScheduleSchema }),
  })
  const { recipients, unsubscribed } = preview.counts
  const people = (n: number) => (n === 1 ? '1 person' : `${n.toLocaleString('en-GB')} people`)
  // Send, test and delete answer above the buttons; the schedule and edit forms show their own.
  const formErrors = intent === 'save' ? null : (lastResult?.error?.[''] ?? null)
  return (
    <>
      <section className="panel" aria-labelledby="draft-heading">
        <p className="eyebrow">Draft</p>
        <h2 id="draft-heading">{message.subject}</h2>
        <ErrorList errors={formErrors} />
        <p className="message-reach" role="status">
          <strong>{people(recipients)}</strong> match now: {message.segmentText}.
          {unsubscribed > 0 ? ` ${people(unsubscribed)} more would, but stopped organisers’ messages.` : ''}
        </p>
        <div className="message-actions">
          <Form method="post">
            <input type="hidden" name="version" value={message.updatedAt.toISOString()} />
            <button type="submit" name="intent" value="send" className="button button--primary" disabled={busy || recipients === 0}>
              Send now to {people(recipients)}
            </button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="test" className="button" disabled={busy}>
              Send a test to me
            </button>
          </Form>
        </div>
        <Form method="post" {...getFormProps(scheduleForm)} className="message-schedule">
          <input type="hidden" name="intent" value="schedule" />
          <input type="hidden" name="version" value={message.updatedAt.toISOString()} />
          <Field
            label={`Or send it later (${event.timeZone})`}
            hint="The recipients are the people who match when you schedule it."
            errors={scheduleFields.sendAt.errors}
            inputProps={{ ...getInputProps(scheduleFields.sendAt, { type: 'datetime-local' }), min: toWallClockInput(now, event.timeZone) }}
          />
          <button type="submit" className="button" disabled={busy || recipients === 0}>
            Schedule
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        {preview.recipient && preview.rendered ? (
          <>
            <Form method="get" className="message-preview-for">
              <label htmlFor="preview-for">As it reaches</label>
              <select id="preview-for" name="for" defaultValue={preview.recipient.userId}>
                {preview.candidates.map((candidate) => (
                  <option key={candidate.userId} value={candidate.userId}>
                    {candidate.name || candidate.email}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button--quiet">
                Show
              </button>
            </Form>
            <p>
              <strong>Subject:</strong> {preview.rendered.subject}
            </p>
            <iframe
              title={`The message as ${preview.recipient.name || preview.recipient.email} will get it`}
              className="message-preview"
              srcDoc={preview.rendered.html}
              sandbox=""
            />
          </>
        ) : (
          <p>Nobody matches these choices now, so there is nobody to preview it for. Change who gets it below.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit the draft</h2>
        <EventMessageForm
          lastResult={intent === 'save' ? lastResult : undefined}
          defaultValue={{ subject: message.subject, body: message.body, ...message.segment }}
          options={options}
          timeZone={event.timeZone}
          intent="save"
          submitLabel="Save changes"
        />
        <Form method="post" className="message-delete">
          <button type="submit" name="intent" value="delete" className="button button--quiet" disabled={busy}>
            Delete this draft
          </button>
        </Form>
      </section>
    </>
  )
}
