// Public pages benchmark: the demo Industry Day scaled to N attendees (default 5,000), its
// agenda grown to about S sessions (default 300: the demo has 23, so generated parallel
// sessions with speakers fill both days), served by the production build. Measures, at C
// concurrent clients (autocannon, asking for gzip as browsers do), requests per second and p99
// latency of the agenda page as it opens (one day), of all days (?day=all), with a search
// (every day), with track and kind filters (applied in SQL, on the opening day), of the event
// page, a session page, a speaker page and the list of events for anonymous visitors, of the agenda revalidated
// with its ETag (304), of the agenda for one signed-in attendee, and of the agenda and the event
// page for 500 signed-in people of every standing asking in turn (shared by everyone who stands
// where they do, decision 027), each as a
// ratio to /healthz in the same run (and to /readyz, which goes through the router and asks the
// database as /healthz did when the issue set its goals), with the server's CPU time per response; one unloaded
// request to each page (median of five) and its HTML; the server's peak resident memory
// (VmHWM); and the JavaScript the agenda page loads, gzipped.
//
//   npx tsx bench/agenda.ts [--attendees 5000] [--sessions 300] [--connections 20] [--seconds 10] [--providers sqlite,postgresql]
//
// Needs the production build (`npx react-router build`) and, for PostgreSQL, TEST_POSTGRES_URL.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { agendaPath } from '#app/domain/agenda/agenda.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { demoTimeline } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import {
  chosenProvidersOf,
  describeAgainstHealth,
  measureThroughput,
  readPeakRssMb,
  requireProductionBuild,
  stopServer,
  waitForHealthy,
} from './support.ts'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '5000' },
    sessions: { type: 'string', default: '300' },
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    providers: { type: 'string', default: providers.join(',') },
  },
})
const attendees = Number(values.attendees)
const targetSessions = Number(values.sessions)
const connections = Number(values.connections)
const seconds = Number(values.seconds)
const chosenProviders = chosenProvidersOf(values.providers)
// The demo is seeded for today (seeds/demo-timeline.ts), so its address names the year it falls in.
const eventSlug = demoTimeline().slug
const eventId = 'seed-event-counter-uas-2027'
/** A word in about one generated session in eight, and in some of the demo's. */
const searchTerm = 'radar'
/** What a browser asks for: the server answers gzipped where it compresses. */
const browser = { 'Accept-Encoding': 'gzip, deflate, br' }
/** A full agenda page took hundreds of milliseconds, so 20 in parallel on two cores could wait many seconds. */
const REQUEST_TIMEOUT_SECONDS = 60
/** Signed-in people who ask for the same pages in turn. */
const SIGNED_IN_VISITORS = 500

requireProductionBuild()

type Row = Record<string, string | number>
const serverRows: Row[] = []
const pageRows: Row[] = []
for (const [index, provider] of chosenProviders.entries()) {
  const measured = await benchProvider(provider, 3600 + index)
  serverRows.push(measured.server)
  pageRows.push(...measured.pages)
}
console.table(serverRows)
console.table(pageRows)

