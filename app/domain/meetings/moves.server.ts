// An organiser moves a confirmed B2B meeting to another slot and/or table, with the booking's
// conflict checks, in one transaction: the meeting row and both seats are rewritten with
// conditional UPDATEs (… WHERE NOT EXISTS a clash). On PostgreSQL a booking can still insert
// and commit onto the same table after that check; the unique index on Meeting(tableId,
// activeSlotId) then refuses the move, which is retried and answers with the "taken" message.
// Both people get the updated invite (same UID, higher SEQUENCE) and a reminder for the new time.
import { transactionRetriedOnConflict, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import { meetingInvite } from '#app/domain/calendar/calendar.server.ts'
import { queueEmail, withdrawQueuedEmails } from '#app/domain/messages/queued-email.server.ts'
import { asEventPerson, eventOrganisations, eventPersonSelect, withEventOrganisation } from '#app/domain/events/people.server.ts'
import { bookableSlotWhere, confirmedMeetingEmailProps, holdWindowsWhileBooking, meetingSlotPlaceSelect, reminderKey } from './meetings.server.ts'
import { meetingPlaceLabel, meetingReminderTime, meetingTableLabel, personWithOrganisation } from './meetings.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { DomainError } from '#app/lib/domain-error.ts'

type Tx = DbTransaction

export type MoveMeetingInput = {
  eventId: string
  meetingId: string
  slotId: string
  /** A table of the event; null or absent: the lowest-numbered free table the pair may use. */
  tableId?: string | null
  actorId: string
  now?: Date
}

const emailEventSelect = { id: true, slug: true, title: true, timeZone: true, venueName: true, venueAddress: true } as const

function meetingToMoveSelect(eventId: string) {
  return {
    id: true,
    status: true,
    slotId: true,
    tableId: true,
    calendarSequence: true,
    slot: { select: { id: true, ...meetingSlotPlaceSelect } },
    table: { select: { number: true, name: true } },
    event: { select: emailEventSelect },
    participants: { orderBy: { userId: 'asc' }, select: { user: { select: eventPersonSelect(eventId, { id: true, name: true, email: true }) } } },
  } as const satisfies Prisma.MeetingSelect
}

/** A meeting about to move, with its people as the event knows them (their organisation decides its tables). */
function meetingBeforeMove({ participants, ...meeting }: Prisma.MeetingGetPayload<{ select: ReturnType<typeof meetingToMoveSelect> }>) {
  return { ...meeting, people: participants.map(({ user }) => asEventPerson(user)) }
}

export type MeetingBeforeMove = ReturnType<typeof meetingBeforeMove>

/** The event's confirmed meetings as they are before an event-wide change (new dates, zone or venue) moves them all. */
export async function confirmedMeetingsBeforeMove(tx: Tx, eventId: string) {
  const rows = await tx.meeting.findMany({ where: { eventId, status: 'CONFIRMED' }, orderBy: { id: 'asc' }, select: meetingToMoveSelect(eventId) })
  return rows.map(meetingBeforeMove)
}

/**
 * The confirmed meetings that have not started at a table, in the slots of a B2B window or in
 * the windows held in a room, as they are before the place changes (the table's name, the
 * window's room, the room's name or location).
 */
export async function upcomingMeetingsBeforePlaceChange(tx: Tx, input: { eventId: string; at: { tableId: string } | { windowId: string } | { roomId: string }; now: Date }) {
  const atTable = 'tableId' in input.at ? { tableId: input.at.tableId } : {}
  const inWindow = 'windowId' in input.at ? { windowId: input.at.windowId } : 'roomId' in input.at ? { window: { roomId: input.at.roomId } } : {}
  const rows = await tx.meeting.findMany({
    where: { eventId: input.eventId, status: 'CONFIRMED', ...atTable, slot: { ...inWindow, startsAt: { gt: input.now } } },
    orderBy: { id: 'asc' },
    select: meetingToMoveSelect(input.eventId),
  })
  return rows.map(meetingBeforeMove)
}

/**
 * After their place changed (read before it with upcomingMeetingsBeforePlaceChange): each meeting
 * takes the next calendar sequence and both its people get the "new place" email with the updated
 * invite. Returns how many people were sent one.
 */
export async function notifyMeetingsOfNewPlace(tx: Tx, input: { meetings: readonly MeetingBeforeMove[]; now: Date }) {
  await tx.meeting.updateMany({ where: { id: { in: input.meetings.map((meeting) => meeting.id) } }, data: { calendarSequence: { increment: 1 }, updatedAt: input.now } })
  let people = 0
  for (const meeting of input.meetings) {
    await notifyMeetingMoved(tx, { meeting, now: input.now, change: 'place-changed' })
    people += meeting.people.length
  }
  return people
}

/** "14:30 on Wed 24 Mar" */
function slotMoment(slot: { startsAt: Date }, timeZone: string) {
  return `${formatTime(slot.startsAt, timeZone)} on ${formatShortDate(slot.startsAt, timeZone)}`
}


/**
 * Moves a confirmed meeting of the event to `slotId` (and `tableId`, or the lowest free table).
 * Throws a DomainError: 'not-found' (no such confirmed meeting here), 'invalid' (slot or table
 * not usable, or nothing would change), 'conflict' with code 'busy' (a person has another
 * meeting or a block then) or 'no-table' (the table, or every table they may use, is taken
 * then). Nothing is written then.
 */
export async function moveMeeting(db: Db, input: MoveMeetingInput) {
  const now = input.now ?? new Date()
  return transactionRetriedOnConflict(db, (tx) => moveInTransaction(tx, input, now))
}

async function moveInTransaction(tx: Tx, input: MoveMeetingInput, now: Date) {
  const row = await tx.meeting.findFirst({ where: { id: input.meetingId, eventId: input.eventId }, select: meetingToMoveSelect(input.eventId) })
  if (!row || row.status !== 'CONFIRMED') throw new DomainError('not-found', 'There is no such confirmed meeting at this event.')
  const meeting = meetingBeforeMove(row)
  const { people } = meeting
  const timeZone = meeting.event.timeZone
  const slot = await tx.meetingSlot.findFirst({
    where: { id: input.slotId, ...bookableSlotWhere(input.eventId, now) },
    select: { id: true, startsAt: true, endsAt: true },
  })
  if (!slot) throw new DomainError('invalid', 'Choose a time from the list: that is not a bookable B2B slot of this event.', { field: 'slotId' })
  const requestedTableId = input.tableId || null
  if (slot.id === meeting.slotId && (requestedTableId === null || requestedTableId === meeting.tableId)) {
    throw new DomainError('invalid', 'The meeting is already at this time. Choose another time or table.', { field: 'slotId' })
  }

  // Both people's profile rows, in user-id order like a booking, so a move and a booking (or
  // another move) sharing a person take their turns instead of both seeing the slot free.
  for (const person of people) {
    await tx.$executeRaw`
      UPDATE "MatchmakingProfile" SET "meetingsBooked" = "meetingsBooked" WHERE "eventId" = ${input.eventId} AND "userId" = ${person.id}`
  }
  const block = await tx.blockedSlot.findFirst({ where: { slotId: slot.id, userId: { in: people.map((person) => person.id) } }, select: { userId: true } })
  if (block) {
    const person = people.find((candidate) => candidate.id === block.userId)!
    throw new DomainError('conflict', `${person.name} has blocked ${slotMoment(slot, timeZone)}; choose another time.`, { field: 'slotId', code: 'busy' })
  }
  const seatsMoved = await tx.$executeRaw`
    UPDATE "MeetingParticipant" SET "activeSlotId" = ${slot.id}
    WHERE "meetingId" = ${meeting.id}
      AND NOT EXISTS (
        SELECT 1 FROM "MeetingParticipant" other
        WHERE other."userId" = "MeetingParticipant"."userId" AND other."activeSlotId" = ${slot.id} AND other."meetingId" <> ${meeting.id})`
  if (seatsMoved !== people.length) {
    const busy = await tx.meetingParticipant.findFirst({
      where: { userId: { in: people.map((person) => person.id) }, activeSlotId: slot.id, meetingId: { not: meeting.id } },
      select: { userId: true },
    })
    const person = people.find((candidate) => candidate.id === busy?.userId) ?? people[0]!
    throw new DomainError('conflict', `${person.name} already has another meeting at ${slotMoment(slot, timeZone)}; choose another time.`, { field: 'slotId', code: 'busy' })
  }

  const table = await placeAtTable(tx, { eventId: input.eventId, meetingId: meeting.id, slot, people, requestedTableId, timeZone, now })

  await tx.auditLogEntry.create({
    data: {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'meeting.moved',
      entityType: 'Meeting',
      entityId: meeting.id,
      data: { from: { slotId: meeting.slotId, tableId: meeting.tableId }, to: { slotId: slot.id, tableId: table.id } },
    },
    select: { id: true },
  })
  await notifyMeetingMoved(tx, { meeting, now })
  return { meetingId: meeting.id, slotId: slot.id, tableNumber: table.number }
}

/**
 * The scheduler's moves of a full re-plan, inside its transaction: every moved meeting leaves
 * its place first (so two meetings may swap), then takes its planned slot and table with a
 * higher calendar sequence; both people get the "moved" email and the updated invite, and the
 * reminder follows. The plan was checked against fresh rows; a place taken since by another
 * instance hits the unique indexes and the caller's transaction rolls back.
 */
export async function relocateMeetingsInTransaction(
  tx: Tx,
  input: { eventId: string; actorId: string; moves: readonly { meetingId: string; slotId: string; tableId: string }[]; now: Date },
) {
  const before = (
    await tx.meeting.findMany({
      where: { eventId: input.eventId, status: 'CONFIRMED', id: { in: input.moves.map((move) => move.meetingId) } },
      select: meetingToMoveSelect(input.eventId),
    })
  ).map(meetingBeforeMove)
  if (before.length !== input.moves.length) throw new DomainError('conflict', 'A meeting to move is no longer confirmed.')
  const meetingIds = before.map((meeting) => meeting.id)
  await tx.meeting.updateMany({ where: { id: { in: meetingIds } }, data: { activeSlotId: null } })
  await tx.meetingParticipant.updateMany({ where: { meetingId: { in: meetingIds } }, data: { activeSlotId: null } })
  for (const move of input.moves) {
    await tx.meeting.update({
      where: { id: move.meetingId },
      data: { slotId: move.slotId, tableId: move.tableId, activeSlotId: move.slotId, calendarSequence: { increment: 1 }, updatedAt: input.now },
      select: { id: true },
    })
    await tx.meetingParticipant.updateMany({ where: { meetingId: move.meetingId }, data: { activeSlotId: move.slotId } })
  }
  await tx.auditLogEntry.createMany({
    data: before.map((meeting) => {
      const move = input.moves.find((candidate) => candidate.meetingId === meeting.id)!
      return {
        eventId: input.eventId,
        actorId: input.actorId,
        action: 'meeting.moved',
        entityType: 'Meeting',
        entityId: meeting.id,
        data: { from: { slotId: meeting.slotId, tableId: meeting.tableId }, to: { slotId: move.slotId, tableId: move.tableId }, by: 'scheduler' },
      }
    }),
  })
  for (const meeting of before) await notifyMeetingMoved(tx, { meeting, now: input.now })
}

/**
 * Puts the meeting (already confirmed, seats moved) at the requested table or the lowest free
 * one the pair may use, raising its calendar sequence. The table row is written first so two
 * moves onto one table take turns; the conditional UPDATE then sees the winner's meeting.
 * Errors about the requested table have no field: the route shows them next to its table choice.
 */
async function placeAtTable(
  tx: Tx,
  input: {
    eventId: string
    meetingId: string
    slot: { id: string; startsAt: Date }
    people: readonly { organisationId: string | null }[]
    requestedTableId: string | null
    timeZone: string
    now: Date
  },
) {
  const organisationIds = input.people.map((person) => person.organisationId ?? '')
  const usable = { eventId: input.eventId, OR: [{ reservedForOrganisationId: null }, { reservedForOrganisationId: { in: organisationIds } }] }
  const moment = slotMoment(input.slot, input.timeZone)
  if (input.requestedTableId) {
    const table = await tx.meetingTable.findFirst({ where: { id: input.requestedTableId, eventId: input.eventId }, select: { id: true, number: true, name: true, reservedForOrganisationId: true } })
    if (!table) throw new DomainError('invalid', 'Choose a table from the list.', { field: 'tableId' })
    if (table.reservedForOrganisationId !== null && !organisationIds.includes(table.reservedForOrganisationId)) {
      throw new DomainError('invalid', `${meetingTableLabel(table)} is reserved for another organisation's meetings; choose another table.`, { field: 'tableId' })
    }
    if (!(await takeTable(tx, { ...input, tableId: table.id }))) {
      throw new DomainError('conflict', `${meetingTableLabel(table)} is taken at ${moment}; choose another table or time.`, { field: 'tableId', code: 'no-table' })
    }
    return table
  }
  const tableCount = await tx.meetingTable.count({ where: usable })
  for (let round = 0; round < tableCount; round++) {
    const free = await tx.meetingTable.findFirst({
      where: { ...usable, meetings: { none: { activeSlotId: input.slot.id, id: { not: input.meetingId } } } },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, name: true },
    })
    if (!free) break
    if (await takeTable(tx, { ...input, tableId: free.id })) return free
  }
  throw new DomainError('conflict', `All tables these two may use are taken at ${moment}; choose another time.`, { field: 'slotId', code: 'no-table' })
}

