// The outbox on both engines: a message is queued with the change that causes it (or not at
// all), an idempotency key is queued once without breaking the caller's transaction, and the
// worker retries with growing back-off until it delivers or gives up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createCaptureTransport, type MailTransport, type OutgoingEmail } from '#app/lib/mail-transport.server.ts'
import {
  OUTBOX_CLAIM_LEASE_MS,
  OUTBOX_MAX_ATTEMPTS,
  processOutboxBatch,
  queueEmail,
  queueEmails,
  retryDelayMs,
  startOutboxWorker,
  type QueuedEmail,
} from '#app/lib/outbox.server.ts'
import { providers } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase, uniqueName } from '#tests/support/databases.ts'
import { createUser } from '#tests/support/fixtures.ts'

function testMessage(overrides: Partial<QueuedEmail> = {}): QueuedEmail {
  return {
    idempotencyKey: uniqueName('test'),
    kind: 'test',
    to: { email: 'ada@example.org', name: 'Ada' },
    subject: 'Hello',
    html: '<p>Hello</p>',
    text: 'Hello',
    ...overrides,
  }
}

/** Fails its first `failures` sends with "SMTP down <n>", then accepts. */
function flakyTransport(failures: number): MailTransport & { sent: OutgoingEmail[] } {
  let calls = 0
  const sent: OutgoingEmail[] = []
  return {
    deliveredStatus: 'SENT',
    sent,
    async send(email) {
      calls++
      if (calls <= failures) throw new Error(`SMTP down ${calls}`)
      sent.push(email)
    },
    close() {},
  }
}

async function readRow(db: Db, idempotencyKey: string) {
  return db.outboxMessage.findUniqueOrThrow({
    where: { idempotencyKey },
    select: { status: true, attempts: true, lastError: true, nextAttemptAt: true, sentAt: true, claimedBy: true },
  })
}

