// Delivery through the real pooled nodemailer transport to a real SMTP server in the test:
// the message arrives with its HTML, its text and an invite Outlook accepts; an SMTP outage
// delays mail without losing it; and two instances draining one PostgreSQL outbox send each
// message exactly once.
import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSmtpTransport } from '#app/lib/mail-transport.server.ts'
import { processOutboxBatch, startOutboxWorker } from '#app/lib/outbox.server.ts'
import { queueEmail, renderQueuedEmail, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import { findFreePort, rawHeader, startSmtpSink } from '#tests/support/smtp-sink.ts'

const from = 'Muster <no-reply@muster.test>'
const messageIdDomain = 'muster.test'

/** The event's own calendar entry for Ada, as the invite builders make it in the app. */
const inviteEntry = sampleCalendarEntry({
  uid: 'registration-42@muster.test',
  sequence: 0,
  start: new Date('2027-03-24T08:00:00Z'),
  end: new Date('2027-03-24T16:00:00Z'),
  summary: 'Counter-UAS Industry Day 2027',
})

/** A "registration received" email whose event is named after the key, so each subject is its own. */
function message(key: string): QueuedEmail {
  return {
    idempotencyKey: key,
    kind: 'test',
    to: { email: 'ada@example.org', name: 'Ada Lovelace' },
    email: {
      template: 'registration-update',
      props: {
        kind: 'received',
        recipientName: 'Ada Lovelace',
        event: {
          title: `Event ${key}`,
          startsAt: inviteEntry.start,
          endsAt: inviteEntry.end,
          timeZone: 'Europe/Brussels',
          venueName: 'NATO Headquarters',
          venueAddress: 'Brussels',
        },
        registrationUrl: `https://muster.test/events/${key}/registration`,
      },
    },
  }
}

const render = renderQueuedEmail

describe('SMTP delivery on sqlite', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase('sqlite')
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('delivers HTML, text and a text/calendar; method=REQUEST invite that a calendar parser reads back', async () => {
    const sink = await startSmtpSink()
    const transport = createSmtpTransport({ url: sink.url, from, messageIdDomain })
    try {
      await queueEmail(test.db, { ...message('invite'), invite: { method: 'REQUEST', entry: inviteEntry } })
      expect(await processOutboxBatch(test.db, { workerId: 'worker-a', transport, render })).toMatchObject({ claimed: 1, delivered: 1 })
    } finally {
      transport.close()
      await sink.stop()
    }

    const row = await test.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'invite' }, select: { id: true, status: true } })
    expect(row.status).toBe('SENT')
    expect(sink.received).toHaveLength(1)
    const [mail] = sink.received
    expect(mail?.recipients).toEqual(['ada@example.org'])
    expect(rawHeader(mail?.raw ?? '', 'Auto-Submitted')).toBe('auto-generated')

    const parsed = await simpleParser(mail?.raw ?? '')
    expect(parsed.messageId).toBe(`<${row.id}@${messageIdDomain}>`)
    expect(parsed.from?.text).toBe(from.replace('Muster', '"Muster"'))
    expect(parsed.subject).toBe('We received your registration for Event invite')
    // The worker rendered the queued template: the HTML and text parts say the same, with Ada's link.
    expect(parsed.html).toContain('https://muster.test/events/invite/registration')
    expect(parsed.text).toContain('Dear Ada Lovelace,')
    expect(parsed.text).toContain('https://muster.test/events/invite/registration')
    // The HTML and text parts go base64 (cheaper to encode than quoted-printable), every line within SMTP's 998 characters.
    const raw = mail?.raw ?? ''
    expect(raw.match(/Content-Type: text\/(plain|html)[^\r]*\r\nContent-Transfer-Encoding: base64/g)).toHaveLength(2)
    expect(Math.max(...raw.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(998)

    const calendarPart = parsed.attachments.find((attachment) => attachment.contentType === 'text/calendar')
    expect(calendarPart).toBeDefined()
    expect(calendarPart?.headers.get('content-type')).toMatchObject({ value: 'text/calendar', params: { method: 'REQUEST' } })
    const calendar = new ICAL.Component(ICAL.parse(calendarPart?.content.toString('utf8') ?? ''))
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined)
    expect(event.uid).toBe('registration-42@muster.test')
    expect(event.summary).toBe('Counter-UAS Industry Day 2027')
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-24T08:00:00.000Z')

    // The same invite also travels as an invite.ics attachment for clients that ignore the alternative.
    expect(parsed.attachments.some((attachment) => attachment.filename === 'invite.ics')).toBe(true)
  })

  it('keeps mail waiting while the SMTP server is down and delivers all of it once it is back', async () => {
    const port = await findFreePort()
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, from, messageIdDomain })
    const keys = ['outage-1', 'outage-2', 'outage-3']
    for (const key of keys) await queueEmail(test.db, message(key))
    const rows = () =>
      test.db.outboxMessage.findMany({
        where: { idempotencyKey: { in: keys } },
        select: { status: true, attempts: true, nextAttemptAt: true, lastError: true },
      })

    const down = new Date(Date.now() + 1_000)
    expect(await processOutboxBatch(test.db, { workerId: 'worker-a', transport, render, now: down })).toMatchObject({ claimed: 3, retrying: 3 })
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'PENDING', attempts: 1 })
      expect(row.lastError).toMatch(/ECONNREFUSED/)
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(down.getTime())
    }

    // Still down at the next attempt: attempts grow, the messages stay PENDING and wait longer.
    const stillDown = new Date(Math.max(...(await rows()).map((row) => row.nextAttemptAt.getTime())))
    expect(await processOutboxBatch(test.db, { workerId: 'worker-a', transport, render, now: stillDown })).toMatchObject({
      claimed: 3,
      retrying: 3,
    })
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'PENDING', attempts: 2 })
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(stillDown.getTime())
    }

    const sink = await startSmtpSink(port)
    try {
      const back = new Date(stillDown.getTime() + 60 * 60_000)
      expect(await processOutboxBatch(test.db, { workerId: 'worker-a', transport, render, now: back })).toMatchObject({ claimed: 3, delivered: 3 })
    } finally {
      transport.close()
      await sink.stop()
    }
    expect((await rows()).map((row) => row.status)).toEqual(['SENT', 'SENT', 'SENT'])
    expect(sink.received.map((mail) => rawHeader(mail.raw, 'Subject')).sort()).toEqual(keys.map((key) => `We received your registration for Event ${key}`))
  })
})

