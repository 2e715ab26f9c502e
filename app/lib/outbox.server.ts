// The email outbox. A change that causes an email writes the message as a row in the same
// transaction as the change (queueEmail); a worker in every app instance claims due rows,
// delivers them and retries failures with back-off. Rows are claimed in the database, so any number of
// instances sharing one PostgreSQL database send each message once
// (docs/decisions/005-email-outbox.md).
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { empty, join, sqltag as sql } from '@prisma/client/runtime/client'
import type { Db, DbTransaction } from './db-client.server.ts'
import { inviteMethods, type InviteMethod, type MailTransport, type OutgoingEmail } from './mail-transport.server.ts'

/** Delivery attempts before a message is given up as FAILED (about two hours of retries). */
export const OUTBOX_MAX_ATTEMPTS = 10
/** A claim older than this is taken to belong to a crashed worker, and the message is retaken. */
export const OUTBOX_CLAIM_LEASE_MS = 5 * 60_000
const RETRY_BASE_DELAY_MS = 15_000
const RETRY_MAX_DELAY_MS = 60 * 60_000
const DEFAULT_BATCH_SIZE = 20
const DEFAULT_POLL_INTERVAL_MS = 1_500
/** After queueEmail in this process, the worker looks this much later: time for the caller's transaction to commit. */
const NUDGE_DELAY_MS = 100
const LAST_ERROR_MAX_LENGTH = 2_000

export type QueuedEmail = {
  /** Names the change that causes the message, e.g. "sign-in:<tokenId>"; a key is queued once, ever. */
  idempotencyKey: string
  /** The template kind, e.g. "sign-in". */
  kind: string
  to: { email: string; name?: string | null }
  subject: string
  html: string
  text: string
  invite?: { method: InviteMethod; ics: string } | null
  eventId?: string | null
  userId?: string | null
  /** Deliver no earlier than this (e.g. a reminder before a meeting); now when absent. */
  notBefore?: Date | null
}

/**
 * Writes the message into the outbox as part of the caller's transaction (or on its own with
 * `db`). A second message with the same idempotency key is skipped without an error, so the
 * caller's transaction goes on: a unique violation would abort a PostgreSQL transaction.
 */
export async function queueEmail(tx: Db | DbTransaction, message: QueuedEmail): Promise<{ queued: boolean }> {
  if (message.invite) assertInviteMethodMatches(message.invite)
  // Dates are bound explicitly: SQLite compares them as text, and the column default
  // (CURRENT_TIMESTAMP) writes another format than the one Prisma writes and compares with.
  const now = new Date()
  const inserted = await tx.$executeRaw`
    INSERT INTO "OutboxMessage" (
      "id", "idempotencyKey", "kind", "eventId", "userId", "toEmail", "toName", "subject", "html", "text",
      "icsMethod", "icsContent", "nextAttemptAt", "createdAt"
    ) VALUES (
      ${randomUUID()}, ${message.idempotencyKey}, ${message.kind}, ${message.eventId ?? null}, ${message.userId ?? null},
      ${message.to.email}, ${message.to.name ?? null}, ${message.subject}, ${message.html}, ${message.text},
      ${message.invite?.method ?? null}, ${message.invite?.ics ?? null}, ${message.notBefore ?? now}, ${now}
    )
    ON CONFLICT ("idempotencyKey") DO NOTHING`
  if (inserted === 0) return { queued: false }
  nudgeOutboxWorkers()
  return { queued: true }
}

/** Rows per INSERT in queueEmails: well under SQLite's limit of bound values per statement. */
const BATCH_ROWS = 100

/**
 * queueEmail for many messages at once (a change that reaches every attendee): the same rows
 * and the same once-per-key rule, written a hundred per statement instead of one.
 */
export async function queueEmails(tx: Db | DbTransaction, messages: readonly QueuedEmail[]): Promise<{ queued: number }> {
  const now = new Date()
  let queued = 0
  for (let start = 0; start < messages.length; start += BATCH_ROWS) {
    const batch = messages.slice(start, start + BATCH_ROWS)
    for (const message of batch) if (message.invite) assertInviteMethodMatches(message.invite)
    const rows = batch.map(
      (message) => sql`(
        ${randomUUID()}, ${message.idempotencyKey}, ${message.kind}, ${message.eventId ?? null}, ${message.userId ?? null},
        ${message.to.email}, ${message.to.name ?? null}, ${message.subject}, ${message.html}, ${message.text},
        ${message.invite?.method ?? null}, ${message.invite?.ics ?? null}, ${message.notBefore ?? now}, ${now}
      )`,
    )
    queued += await tx.$executeRaw`
      INSERT INTO "OutboxMessage" (
        "id", "idempotencyKey", "kind", "eventId", "userId", "toEmail", "toName", "subject", "html", "text",
        "icsMethod", "icsContent", "nextAttemptAt", "createdAt"
      ) VALUES ${join(rows)}
      ON CONFLICT ("idempotencyKey") DO NOTHING`
  }
  if (queued > 0) nudgeOutboxWorkers()
  return { queued }
}

