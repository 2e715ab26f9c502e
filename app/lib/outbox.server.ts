// The email outbox. A change that causes an email writes the message as a row in the same
// transaction as the change (queueEmail); a worker in every app instance claims due rows,
// delivers them and retries failures with back-off. Rows are claimed in the database, so any number of
// instances sharing one PostgreSQL database send each message once
// (docs/decisions/005-email-outbox.md).
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { empty, join, raw, sqltag as sql } from '@prisma/client/runtime/client'
import { databaseProviderOf, type Db, type DbTransaction } from './db-client.server.ts'
import type { InviteMethod, MailTransport } from './mail-transport.server.ts'

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
/**
 * While the instance's foreground is busy (people waiting in line for a seat), the worker sends
 * this many at a time with this pause between: emails keep flowing (up to twenty a second per
 * instance) and the rush gets the CPU that rendering them would take.
 */
const BUSY_BATCH_SIZE = 5
const BUSY_PAUSE_MS = 250
const LAST_ERROR_MAX_LENGTH = 2_000

/**
 * One outbox row as a feature queues it: who gets what, and what the worker renders it from.
 * The domain builds these (app/domain/messages/queued-email.server.ts); nothing heavy is
 * rendered while the caller's transaction holds its locks.
 */
export type OutboxRow = {
  /** Names the change that causes the message, e.g. "sign-in:<tokenId>"; a key is queued once, ever. */
  idempotencyKey: string
  /** What the message is about, e.g. "registration-approved"; lists and counts group by it. */
  kind: string
  to: { email: string; name?: string | null }
  subject: string
  /** The template that renders the message and a snapshot of its data (app/lib/snapshot.ts). */
  template: string
  payload: string
  /** The METHOD of the calendar invite the message carries, if any. */
  icsMethod: InviteMethod | null
  eventId?: string | null
  userId?: string | null
  /** Deliver no earlier than this (e.g. a reminder before a meeting); now when absent. */
  notBefore?: Date | null
  /** The record that reached many people with this row (an organiser's message), for counting its delivery. */
  sourceId?: string | null
}

/** Rows per INSERT: 14 values each, 7,000 a statement, well under SQLite's limit of bound values per statement (32,766) and PostgreSQL's (65,535); fewer round trips for a message to thousands. */
const BATCH_ROWS = 500

/**
 * Writes messages into the outbox as part of the caller's transaction (or on their own with
 * `db`), five hundred rows per statement. A row whose idempotency key is already queued is
 * skipped without an error, so the caller's transaction goes on: a unique violation would
 * abort a PostgreSQL transaction.
 */
