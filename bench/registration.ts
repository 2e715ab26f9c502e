// Registration throughput: people registering at once through the real HTTP form post
// (session cookie, origin check, validation, the seat transaction, the outbox), at 20
// concurrent clients, against the same server's /healthz (liveness, no database) and /readyz (one
// database round trip, what /healthz was when issue 17 set its goals) in the same run (each the
// mean of a measurement before and one after the registrations), on SQLite
// and on PostgreSQL; plus the server's CPU time per registration (from the first post to the last
// answer, whatever the outbox worker did in that time included) and its peak resident memory
// (VmHWM) during the run.
//
//   npx tsx bench/registration.ts [--registrations 2000] [--connections 20] [--providers sqlite,postgresql]
//
// Needs the production build (`npx react-router build`) and PostgreSQL at TEST_POSTGRES_URL.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import {
  chosenProvidersOf,
  createRegistrationBenchEvent,
  readCpuMs,
  readPeakRssMb,
  requireProductionBuild,
  stopServer,
  waitForHealthy,
} from './support.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

const { values } = parseArgs({
  options: {
    registrations: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '20' },
    providers: { type: 'string', default: providers.join(',') },
  },
})
const registrations = Number(values.registrations)
const connections = Number(values.connections)
const chosenProviders = chosenProvidersOf(values.providers)

requireProductionBuild()

const rows: Record<string, string | number>[] = []
for (const [index, provider] of chosenProviders.entries()) rows.push(await benchProvider(provider, 3500 + index))
console.table(rows)

async function benchProvider(provider: Provider, port: number) {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    const slug = 'bench-registration-day'
    // Half the people get a seat, half a waiting place: both paths are measured.
    const { eventId, organisationId, users } = await createRegistrationBenchEvent(db, { slug, title: 'Bench Registration Day', capacity: Math.floor(registrations / 2), people: registrations })
    const cookies: string[] = []
    for (const user of users) cookies.push(`${SESSION_COOKIE_NAME}=${(await createSession(db, user.id)).token}`)

    const server = spawn(process.execPath, serverNodeArguments(), {
      env: { ...serverEnvironment(), DATABASE_URL: url, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    try {
      const origin = `http://localhost:${port}`
      await waitForHealthy(`${origin}/healthz`)
      // The references are measured before and after the registrations and averaged: one
      // measurement moved between 531 and 1,097 a second from run to run (bench/README.md).
      const healthBefore = await autocannon({ url: `${origin}/healthz`, connections, duration: 8 })
      const readyBefore = await autocannon({ url: `${origin}/readyz`, connections, duration: 8 })

      const body = new URLSearchParams({ name: 'Bench Person', jobTitle: 'Engineer', nationality: 'BE', organisationId, consent: 'on' }).toString()
      let next = 0
      // autocannon resolves on its one-second tick, so the run ends at the last answer, not then.
      let lastAnswerAt = 0
      const started = performance.now()
      const cpuBefore = readCpuMs(server)
      const register = await autocannon({
        url: `${origin}/events/${slug}/register`,
        connections,
        amount: registrations,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, Cookie: cookies[next++ % cookies.length]!, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
              body,
            }),
            onResponse: () => {
              lastAnswerAt = performance.now()
            },
          },
        ],
      })
      const seconds = (lastAnswerAt - started) / 1000
      const cpuMsPerRegistration = (readCpuMs(server) - cpuBefore) / registrations
      // The outbox worker renders the emails after the rush: measured alongside, it would lower
      // the references and flatter the ratios.
      await outboxDrained(db)
      const readyAfter = await autocannon({ url: `${origin}/readyz`, connections, duration: 8 })
      const healthAfter = await autocannon({ url: `${origin}/healthz`, connections, duration: 8 })
      const health = (healthBefore.requests.average + healthAfter.requests.average) / 2
      const ready = (readyBefore.requests.average + readyAfter.requests.average) / 2
      const peakRssMb = readPeakRssMb(server)
      const counts = await db.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } })
      const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count._all]))
      await db.$disconnect()
      const registrationsPerSecond = registrations / seconds
      return {
        provider,
        registrations,
        connections,
        'approved/waitlisted': `${byStatus.APPROVED ?? 0}/${byStatus.WAITLISTED ?? 0}`,
        'non-3xx': register.non2xx - countRedirects(register),
        'registrations/s': Math.round(registrationsPerSecond),
        'register p97.5 ms': register.latency.p97_5,
        'server CPU ms / registration': Number(cpuMsPerRegistration.toFixed(1)),
        'healthz req/s (before / after)': `${Math.round(healthBefore.requests.average)} / ${Math.round(healthAfter.requests.average)}`,
        'ratio reg/health': Number((registrationsPerSecond / health).toFixed(3)),
        'readyz req/s (before / after)': `${Math.round(readyBefore.requests.average)} / ${Math.round(readyAfter.requests.average)}`,
        'ratio reg/ready': Number((registrationsPerSecond / ready).toFixed(3)),
        'server peak RSS MB': peakRssMb,
      }
    } finally {
      await stopServer(server)
    }
  } finally {
    await drop()
  }
}

async function outboxDrained(db: Db) {
  const deadline = Date.now() + 120_000
  while ((await db.outboxMessage.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) > 0) {
    if (Date.now() > deadline) throw new Error('The outbox did not drain within 2 minutes of the registrations.')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

// A registration answers 302 (to the registration page) when it succeeds.
function countRedirects(result: autocannon.Result) {
  return result['3xx'] ?? 0
}
