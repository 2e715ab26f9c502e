import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { decideInBulk, listVettingQueue, type BulkOutcome } from '#app/domain/registration/vetting.server.ts'
import {
  MAX_SEARCH_LENGTH,
  parseVettingQuery,
  registrationStatuses,
  registrationStatusLabels,
  VETTING_PAGE_SIZE,
  vettingQueryString,
  registrationExportQueryString,
  type RegistrationExportStatus,
  type RegistrationStatus,
  type VettingQuery,
} from '#app/domain/registration/vetting.ts'
import { requireRecentSignIn } from '#app/lib/auth.server.ts'
import { useHydrated } from '#app/lib/browser-value.ts'
import { countryName } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/vetting'
import { parseForm } from '#app/lib/form.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { OrganisationKindOptions } from '#app/components/select-options.tsx'

const BulkDecisionSchema = z.object({
  intent: z.enum(['approve', 'reject'], { error: 'Choose whether to approve or reject' }),
  registrationId: z
    .array(recordIdSchema, { error: 'Select at least one registration' })
    .min(1, 'Select at least one registration')
    .max(VETTING_PAGE_SIZE, `Select at most ${VETTING_PAGE_SIZE} registrations at a time`),
  reason: z.string().trim().max(1000, 'Keep the reason under 1000 characters').optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Vetting · ${loaderData.event.title} · Muster` : 'Vetting · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['VETTING_OFFICER'])
  const query = parseVettingQuery(new URL(request.url).searchParams)
  return data(
    { event, queue: await listVettingQueue(db, event.id, query) }
  )
}

export async function action({ request, context }: Route.ActionArgs) {
  const authenticated = requireConsoleRole(context, request, ['VETTING_OFFICER'])
  const { event, user } = authenticated
  const submission = await parseForm(request, BulkDecisionSchema)
  // Deciding on several at once needs a recent sign-in; one decision at a time does not.
  if (submission.status === 'success' && new Set(submission.value.registrationId).size > 1) requireRecentSignIn(request, authenticated)
  if (submission.status !== 'success') return data({ result: submission.reply(), bulk: null }, { status: 400 })
  const { intent, registrationId, reason } = submission.value
  let outcomes: Awaited<ReturnType<typeof decideInBulk>>
  try {
    outcomes = await decideInBulk(db, { eventId: event.id, registrationIds: registrationId, actorId: user.id, action: intent, reason })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), bulk: null }, refusalStatus(refusal))
  }
  return { result: submission.reply({ resetForm: true }), bulk: { action: intent, outcomes } }
}

/** Which bulk decisions make sense for the registrations in a status. */
const bulkActionsFor: Record<RegistrationStatus, readonly ('approve' | 'reject')[]> = {
  PENDING: ['approve', 'reject'],
  WAITLISTED: ['reject'],
  APPROVED: ['reject'],
  REJECTED: [],
  CANCELLED: [],
}

export default function VettingQueue({ loaderData, actionData }: Route.ComponentProps) {
  const { event, queue } = loaderData
  const { applied, rows, total, page, pageCount, statusCounts, filterOptions } = queue
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(BulkDecisionSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkDecisionSchema }),
  })
  const bulkActions = bulkActionsFor[applied.status]
  const filtered = Boolean(applied.q || applied.kind || applied.country || applied.answer)
  const statusWord = registrationStatusLabels[applied.status].toLowerCase()
  const linkTo = (changes: Partial<VettingQuery>) => vettingQueryString({ ...applied, page: 1, ...changes }) || '?'
  // No download attribute on these links: when a recent sign-in is needed the server answers with the confirmation page, which must open.
  const exportHref = (file: string, status: RegistrationExportStatus) =>
    `${href('/events/:slug/manage/vetting/export/:file', { slug: event.slug, file })}${registrationExportQueryString({ ...applied, status })}`

  return (
    <>

      {actionData?.bulk ? <BulkSummary action={actionData.bulk.action} outcomes={actionData.bulk.outcomes} /> : null}

      <nav aria-label="Registrations by status" className="status-tabs">
        <ul>
          {registrationStatuses.map((status) => (
            <li key={status}>
              <Link to={linkTo({ status })} aria-current={status === applied.status ? 'page' : undefined}>
                {registrationStatusLabels[status]}
                <span className="status-tabs__count">{statusCounts[status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="panel queue-filters" role="search" aria-label="Filter registrations">
        <input type="hidden" name="status" value={applied.status} />
        <div className="field queue-filters__search">
          <label htmlFor="queue-search">Search</label>
          <input id="queue-search" type="search" name="q" defaultValue={applied.q} maxLength={MAX_SEARCH_LENGTH} placeholder="Name, email or organisation" />
        </div>
        <SelectField label="Organisation kind" selectProps={{ id: 'queue-kind', name: 'kind', defaultValue: applied.kind ?? '' }}>
          <OrganisationKindOptions empty="Any kind" />
        </SelectField>
        <SelectField label="Country" hint="The organisation’s country or the person’s nationality" selectProps={{ id: 'queue-country', name: 'country', defaultValue: applied.country ?? '' }}>
          <option value="">Any country</option>
          {filterOptions.countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        {filterOptions.answerQuestions.length ? (
          <SelectField label="Answer" selectProps={{ id: 'queue-answer', name: 'answer', defaultValue: applied.answer ?? '' }}>
            <option value="">Any answer</option>
            {filterOptions.answerQuestions.map((question) => (
              <optgroup key={question.key} label={question.label}>
                {question.options.map((option) => (
                  <option key={option.value} value={`${question.key}:${option.value}`}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        ) : null}
        <div className="queue-filters__actions">
          <button type="submit" className="button button--primary">
            Apply filters
          </button>
          {filtered ? (
            <Link className="button button--quiet" to={linkTo({ q: '', kind: null, country: null, answer: null })}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>

      <section className="queue-exports" aria-labelledby="queue-exports-heading">
        <h2 id="queue-exports-heading" className="visually-hidden">
          Downloads
        </h2>
        <p>
          Download the {total} {statusWord} registration{total === 1 ? '' : 's'}
          {filtered ? ' that match' : ''}: <a href={exportHref('registrations.csv', applied.status)}>CSV<span className="visually-hidden"> of the {statusWord} registrations</span></a>
          {' · '}
          <a href={exportHref('registrations.xlsx', applied.status)}>Excel<span className="visually-hidden"> of the {statusWord} registrations</span></a>
        </p>
        <p>
          {filtered ? 'Those that match in every status' : 'All registrations, every status'}: <a href={exportHref('registrations.csv', 'ALL')}>CSV<span className="visually-hidden"> of every status</span></a>
          {' · '}
          <a href={exportHref('registrations.xlsx', 'ALL')}>Excel<span className="visually-hidden"> of every status</span></a>
        </p>
      </section>

      <Form method="post" {...getFormProps(form)}>
        <div className="queue-toolbar">
          <p className="queue-toolbar__count" role="status">
            {total} {statusWord} registration{total === 1 ? '' : 's'}
            {filtered ? (total === 1 ? ' matches the filters' : ' match the filters') : ''}
            {applied.status === 'PENDING' && total > 0 ? ', oldest first' : ''}
          </p>
          {rows.length && bulkActions.length ? (
            <fieldset className="bulk-bar">
              <legend className="bulk-bar__legend">Decide on the selected registrations</legend>
              <ErrorList id={fields.registrationId.errorId} errors={fields.registrationId.errors} />
              <ErrorList id={form.errorId} errors={form.errors} />
              <Field
                label="Reason (optional)"
                hint="Recorded in the history; sent to the person with a rejection."
                errors={fields.reason.errors}
                inputProps={{ ...getInputProps(fields.reason, { type: 'text' }), maxLength: 1000 }}
              />
              <div className="bulk-bar__buttons">
                {bulkActions.includes('approve') ? (
                  <button type="submit" name="intent" value="approve" className="button button--primary" disabled={navigation.state === 'submitting'}>
                    Approve selected
                  </button>
                ) : null}
                <button type="submit" name="intent" value="reject" className="button button--danger" disabled={navigation.state === 'submitting'}>
                  Reject selected
                </button>
              </div>
            </fieldset>
          ) : null}
        </div>

        {rows.length === 0 ? (
          <p className="empty">{filtered ? 'No registrations match these filters.' : `No ${statusWord} registrations.`}</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Registrations, table" tabIndex={0}>
            <table className="table queue-table">
              <caption className="visually-hidden">
                {registrationStatusLabels[applied.status]} registrations, page {page} of {pageCount}
              </caption>
              <thead>
                <tr>
                  {bulkActions.length ? (
                    <th scope="col" className="queue-table__select">
                      <SelectAllCheckbox />
                    </th>
                  ) : null}
                  <th scope="col">Name</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Nationality</th>
                  <th scope="col">Submitted</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    {bulkActions.length ? (
                      <td className="queue-table__select">
                        <input
                          type="checkbox"
                          name={fields.registrationId.name}
                          value={row.id}
                          aria-label={`Select ${row.name}`}
                        />
                      </td>
                    ) : null}
                    <td>
                      <Link to={href('/events/:slug/manage/vetting/:registrationId', { slug: event.slug, registrationId: row.id })} className="queue-table__name">
                        {row.name || row.email}
                      </Link>
                      {row.infoRequestedAt ? <span className="badge badge--warning">Info requested</span> : null}
                      <span className="queue-table__email">{row.email}</span>
                    </td>
                    <td>
                      {row.organisation ? (
                        <>
                          {row.organisation.name}
                          {row.organisation.selfDeclaredBuyer ? (
                            <span className="badge badge--danger">Self-declared buyer</span>
                          ) : row.organisation.addedBy ? (
                            <span className="badge badge--warning">Added by registrant</span>
                          ) : null}
                          <span className="queue-table__meta">
                            {organisationKindLabels[row.organisation.kind]} · {countryName(row.organisation.country)}
                          </span>
                        </>
                      ) : (
                        <span className="muted">None given</span>
                      )}
                    </td>
                    <td>{row.nationality ? countryName(row.nationality) : <span className="muted">Not given</span>}</td>
                    <td className="nowrap">{formatDateTime(row.submittedAt, event.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Form>

      <Pagination page={page} pageCount={pageCount} pageHref={(target) => linkTo({ page: target })} />
    </>
  )
}

const outcomeLabels: Partial<Record<RegistrationStatus, string>> = {
  APPROVED: 'Approved: holds a seat',
  WAITLISTED: 'Approved, no free seat: on the waiting list',
  REJECTED: 'Rejected',
}

function BulkSummary({ action, outcomes }: { action: 'approve' | 'reject'; outcomes: BulkOutcome[] }) {
  const done = outcomes.filter((outcome) => outcome.ok).length
  const verb = action === 'approve' ? 'Approve' : 'Reject'
  const allDone = done === outcomes.length
  return (
    <section className={`notice bulk-summary ${allDone ? 'notice--success' : 'notice--warning'}`} role="status" aria-labelledby="bulk-summary-heading">
      <h2 id="bulk-summary-heading">
        {verb}: {done} of {outcomes.length} done
      </h2>
      <ul>
        {outcomes.map((outcome) => (
          <li key={outcome.registrationId} className={outcome.ok ? 'bulk-summary__ok' : 'bulk-summary__failed'}>
            <strong>{outcome.name ?? 'Unknown registration'}</strong>:{' '}
            {outcome.ok && outcome.status ? (outcomeLabels[outcome.status] ?? registrationStatusLabels[outcome.status]) : outcome.message}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Ticks every row on the page; it needs JavaScript, so it appears only once the page can run it. */
function SelectAllCheckbox() {
  const enhanced = useHydrated()
  if (!enhanced) return <span className="visually-hidden">Select</span>
  return (
    <input
      type="checkbox"
      aria-label="Select all on this page"
      onChange={(event) => {
        const boxes = event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="registrationId"]') ?? []
        for (const box of boxes) box.checked = event.currentTarget.checked
      }}
    />
  )
}
