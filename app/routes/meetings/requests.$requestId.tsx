import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, TextareaField } from '#app/components/forms.tsx'
import { SlotChoices, SlotTime } from '#app/components/meeting-slots.tsx'
import { getMeetingRequestView } from '#app/domain/meetings/views.server.ts'
import { acceptMeetingRequest, declineMeetingRequest, proposeOtherSlots, withdrawMeetingRequest } from '#app/domain/meetings/meetings.server.ts'
import {
  MAX_PROPOSED_SLOTS,
  MEETING_MESSAGE_MAX_LENGTH,
  meetingRequestStatusLabels,
  meetingRequestStatusTones,
} from '#app/domain/meetings/meetings.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { meetingArea } from './meetings-context.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/requests.$requestId'
import { readForm } from '#app/lib/form.server.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const slotId = z.string({ error: 'Choose one of the proposed times.' }).min(1, 'Choose one of the proposed times.').max(64)

const AnswerSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept'), slotId }),
  z.object({
    intent: z.literal('propose'),
    slotIds: z
      .array(z.string().max(64), { error: 'Choose at least one time.' })
      .min(1, 'Choose at least one time.')
      .max(MAX_PROPOSED_SLOTS, `Choose at most ${MAX_PROPOSED_SLOTS} times.`),
  }),
  z.object({ intent: z.literal('decline'), reason: z.string().trim().max(MEETING_MESSAGE_MAX_LENGTH, `Keep it under ${MEETING_MESSAGE_MAX_LENGTH} characters.`).optional() }),
  z.object({ intent: z.literal('withdraw') }),
])

