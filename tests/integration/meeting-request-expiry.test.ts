// Pending meeting requests expire after a week unanswered, when none of their proposed times
// can be booked any more, or when booking closes: the request is EXPIRED, the requester's
// pending counter and the pair's open request are freed, and the requester alone gets one
// email saying why. Fresh, answered and still bookable requests are left alone. On SQLite and
// on PostgreSQL with two app instances: an accept racing the expiry wins or loses whole, and
// expiry runs racing each other close each request and send each email once.
import { describe, expect, it, vi } from 'vitest'
import { expireMeetingRequests, startMeetingRequestExpiry } from '#app/domain/meetings/request-expiry.server.ts'
import { getMeetingsOverview } from '#app/domain/meetings/views.server.ts'
import { acceptMeetingRequest, declineMeetingRequest, proposeOtherSlots, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { backdateRequests, createMeetingEvent, createParticipants, createPendingRequests, expectConsistentBookings } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const WEEK_AND_A_DAY = 8
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(providers)('meeting request expiry on %s', (provider: Provider) => {
  const test = useAppInstances(provider)
  const { instance } = test

  const requestOf = (requestId: string) =>
    test.db.meetingRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, openPairKey: true, awaitingUserId: true } })

  const pendingSent = async (eventId: string, userId: string) =>
    (await test.db.matchmakingProfile.findUniqueOrThrow({ where: { eventId_userId: { eventId, userId } }, select: { pendingRequestsSent: true } }))
      .pendingRequestsSent

  const expiryEmails = (where: { eventId?: string; idempotencyKey?: string }) =>
    findQueuedEmails(test.db, { where: { kind: 'meeting-expired', ...where } })

  const ask = (db: Db, eventId: string, requesterId: string, recipientId: string, slotIds: string[]) =>
    requestMeeting(db, { eventId, requesterId, recipientId, slotIds })

  /** A new event where Participant 1 asked Participant 2 to meet `daysAgo` days ago. */
  async function requestSentDaysAgo(daysAgo: number) {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const { requestId } = await ask(db, event.id, ana!.id, ben!.id, [event.slots[0]!.id])
    await backdateRequests(db, [requestId], daysAgo)
    return { event, ana: ana!, ben: ben!, requestId }
  }

  it('expires a request unanswered for a week, frees the counter and the pair, and tells only the requester why', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { maxPendingRequestsPerPerson: 1 })
    const [ana, ben, cy] = await createParticipants(db, event.id, 3)
    const stale = await ask(db, event.id, ana!.id, ben!.id, [event.slots[0]!.id])
    await expect(ask(db, event.id, ana!.id, cy!.id, [event.slots[1]!.id])).rejects.toMatchObject({ reason: 'limit' })
    await backdateRequests(db, [stale.requestId], WEEK_AND_A_DAY)
    const fresh = await ask(db, event.id, cy!.id, ben!.id, [event.slots[1]!.id])

    await expireMeetingRequests(instance(0))

    expect(await requestOf(stale.requestId)).toEqual({ status: 'EXPIRED', openPairKey: null, awaitingUserId: null })
    expect((await requestOf(fresh.requestId)).status).toBe('PENDING')
    expect(await pendingSent(event.id, ana!.id)).toBe(0)
    const emails = await expiryEmails({ eventId: event.id })
    expect(emails.map((email) => [email.idempotencyKey, email.userId])).toEqual([[`meeting:expired:${stale.requestId}`, ana!.id]])
    const [email] = emails
    expect(email!.subject).toBe('Your meeting request to Participant 2 (Org 2) has expired')
    for (const words of [
      'They did not answer within a week, so the request has lapsed.',
      'It no longer counts against your pending requests.',
      'request a meeting again',
      'Request again',
      `/events/${event.slug}/meetings/request/${ben!.id}`,
    ]) {
      expect(email!.text).toContain(words)
    }
    // Answering it now is refused in words that say what happened.
    await expect(acceptMeetingRequest(db, { eventId: event.id, requestId: stale.requestId, userId: ben!.id, slotId: event.slots[0]!.id })).rejects.toMatchObject({
      reason: 'conflict',
      message: 'This request has expired. Send a new one if you still want to meet.',
    })
    // Both people see it in their history with the reason.
    for (const userId of [ana!.id, ben!.id]) {
      const overview = await getMeetingsOverview(db, { eventId: event.id, userId })
      expect(overview.closedRequests.map((request) => [request.id, request.status, request.expiredBecause])).toEqual([
        [stale.requestId, 'EXPIRED', 'unanswered'],
      ])
    }

    // A second run finds nothing more to do: still one email, the counter not moved again.
    await expireMeetingRequests(instance(1))
    expect(await expiryEmails({ eventId: event.id })).toHaveLength(1)
    expect(await pendingSent(event.id, ana!.id)).toBe(0)

    // The pending limit and the pair are free again: the same two can meet after all.
    const again = await ask(db, event.id, ana!.id, ben!.id, [event.slots[2]!.id])
    expect((await requestOf(again.requestId)).status).toBe('PENDING')
    await expectConsistentBookings(db, event.id)
  })

  it('counts the week from the last proposal of other times, and tells the requester the answer was theirs', async () => {
    const { db } = test
    const { event, ana, ben, requestId } = await requestSentDaysAgo(10)
    await proposeOtherSlots(db, { eventId: event.id, requestId, userId: ben.id, slotIds: [event.slots[3]!.id] })

    await expireMeetingRequests(instance(0))
    expect((await requestOf(requestId)).status).toBe('PENDING')

    await backdateRequests(db, [requestId], WEEK_AND_A_DAY)
    await expireMeetingRequests(instance(1))
    expect((await requestOf(requestId)).status).toBe('EXPIRED')
    const [email] = await expiryEmails({ idempotencyKey: `meeting:expired:${requestId}` })
    expect(email!.userId).toBe(ana.id)
    expect(email!.text).toContain('They proposed other times, and you did not answer within a week, so the request has lapsed.')
    await expectConsistentBookings(db, event.id)
  })

  it('expires a request none of whose proposed times can still be booked, and keeps one with a time still ahead', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben, cy, dan] = await createParticipants(db, event.id, 4)
    const [first, second] = event.slots
    const lapsed = await ask(db, event.id, ana!.id, ben!.id, [first!.id])
    const open = await ask(db, event.id, cy!.id, dan!.id, [first!.id, second!.id])
    // The first slot has begun: the organisers moved it to now.
    await db.meetingSlot.update({ where: { id: first!.id }, data: { startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 60_000) } })

    await expireMeetingRequests(instance(0))

    expect((await requestOf(lapsed.requestId)).status).toBe('EXPIRED')
    expect((await requestOf(open.requestId)).status).toBe('PENDING')
    const [email] = await expiryEmails({ eventId: event.id })
    expect(email!.userId).toBe(ana!.id)
    expect(email!.text).toContain('None of the proposed times is still available, so the request can no longer be accepted.')
    expect(email!.text).toContain(`/events/${event.slug}/meetings/request/${ben!.id}`)
    const overview = await getMeetingsOverview(db, { eventId: event.id, userId: ben!.id })
    expect(overview.closedRequests.map((request) => request.expiredBecause)).toEqual(['no-bookable-slot'])
    await expectConsistentBookings(db, event.id)
  })

  it('expires every pending request once booking has closed, and leaves answered ones and other events alone', async () => {
    const { db } = test
    const event = await createMeetingEvent(db)
    const otherEvent = await createMeetingEvent(db)
    const [ana, ben, cy, dan, eve, fay] = await createParticipants(db, event.id, 6)
    const [gus, hal] = await createParticipants(db, otherEvent.id, 2)
    const pending = await ask(db, event.id, ana!.id, ben!.id, [event.slots[0]!.id])
    const declined = await ask(db, event.id, cy!.id, dan!.id, [event.slots[0]!.id])
    await declineMeetingRequest(db, { eventId: event.id, requestId: declined.requestId, userId: dan!.id })
    const accepted = await ask(db, event.id, eve!.id, fay!.id, [event.slots[1]!.id])
    await acceptMeetingRequest(db, { eventId: event.id, requestId: accepted.requestId, userId: fay!.id, slotId: event.slots[1]!.id })
    const elsewhere = await ask(db, otherEvent.id, gus!.id, hal!.id, [otherEvent.slots[0]!.id])
    await backdateRequests(db, [declined.requestId, accepted.requestId], WEEK_AND_A_DAY)
    await db.event.update({ where: { id: event.id }, data: { b2bBookingClosesAt: new Date(Date.now() - 60_000) } })

    await expireMeetingRequests(instance(0))

    expect((await requestOf(pending.requestId)).status).toBe('EXPIRED')
    expect((await requestOf(declined.requestId)).status).toBe('DECLINED')
    expect((await requestOf(accepted.requestId)).status).toBe('ACCEPTED')
    expect(await db.meeting.count({ where: { requestId: accepted.requestId, status: 'CONFIRMED' } })).toBe(1)
    expect((await requestOf(elsewhere.requestId)).status).toBe('PENDING')
    const emails = await expiryEmails({ eventId: event.id })
    expect(emails.map((email) => email.userId)).toEqual([ana!.id])
    expect(emails[0]!.text).toContain('Meeting booking for B2B Test Day has closed, so the request can no longer be accepted.')
    expect(emails[0]!.text).toContain('See your meetings')
    expect(emails[0]!.text).toContain(`/events/${event.slug}/meetings`)
    expect(emails[0]!.text).not.toContain('/meetings/request/')
    const overview = await getMeetingsOverview(db, { eventId: event.id, userId: ana!.id })
    expect(overview.closedRequests.find((request) => request.id === pending.requestId)?.expiredBecause).toBe('booking-closed')
    await expectConsistentBookings(db, event.id)
  })

  it('an accept racing the expiry ends accepted with a meeting or expired without one, never both', { timeout: 120_000 }, async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { maxMeetingsPerPerson: 100, maxPendingRequestsPerPerson: 100 })
    const rounds = 10
    const people = await createParticipants(db, event.id, rounds * 2)
    for (let round = 0; round < rounds; round++) {
      const [requester, recipient] = [people[2 * round]!, people[2 * round + 1]!]
      const slotId = event.slots[round % event.slots.length]!.id
      const [request] = await createPendingRequests(db, event.id, [{ requesterId: requester.id, recipientId: recipient.id, slotId }])
      await backdateRequests(db, [request!.requestId], WEEK_AND_A_DAY)
      // Each round starts one side a few milliseconds after the other (the expiry first in the
      // early rounds, the accept first later), so the two claims meet at different points.
      const head = (round - rounds / 2) * 2
      const [accept, expiry] = await Promise.allSettled([
        sleep(Math.max(0, -head)).then(() => acceptMeetingRequest(instance(round), { eventId: event.id, requestId: request!.requestId, userId: recipient.id, slotId })),
        sleep(Math.max(0, head)).then(() => expireMeetingRequests(instance(round + 1))),
      ])
      expect(expiry.status).toBe('fulfilled')
      const { status } = await requestOf(request!.requestId)
      expect(['ACCEPTED', 'EXPIRED']).toContain(status)
      expect(accept.status).toBe(status === 'ACCEPTED' ? 'fulfilled' : 'rejected')
      if (accept.status === 'rejected') expect(accept.reason).toBeInstanceOf(DomainError)
      expect(await db.meeting.count({ where: { requestId: request!.requestId } })).toBe(status === 'ACCEPTED' ? 1 : 0)
      expect(await expiryEmails({ idempotencyKey: `meeting:expired:${request!.requestId}` })).toHaveLength(status === 'EXPIRED' ? 1 : 0)
      expect(await db.outboxMessage.count({ where: { kind: 'meeting-accepted', userId: { in: [requester.id, recipient.id] } } })).toBe(
        status === 'ACCEPTED' ? 2 : 0,
      )
    }
    await expectConsistentBookings(db, event.id)
  })

  it('expiry runs at once on two instances, in small batches, expire each request once and email once', { timeout: 120_000 }, async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { maxPendingRequestsPerPerson: 100 })
    const count = 45
    const people = await createParticipants(db, event.id, count + 1)
    const [hub, ...others] = people
    const requests = await createPendingRequests(
      db,
      event.id,
      others.map((person, index) => ({ requesterId: index % 2 === 0 ? hub!.id : person.id, recipientId: index % 2 === 0 ? person.id : hub!.id, slotId: event.slots[index % 6]!.id })),
    )
    await backdateRequests(db, requests.map((request) => request.requestId), WEEK_AND_A_DAY)

    const drain = async (instanceIndex: number) => {
      let expired = 0
      for (;;) {
        const run = await expireMeetingRequests(instance(instanceIndex), { batchSize: 10 })
        expired += run.expired
        if (run.examined === 0) return expired
      }
    }
    const expiredPerRun = await Promise.all([drain(0), drain(1), drain(0), drain(1)])

    expect(expiredPerRun.reduce((sum, expired) => sum + expired, 0)).toBe(count)
    expect(await db.meetingRequest.count({ where: { eventId: event.id, status: 'EXPIRED' } })).toBe(count)
    const emails = await expiryEmails({ eventId: event.id })
    expect(emails).toHaveLength(count)
    expect(new Set(emails.map((email) => email.idempotencyKey)).size).toBe(count)
    expect(await pendingSent(event.id, hub!.id)).toBe(0)
    await expectConsistentBookings(db, event.id)
  })

  it('runs in the background of an app instance and stops cleanly', async () => {
    const { db } = test
    const { event, requestId } = await requestSentDaysAgo(WEEK_AND_A_DAY)

    const worker = startMeetingRequestExpiry(instance(1), { intervalMs: 50 })
    try {
      await vi.waitFor(async () => expect((await requestOf(requestId)).status).toBe('EXPIRED'), { timeout: 10_000, interval: 50 })
    } finally {
      await worker.stop()
    }
    expect(await expiryEmails({ eventId: event.id })).toHaveLength(1)
    await expectConsistentBookings(db, event.id)
  })
})
