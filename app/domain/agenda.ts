// Pure agenda shaping: sessions grouped into the event's calendar days, in the event's zone,
// and the public agenda's filters as links. Shared by server and browser code, so it stays
// free of heavy imports (the query schema and the search are in public-agenda.server.ts).
import { calendarDayParts } from '#app/lib/time.ts'

export type AgendaItem = { id: string; startsAt: Date; endsAt: Date; trackSlug: string | null }

export type AgendaDay<T extends AgendaItem> = {
  /** "YYYY-MM-DD" in the event's zone */
  key: string
  /** Any instant on that day, for formatting its label in any zone */
  date: Date
  /** Sessions of the day in start order, grouped by identical start instant */
  timeSlots: { startsAt: Date; sessions: T[] }[]
}

/**
 * Groups sessions by the calendar day they start on in `timeZone`, then by start time.
 * Sessions starting at the same instant keep their given order (e.g. by room).
 */
export function groupAgendaByDay<T extends AgendaItem>(sessions: readonly T[], timeZone: string): AgendaDay<T>[] {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime())
  const days: AgendaDay<T>[] = []
  for (const session of sorted) {
    const { key } = calendarDayParts(session.startsAt, timeZone)
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

/** Keeps the sessions of one track; a null track slug keeps everything. */
export function filterAgendaByTrack<T extends AgendaItem>(sessions: readonly T[], trackSlug: string | null): T[] {
  if (!trackSlug) return [...sessions]
  return sessions.filter((session) => session.trackSlug === trackSlug)
}

// ---------- The public agenda's filters ----------

export const sessionKinds = ['PLENARY', 'BREAKOUT', 'PANEL', 'BREAK', 'B2B_WINDOW'] as const
export type SessionKind = (typeof sessionKinds)[number]

export const AGENDA_SEARCH_MAX_LENGTH = 100

/** The public agenda's filters: any of the tracks, rooms and kinds listed (none listed: all), and a search. */
export type AgendaQuery = { tracks: string[]; rooms: string[]; kinds: SessionKind[]; q: string }

/** The query string of an agenda view ("" for the whole agenda), one parameter per value. */
export function agendaQueryString(query: AgendaQuery) {
  const params = new URLSearchParams()
  for (const track of query.tracks) params.append('track', track)
  for (const room of query.rooms) params.append('room', room)
  for (const kind of query.kinds) params.append('kind', kind)
  if (query.q) params.set('q', query.q)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function isFilteredAgenda(query: AgendaQuery) {
  return query.tracks.length > 0 || query.rooms.length > 0 || query.kinds.length > 0 || query.q !== ''
}

/** Where the public agenda pages are (app/routes.ts maps these paths to their route modules). */
export function agendaPath(eventSlug: string) {
  return `/events/${eventSlug}/agenda`
}

export function sessionPagePath(eventSlug: string, sessionSlug: string) {
  return `/events/${eventSlug}/sessions/${sessionSlug}`
}

export function speakerPagePath(eventSlug: string, speakerSlug: string) {
  return `/events/${eventSlug}/speakers/${speakerSlug}`
}
