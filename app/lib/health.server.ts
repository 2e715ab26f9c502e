// Health for load balancers and supervisors. Liveness (/healthz) answers from the process alone:
// it must stay fast while a rush holds every pooled database connection, or a balancer takes
// every instance out at the moment registration opens. Readiness (/readyz) asks the database,
// within a bound, for balancers that should stop routing to an instance cut off from it.
import { createHistogram } from 'node:perf_hooks'
import { seatWritesLoad } from './admission.server.ts'
import { databaseProvider, db } from './db.server.ts'

/** How long readiness waits for the database before it answers "unavailable". */
const READINESS_TIMEOUT_MS = 2_000

// How late a timer set every 20 ms fires: how long the event loop was blocked lately. Sampled
// here rather than with monitorEventLoopDelay, whose reset() forgets its last tick, so that a
// block starting just after a reading went unreported.
const SAMPLE_EVERY_MS = 20
const eventLoopDelayMicroseconds = createHistogram()
let lastTickAt = performance.now()
setInterval(() => {
  const now = performance.now()
  eventLoopDelayMicroseconds.record(Math.max(1, Math.round((now - lastTickAt - SAMPLE_EVERY_MS) * 1_000)))
  lastTickAt = now
}, SAMPLE_EVERY_MS).unref()

/**
 * Reading the histogram's percentiles walks all its buckets: about a tenth of a millisecond,
 * which was a third of what a /healthz answer cost when a benchmark or a rush's balancers asked
 * thousands of times a second. Checks within this long of a reading share it; a report covers
 * the time since the reading before it.
 */
const EVENT_LOOP_WINDOW_MS = 100
let eventLoopReading = { readAt: Number.NEGATIVE_INFINITY, delayMs: { p50: 0, p99: 0, max: 0 } }

function readEventLoopDelay() {
  const now = performance.now()
  if (now - eventLoopReading.readAt >= EVENT_LOOP_WINDOW_MS) {
    eventLoopReading = {
      readAt: now,
      delayMs: {
        p50: toMs(eventLoopDelayMicroseconds.percentile(50)),
        p99: toMs(eventLoopDelayMicroseconds.percentile(99)),
        max: toMs(eventLoopDelayMicroseconds.max),
      },
    }
    eventLoopDelayMicroseconds.reset()
  }
  return eventLoopReading.delayMs
}

export function checkProcess() {
  return {
    status: 'ok' as const,
    uptimeSeconds: Math.round(process.uptime()),
    eventLoopDelayMs: readEventLoopDelay(),
    seatWrites: seatWritesLoad(),
  }
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

/** Tenths of a millisecond; an empty histogram reads as zero. */
function toMs(microseconds: number) {
  return Number.isFinite(microseconds) ? Math.round(microseconds / 100) / 10 : 0
}
