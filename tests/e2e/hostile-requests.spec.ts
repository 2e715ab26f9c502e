// The production server (npm start) against the requests a security review used to stop it:
// each is answered with a 4xx within 100 ms and the server keeps answering /healthz. Also: the
// server listens on loopback only by default, so the development mailbox stays on this machine.
import net from 'node:net'
import os from 'node:os'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { demoEventPath, withE2eDatabase } from './support.ts'

const form = 'application/x-www-form-urlencoded'

/** Posts straight from this process (not through the browser driver), timing the server's answer. */
async function timedPost(baseURL: string, path: string, body: string, headers: Record<string, string> = {}) {
  const started = performance.now()
  const response = await fetch(new URL(path, baseURL), {
    method: 'POST',
    body,
    headers: { Origin: baseURL, 'Content-Type': form, ...headers },
    redirect: 'manual',
  })
  const text = await response.text()
  // The server's own time (Server-Timing), and the time seen from here, which also holds
  // whatever the other test worker makes the shared machine do meanwhile.
  const serverMs = Number(/dur=([\d.]+)/.exec(response.headers.get('Server-Timing') ?? '')?.[1] ?? Number.NaN)
  return { status: response.status, serverMs, roundTripMs: performance.now() - started, text }
}

/**
 * The hostile shape's cost is the same on every try; the other test worker can add its own work to
 * any one try. So the same post is sent three times: every answer must be right, the fastest within the bound.
 */
async function fastestOfThree(baseURL: string, path: string, body: string, headers: Record<string, string> = {}) {
  const tries = [await timedPost(baseURL, path, body, headers), await timedPost(baseURL, path, body, headers), await timedPost(baseURL, path, body, headers)]
  expect(new Set(tries.map((attempt) => attempt.status)).size, 'the same answer every time').toBe(1)
  return tries.reduce((fastest, attempt) => (attempt.serverMs < fastest.serverMs ? attempt : fastest))
}

async function expectHealthy(request: APIRequestContext) {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
}

test.describe('hostile request bodies', () => {
  test.beforeEach(async ({ baseURL }) => {
    // Warm the action's code path, so the timing below is the refusal and not the first load.
    await timedPost(baseURL!, '/sign-in', 'unknown=1')
  })

  test('a 25-byte sign-in post with a list index of 100,000,000', async ({ request, baseURL }) => {
    const result = await fastestOfThree(baseURL!, '/sign-in', 'email=x&x%5B100000000%5D=1')
    expect(result.status).toBe(400)
    expect(result.serverMs).toBeLessThan(100)
    expect(result.roundTripMs).toBeLessThan(1_000)
    expect(result.text.length).toBeLessThan(50_000)
    await expectHealthy(request)
  })

  test('one field repeated 20,000 times in 80 kB', async ({ request, baseURL }) => {
    const body = Array.from({ length: 20_000 }, () => 'x=1').join('&')
    const result = await fastestOfThree(baseURL!, '/sign-in', body)
    expect(result.status).toBe(400)
    expect(result.serverMs).toBeLessThan(100)
    await expectHealthy(request)
  })

  test('an approved attendee posts items[100000] and items[999999999] to their profile', async ({ request, baseURL }) => {
    const token = await withE2eDatabase(async (db) => {
      const user = await db.user.findUniqueOrThrow({ where: { email: 'kadri.tamm@hornet.example' }, select: { id: true } })
      return (await createSession(db, user.id, { userAgent: 'Playwright' })).token
    })
    const cookie = `${SESSION_COOKIE_NAME}=${token}`
    // Warm the profile action's code path (and the session's first read) as beforeEach does for sign-in.
    await timedPost(baseURL!, `${demoEventPath}/matchmaking/profile`, 'unknown=1', { Cookie: cookie })
    for (const body of ['headline=x&items%5B100000%5D.title=y', 'headline=x&items%5B999999999%5D.title=y']) {
      const result = await fastestOfThree(baseURL!, `${demoEventPath}/matchmaking/profile`, body, { Cookie: cookie })
      expect(result.status, body).toBe(400)
      expect(result.serverMs).toBeLessThan(100)
    }
    await expectHealthy(request)
  })

  test('a 2 MB body, JSON, multipart without a boundary and TRACE', async ({ request, baseURL }) => {
    // The server answers 413 before reading the body, and closes the connection.
    const huge = await request.post('/sign-in', {
      data: Buffer.alloc(2 * 1024 * 1024, 'a'),
      headers: { Origin: baseURL!, 'Content-Type': form },
      failOnStatusCode: false,
    })
    expect(huge.status()).toBe(413)
    const json = await timedPost(baseURL!, '/sign-in', '{"email":"x@example.org"}', { 'Content-Type': 'application/json' })
    expect(json.status).toBe(415)
    const multipart = await timedPost(baseURL!, '/sign-in', 'email=x', { 'Content-Type': 'multipart/form-data' })
    expect(multipart.status).toBe(415)
    const trace = await request.fetch('/sign-in', { method: 'TRACE', failOnStatusCode: false })
    expect(trace.status()).toBe(405)
    for (const result of [json, multipart]) expect(result.serverMs).toBeLessThan(100)
    await expectHealthy(request)
  })
})

test('the server listens on loopback only: another interface of this machine is refused', async ({ baseURL }) => {
  const port = Number(new URL(baseURL!).port)
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => address!.address)
  expect(external.length, 'this machine has a non-loopback address to try').toBeGreaterThan(0)
  for (const address of external) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: address, port, timeout: 2_000 })
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('timeout', () => {
        socket.destroy()
        resolve('timeout')
      })
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    expect(outcome, address).toBe('ECONNREFUSED')
  }
})
