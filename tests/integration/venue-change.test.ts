// A published event moves to a new venue: the organiser reviews who will be told, then one
// transaction saves it and queues one email per registrant, with an updated invite (a higher
// SEQUENCE, the new LOCATION, read back with ical.js) for those holding a seat. Two organisers
// confirming at once, or one twice, tell each person once. On SQLite and on PostgreSQL with two
// app instances.
import { describe, expect, it } from 'vitest'
import { VenueChangeSchema } from '#app/domain/events/event-details.ts'
import { createEvent, publishEvent } from '#app/domain/events/event-setup.server.ts'
import { applyVenueChange, planVenueChange } from '#app/domain/events/venue-change.server.ts'
import { eventInvite } from '#app/domain/calendar/calendar.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { parsedEventDetails } from '#tests/support/event-fixtures.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const newVenue = VenueChangeSchema.parse({ venueName: 'Palais des Congrès', venueAddress: 'Rue du Lac 10, 1000 Brussels' })

/** A published two-day event with an approved, a pending, a waitlisted, a rejected and an erased registrant. */
async function publishedEventWithRegistrants(db: Db) {
  const owner = await createUser(db, 'Owner')
  const values = parsedEventDetails({ title: 'Harbour Security Industry Day', eligibility: 'anyone', capacity: undefined })
  const event = await createEvent(db, { actorId: owner.id, mayCreate: true, values })
  await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now: new Date('2027-01-01T00:00:00Z') })
  const statuses = ['APPROVED', 'PENDING', 'WAITLISTED', 'REJECTED', 'APPROVED'] as const
  const people = []
  for (const [index, status] of statuses.entries()) {
    const person = await createUser(db, `Registrant ${index}`)
    const registration = await db.registration.create({ data: { ...registrationData(event.id, person.id), status }, select: { id: true } })
    people.push({ ...person, status, registrationId: registration.id })
  }
  // The last one erased their account: nobody writes to them.
  await db.user.update({ where: { id: people[4]!.id }, data: { erasedAt: new Date() } })
  return { owner, event, people }
}

describe.each(providers)('a published event moves to a new venue on %s', (provider) => {
  const app = useAppInstances(provider)

  it('shows who will be told, then tells each registrant once, with the updated invite for a seat', async () => {
    const { db } = app
    const { owner, event, people } = await publishedEventWithRegistrants(db)
    const [approved, pending, waitlisted, rejected] = people
    const before = await eventInvite(db, { registrationId: approved!.registrationId, method: 'REQUEST' })

    const plan = await planVenueChange(db, { eventId: event.id, values: newVenue })
    expect(plan.before).toEqual({ venueName: 'Harbour Conference Centre', venueAddress: 'Quai 1, 8400 Ostend' })
    expect(plan.after).toEqual(newVenue)
    expect(plan.recipients).toEqual({ count: 3, withInvite: 1, names: ['Registrant 0', 'Registrant 1', 'Registrant 2'] })
    // Reviewing changed nothing.
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { venueName: true } })).toEqual({ venueName: 'Harbour Conference Centre' })
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)

    const applied = await applyVenueChange(db, { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt })
    expect(applied.notified).toBe(3)
    const emails = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'registration-venue-changed' }, orderBy: { toEmail: 'asc' } })
    expect(emails.map((email) => email.userId).sort()).toEqual([approved!.id, pending!.id, waitlisted!.id].sort())
    expect(emails.some((email) => email.userId === rejected!.id)).toBe(false)
    for (const email of emails) {
      expect(email.subject).toBe('Harbour Security Industry Day has a new venue')
      expect(email.text).toContain('Palais des Congrès, Rue du Lac 10, 1000 Brussels')
      expect(email.text).toContain('It was to be at Harbour Conference Centre, Quai 1, 8400 Ostend.')
    }
    const withInvite = emails.filter((email) => email.icsContent)
    expect(withInvite.map((email) => email.userId)).toEqual([approved!.id])
    const [entry] = readWithIcalJs(withInvite[0]!.icsContent!).events
    expect(readWithIcalJs(withInvite[0]!.icsContent!).method).toBe('REQUEST')
    expect(entry).toMatchObject({ uid: before.entry.uid, location: 'Palais des Congrès, Rue du Lac 10, 1000 Brussels' })
    expect(entry!.sequence).toBeGreaterThan(before.entry.sequence)
    expect(entry!.start.toISOString()).toBe(before.entry.start.toISOString())

    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { eventId: event.id, action: 'event.venue_changed' }, select: { actorId: true, data: true } })
    expect(audit).toEqual({ actorId: owner.id, data: { before: plan.before, after: newVenue } })
  })

  it('saves nothing when the event changed after the review, and tells each person once when two organisers confirm at once', async () => {
    const { db } = app
    const { owner, event } = await publishedEventWithRegistrants(db)
    const colleague = await createUser(db, 'Colleague')
    const plan = await planVenueChange(db, { eventId: event.id, values: newVenue })
    const outcomes = await Promise.allSettled([
      applyVenueChange(app.instance(0), { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt }),
      applyVenueChange(app.instance(1), { eventId: event.id, actorId: colleague.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt }),
    ])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { reason: 'conflict', code: 'stale' } })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'registration-venue-changed' } })).toBe(3)
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.venue_changed' } })).toBe(1)
    // The same confirmation again (a second press, a replayed request) is stale too.
    await expect(applyVenueChange(db, { eventId: event.id, actorId: owner.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt })).rejects.toMatchObject({ code: 'stale' })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'registration-venue-changed' } })).toBe(3)
  })

  it('refuses the venue it already has, a draft and a cancelled event, with reasons', async () => {
    const { db } = app
    const { event } = await publishedEventWithRegistrants(db)
    await expect(planVenueChange(db, { eventId: event.id, values: { venueName: 'Harbour Conference Centre', venueAddress: 'Quai 1, 8400 Ostend' } })).rejects.toMatchObject({
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
