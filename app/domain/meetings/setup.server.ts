// The organiser's B2B setup: slot length and break, slots generated per B2B window, and the
// meeting tables (count, names, reservations), each change with an audit entry.
// Callers check the role first (requireConsoleRole with ORGANISER). Slots and tables are
// written with INSERT … ON CONFLICT DO NOTHING against the unique (eventId, startsAt) and
// (eventId, number) indexes, and removed by conditional deletes, so two organisers (or two
// app instances) changing the setup at once never duplicate a slot or lose a booked one.
import { randomUUID } from 'node:crypto'
import { busyTransactionOptions, databaseProviderOf, type Db, type DbTransaction as Tx } from '#app/lib/db-client.server.ts'
import { slotLengthSchema, tileWindow, type SlotLengthValues, type TableValues } from './setup.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { meetingTableLabel } from './meetings.ts'
import { notifyMeetingsOfNewPlace, upcomingMeetingsBeforePlaceChange } from './moves.server.ts'

/** Slots that hold a meeting (confirmed or cancelled, for its history), a proposal or a block are never removed. */
const slotInUse = { OR: [{ meetings: { some: {} } }, { proposals: { some: {} } }, { blocks: { some: {} } }, { participants: { some: {} } }] }

export async function getMeetingSetup(db: Db, eventId: string) {
  const [event, windows, tables, organisations] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { meetingSlotMinutes: true, meetingBreakMinutes: true } }),
    db.agendaSession.findMany({
      where: { eventId, kind: 'B2B_WINDOW', status: 'SCHEDULED' },
      orderBy: { startsAt: 'asc' },
      select: {
        id: true,
        title: true,
        startsAt: true,
        endsAt: true,
        meetingSlots: {
          orderBy: { startsAt: 'asc' },
          select: { id: true, startsAt: true, endsAt: true, _count: { select: { meetings: { where: { status: 'CONFIRMED' } } } } },
        },
      },
    }),
    db.meetingTable.findMany({
      where: { eventId },
      orderBy: { number: 'asc' },
      select: {
        id: true,
        number: true,
        name: true,
        reservedForOrganisation: { select: { id: true, name: true } },
        _count: { select: { meetings: { where: { status: 'CONFIRMED' } } } },
      },
    }),
    db.organisation.findMany({
      where: { registrations: { some: { eventId, status: 'APPROVED' } } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ])
  return {
    slotLength: event,
    windows: windows.map((window) => ({
      id: window.id,
      title: window.title,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      slots: window.meetingSlots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, meetings: slot._count.meetings })),
    })),
    tables: tables.map((table) => ({
      id: table.id,
      number: table.number,
      name: table.name,
      reservedFor: table.reservedForOrganisation,
      meetings: table._count.meetings,
    })),
    organisations,
  }
}

export type MeetingSetup = Awaited<ReturnType<typeof getMeetingSetup>>

export async function updateSlotLength(db: Db, { eventId, actorId, values }: { eventId: string; actorId: string; values: SlotLengthValues }) {
  // Checked here too: slots are generated from these values by any caller, not only the form.
  const checked = slotLengthSchema.safeParse(values)
  if (!checked.success) {
    const [issue] = checked.error.issues
    throw new DomainError('invalid', issue?.message ?? 'Enter a slot length and a break in minutes', { field: String(issue?.path[0] ?? 'meetingSlotMinutes') })
  }
  return db.$transaction(async (tx) => {
    const select = { meetingSlotMinutes: true, meetingBreakMinutes: true } as const
    const before = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select })
    const after = await tx.event.update({ where: { id: eventId }, data: checked.data, select })
    await tx.auditLogEntry.create({
      data: { eventId, actorId, action: 'matchmaking.slot-length-changed', entityType: 'Event', entityId: eventId, data: { before, after } },
      select: { id: true },
    })
    return after
  })
}

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime()

/**
 * Tiles a B2B window with the event's slot length and break: keeps slots that already fit and
 * every slot in use, removes unused slots that no longer fit, creates the missing ones (none
 * overlapping a kept slot, none at a start time the event already has).
 */
