// Bulk delivery while people browse: M messages (default 3,000), each with its own props (an
// organiser's message with a personal unsubscribe address, so no two share a rendering), are
// queued at once in the outbox of one production server; its outbox worker delivers them to a
// real SMTP server while /healthz and the public event page are polled from a thread of this
// script every 50 ms. Prints the delivery time and rate, how the polls were answered during the
// delivery (p50, p99, max, and the longest block of the server's event loop /healthz saw), and
// the server's peak resident memory and CPU time. Exits non-zero unless every message arrives
// once.
//
//   npx react-router build && npx tsx bench/bulk-send.ts [--messages 3000] [--providers sqlite,postgresql]
//
// Needs PostgreSQL at TEST_POSTGRES_URL for the PostgreSQL run.
import { spawn, type ChildProcess } from 'node:child_process'
import { parseArgs } from 'node:util'
import { queueEmails, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { findFreePort } from '#tests/support/smtp-sink.ts'
import {
  chosenProvidersOf,
  createRegistrationBenchEvent,
  describePolls,
  readCpuMs,
  readPeakRssMb,
  requireProductionBuild,
  serversKilledOnExit,
  startArrivalSink,
  startPollers,
  stopServer,
  waitForHealthy,
} from './support.ts'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    providers: { type: 'string', default: providers.join(',') },
  },
})
const messageCount = Number(values.messages)
const SLUG = 'bench-bulk-day'
/** A delivery slower than this is reported as unfinished rather than waited out. */
const DELIVERY_TIMEOUT_MS = 600_000

requireProductionBuild()
const liveServers = serversKilledOnExit()

let correct = true
for (const provider of chosenProvidersOf(values.providers)) {
  const result = await benchProvider(provider)
  console.log(`\n${provider}: ${messageCount} messages, each rendered on its own, delivered by one production server`)
  console.table(result.summary)
  console.table(result.polls)
  correct &&= result.correct
}
if (!correct) {
  console.error('Delivery check failed')
  process.exitCode = 1
}

async function benchProvider(provider: Provider) {
  const { url, drop } = await createEmptyDatabase(provider)
  const sink = await startArrivalSink()
  let server: ChildProcess | null = null
  let db: Db | null = null
  try {
    await deployMigrations(url)
    db = await createDbClient(url)
    const { eventId } = await createRegistrationBenchEvent(db, { slug: SLUG, title: 'Bench Bulk Day', capacity: 10, people: 1 })
    const origin = `http://127.0.0.1:${await findFreePort()}`
    server = spawn(process.execPath, serverNodeArguments(), {
      env: { ...serverEnvironment(), DATABASE_URL: url, PORT: new URL(origin).port, APP_URL: origin, SMTP_URL: sink.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    liveServers.add(server)
    await waitForHealthy(`${origin}/healthz`)
    const page = await fetch(`${origin}/events/${SLUG}`)
    await page.arrayBuffer()
    if (page.status !== 200) throw new Error(`${origin}/events/${SLUG} answered ${page.status}`)

    const pollers = await startPollers([`${origin}/healthz`, `${origin}/events/${SLUG}`])
    const cpuBefore = readCpuMs(server)
    const started = performance.now()
    const startedAt = performance.timeOrigin + started
    await queueEmails(db, Array.from({ length: messageCount }, (_, index) => bulkMessage(eventId, index)))
    const queuedMs = performance.now() - started
    while (sink.arrivals.length < messageCount && performance.now() - started < DELIVERY_TIMEOUT_MS) await new Promise((resolve) => setTimeout(resolve, 100))
    const deliveredAt = performance.now()
    const cpuMs = readCpuMs(server) - cpuBefore
    const polls = (await pollers.stop()).map((samples) => samples.filter((sample) => sample.startedAt >= startedAt))
    const peakRssMb = readPeakRssMb(server)
    // A message delivered twice would push the count past the messages queued.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const arrived = sink.arrivals.length
    const sent = await db.outboxMessage.count({ where: { eventId, status: 'SENT' } })
    const deliveryS = (deliveredAt - started) / 1000
    return {
      correct: arrived === messageCount && sent === messageCount,
      summary: {
        'queued in, ms': Math.round(queuedMs),
        'delivered (arrived at the SMTP server / SENT rows)': `${arrived} / ${sent}`,
        'delivery, s from queueing to the last arrival': deliveryS.toFixed(1),
        'messages per second': Math.round(arrived / deliveryS),
        'server CPU ms per message (all threads)': (cpuMs / Math.max(1, arrived)).toFixed(1),
        'server peak resident MB': peakRssMb,
      },
      polls: ['/healthz', `/events/${SLUG}`].map((path, index) => describePolls(path, polls[index]!)),
    }
  } finally {
    if (server) {
      await stopServer(server)
      liveServers.delete(server)
    }
    await sink.stop()
    await db?.$disconnect()
    await drop()
  }
}

/** An organiser's message as the event-messages feature queues it: personal footer and unsubscribe address. */
function bulkMessage(eventId: string, index: number): QueuedEmail {
  const email = `attendee-${index}@bulk.example`
  const unsubscribeUrl = `https://muster.example/unsubscribe/bulk-${index}`
  return {
    idempotencyKey: `bench-bulk:${index}`,
    kind: 'event-message',
    to: { email, name: `Attendee ${index}` },
    email: {
      template: 'event-message',
      props: {
        eventTitle: 'Bench Bulk Day',
        subject: 'Arriving at the venue',
        body: [
          `Dear Attendee ${index},`,
          'The doors open at **08:00**. Bring the photo ID you registered with; the badge desk is at the north entrance.',
          '- Car park P3 is reserved for attendees\n- A shuttle runs from Evere station every 15 minutes\n- Cloakroom on level 0',
          'The agenda, your breakouts and your B2B meetings are on your account page and in your calendar feed.',
        ].join('\n\n'),
        email,
        unsubscribeUrl,
      },
    },
    eventId,
    listUnsubscribe: unsubscribeUrl,
  }
}
