// The app's one database client, for DATABASE_URL (see db-client.server.ts for how the
// engine is chosen).
import { providerForUrl } from '#prisma/providers.ts'
import { createDbClient, type Db, type DbTransaction } from './db-client.server.ts'
import { env } from './env.server.ts'

export type { Db, DbTransaction }

export function databaseProvider() {
  return providerForUrl(env.DATABASE_URL)
}

// One client per process; kept on globalThis so development reloads do not open new pools.
const globalForDb = globalThis as typeof globalThis & { __musterDb?: Promise<Db> }
globalForDb.__musterDb ??= createDbClient(env.DATABASE_URL, { sqliteBusyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS })

export const db: Db = await globalForDb.__musterDb