async function benchProvider(provider: Provider, port: number): Promise<{ server: Row; pages: Row[] }> {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    await seedDatabase(db, { attendees })
    await growAgenda(db, targetSessions)
    const sessions = await db.agendaSession.count({ where: { eventId } })
    const attendee = await db.registration.findFirstOrThrow({ where: { eventId, status: 'APPROVED' }, orderBy: { id: 'asc' }, select: { userId: true } })
    const signedIn = `${SESSION_COOKIE_NAME}=${(await createSession(db, attendee.userId)).token}`
    // Registered people of every standing (approved, pending, waiting, not accepted), staff among them.
    const people = await db.registration.findMany({ where: { eventId }, orderBy: { id: 'asc' }, take: SIGNED_IN_VISITORS, select: { userId: true } })
    const signedInVisitors = await Promise.all(people.map(async ({ userId }) => ({ Cookie: `${SESSION_COOKIE_NAME}=${(await createSession(db, userId)).token}` })))
    const breakout = await db.agendaSession.findFirstOrThrow({ where: { eventId, signUpRequired: true, status: 'SCHEDULED' }, orderBy: { startsAt: 'asc' }, select: { slug: true } })
    const speaker = await db.speaker.findFirstOrThrow({ where: { eventId, sessions: { some: {} } }, orderBy: { slug: 'asc' }, select: { slug: true } })
    await db.$disconnect()

    const server = spawn(process.execPath, serverNodeArguments(), {
      env: { ...serverEnvironment(), DATABASE_URL: url, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    try {
      const origin = `http://localhost:${port}`
      await waitForHealthy(`${origin}/healthz`)
      const agenda = `${origin}${agendaPath(eventSlug)}`
      const pages = {
        oneDay: agenda,
        allDays: `${agenda}?day=all`,
        search: `${agenda}?q=${searchTerm}`,
        filters: `${agenda}?track=defeat&track=detect-identify&kind=BREAKOUT`,
        eventPage: `${origin}/events/${eventSlug}`,
        session: `${origin}/events/${eventSlug}/sessions/${breakout.slug}`,
        speaker: `${origin}/events/${eventSlug}/speakers/${speaker.slug}`,
        home: `${origin}/`,
      }
      const shipped = await javaScriptShipped(origin, pages.oneDay)
      const inspected = {
        oneDay: await inspectPage(pages.oneDay),
        allDays: await inspectPage(pages.allDays),
        search: await inspectPage(pages.search),
        filters: await inspectPage(pages.filters),
        eventPage: await inspectPage(pages.eventPage),
        session: await inspectPage(pages.session),
        speaker: await inspectPage(pages.speaker),
        home: await inspectPage(pages.home),
      }
      const agendaTag = (await fetch(pages.oneDay, { headers: browser })).headers.get('ETag')

      const throughputOptions = (url: string, headers: Record<string, string> = {}, expectedStatus = 200) => ({
        url,
        connections,
        seconds,
        headers: { ...browser, ...headers },
        expectedStatus,
        timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
        server,
      })
      const measure = (label: string, url: string, headers: Record<string, string> = {}, expectedStatus = 200) =>
        measureThroughput(label, throughputOptions(url, headers, expectedStatus))
      const healthBefore = await measure('healthz', `${origin}/healthz`)
      // The ratio goals were set against a /healthz that went through the router and asked
      // the database; /readyz does exactly that now (/healthz answers ahead of the router).
      const readyBefore = await measure('readyz', `${origin}/readyz`)
      const measured = {
        oneDay: await measure('agenda, one day', pages.oneDay),
        allDays: await measure('agenda ?day=all', pages.allDays),
        search: await measure(`agenda ?q=${searchTerm}`, pages.search),
        filters: await measure('agenda ?track&kind', pages.filters),
        eventPage: await measure('event page', pages.eventPage),
        session: await measure('session page', pages.session),
        speaker: await measure('speaker page', pages.speaker),
        home: await measure('list of events', pages.home),
        revalidated: agendaTag
          ? await measure('agenda, If-None-Match', pages.oneDay, { 'If-None-Match': agendaTag }, 304)
          : { rps: 0, p99: 0, errors: 0 },
        signedIn: await measure('agenda, signed in', pages.oneDay, { Cookie: signedIn }),
        signedInVisitors: await measureThroughput('agenda, 500 signed in', { ...throughputOptions(pages.oneDay), visitors: signedInVisitors }),
        eventPageSignedIn: await measureThroughput('event page, 500 signed in', { ...throughputOptions(pages.eventPage), visitors: signedInVisitors }),
      }
      const readyAfter = await measure('readyz', `${origin}/readyz`)
      const healthAfter = await measure('healthz', `${origin}/healthz`)
      const health = (healthBefore.rps + healthAfter.rps) / 2
      const ready = (readyBefore.rps + readyAfter.rps) / 2
      const pageNames = {
        oneDay: 'agenda as it opens (one day)',
        allDays: 'agenda ?day=all',
        search: `agenda ?q=${searchTerm} (every day)`,
        filters: 'agenda, two tracks + breakouts',
        eventPage: 'event page',
        session: 'session page (breakout)',
        speaker: 'speaker page',
        home: 'list of events (home page)',
        revalidated: 'agenda as it opens, 304 from its ETag',
        signedIn: 'agenda as it opens, signed-in attendee',
        signedInVisitors: `agenda as it opens, ${signedInVisitors.length} signed-in people in turn`,
        eventPageSignedIn: `event page, ${signedInVisitors.length} signed-in people in turn`,
      }
      return {
        server: {
          provider,
          attendees,
          sessions,
          [`healthz req/s @${connections} (before / after)`]: `${Math.round(healthBefore.rps)} / ${Math.round(healthAfter.rps)}`,
          [`readyz req/s @${connections} (before / after)`]: `${Math.round(readyBefore.rps)} / ${Math.round(readyAfter.rps)}`,
          'server peak RSS MB': readPeakRssMb(server),
          [`agenda JS KB gz (${shipped.files} files)`]: shipped.javaScriptKb,
        },
        pages: Object.entries(pageNames).map(([key, name]) => {
          const page = key in inspected ? inspected[key as keyof typeof inspected] : null
          return {
            provider,
            page: name,
            'session cards': page?.sessions ?? '',
            [`req/s @${connections} (× healthz, p99, server CPU per response)`]: describeAgainstHealth(measured[key as keyof typeof measured], health, 3),
            '× readyz': `${(measured[key as keyof typeof measured].rps / ready).toFixed(2)}×`,
            'alone ms': page?.medianMs ?? '',
            'HTML KB (gzipped)': page ? `${page.htmlKb} (${page.gzippedKb})` : '',
          }
        }),
      }
    } finally {
      await stopServer(server)
    }
  } finally {
    await drop()
  }
}

/**
 * Adds parallel sessions to the demo's two days until the event has `target`: every room,
 * in 30-minute steps from 08:00 to 18:00 Brussels time, each in a track with an abstract and
 * one to three speakers (the demo's and 40 generated ones), a third of them sign-up
 * breakouts and a few cancelled, so the page renders what a large agenda has.
 */
async function growAgenda(db: Db, target: number) {
  const existing = await db.agendaSession.count({ where: { eventId } })
  const [rooms, tracks, demoSpeakers, event] = await Promise.all([
    db.room.findMany({ where: { eventId }, orderBy: { position: 'asc' }, select: { id: true } }),
    db.track.findMany({ where: { eventId }, orderBy: { position: 'asc' }, select: { id: true, name: true } }),
    db.speaker.findMany({ where: { eventId }, select: { id: true } }),
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { startsAt: true } }),
  ])
  const generatedSpeakers = Array.from({ length: 40 }, (_, index) => ({
    id: `bench-speaker-${index}`,
    eventId,
    slug: `bench-speaker-${index}`,
    name: `Speaker ${index} Example`,
    jobTitle: 'Programme Manager',
    organisationName: `Bench Systems ${index % 12}`,
    bio: 'Works on counter-UAS programmes.',
  }))
  await db.speaker.createMany({ data: generatedSpeakers })
  const speakerIds = [...demoSpeakers.map((s) => s.id), ...generatedSpeakers.map((s) => s.id)]
  const topics = ['radar cueing', 'RF detection', 'interceptor drones', 'jamming', 'C2 integration', 'supply chains', 'testing', 'training']
  // 08:00 in Brussels on both demo days, wherever the reference day put them.
  const dayStarts = ([1, 2] as const).map((day) => demoTimeline().eventDayTime(day, '08:00').getTime())
  const sessions = []
  const sessionSpeakers = []
  for (let index = 0; existing + sessions.length < target; index++) {
    const step = Math.floor(index / rooms.length)
    const day = step % 2
    const startsAt = new Date(dayStarts[day]! + (Math.floor(step / 2) % 20) * 30 * 60_000)
    const topic = topics[index % topics.length]!
    const track = tracks[index % tracks.length]!
    const id = `bench-session-${index}`
    const kind = index % 3 === 0 ? ('BREAKOUT' as const) : index % 3 === 1 ? ('PANEL' as const) : ('PLENARY' as const)
    sessions.push({
      id,
      eventId,
      slug: id,
      title: `${track.name}: ${topic}, part ${index + 1}`,
      abstract: `How ${topic} changes what buyers ask of industry, with lessons from recent trials and what comes next for ${track.name.toLowerCase()}.`,
      kind,
      trackId: track.id,
      roomId: rooms[index % rooms.length]!.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 25 * 60_000),
      capacity: kind === 'BREAKOUT' ? 40 : null,
      signUpRequired: kind === 'BREAKOUT',
      status: index % 40 === 39 ? ('CANCELLED' as const) : ('SCHEDULED' as const),
      cancelledAt: index % 40 === 39 ? event.startsAt : null,
      calendarUid: `${id}@bench.muster`,
    })
    for (let position = 0; position < 1 + (index % 3); position++) {
      sessionSpeakers.push({ sessionId: id, speakerId: speakerIds[(index * 7 + position * 13) % speakerIds.length]!, position })
    }
  }
  await db.agendaSession.createMany({ data: sessions })
  await db.sessionSpeaker.createMany({ data: sessionSpeakers })
}

