// One-off work an instance does before it takes its first request. Prisma's query compiler is
// WebAssembly, instantiated and compiled at the first query (0.2 to 0.5 s of one turn of the event
// loop on this machine), and the first email renders React and html-to-text for the first time
// (70 to 150 ms), and on PostgreSQL every pooled connection is opened. Left to the first requests,
// that work landed in the middle of a registration rush and held /healthz and every page of the
// instance behind it (bench/registration-rush.ts, issue 17).
import { renderEmail } from '#emails/render.server.tsx'
import { openEveryPooledConnection } from './db-client.server.ts'
import { db } from './db.server.ts'
import { env } from './env.server.ts'
import { logger } from './log.server.ts'

/**
 * Never fails and gives up after WARM_UP_LIMIT_MS: a database that is down must not keep the
 * server from starting (/readyz says so). `alongside`: the domain's own one-off work, done within
 * the same limit.
 */
export async function warmUp(alongside: () => Promise<unknown> = async () => undefined) {
  const outcome = await settleWithin(() => Promise.all([doWarmUp(), alongside()]), WARM_UP_LIMIT_MS)
  if (outcome === 'late') logger.warn({ event: 'warm-up.late' }, 'warm-up took too long; serving anyway')
  else if (outcome !== 'done') logger.warn({ event: 'warm-up.failed', error: outcome.message }, 'warm-up failed; serving anyway')
}

const WARM_UP_LIMIT_MS = 10_000

/** 'done', the error it failed with, or 'late' once `limitMs` has passed; a failure after that is never an unhandled rejection. */
export async function settleWithin(work: () => Promise<unknown>, limitMs: number): Promise<'done' | 'late' | Error> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)))
  const settled = Promise.resolve()
    .then(work)
    .then(
      () => 'done' as const,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    )
  try {
    return await Promise.race([settled, late])
  } finally {
    clearTimeout(timer)
  }
}

async function doWarmUp() {
  await openEveryPooledConnection(db)
  // A nested read, so the compiler's relation paths are compiled too; it reads at most one row of each.
  await db.event.findFirst({ select: { id: true, questions: { take: 1, select: { id: true } }, registrations: { take: 1, select: { id: true } } } })
  await renderEmail('registration-update', {
    kind: 'received',
    recipientName: 'Warm-up',
    event: { title: 'Warm-up', startsAt: new Date(0), endsAt: new Date(3_600_000), timeZone: 'UTC', venueName: 'Warm-up', venueAddress: 'Warm-up' },
    registrationUrl: env.APP_URL,
    position: null,
    reason: null,
  })
}
