// A published event with everything an event-wide change (new venue, dates or zone) reaches:
// two B2B participants with a confirmed meeting, a pending, a waitlisted, a rejected and an
// erased registrant, a plenary everyone holds and a B2B window with its slots.
import { acceptMeetingRequest, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { createSession } from './agenda-fixtures.ts'
import { createUser, registrationData } from './fixtures.ts'
import { createMeetingEvent, createParticipants } from './meeting-fixtures.ts'

export async function createEventToChange(db: Db) {
  const event = await createMeetingEvent(db, { slots: 6, tables: 2 })
  const owner = await createUser(db, 'Owner')
  await db.eventRole.create({ data: { eventId: event.id, userId: owner.id, role: 'OWNER' } })
  const [buyer, supplier] = await createParticipants(db, event.id, 2)
  const others = []
  for (const [index, status] of (['PENDING', 'WAITLISTED', 'REJECTED', 'APPROVED'] as const).entries()) {
    const person = await createUser(db, `Registrant ${index}`)
    await db.registration.create({ data: { ...registrationData(event.id, person.id), status }, select: { id: true } })
    others.push({ ...person, status })
  }
  // The last one erased their account: nobody writes to them.
  await db.user.update({ where: { id: others[3]!.id }, data: { erasedAt: new Date() } })
  const slot = event.slots[0]!
  const plenary = await createSession(db, {
    eventId: event.id,
    roomId: null,
    title: 'Opening plenary',
    kind: 'PLENARY',
    startsAt: new Date(slot.startsAt.getTime() - 2 * 3_600_000),
    endsAt: new Date(slot.startsAt.getTime() - 3_600_000),
    signUpRequired: false,
  })
  const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: buyer!.id, recipientId: supplier!.id, slotIds: [slot.id] })
  const { meetingId } = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: supplier!.id, slotId: slot.id })
  // Only the change's own messages are looked at.
  await db.outboxMessage.deleteMany({ where: { eventId: event.id } })
  const { updatedAt } = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { updatedAt: true } })
  return { event, owner, buyer: buyer!, supplier: supplier!, pending: others[0]!, waitlisted: others[1]!, rejected: others[2]!, plenary, meetingId, updatedAt }
}
