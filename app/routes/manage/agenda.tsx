import { data, Link, href } from 'react-router'
import { z } from 'zod'
import { sessionKindLabels } from '#app/domain/agenda/agenda.ts'
import { getAgendaEditor } from '#app/domain/agenda/editor.server.ts'
import { db } from '#app/lib/db.server.ts'
import { calendarDayParts, formatLongDate, formatTime, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/agenda'
import { emailDeliveryProgress } from '#app/domain/messages/delivery.server.ts'
import { EmailDeliveryProgress } from '#app/components/email-delivery-progress.tsx'

const ViewSchema = z.object({ view: z.enum(['list', 'grid']).catch('list') })

/** The grid's rows: one per quarter of an hour. */
const GRID_STEP_MINUTES = 15

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Agenda · ${loaderData.event.title} · Muster` : 'Agenda · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const searchParams = new URL(request.url).searchParams
  const { view } = ViewSchema.parse(Object.fromEntries(searchParams))
  const [editor, delivery] = await Promise.all([getAgendaEditor(db, event.id), emailDeliveryProgress(db, event.id)])
  return data({ event, view, editor, delivery })
}

type Editor = Route.ComponentProps['loaderData']['editor']
type EditorSession = Editor['sessions'][number]

export default function ManageAgenda({ loaderData }: Route.ComponentProps) {
  const { event, view, editor } = loaderData
  const base = href('/events/:slug/manage/agenda', { slug: event.slug })
  const warningsBySession = new Map<string, string[]>()
  for (const warning of editor.warnings) warningsBySession.set(warning.sessionId, [...(warningsBySession.get(warning.sessionId) ?? []), warning.message])
  const days = groupByDay(editor.sessions, event.timeZone)
  return (
    <>
      <EmailDeliveryProgress eventSlug={event.slug} delivery={loaderData.delivery} />
      <section className="section" aria-labelledby="agenda-heading">
        <div className="section__head">
          <h2 id="agenda-heading">Agenda</h2>
          <div className="button-row">
            <Link className="button button--primary" to={`/events/${event.slug}/manage/agenda/sessions/new`}>
              New session
            </Link>
            <Link className="button" to={href('/events/:slug/manage/agenda/setup', { slug: event.slug })}>
              Rooms, tracks and speakers
            </Link>
          </div>
        </div>
        <p className="muted">
          {editor.sessions.length} sessions · times in {event.timeZone} ({zoneAbbreviation(editor.event.startsAt, event.timeZone)})
        </p>
        {editor.warnings.length > 0 ? (
          <div className="notice notice--warning" role="status">
            <p>
              <strong>{editor.warnings.length === 1 ? '1 thing to check' : `${editor.warnings.length} things to check`}</strong>: the sessions concerned are
              marked below.
            </p>
          </div>
        ) : null}
        <nav aria-label="Agenda view" className="status-tabs">
          <ul>
            <li>
              <Link to={`${base}?view=list`} aria-current={view === 'list' ? 'page' : undefined}>
                List
              </Link>
            </li>
            <li>
              <Link to={`${base}?view=grid`} aria-current={view === 'grid' ? 'page' : undefined}>
                Grid by room
              </Link>
            </li>
          </ul>
        </nav>
        {editor.sessions.length === 0 ? <p className="empty">No sessions yet. Add rooms and tracks first, then the sessions.</p> : null}
        {days.map((day) =>
          view === 'grid' ? (
            <AgendaGrid key={day.key} day={day} rooms={editor.rooms} timeZone={event.timeZone} base={base} warnings={warningsBySession} />
          ) : (
            <AgendaList key={day.key} day={day} timeZone={event.timeZone} base={base} warnings={warningsBySession} />
          ),
        )}
      </section>
    </>
  )
}

type Day = { key: string; date: Date; sessions: EditorSession[] }

function groupByDay(sessions: readonly EditorSession[], timeZone: string): Day[] {
  const days = new Map<string, Day>()
  for (const session of sessions) {
    const key = calendarDayParts(session.startsAt, timeZone).key
    const day = days.get(key) ?? { key, date: session.startsAt, sessions: [] }
    day.sessions.push(session)
    days.set(key, day)
  }
  return [...days.values()]
}

function seatsLabel(session: EditorSession) {
  if (!session.signUpRequired) return '—'
  const capacity = session.capacity ?? session.room?.capacity ?? null
  const waiting = session.waiting > 0 ? `, ${session.waiting} waiting` : ''
  return `${session.seatsTaken} / ${capacity ?? '∞'}${waiting}`
}

function AgendaList({ day, timeZone, base, warnings }: { day: Day; timeZone: string; base: string; warnings: Map<string, string[]> }) {
  return (
    <section className="agenda-editor-day" aria-labelledby={`day-${day.key}`}>
      <h3 id={`day-${day.key}`}>{formatLongDate(day.date, timeZone)}</h3>
      <div className="table-scroll" role="region" aria-label={`Sessions on ${formatLongDate(day.date, timeZone)}`} tabIndex={0}>
        <table className="table agenda-editor-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Session</th>
              <th scope="col">Room</th>
              <th scope="col">Track</th>
              <th scope="col">Seats</th>
            </tr>
          </thead>
          <tbody>
            {day.sessions.map((session) => {
              const sessionWarnings = warnings.get(session.id) ?? []
              return (
                <tr key={session.id} className={session.status === 'CANCELLED' ? 'agenda-editor-table__cancelled' : undefined}>
                  <td className="nowrap">{formatTimeRange(session.startsAt, session.endsAt, timeZone)}</td>
                  <td>
                    <Link to={`${base}/sessions/${session.id}`}>{session.title}</Link>
                    <div className="session__meta">
                      <span>{sessionKindLabels[session.kind]}</span>
                      {session.status === 'CANCELLED' ? <span className="badge badge--danger">Cancelled</span> : null}
                      {session.speakers.length > 0 ? <span>{session.speakers.map((speaker) => speaker.name).join(', ')}</span> : null}
                    </div>
                    {sessionWarnings.length > 0 ? (
                      <ul className="agenda-warnings">
                        {sessionWarnings.map((message) => (
                          <li key={message}>
                            <span className="visually-hidden">Warning: </span>
                            {message}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>{session.room?.name ?? '—'}</td>
                  <td>
                    {session.track ? (
                      <span className="session__track">
                        <span className="chip__swatch" style={{ background: session.track.colour }} aria-hidden="true" />
                        {session.track.name}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="nowrap">{seatsLabel(session)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/**
 * Rooms as columns, quarter hours as rows; each session a link placed on the grid, in time
 * order in the document so the keyboard moves through the day as the eye does.
 */
function AgendaGrid({
  day,
  rooms,
  timeZone,
  base,
  warnings,
}: {
  day: Day
  rooms: Editor['rooms']
  timeZone: string
  base: string
  warnings: Map<string, string[]>
}) {
  const columns = [...rooms.map((room) => ({ id: room.id, name: room.name })), ...(day.sessions.some((session) => !session.room) ? [{ id: '', name: 'No room' }] : [])]
  const start = Math.min(...day.sessions.map((session) => session.startsAt.getTime()))
  const end = Math.max(...day.sessions.map((session) => session.endsAt.getTime()))
  const step = GRID_STEP_MINUTES * 60_000
  const firstRow = Math.floor(start / step) * step
  const rowCount = Math.ceil((end - firstRow) / step)
  const row = (instant: Date) => Math.round((instant.getTime() - firstRow) / step) + 2
  const hourMarks = Array.from({ length: rowCount }, (_, index) => new Date(firstRow + index * step)).filter((instant) => formatTime(instant, timeZone).endsWith(':00'))
  return (
    <section className="agenda-editor-day" aria-labelledby={`grid-${day.key}`}>
      <h3 id={`grid-${day.key}`}>{formatLongDate(day.date, timeZone)}</h3>
      <div className="table-scroll" role="region" aria-label={`Agenda grid, ${formatLongDate(day.date, timeZone)}`} tabIndex={0}>
        <div
          className="agenda-grid"
          style={{ gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(8rem, 1fr))`, gridTemplateRows: `auto repeat(${rowCount}, 1.75rem)` }}
        >
          {columns.map((column, index) => (
            <div key={column.id || 'none'} className="agenda-grid__room" style={{ gridColumn: index + 2, gridRow: 1 }} aria-hidden="true">
              {column.name}
            </div>
          ))}
          {hourMarks.map((instant) => (
            <div key={instant.getTime()} className="agenda-grid__hour" style={{ gridColumn: 1, gridRow: row(instant) }} aria-hidden="true">
              {formatTime(instant, timeZone)}
            </div>
          ))}
          {day.sessions.map((session) => {
            const column = columns.findIndex((candidate) => candidate.id === (session.room?.id ?? '')) + 2
            const warned = (warnings.get(session.id) ?? []).length > 0
            // A session one row high has room for one line: its title first, then the time.
            const short = row(session.endsAt) - row(session.startsAt) <= 1
            return (
              <Link
                key={session.id}
                to={`${base}/sessions/${session.id}`}
                title={short ? `${session.title}, ${formatTimeRange(session.startsAt, session.endsAt, timeZone)}` : undefined}
                className={`agenda-grid__session${short ? ' agenda-grid__session--short' : ''}${warned ? ' agenda-grid__session--warned' : ''}${session.status === 'CANCELLED' ? ' agenda-grid__session--cancelled' : ''}`}
                style={{
                  gridColumn: column,
                  gridRow: `${row(session.startsAt)} / ${Math.max(row(session.endsAt), row(session.startsAt) + 1)}`,
                  ...(session.track ? ({ '--track-colour': session.track.colour } as React.CSSProperties) : {}),
                }}
              >
                <span className="agenda-grid__time">{formatTimeRange(session.startsAt, session.endsAt, timeZone)}</span>
                <span className="agenda-grid__title">{session.title}</span>
                <span className="visually-hidden">, {session.room?.name ?? 'no room'}</span>
                {session.status === 'CANCELLED' ? <span className="agenda-grid__flag"> (cancelled)</span> : null}
                {warned ? <span className="agenda-grid__flag"> ⚠ check</span> : null}
              </Link>
            )
          })}
        </div>
      </div>
    </section>
  )
}
