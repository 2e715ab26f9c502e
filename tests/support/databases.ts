// Fresh, migrated databases for integration tests: a new SQLite file or a new PostgreSQL
// database per call, dropped again by `cleanup`. Nothing is shared between test files.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import type { Provider } from '#prisma/providers.ts'

/** The PostgreSQL server tests create their databases on (any database there works as a login target). */
export const testPostgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres'

export type TestDatabase = { provider: Provider; url: string; db: Db; cleanup: () => Promise<void> }

export function uniqueName(prefix: string) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

/** An empty database (no tables) and its URL. */
export async function createEmptyDatabase(provider: Provider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = path.resolve('data', 'test')
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${uniqueName('muster')}.db`)
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
      },
    }
  }
  const name = uniqueName('muster_test')
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`))
  const url = new URL(testPostgresAdminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}

/**
 * A database with one table, `note (id, author)`, and the app's client on it: for tests of how
 * the client itself behaves (transactions, connections), which need no schema of the app.
 */
export async function createNoteDatabase(provider: Provider): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const { url, drop } = await createEmptyDatabase(provider)
  const db = await createDbClient(url)
  const id = provider === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'SERIAL PRIMARY KEY'
  await db.$executeRawUnsafe(`CREATE TABLE note (id ${id}, author TEXT NOT NULL)`)
  return {
    db,
    cleanup: async () => {
      await db.$disconnect()
      await drop()
    },
  }
}

/** A migrated database with a connected client. */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const { url, drop } = await createEmptyDatabase(provider)
  await deployMigrations(url)
  const db = await createDbClient(url)
  return {
    provider,
    url,
    db,
    cleanup: async () => {
      await db.$disconnect()
      await drop()
    },
  }
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: testPostgresAdminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
