// Opens a Prisma client for a connection URL: a postgresql:// URL means PostgreSQL
// (scale-out, many instances), anything else the embedded SQLite file. Both generated
// clients expose the same model API for the portable subset of the schema, so callers are
// typed against the SQLite client (docs/decisions/003-two-schemas.md).
// The app uses the shared client in db.server.ts; scripts and tests open their own here.
import fs from 'node:fs'
import path from 'node:path'
import type { Prisma, PrismaClient } from '#prisma/generated/sqlite/client.ts'
import { providerForUrl } from '#prisma/providers.ts'

export type Db = PrismaClient
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbTransaction = Prisma.TransactionClient

/**
 * For transactions that queue behind a hot row (e.g. many registrations for one event's
 * seats): Prisma's defaults (2 s to get a connection, 5 s to run) are for idle systems; a registration rush queues longer.
 */
export const busyTransactionOptions = { maxWait: 60_000, timeout: 60_000 } as const

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
