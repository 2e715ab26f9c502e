// The registration dashboard's numbers, on both engines: on the seeded demo every breakdown adds
// up to the rows and the replayed history ends at today's statuses; on a small event with a
// known history, each day holds the statuses at its end in the event's zone across the spring
// clock change, the median wait counts officers' decisions only (a request for information does
// not stop the clock), and arrivals fall in the right local hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRegistrationDashboard } from '#app/domain/registration/registration-dashboard.server.ts'
import { DASHBOARD_TOP_COUNTRIES, statusesInPlay } from '#app/domain/registration/registration-dashboard.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demoEventId } from '#tests/support/demo.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

describe.each(providers)('registration dashboard on %s', (provider) => {
  let test: TestDatabase
  let db: Db

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('adds up on the demo: statuses, every breakdown, and a history that ends where the rows are', async () => {
    const rows = await db.registration.findMany({
      where: { eventId: demoEventId },
      select: { status: true, nationality: true, organisation: { select: { kind: true, country: true } } },
    })
    const dashboard = await getRegistrationDashboard(db, demoEventId)
    expect(dashboard.total).toBe(rows.length)
    for (const status of ['PENDING', 'APPROVED', 'WAITLISTED', 'REJECTED', 'CANCELLED'] as const) {
      expect(dashboard.statusTotals[status], status).toBe(rows.filter((row) => row.status === status).length)
      expect(dashboard.funnel[status]).toBe(dashboard.statusTotals[status])
    }
    expect(dashboard.funnel.applied).toBe(rows.length)

    const lastDay = dashboard.overTime.days.at(-1)!
    expect(lastDay.counts).toEqual(dashboard.statusTotals)
    expect(lastDay.total).toBe(rows.length)
    // Day by day, the total never falls: a registration is counted from its submission on.
    const totals = dashboard.overTime.days.map((day) => day.total)
    expect(totals).toEqual([...totals].sort((a, b) => a - b))

    const inPlay = rows.filter((row) => (statusesInPlay as readonly string[]).includes(row.status))
    const sumOf = (breakdown: { total: number }[]) => breakdown.reduce((sum, row) => sum + row.total, 0)
    expect(sumOf(dashboard.byNationality.table)).toBe(inPlay.length)
    expect(sumOf(dashboard.byNationality.chart)).toBe(inPlay.length)
    expect(sumOf(dashboard.byOrganisationKind)).toBe(inPlay.length)
    expect(sumOf(dashboard.byOrganisationCountry.table)).toBe(inPlay.length)
    for (const row of dashboard.byNationality.table) {
      for (const status of statusesInPlay) {
        expect(row.counts[status], `${row.key} ${status}`).toBe(inPlay.filter((candidate) => (candidate.nationality ?? '') === row.key && candidate.status === status).length)
      }
    }
    for (const row of dashboard.byOrganisationCountry.table) {
      expect(row.total, row.key).toBe(inPlay.filter((candidate) => (candidate.organisation?.country ?? '') === row.key).length)
    }
    // Beyond the top countries, the chart shows the rest as one row.
    if (dashboard.byNationality.table.length > DASHBOARD_TOP_COUNTRIES + 1) {
      expect(dashboard.byNationality.chart).toHaveLength(DASHBOARD_TOP_COUNTRIES + 1)
      expect(dashboard.byNationality.chart.at(-1)!.label).toBe(`${dashboard.byNationality.table.length - DASHBOARD_TOP_COUNTRIES} other countries`)
    }
    expect(dashboard.funnel.medianMsToDecision).toBeGreaterThan(0)
  })

  it('replays each day’s statuses in the event’s zone across the clock change, and times officers’ decisions only', async () => {
    const event = await createEvent(db)
    await db.event.update({ where: { id: event.id }, data: { startsAt: new Date('2027-03-31T07:00:00Z'), endsAt: new Date('2027-03-31T16:00:00Z') }, select: { id: true } })
    const officer = await createUser(db, 'Officer')
    const people = await Promise.all(['One', 'Two', 'Three', 'Four'].map((name) => createUser(db, name)))
    const status = ['APPROVED', 'REJECTED', 'CANCELLED', 'APPROVED'] as const
    const nationality = ['BE', 'FR', 'NL', 'DE']
    const registrations = await Promise.all(
      people.map((person, index) =>
        db.registration.create({
          data: { ...registrationData(event.id, person.id), status: status[index], nationality: nationality[index], submittedAt: new Date('2027-03-29T10:00:00Z') },
          select: { id: true },
        }),
      ),
    )
    const [one, two, , four] = registrations.map((registration) => registration.id)
    const decision = (registrationId: string, at: string, action: 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'INFO_REQUESTED', fromStatus: 'PENDING' | null, toStatus: 'PENDING' | 'APPROVED' | 'REJECTED', actorId: string | null) =>
      db.vettingDecision.create({ data: { registrationId, action, fromStatus, toStatus, actorId, createdAt: new Date(at) }, select: { id: true } })
    // Brussels: 23:30 CET on Saturday 27 March; clocks go forward at 01:00 UTC on the 28th.
    await decision(one!, '2027-03-27T22:30:00Z', 'SUBMITTED', null, 'PENDING', people[0]!.id)
    // 00:30 CEST on Monday 29 March: a day later in the event's zone, and 24 hours of waiting.
    await decision(one!, '2027-03-28T22:30:00Z', 'APPROVED', 'PENDING', 'APPROVED', officer.id)
    // 23:30 CEST on Sunday 28 March.
    await decision(two!, '2027-03-28T21:30:00Z', 'SUBMITTED', null, 'PENDING', people[1]!.id)
    await decision(two!, '2027-03-29T08:00:00Z', 'INFO_REQUESTED', 'PENDING', 'PENDING', officer.id)
    // 15 hours after it reached the queue, the information request notwithstanding.
    await decision(two!, '2027-03-29T12:30:00Z', 'REJECTED', 'PENDING', 'REJECTED', officer.id)
    // Approved by the system (no vetting): not an officer's decision.
    await decision(four!, '2027-03-29T09:00:00Z', 'SUBMITTED', null, 'PENDING', people[3]!.id)
    await decision(four!, '2027-03-29T09:00:00Z', 'APPROVED', 'PENDING', 'APPROVED', null)
    // Three has no history: it counts in its current status from its submission (29 March).
    await db.registration.update({ where: { id: one! }, data: { checkedInAt: new Date('2027-03-31T07:15:00Z') }, select: { id: true } })
    await db.registration.update({ where: { id: four! }, data: { checkedInAt: new Date('2027-03-31T05:50:00Z') }, select: { id: true } })

    const dashboard = await getRegistrationDashboard(db, event.id, new Date('2027-03-30T12:00:00Z'))
    const none = { PENDING: 0, APPROVED: 0, WAITLISTED: 0, REJECTED: 0, CANCELLED: 0 }
    expect(dashboard.overTime.days.map((day) => [day.key, day.counts])).toEqual([
      ['2027-03-27', { ...none, PENDING: 1 }],
      ['2027-03-28', { ...none, PENDING: 2 }],
      ['2027-03-29', { ...none, APPROVED: 2, REJECTED: 1, CANCELLED: 1 }],
      ['2027-03-30', { ...none, APPROVED: 2, REJECTED: 1, CANCELLED: 1 }],
    ])
    expect(dashboard.overTime.days.map((day) => day.label)).toEqual(['27 Mar', '28 Mar', '29 Mar', '30 Mar'].map((label) => expect.stringContaining(label)))
    expect(dashboard.funnel).toMatchObject({ applied: 4, APPROVED: 2, REJECTED: 1, CANCELLED: 1, PENDING: 0, officerDecisions: 2, medianMsToDecision: 19.5 * 3_600_000 })
    expect(dashboard.byNationality.table.map((row) => [row.key, row.counts.APPROVED])).toEqual([
      ['BE', 1],
      ['DE', 1],
    ])

    // Arrivals at 07:50 and 09:15 in Brussels (CEST): the hours shown widen to 07:00.
    expect(dashboard.checkIns.total).toBe(2)
    const [day] = dashboard.checkIns.days
    expect(dashboard.checkIns.days).toHaveLength(1)
    expect(day!.key).toBe('2027-03-31')
    expect(day!.hours[0]).toEqual({ hour: 7, count: 1 })
    expect(day!.hours.at(-1)!.hour).toBe(18)
    expect(day!.hours.filter((hour) => hour.count > 0)).toEqual([
      { hour: 7, count: 1 },
      { hour: 9, count: 1 },
    ])
  })

  it('shows an event without registrations as empty, not as an error', async () => {
    const event = await createEvent(db)
    const dashboard = await getRegistrationDashboard(db, event.id, new Date('2027-03-01T12:00:00Z'))
    expect(dashboard).toMatchObject({ total: 0, overTime: { days: [] }, funnel: { applied: 0, officerDecisions: 0, medianMsToDecision: null }, checkIns: { total: 0 } })
    expect(dashboard.byNationality.table).toEqual([])
  })
})
