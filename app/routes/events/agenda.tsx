// The public agenda of an event: one day at a time (or every day, to print or to read a
// search's results), filtered by track, room and kind, and searched, all through links and
// one GET form, so every view has its own address and works without JavaScript.
import { Form, Link, href } from 'react-router'
import { SessionCard } from '#app/components/session-card.tsx'
import {
  AGENDA_SEARCH_MAX_LENGTH,
  ALL_DAYS,
  agendaPath,
  agendaQueryString,
  groupAgendaByDay,
  isFilteredAgenda,
  sessionKindLabels,
  sessionKinds,
  unfilteredAgenda,
} from '#app/domain/agenda/agenda.ts'
import { getSharedPublicAgenda, parseAgendaQuery } from '#app/domain/agenda/public-agenda.server.ts'
import { sessionDownloadPath } from '#app/lib/calendar-paths.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatLongDate, formatShortDate, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/agenda'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { cachedAgendaOrSpeakerPage } from './public-page-cache.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Event not found · Muster' }]
  return [{ title: `Agenda · ${loaderData.event.title} · Muster` }]
}

/** The same page for every visitor who stands where this one does, until something it shows changes: rendered once per change. */
export const middleware: Route.MiddlewareFunction[] = [cachedAgendaOrSpeakerPage]

export async function loader({ params, request }: Route.LoaderArgs) {
  const { query, notice } = parseAgendaQuery(new URL(request.url).searchParams)
  const agenda = await getSharedPublicAgenda(db, params.slug, query)
  invariantResponse(agenda)
  const { dayNotice, ...shown } = agenda
  return { ...shown, notices: [notice, dayNotice].filter((text) => text !== null) }
}

type AgendaData = Route.ComponentProps['loaderData']

const sessionCount = (count: number) => `${count} ${count === 1 ? 'session' : 'sessions'}`

