// The registration dashboard for organisers and vetting officers: registrations over time by
// status, the vetting funnel with the median wait for a decision, who is coming by nationality,
// organisation kind and country, and arrivals per hour on the event's days. Every chart is SVG
// drawn on the server with its numbers in a table beside it.
import { data, href, Link } from 'react-router'
import { BarChart, ChartLegend, ColumnChart, type ChartCategory, type ChartSeries } from '#app/components/charts.tsx'
import { getRegistrationDashboard } from '#app/domain/registration/registration-dashboard.server.ts'
import { statusesInPlay, type BreakdownRow } from '#app/domain/registration/registration-dashboard.ts'
import { registrationStatusLabels, registrationStatuses, type RegistrationStatus } from '#app/domain/registration/vetting.ts'
import { db } from '#app/lib/db.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/dashboard'

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Dashboard · ${loaderData.event.title} · Muster` : 'Dashboard · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['VETTING_OFFICER'])
  return data({ event, dashboard: await getRegistrationDashboard(db, event.id) }, { headers: { 'Cache-Control': 'private, no-store' } })
}

const statusTones = { APPROVED: 'approved', PENDING: 'pending', WAITLISTED: 'waitlisted', REJECTED: 'rejected', CANCELLED: 'cancelled' } as const
const allStatusSeries: ChartSeries<RegistrationStatus>[] = (['APPROVED', 'WAITLISTED', 'PENDING', 'REJECTED', 'CANCELLED'] as const).map((status) => ({
  key: status,
  label: registrationStatusLabels[status],
  tone: statusTones[status],
}))
const inPlaySeries = statusesInPlay.map((status) => ({ key: status, label: registrationStatusLabels[status], tone: statusTones[status] }))

const number = (value: number) => value.toLocaleString('en-GB')

/** "35 minutes", "5 hours", "2.5 days": a wait as people say it. */
function formatWait(ms: number) {
  const minutes = ms / 60_000
  if (minutes < 90) return `${Math.max(1, Math.round(minutes))} minute${Math.round(minutes) === 1 ? '' : 's'}`
  const hours = minutes / 60
  if (hours < 48) return `${Math.round(hours)} hours`
  const days = Math.round((hours / 24) * 10) / 10
  return `${days} days`
}

export default function RegistrationDashboardPage({ loaderData }: Route.ComponentProps) {
  const { event, dashboard } = loaderData
  const { funnel, overTime, checkIns } = dashboard
  const vetting = href('/events/:slug/manage/vetting', { slug: event.slug })
  const funnelRows: { key: string; label: string; count: number; status?: RegistrationStatus }[] = [
    { key: 'applied', label: 'Applied', count: funnel.applied },
    ...(['APPROVED', 'WAITLISTED', 'PENDING', 'REJECTED', 'CANCELLED'] as const).map((status) => ({
      key: status,
      label: status === 'PENDING' ? 'Waiting for a decision' : registrationStatusLabels[status],
      count: funnel[status],
      status,
    })),
  ]
  const share = (count: number) => (funnel.applied === 0 ? '–' : `${Math.round((count / funnel.applied) * 100)}%`)

  return (
    <div className="dashboard">
      <section className="panel" aria-labelledby="dashboard-summary-heading">
        <h2 id="dashboard-summary-heading">Registrations at a glance</h2>
        <dl className="stat-grid">
          <div>
            <dt>Applied</dt>
            <dd>{number(funnel.applied)}</dd>
          </div>
          {registrationStatuses.map((status) => (
            <div key={status}>
              <dt>{registrationStatusLabels[status]}</dt>
              <dd>{number(funnel[status])}</dd>
            </div>
          ))}
          <div>
            <dt>Median wait for a decision</dt>
            <dd>{funnel.medianMsToDecision === null ? '–' : formatWait(funnel.medianMsToDecision)}</dd>
          </div>
        </dl>
      </section>

      <DashboardSection id="over-time" title="Registrations over time" stacked note={`By status at the end of each day (${dashboard.timeZone}).${overTime.firstDay !== overTime.shownFrom && overTime.shownFrom ? ' The most recent days are shown.' : ''}`}>
        {overTime.days.length === 0 ? (
          <p className="dashboard__empty">No registrations yet.</p>
        ) : (
          <>
            <figure className="dashboard__chart">
              <ColumnChart
                title="Registrations by status at the end of each day"
                series={allStatusSeries}
                categories={overTime.days.map((day) => ({ key: day.key, label: day.label, values: day.counts }))}
              />
              <ChartLegend series={allStatusSeries} />
            </figure>
            <NumbersTable
              label="Registrations by status at the end of each day"
              columns={['Day', ...allStatusSeries.map((series) => series.label), 'Total']}
              rows={[...overTime.days].reverse().map((day) => ({ key: day.key, cells: [day.label, ...allStatusSeries.map((series) => number(day.counts[series.key])), number(day.total)] }))}
              tall
            />
          </>
        )}
      </DashboardSection>

      <DashboardSection
        id="funnel"
        title="Vetting"
        note={
          funnel.medianMsToDecision === null
            ? 'No officer has decided on a registration yet.'
            : `Half of the ${number(funnel.officerDecisions)} decisions officers made came within ${formatWait(funnel.medianMsToDecision)} of the registration reaching the queue (a request for more information does not stop the clock).`
        }
      >
        <figure className="dashboard__chart">
          <BarChart
            title="Registrations by where they stand in vetting"
            series={[{ key: 'count', label: 'Registrations', tone: 'accent' }]}
            categories={funnelRows.map((row) => ({ key: row.key, label: row.label, values: { count: row.count } }))}
          />
        </figure>
        <NumbersTable
          label="Registrations by where they stand in vetting"
          columns={['Stage', 'Registrations', 'Share of applied']}
          rows={funnelRows.map((row) => ({ key: row.key, cells: [row.label, number(row.count), row.key === 'applied' ? '100%' : share(row.count)] }))}
        />
        <p className="dashboard__more">
          <Link to={vetting}>Open the vetting queue</Link>
        </p>
      </DashboardSection>

      <BreakdownSection id="nationality" title="By nationality" rows={dashboard.byNationality} />
      <BreakdownSection id="kind" title="By organisation kind" rows={{ chart: dashboard.byOrganisationKind, table: dashboard.byOrganisationKind }} />
      <BreakdownSection id="country" title="By organisation country" rows={dashboard.byOrganisationCountry} />

      <DashboardSection id="check-ins" title="Check-ins per hour" note={`Arrivals on each day of the event, by the hour (${dashboard.timeZone}).`}>
        {checkIns.total === 0 ? (
          <p className="dashboard__empty">Nobody has checked in yet. Arrivals per hour appear here on the event’s days.</p>
        ) : (
          checkIns.days.map((day) => {
            const hours: ChartCategory<'count'>[] = day.hours.map((hour) => ({ key: String(hour.hour), label: `${String(hour.hour).padStart(2, '0')}:00`, values: { count: hour.count } }))
            return (
              <div key={day.key} className="dashboard__day">
                <h3>
                  {day.label}: {number(day.total)} arrival{day.total === 1 ? '' : 's'}
                </h3>
                <figure className="dashboard__chart">
                  <ColumnChart title={`Check-ins per hour on ${day.label}`} series={[{ key: 'count', label: 'Check-ins', tone: 'accent' }]} categories={hours} width={440} height={220} />
                </figure>
                <NumbersTable
                  label={`Check-ins per hour on ${day.label}`}
                  columns={['Hour', 'Check-ins']}
                  rows={day.hours.map((hour) => ({ key: String(hour.hour), cells: [`${String(hour.hour).padStart(2, '0')}:00–${String(hour.hour + 1).padStart(2, '0')}:00`, number(hour.count)] }))}
                  tall
                />
              </div>
            )
          })
        )}
      </DashboardSection>
    </div>
  )
}

function DashboardSection({ id, title, note, stacked = false, children }: { id: string; title: string; note?: string; stacked?: boolean; children: React.ReactNode }) {
  return (
    <section className="panel dashboard__section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {note ? <p className="dashboard__note">{note}</p> : null}
      <div className={`dashboard__body${stacked ? ' dashboard__body--stacked' : ''}`}>{children}</div>
    </section>
  )
}

function BreakdownSection({ id, title, rows }: { id: string; title: string; rows: { chart: BreakdownRow[]; table: BreakdownRow[] } }) {
  return (
    <DashboardSection id={id} title={title} note="People still in play: approved, waiting for a decision or on the waiting list.">
      {rows.table.length === 0 ? (
        <p className="dashboard__empty">No registrations in play yet.</p>
      ) : (
        <>
          <figure className="dashboard__chart">
            <BarChart title={`Registrations in play ${title.toLowerCase()}`} series={inPlaySeries} categories={rows.chart.map((row) => ({ key: row.key, label: row.label, values: row.counts }))} />
            <ChartLegend series={inPlaySeries} />
          </figure>
          <NumbersTable
            label={`Registrations in play ${title.toLowerCase()}`}
            columns={[title.replace(/^By /, '').replace(/^./, (first) => first.toUpperCase()), ...inPlaySeries.map((series) => series.label), 'Total']}
            rows={rows.table.map((row) => ({ key: row.key, cells: [row.label, ...inPlaySeries.map((series) => number(row.counts[series.key])), number(row.total)] }))}
            tall={rows.table.length > 12}
          />
        </>
      )}
    </DashboardSection>
  )
}

/** A chart's numbers: the first column names the row; a long table scrolls in its own region. */
function NumbersTable({ label, columns, rows, tall = false }: { label: string; columns: readonly string[]; rows: readonly { key: string; cells: readonly string[] }[]; tall?: boolean }) {
  return (
    <div className={`table-scroll dashboard__numbers${tall ? ' dashboard__numbers--tall' : ''}`} role="region" aria-label={`${label}, table`} tabIndex={0}>
      <table className="table table--numbers">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