export async function insertOutboxRows(tx: Db | DbTransaction, messages: readonly OutboxRow[]): Promise<{ queued: number }> {
  // Dates are bound explicitly: SQLite compares them as text, and the column default
  // (CURRENT_TIMESTAMP) writes another format than the one Prisma writes and compares with.
  const now = new Date()
  let queued = 0
  for (let start = 0; start < messages.length; start += BATCH_ROWS) {
    const rows = messages.slice(start, start + BATCH_ROWS).map(
      (message) => sql`(
        ${randomUUID()}, ${message.idempotencyKey}, ${message.kind}, ${message.eventId ?? null}, ${message.userId ?? null},
        ${message.to.email}, ${message.to.name ?? null}, ${message.subject}, ${message.template}, ${message.payload},
        ${message.icsMethod}, ${message.notBefore ?? now}, ${now}, ${message.sourceId ?? null}
      )`,
    )
    queued += await tx.$executeRaw`
      INSERT INTO "OutboxMessage" (
        "id", "idempotencyKey", "kind", "eventId", "userId", "toEmail", "toName", "subject", "template", "payload",
        "icsMethod", "nextAttemptAt", "createdAt", "sourceId"
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

/** What the worker reads of a row to render it. */
export type StoredOutboxContent = {
  template: string | null
  payload: string | null
  subject: string
  html: string | null
  text: string | null
  icsMethod: string | null
  icsContent: string | null
}

export type RenderedOutboxContent = {
  html: string
  text: string
  invite: { method: InviteMethod; ics: string } | null
  /** The one-click unsubscribe address of a message a person may stop (RFC 8058), or null. */
  listUnsubscribe: string | null
}

/** Turns a stored row into the email's parts; the domain supplies it (app/domain/messages). */
export type RenderOutboxContent = (content: StoredOutboxContent) => Promise<RenderedOutboxContent>

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
  render: RenderOutboxContent
  /** The current time; tests pass a later one instead of waiting for a back-off. */
  now?: Date
  batchSize?: number
  /**
   * The ids among claimed messages whose recipient no longer wants them (they stopped that kind
   * of message after it was queued): withdrawn instead of sent. The domain decides which.
   */
  unwanted?: UnwantedMessages
}

/** A claimed message as the unwanted-message check reads it. */
export type ClaimedMessage = { id: string; kind: string; eventId: string | null; userId: string | null }
export type UnwantedMessages = (messages: readonly ClaimedMessage[]) => Promise<ReadonlySet<string>>

export type OutboxBatchResult = {
  claimed: number
  delivered: number
  /** Failed this time, to be retried later. */
  retrying: number
  /** Failed for the last allowed time: now FAILED. */
  failed: number
  /** Claimed but no longer wanted by their recipient: deleted, not sent. */
  withdrawn: number
}

/** Claims up to one batch of due messages, delivers them, and records each outcome. */
export async function processOutboxBatch(db: Db, options: OutboxBatchOptions): Promise<OutboxBatchResult> {
  const { workerId, transport } = options
  const clock = () => options.now ?? new Date()
  const claimedIds = await claimDueMessages(db, workerId, clock(), options.batchSize ?? DEFAULT_BATCH_SIZE)
  const result: OutboxBatchResult = { claimed: claimedIds.length, delivered: 0, retrying: 0, failed: 0, withdrawn: 0 }
  if (claimedIds.length === 0) return result

  const claimed = await readClaimedMessages(db, claimedIds)
  // Only rows this worker still holds are updated: if a claim outlived its lease and another
  // worker took the row, that worker records the outcome.
  const heldByThisWorker = (id: string) => sql`"id" = ${id} AND "status" = 'SENDING' AND "claimedBy" = ${workerId}`
  const unwanted = options.unwanted ? await options.unwanted(claimed) : new Set<string>()
  if (unwanted.size > 0) {
    const withdrawn = await db.outboxMessage.deleteMany({ where: { id: { in: [...unwanted] }, status: 'SENDING', claimedBy: workerId } })
    result.withdrawn = withdrawn.count
  }
  const messages = claimed.filter((message) => !unwanted.has(message.id))

  // Rendering is CPU work: one message at a time, each in its own turn of the event loop, so
  // waiting requests run between them (a batch rendered in one turn held the loop 200-400 ms).
  // Sending overlaps with the next rendering.
  let previousRendering: Promise<unknown> = Promise.resolve()
  const renderInItsOwnTurn = (message: (typeof messages)[number]) => {
    const rendering = previousRendering.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => options.render(message))
    previousRendering = rendering.catch(() => undefined)
    return rendering
  }
  await Promise.all(
    messages.map(async (message) => {
      let rendered: RenderedOutboxContent
      try {
        rendered = await renderInItsOwnTurn(message)
        await transport.send({ id: message.id, to: { email: message.toEmail, name: message.toName }, subject: message.subject, ...rendered })
      } catch (error) {
        const lastError = describeError(error).slice(0, LAST_ERROR_MAX_LENGTH)
        // attempts was counted when the row was claimed, so it includes this one.
        if (message.attempts >= OUTBOX_MAX_ATTEMPTS) {
          result.failed++
          await db.$executeRaw`
            UPDATE "OutboxMessage" SET "status" = 'FAILED', "lastError" = ${lastError}
            WHERE ${heldByThisWorker(message.id)}`
        } else {
          result.retrying++
          const nextAttemptAt = new Date(clock().getTime() + retryDelayMs(message.attempts))
          await db.$executeRaw`
            UPDATE "OutboxMessage" SET "status" = 'PENDING', "lastError" = ${lastError}, "nextAttemptAt" = ${nextAttemptAt}
            WHERE ${heldByThisWorker(message.id)}`
        }
        return
      }
      result.delivered++
      // What was sent stays on the row: the mailbox, the person's data export and support read it as delivered.
      await db.$executeRaw`
        UPDATE "OutboxMessage"
        SET "status" = ${DELIVERED_STATUS_SQL[transport.deliveredStatus]}, "sentAt" = ${clock()}, "html" = ${rendered.html},
          "text" = ${rendered.text}, "icsContent" = ${rendered.invite?.ics ?? null}
        WHERE ${heldByThisWorker(message.id)}`
    }),
  )
  return result
}

/**
 * A delivered message's status as SQL: a literal, which PostgreSQL takes for its enum column (a
 * bound parameter arrives as text, which it refuses there).
 */
const DELIVERED_STATUS_SQL = { SENT: raw(`'SENT'`), CAPTURED: raw(`'CAPTURED'`) } satisfies Record<MailTransport['deliveredStatus'], unknown>

type ClaimedRow = StoredOutboxContent & ClaimedMessage & { toEmail: string; toName: string | null; attempts: number | bigint }

/**
 * The claimed rows in full. Raw, as the worker's outcome writes: Prisma compiles a query shape
 * the first time an instance runs it (5 to 27 ms in one turn of the event loop), and an
 * instance's first emails go out in the middle of a registration rush.
 */
async function readClaimedMessages(db: Db, ids: readonly string[]) {
  const rows = await db.$queryRaw<ClaimedRow[]>`
    SELECT "id", "kind", "eventId", "userId", "toEmail", "toName", "subject", "template", "payload", "html", "text",
      "icsMethod", "icsContent", "attempts"
    FROM "OutboxMessage" WHERE "id" IN (${join(ids)})`
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }))
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
  render: RenderOutboxContent
  unwanted?: UnwantedMessages
  workerId?: string
  pollIntervalMs?: number
  batchSize?: number
  /** True while the instance has interactive work waiting (a registration rush): the worker gives way. */
  foregroundBusy?: () => boolean
  /** The pause between small batches while the foreground is busy. */
  busyPauseMs?: number
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
  const busyPauseMs = options.busyPauseMs ?? BUSY_PAUSE_MS
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

  let givingWay = false
  const wakeSoon = () => {
    // A nudge does not cut short the pause of a worker giving way: during a rush every registration nudges.
    if (!sleep || givingWay) {
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
      const busy = options.foregroundBusy?.() ?? false
      const size = busy ? Math.min(BUSY_BATCH_SIZE, batchSize) : batchSize
      const batch = await processOutboxBatch(db, { workerId, transport: options.transport, render: options.render, unwanted: options.unwanted, batchSize: size })
      if (batch.failed > 0) console.warn(`Outbox: ${batch.failed} message(s) failed ${OUTBOX_MAX_ATTEMPTS} times and were given up`)
      if (batch.claimed < size) return
      if (busy && !stopped) {
        givingWay = true
        await sleepFor(busyPauseMs)
        givingWay = false
      }
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
