// Registration rush: registration opens for a popular industry day and R people (default 300)
// press "register" at once, spread over the production servers sharing one database: two on
// PostgreSQL (the scale-out engine); one on SQLite (the embedded engine serves one instance per
// file: two processes on one file block each other in better-sqlite3's synchronous lock wait,
// so a second server on the same file refuses to start, app/lib/sqlite-instance-lock.server.ts). Measures what they wait (p50 to max, with any
// "busy, retry" 503 answers retried after Retry-After and counted in that person's wait), how
// /healthz and the public event page answer on each instance meanwhile, how many emails a real
// SMTP server receives during the rush and within 60 s after it, and checks the seats in the
// database afterwards (exits non-zero when they are wrong).
//
//   npx tsx bench/registration-rush.ts [--registrants 300] [--capacity 200] [--providers sqlite,postgresql] [--pace-ms 0]
//
// --pace-ms spreads the registrants: registrant i presses "register" i × pace ms after the
// first (0: all at once). Needs the production build (`npx react-router build`) and, for
// PostgreSQL, TEST_POSTGRES_URL.
import { spawn, type ChildProcess } from 'node:child_process'
import { parseArgs } from 'node:util'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { findFreePort } from '#tests/support/smtp-sink.ts'
import {
  chosenProvidersOf,
  countBy,
  createRegistrationBenchEvent,
  describePolls,
  percentiles,
  requireProductionBuild,
  serversKilledOnExit,
  startArrivalSink,
  startPollers,
  waitForHealthy,
} from './support.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

const { values } = parseArgs({
  options: {
    registrants: { type: 'string', default: '300' },
    capacity: { type: 'string', default: '200' },
    providers: { type: 'string', default: providers.join(',') },
    'pace-ms': { type: 'string', default: '0' },
  },
})
const registrants = Number(values.registrants)
const capacity = Number(values.capacity)
const paceMs = Number(values['pace-ms'])
const instanceCount = (provider: Provider) => (provider === 'sqlite' ? 1 : 2)
const chosenProviders = chosenProvidersOf(values.providers)

/** A registrant gives up after this (503 retries included); the issue saw 49 s at worst. */
const REGISTRATION_TIMEOUT_MS = 180_000
/** How long after the rush the outbox may take to deliver what the rush queued. */
const EMAIL_GRACE_MS = 60_000
const SLUG = 'bench-rush-day'

requireProductionBuild()
const liveServers = serversKilledOnExit()

let correct = true
for (const provider of chosenProviders) {
  const result = await benchProvider(provider)
  console.log(`\n${provider}: ${registrants} registrants, capacity ${capacity}, pace ${paceMs} ms, ${instanceCount(provider)} instance(s)`)
  console.table(result.summary)
  console.table(result.polls)
  correct &&= result.correct
}
if (!correct) {
  console.error('Correctness check failed')
  process.exitCode = 1
}

/** status: the HTTP status, or why no answer came ('timeout', or the network error's code). */
type Sample = { ms: number; status: number | string }
type Registration = Sample & { userId: string; busyAnswers: number }

