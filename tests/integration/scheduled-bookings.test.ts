// The scheduler books a whole plan in bulk (bookScheduledMeetingsInTransaction) with the
// guarantees of a single booking, on both engines: a person's counter never passes the event's
// limit, a blocked slot or an existing seat refuses the plan with the single path's message, a
// table or person taken meanwhile is refused by the unique indexes, and nothing of a refused
// plan is written. Two plans sharing people, applied at once from two app instances on
// PostgreSQL, book one and leave every counter equal to its rows.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { bookScheduledMeetingsInTransaction, findParticipant, type Participant, type ScheduledBooking } from '#app/domain/meetings/meetings.server.ts'
import { isUniqueViolation, type Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createMeetingEvent, createParticipants, expectConsistentBookings } from '#tests/support/meeting-fixtures.ts'

describe.each(providers)('booking a plan in bulk on %s', (provider) => {
  const app = useAppInstances(provider)

  async function setUp(options: { maxMeetingsPerPerson?: number | null; people?: number } = {}) {
    const event = await createMeetingEvent(app.db, { slots: 6, tables: 4, maxMeetingsPerPerson: options.maxMeetingsPerPerson })
    const created = await createParticipants(app.db, event.id, options.people ?? 6)
    const people = await Promise.all(created.map(async (person) => (await findParticipant(app.db, event.id, person.id))!))
    const tables = await app.db.meetingTable.findMany({ where: { eventId: event.id }, orderBy: { number: 'asc' }, select: { id: true } })
    const meetingEvent = { id: event.id, timeZone: event.timeZone, maxMeetingsPerPerson: options.maxMeetingsPerPerson === undefined ? 8 : options.maxMeetingsPerPerson, maxPendingRequestsPerPerson: 12 }
    const booking = (slotIndex: number, tableIndex: number, first: Participant, second: Participant): ScheduledBooking => ({
      slot: event.slots[slotIndex]!,
      people: [first, second],
      tableId: tables[tableIndex]!.id,
      meetingId: randomUUID(),
      calendarUid: `${randomUUID()}@muster.test`,
      requestId: null,
    })
    return { event, people, meetingEvent, booking }
  }
  const book = (db: Db, event: Parameters<typeof bookScheduledMeetingsInTransaction>[1]['event'], bookings: ScheduledBooking[]) =>
    db.$transaction((tx) => bookScheduledMeetingsInTransaction(tx, { event, bookings, now: new Date() }))
  const meetingCount = (eventId: string) => app.db.meeting.count({ where: { eventId } })

  it('books every meeting with its table and seats, and raises each counter by its number of meetings', async () => {
    const { event, people, meetingEvent, booking } = await setUp()
    const [a, b, c, d] = people as [Participant, Participant, Participant, Participant]
    await book(app.db, meetingEvent, [booking(0, 0, a, b), booking(0, 1, c, d), booking(1, 0, a, c), booking(2, 0, a, d)])
    expect(await meetingCount(event.id)).toBe(4)
    const counters = await app.db.matchmakingProfile.findMany({ where: { eventId: event.id, userId: { in: [a.id, b.id, c.id, d.id] } }, orderBy: { userId: 'asc' }, select: { userId: true, meetingsBooked: true } })
    expect(Object.fromEntries(counters.map((row) => [row.userId, row.meetingsBooked]))).toEqual({ [a.id]: 3, [b.id]: 1, [c.id]: 2, [d.id]: 2 })
    await expectConsistentBookings(app.db, event.id)
  })

  it('refuses a plan that takes someone past the limit, naming them, and writes nothing', async () => {
    const { event, people, meetingEvent, booking } = await setUp({ maxMeetingsPerPerson: 2 })
    const [a, b, c, d] = people as [Participant, Participant, Participant, Participant]
    await book(app.db, meetingEvent, [booking(0, 0, a, b)])
    await expect(book(app.db, meetingEvent, [booking(1, 0, c, d), booking(2, 0, a, c), booking(3, 0, a, d)])).rejects.toMatchObject({
      reason: 'limit',
      message: `${a.name} already has 2 meetings, the most this event allows.`,
    })
    expect(await meetingCount(event.id)).toBe(1)
    await expectConsistentBookings(app.db, event.id)
  })

  it('refuses a blocked slot and an existing seat with the single booking’s message, and writes nothing', async () => {
    const { event, people, meetingEvent, booking } = await setUp()
    const [a, b, c, d, e, f] = people as [Participant, Participant, Participant, Participant, Participant, Participant]
    await app.db.blockedSlot.create({ data: { eventId: event.id, userId: e.id, slotId: event.slots[4]!.id } })
    await expect(book(app.db, meetingEvent, [booking(3, 0, c, d), booking(4, 0, e, f)])).rejects.toMatchObject({ reason: 'conflict', code: 'busy', message: expect.stringMatching(new RegExp(`^${e.name} is no longer free at .+\\.$`)) })
    await book(app.db, meetingEvent, [booking(0, 0, a, b)])
    await expect(book(app.db, meetingEvent, [booking(1, 1, c, d), booking(0, 1, b, c)])).rejects.toMatchObject({ reason: 'conflict', code: 'busy', message: expect.stringContaining(`${b.name} is no longer free at`) })
    expect(await meetingCount(event.id)).toBe(1)
    await expectConsistentBookings(app.db, event.id)
  })

  it('leaves a table taken meanwhile to the unique index, and writes nothing', async () => {
    const { event, people, meetingEvent, booking } = await setUp()
    const [a, b, c, d] = people as [Participant, Participant, Participant, Participant]
    await book(app.db, meetingEvent, [booking(0, 0, a, b)])
    const refused = await book(app.db, meetingEvent, [booking(1, 1, a, c), booking(0, 0, c, d)]).catch((error: unknown) => error)
    expect(isUniqueViolation(refused)).toBe(true)
    expect(await meetingCount(event.id)).toBe(1)
    await expectConsistentBookings(app.db, event.id)
  })

  it('books one of two plans sharing people applied at once, five times over', async () => {
    for (let round = 0; round < 5; round++) {
      const { event, people, meetingEvent, booking } = await setUp({ people: 8 })
      // The same pairs at the same slots on different tables: both cannot hold.
      const planFor = (tableOffset: number) => Array.from({ length: 4 }, (_, index) => booking(index, (index + tableOffset) % 4, people[index * 2]!, people[index * 2 + 1]!))
      const outcomes = await Promise.allSettled([book(app.instance(0), meetingEvent, planFor(0)), book(app.instance(1), meetingEvent, planFor(1))])
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled'), `round ${round}`).toHaveLength(1)
      expect(await meetingCount(event.id)).toBe(4)
      await expectConsistentBookings(app.db, event.id)
    }
  })
})
