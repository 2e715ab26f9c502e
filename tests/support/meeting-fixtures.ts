// An event with B2B meetings open for booking: one B2B window of 20-minute slots, numbered
// tables, and participants (approved registration plus an opted-in matchmaking profile).
import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { meetingPairKey } from '#app/domain/meetings/meetings.ts'
import { calendarDayParts, instantFromWallClock } from '#app/lib/time.ts'
import { registrationData } from './fixtures.ts'

const token = () => randomBytes(5).toString('hex')
const DAY_MS = 86_400_000
const SLOT_MS = 20 * 60_000

export type MeetingTestEvent = Awaited<ReturnType<typeof createMeetingEvent>>

export async function createMeetingEvent(
  db: Db,
  options: { slots?: number; tables?: number; maxMeetingsPerPerson?: number | null; maxPendingRequestsPerPerson?: number | null } = {},
) {
  const slug = `b2b-event-${token()}`
  // 09:00 in Brussels, 30 days ahead: the window and its slots stay on one day whatever the hour
  // the suite runs, so a form that edits the window (a date, a start and an end time) can say it.
  const windowStart = instantFromWallClock(calendarDayParts(new Date(Date.now() + 30 * DAY_MS), 'Europe/Brussels').key, '09:00', 'Europe/Brussels')!
  const slotCount = options.slots ?? 6
  const event = await db.event.create({
    data: {
      slug,
      title: 'B2B Test Day',
      summary: 'A test event',
      description: 'A test event.',
      hostName: 'Test host',
      contactEmail: 'contact@example.org',
      venueName: 'Test venue',
      venueAddress: 'Test street 1, Brussels',
      timeZone: 'Europe/Brussels',
      startsAt: new Date(windowStart.getTime() - 2 * 3_600_000),
      endsAt: new Date(windowStart.getTime() + 8 * 3_600_000),
      registrationOpensAt: new Date(Date.now() - 10 * DAY_MS),
      registrationClosesAt: new Date(Date.now() + 20 * DAY_MS),
      capacity: null,
      status: 'PUBLISHED',
      calendarUid: `event-${slug}@muster.test`,
      b2bEnabled: true,
      b2bBookingOpensAt: new Date(Date.now() - DAY_MS),
      b2bBookingClosesAt: new Date(windowStart.getTime() - DAY_MS),
      maxMeetingsPerPerson: options.maxMeetingsPerPerson === undefined ? 8 : options.maxMeetingsPerPerson,
      maxPendingRequestsPerPerson: options.maxPendingRequestsPerPerson === undefined ? 12 : options.maxPendingRequestsPerPerson,
    },
    select: { id: true, slug: true, timeZone: true },
  })
  const window = await db.agendaSession.create({
    data: {
      eventId: event.id,
      slug: 'b2b-window',
      title: 'B2B meetings',
      kind: 'B2B_WINDOW',
      startsAt: windowStart,
      endsAt: new Date(windowStart.getTime() + slotCount * SLOT_MS),
      calendarUid: `session-${slug}-b2b@muster.test`,
    },
    select: { id: true },
  })
  const slots = []
  for (let index = 0; index < slotCount; index++) {
    const startsAt = new Date(windowStart.getTime() + index * SLOT_MS)
    slots.push(
      await db.meetingSlot.create({
        data: { eventId: event.id, windowId: window.id, startsAt, endsAt: new Date(startsAt.getTime() + SLOT_MS) },
        select: { id: true, startsAt: true, endsAt: true },
      }),
    )
  }
  await db.meetingTable.createMany({
    data: Array.from({ length: options.tables ?? 4 }, (_, index) => ({ eventId: event.id, number: index + 1, name: `Table ${index + 1}` })),
  })
  return { ...event, windowId: window.id, slots }
}

export async function createOrganisation(db: Db, name = 'Test Org') {
  return db.organisation.create({ data: { slug: `org-${token()}`, name, kind: 'SME', country: 'BE' }, select: { id: true } })
}

/** People taking part in the event's B2B meetings; each in their own organisation (account and registration) unless one is given. */
export async function createParticipants(db: Db, eventId: string, count: number, options: { organisationId?: string; namePrefix?: string } = {}) {
  const tag = token()
  const organisationIds = Array.from({ length: count }, (_, index) => options.organisationId ?? `org-${tag}-${index}`)
  if (!options.organisationId) {
    await db.organisation.createMany({
      data: organisationIds.map((id, index) => ({ id, slug: id, name: `Org ${index + 1}`, kind: 'SME' as const, country: 'BE' })),
    })
  }
  const people = organisationIds.map((organisationId, index) => ({
    id: `participant-${tag}-${index}`,
    email: `participant-${tag}-${index}@example.org`,
    name: `${options.namePrefix ?? 'Participant'} ${index + 1}`,
    organisationId,
  }))
  await db.user.createMany({ data: people })
  // The organisation on the registration is the one the event knows them by, as registering leaves it.
  await db.registration.createMany({
    data: people.map((person) => ({ ...registrationData(eventId, person.id), organisationId: person.organisationId, status: 'APPROVED' as const, holdsSeat: true })),
  })
  await db.matchmakingProfile.createMany({
    data: people.map((person) => ({ eventId, userId: person.id, headline: `${person.name}'s offer`, freeTags: [] })),
  })
  return people
}

