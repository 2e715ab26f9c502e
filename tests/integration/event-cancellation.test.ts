// Organisers cancel a published event with 60 registrations in every status, two organisers
// pressing at once on two app instances (PostgreSQL; one shared client on SQLite): the event is
// cancelled once, each person still in the running gets exactly one email with the reason,
// every invitation holder gets a CANCEL with a higher SEQUENCE for the event, the plenary and
// their meeting (read back with ical.js), and personal feeds show the items cancelled.
import { describe, expect, it } from 'vitest'
import { eventInvite, meetingInvite, sessionInvite } from '#app/domain/calendar/calendar.server.ts'
import * as feeds from '#app/domain/calendar/feeds.server.ts'
import { cancelEvent, planEventCancellation } from '#app/domain/events/event-cancellation.server.ts'
import { EventCancellationSchema } from '#app/domain/events/event-details.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEventToChange } from '#tests/support/event-change-fixtures.ts'
import { registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const reason = 'The venue was damaged by a storm and no other hall is free on these dates.'
const STATUSES = ['APPROVED', 'PENDING', 'WAITLISTED', 'REJECTED', 'CANCELLED'] as const

/** The fixture's 6 registrations and 54 more, cycling through every status. */
async function sixtyRegistrations(db: Db) {
  const fixture = await createEventToChange(db)
  const tag = Math.random().toString(36).slice(2, 8)
  const people = Array.from({ length: 54 }, (_, index) => ({ id: `cancel-${tag}-${index}`, email: `cancel-${tag}-${index}@example.org`, name: `Person ${index}` }))
  await db.user.createMany({ data: people })
  await db.registration.createMany({
    data: people.map((person, index) => {
      const status = STATUSES[index % STATUSES.length]!
      return { ...registrationData(fixture.event.id, person.id), status, holdsSeat: status === 'APPROVED', cancelledAt: status === 'CANCELLED' ? new Date() : null }
    }),
  })
  await db.outboxMessage.deleteMany({ where: { eventId: fixture.event.id } })
  return fixture
}

async function personalFeedOf(db: Db, userId: string) {
  const links = await feeds.createFeedLink(db, userId)
  const token = links.https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
  return readWithIcalJs((await (await feeds.personalFeed(db, token))!.render()).ics)
}

describe.each(providers)('cancelling an event on %s', (provider) => {
  const app = useAppInstances(provider)

  it('two organisers at once: cancelled once, each person told once with the reason, every invitation withdrawn with a higher SEQUENCE', async () => {
    const { db } = app
    const { event, owner, buyer, supplier, plenary, meetingId } = await sixtyRegistrations(db)
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(60)
    const active = await db.registration.findMany({ where: { eventId: event.id, status: { in: ['APPROVED', 'PENDING', 'WAITLISTED'] }, user: { erasedAt: null } }, select: { id: true, userId: true, status: true } })
    const buyerRegistration = active.find((registration) => registration.userId === buyer.id)!
    const before = {
      event: await eventInvite(db, { registrationId: buyerRegistration.id, method: 'REQUEST' }),
      session: await sessionInvite(db, { sessionId: plenary.id, userId: buyer.id, method: 'REQUEST' }),
      meeting: await meetingInvite(db, { eventId: event.id, meetingId, userId: buyer.id, method: 'REQUEST' }),
    }
    const plan = await planEventCancellation(db, event.id)
    expect(plan).toMatchObject({ meetings: 1, sessions: 2 })
    expect(plan.registrations).toBe(active.length + 1) // the erased person's registration is cancelled too, silently

    const colleague = supplier
    const outcomes = await Promise.allSettled([
      cancelEvent(app.instance(0), { eventId: event.id, actorId: owner.id, reason }),
      cancelEvent(app.instance(1), { eventId: event.id, actorId: colleague.id, reason }),
    ])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { reason: 'conflict', code: 'already-cancelled' } })

    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true, cancellationReason: true, cancelledAt: true, seatsTaken: true } })
    expect(stored).toMatchObject({ status: 'CANCELLED', cancellationReason: reason, seatsTaken: 0 })
    expect(await db.registration.count({ where: { eventId: event.id, status: { in: ['APPROVED', 'PENDING', 'WAITLISTED'] } } })).toBe(0)
    expect(await db.meeting.count({ where: { eventId: event.id, status: 'CONFIRMED' } })).toBe(0)

    const told = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'registration-event-cancelled' } })
    expect(told.map((email) => email.userId).sort()).toEqual(active.map((registration) => registration.userId).sort())
    expect(new Set(told.map((email) => email.userId)).size).toBe(told.length)
    for (const email of told) {
      expect(email.subject).toBe('B2B Test Day is cancelled')
      expect(email.text).toContain(`Their reason: ${reason}`)
    }
    const withInvite = told.filter((email) => email.icsContent)
    expect(withInvite.map((email) => email.userId).sort()).toEqual(active.filter((registration) => registration.status === 'APPROVED').map((registration) => registration.userId).sort())
    const eventCancel = readWithIcalJs(told.find((email) => email.userId === buyer.id)!.icsContent!)
    expect(eventCancel.method).toBe('CANCEL')
    expect(eventCancel.events[0]).toMatchObject({ uid: before.event.entry.uid, status: 'CANCELLED' })
    expect(eventCancel.events[0]!.sequence).toBeGreaterThan(before.event.entry.sequence)

    const sessionCancels = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'session-cancelled' } })
    // The plenary is for everyone with a seat.
    expect(sessionCancels.map((email) => email.userId).sort()).toEqual(withInvite.map((email) => email.userId).sort())
    const sessionCancel = readWithIcalJs(sessionCancels.find((email) => email.userId === buyer.id)!.icsContent!)
    expect(sessionCancel.method).toBe('CANCEL')
    expect(sessionCancel.events[0]!.uid).toBe(before.session.entry.uid)
    expect(sessionCancel.events[0]!.sequence).toBeGreaterThan(before.session.entry.sequence)

    const meetingCancels = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-cancelled' } })
    expect(meetingCancels.map((email) => email.userId).sort()).toEqual([buyer.id, supplier.id].sort())
    const meetingCancel = readWithIcalJs(meetingCancels.find((email) => email.userId === buyer.id)!.icsContent!)
    expect(meetingCancel.method).toBe('CANCEL')
    expect(meetingCancel.events[0]!.uid).toBe(before.meeting.entry.uid)
    expect(meetingCancel.events[0]!.sequence).toBeGreaterThan(before.meeting.entry.sequence)

    // A third press tells nobody again.
    await expect(cancelEvent(db, { eventId: event.id, actorId: owner.id, reason })).rejects.toMatchObject({ code: 'already-cancelled' })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'registration-event-cancelled' } })).toBe(told.length)

    // The feed keeps the event, the plenary and the meeting, each cancelled.
    const feed = await personalFeedOf(db, buyer.id)
    for (const uid of [before.event.entry.uid, before.session.entry.uid, before.meeting.entry.uid]) {
      expect(feed.events.find((entry) => entry.uid === uid)?.status).toBe('CANCELLED')
    }
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.cancelled' } })).toBe(1)
  })

  it('refuses a draft, a short or missing reason, and an event of no one', async () => {
    const { db } = app
    const { event, owner } = await createEventToChange(db)
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    await expect(cancelEvent(db, { eventId: event.id, actorId: owner.id, reason })).rejects.toMatchObject({ reason: 'conflict', code: 'draft' })
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)
    await expect(cancelEvent(db, { eventId: 'no-such-event', actorId: owner.id, reason })).rejects.toThrow()
    expect(EventCancellationSchema.safeParse({ reason: 'Storm', confirmTitle: 'x' }).error?.issues[0]?.message).toBe('Say why in at least 10 characters')
    expect(EventCancellationSchema.safeParse({ confirmTitle: 'x' }).error?.issues[0]?.message).toBe('Say why the event is cancelled: everyone registered reads it')
    expect(EventCancellationSchema.safeParse({ reason: 'x'.repeat(1001), confirmTitle: 'x' }).success).toBe(false)
  })
})
