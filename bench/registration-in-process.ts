// One registration's cost without HTTP's noise: the production build's request handler called in
// process with the real form post (session cookie, origin check, the archived-event check,
// validation, the seat transaction, the outbox row), R people one after another (or C at a time),
// after 20 to warm up. Prints wall and CPU time per registration and, per SQL text, how many
// statements a registration runs and what they cost (on SQLite the time better-sqlite3 spends in
// each; on PostgreSQL the count only, as the driver's time is a round trip). The outbox worker
// does not run (no worker is started in process), so the figures are the registration's alone.
//
//   npx tsx bench/registration-in-process.ts [--registrations 600] [--concurrency 1] [--providers sqlite,postgresql] [--statements 12]
//
// Needs the production build (`npx react-router build`) and PostgreSQL at TEST_POSTGRES_URL. The
// build opens its database client once, at import, so each engine runs in a child process.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { chosenProvidersOf, createRegistrationBenchEvent, requireProductionBuild } from './support.ts'

const { values } = parseArgs({
  options: {
    registrations: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '1' },
    providers: { type: 'string', default: providers.join(',') },
    statements: { type: 'string', default: '12' },
    child: { type: 'string' },
  },
})
const WARM_UP = 20
const registrations = Number(values.registrations)
const concurrency = Number(values.concurrency)
if (!(registrations > WARM_UP) || !(concurrency >= 1)) throw new Error(`--registrations must be over ${WARM_UP} and --concurrency at least 1.`)

requireProductionBuild()

if (values.child) {
  await measure(values.child as Provider)
} else {
  for (const provider of chosenProvidersOf(values.providers)) {
    const args = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--child', provider]
    const child = spawn(process.execPath, args, { stdio: 'inherit' })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    if (code !== 0) process.exit(code ?? 1)
  }
}

type StatementCost = { calls: number; microseconds: number }

/** Times every statement better-sqlite3 runs, by SQL text. */
async function timeSqliteStatements(costs: Map<string, StatementCost>) {
  const { default: Database } = await import('better-sqlite3')
  const prototype = Database.prototype as unknown as { prepare(this: unknown, sql: string): Record<string, unknown> }
  const prepare = prototype.prepare
  prototype.prepare = function (sql: string) {
    const statement = prepare.call(this, sql)
    for (const method of ['run', 'all', 'get'] as const) {
      const run = statement[method] as (...args: unknown[]) => unknown
      statement[method] = function (this: unknown, ...args: unknown[]) {
        const started = performance.now()
        try {
          return run.apply(this, args)
        } finally {
          const cost = costs.get(sql) ?? { calls: 0, microseconds: 0 }
          cost.calls++
          cost.microseconds += (performance.now() - started) * 1000
          costs.set(sql, cost)
        }
      }
    }
    // raw(true) returns the statement itself, which must stay the timed one.
    const raw = statement.raw as (...args: unknown[]) => unknown
    statement.raw = (...args: unknown[]) => {
      raw.apply(statement, args)
      return statement
    }
    return statement
  }
}

/** Counts every statement the pg driver sends, by SQL text. */
async function countPostgresStatements(costs: Map<string, StatementCost>) {
  const { default: pg } = await import('pg')
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first] = args
    const sql = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : '(unknown)'
    const cost = costs.get(sql) ?? { calls: 0, microseconds: 0 }
    cost.calls++
    costs.set(sql, cost)
    return query.apply(this, args)
  } as typeof pg.Client.prototype.query
}

async function measure(provider: Provider) {
  const costs = new Map<string, StatementCost>()
  if (provider === 'sqlite') await timeSqliteStatements(costs)
  else await countPostgresStatements(costs)
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const setup = await createDbClient(url)
    const slug = 'bench-in-process-day'
    // Half seated, half on the waiting list, as in bench/registration.ts.
    const { organisationId, users } = await createRegistrationBenchEvent(setup, { slug, title: 'Bench In-Process Day', capacity: Math.floor(registrations / 2), people: registrations })
    const cookies: string[] = []
    for (const user of users) cookies.push(`${SESSION_COOKIE_NAME}=${(await createSession(setup, user.id)).token}`)
    await setup.$disconnect()

    process.env.DATABASE_URL = url
    const build = await import(new URL('../build/server/index.js', import.meta.url).href)
    const { createRequestHandler } = await import('react-router')
    const handle = createRequestHandler(build, 'production')
    const origin = 'http://localhost:3000'
    const body = new URLSearchParams({ name: 'Bench Person', jobTitle: 'Engineer', nationality: 'BE', organisationId, consent: 'on' }).toString()
    const register = async (i: number) => {
      const response = await handle(
        new Request(`${origin}/events/${slug}/register`, {
          method: 'POST',
          body,
          headers: { cookie: cookies[i]!, 'content-type': 'application/x-www-form-urlencoded', origin },
        }),
      )
      if (response.status !== 302) throw new Error(`Registration ${i} answered ${response.status}, not a redirect.`)
    }
    for (let i = 0; i < WARM_UP; i++) await register(i)
    costs.clear()

    let next = WARM_UP
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < registrations) await register(next++)
      }),
    )
    const wallMs = performance.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    const measured = registrations - WARM_UP
    const statements = [...costs.values()].reduce((sum, cost) => sum + cost.calls, 0)
    const statementMs = [...costs.values()].reduce((sum, cost) => sum + cost.microseconds, 0) / 1000
    console.table([
      {
        provider,
        registrations: measured,
        concurrency,
        'ms per registration (wall)': (wallMs / measured).toFixed(2),
        'ms CPU per registration': ((cpu.user + cpu.system) / 1000 / measured).toFixed(2),
        'statements per registration': (statements / measured).toFixed(1),
        ...(provider === 'sqlite' ? { 'ms in SQLite per registration': (statementMs / measured).toFixed(2) } : {}),
      },
    ])
    const rows = [...costs.entries()]
      .sort(([, a], [, b]) => b.microseconds - a.microseconds || b.calls - a.calls)
      .slice(0, Number(values.statements))
      .map(([sql, cost]) => ({
        'per registration': (cost.calls / measured).toFixed(2),
        ...(provider === 'sqlite' ? { 'µs each': Math.round(cost.microseconds / cost.calls) } : {}),
        statement: sql.replace(/\s+/g, ' ').trim().slice(0, 90),
      }))
    console.table(rows)
  } finally {
    await drop()
  }
  process.exit(0)
}
