import { data, Link } from 'react-router'
import { getVettingQueue } from '#app/domain/event-console.server.ts'
import { requireEventRole } from '#app/lib/auth.server.ts'
import { countryName } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { formatLongDate } from '#app/lib/time.ts'
import type { Route } from './+types/manage.vetting'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Vetting · ${loaderData.event.title} · Muster` : 'Vetting · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { event, headers } = await requireEventRole(request, params.slug, ['VETTING_OFFICER'])
  return data({ event, queue: await getVettingQueue(db, event.id) }, { headers })
}

const organisationKindLabels = {
  GOVERNMENT_BUYER: 'Government buyer',
  LARGE_COMPANY: 'Large company',
  SME: 'SME',
  START_UP: 'Start-up',
  ACADEMIA: 'Academia',
  OTHER: 'Other',
} as const

export default function VettingQueue({ loaderData }: Route.ComponentProps) {
  const { event, queue } = loaderData
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Vetting</p>
        <h1>{event.title}</h1>
        <p className="lede">
          {queue.length} registration{queue.length === 1 ? '' : 's'} waiting for a decision, oldest first.
        </p>
        <p>
          <Link to={`/events/${event.slug}`}>Public page</Link>
        </p>
      </header>
      {queue.length === 0 ? (
        <p className="empty">Nothing to vet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Registrations pending vetting</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Nationality</th>
              <th scope="col">Organisation</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((registration) => (
              <tr key={registration.id}>
                <td>
                  {registration.user.name}
                  {registration.infoRequestedAt ? <span className="badge badge--warning">Info requested</span> : null}
                </td>
                <td>{registration.user.nationality ? countryName(registration.user.nationality) : '—'}</td>
                <td>
                  {registration.organisation
                    ? `${registration.organisation.name} (${organisationKindLabels[registration.organisation.kind]}, ${countryName(registration.organisation.country)})`
                    : '—'}
                </td>
                <td>{formatLongDate(registration.submittedAt, event.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
