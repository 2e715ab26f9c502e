// Breakout sign-up rules beyond the rush: who may sign up, double submits, clashes, leaving,
// the panel a session page shows, and a cancelled registration giving its seats back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSignUpPanel, leaveSession, signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { cancelOwnRegistration } from '#app/domain/registration/registration.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createAgendaEvent, createApprovedAttendees, createSession } from '#tests/support/agenda-fixtures.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const DAY = 86_400_000
const inDays = (days: number, hour = 10) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hour * 3_600_000)

describe.each(providers)('breakout sign-up on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function setUp(capacity: number | null = 2) {
    const fixture = await createAgendaEvent(test.db)
    const session = await createSession(test.db, { eventId: fixture.event.id, roomId: fixture.otherRoom.id, startsAt: inDays(30), endsAt: inDays(30, 11), capacity })
    return { ...fixture, session }
  }

  it('refuses people without an approved registration, and sessions that take no sign-up, started or were cancelled; nothing is written', async () => {
    const { db } = test
    const { event, room, session } = await setUp()
    const stranger = await createUser(db)
    const pending = await createUser(db)
    await db.registration.create({ data: { ...registrationData(event.id, pending.id), status: 'PENDING' } })
    for (const userId of [stranger.id, pending.id]) {
      await expect(signUpForSession(db, { sessionId: session.id, userId })).rejects.toMatchObject({ reason: 'forbidden', code: 'not-registered' })
    }
    const [attendee] = await createApprovedAttendees(db, event.id, 1)
    const plenary = await createSession(db, { eventId: event.id, roomId: room.id, kind: 'PLENARY', signUpRequired: false, startsAt: inDays(30), endsAt: inDays(30, 11) })
    await expect(signUpForSession(db, { sessionId: plenary.id, userId: attendee!.id })).rejects.toMatchObject({ reason: 'conflict', code: 'no-sign-up' })
    const past = await createSession(db, { eventId: event.id, roomId: room.id, startsAt: inDays(-1), endsAt: inDays(-1, 11) })
    await expect(signUpForSession(db, { sessionId: past.id, userId: attendee!.id })).rejects.toMatchObject({ reason: 'conflict', code: 'started' })
    await db.agendaSession.update({ where: { id: session.id }, data: { status: 'CANCELLED' } })
    await expect(signUpForSession(db, { sessionId: session.id, userId: attendee!.id })).rejects.toMatchObject({ reason: 'conflict', code: 'cancelled' })
    await expect(signUpForSession(db, { sessionId: 'no-such-session', userId: attendee!.id })).rejects.toThrow(DomainError)
    await expect(leaveSession(db, { sessionId: plenary.id, userId: attendee!.id })).rejects.toMatchObject({ reason: 'conflict', code: 'not-signed-up' })
    expect(await db.sessionEnrolment.count({ where: { session: { eventId: event.id } } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)
  })

  it('answers a double submit with the same seat, warns about clashes, and shows the right panel', async () => {
    const { db } = test
    const { event, room, session } = await setUp(1)
    const [first, second] = await createApprovedAttendees(db, event.id, 2)
    const seat = await signUpForSession(db, { sessionId: session.id, userId: first!.id })
    expect(seat).toMatchObject({ status: 'ENROLLED', created: true, clashes: [] })
    expect(await signUpForSession(db, { sessionId: session.id, userId: first!.id })).toMatchObject({ status: 'ENROLLED', created: false })
    expect(await db.outboxMessage.count({ where: { userId: first!.id } })).toBe(1)

    const overlapping = await createSession(db, { eventId: event.id, roomId: room.id, title: 'Jamming in practice', startsAt: inDays(30, 10.5), endsAt: inDays(30, 12), capacity: 10 })
    const clash = await signUpForSession(db, { sessionId: overlapping.id, userId: first!.id })
    expect(clash.clashes.map((item) => item.title)).toEqual(['Detecting small drones'])

    expect(await signUpForSession(db, { sessionId: session.id, userId: second!.id })).toMatchObject({ status: 'WAITLISTED', position: 1 })
    expect(await getSignUpPanel(db, { sessionId: session.id, userId: second!.id })).toMatchObject({
      capacity: 1,
      seatsLeft: 0,
      waiting: 1,
      closedReason: null,
      viewer: { eligible: true, enrolment: { status: 'WAITLISTED', position: 1 }, clashes: [] },
    })
    expect(await getSignUpPanel(db, { sessionId: session.id, userId: null })).toMatchObject({ viewer: null, seatsLeft: 0 })
    expect(await getSignUpPanel(db, { sessionId: (await createSession(db, { eventId: event.id, roomId: room.id, signUpRequired: false, startsAt: inDays(30), endsAt: inDays(30, 11) })).id, userId: null })).toBeNull()

    // The waiting person leaves the list: no invite to withdraw, and the seat holder keeps theirs.
    await leaveSession(db, { sessionId: session.id, userId: second!.id })
    const [left] = await findQueuedEmails(db, { where: { userId: second!.id, kind: 'session-left' } })
    expect(left!.icsContent).toBeNull()
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 1 })
  })

  it('takes the room’s capacity when the session has none', async () => {
    const { db } = test
    const { event, otherRoom } = await createAgendaEvent(db)
    await db.room.update({ where: { id: otherRoom.id }, data: { capacity: 1 } })
    const session = await createSession(db, { eventId: event.id, roomId: otherRoom.id, startsAt: inDays(20), endsAt: inDays(20, 11), capacity: null })
    const [first, second] = await createApprovedAttendees(db, event.id, 2)
    expect((await signUpForSession(db, { sessionId: session.id, userId: first!.id })).status).toBe('ENROLLED')
    expect((await signUpForSession(db, { sessionId: session.id, userId: second!.id })).status).toBe('WAITLISTED')
  })

  it('a cancelled registration gives its seat to the next in line and withdraws the invite', async () => {
    const { db } = test
    const { event, session } = await setUp(1)
    const [holder, waiting] = await createApprovedAttendees(db, event.id, 2)
    await signUpForSession(db, { sessionId: session.id, userId: holder!.id })
    await signUpForSession(db, { sessionId: session.id, userId: waiting!.id })
    const registration = await db.registration.findUniqueOrThrow({ where: { eventId_userId: { eventId: event.id, userId: holder!.id } }, select: { id: true } })
    await cancelOwnRegistration(db, { eventId: event.id, registrationId: registration.id, userId: holder!.id })

    const enrolments = await db.sessionEnrolment.findMany({ where: { sessionId: session.id }, select: { status: true, registration: { select: { userId: true } } } })
    expect(Object.fromEntries(enrolments.map((enrolment) => [enrolment.registration.userId, enrolment.status]))).toEqual({
      [holder!.id]: 'CANCELLED',
      [waiting!.id]: 'ENROLLED',
    })
    const [released] = await findQueuedEmails(db, { where: { userId: holder!.id, kind: 'session-released' } })
    expect(readWithIcalJs(released!.icsContent!).method).toBe('CANCEL')
    expect(await db.outboxMessage.count({ where: { userId: waiting!.id, kind: 'session-promoted' } })).toBe(1)
  })
})
