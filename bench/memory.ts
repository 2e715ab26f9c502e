// Where the serving process's memory goes: the production server on the demo scaled to N
// attendees (SQLite), its resident memory idle and after every kind of public and personal page
// has been served, then a V8 heap snapshot of it summed by what holds the bytes (constructor or
// kind), and the share of the resident memory that lies outside V8's heap (code, native
// libraries, the SQLite page cache, buffers).
// The server starts as npm start starts it (scripts/server-process.ts: MALLOC_ARENA_MAX=2,
// --max-old-space-size=256, --max-semi-space-size=4). --malloc-arenas N sets MALLOC_ARENA_MAX=N
// instead (glibc keeps up to eight allocation arenas per core for native code: zlib, SQLite,
// libuv's threads); --node-flags= passes V8 flags that replace npm start's (with the equals sign:
// the value starts with dashes).
//   npx react-router build && npx tsx bench/memory.ts [--attendees 5000] [--seconds 4] [--top 25] [--malloc-arenas N] [--node-flags="--max-old-space-size=192"]
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createFeedLink } from '#app/domain/calendar/feeds.server.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { demoTimeline } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { measureThroughput, waitForHealthy, stopServer } from './support.ts'

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '4' },
    top: { type: 'string', default: '25' },
    'malloc-arenas': { type: 'string' },
    'node-flags': { type: 'string', default: '' },
  },
})
const attendees = Number(values.attendees)
const seconds = Number(values.seconds)
const top = Number(values.top)
const port = 3700
const slug = demoTimeline().slug

const probeFile = path.join(os.tmpdir(), `muster-memory-probe-${process.pid}.json`)

/** Resident memory from the kernel, and the server's own view: V8's committed heap, the part in use, buffers outside it. */
function memoryOf(server: ChildProcess) {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const mb = (field: string) => Math.round(Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) / 1024)
  const probe = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }
  const inMb = (bytes: number) => Math.round(bytes / 1048576)
  return {
    rssMb: mb('VmRSS'),
    peakMb: mb('VmHWM'),
    heapCommittedMb: inMb(probe.heapTotal),
    heapUsedMb: inMb(probe.heapUsed),
    externalMb: inMb(probe.external),
    outsideV8Mb: mb('VmRSS') - inMb(probe.heapTotal) - inMb(probe.external),
  }
}

/** Self sizes of a V8 heap snapshot summed per constructor (objects) or per kind (strings, code, arrays…). */
function summariseSnapshot(file: string) {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
    nodes: number[]
    strings: string[]
  }
  const fields = snapshot.snapshot.meta.node_fields
  const width = fields.length
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number]
  const types = snapshot.snapshot.meta.node_types[0]
  const byHolder = new Map<string, { bytes: number; count: number }>()
  let total = 0
  for (let index = 0; index < snapshot.nodes.length; index += width) {
    const type = types[snapshot.nodes[index + typeAt]!]!
    const name = snapshot.strings[snapshot.nodes[index + nameAt]!]!
    const size = snapshot.nodes[index + sizeAt]!
    total += size
    // Objects and closures by constructor; strings, code, arrays and the rest by kind.
    const holder = type === 'object' || type === 'closure' || type === 'native' ? `${type}: ${name.slice(0, 60)}` : type
    const entry = byHolder.get(holder) ?? { bytes: 0, count: 0 }
    entry.bytes += size
    entry.count += 1
    byHolder.set(holder, entry)
  }
  return { totalMb: total / 1024 / 1024, holders: [...byHolder].sort((a, b) => b[1].bytes - a[1].bytes) }
}

