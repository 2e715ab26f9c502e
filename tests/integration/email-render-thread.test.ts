// Emails render in a worker thread in production (app/entry.server.tsx): the thread's script is
// built here as the build does (scripts/bundle-email-render-thread.ts), then asked for the
// messages a real database queued. What it renders is what the in-process renderQueuedEmail
// renders, byte for byte, and the outbox delivers through it. The request thread underneath
// rejects (never hangs) when its thread refuses, exits or outgrows its heap, and starts again;
// it ends an idle thread.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueEmail, renderQueuedEmail, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { createCaptureTransport } from '#app/lib/mail-transport.server.ts'
import { processOutboxBatch, type RenderedOutboxContent, type StoredOutboxContent } from '#app/lib/outbox.server.ts'
import { startRequestThread, type RequestThread } from '#app/lib/request-thread.server.ts'
import { bundleEmailRenderThread } from '#scripts/bundle-email-render-thread.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import { createTestDatabase, type TestDatabase, uniqueName } from '#tests/support/databases.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import type { ThreadTestRequest } from '#tests/support/request-thread-script.ts'

// Inside the project, so the built scripts' package imports resolve from its node_modules.
const buildDir = path.resolve('node_modules/.cache/muster-tests', `threads-${randomUUID()}`)
const emailScript = path.join(buildDir, 'email-render-thread.js')
const testScript = path.join(buildDir, 'request-thread-script.js')

beforeAll(async () => {
  await bundleEmailRenderThread(emailScript)
  await build({ entryPoints: ['tests/support/request-thread-script.ts'], outfile: testScript, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' })
}, 60_000)

afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }))

const storedContentSelect = { template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true } as const

