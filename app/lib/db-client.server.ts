// Opens a Prisma client for a connection URL: a postgresql:// URL means PostgreSQL
// (scale-out, many instances), anything else the embedded SQLite file. Both generated
// clients expose the same model API for the portable subset of the schema, so callers are
// typed against the SQLite client (docs/decisions/003-two-schemas.md).
// The app uses the shared client in db.server.ts; scripts and tests open their own here.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Prisma, PrismaClient } from '#prisma/generated/sqlite/client.ts'
import { DriverAdapterError } from '@prisma/driver-adapter-utils'
import { providerForUrl } from '#prisma/providers.ts'
import { createBoundedCache } from './bounded-cache.ts'

export type Db = PrismaClient
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbTransaction = Prisma.TransactionClient

/**
 * The engine behind a client or a transaction. Prisma keeps it in `_activeProvider` (not in its
 * public types); row locks (FOR UPDATE) exist on PostgreSQL only.
 */
export function databaseProviderOf(db: Db | DbTransaction): 'postgresql' | 'sqlite' {
  const provider: unknown = Reflect.get(db, '_activeProvider')
  if (provider === 'postgresql' || provider === 'sqlite') return provider
  throw new Error(`Unsupported database provider: ${String(provider)}`)
}

/**
 * How long any transaction may wait for its turn: on SQLite an instance's transactions take turns
 * on one connection, on PostgreSQL they wait for a pooled one. Prisma's default, 2 s, failed a
 * sign-in or a check-in made while a schedule was being applied (3.7 s) with P2028.
 */
const TRANSACTION_MAX_WAIT_MS = 60_000

/**
 * For transactions that may run long themselves (a group of registrations, a message to
 * thousands): Prisma's default is 5 s. Their wait for a turn is every transaction's, set on the client.
 */
export const busyTransactionOptions = { timeout: 60_000 } as const

/**
 * A unique index refused the write: Prisma's P2002 for model queries, P2010 with the driver's
 * UniqueConstraintViolation for raw ones (on PostgreSQL a conditional UPDATE that checked
 * NOT EXISTS can still collide with a row another transaction inserted and committed meanwhile).
 */
export function isUniqueViolation(error: unknown) {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  if (error.code === 'P2002') return true
  const cause = error.code === 'P2010' && 'meta' in error ? (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause : undefined
  return cause?.kind === 'UniqueConstraintViolation'
}

/**
 * The database could not take the work in time, and nothing of it was written: on SQLite another
 * connection to the file (a script, a second process) held the write lock past the busy timeout
 * (SQLITE_BUSY, which Prisma reports as P1008 at BEGIN and P2010 at a statement); on either engine
 * no transaction could be started within its maxWait (P2028). The same request a little later
 * can succeed, so it is answered "busy, try again" (app/lib/domain-error.server.ts), not a 500.
 */
export function isDatabaseBusy(error: unknown) {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false
  if (error.code === 'P2028') return error instanceof Error && /unable to start a transaction in the given time/i.test(error.message)
  const cause = 'meta' in error ? (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause : undefined
  return typeof cause?.originalCode === 'string' && cause.originalCode.startsWith('SQLITE_BUSY')
}

/** Runs a write that may be skipped (bookkeeping); false when the database was too busy to take it in time. */
export async function writeUnlessBusy(write: () => Promise<unknown>) {
  try {
    await write()
    return true
  } catch (error) {
    if (isDatabaseBusy(error)) return false
    throw error
  }
}

/** PostgreSQL gave up on the transaction because of a deadlock or a concurrent write (P2034). */
function isWriteConflict(error: unknown) {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2034'
}

/**
 * Runs `work` in a busy transaction, again (up to `attempts` times in all) when it lost a race
 * that a fresh start resolves: a write conflict, or a unique index hit by a row that committed
 * after the checks ran. The retry then sees that row and answers with its domain message.
 */
export async function transactionRetriedOnConflict<T>(db: Db, work: (tx: DbTransaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, busyTransactionOptions)
    } catch (error) {
      if (!(isWriteConflict(error) || isUniqueViolation(error)) || attempt >= attempts) throw error
    }
  }
}

/**
 * An instance's connections to PostgreSQL, all kept open once opened (pg's pool closes one after
 * 10 s idle unless `min` holds it). A connection opened when registration opens costs a
 * PostgreSQL backend's start and cold caches, and its prepared statements, on the two cores
 * the rush needs: a fixed pool pays that once, before the instance listens (openEveryPooledConnection).
 */
