// Seeds the demo Industry Day. As a module: seedDatabase(db, options). As a script:
//   npx tsx seeds/seed.ts [--if-empty] [--attendees N] [--reference YYYY-MM-DD]
// against DATABASE_URL (default file:./data/muster.db). Safe to run again: it only adds
// rows that are missing. The demo's dates follow the reference day (default: today, or
// DEMO_REFERENCE_DATE), so the event is always a few months ahead.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { databaseProviderOf, type Db } from '#app/lib/db-client.server.ts'
import { applyDataset, type InsertedCounts } from './apply-dataset.ts'
import { DAY } from './demo-support.ts'
import { buildDemoDataset, DEFAULT_ATTENDEES, type DemoDataset } from './demo-dataset.ts'
import { defaultReference, demoTimeline, parseReferenceDate } from './demo-timeline.ts'

export type SeedOptions = {
  /** Attendees to generate; organisations, meetings and the rest scale with it. */
  attendees?: number
  /** Seed only when the database holds no event yet (for first start-up of a deployment). */
  ifEmpty?: boolean
  /**
   * The day the demo is seeded for (default: today, or DEMO_REFERENCE_DATE): the dataset moves
   * to it by whole weeks and its open meeting requests are brought up to it.
   */
  reference?: Date
}

export type SeedResult =
  | { seeded: false; reason: 'database-has-events' }
  | { seeded: true; inserted: InsertedCounts; durationMs: number }

export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now()
  // Also the first query: on a database without tables it fails here, before any work.
  const eventCount = await db.event.count()
  if (options.ifEmpty && eventCount > 0) return { seeded: false, reason: 'database-has-events' }
  const reference = options.reference ?? defaultReference()
  const dataset = keepRequestsOpen(buildDemoDataset({ attendees: options.attendees ?? DEFAULT_ATTENDEES, reference }), reference)
  const inserted = await applyDataset(db, dataset)
  // PostgreSQL plans from statistics that autovacuum gathers only a while after a bulk load:
  // until then it takes every table for nearly empty. Gather them now, as after any import.
  if (databaseProviderOf(db) === 'postgresql') await db.$executeRawUnsafe('ANALYZE')
  return { seeded: true, inserted, durationMs: Math.round(performance.now() - started) }
}

/**
 * The demo's open meeting requests are written as of the dataset's moment, up to a week before
 * the reference day, and a request nobody answers expires a week after it was sent: seeded as
 * they are, some would expire (and email) soon after the demo starts. Each open request is
 * dated within the last six days before the reference day, keeping its place in that span:
 * still waiting when the demo starts, and the same rows all day long.
 */
export function keepRequestsOpen(dataset: DemoDataset, reference: Date): DemoDataset {
  const span = 6 * DAY
  const asOf = demoTimeline(reference).asOf
  const days = Math.max(0, Math.floor((reference.getTime() - asOf.getTime()) / DAY))
  const anchor = asOf.getTime() + days * DAY
  const recent = (instant: Date) => new Date(anchor - ((asOf.getTime() - instant.getTime()) % span))
  return {
    ...dataset,
    meetingRequests: dataset.meetingRequests.map((request) =>
      // An open request has not changed since it was sent: one date for both.
      request.status === 'PENDING' ? { ...request, createdAt: recent(request.createdAt), updatedAt: recent(request.createdAt) } : request,
    ),
  }
}

// ---------- Command line ----------

const usage = 'Usage: npx tsx seeds/seed.ts [--if-empty] [--attendees N] [--reference YYYY-MM-DD]'

function parseCommandLine(args: string[]): SeedOptions {
  const { values } = parseArgs({
    args,
    options: {
      'if-empty': { type: 'boolean', default: false },
      attendees: { type: 'string' },
      reference: { type: 'string' },
    },
    strict: true,
  })
  const attendees = values.attendees === undefined ? DEFAULT_ATTENDEES : Number(values.attendees)
  if (!Number.isInteger(attendees) || attendees < 1)
    throw new UsageError(`--attendees must be a positive whole number, got "${values.attendees}".`)
  let reference: Date | undefined
  try {
    reference = values.reference === undefined ? undefined : parseReferenceDate(values.reference)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  return { attendees, ifEmpty: values['if-empty'], reference }
}

class UsageError extends Error {}

/** Prisma prefixes its messages with the failing call's source; the cause is the last line. */
function conciseMessage(error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  return (
    message
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? message
  )
}

/** Prisma reports a missing table as P2021 on both engines; the driver's message is the fallback. */
function isMissingTable(error: unknown) {
  if (typeof error !== 'object' || error === null) return false
  const code = 'code' in error ? error.code : undefined
  const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
  return code === 'P2021' || /no such table|relation .* does not exist|table .* does not exist/i.test(message)
}

async function main(args: string[]): Promise<number> {
  let options: SeedOptions
  try {
    options = parseCommandLine(args)
  } catch (error) {
    console.error(`${conciseMessage(error)}\n${usage}`)
    return 2
  }
  let db: Db
  try {
    // Imported here so that importing this module (tests) opens no database connection.
    ;({ db } = await import('#app/lib/db.server.ts'))
  } catch (error) {
    console.error(`Cannot open the database: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  try {
    const result = await seedDatabase(db, options)
    if (!result.seeded) {
      console.log('The database already has an event; --if-empty leaves it as it is.')
      return 0
    }
    const total = Object.values(result.inserted).reduce((sum, count) => sum + count, 0)
    const timeline = demoTimeline(options.reference)
    console.log(
      `Seeded the demo Industry Day (${options.attendees} attendees, on ${timeline.dayKey(1)} and ${timeline.dayKey(2)}): ${total} rows in ${result.durationMs} ms.`,
    )
    for (const [table, count] of Object.entries(result.inserted)) console.log(`  ${table.padEnd(26)} ${count}`)
    if (total === 0) console.log('Nothing was missing: the demo data was already there.')
    return 0
  } catch (error) {
    if (isMissingTable(error)) {
      console.error('The database has no Muster tables yet: run npm run db:migrate:deploy first.')
    } else {
      console.error(`Seeding failed, nothing was written: ${conciseMessage(error)}`)
    }
    return 1
  } finally {
    await db.$disconnect()
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2))
