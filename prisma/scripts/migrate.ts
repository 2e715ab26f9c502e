// The project's `prisma migrate`: the native schema engine cannot be installed here, so these
// commands drive the WASM engine through prisma/scripts/migration-engine.ts.
//   create --name <name>                          new migration for every provider
//   deploy                                        apply pending migrations to DATABASE_URL
//   status                                        applied / pending / failed (exit 1 unless up to date)
//   resolve --applied <name> | --rolled-back <name>
// DATABASE_URL defaults to file:./data/muster.db.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { migrationsDir, modelsPath, providerForUrl, providers, renderSchema, schemaPath } from '../providers.ts'
import {
  createMigration,
  deployMigrations,
  MigrationEngineError,
  migrationStatus,
  resolveMigration,
  type MigrationStatus,
} from './migration-engine.ts'

const usage = `Usage: tsx prisma/scripts/migrate.ts <command>

Commands:
  create --name <name>         Write a migration for every provider whose schema changed
  deploy                       Apply pending migrations to DATABASE_URL
  status                       Show applied, pending and failed migrations of DATABASE_URL
  resolve --applied <name>     Record a migration as applied without running it
  resolve --rolled-back <name> Record a failed migration as rolled back

DATABASE_URL defaults to file:./data/muster.db.`

class UsageError extends Error {}

const databaseUrl = process.env.DATABASE_URL || 'file:./data/muster.db'

try {
  process.exitCode = await run(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`)
    process.exitCode = 2
  } else {
    console.error(`Error: ${describeError(error)}`)
    process.exitCode = 1
  }
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args)
  const [command, ...extra] = positionals
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`)
  switch (command) {
    case 'create':
      if (!values.name) throw new UsageError('create needs --name <name>.')
      return create(values.name)
    case 'deploy':
      return deploy()
    case 'status':
      return status()
    case 'resolve': {
      const { applied, 'rolled-back': rolledBack } = values
      if ((applied === undefined) === (rolledBack === undefined)) {
        throw new UsageError('resolve needs exactly one of --applied <name> or --rolled-back <name>.')
      }
      return resolve(applied ?? rolledBack ?? '', applied === undefined ? 'rolled-back' : 'applied')
    }
    case undefined:
      throw new UsageError('Missing command.')
    default:
      throw new UsageError(`Unknown command: ${command}`)
  }
}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        applied: { type: 'string' },
        'rolled-back': { type: 'string' },
      },
    })
  } catch (error) {
    // parseArgs reports unknown options and missing values as TypeErrors with a readable message.
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function create(name: string): Promise<number> {
  // Migrations are computed from the generated schemas, so they must match models.prisma.
  const models = fs.readFileSync(modelsPath, 'utf8')
  const stale = providers.filter((provider) => {
    const file = schemaPath(provider)
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== renderSchema(provider, models)
  })
  if (stale.length > 0) {
    const files = stale.map((provider) => relative(schemaPath(provider))).join(', ')
    console.error(`Error: ${files} ${stale.length === 1 ? 'is' : 'are'} out of date with prisma/models.prisma: run npm run prisma:generate first.`)
    return 1
  }

  const started = performance.now()
  const result = await createMigration(name)
  if (!result.changed) {
    console.log('No changes: the migrations already match prisma/models.prisma.')
    return 0
  }
  console.log(`Created migration ${result.directoryName} for ${result.providers.join(' and ')} (${elapsed(started)}):`)
  for (const file of result.files) console.log(`  ${relative(file)}`)
  const unchanged = providers.filter((provider) => !result.providers.includes(provider))
  if (unchanged.length > 0) console.log(`No changes for ${unchanged.join(', ')}.`)
  console.log('Review the SQL, then apply it with npm run db:migrate:deploy.')
  return 0
}

async function deploy(): Promise<number> {
  const provider = providerForUrl(databaseUrl)
  console.log(`Deploying ${relative(migrationsDir(provider))} to ${displayUrl(databaseUrl)}`)
  const started = performance.now()
  const applied = await deployMigrations(databaseUrl)
  if (applied.length === 0) {
    console.log(`No pending migrations (${elapsed(started)}).`)
  } else {
    for (const name of applied) console.log(`  applied ${name}`)
    console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} (${elapsed(started)}).`)
  }
  return 0
}

async function status(): Promise<number> {
  const report = await migrationStatus(databaseUrl)
  console.log(`Database ${displayUrl(databaseUrl)}`)
  console.log(`${report.local.length} migration(s) in ${relative(migrationsDir(report.provider))}`)
  printStatus(report)
  return report.upToDate ? 0 : 1
}

function printStatus(report: MigrationStatus): void {
  const width = Math.max(0, ...[...report.local, ...report.missingFromFolder].map((name) => name.length))
  const line = (name: string, label: string) => console.log(`  ${name.padEnd(width)}  ${label}`)
  for (const name of report.local) {
    if (report.failed.includes(name)) line(name, 'FAILED')
    else if (report.pending.includes(name)) line(name, 'pending')
    else if (report.edited.includes(name)) line(name, 'applied, edited since')
    else line(name, 'applied')
  }
  for (const name of report.missingFromFolder) line(name, 'applied, not in the folder')

  if (report.upToDate) {
    console.log('Database schema is up to date.')
    return
  }
  if (report.failed.length > 0) {
    console.log(
      'A failed migration blocks deploy. Fix the database by hand, then record the outcome with\n' +
        `  npm run db:migrate:resolve -- --rolled-back ${report.failed[0]}   (then deploy again), or\n` +
        `  npm run db:migrate:resolve -- --applied ${report.failed[0]}       (if you finished it by hand).`,
    )
  }
  if (report.historyDiverges || report.missingFromFolder.length > 0) {
    console.log('The database and the migrations folder have diverged: this database was migrated from other files.')
  }
  if (report.edited.length > 0) console.log('An applied migration was edited: restore its original migration.sql.')
  if (report.pending.length > 0) console.log(`${report.pending.length} pending: run npm run db:migrate:deploy.`)
}

async function resolve(name: string, as: 'applied' | 'rolled-back'): Promise<number> {
  await resolveMigration(databaseUrl, name, as)
  console.log(`Recorded ${name} as ${as} in ${displayUrl(databaseUrl)}.`)
  return 0
}

function describeError(error: unknown): string {
  if (error instanceof MigrationEngineError) return error.code ? `${error.message} (${error.code})` : error.message
  return error instanceof Error ? error.message : String(error)
}

/** The URL without its password, fit for logs. */
function displayUrl(url: string): string {
  if (providerForUrl(url) === 'sqlite') return url
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable PostgreSQL URL)'
  }
}

function relative(file: string): string {
  return path.relative(process.cwd(), file)
}

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`
}
