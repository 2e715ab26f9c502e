// A published event moves to other dates, or to another time zone. Everything timed moves with
// it: the event, every session (B2B windows included) and every meeting slot, by whole calendar
// days so each keeps its weekday position and its time of day (across a daylight-saving change
// too). When the zone changes the organiser chooses whether times keep their wall clock (09:00
// stays 09:00, now in the new zone) or their instants (the same moments, shown in the new zone).
// Reviewed first, like an agenda change; then one transaction writes and queues the updates for
// every calendar entry people hold (event-wide-change.server.ts). The registration and booking
// windows stay as they are.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { describeWhen } from '#app/domain/agenda/session-description.server.ts'
import { confirmedMeetingsBeforeMove } from '#app/domain/meetings/moves.server.ts'
import { busyTransactionOptions, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { calendarDayParts, daysBetweenDateKeys, formatDateSpan, formatEventHours, shiftByCalendarDays, shiftWallClock } from '#app/lib/time.ts'
import type { RescheduleValues } from './event-details.ts'
import { eventWideRecipients, notifyEventWideChange } from './event-wide-change.server.ts'
import type { EventWideRecipients } from './event-wide-change.ts'

type Moment = { startsAt: Date; endsAt: Date; timeZone: string }

export type ReschedulePlan = {
  changes: { label: string; before: string; after: string }[]
  moving: { sessions: number; slots: number; meetings: number }
  recipients: EventWideRecipients
  expectedUpdatedAt: string
}

const eventSelect = { status: true, startsAt: true, endsAt: true, timeZone: true, registrationClosesAt: true, updatedAt: true } as const

async function readPublishedEvent(db: Db | DbTransaction, eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: eventSelect })
  if (event.status !== 'PUBLISHED') {
    throw new DomainError('conflict', event.status === 'DRAFT' ? 'This event is a draft: change its dates in the details form.' : 'This event is cancelled; its dates can no longer change.')
  }
  return event
}

const staleReview = () => new DomainError('conflict', 'Someone changed this event after you reviewed the change, so nothing was saved. Review it again.', { code: 'stale' })

/** Where each instant of the event goes: `days` calendar days on, at the same wall clock or the same moment. */
function moverFor(event: Moment, values: RescheduleValues) {
  const days = daysBetweenDateKeys(calendarDayParts(event.startsAt, event.timeZone).key, values.firstDay)
  const toZone = values.keep === 'wall-clock' ? values.timeZone : event.timeZone
  return (instant: Date) => (toZone === event.timeZone ? shiftByCalendarDays(instant, days, event.timeZone) : shiftWallClock(instant, days, event.timeZone, toZone))
}

/** The event's new moments, refused when they would not make sense. */
function rescheduled(event: Awaited<ReturnType<typeof readPublishedEvent>>, values: RescheduleValues, now: Date) {
  const move = moverFor(event, values)
  const after = { startsAt: move(event.startsAt), endsAt: move(event.endsAt), timeZone: values.timeZone }
  if (after.startsAt.getTime() === event.startsAt.getTime() && after.endsAt.getTime() === event.endsAt.getTime() && after.timeZone === event.timeZone) {
    throw new DomainError('invalid', 'The event already takes place then. Choose another first day or time zone.', { field: 'firstDay' })
  }
  if (after.startsAt <= now) throw new DomainError('invalid', 'The new dates have already begun. Choose a first day in the future.', { field: 'firstDay' })
  if (event.registrationClosesAt > after.endsAt) {
    throw new DomainError('invalid', 'Registration would close after the event ends. Move the registration window in the details first.', { field: 'firstDay' })
  }
  return { move, after }
}

function describeChanges(before: Moment, after: Moment) {
  const changes = [
    { label: 'Dates', before: formatDateSpan(before.startsAt, before.endsAt, before.timeZone), after: formatDateSpan(after.startsAt, after.endsAt, after.timeZone) },
    { label: 'Hours', before: formatEventHours(before.startsAt, before.endsAt, before.timeZone), after: formatEventHours(after.startsAt, after.endsAt, after.timeZone) },
    { label: 'Time zone', before: before.timeZone, after: after.timeZone },
  ]
  return changes.filter((change) => change.before !== change.after)
}

