// `npm test`: the whole suite. Runs the static checks first (type check, then lint) and stops
// at the first that fails; then checks what the tests need (Chromium, PostgreSQL) and runs
// unit and integration tests (vitest) and browser tests (Playwright). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import pg from 'pg'
import { failureSummaryPath } from '../tests/support/failure-summary-reporter.ts'
import { chromiumExecutablePath, chromiumInstallHint } from '../tests/support/chromium.ts'
import { testPostgresAdminUrl } from '../tests/support/databases.ts'

async function checkPostgres() {
  const client = new pg.Client({ connectionString: testPostgresAdminUrl, connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    console.error(
      `PostgreSQL is not reachable at ${testPostgresAdminUrl} (${reason}).\n` +
        'Integration tests run on SQLite and on PostgreSQL. Start a PostgreSQL server where this role may create databases,\n' +
        'or set TEST_POSTGRES_URL to one (e.g. postgresql://user@host:5432/postgres).',
    )
    process.exit(1)
  } finally {
    await client.end().catch(() => undefined)
  }
}

function run(command: string, args: string[]) {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '1' } })
  return result.status ?? 1
}

// Static checks need no services and take seconds: fail fast, before minutes of tests.
for (const script of ['typecheck', 'lint']) {
  const status = run('npm', ['run', script])
  if (status !== 0) {
    console.error(`\nnpm run ${script} failed (exit ${status}): fix it first; no tests were run`)
    process.exit(1)
  }
}

if (!chromiumExecutablePath()) {
  console.error(chromiumInstallHint)
  process.exit(1)
}
await checkPostgres()

const extraArgs = process.argv.slice(2)
rmSync(failureSummaryPath, { force: true })
const unitStatus = run('npx', ['vitest', 'run', ...extraArgs])
const e2eStatus = run('npx', ['playwright', 'test'])
// Said again last, after Playwright's output: a CI log may keep only the end.
if (existsSync(failureSummaryPath)) {
  const summary = readFileSync(failureSummaryPath, 'utf8')
  if (summary) console.error(`\n${summary}`)
} else if (unitStatus !== 0) {
  console.error('\nVitest stopped before its tests finished (its output above says why).')
}
if (unitStatus !== 0 || e2eStatus !== 0) {
  console.error(`\nTests failed: vitest exited ${unitStatus}, Playwright exited ${e2eStatus}`)
  process.exit(1)
}
console.log('\nAll tests passed')
