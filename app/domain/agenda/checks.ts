// The organiser's agenda warnings: a room used twice at once, a speaker in two places at
// once, a session outside the event's days, more seats than the room holds. They warn rather
// than refuse: a plenary streamed to an overflow room, or a draft mid-rearrangement, is fine.
// Pure, so the editor list, the session form and the tests share it.
import { calendarDayParts } from '#app/lib/time.ts'

export type CheckedSession = {
  id: string
  title: string
  status: 'SCHEDULED' | 'CANCELLED'
  startsAt: Date
  endsAt: Date
  capacity: number | null
  room: { id: string; name: string; capacity: number | null } | null
  speakers: readonly { id: string; name: string }[]
}

export type AgendaWarning =
  | { kind: 'room-double-booked'; sessionId: string; otherSessionId: string; message: string }
  | { kind: 'speaker-double-booked'; sessionId: string; otherSessionId: string; message: string }
  | { kind: 'outside-event-days'; sessionId: string; message: string }
  | { kind: 'over-room-capacity'; sessionId: string; message: string }

export type EventDays = { startsAt: Date; endsAt: Date; timeZone: string }

function overlaps(a: CheckedSession, b: CheckedSession) {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime()
}

/** Every warning about `sessions`, each listed on the session it concerns (both sides of a clash). */
export function agendaWarnings(sessions: readonly CheckedSession[], event: EventDays): AgendaWarning[] {
  const live = sessions.filter((session) => session.status === 'SCHEDULED')
  const firstDay = calendarDayParts(event.startsAt, event.timeZone).key
  const lastDay = calendarDayParts(event.endsAt, event.timeZone).key
  const warnings: AgendaWarning[] = []
  for (const session of live) {
    for (const other of live) {
      if (other.id === session.id || !overlaps(session, other)) continue
      if (session.room && other.room?.id === session.room.id) {
        warnings.push({
          kind: 'room-double-booked',
          sessionId: session.id,
          otherSessionId: other.id,
          message: `${session.room.name} is also used by “${other.title}” at the same time.`,
        })
      }
      for (const speaker of session.speakers) {
        if (other.speakers.some((candidate) => candidate.id === speaker.id)) {
          warnings.push({
            kind: 'speaker-double-booked',
            sessionId: session.id,
            otherSessionId: other.id,
            message: `${speaker.name} also speaks in “${other.title}” at the same time.`,
          })
        }
      }
    }
    const startDay = calendarDayParts(session.startsAt, event.timeZone).key
    const endDay = calendarDayParts(new Date(session.endsAt.getTime() - 1), event.timeZone).key
    if (startDay < firstDay || endDay > lastDay) {
      warnings.push({ kind: 'outside-event-days', sessionId: session.id, message: 'This session is outside the event’s days.' })
    }
    if (session.capacity !== null && session.room?.capacity != null && session.capacity > session.room.capacity) {
      warnings.push({
        kind: 'over-room-capacity',
        sessionId: session.id,
        message: `${session.capacity} seats, but ${session.room.name} holds ${session.room.capacity}.`,
      })
    }
  }
  return warnings
}