export async function generateSlots(db: Db, { eventId, actorId, windowId }: { eventId: string; actorId: string; windowId: string }) {
  return db.$transaction(async (tx) => {
    const window = await tx.agendaSession.findFirst({
      where: { id: windowId, eventId, kind: 'B2B_WINDOW', status: 'SCHEDULED' },
      select: { id: true, startsAt: true, endsAt: true, event: { select: { meetingSlotMinutes: true, meetingBreakMinutes: true } } },
    })
    if (!window) throw new DomainError('invalid', 'This B2B window is not part of this event’s agenda.', { field: 'windowId' })
    const { meetingSlotMinutes, meetingBreakMinutes } = window.event
    const wanted = tileWindow(window.startsAt, window.endsAt, meetingSlotMinutes, meetingBreakMinutes)
    const fits = (slot: { startsAt: Date; endsAt: Date }) =>
      wanted.some((want) => want.startsAt.getTime() === slot.startsAt.getTime() && want.endsAt.getTime() === slot.endsAt.getTime())
    const existing = await tx.meetingSlot.findMany({ where: { eventId, windowId }, select: { id: true, startsAt: true, endsAt: true } })
    const misfits = existing.filter((slot) => !fits(slot)).map((slot) => slot.id)
    // The in-use condition is part of the DELETE, so a slot booked meanwhile stays.
    const removed = misfits.length ? (await tx.meetingSlot.deleteMany({ where: { id: { in: misfits }, NOT: slotInUse } })).count : 0
    const remaining = await tx.meetingSlot.findMany({ where: { eventId }, select: { startsAt: true, endsAt: true } })
    let created = 0
    for (const slot of wanted.filter((want) => !remaining.some((kept) => overlaps(kept, want)))) {
      created += await tx.$executeRaw`
        INSERT INTO "MeetingSlot" ("id", "eventId", "windowId", "startsAt", "endsAt")
        VALUES (${randomUUID()}, ${eventId}, ${windowId}, ${slot.startsAt}, ${slot.endsAt})
        ON CONFLICT DO NOTHING`
    }
    const kept = existing.length - removed
    const report = { created, kept, removed, slotMinutes: meetingSlotMinutes, breakMinutes: meetingBreakMinutes }
    await tx.auditLogEntry.create({
      data: { eventId, actorId, action: 'matchmaking.slots-generated', entityType: 'AgendaSession', entityId: windowId, data: report },
      select: { id: true },
    })
    return report
  }, busyTransactionOptions)
}

/**
 * Adds numbered tables after the highest number, or removes the highest-numbered ones; a
 * removal is refused, with nothing changed, when one of them has a confirmed meeting.
 */
export async function setTableCount(db: Db, { eventId, actorId, tableCount }: { eventId: string; actorId: string; tableCount: number }) {
  return db.$transaction(async (tx) => {
    const tables = await tx.meetingTable.findMany({ where: { eventId }, orderBy: { number: 'desc' }, select: { id: true, number: true } })
    const before = tables.length
    let added = 0
    let removed = 0
    if (tableCount > before) {
      const highest = tables[0]?.number ?? 0
      for (let number = highest + 1; number <= highest + tableCount - before; number++) {
        added += await tx.$executeRaw`
          INSERT INTO "MeetingTable" ("id", "eventId", "number") VALUES (${randomUUID()}, ${eventId}, ${number})
          ON CONFLICT DO NOTHING`
      }
    } else if (tableCount < before) {
      const surplus = tables.slice(0, before - tableCount)
      const booked = await tx.meetingTable.findMany({
        where: { id: { in: surplus.map((table) => table.id) }, meetings: { some: { status: 'CONFIRMED' } } },
        orderBy: { number: 'asc' },
        select: { number: true },
      })
      if (booked.length > 0) {
        const numbers = booked.map((table) => table.number).join(', ')
        throw new DomainError('conflict', `Table${booked.length === 1 ? '' : 's'} ${numbers} ${booked.length === 1 ? 'has' : 'have'} confirmed meetings; move or cancel them before removing ${booked.length === 1 ? 'it' : 'them'}.`, { field: 'tableCount' })
      }
      // The no-meeting condition is part of the DELETE, so a table booked meanwhile stays.
      removed = (await tx.meetingTable.deleteMany({ where: { id: { in: surplus.map((table) => table.id) }, meetings: { none: { status: 'CONFIRMED' } } } })).count
      if (removed !== surplus.length) throw new DomainError('conflict', 'A table to remove was just booked; try again.', { field: 'tableCount' })
    }
    const after = before + added - removed
    await tx.auditLogEntry.create({
      data: { eventId, actorId, action: 'matchmaking.table-count-changed', entityType: 'Event', entityId: eventId, data: { before, after, added, removed } },
      select: { id: true },
    })
    return { before, after, added, removed }
  }, busyTransactionOptions)
}

/**
 * Locks a table of the event before a change to what its meetings show; false when the event has
 * no such table. FOR UPDATE on PostgreSQL: a booking's insert at the table waits for it (its
 * foreign key takes a key-share lock), so a meeting booked meanwhile is either among the upcoming
 * ones read after this or booked once the change is committed, with the new name. SQLite runs one
 * write transaction at a time.
 */
