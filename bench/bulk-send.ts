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
    const { eventId, users } = await createRegistrationBenchEvent(db, { slug: SLUG, title: 'Bench Bulk Day', capacity: 10, people: messageCount })
    const origin = `http://127.0.0.1:${await findFreePort()}`
    server = liveServers.track(
      spawn(process.execPath, serverNodeArguments(), {
        env: { ...serverEnvironment(), DATABASE_URL: url, PORT: new URL(origin).port, APP_URL: origin, SMTP_URL: sink.url },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    )
    await waitForHealthy(`${origin}/healthz`)
    const page = await fetch(`${origin}/events/${SLUG}`)
    await page.arrayBuffer()
    if (page.status !== 200) throw new Error(`${origin}/events/${SLUG} answered ${page.status}`)

    const pollers = await startPollers([`${origin}/healthz`, `${origin}/events/${SLUG}`])
    const cpuBefore = readCpuMs(server)
    const started = performance.now()
    await queueEmails(db, users.map((user, index) => bulkMessage(eventId, user.id, index)))
    const queuedMs = performance.now() - started
    while (sink.arrivals.length < messageCount && performance.now() - started < DELIVERY_TIMEOUT_MS) await new Promise((resolve) => setTimeout(resolve, 100))
    const cpuMs = readCpuMs(server) - cpuBefore
    const samples = await pollers.stop()
    const peakRssMb = readPeakRssMb(server)
    // A message delivered twice would push the count past the messages queued.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const arrived = sink.arrivals.length
    const sent = await db.outboxMessage.count({ where: { eventId, status: 'SENT' } })
    // Timed from the first arrival to the last: the rows come from this script, not from a
    // request to the server, so its worker finds them at its next poll (up to 1.5 s later).
    const firstArrival = sink.arrivals[0] ?? started
    const lastArrival = sink.arrivals.at(-1) ?? started
    const deliveryS = Math.max(0.001, (lastArrival - firstArrival) / 1000)
    const during = (sample: { startedAt: number }) => sample.startedAt >= performance.timeOrigin + firstArrival && sample.startedAt <= performance.timeOrigin + lastArrival
    return {
      correct: arrived === messageCount && sent === messageCount,
      summary: {
        'queued in, ms': Math.round(queuedMs),
        "picked up: s from queueing to the first arrival (the worker's poll)": ((firstArrival - started) / 1000).toFixed(1),
        'delivered (arrived at the SMTP server / SENT rows)': `${arrived} / ${sent}`,
        'delivery, s from the first arrival to the last': deliveryS.toFixed(1),
        'messages per second': Math.round((arrived - 1) / deliveryS),
        'server CPU ms per message (all threads)': (cpuMs / Math.max(1, arrived)).toFixed(1),
        'server peak resident MB': peakRssMb,
      },
      polls: ['/healthz', `/events/${SLUG}`].map((path, index) => describePolls(path, samples[index]!.filter(during))),
    }
  } finally {
    if (server) await liveServers.stop(server)
    await sink.stop()
    await db?.$disconnect()
    await drop()
  }
}

/**
 * An organiser's message as the event-messages feature queues it: to a person with an account
 * (so the worker's check of who stopped such messages has someone to look up), with a personal
 * footer and unsubscribe address. It has no message record behind it (`sourceId`): that only
 * counts deliveries for the organiser's progress line.
 */
function bulkMessage(eventId: string, userId: string, index: number): QueuedEmail {
  const email = `bench-${index}@example.org`
  const unsubscribeUrl = `https://muster.example/unsubscribe/bulk-${index}`
  return {
    idempotencyKey: `bench-bulk:${index}`,
    kind: 'event-message',
    to: { email, name: `Bench Person ${index}` },
    email: {
      template: 'event-message',
      props: {
        eventTitle: 'Bench Bulk Day',
        subject: 'Arriving at the venue',
        body: [
          `Dear Bench Person ${index},`,
          'The doors open at **08:00**. Bring the photo ID you registered with; the badge desk is at the north entrance.',
          '- Car park P3 is reserved for attendees\n- A shuttle runs from Evere station every 15 minutes\n- Cloakroom on level 0',
          'The agenda, your breakouts and your B2B meetings are on your account page and in your calendar feed.',
        ].join('\n\n'),
        email,
        unsubscribeUrl,
      },
    },
    eventId,
    userId,
    listUnsubscribe: unsubscribeUrl,
  }
}
