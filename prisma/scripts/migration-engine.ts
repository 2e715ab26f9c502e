// Prisma Migrate without the native schema-engine binary: drives Prisma's own schema engine
// compiled to WebAssembly (@prisma/schema-engine-wasm) through the project's driver adapters.
// The migrations folders keep the standard Prisma layout, so `prisma migrate deploy` still works
// wherever the binary exists. See docs/decisions/002-migration-script.md.
//
// The adapter work-arounds below exist only for this migration process, never in the app.
// Re-test them whenever Prisma, the adapters or @prisma/schema-engine-wasm are upgraded.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import * as schemaEngineWasm from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg'
import pg from 'pg'
import Database from 'better-sqlite3'
import { migrationsDir, providerForUrl, providers, schemaPath, type Provider } from '../providers.ts'

export type ResolveAs = 'applied' | 'rolled-back'

export interface MigrationStatus {
  provider: Provider
  /** Migrations in the provider's folder, oldest first. */
  local: string[]
  /** Local migrations the database records as applied. */
  applied: string[]
  /** Local migrations not applied yet. */
  pending: string[]
  /** Migrations the database records as failed: deploy refuses to run until they are resolved. */
  failed: string[]
  /** Applied migrations whose migration.sql changed since. */
  edited: string[]
  /** Migrations the database records that the folder does not have. */
  missingFromFolder: string[]
  /** The database and the folder disagree on history (applied migrations missing locally). */
  historyDiverges: boolean
  upToDate: boolean
}

export type CreateMigrationResult =
  | { changed: false }
  | { changed: true; directoryName: string; providers: Provider[]; files: string[] }

/** An error reported by the schema engine, with its Prisma error code (e.g. P3009) when it has one. */
export class MigrationEngineError extends Error {
  override name = 'MigrationEngineError'
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

const noSchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] }
const lockfileName = 'migration_lock.toml'
const migrationFileName = 'migration.sql'
const defaultShadowServerUrl = 'postgresql://root@127.0.0.1:5432/postgres'

// ---------- Public API ----------

/** Applies every pending migration of the URL's provider; returns the names applied, oldest first. */
export async function deployMigrations(url: string): Promise<string[]> {
  const provider = providerForUrl(url)
  ensureSqliteDirectory(url)
  return withEngine(provider, url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationsList(provider),
      filters: noSchemaFilter,
    })
    return appliedMigrationNames
  })
}

export async function migrationStatus(url: string): Promise<MigrationStatus> {
  const provider = providerForUrl(url)
  const migrationsList = readMigrationsList(provider)
  const local = migrationsList.migrationDirectories.map((directory) => directory.path)
  // Work-around 1: on SQLite the engine fails with P1014 when diagnosing a database that has no
  // _prisma_migrations table yet. Such a database (or a missing file) has applied nothing, so
  // report it without asking the engine, and without creating the file.
  if (provider === 'sqlite' && !sqliteHasMigrationsTable(sqliteFilePath(url))) {
    return summariseStatus(provider, local, { pending: local })
  }
  const diagnosis = await withEngine(provider, url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noSchemaFilter }),
  )
  const history = diagnosis.history
  return summariseStatus(provider, local, {
    pending: history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [],
    missingFromFolder: history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : [],
    failed: diagnosis.failedMigrationNames,
    edited: diagnosis.editedMigrationNames,
    historyDiverges: history?.diagnostic === 'historiesDiverge',
  })
}

/**
 * The SQL that takes the provider's migrations folder to its schema.prisma (what
 * `prisma migrate diff --from-migrations --to-schema --script` prints), replayed on a temporary
 * shadow database. Empty string when they are in sync.
 */
export async function diffMigrationsToSchema(provider: Provider): Promise<string> {
  const schema = { path: schemaPath(provider), content: fs.readFileSync(schemaPath(provider), 'utf8') }
  return withEngine(provider, null, async (engine) => {
    const { exitCode, stdout } = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList(provider) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      // With exitCode the engine answers 2 for a non-empty diff and 0 for none; its "empty"
      // script is a comment, not an empty string.
      exitCode: true,
      filters: noSchemaFilter,
    })
    return exitCode === 2 ? (stdout ?? '') : ''
  })
}

/**
 * Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for every provider whose
 * schema.prisma differs from its migrations, with one timestamp for all of them.
 */