export const POSTGRES_POOL_SIZE = 10

/**
 * Opens every pooled connection at once on PostgreSQL (each of POSTGRES_POOL_SIZE transactions
 * holds its own until all have begun, or a second has passed); nothing to do on SQLite.
 */
export async function openEveryPooledConnection(db: Db) {
  if (databaseProviderOf(db) !== 'postgresql') return
  let begun = 0
  let everyoneIn!: () => void
  const allBegun = new Promise<void>((resolve) => (everyoneIn = resolve))
  const givingUp = new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref())
  await Promise.all(
    Array.from({ length: POSTGRES_POOL_SIZE }, () =>
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`
        if (++begun === POSTGRES_POOL_SIZE) everyoneIn()
        await Promise.race([allBegun, givingUp])
      }),
    ),
  )
}

/** SQLite's busy timeout unless the caller sets one (the app takes SQLITE_BUSY_TIMEOUT_MS). */
const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 10_000

export async function createDbClient(url: string, options: { sqliteBusyTimeoutMs?: number } = {}): Promise<Db> {
  if (providerForUrl(url) === 'postgresql') {
    const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
      import('#prisma/generated/postgresql/client.ts'),
      import('@prisma/adapter-pg'),
    ])
    const client = new PostgresClient({
      adapter: new PrismaPg(
        { connectionString: url, max: POSTGRES_POOL_SIZE, min: POSTGRES_POOL_SIZE },
        { statementNameGenerator: preparedStatementName },
      ),
      transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
    })
    return client as unknown as Db
  }
  const [{ PrismaClient: SqliteClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('#prisma/generated/sqlite/client.ts'),
    import('@prisma/adapter-better-sqlite3'),
  ])
  const filePath = url.replace(/^file:/, '')
  fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true })
  // timeout: how long a writer waits for another connection's lock before SQLITE_BUSY.
  const timeout = options.sqliteBusyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS
  const client = new SqliteClient({
    adapter: withSqliteTuning(new PrismaBetterSqlite3({ url, timeout })),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  })
  return client
}

/**
 * PostgreSQL parses and plans an unnamed statement at every execution. For a hot raw statement
 * with many joins that costs far more than running it: the personal feed's fingerprint took 7 ms
 * a call unnamed and 0.3 ms prepared (docs/decisions/029-personal-feed-in-one-statement.md). A raw
 * statement whose SQL begins with `-- prepared: <name>` is prepared once per connection and
 * reused. Only those: the pg driver keeps a named statement for the connection's whole life, so
 * the set must be fixed SQL texts, never one per length of an IN list. The name carries a hash of
 * the text, so two texts behind one marker never collide.
 */
function preparedStatementName({ sql }: { sql: string }): string {
  // PostgreSQL cuts names at 63 bytes: a marker of at most 40 leaves room for the hash.
  const marker = /^\s*-- prepared: ([a-z][a-z0-9-]{0,39})\n/.exec(sql)?.[1]
  // The driver treats an empty name as an unnamed statement.
  return marker ? `${marker}-${createHash('sha1').update(sql).digest('hex').slice(0, 12)}` : ''
}

/**
 * better-sqlite3's SQLite takes 32,766 bound parameters per statement (measured), but its Prisma
 * adapter reports no limit, so Prisma assumes SQLite's old 999 and refuses (P2029) a nested read
 * over a few thousand parents, e.g. every meeting of a 3,000-person event with its two people.
 */
const SQLITE_MAX_BIND_VALUES = 32_766

type SqliteAdapterFactory = InstanceType<typeof import('@prisma/adapter-better-sqlite3').PrismaBetterSqlite3>
type SqliteAdapter = Awaited<ReturnType<SqliteAdapterFactory['connect']>>

/**
 * The adapter as it connects: its real bind limit, WAL, prepared statements kept
 * (reusePreparedStatements), the write lock taken at BEGIN (takeWriteLockAtBegin), and statements
 * outside a transaction kept out of the transaction another request has open (keepStatementsOutOfOpenTransactions).
 */
function withSqliteTuning(factory: SqliteAdapterFactory): SqliteAdapterFactory {
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const adapter = await connect()
    const database = databaseOf(adapter)
    // WAL lets readers proceed while one writer commits; the setting persists in the file.
    database.pragma('journal_mode = WAL')
    reusePreparedStatements(database)
    takeWriteLockAtBegin(adapter, database)
    const reader = await connect()
    const readerDatabase = databaseOf(reader)
    // The reading connection is handed only statements SQLite says are read-only; should one
    // ever reach it otherwise, SQLite refuses it rather than write outside the write lock.
    readerDatabase.pragma('query_only = ON')
    reusePreparedStatements(readerDatabase)
    keepStatementsOutOfOpenTransactions(adapter, database, reader, readerDatabase)
    return Object.assign(adapter, { getConnectionInfo: () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false }) })
  }
  return factory
}

type SqliteDatabase = PreparingDatabase & { pragma(source: string): unknown; readonly inTransaction: boolean }

/** The adapter's better-sqlite3 Database (a plain field, not in its types); fails loudly if an upgrade moves it. */
function databaseOf(adapter: SqliteAdapter): SqliteDatabase {
  const database: unknown = Reflect.get(adapter, 'client')
  if (typeof database !== 'object' || database === null || typeof Reflect.get(database, 'prepare') !== 'function' || typeof Reflect.get(database, 'pragma') !== 'function') {
    throw new Error('The SQLite adapter no longer exposes its better-sqlite3 Database as `client`: see withSqliteTuning in app/lib/db-client.server.ts.')
  }
  return database as SqliteDatabase
}

/**
 * Prisma's SQLite adapter runs everything on one connection and takes its one-transaction-at-a-time
 * lock for transactions only: a statement outside a transaction ran on that connection even while
 * another request's interactive transaction was open there, and so inside it. A read saw what that
 * transaction had not committed, and a write became part of it and was lost when it rolled back (a
 * registration group that found its seats gone could take the outbox worker's "sent" with it, and
 * the email would go out again; decision 034). So, outside a transaction:
 * - a statement SQLite says is read-only runs on a second connection to the file, which in WAL
 *   reads what is committed and never waits for the writer;
 * - any other runs at once when no transaction is open on the connection, else as soon as the open
 *   one has ended, before the next one begins. It runs alone, as before: better-sqlite3 runs a
 *   statement synchronously, so nothing can begin while it runs, and it never holds SQLite's write
 *   lock across an await (a second client of the file in the same process would block the thread
 *   waiting for it).
 */
function keepStatementsOutOfOpenTransactions(adapter: SqliteAdapter, database: SqliteDatabase, reader: SqliteAdapter, readerDatabase: SqliteDatabase) {
  const isReadOnly = (sql: string) => {
    try {
      return (readerDatabase.prepare(sql) as KeptStatementView).readonly
    } catch {
      // SQL that does not prepare goes the writing way, where the adapter reports the error as it always has.
      return false
    }
  }
  const waitingWrites: Array<() => void> = []
  const writeOutsideTransactions = <T>(write: () => Promise<T>): Promise<T> => {
    if (!database.inTransaction) return write()
    return new Promise<T>((resolve, reject) => waitingWrites.push(() => void write().then(resolve, reject)))
  }
  const queryRaw = adapter.queryRaw.bind(adapter)
  const executeRaw = adapter.executeRaw.bind(adapter)
  adapter.queryRaw = (query) => (isReadOnly(query.sql) ? reader.queryRaw(query) : writeOutsideTransactions(() => queryRaw(query)))
  adapter.executeRaw = (query) => writeOutsideTransactions(() => executeRaw(query))
  const startTransaction = adapter.startTransaction.bind(adapter)
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel)
    // Prisma calls these once its COMMIT or ROLLBACK has run; they let the next transaction begin,
    // so the writes that waited for this one run first.
    for (const end of ['commit', 'rollback'] as const) {
      const endTransaction = transaction[end].bind(transaction)
      transaction[end] = () => {
        for (const write of waitingWrites.splice(0)) write()
        return endTransaction()
      }
    }
    return transaction
  }
  const dispose = adapter.dispose.bind(adapter)
  adapter.dispose = async () => {
    await reader.dispose()
    await dispose()
  }
}

/**
 * Prisma's SQLite adapter opens every transaction with a plain (deferred) BEGIN: the transaction
 * reads from a snapshot and asks for the write lock only at its first write. If another connection
 * to the file (a second instance, a script, a seed) commits in between, SQLite cannot move the
 * snapshot forward and refuses the write at once with SQLITE_BUSY_SNAPSHOT, without waiting out the
 * busy timeout: a registration that checked the organisations and then wrote failed with a 500.
 * BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout for it). Within one
 * process nothing changes, as the adapter runs one transaction at a time per connection anyway;
 * WAL still lets other connections read meanwhile.
 *
 * BEGIN IMMEDIATE can fail where BEGIN could not: SQLITE_BUSY, when another process holds the lock
 * past the busy timeout (or an I/O error). The adapter (7.10) takes its one-transaction-at-a-time
 * lock before BEGIN and lets it go only at commit or rollback, so a BEGIN that throws would keep it
 * for good and every later transaction of the process would wait forever. So a failed BEGIN is held
 * back here, the adapter is handed its transaction, and that transaction is at once rolled back
 * (which frees the adapter's lock; no SQL was begun) and the failure thrown: busy as the adapter
 * would have reported it (SocketTimeout, which app code reads with isDatabaseBusy), anything else
 * as it came.
 */
function takeWriteLockAtBegin(adapter: SqliteAdapter, database: PreparingDatabase) {
  const prepare = database.prepare.bind(database)
  let failedBegin: { error: unknown } | null = null
  database.prepare = (sql: string) => {
    if (sql !== 'BEGIN') return prepare(sql)
    const begin = prepare('BEGIN IMMEDIATE') as { run(): unknown }
    return {
      run: () => {
        try {
          return begin.run()
        } catch (error) {
          failedBegin = { error }
          return undefined
        }
      },
    }
  }
  const startTransaction = adapter.startTransaction.bind(adapter)
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel)
    // The adapter's lock is held from before BEGIN until rollback: no other BEGIN ran in between.
    const failure = failedBegin
    if (failure === null) return transaction
    failedBegin = null
    await transaction.rollback()
    const { error } = failure
    if (!isSqliteBusy(error)) throw error
    throw new DriverAdapterError({ kind: 'SocketTimeout', originalCode: error.code, originalMessage: error.message })
  }
}

function isSqliteBusy(error: unknown): error is { code: string; message: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY')
}

/** How many prepared statements a SQLite connection keeps, least recently used out first. */
export const KEPT_STATEMENTS = 500

type PreparedStatement = import('better-sqlite3').Statement<unknown[]>
type KeptStatement = { statement: PreparedStatement; columns: import('better-sqlite3').ColumnDefinition[] | undefined }
type KeptStatementView = { readonly: boolean }
type PreparingDatabase = { prepare(sql: string): unknown }

/**
 * Prisma's SQLite adapter prepares every query's SQL again (`client.prepare(sql).bind(args)`),
 * which the CPU profiles of the benches show as 5 % of a busy server. This keeps the prepared
 * statements of the last KEPT_STATEMENTS SQL texts and gives the adapter, for each call, a view
 * with the surface it uses (bind, then reader, run, columns, raw().all; run alone for BEGIN;
 * readonly for keepStatementsOutOfOpenTransactions),
 * bound per call: better-sqlite3 lets bind() be called once per statement, so a kept one never is.
 * Returns the count of statements kept, for tests.
 */
export function reusePreparedStatements(database: PreparingDatabase): { readonly kept: number } {
  const prepare = database.prepare.bind(database) as (sql: string) => PreparedStatement
  const kept = createBoundedCache<KeptStatement>(KEPT_STATEMENTS)
  const keptStatementFor = (sql: string) => {
    const keptStatement = kept.get(sql)
    if (keptStatement) return keptStatement
    const statement = prepare(sql)
    const fresh: KeptStatement = { statement, columns: undefined }
    kept.set(sql, fresh)
    return fresh
  }
  database.prepare = (sql: string) => {
    const keptStatement = keptStatementFor(sql)
    const { statement } = keptStatement
    return {
      readonly: statement.readonly,
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        // better-sqlite3 builds a new object per column at every call (0.2 ms of a registration's
        // reads); a statement's columns change only with the schema, which the app never alters
        // while it runs (migrations run before it starts).
        columns: () => (keptStatement.columns ??= statement.columns()),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    }
  }
  return {
    get kept() {
      return kept.size.entries
    },
  }
}
