import { data, Link } from 'react-router'
import { getEventOverview } from '#app/domain/event-console.server.ts'
import { eventRoleLabels } from '#app/domain/roles.ts'
import { requireEventRole } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/manage'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Manage ${loaderData.event.title} · Muster` : 'Manage · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { event, headers } = await requireEventRole(request, params.slug, ['ORGANISER'])
  return data({ event, overview: await getEventOverview(db, event.id) }, { headers })
}

const statusLabels = {
  PENDING: 'Pending vetting',
  APPROVED: 'Approved',
  WAITLISTED: 'Waiting list',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
} as const

export default function Manage({ loaderData }: Route.ComponentProps) {
  const { event, overview } = loaderData
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Organiser console</p>
        <h1>{event.title}</h1>
        <nav aria-label="Console" className="track-filter">
          <ul>
            <li>
              <Link className="chip" aria-current="true" to={`/events/${event.slug}/manage`}>
                Overview
              </Link>
            </li>
            <li>
              <Link className="chip" to={`/events/${event.slug}/manage/vetting`}>
                Vetting queue
              </Link>
            </li>
            <li>
              <Link className="chip" to={`/events/${event.slug}`}>
                Public page
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <section aria-labelledby="registrations-heading" className="panel">
        <h2 id="registrations-heading">Registrations</h2>
        <dl className="stat-grid">
          {Object.entries(statusLabels).map(([status, label]) => (
            <div key={status}>
              <dt>{label}</dt>
              <dd>{overview.registrations[status as keyof typeof statusLabels]}</dd>
            </div>
          ))}
          <div>
            <dt>Capacity</dt>
            <dd>{overview.capacity ?? 'Unlimited'}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="staff-heading" className="panel">
        <h2 id="staff-heading">Event staff</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {overview.staff.map((member) => (
              <tr key={`${member.user.email}-${member.role}`}>
                <td>{member.user.name}</td>
                <td>{member.user.email}</td>
                <td>{eventRoleLabels[member.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
