// An instance's PostgreSQL pool is opened whole before the instance listens and stays open: a
// connection opened during a registration rush costs a PostgreSQL backend's start and cold caches
// on the cores the rush needs (app/lib/warm-up.server.ts, issue 17).
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEveryPooledConnection, POSTGRES_POOL_SIZE } from '#app/lib/db-client.server.ts'
import { createNoteDatabase, createTestDatabase, testPostgresAdminUrl, type TestDatabase } from '#tests/support/databases.ts'

async function connectionsTo(url: string) {
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ open: number }>('SELECT COUNT(*)::int AS open FROM pg_stat_activity WHERE datname = $1', [new URL(url).pathname.slice(1)])
    return rows[0]!.open
  } finally {
    await admin.end()
  }
}

describe('the PostgreSQL pool', () => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase('postgresql')
  })
  afterAll(async () => {
    await test.cleanup()
  })

  it('opens every connection before the first request and never more than that under load', async () => {
    expect(await connectionsTo(test.url)).toBe(0)
    await openEveryPooledConnection(test.db)
    expect(await connectionsTo(test.url)).toBe(POSTGRES_POOL_SIZE)
    await Promise.all(Array.from({ length: 3 * POSTGRES_POOL_SIZE }, () => test.db.$transaction((tx) => tx.$executeRaw`SELECT pg_sleep(0.02)`)))
    expect(await connectionsTo(test.url)).toBe(POSTGRES_POOL_SIZE)
  })
})

describe('on SQLite', () => {
  it('there is no pool to open: the one connection serves', async () => {
    const { db, cleanup } = await createNoteDatabase('sqlite')
    try {
      await openEveryPooledConnection(db)
      await db.$executeRawUnsafe("INSERT INTO note (author) VALUES ('after the warm-up')")
      expect(await db.$queryRawUnsafe('SELECT author FROM note')).toEqual([{ author: 'after the warm-up' }])
    } finally {
      await cleanup()
    }
  })
})
