// A published event moves to new dates or another zone: everything timed moves by whole
// calendar days, keeping each item's time of day across a daylight-saving change (or, when the
// zone changes, its wall clock or its instant as the organiser chooses); every invitation people
// hold is updated once (read back with ical.js). Stale and concurrent confirmations write
// nothing more. On SQLite and on PostgreSQL with two app instances.
import { describe, expect, it } from 'vitest'
import { RescheduleSchema } from '#app/domain/events/event-details.ts'
import { applyReschedule, planReschedule } from '#app/domain/events/reschedule.server.ts'
import { calendarDayParts, daysBetweenDateKeys, formatTime } from '#app/lib/time.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEventToChange } from '#tests/support/event-change-fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const BRUSSELS = 'Europe/Brussels'
const values = (firstDay: string, timeZone = BRUSSELS, keep: 'wall-clock' | 'instants' = 'wall-clock') => RescheduleSchema.parse({ firstDay, timeZone, keep })

/** The event's timed rows as stored. */
async function timeline(db: Parameters<typeof createEventToChange>[0], eventId: string) {
  const [event, sessions, slots] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { startsAt: true, endsAt: true, timeZone: true } }),
    db.agendaSession.findMany({ where: { eventId }, orderBy: { id: 'asc' }, select: { id: true, startsAt: true, endsAt: true } }),
    db.meetingSlot.findMany({ where: { eventId }, orderBy: { id: 'asc' }, select: { id: true, startsAt: true, endsAt: true } }),
  ])
  return { event, items: [...sessions, ...slots] }
}

/** A first day after Brussels' change to summer time on 28 March 2027, more than ten weeks after today's fixtures. */
function summerFirstDay(startsAt: Date) {
  const key = calendarDayParts(startsAt, BRUSSELS).key
  const [year] = key.split('-').map(Number) as [number]
  return `${year + 1}-07-07`
}

