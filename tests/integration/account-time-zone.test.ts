// Account pages show times where the person is: their chosen zone, else that of the event they
// registered for most recently, else UTC (/account/calendar used to show UTC only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountTimeZone } from '#app/domain/account/account.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

let test: TestDatabase
beforeAll(async () => {
  test = await createTestDatabase('sqlite')
})
afterAll(async () => {
  await test?.cleanup()
})

describe('the account pages’ time zone', () => {
  it('is the person’s choice, else their latest event’s zone, else UTC', async () => {
    const { db } = test
    const nobody = await createUser(db)
    expect(await accountTimeZone(db, nobody.id)).toBe('UTC')

    const attendee = await createUser(db)
    const event = await createEvent(db)
    const zone = (await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { timeZone: true } })).timeZone
    await db.registration.create({ data: registrationData(event.id, attendee.id) })
    expect(await accountTimeZone(db, attendee.id)).toBe(zone)

    await db.user.update({ where: { id: attendee.id }, data: { timeZone: 'America/New_York' } })
    expect(await accountTimeZone(db, attendee.id)).toBe('America/New_York')
  })
})
