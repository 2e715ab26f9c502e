// Moving a confirmed B2B meeting on SQLite and PostgreSQL: both people get the updated invite
// (same UID, higher SEQUENCE, new time and table) and the reminder follows; a busy person, a
// taken table, a blocked slot or another event's slot or meeting is refused with nothing
// written; two simultaneous moves onto one table and slot leave exactly one there (two app
// instances on PostgreSQL).
import { describe, expect, it } from 'vitest'
import { moveMeeting, relocateMeetingsInTransaction } from '#app/domain/meetings/moves.server.ts'
import { acceptMeetingRequest, blockSlot, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { createMeetingEvent, createParticipants, expectConsistentBookings, type MeetingTestEvent } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

describe.each(providers)('moving meetings on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  async function book(event: MeetingTestEvent, requesterId: string, recipientId: string, slotId: string) {
    const { requestId } = await requestMeeting(test.db, { eventId: event.id, requesterId, recipientId, slotIds: [slotId] })
    return acceptMeetingRequest(test.db, { eventId: event.id, requestId, userId: recipientId, slotId })
  }

  const tableId = async (eventId: string, number: number) =>
    (await test.db.meetingTable.findFirstOrThrow({ where: { eventId, number }, select: { id: true } })).id

  /** Every row a refused move could have touched. */
  async function snapshot(eventId: string) {
    const { db } = test
    return {
      meetings: await db.meeting.findMany({
        where: { eventId },
        orderBy: { id: 'asc' },
        select: { id: true, slotId: true, tableId: true, activeSlotId: true, calendarSequence: true, updatedAt: true, participants: { orderBy: { userId: 'asc' }, select: { userId: true, activeSlotId: true } } },
      }),
      outbox: await db.outboxMessage.count({ where: { eventId } }),
      audit: await db.auditLogEntry.count({ where: { eventId } }),
    }
  }

  /** `busy` and `no-table` stand for a conflict with that code. */
  async function expectRefused(promise: Promise<unknown>, refusal: DomainError['reason'] | 'busy' | 'no-table', message: RegExp) {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject(refusal === 'busy' || refusal === 'no-table' ? { reason: 'conflict', code: refusal } : { reason: refusal })
    expect((error as DomainError).message).toMatch(message)
  }

  it('moves a meeting to a new slot and table and sends both the updated invite and a new reminder', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const booked = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
    const before = await db.meeting.findUniqueOrThrow({ where: { id: booked.meetingId }, select: { calendarUid: true, calendarSequence: true } })
    const target = event.slots[3]!

    const moved = await moveMeeting(db, { eventId: event.id, meetingId: booked.meetingId, slotId: target.id, tableId: await tableId(event.id, 3), actorId: ana!.id })
    expect(moved).toEqual({ meetingId: booked.meetingId, slotId: target.id, tableNumber: 3 })

    const meeting = await db.meeting.findUniqueOrThrow({
      where: { id: booked.meetingId },
      select: { slotId: true, activeSlotId: true, calendarSequence: true, participants: { select: { activeSlotId: true } } },
    })
    expect(meeting).toMatchObject({ slotId: target.id, activeSlotId: target.id, calendarSequence: before.calendarSequence + 1 })
    expect(meeting.participants.map((seat) => seat.activeSlotId)).toEqual([target.id, target.id])

    for (const person of [ana!, ben!]) {
      const messages = await findQueuedEmails(db, { where: { userId: person.id } })
      const movedMessage = messages.find((message) => message.kind === 'meeting-moved')!
      expect(movedMessage.subject).toMatch(/^Your meeting with Participant \d \(Org \d\) has moved$/)
      expect(movedMessage.text).toContain('Table 3')
      expect(movedMessage.text).toMatch(/Before:.*Table 1/)
      expect(movedMessage.icsMethod).toBe('REQUEST')
      const calendar = readWithIcalJs(movedMessage.icsContent!)
      expect(calendar.method).toBe('REQUEST')
      expect(calendar.events).toHaveLength(1)
      const invite = calendar.events[0]!
      expect(invite.uid).toBe(before.calendarUid)
      expect(invite.start.toISOString()).toBe(target.startsAt.toISOString())
      expect(invite.end.toISOString()).toBe(target.endsAt.toISOString())
      expect(invite.location).toContain('Table 3')
      const accepted = readWithIcalJs(messages.find((message) => message.kind === 'meeting-accepted')!.icsContent!).events[0]!
      expect(invite.sequence).toBeGreaterThan(accepted.sequence)
      const reminders = messages.filter((message) => message.kind === 'meeting-reminder')
      expect(reminders.map((reminder) => reminder.idempotencyKey)).toEqual([`meeting:reminder:${booked.meetingId}:${person.id}`])
      expect(reminders[0]!.nextAttemptAt.toISOString()).toBe(new Date(target.startsAt.getTime() - 3_600_000).toISOString())
    }
    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { eventId: event.id, action: 'meeting.moved' }, select: { actorId: true, entityId: true } })
    expect(audit).toEqual({ actorId: ana!.id, entityId: booked.meetingId })
  })

  it('takes the lowest free table the pair may use when none is chosen', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben, cem, dan] = await createParticipants(db, event.id, 4)
    await book(event, cem!.id, dan!.id, event.slots[2]!.id)
    const booked = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
    const moved = await moveMeeting(db, { eventId: event.id, meetingId: booked.meetingId, slotId: event.slots[2]!.id, tableId: null, actorId: ana!.id })
    expect(moved.tableNumber).toBe(2)
  })

  it('refuses a busy person, a taken table, a blocked slot, the same place and other events, writing nothing', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const other = await createMeetingEvent(db)
    const [ana, ben, cem, dan, eva] = await createParticipants(db, event.id, 5)
    const [olga, pete] = await createParticipants(db, other.id, 2)
    const meeting = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
    await book(event, ben!.id, cem!.id, event.slots[1]!.id)
    await book(event, dan!.id, eva!.id, event.slots[2]!.id)
    await blockSlot(db, { eventId: event.id, userId: ana!.id, slotId: event.slots[3]!.id })
    const otherMeeting = await book(other, olga!.id, pete!.id, other.slots[0]!.id)
    const move = (input: { slotId: string; tableId?: string | null; meetingId?: string }) =>
      moveMeeting(db, { eventId: event.id, meetingId: meeting.meetingId, actorId: ana!.id, ...input })

    const unchanged = await snapshot(event.id)
    const otherUnchanged = await snapshot(other.id)
    await expectRefused(move({ slotId: event.slots[1]!.id }), 'busy', /^Participant 2 already has another meeting at \d\d:\d\d on /)
    await expectRefused(move({ slotId: event.slots[2]!.id, tableId: await tableId(event.id, 1) }), 'no-table', /^Table 1 is taken at \d\d:\d\d on /)
    await expectRefused(move({ slotId: event.slots[3]!.id }), 'busy', /^Participant 1 has blocked \d\d:\d\d on /)
    await expectRefused(move({ slotId: event.slots[0]!.id }), 'invalid', /already at this time/)
    await expectRefused(move({ slotId: other.slots[4]!.id }), 'invalid', /not a bookable B2B slot of this event/)
    await expectRefused(move({ slotId: event.slots[4]!.id, tableId: await tableId(other.id, 2) }), 'invalid', /Choose a table from the list/)
    await expectRefused(move({ slotId: event.slots[4]!.id, meetingId: otherMeeting.meetingId }), 'not-found', /no such confirmed meeting/)
    await expectRefused(move({ slotId: 'no-such-slot' }), 'invalid', /not a bookable B2B slot/)
    expect(await snapshot(event.id)).toEqual(unchanged)
    expect(await snapshot(other.id)).toEqual(otherUnchanged)
  })

  it('lets exactly one of two simultaneous moves onto the same table and slot win', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben, cem, dan] = await createParticipants(db, event.id, 4)
    const first = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
    const second = await book(event, cem!.id, dan!.id, event.slots[1]!.id)
    const target = { slotId: event.slots[4]!.id, tableId: await tableId(event.id, 2) }

    const results = await Promise.allSettled(
      [first, second].map((meeting, index) =>
        moveMeeting(test.instance(index), { eventId: event.id, meetingId: meeting.meetingId, actorId: ana!.id, ...target }),
      ),
    )
    const won = results.filter((result) => result.status === 'fulfilled')
    const lost = results.filter((result) => result.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const reason = (lost[0] as PromiseRejectedResult).reason as DomainError
    expect(reason).toBeInstanceOf(DomainError)
    expect(reason).toMatchObject({ reason: 'conflict', code: 'no-table' })
    const atTarget = await db.meeting.findMany({ where: { eventId: event.id, activeSlotId: target.slotId }, select: { tableId: true } })
    expect(atTarget).toEqual([{ tableId: target.tableId }])
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-moved' } })).toBe(2)
  })

  it('lets the scheduler swap two meetings between slots in one transaction, each with its update', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const [ana, ben, cem, dan] = await createParticipants(db, event.id, 4)
    const first = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
    const second = await book(event, cem!.id, dan!.id, event.slots[1]!.id)
    const table = await tableId(event.id, 1)

    await db.$transaction((tx) =>
      relocateMeetingsInTransaction(tx, {
        eventId: event.id,
        actorId: ana!.id,
        moves: [
          { meetingId: first.meetingId, slotId: event.slots[1]!.id, tableId: table },
          { meetingId: second.meetingId, slotId: event.slots[0]!.id, tableId: table },
        ],
        now: new Date(),
      }),
    )
    const meetings = await db.meeting.findMany({ where: { eventId: event.id }, orderBy: { id: 'asc' }, select: { id: true, activeSlotId: true, calendarSequence: true } })
    expect(meetings).toEqual(
      [
        { id: first.meetingId, activeSlotId: event.slots[1]!.id, calendarSequence: 1 },
        { id: second.meetingId, activeSlotId: event.slots[0]!.id, calendarSequence: 1 },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    )
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-moved' } })).toBe(4)
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'meeting.moved' } })).toBe(2)
    await expectConsistentBookings(db, event.id)
  })

  it('lets a move and a new booking race for the only table of a slot: one wins, the other is told why', { timeout: 120_000 }, async () => {
    const { db } = test
    // Several rounds, each with the move and the accept started together, so both orders of arrival occur.
    const outcomes = { moveWon: 0, bookingWon: 0 }
    for (let round = 0; round < 8; round++) {
      const event = await createMeetingEvent(db, { slots: 3, tables: 1 })
      const [ana, ben, cem, dan] = await createParticipants(db, event.id, 4)
      const existing = await book(event, ana!.id, ben!.id, event.slots[0]!.id)
      const target = event.slots[2]!
      const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: cem!.id, recipientId: dan!.id, slotIds: [target.id] })

      const [move, accept] = await Promise.allSettled([
        moveMeeting(test.instance(round), { eventId: event.id, meetingId: existing.meetingId, slotId: target.id, actorId: ana!.id }),
        acceptMeetingRequest(test.instance(round + 1), { eventId: event.id, requestId, userId: dan!.id, slotId: target.id }),
      ])
      expect([move.status, accept.status].sort()).toEqual(['fulfilled', 'rejected'])
      const lost = (move.status === 'rejected' ? move.reason : (accept as PromiseRejectedResult).reason) as DomainError
      expect(lost).toBeInstanceOf(DomainError)
      expect(lost).toMatchObject({ reason: 'conflict', code: 'no-table' })
      if (move.status === 'fulfilled') outcomes.moveWon++
      else outcomes.bookingWon++
      expect(await db.meeting.count({ where: { eventId: event.id, activeSlotId: target.id } })).toBe(1)
      await expectConsistentBookings(db, event.id)
    }
    expect(outcomes.moveWon + outcomes.bookingWon).toBe(8)
  })
})
