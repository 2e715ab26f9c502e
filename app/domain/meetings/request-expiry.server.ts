// Pending meeting requests expire (docs/decisions/010-meeting-booking.md, "Expiry"): after a
// week unanswered, when none of their proposed slots can be booked any more, or when the
// event's booking has closed. An open request holds the requester's pending counter and the
// pair's one open request, so a stale one would keep blocking both people. Every app instance
// runs the job beside its outbox worker; each request is closed by one conditional UPDATE, so
// instances racing each other (or an accept) close it, free the counter and email once.
import type { Db } from '#app/lib/db-client.server.ts'
import { transactionRetriedOnConflict } from '#app/lib/db-client.server.ts'
import { bookableSlotWhere, notifyAboutRequest, releasePendingRequest } from './meetings.server.ts'
import { MEETING_REQUEST_EXPIRY_MS, meetingBookingHasClosed, meetingRequestExpiryReason, type MeetingRequestExpiryReason } from './meetings.ts'

/** Requests looked at per run: keeps each query's list of ids well under SQLite's bound-parameter limit. */
export const MEETING_REQUEST_EXPIRY_BATCH_SIZE = 200
const DEFAULT_INTERVAL_MS = 60_000

export type MeetingRequestExpiryResult = {
  /** Requests found due this run (at most the batch size). */
  examined: number
  /** Requests this run closed; the others were answered or closed by someone else meanwhile. */
  expired: number
}

type DueRequest = {
  id: string
  eventId: string
  requesterId: string
  awaitingUserId: string | null
  updatedAt: Date
  reason: MeetingRequestExpiryReason
}

/**
 * Expires up to one batch of due pending requests, across all events: each in its own
 * transaction, status EXPIRED with the pair key and the awaited person cleared, the requester's
 * pending counter freed, and one email to the requester saying why.
 */
export async function expireMeetingRequests(db: Db, options: { now?: Date; batchSize?: number } = {}): Promise<MeetingRequestExpiryResult> {
  const now = options.now ?? new Date()
  const due = await findDueRequests(db, now, options.batchSize ?? MEETING_REQUEST_EXPIRY_BATCH_SIZE)
  let expired = 0
  for (const request of due) {
    if (await expireRequest(db, request, now)) expired++
  }
  return { examined: due.length, expired }
}

/** Flat queries only: an event list, then per event its due requests and which of them still have a bookable slot. */
async function findDueRequests(db: Db, now: Date, limit: number): Promise<DueRequest[]> {
  const events = await db.event.findMany({
    where: { meetingRequests: { some: { status: 'PENDING' } } },
    orderBy: { id: 'asc' },
    select: { id: true, b2bBookingClosesAt: true, endsAt: true },
  })
  const lastHandedOverBefore = new Date(now.getTime() - MEETING_REQUEST_EXPIRY_MS)
  const due: DueRequest[] = []
  for (const event of events) {
    if (due.length >= limit) break
    const bookingClosed = meetingBookingHasClosed(event, now)
    const candidates = await db.meetingRequest.findMany({
      where: {
        eventId: event.id,
        status: 'PENDING',
        // updatedAt moves only when the request is sent or handed over with other times.
        ...(bookingClosed
          ? {}
          : { OR: [{ updatedAt: { lte: lastHandedOverBefore } }, { proposedSlots: { none: { slot: bookableSlotWhere(event.id, now) } } }] }),
      },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take: limit - due.length,
      select: { id: true, requesterId: true, awaitingUserId: true, updatedAt: true },
    })
    if (candidates.length === 0) continue
    const withBookableSlot = await db.meetingRequestSlot.findMany({
      where: { requestId: { in: candidates.map((candidate) => candidate.id) }, slot: bookableSlotWhere(event.id, now) },
      select: { requestId: true },
    })
    const bookable = new Set(withBookableSlot.map((proposal) => proposal.requestId))
    for (const candidate of candidates) {
      const reason = meetingRequestExpiryReason({ event, anyProposedSlotBookable: bookable.has(candidate.id), handedOverAt: candidate.updatedAt }, now)
      if (reason) due.push({ ...candidate, eventId: event.id, reason })
    }
  }
  return due
}

/**
 * Closes one request if it is still pending and unchanged since it was found due (a proposal
 * of other times in between moves updatedAt and hands it on, so it is not expired). Of an
 * accept, a withdrawal or another instance's expiry racing this one, exactly one changes the
 * row; the loser of the race here changes nothing and sends nothing.
 */
async function expireRequest(db: Db, request: DueRequest, now: Date) {
  return transactionRetriedOnConflict(db, async (tx) => {
    const closed = await tx.meetingRequest.updateMany({
      where: { id: request.id, status: 'PENDING', updatedAt: request.updatedAt },
      data: { status: 'EXPIRED', openPairKey: null, awaitingUserId: null, updatedAt: now },
    })
    if (closed.count === 0) return false
    await releasePendingRequest(tx, request.eventId, request.requesterId)
    await notifyAboutRequest(tx, {
      eventId: request.eventId,
      requestId: request.id,
      kind: 'expired',
      toUserId: request.requesterId,
      key: request.id,
      expiry: { reason: request.reason, waitedForYou: request.awaitingUserId === request.requesterId },
    })
    return true
  })
}

export type MeetingRequestExpiryWorker = {
  /** Stops the timer and resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>
}

/**
 * Runs expireMeetingRequests now and then every `intervalMs` (a minute), batch after batch
 * while full batches keep expiring. The timer does not keep the process alive; a failed run is
 * logged and the next one tries again.
 */
export function startMeetingRequestExpiry(db: Db, options: { intervalMs?: number; batchSize?: number } = {}): MeetingRequestExpiryWorker {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  const batchSize = options.batchSize ?? MEETING_REQUEST_EXPIRY_BATCH_SIZE
  let stopped = false
  let timer: NodeJS.Timeout | null = null

  const run = async () => {
    try {
      let result: MeetingRequestExpiryResult
      do {
        result = await expireMeetingRequests(db, { batchSize })
      } while (!stopped && result.examined === batchSize && result.expired > 0)
    } catch (error) {
      console.error('Meeting request expiry: a run failed; trying again on the next one', error)
    }
    if (stopped) return
    timer = setTimeout(() => {
      running = run()
    }, intervalMs)
    timer.unref()
  }
  let running = run()

  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