/** What moving the event would change and who would be told, changing nothing. */
export async function planReschedule(db: Db, input: { eventId: string; values: RescheduleValues; now?: Date }): Promise<ReschedulePlan> {
  const event = await readPublishedEvent(db, input.eventId)
  const { after } = rescheduled(event, input.values, input.now ?? new Date())
  const [sessions, slots, meetings, recipients] = await Promise.all([
    db.agendaSession.count({ where: { eventId: input.eventId, status: 'SCHEDULED' } }),
    db.meetingSlot.count({ where: { eventId: input.eventId } }),
    db.meeting.count({ where: { eventId: input.eventId, status: 'CONFIRMED' } }),
    eventWideRecipients(db, input.eventId),
  ])
  return { changes: describeChanges(event, after), moving: { sessions, slots, meetings }, recipients, expectedUpdatedAt: event.updatedAt.toISOString() }
}

/**
 * Moves the event and everything timed in it, and tells everyone concerned. `expectedUpdatedAt`
 * is the version the organiser reviewed: if anyone changed the event since, nothing is saved.
 */
export async function applyReschedule(
  db: Db,
  input: { eventId: string; actorId: string; ipAddress?: string | null; values: RescheduleValues; expectedUpdatedAt: string; now?: Date },
) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const event = await readPublishedEvent(tx, input.eventId)
    // A changed event is stale before anything else: the review the organiser confirmed is about another version.
    if (event.updatedAt.toISOString() !== input.expectedUpdatedAt) throw staleReview()
    const { move, after } = rescheduled(event, input.values, now)
    const updated = await tx.event.updateMany({
      where: { id: input.eventId, status: 'PUBLISHED', updatedAt: new Date(input.expectedUpdatedAt) },
      data: { ...after, calendarSequence: { increment: 1 }, updatedAt: now },
    })
    if (updated.count === 0) throw staleReview()
    const change = await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.rescheduled',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone }, after, keep: input.values.keep },
      ipAddress: input.ipAddress,
    })
    // Read before the slots move: the emails give each meeting's old time beside its new one.
    const meetings = await confirmedMeetingsBeforeMove(tx, input.eventId)

    const sessions = await tx.agendaSession.findMany({ where: { eventId: input.eventId }, select: { id: true, status: true, startsAt: true, endsAt: true } })
    const sessionChanges = []
    for (const session of sessions) {
      const moved = { startsAt: move(session.startsAt), endsAt: move(session.endsAt) }
      await tx.agendaSession.update({ where: { id: session.id }, data: moved, select: { id: true } })
      if (session.status === 'SCHEDULED') {
        sessionChanges.push({
          sessionId: session.id,
          changes: [{ label: 'When', before: describeWhen(session.startsAt, session.endsAt, event.timeZone), after: describeWhen(moved.startsAt, moved.endsAt, after.timeZone) }],
        })
      }
    }
    await moveSlots(tx, input.eventId, move)

    const notified = await notifyEventWideChange(tx, {
      eventId: input.eventId,
      changeKey: change.id,
      registrantMessage: { kind: 'dates-changed', previousDates: { startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone } },
      sessionChanges,
      meetings,
      now,
    })
    return { ...notified, moved: { sessions: sessions.length, meetings: meetings.length } }
  }, busyTransactionOptions)
}

/**
 * Moves every meeting slot. A slot's start is unique in its event and a move of whole days can
 * land a slot on another's old start, so every slot first steps aside to a placeholder moment
 * (distinct, before 1970), then takes its new one.
 */
async function moveSlots(tx: DbTransaction, eventId: string, move: (instant: Date) => Date) {
  const slots = await tx.meetingSlot.findMany({ where: { eventId }, orderBy: { startsAt: 'asc' }, select: { id: true, startsAt: true, endsAt: true } })
  for (const [index, slot] of slots.entries()) {
    await tx.meetingSlot.update({ where: { id: slot.id }, data: { startsAt: new Date(-(index + 1) * 60_000) }, select: { id: true } })
  }
  for (const slot of slots) {
    await tx.meetingSlot.update({ where: { id: slot.id }, data: { startsAt: move(slot.startsAt), endsAt: move(slot.endsAt) }, select: { id: true } })
  }
}