export default function AgendaPage({ loaderData }: Route.ComponentProps) {
  const { event, applied, days, sessions, notices } = loaderData
  const tz = event.timeZone
  const shownDays = groupAgendaByDay(sessions, tz)

  return (
    <div className="page">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
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

      {/* Keyed by the query, so its boxes follow a navigation such as "Clear filters". */}
      <FilterDisclosure key={agendaQueryString(applied)} active={isFilteredAgenda(applied)}>
        <AgendaFilters agenda={loaderData} />
      </FilterDisclosure>

      {notices.map((notice) => (
        <p key={notice} className="notice notice--warning" role="alert">
          {notice}
        </p>
      ))}

      <div className="agenda-results__head">
        <p className="agenda-results__count" role="status">
          <ResultCount agenda={loaderData} />
        </p>
        {days.length > 1 ? (
          <nav aria-label="Days" className="day-nav">
            <ul>
              {days.map((day, index) => (
                <li key={day.key}>
                  <DayLink agenda={loaderData} day={day.key}>
                    {`Day ${index + 1} · ${formatShortDate(day.date, tz)} · ${sessionCount(day.sessions)}`}
                  </DayLink>
                </li>
              ))}
              <li>
                <DayLink agenda={loaderData} day={ALL_DAYS}>
                  All days
                </DayLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>

      {shownDays.length === 0 ? <EmptyAgenda agenda={loaderData} /> : null}

      {shownDays.map((day) => (
        <section key={day.key} aria-labelledby={`day-heading-${day.key}`} className="agenda-day">
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
      <NextDayLink agenda={loaderData} />
    </div>
  )
}

/** The agenda of another day (or of all of them) under the same filters. */
const dayPath = (agenda: AgendaData, day: string) => agendaPath(agenda.event.slug, { ...agenda.applied, day })

/** A chip of the day navigation; the day shown is marked as the current page. */
function DayLink({ agenda, day, children }: { agenda: AgendaData; day: string; children: React.ReactNode }) {
  return (
    <Link to={dayPath(agenda, day)} className="chip" aria-current={agenda.shownDay === day ? 'page' : undefined}>
      {children}
    </Link>
  )
}

/** At the end of a day, the way on to the next one. */
function NextDayLink({ agenda }: { agenda: AgendaData }) {
  const shownIndex = agenda.days.findIndex((day) => day.key === agenda.shownDay)
  const next = shownIndex === -1 ? undefined : agenda.days[shownIndex + 1]
  if (!next) return null
  return (
    <p>
      <Link to={dayPath(agenda, next.key)}>
        Next day: {formatLongDate(next.date, agenda.event.timeZone)} ({sessionCount(next.sessions)})
      </Link>
    </p>
  )
}

function shownDayLabel(agenda: AgendaData) {
  const day = agenda.days.find((candidate) => candidate.key === agenda.shownDay)
  return day ? formatLongDate(day.date, agenda.event.timeZone) : null
}

function ResultCount({ agenda }: { agenda: AgendaData }) {
  const { sessions, matchingSessions, totalSessions, applied } = agenda
  const dayLabel = shownDayLabel(agenda)
  if (!dayLabel) {
    return isFilteredAgenda(applied) ? `${matchingSessions} of ${totalSessions} sessions ${matchingSessions === 1 ? 'matches' : 'match'} the filters` : sessionCount(totalSessions)
  }
  return isFilteredAgenda(applied)
    ? `${sessionCount(sessions.length)} on ${dayLabel} ${sessions.length === 1 ? 'matches' : 'match'} the filters (${matchingSessions} on all days)`
    : `${sessionCount(sessions.length)} on ${dayLabel}, of ${totalSessions} in all`
}

function EmptyAgenda({ agenda }: { agenda: AgendaData }) {
  const { event, applied, matchingSessions } = agenda
  const dayLabel = shownDayLabel(agenda)
  if (!isFilteredAgenda(applied)) {
    return <p className="empty">{dayLabel ? `No sessions on ${dayLabel} yet.` : 'The agenda has no sessions yet.'}</p>
  }
  return (
    <p className="empty">
      {dayLabel ? `No sessions on ${dayLabel} match these filters.` : 'No sessions match these filters.'}{' '}
      {dayLabel && matchingSessions > 0 ? (
        <Link to={dayPath(agenda, ALL_DAYS)}>{matchingSessions === 1 ? 'See the one match on another day' : `See all ${matchingSessions} matches on all days`}</Link>
      ) : (
        <Link to={agendaPath(event.slug, { ...unfilteredAgenda, day: applied.day })}>Show the whole agenda</Link>
      )}
    </p>
  )
}

/**
 * On a phone the sessions come first: the filters open from a "Filter" button (a <details>, so
 * without JavaScript too), already open while filters apply. Wide screens always show them.
 */
function FilterDisclosure({ active, children }: { active: boolean; children: React.ReactNode }) {
  return (
    <details className="filter-disclosure" open={active || undefined}>
      <summary className="button filter-disclosure__toggle">{active ? 'Filter (on)' : 'Filter'}</summary>
      {children}
    </details>
  )
}

/** A plain GET form: the browser builds the query string, with or without JavaScript. A day chosen before stays chosen. */
function AgendaFilters({ agenda }: { agenda: AgendaData }) {
  const { event, applied } = agenda
  const chosenDay = applied.day && applied.day !== ALL_DAYS ? shownDayLabel(agenda) : null
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
          Titles, descriptions, speakers and their organisations, {chosenDay ? `on ${chosenDay}` : 'on every day'}
        </p>
      </div>
      <div className="agenda-filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {isFilteredAgenda(applied) ? (
          <Link className="button button--quiet" to={agendaPath(event.slug, { ...unfilteredAgenda, day: applied.day })}>
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
      {applied.day ? <input type="hidden" name="day" value={applied.day} /> : null}
    </Form>
  )
}
