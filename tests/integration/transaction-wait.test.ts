// A transaction that has to wait for its turn waits as long as a long one may take, not Prisma's
// default two seconds. On SQLite every interactive transaction of an instance takes turns on one
// connection, so a sign-in, a check-in or an organiser's edit made while a schedule is applied
// (3.7 s for 3,600 meetings, bench/README.md) failed with P2028 "Unable to start a transaction in
// the given time" instead of waiting. On PostgreSQL the same happens once the pool's connections
// are all held.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { POSTGRES_POOL_SIZE } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { createNoteDatabase } from '#tests/support/databases.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Every connection of the pool on PostgreSQL; one is enough on SQLite. */
const LONG_TRANSACTIONS = { sqlite: 1, postgresql: POSTGRES_POOL_SIZE } as const
const LONG_TRANSACTION_MS = 2_600

describe.each(providers)('a transaction waiting its turn on %s', (provider) => {
  it('waits for long transactions to end, with the default options, and then commits', async () => {
    const { db, cleanup } = await createNoteDatabase(provider)
    cleanups.push(cleanup)
    let started = 0
    const long = Array.from({ length: LONG_TRANSACTIONS[provider] }, (_, i) =>
      db.$transaction(
        async (tx) => {
          started++
          await tx.$executeRawUnsafe(`INSERT INTO note (author) VALUES ('long ${i}')`)
          await sleep(LONG_TRANSACTION_MS)
        },
        { timeout: 30_000 },
      ),
    )
    await expect.poll(() => started, { timeout: 10_000, interval: 10 }).toBe(LONG_TRANSACTIONS[provider])
    const askedAt = performance.now()
    let turnCameAfterMs = 0
    const waited = db.$transaction((tx) => {
      turnCameAfterMs = performance.now() - askedAt
      return tx.$executeRawUnsafe("INSERT INTO note (author) VALUES ('waited')")
    }).then(
      (count) => ({ count }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    )
    await Promise.all(long)
    expect(await waited).toEqual({ count: 1 })
    // It did wait for its turn, longer than Prisma's default of 2 s (so the pool was full on PostgreSQL).
    expect(turnCameAfterMs).toBeGreaterThan(2_000)
    const notes = await db.$queryRawUnsafe<{ author: string }[]>('SELECT author FROM note ORDER BY id')
    expect(notes.map((note) => note.author)).toContain('waited')
  })
})
