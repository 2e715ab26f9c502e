// Pure agenda shaping: sessions grouped into the event's calendar days, in the event's zone.
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