/**
 * Takes back messages that were queued for later (e.g. the reminder of a meeting just
 * cancelled), in the caller's transaction. Only rows no worker has claimed yet are removed.
 */
export async function withdrawQueuedEmails(tx: Db | DbTransaction, idempotencyKeys: readonly string[]) {
  const withdrawn = await tx.outboxMessage.deleteMany({ where: { idempotencyKey: { in: [...idempotencyKeys] }, status: 'PENDING' } })
  return { withdrawn: withdrawn.count }
}

/** Calendar clients act on the METHOD inside the .ics; it must be the one the email announces. */
function assertInviteMethodMatches(invite: { method: InviteMethod; ics: string }) {
  const methodInIcs = /^METHOD:(.*)$/m.exec(invite.ics)?.[1]?.trim()
  if (methodInIcs !== invite.method) {
    throw new Error(`Invite method ${invite.method} does not match the calendar's METHOD:${methodInIcs ?? ' (missing)'}`)
  }
}

/**
 * How long to wait before attempt `attempts + 1`, after `attempts` failed: 15 s doubling per
 * attempt up to an hour, each spread by ±20 % so messages that failed together do not retry
 * together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random) {
  const exponential = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(exponential * (0.8 + 0.4 * random()))
}

export type OutboxBatchOptions = {
  /** Names this worker in claimedBy, e.g. "host:pid:random". */
  workerId: string
  transport: MailTransport
  /** The current time; tests pass a later one instead of waiting for a back-off. */
  now?: Date
  batchSize?: number
}

export type OutboxBatchResult = {
  claimed: number
  delivered: number
  /** Failed this time, to be retried later. */
  retrying: number
  /** Failed for the last allowed time: now FAILED. */
  failed: number
}

/** Claims up to one batch of due messages, delivers them, and records each outcome. */
export async function processOutboxBatch(db: Db, options: OutboxBatchOptions): Promise<OutboxBatchResult> {
  const { workerId, transport } = options
  const clock = () => options.now ?? new Date()
  const claimedIds = await claimDueMessages(db, workerId, clock(), options.batchSize ?? DEFAULT_BATCH_SIZE)
  const result: OutboxBatchResult = { claimed: claimedIds.length, delivered: 0, retrying: 0, failed: 0 }
  if (claimedIds.length === 0) return result

  const messages = await db.outboxMessage.findMany({
    where: { id: { in: claimedIds } },
    select: {
      id: true,
      toEmail: true,
      toName: true,
      subject: true,
      html: true,
      text: true,
      icsMethod: true,
      icsContent: true,
      attempts: true,
    },
  })
  // Only rows this worker still holds are updated: if a claim outlived its lease and another
  // worker took the row, that worker records the outcome.
  const heldByThisWorker = (id: string) => ({ id, status: 'SENDING' as const, claimedBy: workerId })

  await Promise.all(
    messages.map(async (message) => {
      try {
        await transport.send(toOutgoingEmail(message))
      } catch (error) {
        const lastError = describeError(error).slice(0, LAST_ERROR_MAX_LENGTH)
        // attempts was counted when the row was claimed, so it includes this one.
        if (message.attempts >= OUTBOX_MAX_ATTEMPTS) {
          result.failed++
          await db.outboxMessage.updateMany({ where: heldByThisWorker(message.id), data: { status: 'FAILED', lastError } })
        } else {
          result.retrying++
          const nextAttemptAt = new Date(clock().getTime() + retryDelayMs(message.attempts))
          await db.outboxMessage.updateMany({ where: heldByThisWorker(message.id), data: { status: 'PENDING', lastError, nextAttemptAt } })
        }
        return
      }
      result.delivered++
      await db.outboxMessage.updateMany({
        where: heldByThisWorker(message.id),
        data: { status: transport.deliveredStatus, sentAt: clock() },
      })
    }),
  )
  return result
}

/**
 * Marks up to `limit` due messages SENDING for this worker in one statement and returns their
 * ids. Due: PENDING with nextAttemptAt reached, or SENDING under a claim older than the lease
 * (its worker died). The attempt is counted here, so a message that kills its worker still
 * reaches the bound. PostgreSQL skips rows another instance is claiming at the same moment
 * (SKIP LOCKED); SQLite has one writer at a time, so its single UPDATE is already atomic.
 */
