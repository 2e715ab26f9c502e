// The production server's start (server.js): it warms up before it listens (app/lib/warm-up.server.ts),
// and a database that is down does not keep it from starting: liveness answers, readiness says the
// database is unavailable, and the log says the warm-up failed. A stop asked for during the warm-up
// is a clean stop (the SQLite lock is released).
import { spawn } from 'node:child_process'
import net from 'node:net'
import { expect, test } from '@playwright/test'

/** A port nothing listens on: taken from the system, then let go. */
async function freePort() {
  return new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

test('a server whose database is down starts, answers /healthz and says so on /readyz', async () => {
  const [port, closedPort] = [await freePort(), await freePort()]
  const server = spawn(process.execPath, ['server.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: `postgresql://muster@127.0.0.1:${closedPort}/muster` },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    const origin = `http://127.0.0.1:${port}`
    await expect
      .poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 'not listening', { timeout: 20_000 })
      .toBe(200)
    const ready = await fetch(`${origin}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ status: 'unavailable', database: { ok: false } })
    expect(output).toContain('"event":"warm-up.failed"')
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
})

test('a server told to stop while its warm-up waits on the database stops cleanly at once', async () => {
  // A database that takes connections and never answers: the warm-up waits (up to 10 s) on it.
  const connected: net.Socket[] = []
  const silentDatabase = net.createServer((socket) => connected.push(socket))
  await new Promise<void>((resolve) => silentDatabase.listen(0, '127.0.0.1', resolve))
  const databasePort = (silentDatabase.address() as net.AddressInfo).port
  const server = spawn(process.execPath, ['server.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(await freePort()), LOG_LEVEL: 'warn', DATABASE_URL: `postgresql://muster@127.0.0.1:${databasePort}/muster` },
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })))
  try {
    await expect.poll(() => connected.length, { timeout: 20_000 }).toBeGreaterThan(0)
    const askedAt = Date.now()
    server.kill('SIGTERM')
    // Its own handler ran (exit code 0), not the default that ends the process by the signal.
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(Date.now() - askedAt).toBeLessThan(5_000)
  } finally {
    server.kill('SIGKILL')
    for (const socket of connected) socket.destroy()
    await new Promise((resolve) => silentDatabase.close(resolve))
  }
})
