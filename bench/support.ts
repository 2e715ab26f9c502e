// What the benchmarks share: an event open for registration with people to register, waiting
// for a freshly started production server to answer, measuring one URL's throughput under load,
// reading the server's CPU time and peak memory, the engines a script was asked to measure, and
// polling a server under load from a thread of its own while a real SMTP server notes each email's arrival.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { Worker } from 'node:worker_threads'
import autocannon from 'autocannon'
import { SMTPServer } from 'smtp-server'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'

/** The engines named by `--providers` ("sqlite,postgresql"); a name that is not one stops the script, rather than measuring nothing. */
export function chosenProvidersOf(list: string): Provider[] {
  const names = list.split(',').map((name) => name.trim())
  const unknown = names.filter((name) => !(providers as readonly string[]).includes(name))
  if (unknown.length > 0) {
    console.error(`Unknown --providers ${unknown.join(', ')}: choose from ${providers.join(', ')}.`)
    process.exit(1)
  }
  return names as Provider[]
}

/**
 * A published event whose registration is open, without vetting and with a waiting list, and
 * `people` accounts of one organisation to register for it (ordered by email).
 */
export async function createRegistrationBenchEvent(db: Db, { slug, title, capacity, people }: { slug: string; title: string; capacity: number; people: number }) {
  const now = Date.now()
  const event = await db.event.create({
    data: {
      slug,
      title,
      summary: 'Benchmark',
      description: 'Benchmark event.',
      hostName: 'Bench',
      contactEmail: 'bench@example.org',
      venueName: 'Hall',
      venueAddress: 'Brussels',
      timeZone: 'Europe/Brussels',
      startsAt: new Date(now + 30 * 86_400_000),
      endsAt: new Date(now + 30 * 86_400_000 + 8 * 3_600_000),
      registrationOpensAt: new Date(now - 60_000),
      registrationClosesAt: new Date(now + 20 * 86_400_000),
      capacity,
      waitlistEnabled: true,
      approvalRequired: false,
      status: 'PUBLISHED',
      calendarUid: `event-${slug}@bench.muster`,
    },
    select: { id: true },
  })
  const organisation = await db.organisation.create({ data: { slug: `${slug}-org`, name: 'Bench Org', kind: 'SME', country: 'BE' }, select: { id: true } })
  await db.user.createMany({
    data: Array.from({ length: people }, (_, i) => ({ email: `bench-${i}@example.org`, name: `Bench Person ${i}`, jobTitle: 'Engineer', nationality: 'BE', organisationId: organisation.id })),
  })
  const users = await db.user.findMany({ where: { organisationId: organisation.id }, select: { id: true }, orderBy: { email: 'asc' } })
  return { eventId: event.id, organisationId: organisation.id, users }
}

