// The public agenda's queries on the seeded demo Industry Day, on both engines: each filter
// keeps exactly the sessions it should (checked against the rows themselves), the agenda
// opens on one day (today's while the event runs) with every day's count, a search looks
// at every day unless a day was chosen, an unknown day is answered with a notice, the
// search finds speakers and their organisations ignoring case and accents, cancelled
// sessions stay listed, the order is the same on SQLite and PostgreSQL, the event page's
// summary counts each day and names its plenaries, and an unpublished event, its sessions
// and its speakers are not public. Then the route modules on SQLite: 404s, and a hostile
// query string answered with the agenda, never an error.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_DAYS, calendarDayKeys, unfilteredAgenda, type AgendaQuery } from '#app/domain/agenda/agenda.ts'
import { getPublicAgenda, getPublicAgendaSummary, getPublicSession, getPublicSpeaker } from '#app/domain/agenda/public-agenda.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { calendarDayParts } from '#app/lib/time.ts'
import type { loader as agendaLoader } from '#app/routes/events/agenda.tsx'
import type { loader as eventLoader } from '#app/routes/events/event.tsx'
import type { loader as sessionLoader } from '#app/routes/events/session.tsx'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demo, demoEventId, demoSlug, escapeRegExp, longDayPattern } from '#tests/support/demo.ts'
import { createEvent } from '#tests/support/fixtures.ts'
import { callRoute, type RouteAnswer } from '#tests/support/routes.ts'

const DEMO_SLUG = demoSlug
const DEMO_EVENT_ID = demoEventId

const DAY_ONE = demo.dayKey(1)
const DAY_TWO = demo.dayKey(2)
/** A week after the demo's last day: a day its agenda does not have. */
const NOT_A_DAY = calendarDayParts(new Date(demo.eventDayTime(2, '12:00').getTime() + 7 * 86_400_000), demo.timeZone).key
/** Before the demo event: its agenda opens on its first day. */
const BEFORE_THE_EVENT = demo.reference

/** Every day, no filters: the whole agenda. */
const everyDay: AgendaQuery = { ...unfilteredAgenda, day: ALL_DAYS }
const query = (filters: Partial<AgendaQuery>): AgendaQuery => ({ ...everyDay, ...filters })
const dayOf = calendarDayKeys('Europe/Brussels')
const token = () => randomBytes(4).toString('hex')

/** A session of the event; its slug and calendar UID are new each time. */
async function createSession(
  db: Db,
  eventId: string,
  fields: { title: string; startsAt: Date; minutes?: number; roomId?: string | null; trackId?: string | null } & Partial<{
    status: 'SCHEDULED' | 'CANCELLED'
    kind: 'PLENARY' | 'BREAKOUT'
    capacity: number | null
    signUpRequired: boolean
    seatsTaken: number
    abstract: string
  }>,
) {
  const slug = `session-${token()}`
  const { minutes = 60, startsAt, ...rest } = fields
  return db.agendaSession.create({
    data: {
      eventId,
      slug,
      kind: 'BREAKOUT',
      ...rest,
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
      calendarUid: `session-${slug}@muster.test`,
    },
    select: { id: true, slug: true },
  })
}

