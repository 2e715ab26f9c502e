import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, TextareaField } from '#app/components/forms.tsx'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { decideRegistration } from '#app/domain/registration/registration.server.ts'
import { openRegistrationForVetting, type RegistrationForVetting } from '#app/domain/registration/vetting.server.ts'
import { registrationStatusLabels, registrationStatusTones, vettingActionLabels, type RegistrationStatus } from '#app/domain/registration/vetting.ts'
import { countryName } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { ConsoleHandle } from './layout.tsx'
import type { Route } from './+types/vetting.$registrationId'
import { readForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { invariantResponse, refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

const reasonText = z.string().trim().max(1000, 'Keep it under 1000 characters')

const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({ intent: z.literal('reject'), reason: reasonText.optional() }),
  z.object({
    intent: z.literal('request-info'),
    reason: z.string({ error: 'Say what information you need' }).trim().min(1, 'Say what information you need').max(1000, 'Keep it under 1000 characters'),
  }),
])

type Intent = z.infer<typeof DecisionSchema>['intent']

/** One registration's page has its own header: the person's name and where they stand. */
export const handle: ConsoleHandle = { ownHeader: true }

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `${loaderData.registration.person.name} · Vetting · Muster` : 'Vetting · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event, user } = requireConsoleRole(context, request, ['VETTING_OFFICER'])
  const registration = await openRegistrationForVetting(db, {
    eventId: event.id,
    registrationId: params.registrationId,
    viewerId: user.id,
    ipAddress: clientInfo(request).ipAddress,
  })
  invariantResponse(registration)
  logSecurityEvent(request, 'vetting-record.viewed', { userId: user.id, eventId: event.id, registrationId: registration.id })
  return data({ event, registration })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['VETTING_OFFICER'])
  const formData = await readForm(request, DecisionSchema)
  const submission = parseWithZod(formData, { schema: DecisionSchema })
  const intent = String(formData.get('intent'))
  if (submission.status !== 'success') return data({ intent, result: submission.reply(), decided: null, refused: null }, { status: 400 })
  const decision = submission.value
  try {
    const status = await decideRegistration(db, {
      eventId: event.id,
      registrationId: params.registrationId,
      actorId: user.id,
      action: decision.intent,
      reason: decision.intent === 'approve' ? null : decision.reason,
    })
    return { intent, result: submission.reply({ resetForm: true }), decided: { intent: decision.intent, status }, refused: null }
  } catch (error) {
    // A conflict (someone else decided first) or a decision that no longer applies. Shown at
    // the top of the page: the form that was used may be gone once the page shows the new status.
    const refusal = refusalOf(error)
    return data({ intent, result: submission.reply(), decided: null, refused: refusal.message }, refusalStatus(refusal))
  }
}