export async function createMigration(name: string): Promise<CreateMigrationResult> {
  const slug = migrationSlug(name)
  const scripts = new Map<Provider, string>()
  for (const provider of providers) {
    const script = await diffMigrationsToSchema(provider)
    if (script !== '') scripts.set(provider, script)
  }
  if (scripts.size === 0) return { changed: false }

  const directoryName = `${migrationTimestamp(new Date())}_${slug}`
  const files: string[] = []
  for (const [provider, script] of scripts) {
    const directory = path.join(migrationsDir(provider), directoryName)
    fs.mkdirSync(directory, { recursive: true })
    fs.writeFileSync(path.join(directory, migrationFileName), script)
    files.push(path.join(directory, migrationFileName))
    const lockfile = path.join(migrationsDir(provider), lockfileName)
    if (!fs.existsSync(lockfile)) {
      fs.writeFileSync(lockfile, lockfileContent(provider))
      files.push(lockfile)
    }
  }
  return { changed: true, directoryName, providers: [...scripts.keys()], files }
}

/** Records a migration as applied without running it, or a failed one as rolled back. */
export async function resolveMigration(url: string, name: string, as: ResolveAs): Promise<void> {
  const provider = providerForUrl(url)
  const migrationsList = readMigrationsList(provider)
  if (!migrationsList.migrationDirectories.some((directory) => directory.path === name)) {
    throw new MigrationEngineError(`Migration ${name} is not in ${relativeToCwd(migrationsDir(provider))}.`)
  }
  ensureSqliteDirectory(url)
  await withEngine(provider, url, async (engine) => {
    // Work-around 1 again: on SQLite, marking fails with P1014 while the _prisma_migrations table
    // does not exist. Applying an empty list of migrations creates the table and nothing else.
    if (provider === 'sqlite' && !sqliteHasMigrationsTable(sqliteFilePath(url))) {
      await engine.applyMigrations({ migrationsList: { ...migrationsList, migrationDirectories: [] }, filters: noSchemaFilter })
    }
    if (as === 'applied') await engine.markMigrationApplied({ migrationName: name, migrationsList })
    else await engine.markMigrationRolledBack({ migrationName: name })
  })
}

// ---------- Migrations folder ----------

