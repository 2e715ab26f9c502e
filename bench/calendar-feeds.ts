// Calendar feed benchmark: the demo Industry Day scaled to N attendees (default 5,000), served
// by the production build. Measures requests per second at C concurrent clients (autocannon)
// for a personal feed of about 30 items and for the event's full public feed, each as a full
// 200 and as the 304 a polling client gets, with the server's CPU time per response, and
// /healthz and /readyz in the same run: the ratios to them are what compares across machines.
//
//   npx tsx bench/calendar-feeds.ts [--attendees 5000] [--connections 50] [--seconds 10] [--providers sqlite,postgresql] [--feeds personal-200,personal-304,public-200,public-304]
//
// --feeds measures only those (with BENCH_CPU_PROF, a server profile of one kind of response).
//
// Needs the production build (`npx react-router build`) and, for PostgreSQL, TEST_POSTGRES_URL.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { createFeedLink } from '#app/domain/calendar/feeds.server.ts'
import { eventFeedPath } from '#app/lib/calendar-paths.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { demoTimeline } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import {
  chosenProvidersOf,
  describeAgainstHealth,
  measureThroughput,
  requireProductionBuild,
  stopServer,
  type Throughput,
  waitForHealthy,
} from './support.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

const feedNames = ['personal-200', 'personal-304', 'public-200', 'public-304']
const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    providers: { type: 'string', default: providers.join(',') },
    feeds: { type: 'string', default: feedNames.join(',') },
  },
})
const attendees = Number(values.attendees)
const connections = Number(values.connections)
const seconds = Number(values.seconds)
const chosenFeeds = values.feeds.split(',')
const unknownFeeds = chosenFeeds.filter((name) => !feedNames.includes(name))
if (unknownFeeds.length > 0) throw new Error(`Unknown --feeds ${unknownFeeds.join(', ')}: choose among ${feedNames.join(', ')}`)
const chosenProviders = chosenProvidersOf(values.providers)
// The demo is seeded for today (seeds/demo-timeline.ts), so its address names the year it falls in.
const eventSlug = demoTimeline().slug
/** The measured person: the demo's approved start-up founder with breakouts and meetings. */
const measuredEmail = 'kadri.tamm@hornet.example'
const targetItems = 30

requireProductionBuild()

type Row = Record<string, string | number>
const rows: Row[] = []
for (const [index, provider] of chosenProviders.entries()) {
  rows.push(...(await benchProvider(provider, 3400 + index)))
}
console.table(rows)