export async function lockMeetingTableForChange(tx: Tx, { eventId, tableId }: { eventId: string; tableId: string }) {
  const rows =
    databaseProviderOf(tx) === 'postgresql'
      ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "MeetingTable" WHERE "id" = ${tableId} AND "eventId" = ${eventId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "MeetingTable" WHERE "id" = ${tableId} AND "eventId" = ${eventId}`
  return rows.length === 1
}

/** A table's new name before anyone is told: the label as invites show it, before and after, and what the save sends. */
export type TableChangeReview = {
  before: string
  after: string
  /** Upcoming confirmed meetings at the table. */
  meetings: number
  /** Updated invites: one per person per meeting. */
  meetingMessages: number
}

export type TableSaveResult =
  | { saved: true; name: string | null; reservedForOrganisationId: string | null; peopleNotified: number }
  | { saved: false; review: TableChangeReview }

/** The change the organiser confirmed: the label they saw the table move from, and to. */
export type TablePlaceReviewed = { before: string; after: string }

/**
 * Renames a table (empty: its number only) and reserves it for an organisation registered for the
 * event, or clears that. A new name changes where its meetings are. When that reaches anyone (an
 * upcoming confirmed meeting there), nothing is saved until the organiser has seen who will be
 * told (`review`) and confirms the same change (`reviewed`: from the same label to the same new
 * one). The save then gives each upcoming meeting a new calendar sequence and sends both its
 * people the "new place" email with the updated invite, in the same transaction. A reservation
 * alone, or a table with nothing upcoming, saves at once.
 */
export async function updateMeetingTable(
  db: Db,
  { eventId, actorId, values, reviewed, now = new Date() }: { eventId: string; actorId: string; values: TableValues; reviewed?: TablePlaceReviewed; now?: Date },
): Promise<TableSaveResult> {
  const organisationId = values.reservedForOrganisationId || null
  return db.$transaction(async (tx): Promise<TableSaveResult> => {
    const select = { number: true, name: true, reservedForOrganisationId: true } as const
    const before = (await lockMeetingTableForChange(tx, { eventId, tableId: values.tableId })) ? await tx.meetingTable.findUnique({ where: { id: values.tableId }, select }) : null
    if (!before) throw new DomainError('invalid', 'This table is not part of this event.', { field: 'tableId' })
    if (organisationId) {
      const registered = await tx.organisation.findFirst({
        where: { id: organisationId, registrations: { some: { eventId, status: 'APPROVED' } } },
        select: { id: true },
      })
      if (!registered) throw new DomainError('invalid', 'Choose an organisation registered for this event.', { field: 'reservedForOrganisationId' })
    }
    // "Table 3" and no name read the same everywhere: only a different label is a new place.
    const labelBefore = meetingTableLabel(before)
    const labelAfter = meetingTableLabel({ number: before.number, name: values.name || null })
    const placeChanges = labelAfter !== labelBefore
    const upcoming = placeChanges ? await upcomingMeetingsBeforePlaceChange(tx, { eventId, at: { tableId: values.tableId }, now }) : []
    const confirmed = reviewed?.before === labelBefore && reviewed.after === labelAfter
    if (upcoming.length > 0 && !confirmed) {
      const meetingMessages = upcoming.reduce((people, meeting) => people + meeting.people.length, 0)
      return { saved: false, review: { before: labelBefore, after: labelAfter, meetings: upcoming.length, meetingMessages } }
    }
    const after = await tx.meetingTable.update({
      where: { id: values.tableId },
      data: { name: values.name || null, reservedForOrganisationId: organisationId },
      select,
    })
    let peopleNotified = 0
    if (placeChanges) {
      // Every meeting at the table names it in its calendar entry: moving updatedAt changes the feeds' ETags and entries, past ones included.
      await tx.meeting.updateMany({ where: { tableId: values.tableId }, data: { updatedAt: now } })
      // Upcoming ones are also in people's calendars from their invites, which the update replaces.
      peopleNotified = await notifyMeetingsOfNewPlace(tx, { meetings: upcoming, now })
    }
    await tx.auditLogEntry.create({
      data: { eventId, actorId, action: 'matchmaking.table-changed', entityType: 'MeetingTable', entityId: values.tableId, data: { before, after, peopleNotified } },
      select: { id: true },
    })
    return { saved: true, name: after.name, reservedForOrganisationId: after.reservedForOrganisationId, peopleNotified }
  }, busyTransactionOptions)
}