/** One request at a time, five times: the median time, the session cards and the HTML's size. */
async function inspectPage(url: string) {
  const times: number[] = []
  let html = ''
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = performance.now()
    const response = await fetch(url)
    html = await response.text()
    times.push(performance.now() - started)
    if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  }
  times.sort((a, b) => a - b)
  return {
    medianMs: Math.round(times[2]!),
    sessions: html.match(/<article class="session/g)?.length ?? 0,
    htmlKb: Math.round(Buffer.byteLength(html) / 1024),
    gzippedKb: Number((gzipSync(Buffer.from(html)).length / 1024).toFixed(1)),
  }
}

/**
 * The module scripts the page loads: the modulepreload links and the imports of its inline
 * module scripts, each fetched and gzipped here (level 6, what compression() sends).
 */
async function javaScriptShipped(origin: string, page: string) {
  const html = await (await fetch(page)).text()
  const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]!)
  const inlineModules = [...html.matchAll(/<script type="module"[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!)
  const imports = inlineModules.flatMap((code) => [...code.matchAll(/import(?:[^"']*from)?\s*["']([^"']+\.js)["']/g)].map((match) => match[1]!))
  const files = [...new Set([...preloads, ...imports])]
  let bytes = 0
  for (const file of files) {
    const response = await fetch(new URL(file, origin))
    if (!response.ok) throw new Error(`${file} answered ${response.status}`)
    bytes += gzipSync(Buffer.from(await response.arrayBuffer())).length
  }
  return {
    files: files.length,
    javaScriptKb: Number((bytes / 1024).toFixed(1)),
  }
}