export default function RegistrationVetting({ loaderData, actionData }: Route.ComponentProps) {
  const { event, registration } = loaderData
  const { person, organisation, status } = registration
  const tz = event.timeZone
  const name = person.name || person.email
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
  const canApprove = status === 'PENDING'
  const canReject = status === 'PENDING' || status === 'APPROVED' || status === 'WAITLISTED'

  return (
    <div className="page">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug/manage/vetting', { slug: event.slug })}>Back to the queue</Link>
        </p>
        <p className="eyebrow">Registration · {event.title}</p>
        <h1>{name}</h1>
        <p className="registration-badges">
          <span className={`badge badge--${registrationStatusTones[status]}`}>{registrationStatusLabels[status]}</span>
          {registration.infoRequestedAt ? <span className="badge badge--warning">Information requested</span> : null}
          {registration.checkedInAt ? <span className="badge badge--success">Checked in</span> : null}
        </p>
      </header>

      {actionData?.decided ? <DecisionNotice name={name} intent={actionData.decided.intent} status={actionData.decided.status} /> : null}
      {actionData?.refused ? (
        <p className="notice notice--danger decision-notice" role="alert">
          That decision was not made. {actionData.refused}
        </p>
      ) : null}

      <div className="vetting-detail">
        <div className="vetting-detail__main">
          <section className="panel" aria-labelledby="person-heading">
            <h2 id="person-heading">Person</h2>
            <dl className="fact-list">
              <Fact term="Name">{person.name || <NotGiven />}</Fact>
              <Fact term="Email">
                <a href={`mailto:${person.email}`}>{person.email}</a>
              </Fact>
              <Fact term="Job title">{person.jobTitle || <NotGiven />}</Fact>
              <Fact term="Nationality (as registered)">{person.nationality ? countryName(person.nationality) : <NotGiven />}</Fact>
            </dl>
          </section>

          <section className="panel" aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">Organisation</h2>
            {organisation?.addedBy ? (
              <p className={`notice ${organisation.selfDeclaredBuyer ? 'notice--danger' : 'notice--warning'}`}>
                {organisation.addedBy === 'this-registrant' ? 'This registrant added this organisation' : 'Another registrant added this organisation'} on the
                registration form: it is not from the organisers’ list, and nobody has checked it.
                {organisation.selfDeclaredBuyer
                  ? ' It is declared a government buyer: once approved, its people may mark must-meet pairs and use tables reserved for it. Confirm it is a procurement body before approving.'
                  : ''}
              </p>
            ) : null}
            {organisation ? (
              <dl className="fact-list">
                <Fact term="Name">{organisation.name}</Fact>
                <Fact term="Kind">{organisationKindLabels[organisation.kind]}</Fact>
                <Fact term="Country">{countryName(organisation.country)}</Fact>
                <Fact term="Website">
                  {/* Only web addresses become links: a stored "javascript:" must never be one. */}
                  {organisation.website && /^https?:\/\//i.test(organisation.website) ? (
                    <a href={organisation.website} rel="noopener noreferrer nofollow" target="_blank">
                      {organisation.website.replace(/^https?:\/\//i, '')}
                    </a>
                  ) : (
                    (organisation.website ?? <NotGiven />)
                  )}
                </Fact>
              </dl>
            ) : (
              <p className="muted">No organisation given.</p>
            )}
          </section>

          <section className="panel" aria-labelledby="answers-heading">
            <h2 id="answers-heading">Answers</h2>
            <dl className="fact-list fact-list--stacked">
              {registration.answers.map((answer) => (
                <Fact key={answer.key} term={answer.removed ? `${answer.label} (question removed)` : answer.label}>
                  {answer.text === null ? <NotGiven text="Not answered" /> : <span className="answer-text">{answer.text}</span>}
                </Fact>
              ))}
            </dl>
          </section>

        </div>

        <aside className="vetting-detail__aside" aria-label="Status and decision">
          <section className="panel" aria-labelledby="decision-heading">
            <h2 id="decision-heading">Decision</h2>
            {canApprove || canReject ? null : (
              <p className="muted">
                No decision is open: this registration is {registrationStatusLabels[status].toLowerCase()}.
              </p>
            )}
            {canApprove ? <ApproveForm lastResult={resultFor('approve')} /> : null}
            {canApprove ? <RequestInfoForm lastResult={resultFor('request-info')} /> : null}
            {canReject ? <RejectForm lastResult={resultFor('reject')} status={status} /> : null}
          </section>

          <section className="panel" aria-labelledby="registration-heading">
            <h2 id="registration-heading">Registration</h2>
            <dl className="fact-list fact-list--stacked">
              <Fact term="Status">{registrationStatusLabels[status]}</Fact>
              <Fact term="Seat">{registration.holdsSeat ? 'Holds a seat' : 'No seat'}</Fact>
              {registration.waitlistPosition !== null ? <Fact term="Waiting list position">{registration.waitlistPosition}</Fact> : null}
              <Fact term="Submitted">{formatDateTime(registration.submittedAt, tz)}</Fact>
              {registration.infoRequestedAt ? <Fact term="Information requested">{formatDateTime(registration.infoRequestedAt, tz)}</Fact> : null}
              {registration.decidedAt ? <Fact term="Decided">{formatDateTime(registration.decidedAt, tz)}</Fact> : null}
              {registration.cancelledAt ? <Fact term="Cancelled">{formatDateTime(registration.cancelledAt, tz)}</Fact> : null}
              {registration.checkedInAt ? <Fact term="Checked in">{formatDateTime(registration.checkedInAt, tz)}</Fact> : null}
            </dl>
          </section>
        </aside>

        <div className="vetting-detail__history">
          <History history={registration.history} timeZone={tz} />
        </div>
      </div>
    </div>
  )
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function NotGiven({ text = 'Not given' }: { text?: string }) {
  return <span className="muted">{text}</span>
}

function DecisionNotice({ name, intent, status }: { name: string; intent: Intent; status: RegistrationStatus }) {
  const message =
    intent === 'request-info'
      ? `Request sent. ${name} has been emailed; the registration stays pending until they answer.`
      : intent === 'reject'
        ? `Rejected. ${name} has been told.`
        : status === 'WAITLISTED'
          ? `Approved, but every seat is taken: ${name} is on the waiting list and has been told.`
          : `Approved. ${name} holds a seat and has been sent the calendar invitation.`
  return (
    <p className="notice notice--success decision-notice" role="status">
      {message}
    </p>
  )
}

function useDecisionForm(id: string, lastResult: SubmissionResult<string[]> | undefined) {
  return useForm({
    id,
    lastResult,
    constraint: getZodConstraint(DecisionSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  })
}

function ApproveForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form] = useDecisionForm('approve-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" {...getFormProps(form)} className="decision-form">
      <input type="hidden" name="intent" value="approve" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <p className="field-hint">Gives a seat if one is free, otherwise a place on the waiting list. The person is emailed either way.</p>
      <button type="submit" className="button button--primary" disabled={busy}>
        Approve
      </button>
    </Form>
  )
}

function RequestInfoForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useDecisionForm('request-info-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  const reason = fields.reason
  return (
    <Form method="post" {...getFormProps(form)} className="decision-form">
      <input type="hidden" name="intent" value="request-info" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextareaField
        label="What information do you need?"
        hint="Emailed to the person; the registration stays pending."
        errors={reason.errors}
        // Required here only: the schema's union leaves the shared "reason" field optional.
        textareaProps={{ ...getTextareaProps(reason), rows: 3, maxLength: 1000, required: true }}
      />
      <button type="submit" className="button" disabled={busy}>
        Request more information
      </button>
    </Form>
  )
}

function RejectForm({ lastResult, status }: { lastResult: SubmissionResult<string[]> | undefined; status: RegistrationStatus }) {
  const [form, fields] = useDecisionForm('reject-form', lastResult)
  const busy = useNavigation().state === 'submitting'
  const reason = fields.reason
  return (
    <Form method="post" {...getFormProps(form)} className="decision-form">
      <input type="hidden" name="intent" value="reject" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextareaField
        label="Reason for rejecting (optional)"
        hint={
          status === 'APPROVED'
            ? 'Sent to the person. Their seat goes to the first person on the waiting list.'
            : 'Sent to the person and kept in the history.'
        }
        errors={reason.errors}
        textareaProps={{ ...getTextareaProps(reason), rows: 3, maxLength: 1000 }}
      />
      <button type="submit" className="button button--danger" disabled={busy}>
        Reject
      </button>
    </Form>
  )
}

function History({ history, timeZone }: { history: RegistrationForVetting['history']; timeZone: string }) {
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p className="field-hint">Newest first.</p>
      <ol className="history">
        {history.map((entry) => (
          <li key={entry.id} className="history__entry">
            <p className="history__head">
              <strong>{vettingActionLabels[entry.action]}</strong>
              {entry.fromStatus && entry.fromStatus !== entry.toStatus ? (
                <span className="history__transition">
                  {registrationStatusLabels[entry.fromStatus]} → {registrationStatusLabels[entry.toStatus]}
                </span>
              ) : null}
            </p>
            <p className="history__meta">
              {entry.actor ? `${entry.actor.name}${entry.actor.isRegistrant ? ' (the registrant)' : ''}` : 'Muster, automatically'} ·{' '}
              <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, timeZone)}</time>
            </p>
            {entry.reason ? <p className="history__reason">{entry.reason}</p> : null}
            {entry.changes.length ? (
              <table className="table history__changes">
                <caption className="visually-hidden">What changed</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {entry.changes.map((change) => (
                    <tr key={change.field}>
                      <th scope="row">{change.field}</th>
                      <td>{change.before ?? <NotGiven text="Empty" />}</td>
                      <td>{change.after ?? <NotGiven text="Empty" />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