describe.each(providers)('public agenda on %s', (provider) => {
  let test: TestDatabase
  let db: Db

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  /** The demo's sessions straight from the rows, with what the filters look at. */
  function demoSessions() {
    return db.agendaSession.findMany({
      where: { eventId: DEMO_EVENT_ID },
      select: { slug: true, kind: true, status: true, startsAt: true, track: { select: { slug: true } }, room: { select: { name: true } } },
    })
  }
  const slugsOf = (sessions: { slug: string }[]) => sessions.map((s) => s.slug).sort()

  it('lists every session of the event in agenda order on all days, with the filter options', async () => {
    const agenda = await getPublicAgenda(db, DEMO_SLUG, everyDay)
    const rows = await demoSessions()
    expect(agenda).not.toBeNull()
    expect(agenda!.totalSessions).toBe(rows.length)
    expect(agenda!.sessions.map((s) => s.slug).sort()).toEqual(rows.map((r) => r.slug).sort())
    const order = agenda!.sessions.map((s) => [s.startsAt.getTime(), s.endsAt.getTime()])
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!))
    expect(agenda!.event.tracks.map((t) => t.slug)).toEqual(['plenary', 'detect-identify', 'defeat', 'integration-c2', 'industry-production', 'b2b'])
    expect(agenda!.event.rooms[0]).toEqual({ name: 'Plenary Hall', location: 'Main building, ground floor' })
    // What leaves the server: no ids, no sign-up counters, no calendar internals.
    expect(Object.keys(agenda!.event).sort()).toEqual(['endsAt', 'rooms', 'slug', 'startsAt', 'status', 'timeZone', 'title', 'tracks'])
    expect(Object.keys(agenda!.sessions[0]!).sort()).toEqual(
      ['abstract', 'capacity', 'endsAt', 'kind', 'room', 'signUpRequired', 'slug', 'speakers', 'startsAt', 'status', 'title', 'track'].sort(),
    )
    expect(Object.keys(agenda!.event.tracks[0]!).sort()).toEqual(['colour', 'name', 'slug'])
  })

  it('filters by track, room and kind, any value within a filter and every filter together', async () => {
    const rows = await demoSessions()

    const defeat = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['defeat'] }))
    expect(slugsOf(defeat!.sessions)).toEqual(slugsOf(rows.filter((r) => r.track?.slug === 'defeat')))
    expect(defeat!.sessions.length).toBe(2)

    const twoTracks = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['defeat', 'integration-c2'] }))
    expect(slugsOf(twoTracks!.sessions)).toEqual(slugsOf(rows.filter((r) => ['defeat', 'integration-c2'].includes(r.track?.slug ?? ''))))

    const room = await getPublicAgenda(db, DEMO_SLUG, query({ rooms: ['Breakout Room 2', 'Atrium'] }))
    expect(slugsOf(room!.sessions)).toEqual(slugsOf(rows.filter((r) => ['Breakout Room 2', 'Atrium'].includes(r.room?.name ?? ''))))

    const kinds = await getPublicAgenda(db, DEMO_SLUG, query({ kinds: ['PANEL', 'PLENARY'] }))
    expect(slugsOf(kinds!.sessions)).toEqual(slugsOf(rows.filter((r) => r.kind === 'PANEL' || r.kind === 'PLENARY')))

    const all = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['integration-c2'], kinds: ['BREAKOUT'], rooms: ['Breakout Room 3'] }))
    expect(slugsOf(all!.sessions)).toEqual(['c2-integration', 'testing-and-evaluation'])
    expect(all!.totalSessions).toBe(rows.length)
  })

  it('ignores tracks and rooms the event does not have, rather than showing nothing', async () => {
    const agenda = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['no-such-track'], rooms: ['Broom cupboard'] }))
    expect(agenda!.applied).toEqual(everyDay)
    expect(agenda!.sessions.length).toBe(agenda!.totalSessions)
    const partly = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['defeat', 'no-such-track'] }))
    expect(partly!.applied.tracks).toEqual(['defeat'])
    expect(partly!.sessions.length).toBe(2)
  })

  it('opens on the first day with every day’s count, or on today while the event runs', async () => {
    const rows = await demoSessions()
    const opening = await getPublicAgenda(db, DEMO_SLUG, unfilteredAgenda, BEFORE_THE_EVENT)
    expect(opening!.shownDay).toBe(DAY_ONE)
    expect(opening!.applied.day).toBeNull()
    expect(slugsOf(opening!.sessions)).toEqual(slugsOf(rows.filter((r) => dayOf(r.startsAt) === DAY_ONE)))
    expect(opening!.days.map((day) => [day.key, day.sessions])).toEqual([
      [DAY_ONE, rows.filter((r) => dayOf(r.startsAt) === DAY_ONE).length],
      [DAY_TWO, rows.filter((r) => dayOf(r.startsAt) === DAY_TWO).length],
    ])
    expect(opening!.matchingSessions).toBe(rows.length)
    expect(opening!.dayNotice).toBeNull()

    const duringDayTwo = await getPublicAgenda(db, DEMO_SLUG, unfilteredAgenda, demo.eventDayTime(2, '10:30'))
    expect(duringDayTwo!.shownDay).toBe(DAY_TWO)
    expect(duringDayTwo!.sessions.every((s) => dayOf(s.startsAt) === DAY_TWO)).toBe(true)
  })

  it('shows the day chosen, or every day, with the filters applied within it', async () => {
    const rows = await demoSessions()
    const dayTwo = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, day: DAY_TWO }, BEFORE_THE_EVENT)
    expect(dayTwo!.shownDay).toBe(DAY_TWO)
    expect(dayTwo!.applied.day).toBe(DAY_TWO)
    expect(slugsOf(dayTwo!.sessions)).toEqual(slugsOf(rows.filter((r) => dayOf(r.startsAt) === DAY_TWO)))

    const all = await getPublicAgenda(db, DEMO_SLUG, everyDay, BEFORE_THE_EVENT)
    expect(all!.shownDay).toBe(ALL_DAYS)
    expect(all!.sessions).toHaveLength(rows.length)

    // A filter with no day chosen stays on the opening day; the other day's count says what it holds.
    const plenaries = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, kinds: ['PLENARY'] }, BEFORE_THE_EVENT)
    const plenaryRows = rows.filter((r) => r.kind === 'PLENARY')
    expect(plenaries!.shownDay).toBe(DAY_ONE)
    expect(slugsOf(plenaries!.sessions)).toEqual(slugsOf(plenaryRows.filter((r) => dayOf(r.startsAt) === DAY_ONE)))
    expect(plenaries!.days.find((day) => day.key === DAY_TWO)?.sessions).toBe(plenaryRows.filter((r) => dayOf(r.startsAt) === DAY_TWO).length)
    expect(plenaries!.matchingSessions).toBe(plenaryRows.length)
  })

  it('searches every day when no day was chosen, and only the chosen day when one was', async () => {
    // Piotr Nowak speaks on day one (the panel) and day two (a breakout).
    const everywhere = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, q: 'nowak' }, BEFORE_THE_EVENT)
    expect(everywhere!.shownDay).toBe(ALL_DAYS)
    expect(everywhere!.applied.day).toBeNull()
    expect(slugsOf(everywhere!.sessions)).toEqual(['how-start-ups-get-procured', 'panel-prototype-to-production'])
    expect(everywhere!.days.map((day) => day.sessions)).toEqual([1, 1])

    const dayTwo = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, q: 'nowak', day: DAY_TWO }, BEFORE_THE_EVENT)
    expect(dayTwo!.sessions.map((s) => s.slug)).toEqual(['how-start-ups-get-procured'])
    expect(dayTwo!.matchingSessions).toBe(2)
  })

  it('answers a day the agenda does not have with the opening day (or every day, for a search) and a notice', async () => {
    const unknown = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, day: NOT_A_DAY }, BEFORE_THE_EVENT)
    expect(unknown!.shownDay).toBe(DAY_ONE)
    expect(unknown!.applied.day).toBeNull()
    expect(unknown!.dayNotice).toMatch(new RegExp(`^The agenda has no day ${NOT_A_DAY}, so it shows ${longDayPattern(1)}\\.$`))
    const searched = await getPublicAgenda(db, DEMO_SLUG, { ...unfilteredAgenda, q: 'lunch', day: NOT_A_DAY }, BEFORE_THE_EVENT)
    expect(searched!.shownDay).toBe(ALL_DAYS)
    expect(slugsOf(searched!.sessions)).toEqual(['lunch-day-1', 'lunch-day-2'])
    expect(searched!.dayNotice).toBe(`The agenda has no day ${NOT_A_DAY}, so it shows every day.`)
  })

  it('offers a day a session was placed on outside the event’s days', async () => {
    // The test event is on 24 March 2027 alone.
    const event = await createEvent(db)
    const { slug } = await createSession(db, event.id, { title: 'Pre-event dinner', startsAt: new Date('2027-03-23T18:00:00Z') })
    const agenda = await getPublicAgenda(db, event.slug, everyDay)
    expect(agenda!.days.map((day) => [day.key, day.sessions])).toEqual([
      ['2027-03-23', 1],
      ['2027-03-24', 0],
    ])
    const dinnerDay = await getPublicAgenda(db, event.slug, { ...unfilteredAgenda, day: '2027-03-23' })
    expect(dinnerDay!.sessions.map((s) => s.slug)).toEqual([slug])
    // It opens on the event's own day, even though that day has no sessions yet.
    expect((await getPublicAgenda(db, event.slug, unfilteredAgenda, BEFORE_THE_EVENT))!.shownDay).toBe('2027-03-24')
  })

  it('summarises each day for the event page: counts by kind and its first plenaries and panels', async () => {
    const rows = await demoSessions()
    const event = await db.event.findUniqueOrThrow({ where: { id: DEMO_EVENT_ID }, select: { id: true, startsAt: true, endsAt: true, timeZone: true } })
    const days = await getPublicAgendaSummary(db, event)
    expect(days.map((day) => day.key)).toEqual([DAY_ONE, DAY_TWO])
    for (const day of days) {
      const onDay = rows.filter((r) => dayOf(r.startsAt) === day.key)
      expect(day.sessions).toBe(onDay.length)
      expect(day.sessionsByKind.BREAKOUT ?? 0).toBe(onDay.filter((r) => r.kind === 'BREAKOUT').length)
      expect(day.highlights.length).toBeLessThanOrEqual(3)
      expect(day.highlights.every((s) => (s.kind === 'PLENARY' || s.kind === 'PANEL') && s.status === 'SCHEDULED')).toBe(true)
    }
    expect(days[0]!.highlights.map((s) => s.slug)).toEqual(['opening-address', 'eastern-flank-air-defence', 'counter-uas-package-of-measures'])
    expect(days[1]!.highlights.map((s) => s.slug)).toEqual(['breakout-read-outs', 'closing-remarks'])
    // A highlight is a full card: speakers included, nothing of sign-ups or calendars.
    expect(days[0]!.highlights[0]!.speakers[0]?.speaker.slug).toBe('ingrid-halvorsen')
    expect(Object.keys(days[0]!.highlights[0]!).sort()).toEqual(
      ['abstract', 'capacity', 'endsAt', 'kind', 'room', 'signUpRequired', 'slug', 'speakers', 'startsAt', 'status', 'title', 'track'].sort(),
    )
  })

  it('searches titles, abstracts, speaker names and organisations, ignoring case and accents', async () => {
    const slugsFor = async (q: string, filters: Partial<AgendaQuery> = {}) =>
      (await getPublicAgenda(db, DEMO_SLUG, query({ ...filters, q })))!.sessions.map((s) => s.slug).sort()
    // Stefan Krüger chairs the kinetic breakout; typed without the umlaut.
    expect(await slugsFor('kruger')).toEqual(['defeat-kinetic'])
    expect(await slugsFor('RHENWALD')).toEqual(['defeat-kinetic'])
    // Piotr Nowak speaks in the panel and in a breakout; his agency is named too.
    expect(await slugsFor('Polish Defence Acquisition')).toEqual(['how-start-ups-get-procured', 'panel-prototype-to-production'])
    expect(await slugsFor('jamming spoofing')).toEqual(['defeat-rf-electronic-warfare'])
    expect(await slugsFor('lunch')).toEqual(['lunch-day-1', 'lunch-day-2'])
    // Search and filters together.
    expect(await slugsFor('nowak', { kinds: ['PANEL'] })).toEqual(['panel-prototype-to-production'])
    expect(await slugsFor('nothing-like-this-anywhere')).toEqual([])
  })

  it('keeps cancelled sessions in the list, marked cancelled', async () => {
    const { slug } = await createSession(db, DEMO_EVENT_ID, {
      title: 'Directed energy briefing (cancelled)',
      startsAt: demo.eventDayTime(2, '13:00'),
      status: 'CANCELLED',
      trackId: 'seed-track-defeat',
    })
    const agenda = await getPublicAgenda(db, DEMO_SLUG, query({ tracks: ['defeat'] }))
    expect(agenda!.sessions.find((s) => s.slug === slug)?.status).toBe('CANCELLED')
    expect((await getPublicSession(db, DEMO_SLUG, slug))?.session.status).toBe('CANCELLED')
    await db.agendaSession.delete({ where: { eventId_slug: { eventId: DEMO_EVENT_ID, slug } } })
  })

  it('orders parallel sessions by room, sessions without a room last, then by title', async () => {
    const event = await createEvent(db)
    const [first, second] = await Promise.all([
      db.room.create({ data: { eventId: event.id, name: 'First room', position: 0 }, select: { id: true } }),
      db.room.create({ data: { eventId: event.id, name: 'Second room', position: 1 }, select: { id: true } }),
    ])
    const nine = new Date('2027-03-24T08:00:00Z')
    await createSession(db, event.id, { title: 'No room', startsAt: nine, roomId: null })
    await createSession(db, event.id, { title: 'B in second room', startsAt: nine, roomId: second.id })
    await createSession(db, event.id, { title: 'A in second room', startsAt: nine, roomId: second.id })
    await createSession(db, event.id, { title: 'First room', startsAt: nine, roomId: first.id })
    await createSession(db, event.id, { title: 'Short, first room', startsAt: nine, minutes: 30, roomId: second.id })
    await createSession(db, event.id, { title: 'Earlier', startsAt: new Date('2027-03-24T07:00:00Z'), roomId: null })
    const agenda = await getPublicAgenda(db, event.slug, everyDay)
    expect(agenda!.sessions.map((s) => s.title)).toEqual([
      'Earlier',
      'Short, first room',
      'First room',
      'A in second room',
      'B in second room',
      'No room',
    ])
  })

  it('shows a session with its place and speakers, and nothing of its sign-ups', async () => {
    const event = await createEvent(db)
    const room = await db.room.create({
      data: { eventId: event.id, name: 'Room 7', capacity: 30, location: 'Level 3' },
      select: { id: true },
    })
    const speaker = await db.speaker.create({
      data: { eventId: event.id, slug: `speaker-${token()}`, name: 'Ada Example', organisationName: 'Example Labs' },
      select: { id: true, slug: true },
    })
    const { id, slug } = await createSession(db, event.id, {
      title: 'Small workshop',
      startsAt: new Date('2027-03-24T13:00:00Z'),
      roomId: room.id,
      capacity: 12,
      signUpRequired: true,
      seatsTaken: 12,
    })
    await db.sessionSpeaker.create({ data: { sessionId: id, speakerId: speaker.id, role: 'Chair' } })

    const found = await getPublicSession(db, event.slug, slug)
    expect(found?.sessionId).toBe(id)
    expect(found?.session.room).toEqual({ name: 'Room 7', location: 'Level 3' })
    expect(found?.session.speakers).toEqual([
      { role: 'Chair', speaker: { slug: speaker.slug, name: 'Ada Example', jobTitle: null, organisationName: 'Example Labs' } },
    ])
    expect(found?.session.event).toEqual({ slug: event.slug, title: 'Test Industry Day', timeZone: 'Europe/Brussels', status: 'PUBLISHED' })
    expect(Object.keys(found!.session).sort()).toEqual(
      ['abstract', 'capacity', 'endsAt', 'event', 'kind', 'room', 'signUpRequired', 'slug', 'speakers', 'startsAt', 'status', 'title', 'track'].sort(),
    )
    expect(await getPublicSession(db, event.slug, 'no-such-session')).toBeNull()
    expect(await getPublicSession(db, 'no-such-event', slug)).toBeNull()
  })

  it('shows a speaker with their sessions in agenda order, and only a safe photo address', async () => {
    const speaker = await getPublicSpeaker(db, DEMO_SLUG, 'piotr-nowak')
    expect(speaker).toMatchObject({ name: 'Piotr Nowak', organisationName: 'Polish Defence Acquisition Office', photoUrl: null })
    expect(speaker!.sessions.map((s) => s.slug)).toEqual(['panel-prototype-to-production', 'how-start-ups-get-procured'])
    // The speaker's account and organisation links stay on the server.
    expect(Object.keys(speaker!).sort()).toEqual(['bio', 'event', 'jobTitle', 'name', 'organisationName', 'photoUrl', 'sessions', 'slug'])

    const event = await createEvent(db)
    const photos = {
      'https://cdn.example.org/ada.jpg': 'https://cdn.example.org/ada.jpg',
      '/uploads/ada.png': '/uploads/ada.png',
      'javascript:alert(1)': null,
      '//evil.example/ada.jpg': null,
      'data:image/svg+xml,<svg onload=alert(1)>': null,
    }
    for (const [photoUrl, shown] of Object.entries(photos)) {
      const slug = `speaker-${token()}`
      await db.speaker.create({ data: { eventId: event.id, slug, name: 'Ada Example', photoUrl }, select: { id: true } })
      const found = await getPublicSpeaker(db, event.slug, slug)
      expect(found?.photoUrl, photoUrl).toBe(shown)
      expect(found?.sessions).toEqual([])
    }
    expect(await getPublicSpeaker(db, DEMO_SLUG, 'no-such-speaker')).toBeNull()
  })

  it('keeps an unpublished event, its sessions and its speakers private, and shows a cancelled one', async () => {
    const event = await createEvent(db)
    const { slug } = await createSession(db, event.id, { title: 'Secret session', startsAt: new Date('2027-03-24T09:00:00Z') })
    await db.speaker.create({ data: { eventId: event.id, slug: 'secret-speaker', name: 'Secret Speaker' }, select: { id: true } })
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    expect(await getPublicAgenda(db, event.slug, everyDay)).toBeNull()
    expect(await getPublicSession(db, event.slug, slug)).toBeNull()
    expect(await getPublicSpeaker(db, event.slug, 'secret-speaker')).toBeNull()

    await db.event.update({ where: { id: event.id }, data: { status: 'CANCELLED' } })
    const cancelled = await getPublicAgenda(db, event.slug, everyDay)
    expect(cancelled?.event.status).toBe('CANCELLED')
    expect(cancelled?.sessions.map((s) => s.title)).toEqual(['Secret session'])
    expect(await getPublicAgenda(db, 'no-such-event', everyDay)).toBeNull()
  })
})