/** The folder as the engine expects it, read the way the Prisma CLI reads it. */
function readMigrationsList(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider)
  const lockfilePath = path.join(baseDir, lockfileName)
  const directories = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort((a, b) => a.localeCompare(b))
    : []
  return {
    baseDir,
    // The engine takes the connector from the lockfile; before the first migration there is
    // none, so hand it the one this folder will get.
    lockfile: {
      path: lockfileName,
      content: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath, 'utf8') : lockfileContent(provider),
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((directory) => {
      const file = path.join(baseDir, directory, migrationFileName)
      return {
        path: directory,
        migrationFile: {
          path: migrationFileName,
          content: fs.existsSync(file)
            ? { tag: 'ok', value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${relativeToCwd(file)} is missing` },
        },
      }
    }),
  }
}

function lockfileContent(provider: Provider): string {
  return `# Please do not edit this file manually
# It should be added in your version-control system (e.g., Git)
provider = "${provider}"
`
}

/** Prisma's folder timestamp: UTC, YYYYMMDDHHMMSS. */
function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14)
}

/** "Add meeting notes" -> "add_meeting_notes", as `prisma migrate dev --name` does. */
function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  if (slug === '') throw new MigrationEngineError(`"${name}" is not a usable migration name: use letters, digits and _.`)
  return slug
}

function summariseStatus(
  provider: Provider,
  local: string[],
  found: Partial<Pick<MigrationStatus, 'pending' | 'failed' | 'edited' | 'missingFromFolder' | 'historyDiverges'>>,
): MigrationStatus {
  const pending = found.pending ?? []
  const failed = found.failed ?? []
  // The engine also lists failed migrations edited since; they are reported as failed only.
  const edited = (found.edited ?? []).filter((name) => !failed.includes(name))
  const missingFromFolder = found.missingFromFolder ?? []
  const historyDiverges = found.historyDiverges ?? false
  return {
    provider,
    local,
    applied: local.filter((name) => !pending.includes(name) && !failed.includes(name)),
    pending,
    failed,
    edited,
    missingFromFolder,
    historyDiverges,
    upToDate:
      pending.length === 0 &&
      failed.length === 0 &&
      edited.length === 0 &&
      missingFromFolder.length === 0 &&
      !historyDiverges,
  }
}

// ---------- Engine lifecycle ----------

type EngineModuleExports = WebAssembly.Exports & { __wbindgen_start: () => void }

let wasmReady: Promise<void> | undefined

/**
 * Instantiates the WASM module once per process. The package's own entry point imports the
 * .wasm file as an ES module, which Node 20 cannot do without a flag, so wire the glue by hand.
 */
function loadSchemaEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const glueUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = fs.readFileSync(new URL('schema_engine_bg.wasm', glueUrl))
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': { ...schemaEngineWasm, ...unrefTimers(schemaEngineWasm) },
    })
    const wasmExports = instance.exports as EngineModuleExports
    schemaEngineWasm.__wbg_set_wasm(wasmExports)
    wasmExports.__wbindgen_start()
  })()
  return wasmReady
}

/**
 * The engine arms 10 s timers (e.g. the PostgreSQL advisory lock timeout) and never clears them,
 * which kept every PostgreSQL command alive 10 s after it finished. Unreferenced timers still fire
 * while there is work, but no longer hold the process open.
 */
function unrefTimers(glue: object): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = {}
  for (const name of Object.keys(glue).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, milliseconds: number) => setTimeout(callback, milliseconds >>> 0).unref()
  }
  return imports
}

/**
 * Runs one engine session against `url` (null: no live database, only shadow databases) and
 * frees the engine and every connection and shadow database it opened, whatever happens.
 */
async function withEngine<T>(
  provider: Provider,
  url: string | null,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadSchemaEngineWasm()
  const connections = provider === 'sqlite' ? sqliteConnections(url) : postgresConnections(url)
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(connections.factory)
  let engine: SchemaEngine | undefined
  try {
    const schemaFile = schemaPath(provider)
    engine = await schemaEngineWasm.SchemaEngine.new(
      { datamodels: [[schemaFile, fs.readFileSync(schemaFile, 'utf8')]] },
      forwardEngineWarnings,
      adapterFactory,
    )
    return await run(engine)
  } catch (error) {
    throw toMigrationEngineError(error, adapterFactory.errorRegistry)
  } finally {
    engine?.free()
    await connections.closeAll()
  }
}

/** The engine logs JSON lines; only warnings and errors are worth showing. */
function forwardEngineWarnings(line: string): void {
  const log = JSON.parse(line) as { level?: string; fields?: { message?: string } }
  if (log.level === 'WARN' || log.level === 'ERROR') console.warn(`schema engine: ${log.fields?.message ?? line}`)
}

function toMigrationEngineError(error: unknown, errorRegistry: ErrorRegistry): MigrationEngineError {
  if (error instanceof MigrationEngineError) return error
  if (!(error instanceof Error)) return new MigrationEngineError(String(error))
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  // Engine messages end with a Rust span trace ("   0: schema_engine_wasm::…"): keep the sentence,
  // and the name of the migration being applied, which only the trace carries.
  const [sentence = error.message, trace = ''] = error.message.split(/\n(?=\s+0: )/)
  // A JavaScript error thrown inside an adapter reaches the engine only as "External error id#N";
  // the original waits in the adapter factory's registry.
  const message = sentence
    .replace(/External error id#(\d+)/g, (text, id: string) => {
      const original = errorRegistry.consumeError(Number(id))?.error
      return original instanceof Error ? original.message : text
    })
    .trim()
  const failedMigration = /with migration_name="([^"]+)"/.exec(trace)?.[1]
  return new MigrationEngineError(failedMigration ? `Migration ${failedMigration} failed: ${message}` : message, code)
}

// ---------- Connections ----------

/**
 * An adapter factory for one engine session, tracking what it opens so that closeAll can release
 * connections and shadow databases the engine did not dispose of itself.
 */
interface SessionConnections {
  factory: SqlMigrationAwareDriverAdapterFactory
  closeAll(): Promise<void>
}

class ResourceTracker {
  #releases = new Set<() => Promise<void>>()

  /** Returns `release` made idempotent; closeAll runs those not run yet. */
  track(release: () => Promise<void>): () => Promise<void> {
    let released: Promise<void> | undefined
    const once = () => {
      this.#releases.delete(once)
      released ??= release()
      return released
    }
    this.#releases.add(once)
    return once
  }

  async closeAll(): Promise<void> {
    const results = await Promise.allSettled([...this.#releases].map((release) => release()))
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
  }
}

/** The adapter with some methods replaced and dispose routed through the tracker. */
function patchAdapter(
  adapter: SqlDriverAdapter,
  dispose: () => Promise<void>,
  overrides: Partial<Pick<SqlDriverAdapter, 'executeRaw' | 'executeScript'>> = {},
): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    ...overrides,
    dispose,
  }
}

/** `file:./data/muster.db` -> absolute path, resolved from the current directory. */
function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

/** better-sqlite3 creates a missing database file, but not its directory. */
function ensureSqliteDirectory(url: string): void {
  if (providerForUrl(url) === 'sqlite') fs.mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true })
}

function sqliteHasMigrationsTable(file: string): boolean {
  if (!fs.existsSync(file)) return false
  const database = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get() !== undefined
  } finally {
    database.close()
  }
}

function sqliteConnections(url: string | null): SessionConnections {
  const tracker = new ResourceTracker()
  return {
    factory: {
      provider: 'sqlite',
      adapterName: '@prisma/adapter-better-sqlite3',
      async connect() {
        // Without a live database (diffing only) the engine still wants a connection.
        const adapter = await new PrismaBetterSqlite3({ url: url ? sqliteFilePath(url) : ':memory:' }).connect()
        return patchAdapter(adapter, tracker.track(() => adapter.dispose()))
      },
      async connectToShadowDb() {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-shadow-'))
        const adapter = await new PrismaBetterSqlite3({ url: path.join(directory, 'shadow.db') }).connect()
        const dispose = tracker.track(async () => {
          await adapter.dispose()
          fs.rmSync(directory, { recursive: true, force: true })
        })
        return patchAdapter(adapter, dispose, {
          // Work-around 2: the engine replays each migration on the shadow database as a single
          // prepared statement, which better-sqlite3 rejects when the file holds several
          // statements; run those through executeScript (sqlite3_exec) instead.
          async executeRaw(query) {
            try {
              return await adapter.executeRaw(query)
            } catch (error) {
              if (query.args.length > 0 || !isMoreThanOneStatementError(error)) throw error
              await adapter.executeScript(query.sql)
              return 0
            }
          },
        })
      },
    },
    closeAll: () => tracker.closeAll(),
  }
}

/** better-sqlite3's prepare() throws a plain RangeError for this, which the adapter passes on. */
function isMoreThanOneStatementError(error: unknown): boolean {
  return error instanceof RangeError && /more than one statement/.test(error.message)
}

function postgresConnections(url: string | null): SessionConnections {
  const tracker = new ResourceTracker()
  const shadowServerUrl = process.env.MIGRATE_POSTGRES_URL ?? defaultShadowServerUrl

  async function connectTo(connectionString: string, release: () => Promise<void> = async () => {}) {
    const pool = new pg.Pool({ connectionString })
    pool.on('connect', reportCharColumnsAsText)
    const adapter = await new PrismaPg(pool).connect()
    const dispose = tracker.track(async () => {
      await pool.end()
      await release()
    })
    return patchAdapter(adapter, dispose, {
      // Work-around 5: adapter-pg's executeScript splits the script on every ";", breaking string
      // literals and $$ bodies. A query without parameters goes over the simple query protocol,
      // which runs a whole multi-statement script (in one implicit transaction) as written.
      async executeScript(script) {
        await adapter.executeRaw({ sql: script, args: [], argTypes: [] })
      },
    })
  }

  return {
    factory: {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      // Without a live database (diffing only) the pool never connects; point it at the server.
      connect: () => connectTo(url ?? shadowServerUrl),
      // Work-around 4: adapter-pg's own connectToShadowDb, given a connection string, uses the
      // live database itself as shadow (the string's database wins over the one it sets) and
      // drops the temporary database before closing its pool. Create and drop our own instead.
      async connectToShadowDb() {
        const databaseName = `muster_shadow_${randomUUID().replaceAll('-', '')}`
        await runOnServer(shadowServerUrl, `CREATE DATABASE "${databaseName}"`)
        const shadowUrl = new URL(shadowServerUrl)
        shadowUrl.pathname = `/${databaseName}`
        // WITH (FORCE) (PostgreSQL 13+) because a just-closed connection may still be ending.
        return connectTo(shadowUrl.toString(), () =>
          runOnServer(shadowServerUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
        )
      },
    },
    closeAll: () => tracker.closeAll(),
  }
}

async function runOnServer(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const pgCharOid = 18
const pgTextOid = 25

/**
 * Work-around 3: the engine's catalog queries select columns of type "char" (OID 18), which
 * adapter-pg refuses to map ("Unsupported column type char"). pg already returns their values as
 * strings, so relabel those columns as text on every connection of the migration pool.
 */
function reportCharColumnsAsText(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  const relabel = (result: unknown) => {
    for (const set of Array.isArray(result) ? result : [result]) {
      for (const field of (set as pg.QueryResult | undefined)?.fields ?? []) {
        if (field.dataTypeID === pgCharOid) field.dataTypeID = pgTextOid
      }
    }
    return result
  }
  client.query = ((...args: unknown[]) => {
    const callback = args.at(-1)
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: Error | null, result: unknown) => callback(error, relabel(result))
      return query(...args)
    }
    const pending = query(...args)
    return pending instanceof Promise ? pending.then(relabel) : pending
  }) as typeof client.query
}

function relativeToCwd(file: string): string {
  return path.relative(process.cwd(), file)
}
