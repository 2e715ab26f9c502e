// Admission to the writes a rush piles onto one row (seats of an event or a breakout): an
// instance runs a few at a time and lets the others wait in line, in order, for a bounded
// time. Without it a rush takes every pooled database connection to wait on that row's lock,
// and nothing else the instance serves (health checks, public pages) gets a connection.
// Whoever cannot get in within the wait is told to retry: a clear answer, never a timeout.

export class AdmissionRefused extends Error {
  override name = 'AdmissionRefused'
  constructor(
    /** How long to wait before trying again, for Retry-After. */
    readonly retryAfterSeconds: number,
  ) {
    super('Too many requests of this kind are being handled at once; try again shortly.')
  }
}

export type AdmissionGateOptions = {
  /** Requests that run at once. */
  concurrency: number
  /** Requests that may wait; one more is refused at once. */
  maxWaiting: number
  /** How long a request may wait in line before it is refused. */
  maxWaitMs: number
}

export type AdmissionGate = {
  /** Runs `work` once admitted; throws AdmissionRefused when the line is full or the wait runs out. */
  run<T>(work: () => Promise<T>): Promise<T>
  /** Requests running and waiting now, for health reports and tests. */
  readonly load: { running: number; waiting: number }
}

/**
 * Writes that queue on one seat counter: registrations (the event's row) and breakout sign-ups
 * (the session's). Six at a time leave four of an instance's ten pooled PostgreSQL connections
 * to everything else and still keep the row's lock busy (each holds it for a few writes). A
 * person waits in line up to 15 s, which beats a "try again" and a retry.
 */
export const seatWriteAdmission = createAdmissionGate({ concurrency: 6, maxWaiting: 500, maxWaitMs: 15_000 })

export function createAdmissionGate({ concurrency, maxWaiting, maxWaitMs }: AdmissionGateOptions): AdmissionGate {
  let running = 0
  const line: Array<{ admit: () => void; refuse: () => void }> = []
  // Retrying sooner than the line moves only queues again; a quarter of the longest wait is about when it has.
  const retryAfterSeconds = Math.max(1, Math.ceil(maxWaitMs / 4_000))

  // One admission per turn of the event loop, never inside the callback that read the request or
  // finished the previous work. On SQLite a whole write runs synchronously (the driver blocks and
  // its promises settle as microtasks), so when a burst of requests is read in one poll of the
  // sockets, each request's callback would run its whole registration before the next one's, and
  // nothing else (health checks, pages) would be answered until the last was done; one admission
  // per turn lets the rest of the instance in between. Asynchronous writes (PostgreSQL) still
  // overlap up to `concurrency`.
  let pumpScheduled = false
  const pump = () => {
    pumpScheduled = false
    if (running < concurrency && line.length > 0) line.shift()!.admit()
    if (running < concurrency && line.length > 0) schedulePump()
  }
  const schedulePump = () => {
    if (pumpScheduled) return
    pumpScheduled = true
    setImmediate(pump)
  }

  const waitForTurn = () =>
    new Promise<void>((resolve, reject) => {
      const place = {
        admit: () => {
          clearTimeout(timer)
          running++
          resolve()
        },
        refuse: () => reject(new AdmissionRefused(retryAfterSeconds)),
      }
      const timer = setTimeout(() => {
        line.splice(line.indexOf(place), 1)
        place.refuse()
      }, maxWaitMs)
      line.push(place)
      schedulePump()
    })

  return {
    async run(work) {
      if (line.length >= maxWaiting) throw new AdmissionRefused(retryAfterSeconds)
      await waitForTurn()
      try {
        return await work()
      } finally {
        running--
        schedulePump()
      }
    },
    get load() {
      return { running, waiting: line.length }
    },
  }
}
