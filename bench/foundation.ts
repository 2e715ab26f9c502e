// Foundation benchmark: the demo Industry Day scaled to N attendees (default 5,000) on
// SQLite and on PostgreSQL: migrate time, seed time and memory, then the event page served
// by the production build (sequential and concurrent latency).
//
//   npx tsx bench/foundation.ts [--attendees 5000] [--requests 200] [--concurrency 10]
//
// Needs the production build (`npx react-router build`) and PostgreSQL at TEST_POSTGRES_URL.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { demoTimeline } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { requireProductionBuild, stopServer, waitForHealthy } from './support.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '10' },
  },
})
const attendees = Number(values.attendees)
const requests = Number(values.requests)
const concurrency = Number(values.concurrency)
// The demo is seeded for today (seeds/demo-timeline.ts), so its address names the year it falls in.
const eventPath = `/events/${demoTimeline().slug}`

requireProductionBuild()

type Row = Record<string, string | number>
const rows: Row[] = []

for (const [index, provider] of providers.entries()) {
  rows.push(await benchProvider(provider, 3300 + index))
}
console.table(rows)

async function benchProvider(provider: Provider, port: number): Promise<Row> {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    let started = performance.now()
    await deployMigrations(url)
    const migrateMs = performance.now() - started

    const db = await createDbClient(url)
    const rssBefore = process.memoryUsage().rss
    started = performance.now()
    await seedDatabase(db, { attendees })
    const seedMs = performance.now() - started
    const seedRssMb = (process.memoryUsage().rss - rssBefore) / 1e6
    const registrations = await db.registration.count()
    const sessions = await db.agendaSession.count()
    await db.$disconnect()

    const server = spawn(process.execPath, serverNodeArguments(), {
      env: { ...serverEnvironment(), DATABASE_URL: url, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      await waitForHealthy(`http://localhost:${port}/healthz`)
      const pageUrl = `http://localhost:${port}${eventPath}`
      for (let i = 0; i < 10; i++) await timedGet(pageUrl) // warm-up
      const sequential: number[] = []
      for (let i = 0; i < requests; i++) sequential.push(await timedGet(pageUrl))
      const concurrentStarted = performance.now()
      const concurrent = await runConcurrent(pageUrl, requests, concurrency)
      const concurrentSeconds = (performance.now() - concurrentStarted) / 1000
      return {
        provider,
        attendees,
        registrations,
        sessions,
        'migrate ms': Math.round(migrateMs),
        'seed ms': Math.round(seedMs),
        'seed RSS +MB': Math.round(seedRssMb),
        'page p50 ms': percentile(sequential, 50),
        'page p95 ms': percentile(sequential, 95),
        [`page req/s @${concurrency}`]: Math.round(concurrent.length / concurrentSeconds),
        [`page p95 ms @${concurrency}`]: percentile(concurrent, 95),
      }
    } finally {
      await stopServer(server)
    }
  } finally {
    await drop()
  }
}

async function timedGet(url: string) {
  const started = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return performance.now() - started
}

async function runConcurrent(url: string, total: number, parallel: number) {
  const timings: number[] = []
  let issued = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (issued < total) {
        issued++
        timings.push(await timedGet(url))
      }
    }),
  )
  return timings
}

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b)
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
}