/** Moves the meeting onto the table in the slot unless another meeting holds it then. */
async function takeTable(tx: Tx, input: { meetingId: string; slot: { id: string }; tableId: string; now: Date }) {
  await holdWindowsWhileBooking(tx, [input.slot.id])
  await tx.$executeRaw`UPDATE "MeetingTable" SET "number" = "number" WHERE "id" = ${input.tableId}`
  const moved = await tx.$executeRaw`
    UPDATE "Meeting"
    SET "slotId" = ${input.slot.id}, "tableId" = ${input.tableId}, "activeSlotId" = ${input.slot.id},
        "calendarSequence" = "calendarSequence" + 1, "updatedAt" = ${input.now}
    WHERE "id" = ${input.meetingId} AND "status" = 'CONFIRMED'
      AND NOT EXISTS (
        SELECT 1 FROM "Meeting" other
        WHERE other."tableId" = ${input.tableId} AND other."activeSlotId" = ${input.slot.id} AND other."id" <> ${input.meetingId})`
  return moved === 1
}

/**
 * Each person gets the "moved" email (old time and table beside the new) with the updated invite;
 * the reminder follows the meeting. `place-changed`: the time stayed and only where it is changed
 * (its table was renamed), which the email says instead.
 */
export async function notifyMeetingMoved(tx: Tx, input: { meeting: MeetingBeforeMove; now: Date; change?: 'moved' | 'place-changed' }) {
  const before = input.meeting
  const change = input.change ?? 'moved'
  const after = await tx.meeting.findUniqueOrThrow({
    where: { id: before.id },
    select: { calendarSequence: true, slotId: true, slot: { select: meetingSlotPlaceSelect }, table: { select: { number: true, name: true } } },
  })
  const remindAt = meetingReminderTime(after.slot.startsAt, input.now)
  for (const to of before.people) {
    const others = before.people.filter((person) => person.id !== to.id).map(personWithOrganisation)
    const props = confirmedMeetingEmailProps({ event: before.event, slot: after.slot, table: after.table }, to, others)
    const invite = await meetingInvite(tx, { eventId: before.event.id, meetingId: before.id, userId: to.id, method: 'REQUEST' })
    const common = { to: { email: to.email, name: to.name || null }, eventId: before.event.id, userId: to.id }
    await queueEmail(tx, {
      ...common,
      idempotencyKey: `meeting:${change}:${before.id}:${to.id}:${after.calendarSequence}`,
      kind: `meeting-${change}`,
      email: { template: 'meeting-update', props: { ...props, kind: change, previous: { slot: before.slot, table: meetingPlaceLabel(before.table, before.slot.window?.room) } } },
      invite,
    })
    // The reminder keeps the key cancelMeeting withdraws; when the old one has already gone out
    // (the old time was within the hour), the new one is keyed by its slot so it is not dropped.
    await withdrawQueuedEmails(tx, [reminderKey(before.id, to.id), `${reminderKey(before.id, to.id)}:${before.slotId}`])
    if (!remindAt) continue
    const reminder = {
      ...common,
      kind: 'meeting-reminder',
      email: { template: 'meeting-update', props: { ...props, kind: 'reminder', url: new URL(`/events/${before.event.slug}/meetings/schedule`, env.APP_URL).toString() } },
      notBefore: remindAt,
    } as const
    const { queued } = await queueEmail(tx, { ...reminder, idempotencyKey: reminderKey(before.id, to.id) })
    if (!queued) await queueEmail(tx, { ...reminder, idempotencyKey: `${reminderKey(before.id, to.id)}:${after.slotId}` })
  }
}