describe('SMTP delivery on postgresql with two instances', () => {
  const messageCount = 500
  let test: TestDatabase
  let secondInstanceDb: Db

  beforeAll(async () => {
    test = await createTestDatabase('postgresql')
    secondInstanceDb = await createDbClient(test.url)
  })
  afterAll(async () => {
    await secondInstanceDb?.$disconnect()
    await test?.cleanup()
  })

  it(`delivers each of ${messageCount} messages exactly once`, async () => {
    const sink = await startSmtpSink()
    const keys = Array.from({ length: messageCount }, (_, index) => `bulk-${index}`)
    await test.db.$transaction(async (tx) => {
      for (const key of keys) await queueEmail(tx, message(key))
    })

    // Two "instances": separate database clients (separate connection pools), separate SMTP pools.
    const instances = [test.db, secondInstanceDb].map((db, index) => {
      const transport = createSmtpTransport({ url: sink.url, from, messageIdDomain })
      return { transport, worker: startOutboxWorker(db, { transport, render, workerId: `instance-${index + 1}`, pollIntervalMs: 200 }) }
    })
    const started = performance.now()
    try {
      await expect
        .poll(() => test.db.outboxMessage.count({ where: { status: 'SENT' } }), { timeout: 20_000, interval: 50 })
        .toBe(messageCount)
    } finally {
      await Promise.all(instances.map(({ worker }) => worker.stop()))
      for (const { transport } of instances) transport.close()
      await sink.stop()
    }
    const drainMs = performance.now() - started

    const received = sink.received.map((mail) => rawHeader(mail.raw, 'Message-ID'))
    expect(received).toHaveLength(messageCount)
    expect(new Set(received).size).toBe(messageCount)
    const rows = await test.db.outboxMessage.findMany({ select: { id: true, attempts: true, claimedBy: true } })
    expect(new Set(received)).toEqual(new Set(rows.map((row) => `<${row.id}@${messageIdDomain}>`)))
    expect(rows.every((row) => row.attempts === 1)).toBe(true)
    const perInstance = ['instance-1', 'instance-2'].map((id) => rows.filter((row) => row.claimedBy === id).length)
    console.info(`Drained ${messageCount} messages with two instances in ${Math.round(drainMs)} ms (${perInstance.join(' + ')})`)
    // Both instances took part.
    expect([...new Set(rows.map((row) => row.claimedBy))].sort()).toEqual(['instance-1', 'instance-2'])
  })
})