async function benchProvider(provider: Provider, port: number): Promise<Row[]> {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    await seedDatabase(db, { attendees })
    const userId = (await db.user.findUniqueOrThrow({ where: { email: measuredEmail }, select: { id: true } })).id
    await fillAgenda(db, userId)
    const feedPath = new URL((await createFeedLink(db, userId)).https).pathname
    await db.$disconnect()

    const server = spawn(process.execPath, serverNodeArguments(), {
      env: { ...serverEnvironment(), DATABASE_URL: url, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    try {
      const origin = `http://localhost:${port}`
      await waitForHealthy(`${origin}/healthz`)
      const personal = await inspectFeed(`${origin}${feedPath}`)
      const publicFeed = await inspectFeed(`${origin}${eventFeedPath(eventSlug)}`)

      const measure = (label: string, url: string, headers: Record<string, string>, expectedStatus: number) =>
        measureThroughput(label, { url, headers, expectedStatus, connections, seconds, server })
      const healthBefore = await measure('healthz', `${origin}/healthz`, {}, 200)
      // The ratio goals were set against a /healthz that went through the router and asked
      // the database; /readyz does exactly that now (/healthz answers ahead of the router).
      const readyBefore = await measure('readyz', `${origin}/readyz`, {}, 200)
      const feeds = {
        'personal-200': { url: personal.url, headers: {}, status: 200 },
        'personal-304': { url: personal.url, headers: { 'If-None-Match': personal.etag }, status: 304 },
        'public-200': { url: publicFeed.url, headers: {}, status: 200 },
        'public-304': { url: publicFeed.url, headers: { 'If-None-Match': publicFeed.etag }, status: 304 },
      }
      const measured: Record<string, Throughput> = {}
      for (const [name, feed] of Object.entries(feeds)) {
        if (!chosenFeeds.includes(name)) continue
        const [kind, status] = name.split('-')
        measured[`${kind} feed ${status}`] = await measure(`${kind} feed`, feed.url, feed.headers, feed.status)
      }
      const readyAfter = await measure('readyz', `${origin}/readyz`, {}, 200)
      const healthAfter = await measure('healthz', `${origin}/healthz`, {}, 200)
      const health = (healthBefore.rps + healthAfter.rps) / 2
      const ready = (readyBefore.rps + readyAfter.rps) / 2
      return Object.entries(measured).map(([feed, result]) => ({
        provider,
        attendees,
        feed,
        items: feed.startsWith('personal') ? personal.items : publicFeed.items,
        [`req/s @${connections} (× healthz, p99, server CPU per response)`]: describeAgainstHealth(result, health, 2),
        '× readyz': `${(result.rps / ready).toFixed(2)}×`,
        'healthz / readyz req/s (before, after)': `${Math.round(healthBefore.rps)}, ${Math.round(healthAfter.rps)} / ${Math.round(readyBefore.rps)}, ${Math.round(readyAfter.rps)}`,
      }))
    } finally {
      await stopServer(server)
    }
  } finally {
    await drop()
  }
}

/**
 * Gives the person about `targetItems` items: a seat in every breakout, then B2B meetings in
 * free slots, each with an approved attendee free in that slot, at a table free in that slot.
 */
async function fillAgenda(db: Db, userId: string) {
  const registration = await db.registration.findFirstOrThrow({ where: { userId, status: 'APPROVED' }, select: { id: true, eventId: true } })
  const breakouts = await db.agendaSession.findMany({
    where: { eventId: registration.eventId, kind: 'BREAKOUT', enrolments: { none: { registrationId: registration.id } } },
    select: { id: true },
  })
  await db.sessionEnrolment.createMany({ data: breakouts.map((session) => ({ sessionId: session.id, registrationId: registration.id, status: 'ENROLLED' as const })) })

  const itemCount = async () => {
    const [sessions, meetings] = await Promise.all([
      db.agendaSession.count({
        where: {
          eventId: registration.eventId,
          OR: [
            { kind: { in: ['PLENARY', 'PANEL'] }, signUpRequired: false },
            { enrolments: { some: { registrationId: registration.id, status: 'ENROLLED' } } },
          ],
        },
      }),
      db.meeting.count({ where: { participants: { some: { userId } } } }),
    ])
    return 1 + sessions + meetings
  }
  const slots = await db.meetingSlot.findMany({
    where: { eventId: registration.eventId, participants: { none: { userId } } },
    orderBy: { startsAt: 'asc' },
    select: { id: true },
  })
  for (const slot of slots) {
    if ((await itemCount()) >= targetItems) break
    const [table, partner] = await Promise.all([
      db.meetingTable.findFirst({
        where: { eventId: registration.eventId, reservedForOrganisationId: null, meetings: { none: { activeSlotId: slot.id } } },
        select: { id: true },
      }),
      db.user.findFirst({
        where: {
          id: { not: userId },
          registrations: { some: { eventId: registration.eventId, status: 'APPROVED' } },
          meetingParticipants: { none: { activeSlotId: slot.id } },
        },
        orderBy: { id: 'desc' },
        select: { id: true },
      }),
    ])
    if (!table || !partner) continue
    await db.meeting.create({
      data: {
        eventId: registration.eventId,
        slotId: slot.id,
        tableId: table.id,
        activeSlotId: slot.id,
        source: 'ORGANISER',
        calendarUid: `bench-meeting-${slot.id}@muster.bench`,
        participants: { create: [userId, partner.id].map((id) => ({ userId: id, activeSlotId: slot.id })) },
      },
    })
  }
}

async function inspectFeed(url: string) {
  const response = await fetch(url)
  const body = await response.text()
  const etag = response.headers.get('ETag')
  if (response.status !== 200 || !etag) throw new Error(`${url} answered ${response.status} without an ETag`)
  return { url, etag, items: body.split('\r\nBEGIN:VEVENT\r\n').length - 1 }
}