export async function waitForHealthy(url: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} never became healthy`)
}


/**
 * Stops a server and waits until it has exited (SIGKILL after 10 s), so the database it used can
 * be dropped without cutting its outbox worker off mid-query.
 */
export async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
/** The peak resident memory (VmHWM, Linux) of a server the benchmark started, in MB. */
export function readPeakRssMb(server: ChildProcess) {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const kilobytes = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0)
  return Math.round(kilobytes / 1024)
}

/**
 * The CPU time (user and system, every thread: garbage collection and compression included) a
 * process has used so far, in ms (Linux). Unlike requests per second, it hardly moves when
 * other work shares the machine.
 */
export function readCpuMs(server: ChildProcess) {
  // The fields after the command name; utime and stime, in ticks of 10 ms, are the 14th and 15th of the line.
  const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** errors: connection errors and timeouts (after `timeoutSeconds`); cpuMsPerResponse: when the server was given. */
export type Throughput = { rps: number; p99: number; errors: number; cpuMsPerResponse?: number }

/**
 * Requests per second and p99 latency of one URL at `connections` concurrent clients for
 * `seconds`, after a two-second warm-up, and with `server`, the CPU time it spent per response.
 * Any status but `expectedStatus` stops the benchmark: a fast error page must never pass for a
 * fast page.
 */
export async function measureThroughput(
  label: string,
  {
    url,
    connections,
    seconds,
    headers = {},
    visitors,
    expectedStatus = 200,
    timeoutSeconds = 10,
    server,
  }: {
    url: string
    connections: number
    seconds: number
    headers?: Record<string, string>
    /** Headers of different visitors (their cookies), asked with in turn by every connection. */
    visitors?: Record<string, string>[]
    expectedStatus?: number
    timeoutSeconds?: number
    server?: ChildProcess
  },
): Promise<Throughput> {
  const requests = visitors?.map((visitor) => ({ headers: { ...headers, ...visitor } }))
  const options = { url, headers, connections, timeout: timeoutSeconds, ...(requests ? { requests } : {}) }
  await autocannon({ ...options, duration: 2 })
  const cpuBefore = server ? readCpuMs(server) : 0
  const result = await autocannon({ ...options, duration: seconds })
  const cpuMsPerResponse = server ? (readCpuMs(server) - cpuBefore) / Math.max(1, result.requests.total) : undefined
  const unexpected = Object.keys(result.statusCodeStats ?? {}).filter((status) => status !== String(expectedStatus))
  if (unexpected.length > 0) throw new Error(`${label}: expected only ${expectedStatus}, got ${JSON.stringify(result.statusCodeStats)}`)
  console.log(`${label} ${expectedStatus}: ${result.requests.total} responses, ${result.errors} errors in ${result.duration.toFixed(1)} s`)
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, cpuMsPerResponse }
}

/**
 * "52 (0.033×, p99 1810 ms, 38 ms CPU)": a throughput, its ratio to /healthz in the same run
 * (what compares across machines) and, when measured, the server's CPU time per response.
 */
export function describeAgainstHealth(result: Throughput, healthRps: number, ratioDigits: number) {
  const errors = result.errors ? `, ${result.errors} errors` : ''
  const cpu = result.cpuMsPerResponse === undefined ? '' : `, ${result.cpuMsPerResponse.toFixed(1)} ms CPU`
  return `${Math.round(result.rps)} (${(result.rps / healthRps).toFixed(ratioDigits)}×, p99 ${result.p99} ms${errors}${cpu})`
}

// ---------- Polling a server while it is under load, and timing the emails it sends ----------

/** Issue 17 saw page loads over 10 s: a poll gives up at 30 s so a stall is measured, not waited out. */
const POLL_TIMEOUT_MS = 30_000
/**
 * Each URL is asked every 50 ms (or as soon as the previous answer came, if later): twenty times a
 * second per URL and instance, far more often than a load balancer's check, without the pollers
 * themselves taking the CPU the servers need.
 */
const POLL_EVERY_MS = 50
/**
 * The pollers' worker (startPollers), plain JavaScript so it needs no loader. Each URL is polled
 * from before the load begins (a worker's first fetch sets up its HTTP client, which on a loaded
 * machine took seconds and was once counted as the servers' answer time); a sample carries when
 * it was asked (epoch ms), so a script counts only those asked under load.
 */
const POLLER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
let over = false
parentPort.once('message', () => { over = true })
async function poll(url, answered) {
  const samples = []
  while (!over) {
    const startedAt = performance.timeOrigin + performance.now()
    const started = performance.now()
    let status
    let blockedMs = null
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(workerData.timeoutMs) })
      // The page is only served once its whole body has arrived (it streams).
      const body = await response.text()
      status = response.status
      // /healthz reports the longest event-loop block the server itself saw in its last reading (at most 100 ms old).
      if (url.endsWith('/healthz') && status === 200) blockedMs = JSON.parse(body).eventLoopDelayMs.max
    } catch (error) {
      status = error && error.name === 'TimeoutError' ? 'timeout' : String((error && error.cause && error.cause.code) || error).slice(0, 80)
    }
    const ms = performance.now() - started
    samples.push({ startedAt, ms, status, blockedMs })
    answered()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, workerData.everyMs - ms)))
  }
  return samples
}
let waiting = workerData.urls.length
const answeredOnce = () => { if (--waiting === 0) parentPort.postMessage('ready') }
Promise.all(workerData.urls.map((url) => { let first = true; return poll(url, () => { if (first) { first = false; answeredOnce() } }) })).then((samples) => parentPort.postMessage(samples))
`