describe('agenda, event, session and speaker routes on sqlite', () => {
  let test: TestDatabase
  const agendaRoute = 'routes/events/agenda.tsx'
  const eventRoute = 'routes/events/event.tsx'
  const sessionRoute = 'routes/events/session.tsx'
  const speakerRoute = 'routes/events/speaker.tsx'

  beforeAll(async () => {
    test = await createTestDatabase('sqlite')
    await seedDatabase(test.db)
    // The app's env and db accessor read DATABASE_URL when first imported.
    process.env.DATABASE_URL = test.url
  })
  afterAll(async () => {
    const { db: appDb } = await import('#app/lib/db.server.ts')
    await appDb.$disconnect()
    await test?.cleanup()
  })

  /** What the server answers an anonymous GET of `path`, served by the route module `file`. */
  function get(file: string, path: string, params: Record<string, string>) {
    return callRoute(file, 'loader', new Request(`http://localhost${path}`), params)
  }

  /** The data of a loader that answered 200. */
  function loaded<Loader extends (...args: never[]) => unknown>(answer: RouteAnswer) {
    expect(answer.status).toBe(200)
    return answer.data as Awaited<ReturnType<Loader>>
  }

  it('answers 404 for an unknown event, session or speaker', async () => {
    expect((await get(agendaRoute, '/events/nope/agenda', { slug: 'nope' })).status).toBe(404)
    expect((await get(sessionRoute, `/events/${DEMO_SLUG}/sessions/nope`, { slug: DEMO_SLUG, sessionSlug: 'nope' })).status).toBe(404)
    expect((await get(speakerRoute, `/events/${DEMO_SLUG}/speakers/nope`, { slug: DEMO_SLUG, speakerSlug: 'nope' })).status).toBe(404)
    expect((await get(speakerRoute, '/events/nope/speakers/piotr-nowak', { slug: 'nope', speakerSlug: 'piotr-nowak' })).status).toBe(404)
  })

  it('answers a hostile query string with the agenda and a clear message, never an error', async () => {
    const hostile = [
      `q=${'%F0%9F%92%A3'.repeat(200)}`,
      'q=%00%27%3B+DROP+TABLE+%22AgendaSession%22%3B--',
      'track=%27+OR+1%3D1--&room=%3Cscript%3E&kind=__proto__',
      'kind[]=PANEL&track[]=defeat&q[]=x',
      'q=%E0%A4%A', // a broken percent-escape
      'day=..%2F..%2Fetc&day=all',
      'day[]=2027-03-24',
      `day=${'9'.repeat(5000)}`,
      'day=2027-02-30',
      'day=%3Cscript%3E',
    ]
    for (const search of hostile) {
      const result = loaded<typeof agendaLoader>(await get(agendaRoute, `/events/${DEMO_SLUG}/agenda?${search}`, { slug: DEMO_SLUG }))
      expect(result.event.slug, search).toBe(DEMO_SLUG)
    }
    const tooLong = loaded<typeof agendaLoader>(await get(agendaRoute, `/events/${DEMO_SLUG}/agenda?q=${'a'.repeat(150)}&day=all`, { slug: DEMO_SLUG }))
    expect(tooLong.notices).toEqual(['The search was longer than 100 characters, so it was not applied.'])
    expect(tooLong.sessions.length).toBe(tooLong.totalSessions)
    const notADate = loaded<typeof agendaLoader>(await get(agendaRoute, `/events/${DEMO_SLUG}/agenda?day=%3Cscript%3E&kind=PLENARY`, { slug: DEMO_SLUG }))
    expect(notADate.notices).toEqual(['The day in the address is not a date, so it was not applied.'])
    expect(notADate.shownDay).toBe(DAY_ONE)
    expect(notADate.applied).toEqual({ ...unfilteredAgenda, kinds: ['PLENARY'] })
    const noSuchDay = loaded<typeof agendaLoader>(await get(agendaRoute, `/events/${DEMO_SLUG}/agenda?day=${NOT_A_DAY}`, { slug: DEMO_SLUG }))
    expect(noSuchDay.notices).toEqual([expect.stringMatching(new RegExp(`^The agenda has no day ${NOT_A_DAY}, so it shows ${longDayPattern(1)}\\.$`))])
    const injection = loaded<typeof agendaLoader>(await get(agendaRoute, `/events/${DEMO_SLUG}/agenda?${hostile[1]}`, { slug: DEMO_SLUG }))
    expect(injection.sessions).toEqual([])
    expect(await test.db.agendaSession.count()).toBe(injection.totalSessions)
  })

  it('gives the event page a summary of each day instead of every session', async () => {
    const page = loaded<typeof eventLoader>(await get(eventRoute, `/events/${DEMO_SLUG}`, { slug: DEMO_SLUG }))
    expect(page.agendaDays.map((day) => day.key)).toEqual([DAY_ONE, DAY_TWO])
    expect(page.agendaDays.reduce((sum, day) => sum + day.sessions, 0)).toBe(await test.db.agendaSession.count({ where: { eventId: DEMO_EVENT_ID } }))
    expect(page.agendaDays.flatMap((day) => day.highlights).length).toBeLessThanOrEqual(6)
    expect('sessions' in page.event).toBe(false)
    expect((await get(eventRoute, '/events/nope', { slug: 'nope' })).status).toBe(404)
  })

  it('gives the session page its calendar links and, for a sign-up session, the sign-up panel', async () => {
    const breakout = loaded<typeof sessionLoader>(await get(sessionRoute, `/events/${DEMO_SLUG}/sessions/defeat-kinetic`, { slug: DEMO_SLUG, sessionSlug: 'defeat-kinetic' }))
    expect(breakout.calendarLinks.agenda.https).toMatch(new RegExp(`/events/${escapeRegExp(DEMO_SLUG)}/calendar\\.ics$`))
    expect(breakout.calendarLinks.tracks.map((t) => t.slug)).toEqual(['defeat'])
    const seated = await test.db.sessionEnrolment.count({ where: { session: { slug: 'defeat-kinetic' }, status: 'ENROLLED' } })
    const waiting = await test.db.sessionEnrolment.count({ where: { session: { slug: 'defeat-kinetic' }, status: 'WAITLISTED' } })
    // Seen signed out: the seats, and no viewer; the session's id does not leave the server.
    expect(breakout.signUp).toEqual({ capacity: 50, seatsLeft: Math.max(0, 50 - seated), waiting, closedReason: null, viewer: null })
    const plenary = loaded<typeof sessionLoader>(await get(sessionRoute, `/events/${DEMO_SLUG}/sessions/opening-address`, { slug: DEMO_SLUG, sessionSlug: 'opening-address' }))
    expect(plenary.signUp).toBeNull()
    expect(plenary.calendarLinks.tracks.map((t) => t.slug)).toEqual(['plenary'])
  })
})
