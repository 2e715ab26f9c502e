// Pure agenda shaping: sessions grouped into the event's calendar days, in the event's zone,
// the days an agenda offers and the one it opens on, a summary per day, and the public
// agenda's filters as links. Shared by server and browser code, so it stays free of heavy
// imports (the query schema and the search are in public-agenda.server.ts).
import { calendarDayParts, instantFromWallClock } from '#app/lib/time.ts'

export type AgendaItem = { startsAt: Date; endsAt: Date }

export type AgendaDay<T extends AgendaItem> = {
  /** "YYYY-MM-DD" in the event's zone */
  key: string
  /** Any instant on that day, for formatting its label in any zone */
  date: Date
  /** Sessions of the day in start order, grouped by identical start instant */
  timeSlots: { startsAt: Date; sessions: T[] }[]
}

/**
 * The calendar day ("YYYY-MM-DD") of an instant in `timeZone`, each instant worked out once:
 * an agenda's parallel sessions share their start, and the zone lookup is the costly part.
 */
export function calendarDayKeys(timeZone: string) {
  const keys = new Map<number, string>()
  return (instant: Date) => {
    let key = keys.get(instant.getTime())
    if (key === undefined) {
      key = calendarDayParts(instant, timeZone).key
      keys.set(instant.getTime(), key)
    }
    return key
  }
}

/**
 * Groups sessions by the calendar day they start on in `timeZone`, then by start time.
 * Sessions starting at the same instant keep their given order (e.g. by room).
 */
export function groupAgendaByDay<T extends AgendaItem>(sessions: readonly T[], timeZone: string): AgendaDay<T>[] {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime())
  const dayOf = calendarDayKeys(timeZone)
  const days: AgendaDay<T>[] = []
  for (const session of sorted) {
    const key = dayOf(session.startsAt)
    let day = days.at(-1)
    if (!day || day.key !== key) {
      day = { key, date: session.startsAt, timeSlots: [] }
      days.push(day)
    }
    let slot = day.timeSlots.at(-1)
    if (!slot || slot.startsAt.getTime() !== session.startsAt.getTime()) {
      slot = { startsAt: session.startsAt, sessions: [] }
      day.timeSlots.push(slot)
    }
    slot.sessions.push(session)
  }
  return days
}

// ---------- The days of an agenda ----------

/** A calendar day in the event's zone: its "YYYY-MM-DD" key and an instant on it, for labels. */
export type CalendarDay = { key: string; date: Date }

/** More days than any industry day lasts: a longer span is a data error, not a reason to list a year of links. */
const MAX_EVENT_DAYS = 31

/**
 * The days an agenda offers, in order: every calendar day of the event from its start to its
 * end in its zone, plus any other day a session starts on (a session the organiser placed
 * outside the event's days stays findable).
 */
export function agendaCalendarDays(event: { startsAt: Date; endsAt: Date }, sessionStarts: readonly Date[], timeZone: string): CalendarDay[] {
  const days = new Map<string, Date>()
  // An event ending at midnight does not take in the day that starts then.
  const lastInstant = new Date(Math.max(event.startsAt.getTime(), event.endsAt.getTime() - 1))
  const lastKey = calendarDayParts(lastInstant, timeZone).key
  let date = event.startsAt
  for (let count = 0; count < MAX_EVENT_DAYS; count++) {
    const { key } = calendarDayParts(date, timeZone)
    if (key > lastKey) break
    days.set(key, date)
    // Noon always exists and stays on the next day 24 hours later, whatever the clocks do.
    const noon = instantFromWallClock(key, '12:00', timeZone) ?? date
    date = new Date(noon.getTime() + 86_400_000)
  }
  const dayOf = calendarDayKeys(timeZone)
  for (const startsAt of sessionStarts) {
    const key = dayOf(startsAt)
    if (!days.has(key)) days.set(key, startsAt)
  }
  return [...days].map(([key, on]) => ({ key, date: on })).sort((a, b) => a.key.localeCompare(b.key))
}

/** The day an agenda opens on: today while today is one of its days, otherwise the day the event starts. */
export function openingAgendaDay(days: readonly CalendarDay[], eventStartsAt: Date, now: Date, timeZone: string) {
  const today = calendarDayParts(now, timeZone).key
  return days.some((day) => day.key === today) ? today : calendarDayParts(eventStartsAt, timeZone).key
}

