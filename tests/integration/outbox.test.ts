// The outbox on both engines: a message is queued with the change that causes it (or not at
// all), an idempotency key is queued once without breaking the caller's transaction, the
// worker renders the queued template after the commit and keeps what it sent, and it retries
// with growing back-off until it delivers or gives up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CalendarEntry } from '#app/domain/calendar/calendar.ts'
import { queueEmail, queueEmails, renderQueuedEmail, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createCaptureTransport, type MailTransport, type OutgoingEmail } from '#app/lib/mail-transport.server.ts'
import {
  OUTBOX_CLAIM_LEASE_MS,
  OUTBOX_MAX_ATTEMPTS,
  processOutboxBatch,
  retryDelayMs,
  startOutboxWorker,
} from '#app/lib/outbox.server.ts'
import { providers } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase, uniqueName } from '#tests/support/databases.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'

const SIGN_IN_SUBJECT = 'Your code to sign in to Muster'

function testMessage(overrides: Partial<QueuedEmail> = {}): QueuedEmail {
  return {
    idempotencyKey: uniqueName('test'),
    kind: 'test',
    to: { email: 'ada@example.org', name: 'Ada' },
    email: { template: 'sign-in', props: { code: '314159', link: 'https://muster.example/sign-in/link?token=abc', expiresInMinutes: 10 } },
    ...overrides,
  }
}

/** A one-hour meeting in Brussels on the day summer time ends (31 October 2027). */
function testEntry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return sampleCalendarEntry({
    uid: `${uniqueName('entry')}@muster.test`,
    sequence: 2,
    start: new Date('2027-10-31T09:00:00Z'),
    end: new Date('2027-10-31T10:00:00Z'),
    ...overrides,
  })
}