/**
 * What the organiser's move form shows: the confirmed meeting (who, when, where), the event's
 * bookable slots and its tables; null when the event has no such confirmed meeting.
 */
export async function getMeetingMoveForm(db: Db, input: { eventId: string; meetingId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const meeting = await db.meeting.findFirst({
    where: { id: input.meetingId, eventId: input.eventId, status: 'CONFIRMED' },
    select: {
      id: true,
      slot: { select: { id: true, startsAt: true, endsAt: true } },
      table: { select: { id: true, number: true, name: true } },
      participants: { orderBy: { userId: 'asc' }, select: { user: { select: eventPersonSelect(input.eventId, { id: true, name: true }) } } },
    },
  })
  if (!meeting) return null
  const [slots, tables] = await Promise.all([
    db.meetingSlot.findMany({ where: bookableSlotWhere(input.eventId, now), orderBy: { startsAt: 'asc' }, select: { id: true, startsAt: true, endsAt: true } }),
    db.meetingTable.findMany({
      where: { eventId: input.eventId },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, name: true, reservedForOrganisation: { select: { name: true } } },
    }),
  ])
  const { participants, ...shown } = meeting
  return { meeting: { ...shown, people: participants.map(({ user }) => asEventPerson(user)) }, slots, tables }
}

/** Meetings per page of the organisers' list; the CSV and Excel exports have all of them. */
export const MEETING_LIST_PAGE_SIZE = 100