/** Plenaries and panels: what the event page names for each day. */
const HIGHLIGHT_KINDS: readonly SessionKind[] = ['PLENARY', 'PANEL']

export type AgendaDaySummary<T> = CalendarDay & {
  sessions: number
  sessionsByKind: Partial<Record<SessionKind, number>>
  /** The day's first scheduled plenaries and panels, in the order given */
  highlights: T[]
}

/** Per day: how many sessions of each kind, and its first `highlightsPerDay` plenaries and panels (cancelled ones left out). */
export function summariseAgendaDays<T extends { kind: SessionKind; status: 'SCHEDULED' | 'CANCELLED'; startsAt: Date }>(
  days: readonly CalendarDay[],
  sessions: readonly T[],
  timeZone: string,
  highlightsPerDay: number,
): AgendaDaySummary<T>[] {
  const summaries = new Map(days.map((day) => [day.key, { ...day, sessions: 0, sessionsByKind: {}, highlights: [] } as AgendaDaySummary<T>]))
  const dayOf = calendarDayKeys(timeZone)
  for (const session of sessions) {
    const summary = summaries.get(dayOf(session.startsAt))
    if (!summary) continue
    summary.sessions++
    summary.sessionsByKind[session.kind] = (summary.sessionsByKind[session.kind] ?? 0) + 1
    const highlight = session.status === 'SCHEDULED' && HIGHLIGHT_KINDS.includes(session.kind)
    if (highlight && summary.highlights.length < highlightsPerDay) summary.highlights.push(session)
  }
  return [...summaries.values()]
}

// ---------- The public agenda's filters ----------

/** Every kind of agenda session, in the one order forms, filters and lists show them. */
export const sessionKinds = ['PLENARY', 'PANEL', 'BREAKOUT', 'BREAK', 'B2B_WINDOW'] as const
export type SessionKind = (typeof sessionKinds)[number]

export const sessionKindLabels: Record<SessionKind, string> = {
  PLENARY: 'Plenary',
  PANEL: 'Panel',
  BREAKOUT: 'Breakout',
  BREAK: 'Break',
  B2B_WINDOW: 'B2B meetings',
}

export const AGENDA_SEARCH_MAX_LENGTH = 100

/** The value of `day` that shows every day at once (to print, or to read a search's results). */
export const ALL_DAYS = 'all'

/**
 * The public agenda's filters: any of the tracks, rooms and kinds listed (none listed: all), a
 * search, and the day: a "YYYY-MM-DD" key in the event's zone, ALL_DAYS, or null when none
 * was chosen (the agenda then opens on one day, or shows a search's results from every day).
 */
export type AgendaQuery = { tracks: string[]; rooms: string[]; kinds: SessionKind[]; q: string; day: string | null }

export const unfilteredAgenda: AgendaQuery = { tracks: [], rooms: [], kinds: [], q: '', day: null }

/** The query string of an agenda view ("" for the agenda as it opens), one parameter per value. */
export function agendaQueryString(query: AgendaQuery) {
  const params = new URLSearchParams()
  for (const track of query.tracks) params.append('track', track)
  for (const room of query.rooms) params.append('room', room)
  for (const kind of query.kinds) params.append('kind', kind)
  if (query.q) params.set('q', query.q)
  if (query.day) params.set('day', query.day)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function isFilteredAgenda(query: AgendaQuery) {
  return query.tracks.length > 0 || query.rooms.length > 0 || query.kinds.length > 0 || query.q !== ''
}

/** Where the public agenda pages are (app/routes.ts maps these paths to their route modules). */
export function agendaPath(eventSlug: string, query: AgendaQuery = unfilteredAgenda) {
  return `/events/${eventSlug}/agenda${agendaQueryString(query)}`
}

export function sessionPagePath(eventSlug: string, sessionSlug: string) {
  return `/events/${eventSlug}/sessions/${sessionSlug}`
}

export function speakerPagePath(eventSlug: string, speakerSlug: string) {
  return `/events/${eventSlug}/speakers/${speakerSlug}`
}

/** "Plenary Hall (Main building, ground floor)": a room as every page, email and calendar entry names it. */
export function roomLabel(room: { name: string; location: string | null }) {
  return room.location ? `${room.name} (${room.location})` : room.name
}
