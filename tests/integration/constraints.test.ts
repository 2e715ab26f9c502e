// The database itself enforces the rules no code path may break: one registration per
// person per event, one live meeting per table per slot, one live meeting per person per slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

const uniqueViolation = { code: 'P2002' }

describe.each(providers)('unique constraints on %s', (provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('rejects a second registration of the same person for the same event', async () => {
    const { db } = test
    const event = await createEvent(db)
    const person = await createUser(db)
    await db.registration.create({ data: registrationData(event.id, person.id) })
    await expect(db.registration.create({ data: registrationData(event.id, person.id) })).rejects.toMatchObject(uniqueViolation)
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)

    // The same person may register for another event.
    const otherEvent = await createEvent(db)
    await db.registration.create({ data: registrationData(otherEvent.id, person.id) })
  })

  it('rejects two simultaneous registrations of the same person: exactly one wins', async () => {
    const { db } = test
    const event = await createEvent(db)
    const person = await createUser(db)
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () => db.registration.create({ data: registrationData(event.id, person.id) })),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
    for (const failed of attempts.filter((a) => a.status === 'rejected')) {
      expect(failed.reason).toMatchObject(uniqueViolation)
    }
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
  })

  async function meetingSetup() {
    const { db } = test
    const event = await createEvent(db)
    const slot = await db.meetingSlot.create({
      data: { eventId: event.id, startsAt: new Date('2027-03-24T13:00:00Z'), endsAt: new Date('2027-03-24T13:20:00Z') },
    })
    const [table1, table2] = await Promise.all(
      [1, 2].map((number) => db.meetingTable.create({ data: { eventId: event.id, number, name: `Table ${number}` } })),
    )
    const people = await Promise.all(['Ana', 'Ben', 'Cleo', 'Dan'].map((name) => createUser(db, name)))
    return { db, event, slot, table1: table1!, table2: table2!, people }
  }

  function meetingData(eventId: string, slotId: string, tableId: string, live = true) {
    return {
      eventId,
      slotId,
      tableId,
      activeSlotId: live ? slotId : null,
      status: live ? ('CONFIRMED' as const) : ('CANCELLED' as const),
      calendarUid: `meeting-${Math.random().toString(36).slice(2)}@muster.test`,
    }
  }

  it('rejects a second live meeting at the same table in the same slot', async () => {
    const { db, event, slot, table1 } = await meetingSetup()
    await db.meeting.create({ data: meetingData(event.id, slot.id, table1.id) })
    await expect(db.meeting.create({ data: meetingData(event.id, slot.id, table1.id) })).rejects.toMatchObject(uniqueViolation)
  })

  it('lets a cancelled meeting free its table', async () => {
    const { db, event, slot, table1 } = await meetingSetup()
    await db.meeting.create({ data: meetingData(event.id, slot.id, table1.id, false) })
    await db.meeting.create({ data: meetingData(event.id, slot.id, table1.id, false) })
    await db.meeting.create({ data: meetingData(event.id, slot.id, table1.id) })
    expect(await db.meeting.count({ where: { tableId: table1.id, activeSlotId: slot.id } })).toBe(1)
  })

  it('rejects a person in two live meetings in the same slot', async () => {
    const { db, event, slot, table1, table2, people } = await meetingSetup()
    const [ana, ben, cleo] = people
    const first = await db.meeting.create({ data: meetingData(event.id, slot.id, table1.id) })
    const second = await db.meeting.create({ data: meetingData(event.id, slot.id, table2.id) })
    await db.meetingParticipant.createMany({
      data: [
        { meetingId: first.id, userId: ana!.id, activeSlotId: slot.id },
        { meetingId: first.id, userId: ben!.id, activeSlotId: slot.id },
      ],
    })
    await expect(
      db.meetingParticipant.create({ data: { meetingId: second.id, userId: ana!.id, activeSlotId: slot.id } }),
    ).rejects.toMatchObject(uniqueViolation)
    await db.meetingParticipant.create({ data: { meetingId: second.id, userId: cleo!.id, activeSlotId: slot.id } })
  })

  it('rejects a duplicate waiting-list number for the same event', async () => {
    const { db } = test
    const event = await createEvent(db)
    const [a, b] = await Promise.all([createUser(db), createUser(db)])
    await db.registration.create({ data: { ...registrationData(event.id, a.id), status: 'WAITLISTED', waitlistNumber: 1 } })
    await expect(
      db.registration.create({ data: { ...registrationData(event.id, b.id), status: 'WAITLISTED', waitlistNumber: 1 } }),
    ).rejects.toMatchObject(uniqueViolation)
  })
})
