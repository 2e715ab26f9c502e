// Which events are public is one rule (publicEventWhere): every public door opens for a
// published or cancelled event and stays shut for a draft, whoever asks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unfilteredAgenda } from '#app/domain/agenda/agenda.ts'
import { getMyAgenda } from '#app/domain/agenda/my-agenda.server.ts'
import { getPublicAgenda } from '#app/domain/agenda/public-agenda.server.ts'
import { eventFeed } from '#app/domain/calendar/feeds.server.ts'
import { getEventMenu } from '#app/domain/events/event-menu.server.ts'
import { getMeetingEvent } from '#app/domain/meetings/views.server.ts'
import { getEventForRegistration } from '#app/domain/registration/registration.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'

describe.each(providers)('public event doors on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('open for a published or cancelled event and stay shut for a draft', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [attendee] = await createParticipants(db, event.id, 1)
    const doors = async () => ({
      registration: (await getEventForRegistration(db, event.slug)) !== null,
      agenda: (await getPublicAgenda(db, event.slug, unfilteredAgenda)) !== null,
      myAgenda: (await getMyAgenda(db, { eventSlug: event.slug, userId: attendee!.id })) !== null,
      feed: (await eventFeed(db, event.slug)) !== null,
      meetings: (await getMeetingEvent(db, event.slug)) !== null,
      menu: (await getEventMenu(db, { slug: event.slug, user: { id: attendee!.id, isPlatformAdmin: true } })) !== null,
    })
    const allOpen = { registration: true, agenda: true, myAgenda: true, feed: true, meetings: true, menu: true }
    expect(await doors()).toEqual(allOpen)
    await db.event.update({ where: { id: event.id }, data: { status: 'CANCELLED' } })
    expect(await doors()).toEqual(allOpen)
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    expect(await doors()).toEqual({ registration: false, agenda: false, myAgenda: false, feed: false, meetings: false, menu: false })
  })
})