/**
 * Pending requests written directly, as requestMeeting leaves them (open pair key, awaiting
 * the recipient, the requester's counter raised), for tests about answering many at once.
 */
export async function createPendingRequests(db: Db, eventId: string, requests: readonly { requesterId: string; recipientId: string; slotId: string }[]) {
  const rows = requests.map((request, index) => ({
    id: `request-${token()}-${index}`,
    eventId,
    requesterId: request.requesterId,
    recipientId: request.recipientId,
    status: 'PENDING' as const,
    openPairKey: meetingPairKey(request.requesterId, request.recipientId),
    awaitingUserId: request.recipientId,
  }))
  await db.meetingRequest.createMany({ data: rows })
  await db.meetingRequestSlot.createMany({ data: rows.map((row, index) => ({ requestId: row.id, slotId: requests[index]!.slotId })) })
  for (const request of requests) {
    await db.matchmakingProfile.update({
      where: { eventId_userId: { eventId, userId: request.requesterId } },
      data: { pendingRequestsSent: { increment: 1 } },
      select: { id: true },
    })
  }
  return rows.map((row) => ({ requestId: row.id, recipientId: row.recipientId }))
}

/** Nobody and no table twice among the confirmed meetings of a slot; each counter equals its rows. */
export async function expectConsistentBookings(db: Db, eventId: string) {
  const peopleTwice = await db.$queryRaw<{ userId: string }[]>`
    SELECT p."userId" FROM "MeetingParticipant" p JOIN "Meeting" m ON m."id" = p."meetingId"
    WHERE m."eventId" = ${eventId} AND m."status" = 'CONFIRMED'
    GROUP BY p."userId", m."slotId" HAVING COUNT(*) > 1`
  expect(peopleTwice).toEqual([])
  const tablesTwice = await db.$queryRaw<{ tableId: string }[]>`
    SELECT "tableId" FROM "Meeting" WHERE "eventId" = ${eventId} AND "status" = 'CONFIRMED'
    GROUP BY "tableId", "slotId" HAVING COUNT(*) > 1`
  expect(tablesTwice).toEqual([])
  const profiles = await db.matchmakingProfile.findMany({ where: { eventId }, select: { userId: true, meetingsBooked: true, pendingRequestsSent: true } })
  const seats = await db.meetingParticipant.groupBy({
    by: ['userId'],
    where: { meeting: { eventId, status: 'CONFIRMED' } },
    _count: { _all: true },
  })
  const pending = await db.meetingRequest.groupBy({ by: ['requesterId'], where: { eventId, status: 'PENDING' }, _count: { _all: true } })
  for (const profile of profiles) {
    expect(profile.meetingsBooked, `meetings of ${profile.userId}`).toBe(seats.find((seat) => seat.userId === profile.userId)?._count._all ?? 0)
    expect(profile.pendingRequestsSent, `pending requests of ${profile.userId}`).toBe(
      pending.find((row) => row.requesterId === profile.userId)?._count._all ?? 0,
    )
  }
}

/** Moves requests back in time, as if they had been sent (and last handed over) `daysAgo` days ago. */
export async function backdateRequests(db: Db, requestIds: readonly string[], daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * DAY_MS)
  await db.meetingRequest.updateMany({ where: { id: { in: [...requestIds] } }, data: { createdAt: at, updatedAt: at } })
}

/**
 * Runs `book` while a change holds its locks and writes in an open transaction (`hold`), and
 * commits the change 400 ms later; says whether the booking finished before that. A booking must
 * wait for a change to the place it names, then build its invite from the new place.
 */
export async function bookWhileAChangeIsHeld(db: Db, hold: (tx: DbTransaction) => Promise<void>, book: () => Promise<unknown>) {
  let booking!: Promise<unknown>
  let bookedWhileHeld = false
  await db.$transaction(
    async (tx) => {
      await hold(tx)
      let settled = false
      booking = book().finally(() => {
        settled = true
      })
      await new Promise((resolve) => setTimeout(resolve, 400))
      bookedWhileHeld = settled
    },
    { timeout: 20_000 },
  )
  await booking
  return { bookedWhileHeld }
}