async function waitForSnapshot(directory: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const files = fs.readdirSync(directory).filter((name) => name.endsWith('.heapsnapshot'))
    if (files[0]) {
      const file = path.join(directory, files[0])
      const size = fs.statSync(file).size
      await new Promise((resolve) => setTimeout(resolve, 1000))
      if (size > 0 && fs.statSync(file).size === size) return file
    } else {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  throw new Error('The server wrote no heap snapshot')
}

const { url, drop } = await createEmptyDatabase('sqlite')
const snapshotDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-heap-'))
try {
  await deployMigrations(url)
  const db = await createDbClient(url)
  await seedDatabase(db, { attendees })
  const attendee = await db.registration.findFirstOrThrow({
    where: { event: { slug }, status: 'APPROVED', user: { matchmakingProfiles: { some: { optedIn: true } } } },
    orderBy: { id: 'asc' },
    select: { userId: true },
  })
  const cookie = `${SESSION_COOKIE_NAME}=${(await createSession(db, attendee.userId)).token}`
  const feedPath = new URL((await createFeedLink(db, attendee.userId)).https).pathname
  await db.$disconnect()

  const arenas = values['malloc-arenas'] ? { MALLOC_ARENA_MAX: values['malloc-arenas'] } : {}
  const environment = serverEnvironment({ ...process.env, ...arenas, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', MEMORY_PROBE_FILE: probeFile })
  const nodeFlags = values['node-flags'].split(' ').filter(Boolean)
  // npm start's flags, but for those --node-flags names; the script (server.js) comes last.
  const startFlags = serverNodeArguments({ ...environment, NODE_OPTIONS: `${environment.NODE_OPTIONS ?? ''} ${values['node-flags']}` }).slice(0, -1)
  const serverFlags = [...startFlags, ...nodeFlags]
  const server = spawn(process.execPath, [...serverFlags, '--import', './bench/memory-probe.mjs', `--heapsnapshot-signal=SIGUSR2`, `--diagnostic-dir=${snapshotDirectory}`, 'server.js'], {
    env: environment,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    const origin = `http://localhost:${port}`
    await waitForHealthy(`${origin}/healthz`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const idle = memoryOf(server)
    const anonymous = ['', '/agenda', '/agenda?day=all', '/agenda?q=radar', '/sessions/opening-address', '/speakers/piotr-nowak'].map((page) => `${origin}/events/${slug}${page}`)
    const personal = [`${origin}/events/${slug}/agenda`, `${origin}/events/${slug}/matchmaking`, `${origin}/events/${slug}/meetings`, `${origin}/account`]
    const stages: Record<string, ReturnType<typeof memoryOf>> = { idle }
    for (const page of anonymous) await measureThroughput(page, { url: page, connections: 10, seconds, headers: { 'Accept-Encoding': 'gzip' } })
    stages['after the public pages'] = memoryOf(server)
    for (const page of personal) await measureThroughput(page, { url: page, connections: 4, seconds, headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } })
    await measureThroughput('personal feed', { url: `${origin}${feedPath}`, connections: 4, seconds })
    stages['after personal pages and a feed'] = memoryOf(server)

    server.kill('SIGUSR2')
    const file = await waitForSnapshot(snapshotDirectory)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    stages['after the heap snapshot (a full collection)'] = memoryOf(server)
    const { totalMb, holders } = summariseSnapshot(file)
    console.log(`Demo with ${attendees} attendees on SQLite, MALLOC_ARENA_MAX=${environment.MALLOC_ARENA_MAX} ${serverFlags.join(' ')}; the production server's memory (MB):`)
    console.table(stages)
    const rss = stages['after personal pages and a feed']!.rssMb
    console.log(`V8 heap in the snapshot: ${totalMb.toFixed(1)} MB of ${rss} MB resident (${((totalMb / rss) * 100).toFixed(0)}%); the rest is outside V8's heap.`)
    console.table(
      holders.slice(0, top).map(([holder, { bytes, count }]) => ({ 'held by': holder, MB: Number((bytes / 1024 / 1024).toFixed(2)), count, 'share of heap': `${((bytes / 1024 / 1024 / totalMb) * 100).toFixed(1)}%` })),
    )
  } finally {
    await stopServer(server)
  }
} finally {
  fs.rmSync(snapshotDirectory, { recursive: true, force: true })
  fs.rmSync(probeFile, { force: true })
  await drop()
}
