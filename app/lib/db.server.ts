// The one database accessor. DATABASE_URL picks the engine: a postgresql:// URL means
// PostgreSQL (scale-out, many instances), anything else the embedded SQLite file.
// Both generated clients expose the same model API for the portable subset of the schema,
// so the app is typed against the SQLite client (docs/decisions/003-two-schemas.md).
import fs from 'node:fs'
import path from 'node:path'
import type { PrismaClient } from '#prisma/generated/sqlite/client.ts'
import { providerForUrl } from '#prisma/providers.ts'
import { env } from './env.server.ts'

export type Db = PrismaClient

export async function createDbClient(url: string): Promise<Db> {
  if (providerForUrl(url) === 'postgresql') {
    const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
      import('#prisma/generated/postgresql/client.ts'),
      import('@prisma/adapter-pg'),
    ])
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) })
    return client as unknown as Db
  }
  const [{ PrismaClient: SqliteClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('#prisma/generated/sqlite/client.ts'),
    import('@prisma/adapter-better-sqlite3'),
  ])
  const filePath = url.replace(/^file:/, '')
  fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true })
  // timeout: how long a writer waits for another connection's lock before SQLITE_BUSY.
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) })
  // WAL lets readers proceed while one writer commits; the setting persists in the file.
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  return client
}

export function databaseProvider() {
  return providerForUrl(env.DATABASE_URL)
}

// One client per process; kept on globalThis so development reloads do not open new pools.
const globalForDb = globalThis as typeof globalThis & { __musterDb?: Promise<Db> }
globalForDb.__musterDb ??= createDbClient(env.DATABASE_URL)

export const db: Db = await globalForDb.__musterDb
