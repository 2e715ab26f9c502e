import { data, Form, Link } from 'react-router'
import { ConsoleHeader } from '#app/components/console-nav.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { listAuditLog } from '#app/domain/audit.server.ts'
import { auditCategories, parseAuditQuery } from '#app/domain/audit.ts'
import { consoleAccess } from '#app/domain/roles.ts'
import { requireEventRole } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import type { Route } from './+types/manage.audit'

const categoryLabels: Record<(typeof auditCategories)[number], string> = {
  registration: 'Vetting records opened',
  export: 'Exports',
  event: 'Event settings',
  session: 'Agenda',
  meeting: 'Meetings',
  matchmaking: 'Matchmaking',
}

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Audit log · ${loaderData.event.title} · Muster` : 'Audit log · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { event, roles, user, headers } = await requireEventRole(request, params.slug, ['ORGANISER'])
  const query = parseAuditQuery(new URL(request.url).searchParams)
  const log = await listAuditLog(db, event.id, query)
  return data({ event, access: consoleAccess(roles, user.isPlatformAdmin), log, category: query.category }, { headers })
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { event, access, log, category } = loaderData
  const pageHref = (page: number) => `?${new URLSearchParams({ ...(category ? { category } : {}), page: String(page) })}`
  return (
    <div className="page">
      <ConsoleHeader event={event} current="audit" access={access}>
        <p className="lede">
          Who changed what, and who opened a vetting record or downloaded an export. Entries are kept when people are erased, without
          their values.
        </p>
      </ConsoleHeader>

      <Form method="get" className="panel audit-filter" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-category">Show</label>
          <select id="audit-category" name="category" defaultValue={category ?? ''}>
            <option value="">Everything</option>
            {auditCategories.map((value) => (
              <option key={value} value={value}>
                {categoryLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>

      <section aria-labelledby="audit-heading" className="panel">
        <h2 id="audit-heading">
          {log.total} {log.total === 1 ? 'entry' : 'entries'}
        </h2>
        {log.entries.length === 0 ? (
          <p className="muted">Nothing recorded{category ? ' of this kind' : ''} yet.</p>
        ) : (
          <ol className="audit-log">
            {log.entries.map((entry) => (
              <li key={entry.id}>
                <p className="audit-log__what">
                  <strong>{entry.actor}</strong> · {entry.label}
                  {entry.entityType === 'Registration' ? (
                    <>
                      {' · '}
                      <Link to={`/events/${event.slug}/manage/vetting/${entry.entityId}`}>the record</Link>
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
    </div>
  )
}
