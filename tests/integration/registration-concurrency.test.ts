// 300 people register at once for 100 seats with no approval: exactly 100 get a seat, 200
// wait in arrival order, nobody twice, no errors. On SQLite with one instance and on
// PostgreSQL with two app instances (two clients with their own connection pools).
import { describe, expect, it } from 'vitest'
import { cancelOwnRegistration, setEventCapacity, submitRegistration } from '#app/domain/registration/registration.server.ts'
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

  it('a capacity raise in the middle of a rush seats those already waiting first and leaves no seat free while anyone waits', async () => {
    const { db } = test
    // Three rounds, the raise started a little later each time, for different interleavings.
    for (const raiseAfterMs of [0, 3, 10]) {
      const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: false })
      const [organiser, ...early] = await createUsers(db, 11)
      // Five seated, then five waiting (numbers 1 to 5), before the rush.
      for (const user of early) await submitRegistration(db, { event, userId: user.id, values: formValues(organisationId) })
      const newcomers = await createUsers(db, 30)
      const rush = newcomers.map((user, index) => submitRegistration(test.instance(index), { event, userId: user.id, values: formValues(organisationId) }))
      await new Promise((resolve) => setTimeout(resolve, raiseAfterMs))
      const raise = setEventCapacity(test.instance(1), { eventId: event.id, capacity: 12, actorId: organiser!.id })
      const outcomes = await Promise.allSettled([...rush, raise])
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([])

      const rows = await db.registration.findMany({ where: { eventId: event.id }, select: { userId: true, status: true, holdsSeat: true } })
      const statusOf = new Map(rows.map((row) => [row.userId, row.status]))
      expect(rows).toHaveLength(40)
      const seated = rows.filter((row) => row.holdsSeat)
      expect(seated.every((row) => row.status === 'APPROVED')).toBe(true)
      // Forty people for twelve seats: every seat is taken, none twice.
      expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true, capacity: true } })).toEqual({ seatsTaken: 12, capacity: 12 })
      expect(seated).toHaveLength(12)
      // Those who waited before the raise were first in line for its seats.
      expect(early.slice(5).map((user) => statusOf.get(user.id))).toEqual(Array<string>(5).fill('APPROVED'))
      expect(rows.filter((row) => row.status === 'WAITLISTED')).toHaveLength(28)
      // Each person promoted was told once.
      const promotions = await db.vettingDecision.count({ where: { registration: { eventId: event.id }, action: 'PROMOTED' } })
      expect(promotions).toBeGreaterThanOrEqual(5)
      expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'registration-promoted' } })).toBe(promotions)
    }
  }, 120_000)

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

  /** Registrations written per PostgreSQL transaction (rows of one transaction share xmin), largest first. */
  async function rowsPerTransaction(eventId: string) {
    const groups = await test.db.$queryRaw<{ rows: bigint }[]>`SELECT COUNT(*) AS "rows" FROM "Registration" WHERE "eventId" = ${eventId} GROUP BY "xmin"::text`
    return groups.map((group) => Number(group.rows)).sort((a, b) => b - a)
  }

  it('when fewer seats are left than a group needs, the first who came take them and the rest wait in order', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: false })
    const users = await createUsers(db, 12)
    // One instance, so the order of arrival is the order of the calls.
    const outcomes = await Promise.all(users.map((user) => submitRegistration(db, { event, userId: user.id, values: formValues(organisationId) })))
    expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array<string>(5).fill('APPROVED'), ...Array<string>(7).fill('WAITLISTED')])
    const rows = await db.registration.findMany({ where: { eventId: event.id }, select: { userId: true, waitlistNumber: true } })
    const numberOf = new Map(rows.map((row) => [row.userId, row.waitlistNumber]))
    expect(users.map((user) => numberOf.get(user.id))).toEqual([null, null, null, null, null, 1, 2, 3, 4, 5, 6, 7])
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true, waitlistCounter: true } })).toEqual({ seatsTaken: 5, waitlistCounter: 7 })
    expect(await db.vettingDecision.count({ where: { registration: { eventId: event.id } } })).toBe(24)
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(12)
  })

  it('tells each new waiting person their place in line, behind a gap someone left', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 2, approvalRequired: false })
    const early = await createUsers(db, 5)
    for (const user of early) await submitRegistration(db, { event, userId: user.id, values: formValues(organisationId) })
    // Two seated, three waiting (numbers 1 to 3); the second in line leaves.
    const leaving = await db.registration.findFirstOrThrow({ where: { eventId: event.id, waitlistNumber: 2 }, select: { id: true, userId: true } })
    await cancelOwnRegistration(db, { eventId: event.id, registrationId: leaving.id, userId: leaving.userId })

    const late = await createUsers(db, 10)
    await Promise.all(late.map((user, index) => submitRegistration(test.instance(index), { event, userId: user.id, values: formValues(organisationId) })))
    const rows = await db.registration.findMany({ where: { eventId: event.id, userId: { in: late.map((user) => user.id) } }, select: { userId: true, waitlistNumber: true } })
    expect(rows.map((row) => row.waitlistNumber).sort((a, b) => a! - b!)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    const emails = await db.outboxMessage.findMany({ where: { eventId: event.id, kind: 'registration-waitlisted', userId: { in: late.map((user) => user.id) } }, select: { userId: true, payload: true } })
    const numberOf = new Map(rows.map((row) => [row.userId, row.waitlistNumber!]))
    // Numbers 1 and 3 wait ahead of number 4: number n is in place n - 1.
    expect(emails.map((email) => (decodeSnapshot(email.payload!) as { props: { position: number } }).props.position)).toEqual(
      emails.map((email) => numberOf.get(email.userId!)! - 1),
    )
    expect(emails).toHaveLength(10)
  })

  it('answers a double submit inside a group with the registration that won, and commits the others together', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: false })
    const users = await createUsers(db, 10)
    const submitters = [...users, users[3]!, users[7]!]
    const outcomes = await Promise.all(submitters.map((user) => submitRegistration(db, { event, userId: user.id, values: formValues(organisationId) })))
    expect(outcomes.slice(10).map((outcome) => outcome.registrationId)).toEqual([outcomes[3]!.registrationId, outcomes[7]!.registrationId])
    expect(outcomes.every((outcome) => outcome.status === 'APPROVED')).toBe(true)
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(10)
    // Unlimited seats: every one counted, one email each.
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 10 })
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(10)
    if (provider === 'postgresql') expect((await rowsPerTransaction(event.id))[0]).toBeGreaterThan(1)
  })

  it('puts a rush for a vetted event into the vetting queue in groups, each with one "received" email and no seat', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 10, approvalRequired: true })
    const users = await createUsers(db, 20)
    const outcomes = await Promise.all(users.map((user, index) => submitRegistration(test.instance(index), { event, userId: user.id, values: formValues(organisationId) })))
    expect(outcomes.every((outcome) => outcome.status === 'PENDING' && outcome.created)).toBe(true)
    const rows = await db.registration.findMany({ where: { eventId: event.id }, select: { id: true, status: true, holdsSeat: true, decidedAt: true, waitlistNumber: true } })
    expect(rows).toHaveLength(20)
    expect(rows.every((row) => row.status === 'PENDING' && !row.holdsSeat && row.decidedAt === null && row.waitlistNumber === null)).toBe(true)
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true, waitlistCounter: true } })).toEqual({ seatsTaken: 0, waitlistCounter: 0 })
    const history = await db.vettingDecision.findMany({ where: { registration: { eventId: event.id } }, select: { action: true, toStatus: true } })
    expect(history).toEqual(Array.from({ length: 20 }, () => ({ action: 'SUBMITTED', toStatus: 'PENDING' })))
    const emails = await db.outboxMessage.findMany({ where: { eventId: event.id }, select: { kind: true, idempotencyKey: true, icsMethod: true } })
    expect(emails).toHaveLength(20)
    expect(emails.every((email) => email.kind === 'registration-received' && email.icsMethod === null)).toBe(true)
    // Keyed as the general path keys it: registration:received:received:<registration>:<time>.
    expect(new Set(emails.map((email) => email.idempotencyKey.split(':')[3]))).toEqual(new Set(rows.map((row) => row.id)))
    if (provider === 'postgresql') expect((await rowsPerTransaction(event.id))[0]).toBeGreaterThan(1)
  })
})