describe.each(providers)('outbox on %s', (provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('queues an idempotency key once, and the caller’s transaction goes on and commits', async () => {
    const { db } = test
    const message = testMessage()
    const outcome = await db.$transaction(async (tx) => {
      const first = await queueEmail(tx, message)
      const second = await queueEmail(tx, { ...message, subject: 'Hello again' })
      // A write after the skipped duplicate: on PostgreSQL it fails if the duplicate aborted the transaction.
      const user = await tx.user.create({ data: { email: `${uniqueName('after')}@example.org`, name: 'After' }, select: { id: true } })
      return { first, second, userId: user.id }
    })
    expect(outcome.first).toEqual({ queued: true })
    expect(outcome.second).toEqual({ queued: false })
    expect(await db.user.count({ where: { id: outcome.userId } })).toBe(1)
    const rows = await db.outboxMessage.findMany({
      where: { idempotencyKey: message.idempotencyKey },
      select: { subject: true, status: true },
    })
    expect(rows).toEqual([{ subject: 'Hello', status: 'PENDING' }])

    // Later, outside any transaction, the key is still taken.
    expect(await queueEmail(db, message)).toEqual({ queued: false })
  })

  it('queues a batch across several statements, each key once, and the transaction goes on', async () => {
    const { db } = test
    const earlier = testMessage()
    await queueEmail(db, earlier)
    const batch = Array.from({ length: 250 }, (_, index) => testMessage({ subject: `Batch ${index}`, to: { email: `batch-${index}@example.org` } }))
    const outcome = await db.$transaction(async (tx) => {
      const queued = await queueEmails(tx, [...batch, earlier, batch[0]!])
      const user = await tx.user.create({ data: { email: `${uniqueName('after')}@example.org`, name: 'After' }, select: { id: true } })
      return { ...queued, userId: user.id }
    })
    expect(outcome.queued).toBe(250)
    expect(await db.user.count({ where: { id: outcome.userId } })).toBe(1)
    const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { in: batch.map((message) => message.idempotencyKey) } }, select: { subject: true, toEmail: true, status: true } })
    expect(rows).toHaveLength(250)
    expect(rows.every((row) => row.status === 'PENDING' && row.subject === `Batch ${row.toEmail.match(/batch-(\d+)@/)![1]}`)).toBe(true)
  })

  it('queues nothing when the causing transaction rolls back', async () => {
    const { db } = test
    const message = testMessage()
    await expect(
      db.$transaction(async (tx) => {
        await queueEmail(tx, message)
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await db.outboxMessage.count({ where: { idempotencyKey: message.idempotencyKey } })).toBe(0)
  })

  it('keeps the recipient, event and invite with the message', async () => {
    const { db } = test
    const user = await createUser(db)
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n'
    const message = testMessage({ userId: user.id, invite: { method: 'REQUEST', ics } })
    await queueEmail(db, message)
    const row = await db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: message.idempotencyKey },
      select: { userId: true, toEmail: true, toName: true, icsMethod: true, icsContent: true, attempts: true },
    })
    expect(row).toEqual({ userId: user.id, toEmail: 'ada@example.org', toName: 'Ada', icsMethod: 'REQUEST', icsContent: ics, attempts: 0 })
  })

  it('refuses an invite whose METHOD differs from the one announced', async () => {
    const message = testMessage({ invite: { method: 'CANCEL', ics: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' } })
    await expect(queueEmail(test.db, message)).rejects.toThrow(/does not match the calendar's METHOD:REQUEST/)
  })

  it('retries with growing back-off, then delivers', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const transport = flakyTransport(2)
    const start = new Date(Date.now() + 1_000)
    const options = { workerId: 'worker-a', transport }

    expect(await processOutboxBatch(db, { ...options, now: start })).toMatchObject({ claimed: 1, retrying: 1 })
    const afterFirst = await readRow(db, message.idempotencyKey)
    expect(afterFirst).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'SMTP down 1', sentAt: null })
    const firstDelay = afterFirst.nextAttemptAt.getTime() - start.getTime()
    expect(firstDelay).toBeGreaterThanOrEqual(12_000)
    expect(firstDelay).toBeLessThanOrEqual(18_000)

    // Not due yet: nothing is claimed.
    expect(await processOutboxBatch(db, { ...options, now: new Date(afterFirst.nextAttemptAt.getTime() - 1) })).toMatchObject({
      claimed: 0,
    })

    const secondTry = afterFirst.nextAttemptAt
    expect(await processOutboxBatch(db, { ...options, now: secondTry })).toMatchObject({ claimed: 1, retrying: 1 })
    const afterSecond = await readRow(db, message.idempotencyKey)
    expect(afterSecond).toMatchObject({ status: 'PENDING', attempts: 2, lastError: 'SMTP down 2' })
    const secondDelay = afterSecond.nextAttemptAt.getTime() - secondTry.getTime()
    expect(secondDelay).toBeGreaterThan(firstDelay)
    expect(secondDelay).toBeGreaterThanOrEqual(24_000)

    expect(await processOutboxBatch(db, { ...options, now: afterSecond.nextAttemptAt })).toMatchObject({ claimed: 1, delivered: 1 })
    const delivered = await readRow(db, message.idempotencyKey)
    // The last error stays as a record of why the message was late.
    expect(delivered).toMatchObject({ status: 'SENT', attempts: 3, lastError: 'SMTP down 2', sentAt: afterSecond.nextAttemptAt })
    expect(transport.sent.map((email) => email.subject)).toEqual(['Hello'])
  })

  it('gives a message up as FAILED after the last attempt, keeping the last error', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const transport = flakyTransport(Number.POSITIVE_INFINITY)
    let now = new Date(Date.now() + 1_000)
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await processOutboxBatch(db, { workerId: 'worker-a', transport, now })
      now = (await readRow(db, message.idempotencyKey)).nextAttemptAt
    }
    const row = await readRow(db, message.idempotencyKey)
    expect(row).toMatchObject({ status: 'FAILED', attempts: OUTBOX_MAX_ATTEMPTS, lastError: `SMTP down ${OUTBOX_MAX_ATTEMPTS}` })
    // A failed message is never claimed again.
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, now: new Date(now.getTime() + 86_400_000) })).toMatchObject({
      claimed: 0,
    })
  })

  it('retakes a message whose worker died mid-send, once the claim’s lease has run out', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const claimedAt = new Date(Date.now() + 1_000)
    // Worker A claims the row and dies before recording anything.
    await db.outboxMessage.update({
      where: { idempotencyKey: message.idempotencyKey },
      data: { status: 'SENDING', claimedBy: 'worker-a', claimedAt, attempts: 1 },
    })
    const transport = flakyTransport(0)
    const withinLease = new Date(claimedAt.getTime() + OUTBOX_CLAIM_LEASE_MS - 1_000)
    expect(await processOutboxBatch(db, { workerId: 'worker-b', transport, now: withinLease })).toMatchObject({ claimed: 0 })
    const afterLease = new Date(claimedAt.getTime() + OUTBOX_CLAIM_LEASE_MS)
    expect(await processOutboxBatch(db, { workerId: 'worker-b', transport, now: afterLease })).toMatchObject({ claimed: 1, delivered: 1 })
    expect(await readRow(db, message.idempotencyKey)).toMatchObject({ status: 'SENT', attempts: 2, claimedBy: 'worker-b' })
  })

  it('runs a worker that delivers queued mail promptly and stops cleanly', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    // A long poll interval: only queueEmail's in-process nudge can make delivery this quick.
    const worker = startOutboxWorker(db, { transport: createCaptureTransport(), pollIntervalMs: 60_000 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 50))
      const message = testMessage()
      const queuedAt = performance.now()
      await db.$transaction((tx) => queueEmail(tx, message))
      await expect.poll(async () => (await readRow(db, message.idempotencyKey)).status, { timeout: 3_000, interval: 20 }).toBe('CAPTURED')
      expect(performance.now() - queuedAt).toBeLessThan(1_000)
    } finally {
      await worker.stop()
    }
  })
})

