// What matchmaking cards say about each person: the meeting already booked with them (when and
// where, in the event's zone), a request waiting for their answer or for the viewer's, or
// nothing; a cancelled meeting or another event's meeting is nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptMeetingRequest, cancelMeeting, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { meetingRelations } from '#app/domain/meetings/relations.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import { initialsOf } from '#app/components/matchmaking.tsx'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants, type MeetingTestEvent } from '#tests/support/meeting-fixtures.ts'

describe.each(providers)('meeting relations on %s', (provider: Provider) => {
  let test: TestDatabase
  let event: MeetingTestEvent

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    event = await createMeetingEvent(test.db)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('tells a booked meeting, a request either way and nothing apart, for every card at once', async () => {
    const { db } = test
    const [viewer, met, asked, askedBy, stranger, cancelled] = await createParticipants(db, event.id, 6)
    const slot = event.slots[2]!
    const booked = await requestMeeting(db, { eventId: event.id, requesterId: viewer!.id, recipientId: met!.id, slotIds: [slot.id] })
    const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId: booked.requestId, userId: met!.id, slotId: slot.id })
    const sent = await requestMeeting(db, { eventId: event.id, requesterId: viewer!.id, recipientId: asked!.id, slotIds: [event.slots[3]!.id] })
    const received = await requestMeeting(db, { eventId: event.id, requesterId: askedBy!.id, recipientId: viewer!.id, slotIds: [event.slots[4]!.id] })
    const gone = await requestMeeting(db, { eventId: event.id, requesterId: cancelled!.id, recipientId: viewer!.id, slotIds: [event.slots[5]!.id] })
    const goneMeeting = await acceptMeetingRequest(db, { eventId: event.id, requestId: gone.requestId, userId: viewer!.id, slotId: event.slots[5]!.id })
    await cancelMeeting(db, { eventId: event.id, meetingId: goneMeeting.meetingId, userId: viewer!.id })

    const relations = await meetingRelations(db, {
      eventId: event.id,
      timeZone: event.timeZone,
      viewerId: viewer!.id,
      otherIds: [met!.id, asked!.id, askedBy!.id, stranger!.id, cancelled!.id, viewer!.id],
    })
    const startsAt = (await db.meetingSlot.findUniqueOrThrow({ where: { id: slot.id }, select: { startsAt: true } })).startsAt
    expect(Object.fromEntries(relations)).toEqual({
      [met!.id]: { kind: 'meeting', meetingId, when: `${formatShortDate(startsAt, event.timeZone)} ${formatTime(startsAt, event.timeZone)}`, where: 'Table 1' },
      [asked!.id]: { kind: 'request-sent', requestId: sent.requestId },
      [askedBy!.id]: { kind: 'request-received', requestId: received.requestId },
    })

    // The other side sees the same facts from where they stand.
    const fromTheOtherSide = await meetingRelations(db, { eventId: event.id, timeZone: event.timeZone, viewerId: askedBy!.id, otherIds: [viewer!.id] })
    expect(fromTheOtherSide.get(viewer!.id)).toEqual({ kind: 'request-sent', requestId: received.requestId })

    // Another event's pages know nothing of these.
    const elsewhere = await createMeetingEvent(db)
    expect((await meetingRelations(db, { eventId: elsewhere.id, timeZone: elsewhere.timeZone, viewerId: viewer!.id, otherIds: [met!.id, asked!.id] })).size).toBe(0)
  })
})

describe('initialsOf', () => {
  it('takes the first letters of the first two words that count', () => {
    expect(initialsOf('NATO Support and Procurement Agency')).toBe('NS')
    expect(initialsOf('Polish Defence Acquisition Office')).toBe('PD')
    expect(initialsOf('Bundesamt für Ausrüstung')).toBe('BA')
    expect(initialsOf('hornet')).toBe('H')
    expect(initialsOf('Société de Détection')).toBe('SD')
  })
})
