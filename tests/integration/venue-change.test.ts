// A published event moves to a new venue: the organiser reviews who will be told, then one
// transaction saves it and queues the updates: one email per registrant (the updated event
// invite for a seat), the plenary's update for everyone holding it and the meeting's for both
// sides, each invite with a higher SEQUENCE and the new LOCATION (read back with ical.js). Two
// organisers confirming at once, or one twice, tell each person once. On SQLite and on
// PostgreSQL with two app instances.
import { describe, expect, it } from 'vitest'
import { meetingInvite, sessionInvite } from '#app/domain/calendar/calendar.server.ts'
import { VenueChangeSchema } from '#app/domain/events/event-details.ts'
import { applyVenueChange, planVenueChange } from '#app/domain/events/venue-change.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEventToChange } from '#tests/support/event-change-fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const newVenue = VenueChangeSchema.parse({ venueName: 'Palais des Congrès', venueAddress: 'Rue du Lac 10, 1000 Brussels' })

describe.each(providers)('a published event moves to a new venue on %s', (provider) => {
  const app = useAppInstances(provider)

  it('shows who will be told, then updates every invitation people hold, each once', async () => {
    const { db } = app
    const { event, owner, buyer, supplier, pending, waitlisted, rejected, plenary, meetingId, updatedAt } = await createEventToChange(db)
    const sessionBefore = await sessionInvite(db, { sessionId: plenary.id, userId: buyer.id, method: 'REQUEST' })
    const meetingBefore = await meetingInvite(db, { eventId: event.id, meetingId, userId: buyer.id, method: 'REQUEST' })

    const plan = await planVenueChange(db, { eventId: event.id, values: newVenue })
    expect(plan.before).toEqual({ venueName: 'Test venue', venueAddress: 'Test street 1, Brussels' })
    expect(plan.recipients).toEqual({ registrants: { count: 4, withInvite: 2, names: ['Participant 1', 'Participant 2', 'Registrant 0', 'Registrant 1'] }, sessionMessages: 2, meetingMessages: 2 })
    expect(plan.expectedUpdatedAt).toBe(updatedAt.toISOString())
    // Reviewing changed nothing.
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)

    const applied = await applyVenueChange(db, { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt })
    expect(applied).toEqual({ registrants: 4, sessionMessages: 2, meetingMessages: 2 })

    const registrantEmails = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'registration-venue-changed' } })
    expect(registrantEmails.map((email) => email.userId).sort()).toEqual([buyer.id, supplier.id, pending.id, waitlisted.id].sort())
    expect(registrantEmails.some((email) => email.userId === rejected.id)).toBe(false)
    for (const email of registrantEmails) {
      expect(email.subject).toBe('B2B Test Day has a new venue')
      expect(email.text).toContain('Palais des Congrès, Rue du Lac 10, 1000 Brussels')
      expect(email.text).toContain('It was to be at Test venue, Test street 1, Brussels.')
    }
    expect(registrantEmails.filter((email) => email.icsContent).map((email) => email.userId).sort()).toEqual([buyer.id, supplier.id].sort())

    const [eventEntry] = readWithIcalJs(registrantEmails.find((email) => email.userId === buyer.id)!.icsContent!).events
    expect(eventEntry!.location).toBe('Palais des Congrès, Rue du Lac 10, 1000 Brussels')

    const sessionEmails = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'session-changed' } })
    expect(sessionEmails.map((email) => email.userId).sort()).toEqual([buyer.id, supplier.id].sort())
    const sessionAfter = readWithIcalJs(sessionEmails.find((email) => email.userId === buyer.id)!.icsContent!)
    expect(sessionAfter.method).toBe('REQUEST')
    expect(sessionAfter.events[0]).toMatchObject({ uid: sessionBefore.entry.uid, location: 'Palais des Congrès, Rue du Lac 10, 1000 Brussels' })
    expect(sessionAfter.events[0]!.sequence).toBeGreaterThan(sessionBefore.entry.sequence)

    const meetingEmails = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-moved' } })
    expect(meetingEmails.map((email) => email.userId).sort()).toEqual([buyer.id, supplier.id].sort())
    const meetingAfter = readWithIcalJs(meetingEmails.find((email) => email.userId === buyer.id)!.icsContent!).events[0]!
    expect(meetingAfter.uid).toBe(meetingBefore.entry.uid)
    expect(meetingAfter.location).toContain('Palais des Congrès')
    expect(meetingAfter.sequence).toBeGreaterThan(meetingBefore.entry.sequence)
    expect(meetingAfter.start.toISOString()).toBe(meetingBefore.entry.start.toISOString())

    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { eventId: event.id, action: 'event.venue_changed' }, select: { actorId: true, data: true } })
    expect(audit).toEqual({ actorId: owner.id, data: { before: plan.before, after: newVenue } })
  })

  it('saves nothing when the event changed after the review, and tells each person once when two organisers confirm at once', async () => {
    const { db } = app
    const { event, owner, supplier } = await createEventToChange(db)
    const plan = await planVenueChange(db, { eventId: event.id, values: newVenue })
    const outcomes = await Promise.allSettled([
      applyVenueChange(app.instance(0), { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt }),
      applyVenueChange(app.instance(1), { eventId: event.id, actorId: supplier.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt }),
    ])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { reason: 'conflict', code: 'stale' } })
    // 4 registrants, 2 plenary holders, 2 meeting sides, and the meeting's 2 reminders queued again.
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(10)
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.venue_changed' } })).toBe(1)
    // The same confirmation again (a second press, a replayed request) is stale too.
    await expect(applyVenueChange(db, { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt })).rejects.toMatchObject({ code: 'stale' })
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(10)
  })

  it('refuses the venue it already has, a draft and a cancelled event, with reasons', async () => {
    const { db } = app
    const { event } = await createEventToChange(db)
    await expect(planVenueChange(db, { eventId: event.id, values: { venueName: 'Test venue', venueAddress: 'Test street 1, Brussels' } })).rejects.toMatchObject({
      reason: 'invalid',
      field: 'venueName',
    })
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    await expect(planVenueChange(db, { eventId: event.id, values: newVenue })).rejects.toThrow(/draft/)
    await db.event.update({ where: { id: event.id }, data: { status: 'CANCELLED' } })
    await expect(planVenueChange(db, { eventId: event.id, values: newVenue })).rejects.toThrow(/cancelled/)
    expect(VenueChangeSchema.safeParse({ venueName: 'x'.repeat(161), venueAddress: 'Rue 1' }).success).toBe(false)
  })
})
