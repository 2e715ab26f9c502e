// An organiser's change to a session reaches exactly the people it affects, in the same
// transaction: an email with the old and new values side by side and an updated invite
// (same UID, METHOD:REQUEST, higher SEQUENCE) for seat holders, a CANCEL when cancelled,
// nothing for a cosmetic edit. Includes a move across the end of daylight saving time,
// read back by ical.js and node-ical, and shown in the event's and a viewer's zone. A B2B
// window moved to another room gives the upcoming meetings in it their new place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applySessionChange, cancelSession, createSession as createSessionInEditor, getSessionForEditing, planSessionChange, saveRoom, saveRoomPlace } from '#app/domain/agenda/editor.server.ts'
import type { SessionFormValues } from '#app/domain/agenda/session-form.ts'
import { leaveSession, signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { formatTime, zoneAbbreviation } from '#app/lib/time.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createAgendaEvent, createApprovedAttendees, createSession } from '#tests/support/agenda-fixtures.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { readWithIcalJs, readWithNodeIcal } from '#tests/support/icalendar.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'
import { acceptMeetingRequest, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { bookWhileAChangeIsHeld, createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'


describe.each(providers)('agenda changes on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function setUp(options: { capacity?: number; attendees?: number } = {}) {
    const { db } = test
    const fixture = await createAgendaEvent(db, { startsAt: new Date('2027-10-30T06:00:00Z'), endsAt: new Date('2027-10-31T17:00:00Z') })
    const organiser = await createUser(db, 'Olga Organiser')
    // Saturday 30 October 2027, 10:00–11:00 CEST (summer time).
    const session = await createSession(db, {
      eventId: fixture.event.id,
      roomId: fixture.otherRoom.id,
      startsAt: new Date('2027-10-30T08:00:00Z'),
      endsAt: new Date('2027-10-30T09:00:00Z'),
      capacity: options.capacity ?? 2,
    })
    const attendees = await createApprovedAttendees(db, fixture.event.id, options.attendees ?? 3)
    for (const attendee of attendees) await signUpForSession(db, { sessionId: session.id, userId: attendee.id, now: new Date('2027-09-01T10:00:00Z') })
    return { ...fixture, organiser, session, attendees }
  }

  async function formValuesOf(eventId: string, sessionId: string): Promise<SessionFormValues> {
    const editing = await getSessionForEditing(test.db, { eventId, sessionId })
    const values = editing!.formValues
    return {
      ...values,
      abstract: values.abstract || undefined,
      trackId: values.trackId || undefined,
      roomId: values.roomId || undefined,
      capacity: values.capacity ? Number(values.capacity) : undefined,
      signUpRequired: values.signUpRequired === 'on',
    }
  }

  async function messagesFor(userId: string, kind: string) {
    return findQueuedEmails(test.db, { where: { userId, kind }, orderBy: { createdAt: 'asc' } })
  }

  it('moves a breakout across the end of summer time: seat holders get the update, the waiting person is told, the invite reads back right in both zones', async () => {
    const { db } = test
    const { event, organiser, session, attendees } = await setUp()
    const [first, second, waiting] = attendees as [typeof attendees[number], typeof attendees[number], typeof attendees[number]]
    const [enrolInvite] = await messagesFor(first.id, 'session-enrolled')
    const before = readWithIcalJs(enrolInvite!.icsContent!).events[0]!

    // Sunday 31 October 2027 10:00 is on winter time (CET): the clocks went back at 03:00.
    const values = { ...(await formValuesOf(event.id, session.id)), date: '2027-10-31', startTime: '10:00', endTime: '11:00' }
    const plan = await planSessionChange(db, { eventId: event.id, sessionId: session.id, values })
    expect(plan.changes).toEqual([
      { label: 'When', before: 'Saturday, 30 October 2027, 10:00–11:00 CEST', after: 'Sunday, 31 October 2027, 10:00–11:00 CET' },
    ])
    expect(plan.recipients).toMatchObject({ count: 3, withInvite: 2 })
    expect(await db.outboxMessage.count({ where: { kind: 'session-changed' } })).toBe(0)

    const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { updatedAt: true } })
    const applied = await applySessionChange(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt })
    expect(applied.notified).toBe(3)

    const row = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { startsAt: true, endsAt: true, calendarSequence: true } })
    expect(row.startsAt.toISOString()).toBe('2027-10-31T09:00:00.000Z')
    expect(row.calendarSequence).toBe(1)

    for (const person of [first, second]) {
      const [update] = await messagesFor(person.id, 'session-changed')
      expect(update!.icsMethod).toBe('REQUEST')
      expect(update!.text).toContain('Saturday, 30 October 2027, 10:00–11:00 CEST')
      expect(update!.text).toContain('Sunday, 31 October 2027, 10:00–11:00 CET')
      const read = readWithIcalJs(update!.icsContent!)
      expect(read.method).toBe('REQUEST')
      expect(read.timezoneIds).toEqual(['Europe/Brussels'])
      const entry = read.events[0]!
      expect(entry.uid).toBe(before.uid)
      expect(entry.sequence).toBeGreaterThan(before.sequence)
      expect(entry.startTzid).toBe('Europe/Brussels')
      expect([entry.start.toISOString(), entry.end.toISOString()]).toEqual(['2027-10-31T09:00:00.000Z', '2027-10-31T10:00:00.000Z'])
      const [byNodeIcal] = readWithNodeIcal(update!.icsContent!)
      expect(byNodeIcal).toMatchObject({ uid: before.uid, start: new Date('2027-10-31T09:00:00Z'), end: new Date('2027-10-31T10:00:00Z') })
    }
    const [waitingNotice] = await messagesFor(waiting.id, 'session-changed')
    expect(waitingNotice!.icsContent).toBeNull()

    // In the event's zone 10:00 CET; in New York, still on summer time until 7 November, 05:00 EDT (it was 04:00 EDT).
    expect([formatTime(row.startsAt, 'Europe/Brussels'), zoneAbbreviation(row.startsAt, 'Europe/Brussels')]).toEqual(['10:00', 'CET'])
    expect([formatTime(row.startsAt, 'America/New_York'), zoneAbbreviation(row.startsAt, 'America/New_York')]).toEqual(['05:00', 'EDT'])
    expect(formatTime(new Date('2027-10-30T08:00:00Z'), 'America/New_York')).toBe('04:00')

    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { entityId: session.id, action: 'session.changed' }, select: { actorId: true, data: true } })
    expect(audit.actorId).toBe(organiser.id)
  })

  it('a cosmetic edit notifies nobody and keeps the SEQUENCE; a stale form is refused', async () => {
    const { db } = test
    const { event, organiser, session } = await setUp()
    const values = { ...(await formValuesOf(event.id, session.id)), abstract: 'Fixed a typo in the abstract.' }
    const plan = await planSessionChange(db, { eventId: event.id, sessionId: session.id, values })
    expect(plan).toMatchObject({ changes: [], quietChanges: ['abstract'], recipients: { count: 0 } })
    const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { updatedAt: true } })
    const applied = await applySessionChange(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt })
    expect(applied.notified).toBe(0)
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { calendarSequence: true, abstract: true } })).toEqual({
      calendarSequence: 0,
      abstract: 'Fixed a typo in the abstract.',
    })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: { in: ['session-changed', 'session-cancelled'] } } })).toBe(0)

    // The form was opened before that edit: saving it now would overwrite it unseen.
    await expect(
      applySessionChange(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id, values: { ...values, title: 'Renamed' }, expectedUpdatedAt: updatedAt }),
    ).rejects.toThrow(DomainError)
    expect((await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { title: true } })).title).not.toBe('Renamed')
  })

  it('cancelling sends seat holders a CANCEL with the same UID and a higher SEQUENCE', async () => {
    const { db } = test
    const { event, organiser, session, attendees } = await setUp()
    const [enrolInvite] = await messagesFor(attendees[0]!.id, 'session-enrolled')
    const before = readWithIcalJs(enrolInvite!.icsContent!).events[0]!
    const result = await cancelSession(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id })
    expect(result.notified).toBe(3)
    const [cancel] = await messagesFor(attendees[0]!.id, 'session-cancelled')
    const read = readWithIcalJs(cancel!.icsContent!)
    expect(read.method).toBe('CANCEL')
    expect(read.events[0]).toMatchObject({ uid: before.uid, status: 'CANCELLED' })
    expect(read.events[0]!.sequence).toBeGreaterThan(before.sequence)
    await expect(cancelSession(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id })).rejects.toThrow(DomainError)
    await expect(signUpForSession(db, { sessionId: session.id, userId: attendees[2]!.id })).rejects.toThrow(DomainError)
  })

  it('leaving sends a CANCEL at a higher SEQUENCE, and rejoining a REQUEST above that', async () => {
    const { db } = test
    const { session, attendees } = await setUp({ capacity: 5, attendees: 1 })
    const person = attendees[0]!
    await leaveSession(db, { sessionId: session.id, userId: person.id, now: new Date('2027-09-02T10:00:00Z') })
    await signUpForSession(db, { sessionId: session.id, userId: person.id, now: new Date('2027-09-03T10:00:00Z') })
    const read = async (kind: string) => (await messagesFor(person.id, kind)).map((message) => readWithIcalJs(message.icsContent!))
    const joined = await read('session-enrolled')
    const left = await read('session-left')
    expect(joined.map((calendar) => [calendar.method, calendar.events[0]!.sequence])).toEqual([
      ['REQUEST', 0],
      ['REQUEST', 2],
    ])
    expect(left.map((calendar) => [calendar.method, calendar.events[0]!.sequence])).toEqual([['CANCEL', 1]])
  })

  it('moving a B2B window to another room sends both people of each upcoming meeting in it the new place with the updated meeting invite; the preview counts them', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 4, tables: 2 })
    const organiser = await createUser(db, 'Olga Organiser')
    const [hallA, hallB] = await Promise.all([
      db.room.create({ data: { eventId: event.id, name: 'Hall A', capacity: 100 }, select: { id: true } }),
      db.room.create({ data: { eventId: event.id, name: 'Hall B', capacity: 100, location: 'Level 2' }, select: { id: true } }),
    ])
    await db.agendaSession.update({ where: { id: event.windowId }, data: { roomId: hallA.id }, select: { id: true } })
    const [ana, ben, cleo, dan] = await createParticipants(db, event.id, 4)
    for (const [requester, recipient, slot] of [[ana!, ben!, event.slots[0]!], [cleo!, dan!, event.slots[2]!]] as const) {
      const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: requester.id, recipientId: recipient.id, slotIds: [slot.id] })
      await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient.id, slotId: slot.id })
    }
    const [accepted] = await findQueuedEmails(db, { where: { userId: cleo!.id, kind: 'meeting-accepted' } })
    // The booking email already says the room.
    expect(accepted!.text).toContain('Where: Table 1, Hall A, Test venue')
    const acceptedInvite = readWithIcalJs(accepted!.icsContent!).events[0]!
    // The first meeting has begun: it is not in anyone's future any more.
    const now = new Date(event.slots[0]!.startsAt.getTime() + 60_000)
    const values = { ...(await formValuesOf(event.id, event.windowId)), roomId: hallB.id }

    const plan = await planSessionChange(db, { eventId: event.id, sessionId: event.windowId, values })
    expect(plan.changes).toEqual([{ label: 'Where', before: 'Hall A, Test venue', after: 'Hall B (Level 2), Test venue' }])
    expect(plan.meetingPeople).toBe(4)
    const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: event.windowId }, select: { updatedAt: true } })
    const applied = await applySessionChange(db, { eventId: event.id, sessionId: event.windowId, actorId: organiser.id, values, expectedUpdatedAt: updatedAt, now })
    expect(applied.notified).toBe(2)

    const sent = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-place-changed' } })
    expect(sent.map((email) => email.userId).sort()).toEqual([cleo!.id, dan!.id].sort())
    for (const email of sent) {
      expect(email.text).toContain('Where: Table 1, Hall B (Level 2), Test venue')
      expect(email.text).toMatch(/^Before: Table 1, Hall A$/m)
      const [entry] = readWithIcalJs(email.icsContent!).events
      expect(entry).toMatchObject({ uid: acceptedInvite.uid, sequence: acceptedInvite.sequence + 1, start: acceptedInvite.start })
      expect(entry!.location).toMatch(/^Table 1, Hall B \(Level 2\), Test venue/)
    }
  })

  it('a meeting booked while its B2B window is moving to another room waits for the move and is booked in the new room', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const [hallA, hallB] = await Promise.all([
      db.room.create({ data: { eventId: event.id, name: 'Hall A', capacity: 100 }, select: { id: true } }),
      db.room.create({ data: { eventId: event.id, name: 'Hall B', capacity: 100 }, select: { id: true } }),
    ])
    await db.agendaSession.update({ where: { id: event.windowId }, data: { roomId: hallA.id }, select: { id: true } })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[1]!.id] })

    // The room change's lock and write (as applySessionChange takes them), held open while ben accepts.
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        if (provider === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "AgendaSession" WHERE "id" = ${event.windowId} FOR UPDATE`
        await tx.$executeRaw`UPDATE "AgendaSession" SET "roomId" = ${hallB.id} WHERE "id" = ${event.windowId}`
      },
      () => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[1]!.id }),
    )

    expect(bookedWhileHeld).toBe(false)
    const [accepted] = await findQueuedEmails(db, { where: { userId: ana!.id, kind: 'meeting-accepted' } })
    expect(accepted!.text).toContain('Where: Table 1, Hall B, Test venue')
    expect(readWithIcalJs(accepted!.icsContent!).events[0]!.location).toMatch(/^Table 1, Hall B, Test venue/)
  })

  it('a room given a new name and location is reviewed first; on confirming, everyone holding an upcoming session there gets the new place with the updated invite', async () => {
    const { db } = test
    const { event, organiser, session: breakout, attendees, otherRoom, room } = await setUp()
    const [first, second, waiting] = attendees as [typeof attendees[number], typeof attendees[number], typeof attendees[number]]
    const now = new Date('2027-10-30T07:00:00Z')
    const plenary = await createSession(db, { eventId: event.id, roomId: otherRoom.id, title: 'Closing plenary', kind: 'PLENARY', startsAt: new Date('2027-10-31T09:00:00Z'), endsAt: new Date('2027-10-31T10:00:00Z'), capacity: null, signUpRequired: false })
    const begun = await createSession(db, { eventId: event.id, roomId: otherRoom.id, title: 'Early plenary', kind: 'PLENARY', startsAt: new Date('2027-10-30T06:30:00Z'), endsAt: new Date('2027-10-30T07:30:00Z'), capacity: null, signUpRequired: false })
    const coffee = await createSession(db, { eventId: event.id, roomId: otherRoom.id, title: 'Coffee', kind: 'BREAK', startsAt: new Date('2027-10-30T09:00:00Z'), endsAt: new Date('2027-10-30T09:30:00Z'), capacity: null, signUpRequired: false })
    const elsewhere = await createSession(db, { eventId: event.id, roomId: room.id, title: 'Elsewhere', kind: 'PLENARY', startsAt: new Date('2027-10-31T11:00:00Z'), endsAt: new Date('2027-10-31T12:00:00Z'), capacity: null, signUpRequired: false })
    const [enrolInvite] = await messagesFor(first.id, 'session-enrolled')
    const enrolled = readWithIcalJs(enrolInvite!.icsContent!).events[0]!
    const sequences = async () =>
      Object.fromEntries((await db.agendaSession.findMany({ where: { eventId: event.id }, select: { id: true, calendarSequence: true } })).map((row) => [row.id, row.calendarSequence]))
    const sequencesBefore = await sequences()

    // Seats alone are nobody's news.
    expect(await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values: { name: 'Room 2', capacity: 80 }, now })).toEqual({ saved: true, notified: 0 })

    const values = { name: 'Main Hall', capacity: 80, location: 'Level 1' }
    const reviewed = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values, now })
    expect(reviewed).toEqual({
      saved: false,
      review: {
        before: 'Room 2, Test venue',
        after: 'Main Hall (Level 1), Test venue',
        // The break is in nobody's calendar; the early plenary has begun.
        sessions: { count: 2, titles: ['Detecting small drones', 'Closing plenary'] },
        // Two seats and one waiting place; the plenary's three approved attendees.
        sessionMessages: 6,
        meetingMessages: 0,
      },
    })
    expect(await db.room.findUniqueOrThrow({ where: { id: otherRoom.id }, select: { name: true, capacity: true } })).toEqual({ name: 'Room 2', capacity: 80 })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'session-changed' } })).toBe(0)

    // A confirmation of another change than the one now asked for is reviewed again: another new place, or another old one.
    const reviewedChange = { before: 'Room 2, Test venue', after: 'Main Hall (Level 1), Test venue' }
    const otherNewPlace = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values: { ...values, location: 'Level 2' }, reviewed: reviewedChange, now })
    expect(otherNewPlace).toMatchObject({ saved: false, review: { after: 'Main Hall (Level 2), Test venue' } })
    const otherOldPlace = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values, reviewed: { ...reviewedChange, before: 'Room 9, Test venue' }, now })
    expect(otherOldPlace).toMatchObject({ saved: false })

    const saved = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values, reviewed: reviewedChange, now })
    expect(saved).toEqual({ saved: true, notified: 6 })
    expect(await db.room.findUniqueOrThrow({ where: { id: otherRoom.id }, select: { name: true, location: true } })).toEqual({ name: 'Main Hall', location: 'Level 1' })
    const sequencesAfter = await sequences()
    for (const id of [breakout.id, plenary.id, coffee.id]) expect(sequencesAfter[id], id).toBe(sequencesBefore[id]! + 1)
    for (const id of [begun.id, elsewhere.id]) expect(sequencesAfter[id], id).toBe(sequencesBefore[id])

    for (const person of [first, second]) {
      const updates = await messagesFor(person.id, 'session-changed')
      expect(updates).toHaveLength(2)
      const [update] = updates.filter((email) => email.subject.includes('Detecting small drones'))
      expect(update!.text).toContain('Room 2, Test venue')
      expect(update!.text).toContain('Main Hall (Level 1), Test venue')
      const [entry] = readWithIcalJs(update!.icsContent!).events
      expect(entry).toMatchObject({ uid: enrolled.uid, sequence: enrolled.sequence + 1, start: enrolled.start })
      expect(entry!.location).toMatch(/^Main Hall \(Level 1\), Test venue/)
    }
    const waitingUpdates = await messagesFor(waiting.id, 'session-changed')
    expect(waitingUpdates.map((email) => email.icsContent === null).sort()).toEqual([false, true])
    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { entityId: otherRoom.id, action: 'room.place_changed' }, select: { actorId: true, data: true } })
    expect(audit).toEqual({ actorId: organiser.id, data: { before: 'Room 2, Test venue', after: 'Main Hall (Level 1), Test venue' } })

    // Saving the same place again tells nobody anything new.
    expect(await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values, now })).toEqual({ saved: true, notified: 0 })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'session-changed' } })).toBe(6)
  })

  it('the same room change confirmed twice at once (two organisers, a resent form) tells everyone once', async () => {
    const { db } = test
    const { event, organiser, otherRoom } = await setUp()
    const now = new Date('2027-10-30T07:00:00Z')
    const reviewed = { before: 'Room 2, Test venue', after: 'Room 2 (Level 4), Test venue' }
    const data = { name: 'Room 2', capacity: 60, location: 'Level 4' }
    let second: Awaited<ReturnType<typeof saveRoom>> | undefined
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        expect(await saveRoomPlace(tx, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, data, reviewed, now })).toEqual({ saved: true, notified: 3 })
      },
      async () => {
        second = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values: { name: 'Room 2', capacity: 60, location: 'Level 4' }, reviewed, now })
      },
    )
    expect(bookedWhileHeld).toBe(false)
    expect(second).toEqual({ saved: true, notified: 0 })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'session-changed' } })).toBe(3)
    expect(await db.auditLogEntry.count({ where: { entityId: otherRoom.id, action: 'room.place_changed' } })).toBe(1)
  })

  it('a session moved into a room while its place changes waits for the change, and its holders are told the new place', async () => {
    const { db } = test
    const { event, organiser, session, attendees, room, otherRoom } = await setUp()
    const now = new Date('2027-10-30T07:00:00Z')
    const values = { ...(await formValuesOf(event.id, session.id)), roomId: room.id }
    const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { updatedAt: true } })
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        const renamed = await saveRoomPlace(tx, { eventId: event.id, actorId: organiser.id, roomId: room.id, data: { name: 'Auditorium', capacity: 300, location: 'Ground floor' }, now })
        expect(renamed).toEqual({ saved: true, notified: 0 })
      },
      () => applySessionChange(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt, now }),
    )
    expect(bookedWhileHeld).toBe(false)
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { roomId: true } })).toEqual({ roomId: room.id })
    expect(otherRoom.id).not.toBe(room.id)
    const [update] = await messagesFor(attendees[0]!.id, 'session-changed')
    expect(update!.text).toContain('Auditorium (Ground floor), Test venue')
    expect(update!.text).not.toContain('Room 1')
    expect(readWithIcalJs(update!.icsContent!).events[0]!.location).toMatch(/^Auditorium \(Ground floor\), Test venue/)
  })

  it('two rooms given the same new name at once: the second is told the name is taken, next to the field', async () => {
    const { db } = test
    const { event, organiser, otherRoom } = await setUp({ attendees: 0 })
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        await tx.room.create({ data: { eventId: event.id, name: 'Annex' }, select: { id: true } })
      },
      () =>
        expect(saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: otherRoom.id, values: { name: 'Annex' } })).rejects.toMatchObject({
          reason: 'conflict',
          field: 'name',
          message: 'There is already a room called “Annex”.',
        }),
    )
    // On PostgreSQL the check before the save cannot see the other room yet: the unique index refuses the save once it commits.
    if (provider === 'postgresql') expect(bookedWhileHeld).toBe(false)
    expect(await db.room.findUniqueOrThrow({ where: { id: otherRoom.id }, select: { name: true } })).toEqual({ name: 'Room 2' })
  })

  it("a room of another event, or one that does not exist, is refused and nothing changes", async () => {
    const { db } = test
    const { event, organiser } = await setUp({ attendees: 0 })
    const other = await createAgendaEvent(db)
    for (const roomId of [other.otherRoom.id, 'no-such-room']) {
      await expect(saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId, values: { name: 'Taken over' } })).rejects.toMatchObject({ reason: 'not-found' })
    }
    expect(await db.room.findUniqueOrThrow({ where: { id: other.otherRoom.id }, select: { name: true } })).toEqual({ name: 'Room 2' })
  })

  it('renaming the room of a B2B window sends both people of each upcoming meeting there the new place; a meeting booked meanwhile waits for it', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 4, tables: 2 })
    const organiser = await createUser(db, 'Olga Organiser')
    const hall = await db.room.create({ data: { eventId: event.id, name: 'Hall A', capacity: 100 }, select: { id: true } })
    await db.agendaSession.update({ where: { id: event.windowId }, data: { roomId: hall.id }, select: { id: true } })
    const [ana, ben, cleo, dan, eve, fay] = await createParticipants(db, event.id, 6)
    for (const [requester, recipient, slot] of [[ana!, ben!, event.slots[0]!], [cleo!, dan!, event.slots[2]!]] as const) {
      const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: requester.id, recipientId: recipient.id, slotIds: [slot.id] })
      await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient.id, slotId: slot.id })
    }
    const [accepted] = await findQueuedEmails(db, { where: { userId: cleo!.id, kind: 'meeting-accepted' } })
    const acceptedInvite = readWithIcalJs(accepted!.icsContent!).events[0]!
    const now = new Date(event.slots[0]!.startsAt.getTime() + 60_000)

    const values = { name: 'Hall A', location: 'Level 3' }
    const first = await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: hall.id, values, now })
    expect(first).toMatchObject({ saved: false, review: { before: 'Hall A, Test venue', after: 'Hall A (Level 3), Test venue', sessions: { count: 0 }, sessionMessages: 0, meetingMessages: 2 } })
    expect(await saveRoom(db, { eventId: event.id, actorId: organiser.id, roomId: hall.id, values, reviewed: { before: 'Hall A, Test venue', after: 'Hall A (Level 3), Test venue' }, now })).toEqual({ saved: true, notified: 2 })

    const sent = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-place-changed' } })
    expect(sent.map((email) => email.userId).sort()).toEqual([cleo!.id, dan!.id].sort())
    for (const email of sent) {
      expect(email.text).toContain('Where: Table 1, Hall A (Level 3), Test venue')
      expect(email.text).toMatch(/^Before: Table 1, Hall A$/m)
      const [entry] = readWithIcalJs(email.icsContent!).events
      expect(entry).toMatchObject({ uid: acceptedInvite.uid, sequence: acceptedInvite.sequence + 1, start: acceptedInvite.start })
      expect(entry!.location).toMatch(/^Table 1, Hall A \(Level 3\), Test venue/)
    }

    // A booking in progress while the room is renamed again waits for the rename and names the new place.
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: eve!.id, recipientId: fay!.id, slotIds: [event.slots[3]!.id] })
    const { bookedWhileHeld } = await bookWhileAChangeIsHeld(
      db,
      async (tx) => {
        const renamed = await saveRoomPlace(tx, { eventId: event.id, actorId: organiser.id, roomId: hall.id, data: { name: 'Hall C', capacity: 100, location: null }, reviewed: { before: 'Hall A (Level 3), Test venue', after: 'Hall C, Test venue' }, now })
        // Cleo and Dan's meeting is still ahead: they are told again.
        expect(renamed).toEqual({ saved: true, notified: 2 })
      },
      () => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: fay!.id, slotId: event.slots[3]!.id }),
    )
    expect(bookedWhileHeld).toBe(false)
    const [booked] = await findQueuedEmails(db, { where: { userId: eve!.id, kind: 'meeting-accepted' } })
    expect(booked!.text).toContain('Where: Table 1, Hall C, Test venue')
  })

  it('refuses what would break seats or belongs to another event, and creates sessions with a free slug', async () => {
    const { db } = test
    const { event, organiser, session, room } = await setUp({ capacity: 2, attendees: 2 })
    const values = await formValuesOf(event.id, session.id)
    const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { updatedAt: true } })
    const apply = (changed: Partial<SessionFormValues>) =>
      applySessionChange(db, { eventId: event.id, sessionId: session.id, actorId: organiser.id, values: { ...values, ...changed }, expectedUpdatedAt: updatedAt })
    await expect(apply({ capacity: 1 })).rejects.toMatchObject({ field: 'capacity' })
    await expect(apply({ signUpRequired: false })).rejects.toMatchObject({ field: 'signUpRequired' })
    const elsewhere = await createAgendaEvent(db)
    await expect(apply({ roomId: elsewhere.room.id })).rejects.toMatchObject({ field: 'roomId' })
    await expect(apply({ speakerIds: [elsewhere.speaker.id] })).rejects.toMatchObject({ field: 'speakerIds' })
    // 28 March 2027 02:30 does not exist in Brussels: the clocks jump from 02:00 to 03:00.
    await expect(apply({ date: '2027-03-28', startTime: '02:30', endTime: '04:00' })).rejects.toMatchObject({ field: 'startTime' })
    await expect(
      applySessionChange(db, { eventId: elsewhere.event.id, sessionId: session.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt }),
    ).rejects.toThrow(DomainError)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'session-changed' } })).toBe(0)

    const created = await createSessionInEditor(db, { eventId: event.id, actorId: organiser.id, values: { ...values, roomId: room.id, title: 'Detecting small drones' } })
    const again = await createSessionInEditor(db, { eventId: event.id, actorId: organiser.id, values: { ...values, roomId: room.id, title: 'Detecting small drones' } })
    expect(created.slug).toBe('detecting-small-drones')
    expect(again.slug).toBe('detecting-small-drones-2')
    // A plenary reaches every approved attendee.
    await expect(signUpForSession(db, { sessionId: created.id, userId: (await createUser(db)).id })).rejects.toMatchObject({ reason: 'forbidden', code: 'not-registered' })
  })
})
