// 100 simultaneous accepts competing for one person's slot and for the last free tables leave
// nobody and no table twice in a slot, counters equal to the rows, and a clear message for
// every loser. On SQLite with one instance and on PostgreSQL with two app instances (two
// clients with their own connection pools).
import { describe, expect, it } from 'vitest'
import { acceptMeetingRequest, blockSlot, requestMeeting, withdrawMeetingRequest } from '#app/domain/meetings/meetings.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createMeetingEvent, createOrganisation, createParticipants, createPendingRequests, expectConsistentBookings } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'

describe.each(providers)('simultaneous accepts on %s', (provider: Provider) => {
  const test = useAppInstances(provider)
  const { instance } = test

  it('100 accepts for one person’s slot and the last two tables book 3 meetings and tell the other 97 why', async () => {
    const { db } = test
    // Three tables, one kept for an organisation nobody here belongs to: two usable per slot.
    const event = await createMeetingEvent(db, { slots: 2, tables: 3, maxMeetingsPerPerson: 100, maxPendingRequestsPerPerson: 100 })
    const delegation = await createOrganisation(db, 'Absent delegation')
    await db.meetingTable.updateMany({ where: { eventId: event.id, number: 1 }, data: { reservedForOrganisationId: delegation.id } })
    const [personSlot, tableSlot] = [event.slots[0]!, event.slots[1]!]
    const [hub] = await createParticipants(db, event.id, 1, { namePrefix: 'Kadri Tamm' })
    const askedByHub = await createParticipants(db, event.id, 50, { namePrefix: 'Recipient' })
    const pairs = await createParticipants(db, event.id, 100, { namePrefix: 'Pair member' })

    // 50 requests from one person, all for the same slot; 50 from different people for another.
    const contests = [
      ...(
        await createPendingRequests(db, event.id, askedByHub.map((recipient) => ({ requesterId: hub!.id, recipientId: recipient.id, slotId: personSlot.id })))
      ).map((request) => ({ ...request, slotId: personSlot.id })),
      ...(
        await createPendingRequests(
          db,
          event.id,
          Array.from({ length: 50 }, (_, index) => ({ requesterId: pairs[2 * index]!.id, recipientId: pairs[2 * index + 1]!.id, slotId: tableSlot.id })),
        )
      ).map((request) => ({ ...request, slotId: tableSlot.id })),
    ]
    const messagesBefore = await db.outboxMessage.count({ where: { eventId: event.id } })

    // Interleaved, so both kinds of contest run at the same time on both instances.
    const order = contests.map((_, index) => (index % 2 === 0 ? index / 2 : 50 + (index - 1) / 2))
    const outcomes = await Promise.allSettled(
      order.map((contestIndex, index) => {
        const contest = contests[contestIndex]!
        return acceptMeetingRequest(instance(index), { eventId: event.id, requestId: contest.requestId, userId: contest.recipientId, slotId: contest.slotId })
      }),
    )

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))
    expect(won).toHaveLength(3)
    expect(lost.filter((error) => !(error instanceof DomainError)).map(String)).toEqual([])
    expect(lost.every((error) => (error as DomainError).reason === 'conflict')).toBe(true)
    const reasons = lost.map((error) => (error as DomainError).code)
    expect(reasons.filter((reason) => reason === 'busy')).toHaveLength(49)
    expect(reasons.filter((reason) => reason === 'no-table')).toHaveLength(48)
    for (const error of lost as DomainError[]) {
      expect(error.message).toMatch(
        error.code === 'busy'
          ? /^Kadri Tamm 1 is no longer free at \d\d:\d\d on .+; pick another slot\.$/
          : /^All tables are taken at \d\d:\d\d on .+; pick another slot\.$/,
      )
    }

    const meetings = await db.meeting.findMany({ where: { eventId: event.id }, select: { slotId: true, table: { select: { number: true } } } })
    expect(meetings.filter((meeting) => meeting.slotId === personSlot.id).map((meeting) => meeting.table.number)).toEqual([2])
    expect(meetings.filter((meeting) => meeting.slotId === tableSlot.id).map((meeting) => meeting.table.number).sort()).toEqual([2, 3])
    // Losing accepts rolled back completely: their requests still wait, and nobody was emailed for them.
    expect(await db.meetingRequest.count({ where: { eventId: event.id, status: 'PENDING' } })).toBe(97)
    expect(await db.meetingRequest.count({ where: { eventId: event.id, status: 'ACCEPTED' } })).toBe(3)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-accepted' } })).toBe(6)
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(messagesBefore + 12)
    await expectConsistentBookings(test.db, event.id)
  }, 180_000)

  it('the same request accepted ten times at once, and accepted while withdrawn, books at most one meeting', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [requester, recipient, other] = await createParticipants(db, event.id, 3)
    const slotId = event.slots[0]!.id
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: requester!.id, recipientId: recipient!.id, slotIds: [slotId] })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => acceptMeetingRequest(instance(index), { eventId: event.id, requestId, userId: recipient!.id, slotId })),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ name: 'DomainError', reason: 'conflict' })
    }
    expect(await db.meeting.count({ where: { requestId } })).toBe(1)

    const race = await requestMeeting(db, { eventId: event.id, requesterId: other!.id, recipientId: recipient!.id, slotIds: [event.slots[1]!.id] })
    const [accepted, withdrawn] = await Promise.allSettled([
      acceptMeetingRequest(instance(0), { eventId: event.id, requestId: race.requestId, userId: recipient!.id, slotId: event.slots[1]!.id }),
      withdrawMeetingRequest(instance(1), { eventId: event.id, requestId: race.requestId, userId: other!.id }),
    ])
    expect([accepted.status, withdrawn.status].filter((status) => status === 'fulfilled')).toHaveLength(1)
    const final = await db.meetingRequest.findUniqueOrThrow({ where: { id: race.requestId }, select: { status: true } })
    expect(await db.meeting.count({ where: { requestId: race.requestId } })).toBe(final.status === 'ACCEPTED' ? 1 : 0)
    await expectConsistentBookings(test.db, event.id)
  })

  it('50 requests at once from one person stop at the pending limit, and one open request per pair holds', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { maxPendingRequestsPerPerson: 5 })
    const [sender] = await createParticipants(db, event.id, 1)
    const recipients = await createParticipants(db, event.id, 50)
    const outcomes = await Promise.allSettled(
      recipients.map((recipient, index) =>
        requestMeeting(instance(index), { eventId: event.id, requesterId: sender!.id, recipientId: recipient.id, slotIds: [event.slots[0]!.id] }),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ name: 'DomainError', reason: 'limit' })
    }

    // Both directions at once for the same pair: one request, one clear refusal.
    const [a, b] = recipients
    const pair = await Promise.allSettled([
      requestMeeting(instance(0), { eventId: event.id, requesterId: a!.id, recipientId: b!.id, slotIds: [event.slots[1]!.id] }),
      requestMeeting(instance(1), { eventId: event.id, requesterId: b!.id, recipientId: a!.id, slotIds: [event.slots[1]!.id] }),
      requestMeeting(instance(0), { eventId: event.id, requesterId: a!.id, recipientId: b!.id, slotIds: [event.slots[2]!.id] }),
    ])
    expect(pair.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    for (const outcome of pair) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ name: 'DomainError', reason: 'conflict' })
    }
    expect(await db.meetingRequest.count({ where: { eventId: event.id, requesterId: { in: [a!.id, b!.id] }, recipientId: { in: [a!.id, b!.id] } } })).toBe(1)
    await expectConsistentBookings(test.db, event.id)
  })
  it('a requester blocking the slot while the recipient accepts it: never both a block and a meeting', { timeout: 120_000 }, async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, maxMeetingsPerPerson: 100, maxPendingRequestsPerPerson: 100 })
    const rounds = 10
    const people = await createParticipants(db, event.id, rounds * 2)
    const slot = event.slots[0]!
    const pairs = Array.from({ length: rounds }, (_, index) => ({ requester: people[2 * index]!, recipient: people[2 * index + 1]! }))
    const requests = await createPendingRequests(db, event.id, pairs.map(({ requester, recipient }) => ({ requesterId: requester.id, recipientId: recipient.id, slotId: slot.id })))

    const outcomes = await Promise.all(
      pairs.map(async ({ requester }, index) => {
        const [block, accept] = await Promise.allSettled([
          blockSlot(instance(index), { eventId: event.id, userId: requester.id, slotId: slot.id }),
          acceptMeetingRequest(instance(index + 1), { eventId: event.id, requestId: requests[index]!.requestId, userId: requests[index]!.recipientId, slotId: slot.id }),
        ])
        return { block, accept }
      }),
    )
    for (const [index, { block, accept }] of outcomes.entries()) {
      const requester = pairs[index]!.requester
      expect([block.status, accept.status].sort()).toEqual(['fulfilled', 'rejected'])
      const refusal = (block.status === 'rejected' ? block.reason : (accept as PromiseRejectedResult).reason) as DomainError
      expect(refusal).toBeInstanceOf(DomainError)
      if (block.status === 'rejected') expect(refusal).toMatchObject({ reason: 'conflict', message: expect.stringMatching(/^You have a meeting at /) })
      else expect(refusal).toMatchObject({ reason: 'conflict', code: 'busy', message: expect.stringMatching(new RegExp(`^${requester.name} is no longer free at `)) })
      const blocks = await db.blockedSlot.count({ where: { userId: requester.id, slotId: slot.id } })
      const meetings = await db.meetingParticipant.count({ where: { userId: requester.id, activeSlotId: slot.id } })
      expect(blocks + meetings).toBe(1)
    }
    await expectConsistentBookings(test.db, event.id)
  })
})
