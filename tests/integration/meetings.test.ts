// Meeting requests and meetings on a real database, on SQLite and PostgreSQL: request, propose
// other times, accept (meeting, table, counters, invite, reminder), decline, withdraw, cancel
// (CANCEL with the same UID and a higher SEQUENCE, reminder withdrawn), availability, and the
// meeting in both personal calendar feeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedLink, personalFeed } from '#app/domain/calendar/feeds.server.ts'
import {
  acceptMeetingRequest,
  blockSlot,
  cancelMeeting,
  declineMeetingRequest,
  proposeOtherSlots,
  requestMeeting,
  unblockSlot,
  withdrawMeetingRequest,
} from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { createMeetingEvent, createOrganisation, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

describe.each(providers)('meeting requests and meetings on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  const messagesTo = (userId: string) =>
    findQueuedEmails(test.db, { where: { userId }, orderBy: { createdAt: 'asc' } })

  const profileOf = (eventId: string, userId: string) =>
    test.db.matchmakingProfile.findUniqueOrThrow({
      where: { eventId_userId: { eventId, userId } },
      select: { meetingsBooked: true, pendingRequestsSent: true },
    })

  async function feedFor(userId: string) {
    const links = await createFeedLink(test.db, userId)
    const token = links.https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
    const feed = await personalFeed(test.db, token)
    return readWithIcalJs((await feed!.render()).ics)
  }

  it('books an accepted request at the lowest free table, invites both, reminds them, and cancels with a CANCEL', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const slot = event.slots[1]!

    const { requestId } = await requestMeeting(db, {
      eventId: event.id,
      requesterId: ana!.id,
      recipientId: ben!.id,
      slotIds: [event.slots[3]!.id, slot.id],
      message: '  We make RF detectors.  ',
    })
    const request = await db.meetingRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { status: true, openPairKey: true, awaitingUserId: true, message: true, proposedSlots: { select: { slotId: true } } },
    })
    expect(request).toMatchObject({ status: 'PENDING', awaitingUserId: ben!.id, message: 'We make RF detectors.' })
    expect(request.openPairKey).toBe([ana!.id, ben!.id].sort().join(':'))
    expect(request.proposedSlots.map((p) => p.slotId).sort()).toEqual([event.slots[3]!.id, slot.id].sort())
    expect(await profileOf(event.id, ana!.id)).toEqual({ meetingsBooked: 0, pendingRequestsSent: 1 })
    const received = await messagesTo(ben!.id)
    expect(received.map((m) => m.idempotencyKey)).toEqual([`meeting:request-received:${requestId}`])
    expect(received[0]!.subject).toBe('Participant 1 (Org 1) asks to meet you at B2B Test Day')
    expect(received[0]!.text).toContain('We make RF detectors.')
    expect(await messagesTo(ana!.id)).toEqual([])

    const booked = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: slot.id })
    expect(booked.tableNumber).toBe(1)
    const meeting = await db.meeting.findUniqueOrThrow({
      where: { id: booked.meetingId },
      select: { status: true, slotId: true, activeSlotId: true, requestId: true, source: true, calendarUid: true, calendarSequence: true, participants: { select: { userId: true, activeSlotId: true } } },
    })
    expect(meeting).toMatchObject({ status: 'CONFIRMED', slotId: slot.id, activeSlotId: slot.id, requestId, source: 'REQUEST', calendarSequence: 0 })
    expect(meeting.participants.map((p) => p.userId).sort()).toEqual([ana!.id, ben!.id].sort())
    expect(meeting.participants.every((p) => p.activeSlotId === slot.id)).toBe(true)
    expect(await db.meetingRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, openPairKey: true, awaitingUserId: true } })).toEqual({
      status: 'ACCEPTED',
      openPairKey: null,
      awaitingUserId: null,
    })
    expect(await profileOf(event.id, ana!.id)).toEqual({ meetingsBooked: 1, pendingRequestsSent: 0 })
    expect(await profileOf(event.id, ben!.id)).toEqual({ meetingsBooked: 1, pendingRequestsSent: 0 })

    for (const person of [ana!, ben!]) {
      const messages = await messagesTo(person.id)
      const accepted = messages.filter((m) => m.kind === 'meeting-accepted')
      expect(accepted.map((m) => m.idempotencyKey)).toEqual([`meeting:accepted:${booked.meetingId}:${person.id}`])
      expect(accepted[0]!.icsMethod).toBe('REQUEST')
      const invite = readWithIcalJs(accepted[0]!.icsContent!)
      expect(invite.method).toBe('REQUEST')
      expect(invite.events).toHaveLength(1)
      expect(invite.events[0]).toMatchObject({ uid: meeting.calendarUid, sequence: 0, status: 'CONFIRMED', start: slot.startsAt, end: slot.endsAt })
      expect(invite.events[0]!.location).toMatch(/^Table 1, /)
      const reminders = messages.filter((m) => m.kind === 'meeting-reminder')
      expect(reminders).toHaveLength(1)
      expect(reminders[0]!.nextAttemptAt).toEqual(new Date(slot.startsAt.getTime() - 60 * 60_000))
      expect(reminders[0]!.icsMethod).toBeNull()
      const feed = await feedFor(person.id)
      expect(feed.events.find((entry) => entry.uid === meeting.calendarUid)).toMatchObject({ status: 'CONFIRMED', start: slot.startsAt })
    }

    await cancelMeeting(db, { eventId: event.id, meetingId: booked.meetingId, userId: ana!.id })
    expect(
      await db.meeting.findUniqueOrThrow({ where: { id: booked.meetingId }, select: { status: true, activeSlotId: true, calendarSequence: true, cancelledById: true } }),
    ).toEqual({ status: 'CANCELLED', activeSlotId: null, calendarSequence: 1, cancelledById: ana!.id })
    expect(await db.meetingParticipant.count({ where: { meetingId: booked.meetingId, activeSlotId: { not: null } } })).toBe(0)
    for (const person of [ana!, ben!]) {
      expect(await profileOf(event.id, person.id)).toEqual({ meetingsBooked: 0, pendingRequestsSent: 0 })
      const messages = await messagesTo(person.id)
      expect(messages.filter((m) => m.kind === 'meeting-reminder')).toEqual([])
      const cancelled = messages.filter((m) => m.kind === 'meeting-cancelled')
      expect(cancelled).toHaveLength(1)
      const cancel = readWithIcalJs(cancelled[0]!.icsContent!)
      expect(cancel.method).toBe('CANCEL')
      expect(cancel.events[0]).toMatchObject({ uid: meeting.calendarUid, sequence: 1, status: 'CANCELLED', start: slot.startsAt })
      const feed = await feedFor(person.id)
      expect(feed.events.find((entry) => entry.uid === meeting.calendarUid)).toMatchObject({ status: 'CANCELLED', sequence: 1 })
    }
    await expect(cancelMeeting(db, { eventId: event.id, meetingId: booked.meetingId, userId: ben!.id })).rejects.toThrow('This meeting is already cancelled.')

    // The slot and table are free again: the same pair can meet there after a new request.
    const again = await requestMeeting(db, { eventId: event.id, requesterId: ben!.id, recipientId: ana!.id, slotIds: [slot.id] })
    expect((await acceptMeetingRequest(db, { eventId: event.id, requestId: again.requestId, userId: ana!.id, slotId: slot.id })).tableNumber).toBe(1)
  })

  it('hands the request back and forth with other times until one is accepted', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [cleo, dan] = await createParticipants(db, event.id, 2)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: cleo!.id, recipientId: dan!.id, slotIds: [event.slots[0]!.id] })

    await expect(proposeOtherSlots(db, { eventId: event.id, requestId, userId: cleo!.id, slotIds: [event.slots[2]!.id] })).rejects.toThrow(/waiting for Participant 2's answer/)
    await proposeOtherSlots(db, { eventId: event.id, requestId, userId: dan!.id, slotIds: [event.slots[4]!.id, event.slots[5]!.id] })
    const handedOver = await db.meetingRequest.findUniqueOrThrow({ where: { id: requestId }, select: { awaitingUserId: true, proposedSlots: { select: { slotId: true } } } })
    expect(handedOver.awaitingUserId).toBe(cleo!.id)
    expect(handedOver.proposedSlots.map((p) => p.slotId).sort()).toEqual([event.slots[4]!.id, event.slots[5]!.id].sort())
    const proposal = (await messagesTo(cleo!.id)).filter((m) => m.kind === 'meeting-slots-proposed')
    expect(proposal).toHaveLength(1)
    expect(proposal[0]!.subject).toBe('Participant 2 (Org 2) proposed other times to meet')

    // The old proposal is gone, and Dan no longer holds the answer.
    await expect(acceptMeetingRequest(db, { eventId: event.id, requestId, userId: cleo!.id, slotId: event.slots[0]!.id })).rejects.toThrow('Choose one of the proposed times.')
    await expect(acceptMeetingRequest(db, { eventId: event.id, requestId, userId: dan!.id, slotId: event.slots[4]!.id })).rejects.toThrow(/waiting for Participant 1's answer/)
    const booked = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: cleo!.id, slotId: event.slots[5]!.id })
    expect(await db.meeting.findUniqueOrThrow({ where: { id: booked.meetingId }, select: { slotId: true } })).toEqual({ slotId: event.slots[5]!.id })
    expect(await profileOf(event.id, cleo!.id)).toEqual({ meetingsBooked: 1, pendingRequestsSent: 0 })
  })

  it('declines with a reason and lets the requester withdraw, freeing the pending request each time', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [eve, finn, gus] = await createParticipants(db, event.id, 3)
    const first = await requestMeeting(db, { eventId: event.id, requesterId: eve!.id, recipientId: finn!.id, slotIds: [event.slots[0]!.id] })
    const second = await requestMeeting(db, { eventId: event.id, requesterId: eve!.id, recipientId: gus!.id, slotIds: [event.slots[0]!.id] })
    expect(await profileOf(event.id, eve!.id)).toEqual({ meetingsBooked: 0, pendingRequestsSent: 2 })

    await expect(declineMeetingRequest(db, { eventId: event.id, requestId: first.requestId, userId: eve!.id })).rejects.toThrow(/Only the person asked can decline/)
    await declineMeetingRequest(db, { eventId: event.id, requestId: first.requestId, userId: finn!.id, reason: 'We do not buy airframes.' })
    expect(await db.meetingRequest.findUniqueOrThrow({ where: { id: first.requestId }, select: { status: true, declineReason: true, openPairKey: true } })).toEqual({
      status: 'DECLINED',
      declineReason: 'We do not buy airframes.',
      openPairKey: null,
    })
    const declined = (await messagesTo(eve!.id)).filter((m) => m.kind === 'meeting-declined')
    expect(declined.map((m) => m.idempotencyKey)).toEqual([`meeting:declined:${first.requestId}`])
    expect(declined[0]!.text).toContain('We do not buy airframes.')

    await expect(withdrawMeetingRequest(db, { eventId: event.id, requestId: second.requestId, userId: gus!.id })).rejects.toThrow(/Only the person who sent a request can withdraw/)
    await withdrawMeetingRequest(db, { eventId: event.id, requestId: second.requestId, userId: eve!.id })
    expect((await messagesTo(gus!.id)).map((m) => m.kind)).toEqual(['meeting-request-received', 'meeting-withdrawn'])
    expect(await profileOf(event.id, eve!.id)).toEqual({ meetingsBooked: 0, pendingRequestsSent: 0 })
    await expect(acceptMeetingRequest(db, { eventId: event.id, requestId: second.requestId, userId: gus!.id, slotId: event.slots[0]!.id })).rejects.toThrow(
      'This request has already been withdrawn.',
    )
    // Closed requests leave the pair free to ask again, either way round.
    await requestMeeting(db, { eventId: event.id, requesterId: finn!.id, recipientId: eve!.id, slotIds: [event.slots[1]!.id] })
  })

  it('keeps blocked slots out of requests and bookings, and refuses to block a slot with a meeting', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [hana, ivo] = await createParticipants(db, event.id, 2)
    await blockSlot(db, { eventId: event.id, userId: hana!.id, slotId: event.slots[0]!.id })
    await blockSlot(db, { eventId: event.id, userId: hana!.id, slotId: event.slots[0]!.id })
    expect(await db.blockedSlot.count({ where: { userId: hana!.id } })).toBe(1)
    await expect(requestMeeting(db, { eventId: event.id, requesterId: ivo!.id, recipientId: hana!.id, slotIds: [event.slots[0]!.id] })).rejects.toThrow(
      /Participant 1 is not free at/,
    )
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ivo!.id, recipientId: hana!.id, slotIds: [event.slots[1]!.id, event.slots[2]!.id] })
    // Hana blocks a proposed slot after the request came in: accepting it is refused, the other works.
    await blockSlot(db, { eventId: event.id, userId: hana!.id, slotId: event.slots[1]!.id })
    await expect(acceptMeetingRequest(db, { eventId: event.id, requestId, userId: hana!.id, slotId: event.slots[1]!.id })).rejects.toThrow(/You are no longer free at/)
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: hana!.id, slotId: event.slots[2]!.id })
    await expect(blockSlot(db, { eventId: event.id, userId: ivo!.id, slotId: event.slots[2]!.id })).rejects.toThrow(/You have a meeting at/)
    await unblockSlot(db, { eventId: event.id, userId: hana!.id, slotId: event.slots[0]!.id })
    expect(await db.blockedSlot.count({ where: { userId: hana!.id } })).toBe(1)
  })

  it('uses a reserved table only for its organisation, and says so when every table is taken', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { tables: 2 })
    const agency = await createOrganisation(db, 'Agency')
    await db.meetingTable.updateMany({ where: { eventId: event.id, number: 1 }, data: { reservedForOrganisationId: agency.id } })
    const [buyer] = await createParticipants(db, event.id, 1, { organisationId: agency.id, namePrefix: 'Buyer' })
    const [s1, s2, s3, s4] = await createParticipants(db, event.id, 4)
    const slotId = event.slots[0]!.id
    const accept = async (requester: { id: string }, recipient: { id: string }) => {
      const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: requester.id, recipientId: recipient.id, slotIds: [slotId] })
      return acceptMeetingRequest(db, { eventId: event.id, requestId, userId: recipient.id, slotId })
    }
    expect((await accept(s1!, s2!)).tableNumber).toBe(2)
    await expect(accept(s3!, s4!)).rejects.toThrow(/^All tables are taken at \d\d:\d\d on .+; pick another slot\.$/)
    expect(await db.meeting.count({ where: { eventId: event.id } })).toBe(1)
    // The refused accept rolled back: the request is still pending and counted.
    expect(await profileOf(event.id, s3!.id)).toEqual({ meetingsBooked: 0, pendingRequestsSent: 1 })
    expect((await accept(s3!, buyer!)).tableNumber).toBe(1)
  })

  it('words a lost slot with the other person’s name', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [kadri, piotr, laura] = await createParticipants(db, event.id, 3)
    const slotId = event.slots[0]!.id
    const toPiotr = await requestMeeting(db, { eventId: event.id, requesterId: kadri!.id, recipientId: piotr!.id, slotIds: [slotId] })
    const toLaura = await requestMeeting(db, { eventId: event.id, requesterId: kadri!.id, recipientId: laura!.id, slotIds: [slotId] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId: toPiotr.requestId, userId: piotr!.id, slotId })
    const refusal = await acceptMeetingRequest(db, { eventId: event.id, requestId: toLaura.requestId, userId: laura!.id, slotId }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(DomainError)
    expect(refusal).toMatchObject({ reason: 'conflict', code: 'busy', field: 'slotId' })
    expect((refusal as DomainError).message).toMatch(/^Participant 1 is no longer free at \d\d:\d\d on .+; pick another slot\.$/)
  })
})