describe('outbox claims on PostgreSQL', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase('postgresql')
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('skips rows another instance is claiming instead of waiting for them', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const messages = [testMessage(), testMessage(), testMessage()]
    for (const message of messages) await queueEmail(db, message)
    const [locked] = messages
    const otherInstance = await createDbClient(test.url)
    try {
      const claimedMeanwhile = await db.$transaction(async (tx) => {
        // This "instance" holds one row locked, as during its own claim.
        await tx.$queryRaw`SELECT "id" FROM "OutboxMessage" WHERE "idempotencyKey" = ${locked?.idempotencyKey} FOR UPDATE`
        const batch = await processOutboxBatch(otherInstance, { workerId: 'worker-b', transport: flakyTransport(0) })
        return batch.claimed
      })
      expect(claimedMeanwhile).toBe(2)
      expect(await readRow(db, locked?.idempotencyKey ?? '')).toMatchObject({ status: 'PENDING', attempts: 0 })
    } finally {
      await otherInstance.$disconnect()
    }
  })
})

describe('retry delays', () => {
  it('double from 15 s up to an hour, within ±20 %', () => {
    const middle = () => 0.5
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, middle))).toEqual([15_000, 30_000, 60_000, 120_000])
    expect(retryDelayMs(9, middle)).toBe(3_600_000)
    expect(retryDelayMs(1, () => 0)).toBe(12_000)
    expect(retryDelayMs(1, () => 1)).toBe(18_000)
  })
})

/** Leaves nothing due from an earlier test, so each test's batch holds only its own message. */
async function retireEarlierMessages(db: Db) {
  await db.outboxMessage.updateMany({ where: { status: { in: ['PENDING', 'SENDING'] } }, data: { status: 'FAILED' } })
}
