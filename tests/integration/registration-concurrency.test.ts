// 300 people register at once for 100 seats with no approval: exactly 100 get a seat, 200
// wait in arrival order, nobody twice, no errors. On SQLite with one instance and on
// PostgreSQL with two app instances (two clients with their own connection pools).
import { describe, expect, it } from 'vitest'
import { submitRegistration } from '#app/domain/registration/registration.server.ts'
import { decodeSnapshot } from '#app/lib/snapshot.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'

describe.each(providers)('300 simultaneous registrations for 100 seats on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  it('seat exactly 100, wait-list 200 in arrival order, and never register anyone twice', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 100, approvalRequired: false })
    const users = await createUsers(db, 300)

    const outcomes = await Promise.allSettled(
      users.map((user, index) =>
        submitRegistration(test.instance(index), { event, userId: user.id, values: formValues(organisationId) }),
      ),
    )
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([])

    const registrations = await db.registration.findMany({
      where: { eventId: event.id },
      select: { userId: true, status: true, holdsSeat: true, waitlistNumber: true },
    })
    expect(registrations).toHaveLength(300)
    expect(new Set(registrations.map((r) => r.userId)).size).toBe(300)
    const approved = registrations.filter((r) => r.status === 'APPROVED')
    const waitlisted = registrations.filter((r) => r.status === 'WAITLISTED')
    expect(approved).toHaveLength(100)
    expect(approved.every((r) => r.holdsSeat)).toBe(true)
    expect(waitlisted).toHaveLength(200)
    // Arrival order: tickets 1..200, each issued once, in the order the database took them.
    expect(waitlisted.map((r) => r.waitlistNumber).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))

    const eventRow = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true, waitlistCounter: true } })
    expect(eventRow).toEqual({ seatsTaken: 100, waitlistCounter: 200 })

    // Each person got exactly one message about it.
    const messages = await db.outboxMessage.groupBy({ by: ['kind'], where: { eventId: event.id }, _count: { _all: true } })
    expect(Object.fromEntries(messages.map((m) => [m.kind, m._count._all]))).toEqual({
      'registration-approved': 100,
      'registration-waitlisted': 200,
    })
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'registration-approved', icsMethod: 'REQUEST' } })).toBe(100)
    if (provider === 'postgresql') {
      // Rows written by one PostgreSQL transaction share its id (xmin): both the seated and the waiting were committed in groups.
      const groups = await db.$queryRaw<{ status: string; rows: bigint }[]>`
        SELECT "status"::text AS "status", COUNT(*) AS "rows" FROM "Registration" WHERE "eventId" = ${event.id} GROUP BY "status", "xmin"::text`
      for (const status of ['APPROVED', 'WAITLISTED']) expect(Math.max(...groups.filter((group) => group.status === status).map((group) => Number(group.rows)))).toBeGreaterThan(1)
    }
    // Nobody left the line, so each waiting person's email gives their number as their place in it.
    const numberOf = new Map(
      (await db.registration.findMany({ where: { eventId: event.id, status: 'WAITLISTED' }, select: { userId: true, waitlistNumber: true } })).map((r) => [r.userId, r.waitlistNumber]),
    )
    const waitlistedEmails = await db.outboxMessage.findMany({ where: { eventId: event.id, kind: 'registration-waitlisted' }, select: { userId: true, payload: true } })
    expect(waitlistedEmails.map((message) => (decodeSnapshot(message.payload!) as { props: { position: number } }).props.position - numberOf.get(message.userId!)!)).toEqual(
      Array.from({ length: 200 }, () => 0),
    )

    // Everyone tried a seat first; those who lost it were rolled back whole before waiting in line:
    // one history per person, nothing left over from the attempt.
    const history = await db.vettingDecision.groupBy({ by: ['action'], where: { registration: { eventId: event.id } }, _count: { _all: true } })
    expect(Object.fromEntries(history.map((h) => [h.action, h._count._all]))).toEqual({ SUBMITTED: 300, APPROVED: 100, WAITLISTED: 200 })
    const approvals = await db.vettingDecision.findMany({ where: { registration: { eventId: event.id }, action: 'APPROVED' }, select: { id: true } })
    const approvedKeys = await db.outboxMessage.findMany({ where: { eventId: event.id, kind: 'registration-approved' }, select: { idempotencyKey: true } })
    expect(approvedKeys.map((m) => m.idempotencyKey).sort()).toEqual(approvals.map((a) => `registration:approved:decision:${a.id}`).sort())
  }, 180_000)

  it('commits a rush in groups, and a registration that cannot be made fails alone', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 50, approvalRequired: false })
    const users = await createUsers(db, 30)
    const unknownOrganisation = (index: number) => index % 10 === 3
    const startedAt = new Date()
    const outcomes = await Promise.allSettled(
      users.map((user, index) =>
        submitRegistration(test.instance(index), {
          event,
          userId: user.id,
          values: formValues(unknownOrganisation(index) ? 'no-such-organisation' : organisationId, { name: `Person ${index}`, jobTitle: `Role ${index}` }),
        }),
      ),
    )
    const refusals = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{ index, reason: outcome.reason as unknown }] : []))
    expect(refusals.map(({ index }) => index)).toEqual([3, 13, 23])
    for (const { reason } of refusals) expect(reason).toMatchObject({ reason: 'invalid', field: 'organisationId', code: 'unknown-organisation' })

    const seated = await db.registration.findMany({ where: { eventId: event.id }, select: { id: true, status: true, holdsSeat: true, userId: true } })
    expect(seated).toHaveLength(27)
    expect(seated.every((registration) => registration.status === 'APPROVED' && registration.holdsSeat)).toBe(true)
    expect(new Set(seated.map((registration) => registration.userId))).toEqual(new Set(users.filter((_, index) => !unknownOrganisation(index)).map((user) => user.id)))
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 27 })
    // Each account keeps its own form's details (one multi-row update per group), and its
    // updatedAt moved in the form Prisma reads and compares (calendar feeds rely on it).
    const accounts = await db.user.findMany({
      where: { id: { in: users.map((user) => user.id) }, updatedAt: { gte: startedAt } },
      select: { id: true, name: true, jobTitle: true, nationality: true, organisationId: true },
    })
    expect(accounts.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      users
        .flatMap((user, index) => (unknownOrganisation(index) ? [] : [{ id: user.id, name: `Person ${index}`, jobTitle: `Role ${index}`, nationality: 'BE', organisationId }]))
        .sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect(await db.vettingDecision.count({ where: { registration: { eventId: event.id } } })).toBe(54)
    const approvals = await db.vettingDecision.findMany({ where: { registration: { eventId: event.id }, action: 'APPROVED' }, select: { id: true } })
    const queued = await db.outboxMessage.findMany({ where: { eventId: event.id }, select: { idempotencyKey: true, icsMethod: true } })
    expect(queued.map((message) => message.idempotencyKey).sort()).toEqual(approvals.map((approval) => `registration:approved:decision:${approval.id}`).sort())
    expect(queued.every((message) => message.icsMethod === 'REQUEST')).toBe(true)

    if (provider === 'postgresql') {
      // Rows written by one PostgreSQL transaction share its id (xmin): several people were seated per commit.
      const groups = await db.$queryRaw<{ seated: bigint }[]>`
        SELECT COUNT(*) AS "seated" FROM "Registration" WHERE "eventId" = ${event.id} GROUP BY "xmin"::text`
      expect(Math.max(...groups.map((group) => Number(group.seated)))).toBeGreaterThan(1)
      expect(groups.length).toBeLessThan(27)
    }
  })

  it.each([true, false])('a double submit of the same person never creates a second registration (approval required: %s)', async (approvalRequired) => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 10, approvalRequired })
    const [user] = await createUsers(db, 1)
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        submitRegistration(test.instance(index), { event, userId: user!.id, values: formValues(organisationId) }),
      ),
    )
    expect(new Set(outcomes.map((outcome) => outcome.registrationId)).size).toBe(1)
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(1)
    if (!approvalRequired) expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 1 })
  })
})