async function benchProvider(provider: Provider) {
  const { url, drop } = await createEmptyDatabase(provider)
  const sink = await startArrivalSink()
  const servers: ChildProcess[] = []
  let db: Db | null = null
  try {
    await deployMigrations(url)
    db = await createDbClient(url)
    // Fewer seats than registrants: both the seat and the waiting-list paths run.
    const { eventId, organisationId, users } = await createRegistrationBenchEvent(db, { slug: SLUG, title: 'Bench Rush Day', capacity, people: registrants })
    const cookies: string[] = []
    for (const user of users) cookies.push(`${SESSION_COOKIE_NAME}=${(await createSession(db, user.id)).token}`)

    // Both instances stand for one public site behind a load balancer: same APP_URL (links in
    // emails), each accepting form posts from its own origin (app/lib/origin-check.server.ts).
    const origins: string[] = []
    for (let i = 0; i < instanceCount(provider); i++) origins.push(`http://127.0.0.1:${await findFreePort()}`)
    for (const origin of origins) {
      const server = spawn(process.execPath, serverNodeArguments(), {
        env: { ...serverEnvironment(), DATABASE_URL: url, PORT: new URL(origin).port, APP_URL: origins[0], SMTP_URL: sink.url },
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      servers.push(server)
      liveServers.track(server)
    }
    for (const origin of origins) {
      await waitForHealthy(`${origin}/healthz`)
      // One unloaded view first, so the rush does not also measure the first render's warm-up.
      const page = await fetch(`${origin}/events/${SLUG}`)
      await page.arrayBuffer()
      if (page.status !== 200) throw new Error(`${origin}/events/${SLUG} answered ${page.status}`)
    }

    const body = new URLSearchParams({ name: 'Bench Person', jobTitle: 'Engineer', nationality: 'BE', organisationId, consent: 'on' }).toString()
    const pollers = await startPollers(origins.flatMap((origin) => [`${origin}/healthz`, `${origin}/events/${SLUG}`]))
    const started = performance.now()
    const rushStartedAt = performance.timeOrigin + started
    const registrations = await Promise.all(
      users.map(async (user, i) => {
        if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, i * paceMs))
        const origin = origins[i % origins.length]!
        return { userId: user.id, ...(await register(`${origin}/events/${SLUG}/register`, origin, cookies[i]!, body)) }
      }),
    )
    const rushEnded = performance.now()
    const polls = (await pollers.stop()).map((samples) => samples.filter((sample) => sample.startedAt >= rushStartedAt))

    // Wait for the outbox to deliver what the rush queued (one email per registration), up to the grace period.
    const queued = await db.outboxMessage.count({ where: { eventId } })
    while (sink.arrivals.length < queued && performance.now() - rushEnded < EMAIL_GRACE_MS) await new Promise((resolve) => setTimeout(resolve, 200))
    const emailsDuringRush = sink.arrivals.filter((at) => at <= rushEnded).length
    const emailsWithinGrace = sink.arrivals.filter((at) => at <= rushEnded + EMAIL_GRACE_MS).length

    const check = await checkSeats(db, provider, eventId, registrations)
    const succeeded = registrations.filter(isSuccess)
    const failures = countBy(registrations.filter((registration) => !isSuccess(registration)).map((registration) => String(registration.status)))
    const latency = percentiles(succeeded.map((registration) => registration.ms))
    const slowestPerInstance = origins.map((_, instance) => Math.round(Math.max(0, ...registrations.filter((_, i) => i % origins.length === instance).map((r) => r.ms))))
    return {
      correct: check.correct,
      summary: {
        'registrations ok': succeeded.length,
        'registrations failed (status: count)': JSON.stringify(failures),
        'busy-retried registrants (503 answers)': `${registrations.filter((r) => r.busyAnswers > 0).length} (${registrations.reduce((sum, r) => sum + r.busyAnswers, 0)})`,
        'ok registration p50 / p90 / p99 / max ms': `${latency.p50} / ${latency.p90} / ${latency.p99} / ${latency.max}`,
        'slowest registrant ms, per instance': slowestPerInstance.join(' / '),
        'slowest registrant ms, seated / waiting list': await slowestByOutcome(db, eventId, registrations),
        'rush duration s': ((rushEnded - started) / 1000).toFixed(1),
        'emails queued': queued,
        'emails received during the rush': emailsDuringRush,
        [`emails received by ${EMAIL_GRACE_MS / 1000} s after the rush`]: emailsWithinGrace,
        'first email, s after the rush started': sink.arrivals.length ? ((sink.arrivals[0]! - started) / 1000).toFixed(1) : '-',
        'last email, s after the rush ended': sink.arrivals.length ? ((sink.arrivals.at(-1)! - rushEnded) / 1000).toFixed(1) : '-',
        ...check.rows,
      },
      polls: origins.flatMap((origin, instance) =>
        ['/healthz', `/events/${SLUG}`].map((path, kind) => ({ instance: `${'AB'[instance]} (${new URL(origin).port})`, ...describePolls(path, polls[instance * 2 + kind]!) })),
      ),
    }
  } finally {
    await Promise.all(servers.map((server) => liveServers.stop(server)))
    await sink.stop()
    await db?.$disconnect()
    await drop()
  }
}

/**
 * One person's form post, as a browser sends it (no redirect followed: the 302 to the
 * registration page is the success). A 503 is the server asking to come back: wait its
 * Retry-After and post again; the person's wait runs from the first press to the last answer.
 */
