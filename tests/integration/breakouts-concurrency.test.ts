// 200 approved attendees sign up at the same instant for a 40-seat breakout: exactly 40
// seats, 160 waiting places numbered 1..160 in the order the database took them, nobody
// twice, one email each. On SQLite with one instance and on PostgreSQL with two app
// instances (two clients with their own connection pools).
import { describe, expect, it } from 'vitest'
import { leaveSession, signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createAgendaEvent, createApprovedAttendees, createSession } from '#tests/support/agenda-fixtures.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'

describe.each(providers)('200 simultaneous sign-ups for a 40-seat breakout on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  it('seats exactly 40, wait-lists 160 in order, and promotes the first in line when a seat frees', async () => {
    const { db } = test
    const { event, otherRoom } = await createAgendaEvent(db)
    const session = await createSession(db, {
      eventId: event.id,
      roomId: otherRoom.id,
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 3_600_000),
      capacity: 40,
    })
    const attendees = await createApprovedAttendees(db, event.id, 200)

    // Each person submits twice (a double click): still one seat or place each.
    const outcomes = await Promise.allSettled(
      [...attendees, ...attendees.slice(0, 20)].map((attendee, index) =>
        signUpForSession(test.instance(index), { sessionId: session.id, userId: attendee.id }),
      ),
    )
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([])

    const enrolments = await db.sessionEnrolment.findMany({
      where: { sessionId: session.id },
      select: { status: true, waitlistNumber: true, registration: { select: { userId: true } } },
    })
    expect(enrolments).toHaveLength(200)
    expect(new Set(enrolments.map((enrolment) => enrolment.registration.userId)).size).toBe(200)
    expect(enrolments.filter((enrolment) => enrolment.status === 'ENROLLED')).toHaveLength(40)
    const waiting = enrolments.filter((enrolment) => enrolment.status === 'WAITLISTED')
    expect(waiting.map((enrolment) => enrolment.waitlistNumber).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1))
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { seatsTaken: true, waitlistCounter: true } })).toEqual({
      seatsTaken: 40,
      waitlistCounter: 160,
    })
    // Each answer matches the row: a seat, or the place its number gives.
    const answered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value.created ? [outcome.value] : []))
    expect(answered).toHaveLength(200)
    expect(answered.filter((outcome) => outcome.status === 'WAITLISTED').every((outcome) => outcome.position !== null && outcome.position >= 1 && outcome.position <= 160)).toBe(true)

    const messages = await db.outboxMessage.groupBy({ by: ['kind'], where: { eventId: event.id }, _count: { _all: true } })
    expect(Object.fromEntries(messages.map((message) => [message.kind, message._count._all]))).toEqual({
      'session-enrolled': 40,
      'session-waitlisted': 160,
    })

    // Ten seat holders leave at once: the first ten in line (numbers 1..10) get their seats.
    const seated = enrolments.filter((enrolment) => enrolment.status === 'ENROLLED').slice(0, 10)
    const firstTen = waiting.filter((enrolment) => enrolment.waitlistNumber! <= 10).map((enrolment) => enrolment.registration.userId)
    await Promise.all(
      seated.map((enrolment, index) => leaveSession(test.instance(index), { sessionId: session.id, userId: enrolment.registration.userId })),
    )
    const promoted = await db.sessionEnrolment.findMany({
      where: { sessionId: session.id, status: 'ENROLLED', registration: { userId: { in: firstTen } } },
      select: { id: true },
    })
    expect(promoted).toHaveLength(10)
    expect(await db.sessionEnrolment.count({ where: { sessionId: session.id, status: 'ENROLLED' } })).toBe(40)
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 40 })
  }, 180_000)
})
