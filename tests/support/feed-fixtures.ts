// A small agenda of the test's own for the personal calendar feed: one event, its sessions, one
// attendee's breakout and meeting, and a working feed link for them.
import type { Db } from '#app/lib/db-client.server.ts'
import type { SubscribeLinks } from '#app/lib/calendar-paths.ts'
import { createEvent, createUser, registrationData } from './fixtures.ts'

/** The token of a feed link: the last path segment of its address. */
export function feedToken(links: SubscribeLinks) {
  return links.https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
}

/**
 * An event with a plenary, two breakouts (one the person's) and a meeting between the person and
 * another attendee. `newFeedToken` makes the person's feed link: the caller's, since the feeds
 * module reads the app's env when first imported.
 */
export async function createAgenda(db: Db, newFeedToken: (userId: string) => Promise<string>) {
  const event = await createEvent(db)
  const person = await createUser(db, 'Feed Owner')
  const other = await createUser(db, 'Other Attendee')
  const registration = await db.registration.create({
    data: { ...registrationData(event.id, person.id), status: 'APPROVED' },
    select: { id: true, calendarUid: true },
  })
  const otherRegistration = await db.registration.create({
    data: { ...registrationData(event.id, other.id), status: 'APPROVED' },
    select: { id: true },
  })
  const session = (slug: string, kind: 'PLENARY' | 'BREAKOUT', startsAt: string, minutes: number) =>
    db.agendaSession.create({
      data: {
        eventId: event.id,
        slug,
        title: `Session ${slug}`,
        kind,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000),
        signUpRequired: kind === 'BREAKOUT',
        calendarUid: `session-${slug}-${event.slug}@muster.test`,
      },
      select: { id: true, calendarUid: true, calendarSequence: true },
    })
  const plenary = await session('plenary', 'PLENARY', '2027-03-24T08:00:00Z', 30)
  const breakout = await session('breakout', 'BREAKOUT', '2027-03-24T10:00:00Z', 60)
  const othersBreakout = await session('others-breakout', 'BREAKOUT', '2027-03-24T10:00:00Z', 60)
  const enrolment = await db.sessionEnrolment.create({
    data: { sessionId: breakout.id, registrationId: registration.id, status: 'ENROLLED' },
    select: { id: true },
  })
  await db.sessionEnrolment.create({ data: { sessionId: othersBreakout.id, registrationId: otherRegistration.id, status: 'ENROLLED' } })
  const slot = await db.meetingSlot.create({
    data: { eventId: event.id, startsAt: new Date('2027-03-24T13:00:00Z'), endsAt: new Date('2027-03-24T13:20:00Z') },
    select: { id: true },
  })
  const table = await db.meetingTable.create({ data: { eventId: event.id, number: 1 }, select: { id: true } })
  const meeting = await db.meeting.create({
    data: {
      eventId: event.id,
      slotId: slot.id,
      tableId: table.id,
      activeSlotId: slot.id,
      calendarUid: `meeting-${event.slug}@muster.test`,
      participants: { create: [person.id, other.id].map((id) => ({ userId: id, activeSlotId: slot.id })) },
    },
    select: { id: true, calendarUid: true },
  })
  const token = await newFeedToken(person.id)
  return { event, person, other, registration, plenary, breakout, othersBreakout, enrolment, meeting, token }
}
