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
  /** Requests that run at once, as configured. */
  readonly concurrency: number
}

/**
 * Registrations, which queue on their event's seat counter. New ones are committed in groups
 * (app/lib/group-commit.server.ts): an admitted registration holds a pooled connection only for
 * each of its few reads, and one transaction per event, place and instance carries the writes of
 * a group, so twelve at a time still leave connections to everything else, and more at once make
 * larger groups (about five per commit in a 300-person rush against three with six at a time,
 * bench/README.md). What still takes a transaction of its own (an edit, a return after
 * cancelling, a registrant whose group found no place) is rare in a rush; if twelve of those met,
 * the rest of the instance would wait for a connection until one finished. A person waits in line
 * up to 15 s, which beats a "try again" and a retry.
 */
export const registrationAdmission = createAdmissionGate({ concurrency: 12, maxWaiting: 500, maxWaitMs: 15_000 })

/**
 * Breakout sign-ups, which queue on their session's seat counter, each in a transaction of its
 * own: six at a time leave four of an instance's ten pooled PostgreSQL connections to everything
 * else and still keep the row's lock busy.
 */
export const breakoutSignUpAdmission = createAdmissionGate({ concurrency: 6, maxWaiting: 500, maxWaitMs: 15_000 })

/** Both lines together, for the health report and for the outbox worker, which gives way while anyone waits. */
export function seatWritesLoad() {
  return {
    running: registrationAdmission.load.running + breakoutSignUpAdmission.load.running,
    waiting: registrationAdmission.load.waiting + breakoutSignUpAdmission.load.waiting,
  }
}

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
    concurrency,
  }
}
