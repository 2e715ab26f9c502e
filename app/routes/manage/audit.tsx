import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { listAuditActors, listAuditLog } from '#app/domain/audit/audit.server.ts'
import { auditCategories, auditQueryParams, parseAuditQuery } from '#app/domain/audit/audit.ts'
import { getRetention, setRetention } from '#app/domain/privacy/retention.server.ts'
import { retentionFormSchema } from '#app/domain/privacy/retention.ts'
import { db } from '#app/lib/db.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { formatDateTime, formatShortDate } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/audit'

const categoryLabels: Record<(typeof auditCategories)[number], string> = {
  registration: 'Vetting: records opened and decisions',
  export: 'Exports',
  message: 'Messages to attendees',
  event: 'Event settings and retention',
  question: 'Registration questions',
  session: 'Agenda',
  meeting: 'Meetings',
  matchmaking: 'Matchmaking',
  staff: 'Staff and invitations',
}

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Audit log · ${loaderData.event.title} · Muster` : 'Audit log · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const query = parseAuditQuery(new URL(request.url).searchParams)
  const [log, retention, actors] = await Promise.all([listAuditLog(db, event.id, query, event.timeZone), getRetention(db, event.id), listAuditActors(db, event.id)])
  return data({ event, log, retention, actors, query })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, retentionFormSchema)
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 })
  try {
    await setRetention(db, { eventId: event.id, days: submission.value.retentionDays ?? null, actorId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), saved: false }, refusalStatus(refusal))
  }
  return { result: submission.reply(), saved: true }
}

export default function AuditLog({ loaderData, actionData }: Route.ComponentProps) {
  const { event, log, retention, actors, query } = loaderData
  const { category } = query
  const filtered = Boolean(category || query.actor || query.from || query.to)
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { retentionDays: retention.retentionDays === null ? '' : String(retention.retentionDays) },
    constraint: getZodConstraint(retentionFormSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retentionFormSchema }),
  })
  const pageHref = (page: number) => `?${auditQueryParams(query, page)}`
  return (
    <>
        <p className="lede">
          Who changed what, and who opened a vetting record or downloaded an export. Entries are kept when people are erased, without
          their values.
        </p>

      <section aria-labelledby="retention-heading" className="panel">
        <h2 id="retention-heading">Keeping personal data</h2>
        {retention.personalDataPurgedAt ? (
          <p>
            Registrants’ answers and the vetting notes were purged on {formatDateTime(retention.personalDataPurgedAt, event.timeZone)}. Who
            registered and who decided what stay in the history.
          </p>
        ) : (
          <>
            {actionData?.saved ? (
              <p className="notice notice--success" role="status">
                Saved.
              </p>
            ) : null}
            <p>
              {retention.purgeDueAt
                ? `Registrants’ answers and the vetting officers’ notes are purged on ${formatShortDate(retention.purgeDueAt, event.timeZone)}, ${retention.retentionDays} days after the event.`
                : 'Registrants’ answers and the vetting officers’ notes are kept until you set a period.'}
            </p>
            <Form method="post" {...getFormProps(form)} className="retention-form">
              <ErrorList id={form.errorId} errors={form.errors} />
              <Field
                label="Days to keep after the event"
                hint="Leave empty to keep them. The purge runs once the period has passed; it cannot be undone."
                errors={fields.retentionDays.errors}
                inputProps={{ ...getInputProps(fields.retentionDays, { type: 'number' }), inputMode: 'numeric', step: 1, className: 'input--short' }}
              />
              <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                Save
              </button>
            </Form>
          </>
        )}
      </section>

      <Form method="get" className="panel audit-filter" role="search" aria-label="Filter the audit log">
        <SelectField label="Show" selectProps={{ id: 'audit-category', name: 'category', defaultValue: category ?? '' }}>
          <option value="">Everything</option>
          {auditCategories.map((value) => (
            <option key={value} value={value}>
              {categoryLabels[value]}
            </option>
          ))}
        </SelectField>
        <SelectField label="By" selectProps={{ id: 'audit-actor', name: 'actor', defaultValue: query.actor ?? '' }}>
          <option value="">Anyone</option>
          {actors.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.label}
            </option>
          ))}
          {actors.system ? <option value="system">Muster itself (scheduled jobs)</option> : null}
        </SelectField>
        <Field label="From" hint={`In ${event.timeZone}`} inputProps={{ id: 'audit-from', name: 'from', type: 'date', defaultValue: query.from ?? '' }} />
        <Field label="To" hint="That day included" inputProps={{ id: 'audit-to', name: 'to', type: 'date', defaultValue: query.to ?? '' }} />
        <button type="submit" className="button">
          Filter
        </button>
        {filtered ? (
          <Link to="?" className="button button--quiet">
            Show everything
          </Link>
        ) : null}
      </Form>

      <section aria-labelledby="audit-heading" className="panel">
        <h2 id="audit-heading">
          {log.total} {log.total === 1 ? 'entry' : 'entries'}
        </h2>
        {log.entries.length === 0 ? (
          <p className="muted">{filtered ? 'Nothing recorded matches these filters.' : 'Nothing recorded yet.'}</p>
        ) : (
          <ol className="audit-log">
            {log.entries.map((entry) => (
              <li key={entry.id}>
                <p className="audit-log__what">
                  <strong>{entry.actor}</strong> · {entry.label}
                  {entry.entityType === 'Registration' ? (
                    <>
                      {' · '}
                      <Link to={href('/events/:slug/manage/vetting/:registrationId', { slug: event.slug, registrationId: entry.entityId })}>the record</Link>
                    </>
                  ) : null}
                </p>
                <p className="audit-log__when">
                  <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, event.timeZone)}</time>
                  {entry.ipAddress ? ` · from ${entry.ipAddress}` : ''}
                </p>
                {entry.details ? <p className="audit-log__details">{entry.details}</p> : null}
              </li>
            ))}
          </ol>
        )}
        <Pagination page={log.page} pageCount={log.pageCount} pageHref={pageHref} />
      </section>
    </>
  )
}