const render = renderQueuedEmail

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
      const second = await queueEmail(tx, { ...message, to: { email: 'someone-else@example.org' } })
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
    expect(rows).toEqual([{ subject: SIGN_IN_SUBJECT, status: 'PENDING' }])

    // Later, outside any transaction, the key is still taken.
    expect(await queueEmail(db, message)).toEqual({ queued: false })
  })

  it('queues a batch across several statements, each key once, and the transaction goes on', async () => {
    const { db } = test
    const earlier = testMessage()
    await queueEmail(db, earlier)
    const batch = Array.from({ length: 250 }, (_, index) => testMessage({ to: { email: `batch-${index}@example.org`, name: `Batch ${index}` } }))
    const outcome = await db.$transaction(async (tx) => {
      const queued = await queueEmails(tx, [...batch, earlier, batch[0]!])
      const user = await tx.user.create({ data: { email: `${uniqueName('after')}@example.org`, name: 'After' }, select: { id: true } })
      return { ...queued, userId: user.id }
    })
    expect(outcome.queued).toBe(250)
    expect(await db.user.count({ where: { id: outcome.userId } })).toBe(1)
    const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { in: batch.map((message) => message.idempotencyKey) } }, select: { toName: true, toEmail: true, status: true } })
    expect(rows).toHaveLength(250)
    expect(rows.every((row) => row.status === 'PENDING' && row.toName === `Batch ${row.toEmail.match(/batch-(\d+)@/)![1]}`)).toBe(true)
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

  it('queues the template and a snapshot of its data, and renders nothing while the change is being made', async () => {
    const { db } = test
    const user = await createUser(db)
    const message = testMessage({ userId: user.id, invite: { method: 'REQUEST', entry: testEntry() } })
    await queueEmail(db, message)
    const row = await db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: message.idempotencyKey },
      select: { userId: true, toEmail: true, toName: true, subject: true, template: true, html: true, text: true, icsMethod: true, icsContent: true, attempts: true },
    })
    expect(row).toEqual({
      userId: user.id,
      toEmail: 'ada@example.org',
      toName: 'Ada',
      subject: SIGN_IN_SUBJECT,
      template: 'sign-in',
      html: null,
      text: null,
      icsMethod: 'REQUEST',
      icsContent: null,
      attempts: 0,
    })
  })

  it('delivers the rendered template with the invite built from the snapshot, dates intact, and keeps what it sent on the row', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const entry = testEntry()
    const message = testMessage({ invite: { method: 'REQUEST', entry } })
    await queueEmail(db, message)
    const transport = flakyTransport(0)
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, render })).toMatchObject({ claimed: 1, delivered: 1 })

    const [sent] = transport.sent
    expect(sent!.subject).toBe(SIGN_IN_SUBJECT)
    expect(sent!.text).toContain('314159')
    expect(sent!.html).toContain('https://muster.example/sign-in/link?token=abc')
    expect(sent!.invite?.method).toBe('REQUEST')
    const calendar = readWithIcalJs(sent!.invite!.ics)
    expect(calendar.method).toBe('REQUEST')
    expect(calendar.events[0]).toMatchObject({ uid: entry.uid, sequence: 2, start: entry.start, end: entry.end })

    const row = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: message.idempotencyKey }, select: { html: true, text: true, icsContent: true } })
    expect(row).toEqual({ html: sent!.html, text: sent!.text, icsContent: sent!.invite!.ics })
    // Read again later (the mailbox, a test), the row gives what was sent, not a new rendering.
    expect(await renderQueuedEmail(await storedContent(db, message.idempotencyKey))).toEqual({ html: sent!.html, text: sent!.text, invite: sent!.invite, listUnsubscribe: null })
  })

  it('renders a batch one message per turn of the event loop, so requests waiting meanwhile are answered between them', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    await queueEmails(db, Array.from({ length: 5 }, () => testMessage()))
    // A request arriving while the batch renders stands for this: a callback queued for the next turn, again and again.
    let turns = 0
    let counting = true
    const countTurns = () => {
      turns++
      if (counting) setImmediate(countTurns)
    }
    setImmediate(countTurns)
    const turnAtEachRender: number[] = []
    const countingRender: typeof render = async (message) => {
      turnAtEachRender.push(turns)
      return render(message)
    }
    try {
      expect(await processOutboxBatch(db, { workerId: 'worker-a', transport: flakyTransport(0), render: countingRender })).toMatchObject({ delivered: 5 })
    } finally {
      counting = false
    }
    expect(turnAtEachRender).toHaveLength(5)
    for (let i = 1; i < 5; i++) expect(turnAtEachRender[i]!, `render ${i + 1}`).toBeGreaterThan(turnAtEachRender[i - 1]!)
  })

  it('delivers a row queued before templates were stored as it was written', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    await db.outboxMessage.create({
      data: { idempotencyKey: uniqueName('legacy'), kind: 'test', toEmail: 'old@example.org', subject: 'Old', html: '<p>Old</p>', text: 'Old' },
    })
    const transport = flakyTransport(0)
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, render })).toMatchObject({ delivered: 1 })
    expect(transport.sent.map(({ subject, html, text, invite }) => ({ subject, html, text, invite }))).toEqual([{ subject: 'Old', html: '<p>Old</p>', text: 'Old', invite: null }])
  })

  it('refuses, when queued, an invite no calendar could read, and queues nothing', async () => {
    const { db } = test
    const unknownZone = testMessage({ invite: { method: 'REQUEST', entry: testEntry({ timeZone: 'Mars/Olympus_Mons' }) } })
    await expect(queueEmail(db, unknownZone)).rejects.toThrow(/not an IANA time zone/)
    const endsBeforeStart = testMessage({ invite: { method: 'REQUEST', entry: testEntry({ end: new Date('2027-10-31T08:00:00Z') }) } })
    await expect(queueEmail(db, endsBeforeStart)).rejects.toThrow(/end/)
    expect(await db.outboxMessage.count({ where: { idempotencyKey: { in: [unknownZone.idempotencyKey, endsBeforeStart.idempotencyKey] } } })).toBe(0)
  })

  it('counts a row it cannot render as a failed attempt, with the reason, and retries it like a failed send', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    await db.outboxMessage.update({ where: { idempotencyKey: message.idempotencyKey }, data: { template: 'no-such-template' } })
    const transport = flakyTransport(0)
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, render })).toMatchObject({ claimed: 1, retrying: 1 })
    expect(transport.sent).toEqual([])
    expect(await readRow(db, message.idempotencyKey)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('unknown email template "no-such-template"') })
  })

  it('retries with growing back-off, then delivers', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const transport = flakyTransport(2)
    const start = new Date(Date.now() + 1_000)
    const options = { workerId: 'worker-a', transport, render }

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
    expect(transport.sent.map((email) => email.subject)).toEqual([SIGN_IN_SUBJECT])
  })

  it('gives a message up as FAILED after the last attempt, keeping the last error', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const transport = flakyTransport(Number.POSITIVE_INFINITY)
    let now = new Date(Date.now() + 1_000)
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await processOutboxBatch(db, { workerId: 'worker-a', transport, render, now })
      now = (await readRow(db, message.idempotencyKey)).nextAttemptAt
    }
    const row = await readRow(db, message.idempotencyKey)
    expect(row).toMatchObject({ status: 'FAILED', attempts: OUTBOX_MAX_ATTEMPTS, lastError: `SMTP down ${OUTBOX_MAX_ATTEMPTS}` })
    // A failed message is never claimed again.
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, render, now: new Date(now.getTime() + 86_400_000) })).toMatchObject({
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
    expect(await processOutboxBatch(db, { workerId: 'worker-b', transport, render, now: withinLease })).toMatchObject({ claimed: 0 })
    const afterLease = new Date(claimedAt.getTime() + OUTBOX_CLAIM_LEASE_MS)
    expect(await processOutboxBatch(db, { workerId: 'worker-b', transport, render, now: afterLease })).toMatchObject({ claimed: 1, delivered: 1 })
    expect(await readRow(db, message.idempotencyKey)).toMatchObject({ status: 'SENT', attempts: 2, claimedBy: 'worker-b' })
  })

  // On SQLite the app's writes share one connection: before app/lib/db-client.server.ts kept
  // statements out of an open transaction, the worker's claim ran inside a registration's open
  // transaction and sent what it had queued, and its "sent" was undone with that transaction.
  it('sends nothing another transaction has queued while it is open, nor after it rolls back', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage({ to: { email: `${uniqueName('never')}@example.org`, name: 'Never' } })
    const transport = flakyTransport(0)
    let batch: Promise<unknown> | undefined
    await expect(
      db.$transaction(async (tx) => {
        await queueEmail(tx, message)
        batch = processOutboxBatch(db, { workerId: 'worker-a', transport, render })
        await new Promise((resolve) => setTimeout(resolve, 50))
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await batch).toMatchObject({ claimed: 0, delivered: 0 })
    expect(transport.sent).toEqual([])
    expect(await db.outboxMessage.count({ where: { idempotencyKey: message.idempotencyKey } })).toBe(0)
  })

  it('keeps a delivery recorded while another transaction is open, when that transaction rolls back: sent once', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    const message = testMessage()
    await queueEmail(db, message)
    const sent: OutgoingEmail[] = []
    let other: Promise<unknown> | undefined
    const transport: MailTransport = {
      deliveredStatus: 'SENT',
      // Between the claim and the record of the delivery, another request opens a transaction
      // that writes and then rolls back.
      async send(email) {
        sent.push(email)
        let opened!: () => void
        const open = new Promise<void>((resolve) => (opened = resolve))
        other = db
          .$transaction(async (tx) => {
            await tx.user.create({ data: { email: `${uniqueName('rolled-back')}@example.org`, name: 'Rolled back' }, select: { id: true } })
            opened()
            await new Promise((resolve) => setTimeout(resolve, 50))
            throw new Error('the other change failed')
          })
          .catch((error: unknown) => error)
        await open
      },
      close() {},
    }
    expect(await processOutboxBatch(db, { workerId: 'worker-a', transport, render })).toMatchObject({ claimed: 1, delivered: 1 })
    expect(await other).toMatchObject({ message: 'the other change failed' })
    expect(await readRow(db, message.idempotencyKey)).toMatchObject({ status: 'SENT', claimedBy: 'worker-a' })
    const afterLease = new Date(Date.now() + OUTBOX_CLAIM_LEASE_MS + 1_000)
    expect(await processOutboxBatch(db, { workerId: 'worker-b', transport, render, now: afterLease })).toMatchObject({ claimed: 0 })
    expect(sent).toHaveLength(1)
  })

  it('runs a worker that delivers queued mail promptly and stops cleanly', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    // A long poll interval: only queueEmail's in-process nudge can make delivery this quick.
    const worker = startOutboxWorker(db, { transport: createCaptureTransport(), render, pollIntervalMs: 60_000 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 50))
      const message = testMessage()
      await db.$transaction((tx) => queueEmail(tx, message))
      // Well inside the 60 s poll interval, with room for a loaded CI machine.
      await expect.poll(async () => (await readRow(db, message.idempotencyKey)).status, { timeout: 10_000, interval: 20 }).toBe('CAPTURED')
    } finally {
      await worker.stop()
    }
  })

  it('gives way while the foreground is busy: small batches with a pause, then the rest at full speed', async () => {
    const { db } = test
    await retireEarlierMessages(db)
    for (let i = 0; i < 12; i++) await queueEmail(db, testMessage())
    const sentAt: number[] = []
    const transport: MailTransport = {
      deliveredStatus: 'SENT',
      async send() {
        sentAt.push(performance.now())
      },
      close() {},
    }
    let busy = true
    // A pause longer than the worker's 250 ms, so that a loaded machine's stall within a batch is not taken for it.
    const busyPauseMs = 1_000
    const worker = startOutboxWorker(db, { transport, render, pollIntervalMs: 60_000, foregroundBusy: () => busy, busyPauseMs })
    try {
      await expect.poll(() => sentAt.length, { timeout: 10_000, interval: 10 }).toBe(5)
      // A message queued during the pause nudges the worker, which does not cut the pause short.
      await queueEmail(db, testMessage())
      await expect.poll(() => sentAt.length, { timeout: 10_000, interval: 10 }).toBe(10)
      busy = false
      await expect.poll(() => sentAt.length, { timeout: 10_000, interval: 10 }).toBe(13)
    } finally {
      await worker.stop()
    }
    // While busy: five, the pause, five more.
    expect(sentAt[5]! - sentAt[4]!).toBeGreaterThanOrEqual(busyPauseMs - 10)
    expect(Math.max(...[1, 2, 3, 4, 6, 7, 8, 9].map((i) => sentAt[i]! - sentAt[i - 1]!))).toBeLessThan(busyPauseMs - 10)
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
        const batch = await processOutboxBatch(otherInstance, { workerId: 'worker-b', transport: flakyTransport(0), render })
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

async function storedContent(db: Db, idempotencyKey: string) {
  return db.outboxMessage.findUniqueOrThrow({
    where: { idempotencyKey },
    select: { template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true },
  })
}

/** Leaves nothing due from an earlier test, so each test's batch holds only its own message. */
async function retireEarlierMessages(db: Db) {
  await db.outboxMessage.updateMany({ where: { status: { in: ['PENDING', 'SENDING'] } }, data: { status: 'FAILED' } })
}