type Intent = z.infer<typeof AnswerSchema>['intent']

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Meeting request · ${loaderData.request.other.name} · Muster` : 'Meeting request · Muster' }]
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user, event } = meetingArea(context)
  const meetingRequest = await getMeetingRequestView(db, { eventId: event.id, requestId: params.requestId, userId: user.id })
  invariantResponse(meetingRequest)
  return data({ event, request: meetingRequest })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, event } = meetingArea(context)
  const formData = await readForm(request, AnswerSchema)
  const intent = String(formData.get('intent'))
  const submission = parseWithZod(formData, { schema: AnswerSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const answer = submission.value
  const ids = { eventId: event.id, requestId: params.requestId, userId: user.id }
  try {
    if (answer.intent === 'accept') await acceptMeetingRequest(db, { ...ids, slotId: answer.slotId })
    else if (answer.intent === 'propose') await proposeOtherSlots(db, { ...ids, slotIds: answer.slotIds })
    else if (answer.intent === 'decline') await declineMeetingRequest(db, { ...ids, reason: answer.reason })
    else await withdrawMeetingRequest(db, ids)
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ intent, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  const done = ({ accept: 'meeting-accepted', propose: 'times-proposed', decline: 'request-declined', withdraw: 'request-withdrawn' } as const)[answer.intent]
  throw redirectWithNotice(href('/events/:slug/meetings', { slug: event.slug }), { key: done })
}

export default function MeetingRequestPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, request } = loaderData
  const tz = event.timeZone
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
  const pending = request.status === 'PENDING'
  const open = event.booking.kind === 'open'
  const other = request.other
  const affiliation = [other.jobTitle, other.organisation?.name].filter(Boolean).join(', ')

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug/meetings', { slug: event.slug })}>Your meetings</Link>
        </p>
        <p className="eyebrow">Meeting request · {event.title}</p>
        <h1>
          {request.sentByMe ? 'To' : 'From'} {other.name}
        </h1>
        {affiliation ? <p className="lede">{affiliation}</p> : null}
        <p>
          <span className={`badge badge--${meetingRequestStatusTones[request.status]}`}>{meetingRequestStatusLabels[request.status]}</span>{' '}
          <span className="muted">Sent {formatDateTime(request.createdAt, tz)}</span>
        </p>
      </header>

      {request.message ? (
        <section className="panel" aria-labelledby="message-heading">
          <h2 id="message-heading">{request.sentByMe ? 'Your message' : 'Their message'}</h2>
          <p className="answer-text">{request.message}</p>
        </section>
      ) : null}

      {request.status === 'ACCEPTED' && request.meeting ? (
        <section className="panel status-panel status-panel--approved" aria-labelledby="meeting-heading">
          <h2 id="meeting-heading">{request.meeting.status === 'CANCELLED' ? 'The meeting was cancelled' : 'Meeting booked'}</h2>
          <p>
            <SlotTime slot={request.meeting.slot} timeZone={tz} withDate />, table {request.meeting.table.number}
          </p>
        </section>
      ) : null}
      {request.status === 'DECLINED' ? (
        <section className="panel status-panel status-panel--rejected" aria-labelledby="declined-heading">
          <h2 id="declined-heading">Declined</h2>
          {request.declineReason ? <p className="answer-text">{request.declineReason}</p> : <p className="muted">No reason given.</p>}
        </section>
      ) : null}

      {pending ? (
        <section className="panel" aria-labelledby="times-heading">
          <h2 id="times-heading">Proposed times</h2>
          {request.awaitingMe && open ? (
            <AcceptForm lastResult={resultFor('accept')} slots={request.proposedSlots} timeZone={tz} />
          ) : (
            <>
              <ul className="plain-list">
                {request.proposedSlots.map((slot) => (
                  <li key={slot.id}>
                    <SlotTime slot={slot} timeZone={tz} withDate />
                    {slot.stillFree ? null : <span className="muted"> (no longer free)</span>}
                  </li>
                ))}
              </ul>
              <p className="field-hint">{request.awaitingMe ? 'Booking is closed: these times can no longer be accepted.' : `Waiting for ${other.name} to answer.`}</p>
            </>
          )}
        </section>
      ) : null}

      {pending && request.awaitingMe && open ? (
        <section className="panel" aria-labelledby="propose-heading">
          <h2 id="propose-heading">Propose other times</h2>
          {request.otherFreeSlots.length > 0 ? (
            <ProposeForm lastResult={resultFor('propose')} slots={request.otherFreeSlots} timeZone={tz} otherName={other.name} />
          ) : (
            <p className="muted">You have no other free slot in common.</p>
          )}
        </section>
      ) : null}

      {pending ? (
        <section className="panel" aria-labelledby="close-heading">
          <h2 id="close-heading">{request.sentByMe ? 'Withdraw' : 'Decline'}</h2>
          {request.sentByMe ? <WithdrawForm lastResult={resultFor('withdraw')} /> : <DeclineForm lastResult={resultFor('decline')} otherName={other.name} />}
        </section>
      ) : null}
    </div>
  )
}

function useAnswerForm(id: string, lastResult: SubmissionResult<string[]> | undefined) {
  return useForm({
    id,
    lastResult,
    constraint: getZodConstraint(AnswerSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
  })
}

type ChoiceSlot = { id: string; startsAt: Date; endsAt: Date }

function AcceptForm({
  lastResult,
  slots,
  timeZone,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  slots: (ChoiceSlot & { stillFree: boolean })[]
  timeZone: string
}) {
  const [form, fields] = useAnswerForm('accept-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  const taken = new Set(slots.filter((slot) => !slot.stillFree).map((slot) => slot.id))
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="accept" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SlotChoices
        field={fields.slotId}
        legend="Choose the time to meet"
        hint="Accepting books the time and a table for you both, and sends you both a calendar invitation."
        slots={slots}
        timeZone={timeZone}
        type="radio"
        unavailable={taken}
      />
      <button type="submit" className="button button--primary" disabled={busy || taken.size === slots.length}>
        Accept and book
      </button>
    </Form>
  )
}

function ProposeForm({
  lastResult,
  slots,
  timeZone,
  otherName,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  slots: ChoiceSlot[]
  timeZone: string
  otherName: string
}) {
  const [form, fields] = useAnswerForm('propose-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="propose" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SlotChoices
        field={fields.slotIds}
        legend="Other times you are both free"
        hint={`These replace the proposed times; ${otherName} is asked to choose one. Up to ${MAX_PROPOSED_SLOTS}.`}
        slots={slots}
        timeZone={timeZone}
        type="checkbox"
      />
      <button type="submit" className="button" disabled={busy}>
        Propose these times
      </button>
    </Form>
  )
}

function DeclineForm({ lastResult, otherName }: { lastResult: SubmissionResult<string[]> | undefined; otherName: string }) {
  const [form, fields] = useAnswerForm('decline-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="decline" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextareaField
        label="Reason (optional)"
        hint={`Sent to ${otherName}.`}
        errors={fields.reason.errors}
        textareaProps={{ ...getTextareaProps(fields.reason), rows: 3, maxLength: MEETING_MESSAGE_MAX_LENGTH }}
      />
      <button type="submit" className="button button--danger" disabled={busy}>
        Decline
      </button>
    </Form>
  )
}

function WithdrawForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form] = useAnswerForm('withdraw-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="withdraw" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <p className="field-hint">The other person is told, and the request no longer counts against your limit.</p>
      <button type="submit" className="button button--danger" disabled={busy}>
        Withdraw request
      </button>
    </Form>
  )
}