describe('the email render thread', () => {
  let test: TestDatabase
  let thread: RequestThread<StoredOutboxContent, RenderedOutboxContent>

  beforeAll(async () => {
    test = await createTestDatabase('sqlite')
    thread = startRequestThread(new URL(`file://${emailScript}`), { name: 'email render', maxOldGenerationSizeMb: 96, idleStopMs: 60_000, niceness: 10 })
  })
  afterAll(async () => {
    await thread.stop()
    await test.cleanup()
  })

  const entry = sampleCalendarEntry({ uid: 'thread-test@muster.test', start: new Date('2027-10-31T09:00:00Z'), end: new Date('2027-10-31T10:00:00Z') })
  const messages: QueuedEmail[] = [
    {
      idempotencyKey: uniqueName('sign-in'),
      kind: 'sign-in',
      to: { email: 'ada@example.org', name: 'Ada' },
      email: { template: 'sign-in', props: { code: '314159', link: 'https://muster.example/sign-in/link?token=abc', expiresInMinutes: 10 } },
    },
    {
      idempotencyKey: uniqueName('registration'),
      kind: 'registration-received',
      to: { email: 'kadri@example.ee', name: 'Kadri Tamm' },
      email: {
        template: 'registration-update',
        props: {
          kind: 'received',
          recipientName: 'Kadri Tamm',
          event: { title: 'Counter-UAS Industry Day', startsAt: entry.start, endsAt: entry.end, timeZone: 'Europe/Brussels', venueName: 'NATO Headquarters', venueAddress: 'Brussels' },
          registrationUrl: 'https://muster.example/events/counter-uas/registration',
        },
      },
      invite: { method: 'REQUEST', entry },
    },
    {
      idempotencyKey: uniqueName('message'),
      kind: 'event-message',
      to: { email: 'jonas@example.de', name: null },
      email: {
        template: 'event-message',
        props: {
          eventTitle: 'Counter-UAS Industry Day',
          subject: 'Parking at the venue',
          body: 'Bring **photo ID**; the gate opens at 07:30.\n\n- Car park P3\n- Shuttle from Evere',
          email: 'jonas@example.de',
          unsubscribeUrl: 'https://muster.example/unsubscribe/secret',
        },
      },
      listUnsubscribe: 'https://muster.example/unsubscribe/secret',
    },
    {
      idempotencyKey: uniqueName('cancelled'),
      kind: 'registration-cancelled',
      to: { email: 'kadri@example.ee', name: 'Kadri Tamm' },
      email: { template: 'sign-in', props: { code: '271828', link: 'https://muster.example/sign-in/link?token=def', expiresInMinutes: 10 } },
      invite: { method: 'CANCEL', entry: { ...entry, sequence: 4, status: 'CANCELLED' } },
    },
  ]

  it('renders each queued message exactly as the outbox worker did in process, invites and unsubscribe address included', async () => {
    for (const message of messages) await queueEmail(test.db, message)
    for (const message of messages) {
      const stored = await test.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: message.idempotencyKey }, select: storedContentSelect })
      const fromThread = await thread.call(stored)
      expect(fromThread).toEqual(await renderQueuedEmail(stored))
      expect(fromThread.html).toContain('<html')
      expect(fromThread.listUnsubscribe).toBe(message.listUnsubscribe ?? null)
      if (message.invite) {
        const calendar = readWithIcalJs(fromThread.invite!.ics)
        expect(calendar.method).toBe(message.invite.method)
        expect(calendar.events[0]).toMatchObject({ uid: entry.uid, start: entry.start, end: entry.end })
      } else {
        expect(fromThread.invite).toBeNull()
      }
    }
  })

  it("refuses a row it cannot render with the renderer's own reason", async () => {
    const broken: StoredOutboxContent = { template: 'no-such-template', payload: '{}', subject: 'x', html: null, text: null, icsMethod: null, icsContent: null }
    await expect(renderQueuedEmail(broken)).rejects.toThrow('unknown email template "no-such-template"')
    await expect(thread.call(broken)).rejects.toThrow('unknown email template "no-such-template"')
  })

  it('delivers a batch through the outbox, each message once, with what the thread rendered kept on its row', async () => {
    const batch = Array.from({ length: 30 }, (_, index) => ({
      ...messages[0]!,
      idempotencyKey: uniqueName(`batch-${index}`),
      to: { email: `person-${index}@example.org`, name: `Person ${index}` },
      email: { template: 'sign-in' as const, props: { code: String(100_000 + index), link: `https://muster.example/sign-in/link?token=t${index}`, expiresInMinutes: 10 } },
    }))
    for (const message of batch) await queueEmail(test.db, message)
    const transport = createCaptureTransport()
    let delivered = 0
    for (;;) {
      const result = await processOutboxBatch(test.db, { workerId: 'thread-worker', transport, render: (content) => thread.call(content), batchSize: 20 })
      delivered += result.delivered
      if (result.claimed === 0) break
      expect(result).toMatchObject({ retrying: 0, failed: 0 })
    }
    expect(delivered).toBe(batch.length + messages.length)
    const rows = await test.db.outboxMessage.findMany({ where: { idempotencyKey: { in: batch.map((message) => message.idempotencyKey) } }, select: { status: true, attempts: true, html: true, payload: true, template: true, subject: true, text: true, icsMethod: true, icsContent: true } })
    expect(rows).toHaveLength(batch.length)
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'CAPTURED', attempts: 1 })
      const inProcess = await renderQueuedEmail({ ...row, html: null, text: null })
      expect(row.html).toBe(inProcess.html)
      expect(row.text).toBe(inProcess.text)
    }
    expect(thread.pending).toBe(0)
  })
})