export type MeetingListQuery = {
  /** Words that must all appear in a person's name or organisation, or the table. */
  search: string
  /** Only meetings in this slot; null: every slot. */
  slotId: string | null
  page: number
}

/**
 * The event's confirmed meetings in time and table order, each with its two people, for the
 * organisers' list: filtered by slot and by a search over names, organisations and tables, one
 * page at a time, plus the slots that have meetings (for the filter). Matching is done here,
 * not in SQL, so it ignores case and accents the same way on SQLite and PostgreSQL.
 */
export async function listConfirmedMeetings(db: Db, input: { eventId: string } & MeetingListQuery) {
  const [rows, slots, organisations] = await Promise.all([
    db.meeting.findMany({
      where: { eventId: input.eventId, status: 'CONFIRMED' },
      orderBy: [{ slot: { startsAt: 'asc' } }, { table: { number: 'asc' } }],
      select: {
        id: true,
        slotId: true,
        slot: { select: { startsAt: true, endsAt: true } },
        table: { select: { number: true, name: true } },
        participants: { orderBy: { userId: 'asc' }, select: { user: { select: { id: true, name: true } } } },
      },
    }),
    db.meetingSlot.findMany({
      where: { eventId: input.eventId, meetings: { some: { status: 'CONFIRMED' } } },
      orderBy: { startsAt: 'asc' },
      select: { id: true, startsAt: true, endsAt: true },
    }),
    eventOrganisations(db, input.eventId),
  ])
  const meetings = rows.map(({ participants, ...meeting }) => ({ ...meeting, people: participants.map(({ user }) => withEventOrganisation(user, organisations)) }))
  const words = searchKey(input.search).split(/\s+/).filter(Boolean)
  const found = meetings.filter((meeting) => {
    if (input.slotId && meeting.slotId !== input.slotId) return false
    if (words.length === 0) return true
    const text = searchKey(
      [...meeting.people.flatMap((person) => [person.name, person.organisation?.name ?? '']), `Table ${meeting.table.number}`, meeting.table.name ?? ''].join(' '),
    )
    return words.every((word) => text.includes(word))
  })
  const pageCount = Math.max(1, Math.ceil(found.length / MEETING_LIST_PAGE_SIZE))
  const page = Math.min(Math.max(1, input.page), pageCount)
  return {
    meetings: found
      .slice((page - 1) * MEETING_LIST_PAGE_SIZE, page * MEETING_LIST_PAGE_SIZE)
      .map(({ slotId: _slotId, ...meeting }) => meeting),
    found: found.length,
    total: meetings.length,
    page,
    pageCount,
    slots,
  }
}
