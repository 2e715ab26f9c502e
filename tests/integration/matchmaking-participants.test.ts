// Who takes part in B2B meetings is one rule (app/domain/matchmaking/participants.ts): every
// place that counts, lists, finds or recommends participants leaves out an erased person and
// someone whose registration is no longer approved. The settings page's count forgot erased people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getMatchmakingNumbers } from '#app/domain/matchmaking/console.server.ts'
import { loadParticipants } from '#app/domain/matchmaking/recommendations.server.ts'
import { getMatchmakingSettings } from '#app/domain/matchmaking/settings.server.ts'
import { findParticipant } from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'

describe.each(providers)('B2B participants on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('leave out erased people and registrations no longer approved, wherever they are counted or found', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [kept, erased, cancelled, optedOut] = await createParticipants(db, event.id, 4)
    await db.user.update({ where: { id: erased!.id }, data: { erasedAt: new Date() } })
    await db.registration.updateMany({ where: { eventId: event.id, userId: cancelled!.id }, data: { status: 'CANCELLED' } })
    await db.matchmakingProfile.updateMany({ where: { eventId: event.id, userId: optedOut!.id }, data: { optedIn: false } })

    expect((await getMatchmakingSettings(db, event.id)).participants).toBe(1)
    expect((await getMatchmakingNumbers(db, { eventId: event.id })).participantCount).toBe(1)
    expect((await loadParticipants(db, event.id)).participants.map((person) => person.userId)).toEqual([kept!.id])
    expect(await findParticipant(db, event.id, kept!.id)).not.toBeNull()
    for (const outsider of [erased!, cancelled!, optedOut!]) expect(await findParticipant(db, event.id, outsider.id)).toBeNull()
  })
})
