// The public agenda of an event: by day, filtered by track, room and kind, and searched, all
// through one GET form, so every view has its own link and works without JavaScript.
import { data, Form, Link } from 'react-router'
import { SessionCard, sessionKindLabels } from '#app/components/session-card.tsx'
import { AGENDA_SEARCH_MAX_LENGTH, agendaPath, agendaQueryString, groupAgendaByDay, isFilteredAgenda, sessionKinds, type AgendaQuery } from '#app/domain/agenda.ts'
import { getPublicAgenda, parseAgendaQuery } from '#app/domain/public-agenda.server.ts'
import { sessionDownloadPath } from '#app/lib/calendar-paths.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatLongDate, formatShortDate, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/agenda'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Event not found · Muster' }]
  return [{ title: `Agenda · ${loaderData.event.title} · Muster` }]
}

export async function loader({ params, request }: Route.LoaderArgs) {
  const { query, notice } = parseAgendaQuery(new URL(request.url).searchParams)
  const agenda = await getPublicAgenda(db, params.slug, query)
  if (!agenda) throw data(null, { status: 404 })
  return { ...agenda, notice }
}

export default function AgendaPage({ loaderData }: Route.ComponentProps) {
  const { event, applied, sessions, totalSessions, notice } = loaderData
  const tz = event.timeZone
  const days = groupAgendaByDay(
    sessions.map((session) => ({ ...session, id: session.slug, trackSlug: session.track?.slug ?? null })),
    tz,
  )
  const filtered = isFilteredAgenda(applied)

  return (
    <div className="page">
      <header className="page-header">
        <p className="back-link">
          <Link to={`/events/${event.slug}`}>{event.title}</Link>
        </p>
        <h1>Agenda</h1>
        <p className="lede">
          {formatDateSpan(event.startsAt, event.endsAt, tz)}. All times are {zoneAbbreviation(event.startsAt, tz)}, the local time in{' '}
          {tz.split('/').at(-1)?.replace(/_/g, ' ')}, with your own time beside them when it differs.
        </p>
        {event.status === 'CANCELLED' ? (
          <p className="notice notice--danger">
            <strong>This event has been cancelled.</strong> The agenda is kept here for reference.
          </p>
        ) : null}
      </header>

      {/* Keyed by the filters, so its boxes follow a navigation such as "Clear filters". */}
      <AgendaFilters key={agendaQueryString(applied)} event={event} applied={applied} />

      {notice ? (
        <p className="notice notice--warning" role="alert">
          {notice}
        </p>
      ) : null}

      <div className="agenda-results__head">
        <p className="agenda-results__count" role="status">
          {filtered ? `${sessions.length} of ${totalSessions} sessions match the filters` : `${totalSessions} sessions`}
        </p>
        {days.length > 1 ? (
          <nav aria-label="Days" className="day-nav">
            <ul>
              {days.map((day) => (
                <li key={day.key}>
                  <a href={`#day-${day.key}`}>{formatShortDate(day.date, tz)}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>

      {days.length === 0 ? (
        <p className="empty">
          {filtered ? 'No sessions match these filters.' : 'The agenda has no sessions yet.'}{' '}
          {filtered ? <Link to={agendaPath(event.slug)}>Show the whole agenda</Link> : null}
        </p>
      ) : null}

      {days.map((day) => (
        <section key={day.key} id={`day-${day.key}`} aria-labelledby={`day-heading-${day.key}`} className="agenda-day">
          <h2 id={`day-heading-${day.key}`} className="agenda-day__heading">
            {formatLongDate(day.date, tz)}
          </h2>
          <ol className="agenda-slots">
            {day.timeSlots.map((slot) => (
              <li key={slot.startsAt.toISOString()} className="agenda-slot">
                <div className="agenda-slot__sessions">
                  {slot.sessions.map((session) => (
                    <SessionCard
                      key={session.slug}
                      session={session}
                      timeZone={tz}
                      eventSlug={event.slug}
                      headingLevel={3}
                      calendarHref={sessionDownloadPath(event.slug, session.slug)}
                    />
                  ))}
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  )
}

type FilterOptions = Route.ComponentProps['loaderData']['event']

/** A plain GET form: the browser builds the query string, with or without JavaScript. */
function AgendaFilters({ event, applied }: { event: FilterOptions; applied: AgendaQuery }) {
  return (
    <Form method="get" className="panel agenda-filters" role="search" aria-label="Filter the agenda">
      <div className="field agenda-filters__search">
        <label htmlFor="agenda-search">Search</label>
        <input
          id="agenda-search"
          type="search"
          name="q"
          defaultValue={applied.q}
          maxLength={AGENDA_SEARCH_MAX_LENGTH}
          aria-describedby="agenda-search-hint"
        />
        <p id="agenda-search-hint" className="field-hint">
          Titles, descriptions, speakers and their organisations
        </p>
      </div>
      <div className="agenda-filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {isFilteredAgenda(applied) ? (
          <Link className="button button--quiet" to={agendaPath(event.slug)}>
            Clear filters
          </Link>
        ) : null}
      </div>
      {event.tracks.length > 0 ? (
        <fieldset className="choice-group">
          <legend>Track</legend>
          {event.tracks.map((track) => (
            <label key={track.slug} className="choice" style={{ '--track-colour': track.colour } as React.CSSProperties}>
              <input type="checkbox" name="track" value={track.slug} defaultChecked={applied.tracks.includes(track.slug)} />
              <span className="chip__swatch" aria-hidden="true" />
              {track.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {event.rooms.length > 0 ? (
        <fieldset className="choice-group">
          <legend>Room</legend>
          {event.rooms.map((room) => (
            <label key={room.name} className="choice">
              <input type="checkbox" name="room" value={room.name} defaultChecked={applied.rooms.includes(room.name)} />
              {room.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="choice-group">
        <legend>Kind</legend>
        {sessionKinds.map((kind) => (
          <label key={kind} className="choice">
            <input type="checkbox" name="kind" value={kind} defaultChecked={applied.kinds.includes(kind)} />
            {sessionKindLabels[kind]}
          </label>
        ))}
      </fieldset>
    </Form>
  )
}