describe('a request thread', () => {
  const testThread = ({ maxOldGenerationSizeMb = 64, idleStopMs = 60_000, niceness = 0 } = {}) =>
    startRequestThread<ThreadTestRequest, string>(new URL(`file://${testScript}`), { name: 'test', maxOldGenerationSizeMb, idleStopMs, niceness })

  it('answers requests posted at once, each with its own answer or its own refusal', async () => {
    const thread = testThread()
    try {
      const answers = await Promise.allSettled([
        thread.call({ action: 'wait', value: '30' }),
        thread.call({ action: 'echo', value: 'b' }),
        thread.call({ action: 'refuse', value: 'c' }),
      ])
      expect(answers).toEqual([
        { status: 'fulfilled', value: 'echo 30' },
        { status: 'fulfilled', value: 'echo b' },
        { status: 'rejected', reason: new Error('refused c') },
      ])
      expect(thread.pending).toBe(0)
    } finally {
      await thread.stop()
    }
  })

  it('runs the thread at the niceness asked, below the thread that answers requests', async () => {
    const thread = testThread({ niceness: 10 })
    try {
      expect(await thread.call({ action: 'niceness', value: '' })).toBe('10')
      expect(os.getPriority(process.pid)).toBe(0)
    } finally {
      await thread.stop()
    }
  })

  it('starts a thread at the first request, keeps it while requests wait, ends it once idle, and starts another for the next', async () => {
    const thread = testThread({ idleStopMs: 150 })
    try {
      expect(thread.running).toBe(false)
      const slow = thread.call({ action: 'wait', value: '400' })
      expect(thread.running).toBe(true)
      expect(await thread.call({ action: 'echo', value: 'first' })).toBe('echo first')
      // The quick answer came while the slow one was still waited for: no idle time counts yet.
      await new Promise((resolve) => setTimeout(resolve, 250))
      expect(thread.running).toBe(true)
      expect(await slow).toBe('echo 400')
      await expect.poll(() => thread.running, { timeout: 2_000, interval: 20 }).toBe(false)
      expect(await thread.call({ action: 'echo', value: 'second' })).toBe('echo second')
      expect(thread.running).toBe(true)
    } finally {
      await thread.stop()
    }
    expect(thread.running).toBe(false)
  })

  it('rejects what a thread that exits was asked, then starts a new thread for the next request', async () => {
    const thread = testThread()
    try {
      const [waiting, exiting] = await Promise.allSettled([thread.call({ action: 'wait', value: '5000' }), thread.call({ action: 'exit', value: '' })])
      const stoppedBeforeAnswering = new Error('The test thread stopped before answering: exit code 3')
      expect([waiting, exiting]).toEqual([
        { status: 'rejected', reason: stoppedBeforeAnswering },
        { status: 'rejected', reason: stoppedBeforeAnswering },
      ])
      expect(thread.pending).toBe(0)
      expect(await thread.call({ action: 'echo', value: 'again' })).toBe('echo again')
    } finally {
      await thread.stop()
    }
  })

  it('holds the thread to its heap bound: a thread that outgrows it is stopped, its request rejected, and the next one answered', async () => {
    const thread = testThread({ maxOldGenerationSizeMb: 16 })
    try {
      await expect(thread.call({ action: 'outgrow-heap', value: '' })).rejects.toThrow(/stopped before answering: .*(memory|exit code)/i)
      expect(await thread.call({ action: 'echo', value: 'after' })).toBe('echo after')
    } finally {
      await thread.stop()
    }
  })

  it('rejects requests once stopped, and refuses to start without its script', async () => {
    const thread = testThread()
    const waiting = thread.call({ action: 'wait', value: '5000' }).then(
      () => 'answered',
      (error: Error) => error.message,
    )
    await thread.stop()
    expect(await waiting).toBe('The test thread has been stopped.')
    await expect(thread.call({ action: 'echo', value: 'late' })).rejects.toThrow('The test thread has been stopped.')
    expect(() => startRequestThread(new URL(`file://${path.join(buildDir, 'missing.js')}`), { name: 'missing', maxOldGenerationSizeMb: 16, idleStopMs: 1_000, niceness: 0 })).toThrow(
      /The missing thread's script .*missing\.js is missing: run npm run build\./,
    )
  })
})
