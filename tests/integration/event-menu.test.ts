// The event menu's data: the public event for everyone; for a signed-in person where they stand
// (their place on the waiting list counted among those still waiting) and the console page their
// role opens. A draft event has no menu (and no attendee pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEventMenu } from '#app/domain/events/event-menu.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

describe.each(providers)('the event menu on %s', (provider: Provider) => {
  let test: TestDatabase
  let event: { id: string; slug: string }

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    event = await createEvent(test.db)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  const menuFor = (user: { id: string; isPlatformAdmin?: boolean } | null, slug = event.slug) =>
    getEventMenu(test.db, { slug, user: user ? { id: user.id, isPlatformAdmin: user.isPlatformAdmin ?? false } : null })

  async function registered(status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'CANCELLED' | 'WAITLISTED', waitlistNumber: number | null = null) {
    const user = await createUser(test.db)
    await test.db.registration.create({ data: { ...registrationData(event.id, user.id), status, waitlistNumber } })
    return user
  }

  it('shows a visitor the public event and nothing personal', async () => {
    expect(await menuFor(null)).toEqual({ event: { slug: event.slug, title: 'Test Industry Day', b2bEnabled: false, attendeeListPublic: false }, standing: null, consoleHome: null })
  })

  it('says where a registered person stands; a cancelled registration is a visitor again', async () => {
    expect((await menuFor(await registered('APPROVED')))?.standing).toEqual({ status: 'APPROVED' })
    expect((await menuFor(await registered('PENDING')))?.standing).toEqual({ status: 'PENDING' })
    expect((await menuFor(await registered('REJECTED')))?.standing).toEqual({ status: 'REJECTED' })
    expect((await menuFor(await registered('CANCELLED')))?.standing).toBeNull()
    expect((await menuFor(await createUser(test.db)))?.standing).toBeNull()
  })

  it('counts a waiting place among those still waiting', async () => {
    await registered('WAITLISTED', 3)
    const fifth = await registered('WAITLISTED', 5)
    await registered('WAITLISTED', 9)
    // Number 4 left the line (promoted): the fifth to join is now second.
    expect((await menuFor(fifth))?.standing).toEqual({ status: 'WAITLISTED', position: 2 })
  })

  it('opens the console page each staff role may open, and none for other people', async () => {
    const staff = async (role: 'OWNER' | 'ORGANISER' | 'VETTING_OFFICER' | 'CHECK_IN') => {
      const user = await createUser(test.db)
      await test.db.eventRole.create({ data: { eventId: event.id, userId: user.id, role } })
      return user
    }
    expect((await menuFor(await staff('OWNER')))?.consoleHome).toBe(`/events/${event.slug}/manage`)
    expect((await menuFor(await staff('ORGANISER')))?.consoleHome).toBe(`/events/${event.slug}/manage`)
    expect((await menuFor(await staff('VETTING_OFFICER')))?.consoleHome).toBe(`/events/${event.slug}/manage/vetting`)
    expect((await menuFor(await staff('CHECK_IN')))?.consoleHome).toBe(`/events/${event.slug}/manage/check-in`)
    expect((await menuFor({ ...(await createUser(test.db)), isPlatformAdmin: true }))?.consoleHome).toBe(`/events/${event.slug}/manage`)
    expect((await menuFor(await registered('APPROVED')))?.consoleHome).toBeNull()
  })

  it('has no menu for a draft or unknown event, even for its staff', async () => {
    const draft = await createEvent(test.db)
    await test.db.event.update({ where: { id: draft.id }, data: { status: 'DRAFT' } })
    const owner = await createUser(test.db)
    await test.db.eventRole.create({ data: { eventId: draft.id, userId: owner.id, role: 'OWNER' } })
    expect(await menuFor(owner, draft.slug)).toBeNull()
    expect(await menuFor(null, 'no-such-event')).toBeNull()
  })
})