describe.each(providers)('a published event moves to new dates on %s', (provider) => {
  const app = useAppInstances(provider)

  it('moves every session and slot by whole days at the same Brussels time of day across the change to summer time, and updates each invitation once', async () => {
    const { db } = app
    const fixture = await createEventToChange(db)
    const { event, owner, buyer } = fixture
    // Registration must close before the new end; it does (20 days from now).
    const before = await timeline(db, event.id)
    const firstDay = summerFirstDay(before.event.startsAt)
    const days = daysBetweenDateKeys(calendarDayParts(before.event.startsAt, BRUSSELS).key, firstDay)

    const plan = await planReschedule(db, { eventId: event.id, values: values(firstDay) })
    expect(plan.moving).toEqual({ sessions: 2, slots: 6, meetings: 1 })
    expect(plan.recipients).toMatchObject({ registrants: { count: 4, withInvite: 2 }, sessionMessages: 2, meetingMessages: 2 })
    expect(plan.changes.map((change) => change.label)).toContain('Dates')

    const applied = await applyReschedule(db, { eventId: event.id, actorId: owner.id, values: values(firstDay), expectedUpdatedAt: plan.expectedUpdatedAt })
    expect(applied).toMatchObject({ registrants: 4, sessionMessages: 2, meetingMessages: 2 })

    const after = await timeline(db, event.id)
    expect(calendarDayParts(after.event.startsAt, BRUSSELS).key).toBe(firstDay)
    for (const item of before.items) {
      const moved = after.items.find((candidate) => candidate.id === item.id)!
      for (const edge of ['startsAt', 'endsAt'] as const) {
        expect(formatTime(moved[edge], BRUSSELS)).toBe(formatTime(item[edge], BRUSSELS))
        expect(daysBetweenDateKeys(calendarDayParts(item[edge], BRUSSELS).key, calendarDayParts(moved[edge], BRUSSELS).key)).toBe(days)
      }
    }

    const emails = await findQueuedEmails(db, { where: { eventId: event.id, userId: buyer.id }, orderBy: { kind: 'asc' } })
    expect(emails.map((email) => email.kind)).toEqual(['meeting-moved', 'meeting-reminder', 'registration-dates-changed', 'session-changed'])
    const datesEmail = emails.find((email) => email.kind === 'registration-dates-changed')!
    expect(datesEmail.subject).toBe('B2B Test Day has new dates')
    expect(datesEmail.text).toMatch(/It was to run /)
    const eventEntry = readWithIcalJs(datesEmail.icsContent!).events[0]!
    expect(eventEntry.start.toISOString()).toBe(after.event.startsAt.toISOString())
    const meetingEntry = readWithIcalJs(emails.find((email) => email.kind === 'meeting-moved')!.icsContent!).events[0]!
    const slot = after.items.find((item) => item.id === fixture.event.slots[0]!.id)!
    expect(meetingEntry.start.toISOString()).toBe(slot.startsAt.toISOString())
    expect(meetingEntry.startTzid).toBe(BRUSSELS)
    const sessionEntry = readWithIcalJs(emails.find((email) => email.kind === 'session-changed')!.icsContent!).events[0]!
    expect(sessionEntry.start.toISOString()).toBe(after.items.find((item) => item.id === fixture.plenary.id)!.startsAt.toISOString())
    // The meeting's reminder waits for the new time.
    const reminder = await db.outboxMessage.findFirstOrThrow({ where: { eventId: event.id, userId: buyer.id, kind: 'meeting-reminder' }, select: { nextAttemptAt: true } })
    expect(reminder.nextAttemptAt.getTime()).toBe(slot.startsAt.getTime() - 3_600_000)
  })

  it('in another zone keeps either the time of day or the moment, as the organiser chooses', async () => {
    const { db } = app
    for (const keep of ['wall-clock', 'instants'] as const) {
      const { event, owner } = await createEventToChange(db)
      const before = await timeline(db, event.id)
      const firstDay = calendarDayParts(before.event.startsAt, BRUSSELS).key
      const plan = await planReschedule(db, { eventId: event.id, values: values(firstDay, 'Europe/Lisbon', keep) })
      expect(plan.changes.find((change) => change.label === 'Time zone')).toEqual({ label: 'Time zone', before: BRUSSELS, after: 'Europe/Lisbon' })
      await applyReschedule(db, { eventId: event.id, actorId: owner.id, values: values(firstDay, 'Europe/Lisbon', keep), expectedUpdatedAt: plan.expectedUpdatedAt })
      const after = await timeline(db, event.id)
      expect(after.event.timeZone).toBe('Europe/Lisbon')
      for (const item of before.items) {
        const moved = after.items.find((candidate) => candidate.id === item.id)!
        if (keep === 'instants') expect(moved.startsAt.toISOString()).toBe(item.startsAt.toISOString())
        // Lisbon is an hour behind Brussels all year: 10:00 there is an hour later.
        else expect(formatTime(moved.startsAt, 'Europe/Lisbon')).toBe(formatTime(item.startsAt, BRUSSELS))
      }
    }
  })

  it('refuses what makes no sense, saves nothing when stale, and tells each person once when two organisers confirm at once', async () => {
    const { db } = app
    const { event, owner, supplier } = await createEventToChange(db)
    const before = await timeline(db, event.id)
    const firstDay = calendarDayParts(before.event.startsAt, BRUSSELS).key
    await expect(planReschedule(db, { eventId: event.id, values: values(firstDay) })).rejects.toMatchObject({ reason: 'invalid', field: 'firstDay' })
    await expect(planReschedule(db, { eventId: event.id, values: values('2020-01-01') })).rejects.toThrow(/already begun/)
    // Registration closes 20 days from now: an event 5 days from now would end before it.
    const soon = calendarDayParts(new Date(Date.now() + 5 * 86_400_000), BRUSSELS).key
    await expect(planReschedule(db, { eventId: event.id, values: values(soon) })).rejects.toThrow(/registration window/)
    expect(RescheduleSchema.safeParse({ firstDay: '2027-02-30', timeZone: BRUSSELS }).success).toBe(false)
    expect(RescheduleSchema.safeParse({ firstDay: '2027-03-01', timeZone: 'Mars/Olympus' }).success).toBe(false)
    expect(RescheduleSchema.safeParse({ firstDay: '2027-03-01', timeZone: BRUSSELS, keep: 'sometimes' }).success).toBe(false)

    const later = summerFirstDay(before.event.startsAt)
    const plan = await planReschedule(db, { eventId: event.id, values: values(later) })
    const outcomes = await Promise.allSettled([
      applyReschedule(app.instance(0), { eventId: event.id, actorId: owner.id, values: values(later), expectedUpdatedAt: plan.expectedUpdatedAt }),
      applyReschedule(app.instance(1), { eventId: event.id, actorId: supplier.id, values: values(later), expectedUpdatedAt: plan.expectedUpdatedAt }),
    ])
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'stale' } })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: { not: 'meeting-reminder' } } })).toBe(8)
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.rescheduled' } })).toBe(1)
  })
})