/** A poll: its HTTP status or why none came, asked at startedAt (epoch ms); blockedMs: on /healthz, the longest the server's event loop was blocked in its last reading. */
type PollSample = { ms: number; status: number | string; startedAt: number; blockedMs: number | null }

/**
 * Polls each URL every POLL_EVERY_MS, one request at a time per URL, from a worker thread of its own:
 * a load balancer's check comes from another machine, so its timing must not wait behind the
 * requests or the database work of the script that measures. stop() ends the polls (the requests in flight still count).
 */
export async function startPollers(urls: string[]) {
  const worker = new Worker(POLLER_SOURCE, { eval: true, workerData: { urls, timeoutMs: POLL_TIMEOUT_MS, everyMs: POLL_EVERY_MS } })
  const failed = new Promise<never>((_, reject) => worker.once('error', reject))
  // Every URL has answered once: the worker's HTTP client is up before the rush begins.
  await Promise.race([new Promise((resolve) => worker.once('message', resolve)), failed])
  // A /healthz reading is shared for 100 ms (app/lib/health.server.ts): wait until the polls read
  // ones taken after this point, or the first polls of the load report a block from before it
  // (the event page's first render, 141 ms, was once counted as the rush's longest block).
  await new Promise((resolve) => setTimeout(resolve, 250))
  const samples = Promise.race([new Promise<PollSample[][]>((resolve) => worker.once('message', resolve)), failed])
  return {
    stop: async () => {
      worker.postMessage('stop')
      const result = await samples
      await worker.terminate()
      return result
    },
  }
}

/**
 * A real SMTP server that only notes when each message arrived (tests/support/smtp-sink.ts keeps
 * the messages but not their arrival times, which a rush or a bulk send is measured by).
 */
export async function startArrivalSink() {
  const arrivals: number[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => {
        arrivals.push(performance.now())
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('The SMTP sink has no TCP address')
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    arrivals,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Nearest-rank percentiles in whole ms. */
export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!) : 0)
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100) }
}

export function countBy(keys: string[]) {
  const counts: Record<string, number> = {}
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

/** Stops the script unless the production build the servers run exists. */
export function requireProductionBuild() {
  if (fs.existsSync('build/server/index.js')) return
  console.error('Build the app first: npx react-router build')
  process.exit(1)
}

/**
 * The production servers a script starts: `track` each one as it is spawned and `stop` it when
 * done (SIGTERM, then SIGKILL if it hangs); any still tracked when the script ends, however it
 * ends, are killed, so a failed run leaves none behind.
 */
export function serversKilledOnExit() {
  const servers = new Set<ChildProcess>()
  process.on('exit', () => {
    for (const server of servers) server.kill('SIGKILL')
  })
  return {
    track(server: ChildProcess) {
      servers.add(server)
      return server
    },
    async stop(server: ChildProcess) {
      await stopServer(server)
      servers.delete(server)
    },
  }
}

/** One polled URL's row: how many polls, which were not 200, p50 / p99 / max, and on /healthz the longest event-loop block the server saw. */
export function describePolls(path: string, samples: PollSample[]) {
  const answered = percentiles(samples.map((sample) => sample.ms))
  return {
    url: path,
    count: samples.length,
    'not 200 (status: count)': JSON.stringify(countBy(samples.filter((sample) => sample.status !== 200).map((sample) => String(sample.status)))),
    'p50 ms': answered.p50,
    'p99 ms': answered.p99,
    'max ms': answered.max,
    'server event loop blocked, longest ms': path === '/healthz' ? Math.max(0, ...samples.map((sample) => sample.blockedMs ?? 0)) : '',
  }
}