async function register(url: string, origin: string, cookie: string, body: string): Promise<Sample & { busyAnswers: number }> {
  const started = performance.now()
  let busyAnswers = 0
  for (;;) {
    const remaining = REGISTRATION_TIMEOUT_MS - (performance.now() - started)
    let status: Sample['status']
    let retryAfterMs = 1000
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(1, Math.round(remaining))),
      })
      await response.arrayBuffer()
      status = response.status
      retryAfterMs = parseRetryAfter(response.headers.get('Retry-After')) ?? retryAfterMs
    } catch (error) {
      status = failureOf(error)
    }
    const elapsed = performance.now() - started
    if (status !== 503 || elapsed + retryAfterMs >= REGISTRATION_TIMEOUT_MS) return { ms: elapsed, status, busyAnswers }
    busyAnswers++
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs))
  }
}


/** What must hold after any rush: no seat oversold or lost, no one registered twice, no one who was told "done" missing. */
async function checkSeats(db: Db, provider: Provider, eventId: string, registrations: Registration[]) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { seatsTaken: true, capacity: true } })
  const byStatus = Object.fromEntries(
    (await db.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } })).map((group) => [group.status, group._count._all]),
  )
  const perUser = await db.registration.groupBy({ by: ['userId'], where: { eventId }, _count: { _all: true } })
  const registeredUsers = new Set(perUser.map((group) => group.userId))
  const approved = byStatus.APPROVED ?? 0
  const waitlisted = byStatus.WAITLISTED ?? 0
  const checks = {
    'seatsTaken <= capacity': event.seatsTaken <= (event.capacity ?? Infinity),
    'approved == seatsTaken': approved === event.seatsTaken,
    // First come, first served: nobody waits while a seat is free.
    'waiting list only once full': waitlisted === 0 || event.seatsTaken === event.capacity,
    'no duplicate registration per user': perUser.every((group) => group._count._all === 1),
    'every ok registrant registered': registrations.filter(isSuccess).every((registration) => registeredUsers.has(registration.userId)),
  }
  return {
    correct: Object.values(checks).every(Boolean),
    rows: {
      'registrations by status': JSON.stringify(byStatus),
      ...(provider === 'postgresql'
        ? {
            'registrations per transaction, seated (mean / largest)': await registrationsPerTransaction(db, eventId, 'APPROVED'),
            'registrations per transaction, waiting (mean / largest)': await registrationsPerTransaction(db, eventId, 'WAITLISTED'),
          }
        : {}),
      'seatsTaken / capacity': `${event.seatsTaken} / ${event.capacity}`,
      ...Object.fromEntries(Object.entries(checks).map(([name, ok]) => [`check: ${name}`, ok ? 'ok' : 'FAILED'])),
    },
  }
}

/** Whether those who got a seat or those put on the waiting list waited longest. */
async function slowestByOutcome(db: Db, eventId: string, registrations: Registration[]) {
  const statusOf = new Map(
    (await db.registration.findMany({ where: { eventId }, select: { userId: true, status: true } })).map((registration) => [registration.userId, registration.status]),
  )
  const slowest = (status: string) => Math.round(Math.max(0, ...registrations.filter((r) => statusOf.get(r.userId) === status).map((r) => r.ms)))
  return `${slowest('APPROVED')} / ${slowest('WAITLISTED')}`
}

/**
 * How many registrations with this status each committed transaction wrote (the group commit of
 * docs/decisions/028): rows written by one PostgreSQL transaction share its id, xmin.
 */
async function registrationsPerTransaction(db: Db, eventId: string, status: 'APPROVED' | 'WAITLISTED') {
  const groups = await db.$queryRaw<{ rows: bigint }[]>`
    SELECT COUNT(*) AS "rows" FROM "Registration"
    WHERE "eventId" = ${eventId} AND "status"::text = ${status} GROUP BY "xmin"::text`
  const sizes = groups.map((group) => Number(group.rows))
  return `${(sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length)).toFixed(1)} / ${Math.max(0, ...sizes)}`
}

/** A 3xx is the redirect to the registration page: success. */
function isSuccess(sample: Sample) {
  return typeof sample.status === 'number' && sample.status >= 300 && sample.status < 400
}

/** 'timeout', or the code of the network error under fetch's TypeError (ECONNRESET, UND_ERR_SOCKET, …). */
function failureOf(error: unknown) {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout'
  const cause = error instanceof Error ? error.cause : undefined
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined
  return code ?? (error instanceof Error ? error.message : String(error)).slice(0, 80)
}

/** Retry-After in ms: seconds or an HTTP date; null when absent or unreadable. */
function parseRetryAfter(value: string | null) {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now())
}
