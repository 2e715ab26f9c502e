// The organiser's B2B setup on SQLite and PostgreSQL: slots generated from a B2B window in the
// event's zone, regenerated with another length without losing a slot that has a meeting or a
// block, the table count raised and lowered (refused while a table to remove has a meeting),
// table reservations set and cleared, a renamed table's upcoming meetings sent an updated invite,
// and hostile values refused with nothing written. Two
// generations at once (two app instances on PostgreSQL) never duplicate a slot.
import { describe, expect, it } from 'vitest'
import { generateSlots, lockMeetingTableForChange, setTableCount, updateMeetingTable, updateSlotLength } from '#app/domain/meetings/setup.server.ts'
import { acceptMeetingRequest, blockSlot, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { calendarDayParts, formatTime, instantFromWallClock } from '#app/lib/time.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createSession } from '#tests/support/agenda-fixtures.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { bookWhileAChangeIsHeld, createMeetingEvent, createOrganisation, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const DAY_MS = 86_400_000

describe.each(providers)('B2B slots and tables setup on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  /** A B2B event (no slots yet) with a 09:00–12:00 window, in Brussels, 40 days ahead. */
  async function setUp() {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 0, tables: 3 })
    const dateKey = calendarDayParts(new Date(Date.now() + 40 * DAY_MS), event.timeZone).key
    const window = await createSession(db, {
      eventId: event.id,
      roomId: null,
      title: 'B2B meetings',
      kind: 'B2B_WINDOW',
      startsAt: instantFromWallClock(dateKey, '09:00', event.timeZone)!,
      endsAt: instantFromWallClock(dateKey, '12:00', event.timeZone)!,
      signUpRequired: false,
    })
    const organiser = await createUser(db, 'Olga Organiser')
    return { event, window, organiser }
  }

  const startTimes = async (windowId: string, timeZone: string) =>
    (await test.db.meetingSlot.findMany({ where: { windowId }, orderBy: { startsAt: 'asc' }, select: { startsAt: true } })).map((slot) =>
      formatTime(slot.startsAt, timeZone),
    )

  it('tiles a 09:00–12:00 window with 20-minute slots and 5-minute breaks in the event’s zone', async () => {
    const { event, window, organiser } = await setUp()
    await updateSlotLength(test.db, { eventId: event.id, actorId: organiser.id, values: { meetingSlotMinutes: 20, meetingBreakMinutes: 5 } })
    const report = await generateSlots(test.db, { eventId: event.id, actorId: organiser.id, windowId: window.id })
    expect(report).toMatchObject({ created: 7, kept: 0, removed: 0 })
    expect(await startTimes(window.id, event.timeZone)).toEqual(['09:00', '09:25', '09:50', '10:15', '10:40', '11:05', '11:30'])
    const slots = await test.db.meetingSlot.findMany({ where: { windowId: window.id }, select: { startsAt: true, endsAt: true } })
    expect(slots.every((slot) => slot.endsAt.getTime() - slot.startsAt.getTime() === 20 * 60_000)).toBe(true)
    const actions = await test.db.auditLogEntry.findMany({ where: { eventId: event.id, actorId: organiser.id }, orderBy: { createdAt: 'asc' }, select: { action: true } })
    expect(actions.map((entry) => entry.action)).toEqual(['matchmaking.slot-length-changed', 'matchmaking.slots-generated'])
  })

  it('regenerates with another length, keeping the slots with a meeting or a block and removing unused ones', async () => {
    const { db } = test
    const { event, window, organiser } = await setUp()
    const actor = { eventId: event.id, actorId: organiser.id }
    await updateSlotLength(db, { ...actor, values: { meetingSlotMinutes: 20, meetingBreakMinutes: 5 } })
    await generateSlots(db, { ...actor, windowId: window.id })
    const slots = await db.meetingSlot.findMany({ where: { windowId: window.id }, orderBy: { startsAt: 'asc' }, select: { id: true } })
    const [ana, ben, cleo] = await createParticipants(db, event.id, 3)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [slots[1]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: slots[1]!.id })
    await blockSlot(db, { eventId: event.id, userId: cleo!.id, slotId: slots[2]!.id })

    await updateSlotLength(db, { ...actor, values: { meetingSlotMinutes: 30, meetingBreakMinutes: 0 } })
    const report = await generateSlots(db, { ...actor, windowId: window.id })
    // Kept: 09:25 (meeting) and 09:50 (block). New 30-minute slots overlapping them are left out.
    expect(report).toMatchObject({ created: 3, kept: 2, removed: 5 })
    expect(await startTimes(window.id, event.timeZone)).toEqual(['09:25', '09:50', '10:30', '11:00', '11:30'])
    expect(await db.meeting.count({ where: { eventId: event.id, status: 'CONFIRMED', slotId: slots[1]!.id } })).toBe(1)

    expect(await generateSlots(db, { ...actor, windowId: window.id })).toMatchObject({ created: 0, kept: 5, removed: 0 })
  })

  it('raises and lowers the table count, refusing to remove a table with a confirmed meeting', async () => {
    const { db } = test
    const { event, window, organiser } = await setUp()
    const actor = { eventId: event.id, actorId: organiser.id }
    const numbers = async () => (await db.meetingTable.findMany({ where: { eventId: event.id }, orderBy: { number: 'asc' }, select: { number: true } })).map((table) => table.number)

    expect(await setTableCount(db, { ...actor, tableCount: 5 })).toEqual({ before: 3, after: 5, added: 2, removed: 0 })
    expect(await numbers()).toEqual([1, 2, 3, 4, 5])

    await generateSlots(db, { ...actor, windowId: window.id })
    const slot = await db.meetingSlot.findFirstOrThrow({ where: { windowId: window.id }, select: { id: true } })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [slot.id] })
    const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: slot.id })
    const tableFour = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id, number: 4 }, select: { id: true } })
    await db.meeting.update({ where: { id: meetingId }, data: { tableId: tableFour.id }, select: { id: true } })

    const refused = setTableCount(db, { ...actor, tableCount: 2 })
    await expect(refused).rejects.toThrow(DomainError)
    await expect(refused).rejects.toThrow('Table 4 has confirmed meetings')
    expect(await numbers()).toEqual([1, 2, 3, 4, 5])

    expect(await setTableCount(db, { ...actor, tableCount: 4 })).toMatchObject({ after: 4, removed: 1 })
    expect(await numbers()).toEqual([1, 2, 3, 4])
    const changes = await db.auditLogEntry.count({ where: { eventId: event.id, action: 'matchmaking.table-count-changed' } })
    expect(changes).toBe(2)
  })

  it('reserves a table for an organisation registered for the event and clears it', async () => {
    const { db } = test
    const { event, organiser } = await setUp()
    const actor = { eventId: event.id, actorId: organiser.id }
    const [person] = await createParticipants(db, event.id, 1)
    await db.registration.updateMany({ where: { eventId: event.id, userId: person!.id }, data: { organisationId: person!.organisationId } })
    const table = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id, number: 1 }, select: { id: true } })

    await updateMeetingTable(db, { ...actor, values: { tableId: table.id, name: 'Buyers’ corner', reservedForOrganisationId: person!.organisationId } })
    expect(await db.meetingTable.findUniqueOrThrow({ where: { id: table.id }, select: { name: true, reservedForOrganisationId: true } })).toEqual({
      name: 'Buyers’ corner',
      reservedForOrganisationId: person!.organisationId,
    })
    await updateMeetingTable(db, { ...actor, values: { tableId: table.id, name: '', reservedForOrganisationId: '' } })
    expect(await db.meetingTable.findUniqueOrThrow({ where: { id: table.id }, select: { name: true, reservedForOrganisationId: true } })).toEqual({
      name: null,
      reservedForOrganisationId: null,
    })
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'matchmaking.table-changed', entityId: table.id } })).toBe(2)
  })

  it('reviews a new table name first, then sends both people of each upcoming meeting there the new place with an updated invite; a meeting already begun, another table and a reservation alone send nothing', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 4, tables: 2 })
    const organiser = await createUser(db, 'Olga Organiser')
    const actor = { eventId: event.id, actorId: organiser.id }
    const [ana, ben, cleo, dan, eve, fay] = await createParticipants(db, event.id, 6)
    // Each meeting takes the lowest free table: table 1, then table 2 for the second in a slot.
    const book = async (requesterId: string, recipientId: string, slotId: string, tableNumber: number) => {
      const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId, recipientId, slotIds: [slotId] })
      const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipientId, slotId })
      expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { table: { select: { number: true } } } })).toEqual({ table: { number: tableNumber } })
      return meetingId
    }
    const begun = await book(ana!.id, ben!.id, event.slots[0]!.id, 1)
    const upcoming = await book(cleo!.id, dan!.id, event.slots[2]!.id, 1)
    await book(eve!.id, fay!.id, event.slots[2]!.id, 2)
    const table = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id, number: 1 }, select: { id: true } })
    const acceptedInvite = readWithIcalJs((await findQueuedEmails(db, { where: { userId: cleo!.id, kind: 'meeting-accepted' } }))[0]!.icsContent!).events[0]!
    // The first slot has begun.
    const now = new Date(event.slots[0]!.startsAt.getTime() + 60_000)

    // A reservation alone changes no place, nor does a name that reads as the number does.
    await db.registration.updateMany({ where: { eventId: event.id, userId: cleo!.id }, data: { organisationId: cleo!.organisationId } })
    const reserved = await updateMeetingTable(db, { ...actor, values: { tableId: table.id, name: 'Table 1', reservedForOrganisationId: cleo!.organisationId! }, now })
    expect(reserved).toMatchObject({ saved: true, reservedForOrganisationId: cleo!.organisationId, peopleNotified: 0 })
    expect(await updateMeetingTable(db, { ...actor, values: { tableId: table.id, name: '', reservedForOrganisationId: '' }, now })).toMatchObject({ saved: true, name: null, peopleNotified: 0 })
    expect(await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-place-changed' } })).toEqual([])

    // A new name reaching people is reviewed first, and nothing is written until the same change is confirmed.
    const values = { tableId: table.id, name: 'Hall B, stand 1', reservedForOrganisationId: '' }
    const unchanged = async () => ({
      table: await db.meetingTable.findUniqueOrThrow({ where: { id: table.id }, select: { name: true } }),
      outbox: await db.outboxMessage.count(),
      audit: await db.auditLogEntry.count(),
      sequences: await db.meeting.findMany({ where: { tableId: table.id }, orderBy: { id: 'asc' }, select: { calendarSequence: true, updatedAt: true } }),
    })
    const beforeReview = await unchanged()
    // One meeting yet to begin at the table, two people; the begun one is not told.
    const review = { before: 'Table 1', after: 'Table 1 (Hall B, stand 1)', meetings: 1, meetingMessages: 2 }
    expect(await updateMeetingTable(db, { ...actor, values, now })).toEqual({ saved: false, review })
    // A confirmation of another change (a stale form: the table was named meanwhile, or another name was typed) is reviewed again.
    for (const stale of [{ before: 'Table 1 (Blue)', after: 'Table 1 (Hall B, stand 1)' }, { before: 'Table 1', after: 'Table 1 (Hall C)' }]) {
      expect(await updateMeetingTable(db, { ...actor, values, reviewed: stale, now })).toMatchObject({ saved: false })
    }
    expect(await unchanged()).toEqual(beforeReview)
    const renamed = await updateMeetingTable(db, { ...actor, values, reviewed: { before: review.before, after: review.after }, now })
    expect(renamed).toMatchObject({ saved: true, name: 'Hall B, stand 1', peopleNotified: 2 })

    const sent = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-place-changed' }, orderBy: { toEmail: 'asc' } })
    expect(sent.map((email) => email.userId).sort()).toEqual([cleo!.id, dan!.id].sort())
    for (const email of sent) {
      expect(email.subject).toMatch(/^New place for your meeting with /)
      expect(email.text).toContain('Where: Table 1 (Hall B, stand 1), Test venue')
      expect(email.text).toMatch(/^Before: Table 1$/m)
      const calendar = readWithIcalJs(email.icsContent!)
      expect(calendar.method).toBe('REQUEST')
      // The same entry as the invite they accepted, one sequence on, at the new place and the same time.
      expect(calendar.events[0]).toMatchObject({ uid: acceptedInvite.uid, sequence: acceptedInvite.sequence + 1, start: acceptedInvite.start })
      expect(calendar.events[0]!.location).toMatch(/^Table 1 \(Hall B, stand 1\), /)
    }
    const sequences = await db.meeting.findMany({ where: { id: { in: [begun, upcoming] } }, select: { id: true, calendarSequence: true } })
    expect(Object.fromEntries(sequences.map((meeting) => [meeting.id, meeting.calendarSequence]))).toEqual({ [begun]: acceptedInvite.sequence, [upcoming]: acceptedInvite.sequence + 1 })
    const audited = await db.auditLogEntry.findMany({ where: { eventId: event.id, action: 'matchmaking.table-changed' }, select: { data: true } })
    expect(audited.map((entry) => entry.data)).toContainEqual(
      expect.objectContaining({ before: expect.objectContaining({ name: null }), after: expect.objectContaining({ name: 'Hall B, stand 1' }), peopleNotified: 2 }),
    )
  })

  it('a meeting booked while its table is being renamed waits for the rename and is booked at the new place', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const table = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } })
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[1]!.id] })

    // A rename's lock and write (as updateMeetingTable takes them), held open while ben accepts.
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        expect(await lockMeetingTableForChange(tx, { eventId: event.id, tableId: table.id })).toBe(true)
        await tx.$executeRaw`UPDATE "MeetingTable" SET "name" = 'Hall C, stand 1' WHERE "id" = ${table.id}`
      },
      () => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[1]!.id }),
    )

    expect(bookedWhileHeld).toBe(false)
    for (const person of [ana!, ben!]) {
      const [accepted] = await findQueuedEmails(db, { where: { userId: person.id, kind: 'meeting-accepted' } })
      expect(accepted!.text).toContain('Where: Table 1 (Hall C, stand 1), Test venue')
      expect(readWithIcalJs(accepted!.icsContent!).events[0]!.location).toMatch(/^Table 1 \(Hall C, stand 1\), /)
    }
  })

  it('a confirmed rename that meets another rename of the table in progress waits for it, sees the new name and tells no one twice', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const organiser = await createUser(db, 'Olga Organiser')
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[1]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[1]!.id })
    const table = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } })
    const values = { tableId: table.id, name: 'Hall C', reservedForOrganisationId: '' }
    // Two organisers reviewed the same change; the first one's save (its lock and write) is held open while the second confirms.
    let second: Awaited<ReturnType<typeof updateMeetingTable>> | undefined
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        expect(await lockMeetingTableForChange(tx, { eventId: event.id, tableId: table.id })).toBe(true)
        await tx.$executeRaw`UPDATE "MeetingTable" SET "name" = 'Hall C' WHERE "id" = ${table.id}`
      },
      async () => {
        second = await updateMeetingTable(db, { eventId: event.id, actorId: organiser.id, values, reviewed: { before: 'Table 1', after: 'Table 1 (Hall C)' } })
      },
    )
    expect(bookedWhileHeld).toBe(false)
    // It read the table after the first save: the name it confirms is already there, so it saves and tells nobody again.
    expect(second).toMatchObject({ saved: true, name: 'Hall C', peopleNotified: 0 })
    expect(await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-place-changed' } })).toEqual([])
  })

  it('refuses hostile values and another event’s window, table or organisation with nothing written', async () => {
    const { db } = test
    const { event, window, organiser } = await setUp()
    const other = await setUp()
    const actor = { eventId: event.id, actorId: organiser.id }
    const stranger = await createOrganisation(db, 'Not registered here')
    const [otherPerson] = await createParticipants(db, other.event.id, 1)
    await db.registration.updateMany({ where: { eventId: other.event.id, userId: otherPerson!.id }, data: { organisationId: otherPerson!.organisationId } })
    const otherTable = await db.meetingTable.findFirstOrThrow({ where: { eventId: other.event.id }, select: { id: true } })
    const ownTable = await db.meetingTable.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } })

    for (const meetingSlotMinutes of [0, 500, 4.5]) {
      await expect(updateSlotLength(db, { ...actor, values: { meetingSlotMinutes, meetingBreakMinutes: 5 } })).rejects.toThrow(DomainError)
    }
    await expect(updateSlotLength(db, { ...actor, values: { meetingSlotMinutes: 20, meetingBreakMinutes: -5 } })).rejects.toThrow(DomainError)
    await expect(generateSlots(db, { ...actor, windowId: other.window.id })).rejects.toThrow('not part of this event')
    await expect(updateMeetingTable(db, { ...actor, values: { tableId: otherTable.id, name: 'Mine now' } })).rejects.toThrow('not part of this event')
    for (const organisationId of [stranger.id, otherPerson!.organisationId]) {
      await expect(updateMeetingTable(db, { ...actor, values: { tableId: ownTable.id, reservedForOrganisationId: organisationId } })).rejects.toThrow(
        'registered for this event',
      )
    }

    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { meetingSlotMinutes: true, meetingBreakMinutes: true } })).toEqual({
      meetingSlotMinutes: 20,
      meetingBreakMinutes: 5,
    })
    expect(await db.meetingSlot.count({ where: { windowId: { in: [window.id, other.window.id] } } })).toBe(0)
    expect(await db.meetingTable.findMany({ where: { id: { in: [ownTable.id, otherTable.id] } }, select: { name: true, reservedForOrganisationId: true } })).toEqual([
      { name: 'Table 1', reservedForOrganisationId: null },
      { name: 'Table 1', reservedForOrganisationId: null },
    ])
    expect(await db.auditLogEntry.count({ where: { actorId: organiser.id } })).toBe(0)
  })

  it('generates each slot once when two organisers generate the same window at once', async () => {
    const { event, window, organiser } = await setUp()
    const [first, second] = [test.instances[0]!, test.instances.at(-1)!]
    const actor = { eventId: event.id, actorId: organiser.id }
    const reports = await Promise.all([generateSlots(first, { ...actor, windowId: window.id }), generateSlots(second, { ...actor, windowId: window.id })])
    expect(reports.reduce((sum, report) => sum + report.created, 0)).toBe(7)
    expect(await startTimes(window.id, event.timeZone)).toEqual(['09:00', '09:25', '09:50', '10:15', '10:40', '11:05', '11:30'])
  })
})
