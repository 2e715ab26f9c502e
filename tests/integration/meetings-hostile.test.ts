// Hostile and mistaken input to meeting requests and meetings: each attempt is refused with a
// typed DomainError (which the routes turn into a 4xx or a message next to the field), and
// nothing is stored: no row, no counter moved, no email queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  acceptMeetingRequest,
  blockSlot,
  cancelMeeting,
  declineMeetingRequest,
  proposeOtherSlots,
  requestMeeting,
  withdrawMeetingRequest,
} from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants, type MeetingTestEvent } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'

describe.each(providers)('hostile meeting input on %s', (provider: Provider) => {
  let test: TestDatabase
  let event: MeetingTestEvent
  let otherEvent: MeetingTestEvent
  let people: Awaited<ReturnType<typeof createParticipants>>

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    event = await createMeetingEvent(test.db, { maxMeetingsPerPerson: 1, maxPendingRequestsPerPerson: 2 })
    otherEvent = await createMeetingEvent(test.db)
    people = await createParticipants(test.db, event.id, 6)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  /** Everything a refused attempt could have written. */
  async function snapshot() {
    const { db } = test
    const [requests, proposals, meetings, seats, blocks, outbox, profiles] = await Promise.all([
      db.meetingRequest.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, awaitingUserId: true, openPairKey: true } }),
      db.meetingRequestSlot.count(),
      db.meeting.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, activeSlotId: true } }),
      db.meetingParticipant.count({ where: { activeSlotId: { not: null } } }),
      db.blockedSlot.count(),
      db.outboxMessage.count(),
      db.matchmakingProfile.findMany({ orderBy: { id: 'asc' }, select: { id: true, meetingsBooked: true, pendingRequestsSent: true } }),
    ])
    return { requests, proposals, meetings, seats, blocks, outbox, profiles }
  }

  /** `busy` stands for a conflict with that code: someone is not free then. */
  async function expectRefused(attempt: () => Promise<unknown>, refusal: DomainError['reason'] | 'busy', message: RegExp) {
    const before = await snapshot()
    const error = await attempt().then(
      () => null,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject(refusal === 'busy' ? { reason: 'conflict', code: 'busy' } : { reason: refusal })
    expect((error as DomainError).message).toMatch(message)
    expect(await snapshot()).toEqual(before)
  }

  const ask = (requesterId: string, recipientId: string, slotIds: string[], options: { eventId?: string; message?: string } = {}) =>
    requestMeeting(test.db, { eventId: options.eventId ?? event.id, requesterId, recipientId, slotIds, message: options.message })

  it('refuses requests to oneself, to and from non-participants, and across events', async () => {
    const { db } = test
    const [ana, ben] = people
    const slot = event.slots[0]!.id
    await expectRefused(() => ask(ana!.id, ana!.id, [slot]), 'invalid', /with yourself/)

    const [pending, optedOut, noProfile] = await createParticipants(db, event.id, 3, { namePrefix: 'Not taking part' })
    await db.registration.updateMany({ where: { eventId: event.id, userId: pending!.id }, data: { status: 'PENDING' } })
    await db.matchmakingProfile.updateMany({ where: { eventId: event.id, userId: optedOut!.id }, data: { optedIn: false } })
    await db.matchmakingProfile.deleteMany({ where: { eventId: event.id, userId: noProfile!.id } })
    for (const outsider of [pending!, optedOut!, noProfile!]) {
      await expectRefused(() => ask(ana!.id, outsider.id, [slot]), 'not-found', /does not take part in B2B meetings/)
      await expectRefused(() => ask(outsider.id, ana!.id, [slot]), 'forbidden', /Only approved attendees with a matchmaking profile/)
    }
    const [elsewhere] = await createParticipants(db, otherEvent.id, 1)
    await expectRefused(() => ask(ana!.id, elsewhere!.id, [slot]), 'not-found', /does not take part/)
    await expectRefused(() => ask(ana!.id, 'no-such-user', [slot]), 'not-found', /does not take part/)
    await expectRefused(() => ask(ana!.id, ben!.id, [otherEvent.slots[0]!.id], { eventId: otherEvent.id }), 'forbidden', /Only approved attendees/)
    await expectRefused(() => ask(ana!.id, ben!.id, [slot], { eventId: 'no-such-event' }), 'not-found', /no B2B meetings/)
  })

  it('refuses slots outside the B2B windows, of another event, past, blocked, taken, repeated or too many', async () => {
    const { db } = test
    const [ana, ben, cleo] = people
    const breakout = await db.agendaSession.create({
      data: {
        eventId: event.id,
        slug: `breakout-${Date.now()}`,
        title: 'A breakout',
        kind: 'BREAKOUT',
        startsAt: event.slots[0]!.startsAt,
        endsAt: event.slots[5]!.endsAt,
        calendarUid: `breakout-${Date.now()}@muster.test`,
      },
      select: { id: true },
    })
    const outsideWindow = await db.meetingSlot.create({
      data: { eventId: event.id, windowId: breakout.id, startsAt: new Date(event.slots[5]!.endsAt.getTime() + 3_600_000), endsAt: new Date(event.slots[5]!.endsAt.getTime() + 4_800_000) },
      select: { id: true },
    })
    const past = await db.meetingSlot.create({
      data: { eventId: event.id, windowId: event.windowId, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() - 2_400_000) },
      select: { id: true },
    })
    const notBookable = /not a bookable B2B slot of this event/
    await expectRefused(() => ask(ana!.id, ben!.id, [outsideWindow.id]), 'invalid', notBookable)
    await expectRefused(() => ask(ana!.id, ben!.id, [otherEvent.slots[0]!.id]), 'invalid', notBookable)
    await expectRefused(() => ask(ana!.id, ben!.id, [past.id]), 'invalid', notBookable)
    await expectRefused(() => ask(ana!.id, ben!.id, ['forged-slot-id', event.slots[0]!.id]), 'invalid', notBookable)
    await expectRefused(() => ask(ana!.id, ben!.id, []), 'invalid', /at least one time/)
    await expectRefused(() => ask(ana!.id, ben!.id, event.slots.map((slot) => slot.id)), 'invalid', /at most 5 times/)
    await expectRefused(() => ask(ana!.id, ben!.id, [event.slots[0]!.id], { message: 'x'.repeat(1001) }), 'invalid', /under 1000 characters/)

    await blockSlot(db, { eventId: event.id, userId: cleo!.id, slotId: event.slots[4]!.id })
    await expectRefused(() => ask(ana!.id, cleo!.id, [event.slots[4]!.id]), 'busy', /is not free at/)
    await expectRefused(() => blockSlot(db, { eventId: event.id, userId: ana!.id, slotId: otherEvent.slots[0]!.id }), 'not-found', /no such bookable slot/)
  })

  it('refuses past the pending-request and meeting limits, at request and at accept', async () => {
    const { db } = test
    const [, , , dan, eve, finn] = people
    const [gus, hana, ivo] = await createParticipants(db, event.id, 3, { namePrefix: 'Limit' })
    await ask(dan!.id, gus!.id, [event.slots[0]!.id])
    const second = await ask(dan!.id, hana!.id, [event.slots[1]!.id])
    await expectRefused(() => ask(dan!.id, ivo!.id, [event.slots[2]!.id]), 'limit', /already have 2 requests waiting/)

    // Each may have one meeting here: Eve books hers, then requests to and from her are refused.
    const first = await ask(eve!.id, finn!.id, [event.slots[3]!.id])
    const toEveLater = await ask(ivo!.id, eve!.id, [event.slots[2]!.id])
    await acceptMeetingRequest(db, { eventId: event.id, requestId: first.requestId, userId: finn!.id, slotId: event.slots[3]!.id })
    await expectRefused(() => ask(eve!.id, hana!.id, [event.slots[2]!.id]), 'limit', /You already have 1 meeting, the most this event allows/)
    await expectRefused(() => ask(hana!.id, eve!.id, [event.slots[2]!.id]), 'limit', /already has 1 meeting, the most/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId: toEveLater.requestId, userId: eve!.id, slotId: event.slots[2]!.id }), 'limit', /You already have 1 meeting,/)
    expect(await db.meetingRequest.findUniqueOrThrow({ where: { id: second.requestId }, select: { status: true } })).toEqual({ status: 'PENDING' })
  })

  it('refuses answers from the wrong person, to closed requests, and with forged ids', async () => {
    const { db } = test
    const [outsider, requester, recipient] = await createParticipants(db, event.id, 3, { namePrefix: 'Answer' })
    const slotId = event.slots[5]!.id
    const { requestId } = await ask(requester!.id, recipient!.id, [slotId])

    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: outsider!.id, slotId }), 'not-found', /no such meeting request/)
    await expectRefused(() => declineMeetingRequest(db, { eventId: event.id, requestId, userId: outsider!.id }), 'not-found', /no such meeting request/)
    await expectRefused(() => withdrawMeetingRequest(db, { eventId: event.id, requestId, userId: outsider!.id }), 'not-found', /no such meeting request/)
    await expectRefused(() => proposeOtherSlots(db, { eventId: event.id, requestId, userId: outsider!.id, slotIds: [event.slots[0]!.id] }), 'not-found', /no such meeting request/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: requester!.id, slotId }), 'forbidden', /waiting for Answer 3's answer, not yours/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id, slotId: event.slots[0]!.id }), 'invalid', /one of the proposed times/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id, slotId: 'forged' }), 'invalid', /one of the proposed times/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId: 'forged', userId: recipient!.id, slotId }), 'not-found', /no such meeting request/)
    await expectRefused(() => declineMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id, reason: 'y'.repeat(1001) }), 'invalid', /under 1000 characters/)

    await declineMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id })
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id, slotId }), 'conflict', /already been declined/)
    await expectRefused(() => declineMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id }), 'conflict', /already been declined/)
    await expectRefused(() => withdrawMeetingRequest(db, { eventId: event.id, requestId, userId: requester!.id }), 'conflict', /already been declined/)
    await expectRefused(() => cancelMeeting(db, { eventId: event.id, meetingId: 'forged', userId: recipient!.id }), 'not-found', /no such meeting/)
  })

  it('refuses every answer and cancellation through another event’s pages: the ids belong to this event only', async () => {
    const { db } = test
    const [requester, recipient, other, third] = await createParticipants(db, event.id, 4, { namePrefix: 'Cross' })
    const { requestId } = await ask(requester!.id, recipient!.id, [event.slots[4]!.id])
    const booked = await ask(other!.id, third!.id, [event.slots[5]!.id])
    const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId: booked.requestId, userId: third!.id, slotId: event.slots[5]!.id })
    const through = { eventId: otherEvent.id }

    await expectRefused(() => acceptMeetingRequest(db, { ...through, requestId, userId: recipient!.id, slotId: event.slots[4]!.id }), 'not-found', /no such meeting request/)
    await expectRefused(() => proposeOtherSlots(db, { ...through, requestId, userId: recipient!.id, slotIds: [event.slots[3]!.id] }), 'not-found', /no such meeting request/)
    await expectRefused(() => declineMeetingRequest(db, { ...through, requestId, userId: recipient!.id }), 'not-found', /no such meeting request/)
    await expectRefused(() => withdrawMeetingRequest(db, { ...through, requestId, userId: requester!.id }), 'not-found', /no such meeting request/)
    await expectRefused(() => cancelMeeting(db, { ...through, meetingId, userId: other!.id }), 'not-found', /no such meeting/)

    // The same people through the right event: everything still works.
    await withdrawMeetingRequest(db, { eventId: event.id, requestId, userId: requester!.id })
    await cancelMeeting(db, { eventId: event.id, meetingId, userId: other!.id })
  })

  it('refuses to cancel someone else’s meeting, a slot already taken, and booking outside the booking window', async () => {
    const { db } = test
    const [outsider, requester, recipient, late, later] = await createParticipants(db, event.id, 5, { namePrefix: 'Window' })
    const slotId = event.slots[0]!.id
    const { requestId } = await ask(requester!.id, recipient!.id, [slotId])
    const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient!.id, slotId })
    await expectRefused(() => cancelMeeting(db, { eventId: event.id, meetingId, userId: outsider!.id }), 'not-found', /no such meeting/)
    await expectRefused(() => ask(outsider!.id, recipient!.id, [slotId]), 'busy', /^Window 3 is not free at /)

    const pendingRequest = await ask(late!.id, later!.id, [event.slots[1]!.id])
    await db.event.update({ where: { id: event.id }, data: { b2bBookingClosesAt: new Date(Date.now() - 60_000) } })
    await expectRefused(() => ask(outsider!.id, late!.id, [event.slots[2]!.id]), 'closed', /booking for this event is closed/)
    await expectRefused(() => acceptMeetingRequest(db, { eventId: event.id, requestId: pendingRequest.requestId, userId: later!.id, slotId: event.slots[1]!.id }), 'closed', /closed/)
    await db.event.update({ where: { id: event.id }, data: { b2bBookingOpensAt: new Date(Date.now() + 86_400_000), b2bBookingClosesAt: null } })
    await expectRefused(() => ask(outsider!.id, late!.id, [event.slots[2]!.id]), 'closed', /Meeting booking opens on/)
    await db.event.update({ where: { id: event.id }, data: { b2bEnabled: false } })
    await expectRefused(() => ask(outsider!.id, late!.id, [event.slots[2]!.id]), 'not-found', /no B2B meetings/)
    await db.event.update({ where: { id: event.id }, data: { b2bEnabled: true, b2bBookingOpensAt: new Date(Date.now() - 86_400_000) } })
  })
})