async function claimDueMessages(db: Db, workerId: string, now: Date, limit: number): Promise<string[]> {
  const staleClaimBefore = new Date(now.getTime() - OUTBOX_CLAIM_LEASE_MS)
  const skipRowsBeingClaimed = databaseProviderOf(db) === 'postgresql' ? sql`FOR UPDATE SKIP LOCKED` : empty
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "OutboxMessage"
    SET "status" = 'SENDING', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'SENDING' AND "claimedAt" <= ${staleClaimBefore})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      ${skipRowsBeingClaimed}
    )
    RETURNING "id"`
  return rows.map((row) => row.id)
}

/**
 * The engine behind a client. Prisma keeps it in `_activeProvider` (not in its public types);
 * the claim needs it because SQLite has no FOR UPDATE SKIP LOCKED.
 */
function databaseProviderOf(db: Db): 'postgresql' | 'sqlite' {
  const provider: unknown = Reflect.get(db, '_activeProvider')
  if (provider === 'postgresql' || provider === 'sqlite') return provider
  throw new Error(`Unsupported database provider for the outbox: ${String(provider)}`)
}

function toOutgoingEmail(message: {
  id: string
  toEmail: string
  toName: string | null
  subject: string
  html: string
  text: string
  icsMethod: string | null
  icsContent: string | null
}): OutgoingEmail {
  const inviteMethod = inviteMethods.find((method) => method === message.icsMethod)
  return {
    id: message.id,
    to: { email: message.toEmail, name: message.toName },
    subject: message.subject,
    html: message.html,
    text: message.text,
    invite: inviteMethod && message.icsContent ? { method: inviteMethod, ics: message.icsContent } : null,
  }
}

function describeError(error: unknown) {
  if (!(error instanceof Error)) return String(error)
  // nodemailer adds the SMTP server's reply (e.g. "550 5.1.1 mailbox unavailable") as `response`.
  const response: unknown = Reflect.get(error, 'response')
  return typeof response === 'string' && !error.message.includes(response) ? `${error.message}: ${response}` : error.message
}

// ---------- The worker loop ----------

/** Wakes the workers of this process; the polling covers messages queued by other instances. */
const outboxWakeUps = new Set<() => void>()

function nudgeOutboxWorkers() {
  for (const wakeUp of outboxWakeUps) wakeUp()
}

export type OutboxWorkerOptions = {
  transport: MailTransport
  workerId?: string
  pollIntervalMs?: number
  batchSize?: number
}

export type OutboxWorker = {
  /** Stops polling and resolves once the batch in progress (if any) is recorded. */
  stop(): Promise<void>
}

/**
 * Delivers due messages until none are left, then polls; queueEmail in this process wakes it
 * sooner. Errors (e.g. the database briefly unreachable) are logged and retried on the next poll.
 */
export function startOutboxWorker(db: Db, options: OutboxWorkerOptions): OutboxWorker {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  let stopped = false
  let nudgedWhileBusy = false
  let sleep: { timer: NodeJS.Timeout; wakesAt: number; wake: () => void } | null = null

  const sleepFor = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        if (sleep) clearTimeout(sleep.timer)
        sleep = null
        resolve()
      }
      sleep = { timer: setTimeout(wake, ms), wakesAt: Date.now() + ms, wake }
    })

  const wakeSoon = () => {
    if (!sleep) {
      nudgedWhileBusy = true
      return
    }
    if (sleep.wakesAt - Date.now() > NUDGE_DELAY_MS) {
      clearTimeout(sleep.timer)
      sleep.timer = setTimeout(sleep.wake, NUDGE_DELAY_MS)
      sleep.wakesAt = Date.now() + NUDGE_DELAY_MS
    }
  }
  outboxWakeUps.add(wakeSoon)

  const drain = async () => {
    while (!stopped) {
      const batch = await processOutboxBatch(db, { workerId, transport: options.transport, batchSize })
      if (batch.failed > 0) console.warn(`Outbox: ${batch.failed} message(s) failed ${OUTBOX_MAX_ATTEMPTS} times and were given up`)
      if (batch.claimed < batchSize) return
    }
  }

  const running = (async () => {
    while (!stopped) {
      nudgedWhileBusy = false
      try {
        await drain()
      } catch (error) {
        console.error('Outbox: a delivery batch failed; retrying on the next poll', error)
      }
      if (!stopped) await sleepFor(nudgedWhileBusy ? NUDGE_DELAY_MS : pollIntervalMs)
    }
  })()

  return {
    async stop() {
      stopped = true
      outboxWakeUps.delete(wakeSoon)
      sleep?.wake()
      await running
    },
  }
}
