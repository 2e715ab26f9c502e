// The browser tests' second server: a fresh installation, as an organisation gets it before
// anything is set up: an empty database whose only account is one platform administrator,
// made with the README's `npm run admin:grant`. It serves the build the main test server made
// (playwright.config.ts), so it waits for that server first, then runs the production server.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { freshInstallAdministrator } from './e2e-servers.ts'

const mainUrl = process.env.E2E_MAIN_URL
const databasePath = 'data/e2e-fresh.db'
if (!mainUrl) throw new Error('E2E_MAIN_URL names the main test server, whose build this server serves')

async function waitForMainServer() {
  const deadline = Date.now() + 240_000
  while (Date.now() < deadline) {
    const healthy = await fetch(`${mainUrl}/healthz`).then((response) => response.ok, () => false)
    if (healthy) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`The main test server at ${mainUrl} did not come up`)
}

await waitForMainServer()
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true })
const env = { ...process.env, DATABASE_URL: `file:./${databasePath}` }
const granted = spawnSync('npm', ['run', '--silent', 'admin:grant', '--', freshInstallAdministrator], { stdio: 'inherit', env })
if (granted.status !== 0) process.exit(granted.status ?? 1)
const server = spawn(process.execPath, ['server.js'], { stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
