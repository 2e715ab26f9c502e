// Asking someone to meet knows what already happened: two people who already have a meeting are
// told so instead of being offered a second one, and the times offered leave out those either of
// them spends in a breakout they hold a seat in (a waiting place is not a seat).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRequestForm } from '#app/domain/meetings/views.server.ts'
import { acceptMeetingRequest, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'

describe.each(providers)('meeting requests that know what happened on %s', (provider: Provider) => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('refuses a second meeting between two people who already meet, and the form says when and where', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 3, tables: 2 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[0]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[0]!.id })

    const pairs: [{ id: string }, { id: string }][] = [
      [ana!, ben!],
      [ben!, ana!],
    ]
    for (const [from, to] of pairs) {
      const refused = await requestMeeting(db, { eventId: event.id, requesterId: from.id, recipientId: to.id, slotIds: [event.slots[1]!.id] }).then(
        () => null,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(DomainError)
      expect((refused as DomainError).message).toMatch(/^You already meet .* at \d{2}:\d{2} on .*, Table \d/)
      const form = await getRequestForm(db, { eventId: event.id, requesterId: from.id, recipientId: to.id })
      expect(form?.existingMeeting).toMatchObject({ startsAt: event.slots[0]!.startsAt, table: expect.stringMatching(/^Table \d/) })
    }
    expect(await db.meetingRequest.count({ where: { eventId: event.id } })).toBe(1)
  })

  it('offers only times neither person spends in a breakout they hold a seat in', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 4, tables: 2 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const breakoutOver = async (slotIndex: number, userId: string, status: 'ENROLLED' | 'WAITLISTED') => {
      const slot = event.slots[slotIndex]!
      const session = await db.agendaSession.create({
        data: { eventId: event.id, slug: `breakout-${slotIndex}-${userId}`, title: 'Breakout', kind: 'BREAKOUT', startsAt: slot.startsAt, endsAt: slot.endsAt, calendarUid: `breakout-${slotIndex}-${userId}@muster.test`, signUpRequired: true },
        select: { id: true },
      })
      const registration = await db.registration.findFirstOrThrow({ where: { eventId: event.id, userId }, select: { id: true } })
      await db.sessionEnrolment.create({ data: { sessionId: session.id, registrationId: registration.id, status, waitlistNumber: status === 'WAITLISTED' ? 1 : null } })
    }
    await breakoutOver(0, ana!.id, 'ENROLLED')
    await breakoutOver(1, ben!.id, 'ENROLLED')
    await breakoutOver(2, ana!.id, 'WAITLISTED')

    const form = await getRequestForm(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id })
    expect(form?.freeSlots.map((slot) => slot.id)).toEqual([event.slots[2]!.id, event.slots[3]!.id])
  })
})
