// Health for load balancers and supervisors. Liveness (/healthz) answers from the process alone:
// it must stay fast while a rush holds every pooled database connection, or a balancer takes
// every instance out at the moment registration opens. Readiness (/readyz) asks the database,
// within a bound, for balancers that should stop routing to an instance cut off from it.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { seatWritesLoad } from './admission.server.ts'
import { databaseProvider, db } from './db.server.ts'

/** How long readiness waits for the database before it answers "unavailable". */
const READINESS_TIMEOUT_MS = 2_000

// Sampled continuously at a low resolution: how long the event loop was blocked lately.
const eventLoopDelay = monitorEventLoopDelay({ resolution: 20 })
eventLoopDelay.enable()

export function checkProcess() {
  const report = {
    status: 'ok' as const,
    uptimeSeconds: Math.round(process.uptime()),
    eventLoopDelayMs: { p50: toMs(eventLoopDelay.percentile(50)), p99: toMs(eventLoopDelay.percentile(99)), max: toMs(eventLoopDelay.max) },
    seatWrites: seatWritesLoad(),
  }
  // Each report covers the time since the previous one.
  eventLoopDelay.reset()
  return report
}

export async function checkDatabase() {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS)
  })
  const answered = db.$queryRawUnsafe('SELECT 1').then(
    () => true,
    () => false,
  )
  const ok = await Promise.race([answered, timedOut])
  clearTimeout(timer)
  return { ok, provider: databaseProvider(), latencyMs: Math.round(performance.now() - started) }
}

function toMs(nanoseconds: number) {
  return Math.round(nanoseconds / 1e5) / 10
}
