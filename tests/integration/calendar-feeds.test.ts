// Calendar feeds and downloads on the seeded demo Industry Day (two days in Brussels),
// fetched through the real route modules and read back with ical.js and node-ical: what is
// in each feed, that items keep the emailed invites' UID and SEQUENCE, conditional GETs,
// cancellations, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { eventFeedPath, meetingDownloadPath, personalFeedPath, sessionDownloadPath, trackFeedPath } from '#app/lib/calendar-paths.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { demo, demoEventId, demoSlug, escapeRegExp } from '#tests/support/demo.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { createAgenda, feedToken } from '#tests/support/feed-fixtures.ts'
import { contentLines, eventBlocks, readWithIcalJs, readWithNodeIcal, type ReadBackEvent } from '#tests/support/icalendar.ts'
import { callRoute } from '#tests/support/routes.ts'
import { holdSqliteWriteLock } from '#tests/support/sqlite-lock.ts'

const DEMO_EVENT_ID = demoEventId
const DEMO_SLUG = demoSlug
/** The moment the seeded rows describe. */
const DATASET_AS_OF = demo.asOf
const ORGANISER_CONTACT = 'industry-day@defence-investment.example'
const KADRI = 'kadri.tamm@hornet.example'
const PIOTR = 'piotr.nowak@pdao.example'
const DAY_MS = 24 * 60 * 60 * 1000
const personalRoute = 'routes/calendar/feeds.$file.ts'
const eventRoute = 'routes/calendar/event[.]ics.ts'
const trackRoute = 'routes/calendar/track[.]ics.ts'
const sessionRoute = 'routes/calendar/session[.]ics.ts'
const meetingRoute = 'routes/calendar/meeting[.]ics.ts'

let database: TestDatabase
let db: Db
let invites: typeof import('#app/domain/calendar/calendar.server.ts')
let feeds: typeof import('#app/domain/calendar/feeds.server.ts')
let env: (typeof import('#app/lib/env.server.ts'))['env']
let sessions: typeof import('#app/lib/session.server.ts')

beforeAll(async () => {
  database = await createTestDatabase('sqlite')
  db = database.db
  await seedDatabase(db)
  // The app's env and db accessor read DATABASE_URL when first imported: point them here
  // before importing anything that uses them.
  process.env.DATABASE_URL = database.url
  env = (await import('#app/lib/env.server.ts')).env
  invites = await import('#app/domain/calendar/calendar.server.ts')
  feeds = await import('#app/domain/calendar/feeds.server.ts')
  sessions = await import('#app/lib/session.server.ts')
})
afterAll(async () => {
  const { db: appDb } = await import('#app/lib/db.server.ts')
  await appDb.$disconnect()
  await database?.cleanup()
})

// ---------- Helpers ----------

/** What the server answers a GET of `path`, served by the route module `file`. */
function get(file: string, path: string, params: Record<string, string>, headers: HeadersInit = {}) {
  return callRoute(file, 'loader', new Request(`http://localhost${path}`, { headers }), params)
}

async function userId(email: string) {
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
}

/** A new feed link for the person; the token is the last path segment of its address. */
async function newFeedToken(id: string) {
  return feedToken(await feeds.createFeedLink(db, id))
}

function fetchPersonalFeed(token: string, headers: HeadersInit = {}) {
  return get(personalRoute, personalFeedPath(token), { file: `${token}.ics` }, headers)
}

async function renderPersonalFeed(token: string, now: Date) {
  const feed = await feeds.personalFeed(db, token, now)
  if (!feed) throw new Error('The token opened no feed')
  return (await feed.render()).ics
}

/** Every address written anywhere in the file (UIDs look like addresses but are not). */
const emailsIn = (ics: string) =>
  new Set(
    contentLines(ics)
      .filter((line) => !line.startsWith('UID:'))
      .join('\n')
      .match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [],
  )

const byUid = (events: ReadBackEvent[]) => new Map(events.map((event) => [event.uid, event]))

/**
 * The UIDs a person's feed must hold on the demo event at `now`, worked out directly from
 * their registration's rows: the event, plenaries and panels, enrolled breakouts, and their
 * meetings (cancelled ones for 30 days).
 */
async function expectedDemoItems(id: string, now: Date) {
  const registration = await db.registration.findFirstOrThrow({
    where: { userId: id, eventId: DEMO_EVENT_ID, status: 'APPROVED' },
    select: { id: true, calendarUid: true },
  })
  const everyone = await db.agendaSession.findMany({
    where: { eventId: DEMO_EVENT_ID, kind: { in: ['PLENARY', 'PANEL'] }, signUpRequired: false },
    select: { id: true, calendarUid: true },
  })
  const enrolled = await db.sessionEnrolment.findMany({
    where: { registrationId: registration.id, status: 'ENROLLED' },
    select: { session: { select: { id: true, calendarUid: true } } },
  })
  const meetings = await db.meetingParticipant.findMany({
    where: { userId: id },
    select: { meeting: { select: { id: true, calendarUid: true, status: true, cancelledAt: true } } },
  })
  const recentMeetings = meetings
    .map(({ meeting }) => meeting)
    .filter((meeting) => meeting.status === 'CONFIRMED' || (meeting.cancelledAt && meeting.cancelledAt.getTime() >= now.getTime() - 30 * DAY_MS))
  return {
    registration,
    sessions: [...everyone, ...enrolled.map((enrolment) => enrolment.session)],
    meetings: recentMeetings,
    uids: new Set([
      registration.calendarUid,
      ...everyone.map((session) => session.calendarUid),
      ...enrolled.map((enrolment) => enrolment.session.calendarUid),
      ...recentMeetings.map((meeting) => meeting.calendarUid),
    ]),
  }
}

/** Only the organiser's contact may appear, never an attendee. */
function expectNoAttendeeData(ics: string) {
  expect(contentLines(ics).some((line) => line.startsWith('ATTENDEE'))).toBe(false)
  expect([...emailsIn(ics)].every((email) => email === ORGANISER_CONTACT)).toBe(true)
}

/** Both parsers agree with each other and with the stored instants, and every TZID has its VTIMEZONE. */
function expectReadableByBothParsers(ics: string) {
  const calendar = readWithIcalJs(ics)
  const viaNodeIcal = new Map(readWithNodeIcal(ics).map((event) => [event.uid, event]))
  expect(viaNodeIcal.size).toBe(calendar.events.length)
  for (const event of calendar.events) {
    expect(viaNodeIcal.get(event.uid)?.start, event.uid).toEqual(event.start)
    expect(viaNodeIcal.get(event.uid)?.end, event.uid).toEqual(event.end)
    if (event.startTzid) expect(calendar.timezoneIds).toContain(event.startTzid)
  }
  return calendar
}

// ---------- Personal feed ----------

describe('the personal feed', () => {
  it("holds exactly the owner's items, with the emailed invites' UID and SEQUENCE, at the stored instants", async () => {
    const kadri = await userId(KADRI)
    const token = await newFeedToken(kadri)
    const expected = await expectedDemoItems(kadri, DATASET_AS_OF)
    const ics = await renderPersonalFeed(token, DATASET_AS_OF)
    const calendar = expectReadableByBothParsers(ics)

    expect(calendar.method).toBe('PUBLISH')
    expect(calendar.timezoneIds).toEqual(['Europe/Brussels'])
    expect(new Set(calendar.events.map((event) => event.uid))).toEqual(expected.uids)
    expect(calendar.events.length).toBe(expected.uids.size)
    const events = byUid(calendar.events)

    const eventEntry = readWithIcalJs((await invites.eventInvite(db, { registrationId: expected.registration.id, method: 'REQUEST' })).ics).events[0]!
    expect(events.get(eventEntry.uid)).toMatchObject({ sequence: eventEntry.sequence, start: eventEntry.start, end: eventEntry.end, status: 'CONFIRMED' })

    for (const session of expected.sessions) {
      const invite = readWithIcalJs((await invites.sessionInvite(db, { sessionId: session.id, userId: kadri, method: 'REQUEST' })).ics).events[0]!
      const row = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: { startsAt: true, endsAt: true } })
      expect(events.get(invite.uid), session.calendarUid).toMatchObject({
        sequence: invite.sequence,
        start: row.startsAt,
        end: row.endsAt,
        summary: invite.summary,
        startTzid: 'Europe/Brussels',
        status: 'CONFIRMED',
      })
    }

    for (const meeting of expected.meetings) {
      const method = meeting.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST'
      const invite = readWithIcalJs((await invites.meetingInvite(db, { eventId: DEMO_EVENT_ID, meetingId: meeting.id, userId: kadri, method })).ics).events[0]!
      expect(events.get(invite.uid), meeting.calendarUid).toMatchObject({
        sequence: invite.sequence,
        start: invite.start,
        end: invite.end,
        summary: invite.summary,
        status: meeting.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
      })
    }
    // The demo's story: a meeting with Piotr Nowak, and one Richard Ashworth cancelled.
    expect(calendar.events.some((event) => event.summary.startsWith('B2B meeting: Piotr Nowak') && event.status === 'CONFIRMED')).toBe(true)
    expect(calendar.events.some((event) => event.summary.startsWith('B2B meeting: Richard Ashworth') && event.status === 'CANCELLED')).toBe(true)

    const lines = contentLines(ics)
    expect(lines).toContain('X-WR-CALNAME:My agenda (Muster)')
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
    expect(lines).toContain('X-PUBLISHED-TTL:PT1H')
    expectNoAttendeeData(ics)
  })

  it("shows nothing that is only another attendee's", async () => {
    const [kadri, piotr] = [await userId(KADRI), await userId(PIOTR)]
    const kadriUids = new Set(readWithIcalJs(await renderPersonalFeed(await newFeedToken(kadri), DATASET_AS_OF)).events.map((e) => e.uid))
    const piotrUids = new Set(readWithIcalJs(await renderPersonalFeed(await newFeedToken(piotr), DATASET_AS_OF)).events.map((e) => e.uid))
    const [kadriExpected, piotrExpected] = [await expectedDemoItems(kadri, DATASET_AS_OF), await expectedDemoItems(piotr, DATASET_AS_OF)]

    expect(kadriUids).toEqual(kadriExpected.uids)
    expect(piotrUids).toEqual(piotrExpected.uids)
    const onlyPiotrs = [...piotrExpected.uids].filter((uid) => !kadriExpected.uids.has(uid))
    const onlyKadris = [...kadriExpected.uids].filter((uid) => !piotrExpected.uids.has(uid))
    // Each has a registration, breakouts and meetings of their own; they share the plenaries and one meeting.
    expect(onlyPiotrs.length).toBeGreaterThanOrEqual(4)
    expect(onlyKadris.length).toBeGreaterThanOrEqual(5)
    for (const uid of onlyPiotrs) expect(kadriUids.has(uid), uid).toBe(false)
    for (const uid of onlyKadris) expect(piotrUids.has(uid), uid).toBe(false)
    expect(kadriUids.has('meeting-00001@muster.demo') && piotrUids.has('meeting-00001@muster.demo')).toBe(true)
  })

  it('is served inline with validators, is byte-identical on the next fetch, and answers 304 to a conditional GET', async () => {
    const token = await newFeedToken(await userId(KADRI))
    const first = await fetchPersonalFeed(token)
    expect(first.status).toBe(200)
    expect(first.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(first.headers.get('Content-Disposition')).toBe('inline; filename="muster-agenda.ics"')
    expect(first.headers.get('Cache-Control')).toBe('private, no-cache')
    expect(first.headers.get('Vary')).toBe('Accept-Encoding')
    const etag = first.headers.get('ETag')!
    const lastModified = first.headers.get('Last-Modified')!
    expect(etag).toMatch(/^"[\w-]{43}"$/)
    expect(new Date(lastModified).toUTCString()).toBe(lastModified)
    const body = await first.response.text()

    const second = await fetchPersonalFeed(token)
    expect(second.headers.get('ETag')).toBe(etag)
    expect(await second.response.text()).toBe(body)

    const conditions: Record<string, string>[] = [{ 'If-None-Match': etag }, { 'If-None-Match': `"stale", W/${etag}` }, { 'If-Modified-Since': lastModified }]
    for (const headers of conditions) {
      const notModified = await fetchPersonalFeed(token, headers)
      expect(notModified.status, JSON.stringify(headers)).toBe(304)
      expect(await notModified.response.text()).toBe('')
      expect(notModified.headers.get('ETag')).toBe(etag)
      expect(notModified.headers.get('Cache-Control')).toBe('private, no-cache')
      expect(notModified.headers.get('Vary')).toBe('Accept-Encoding')
    }
    // If-None-Match decides when present, even if If-Modified-Since alone would have matched.
    expect((await fetchPersonalFeed(token, { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified })).status).toBe(200)
  })

  it('gives a guessed, revoked, replaced or malformed token the same 404', async () => {
    const kadri = await userId(KADRI)
    const revoked = await newFeedToken(kadri)
    await feeds.revokeFeedLinks(db, kadri)
    const replaced = await newFeedToken(kadri)
    const working = await newFeedToken(kadri)
    expect((await fetchPersonalFeed(working)).status).toBe(200)

    const answers = await Promise.all(
      [
        'abcdefghijklmnopqrstuvwxyz234567', // well-formed, never issued
        revoked,
        replaced,
        'not-a-token',
        revoked.toUpperCase(),
        `${revoked}x`,
      ].map((token) => get(personalRoute, `/calendar/feeds/${token}.ics`, { file: `${token}.ics` })),
    )
    answers.push(await get(personalRoute, `/calendar/feeds/${revoked}`, { file: revoked }))
    const shapes = await Promise.all(answers.map(async (answer) => ({ status: answer.status, headers: [...answer.headers], body: await answer.response.text() })))
    // The root middleware adds no-referrer to every answer under /calendar/feeds/ (the path carries the token).
    expect(shapes[0]).toEqual({
      status: 404,
      headers: [
        ['cache-control', 'no-store'],
        ['content-type', 'text/plain; charset=utf-8'],
        ['referrer-policy', 'no-referrer'],
      ],
      body: 'Not found\n',
    })
    for (const shape of shapes) expect(shape).toEqual(shapes[0])
  })

  it("stops working when the person's account is erased", async () => {
    const person = await createUser(db, 'Soon Erased')
    const token = await newFeedToken(person.id)
    expect((await fetchPersonalFeed(token)).status).toBe(200)
    await db.user.update({ where: { id: person.id }, data: { erasedAt: new Date() } })
    expect((await fetchPersonalFeed(token)).status).toBe(404)
  })

  it('remembers when a calendar app last fetched it, writing at most once an hour', async () => {
    const person = await createUser(db, 'Polling Person')
    const token = await newFeedToken(person.id)
    expect(await feeds.listFeedLinks(db, person.id)).toEqual([{ createdAt: expect.any(Date), lastUsedAt: null }])
    const polled = new Date('2027-01-10T08:00:00Z')
    await feeds.personalFeed(db, token, polled)
    await feeds.personalFeed(db, token, new Date(polled.getTime() + 30 * 60_000))
    expect((await feeds.listFeedLinks(db, person.id))[0]!.lastUsedAt).toEqual(polled)
    await feeds.personalFeed(db, token, new Date(polled.getTime() + 61 * 60_000))
    expect((await feeds.listFeedLinks(db, person.id))[0]!.lastUsedAt).toEqual(new Date(polled.getTime() + 61 * 60_000))
  })

  it('answers a poll while another process holds the database, leaving "last fetched" for the next poll', async () => {
    const person = await createUser(db, 'Polling During A Lock')
    const token = await newFeedToken(person.id)
    const impatient = await createDbClient(database.url, { sqliteBusyTimeoutMs: 50 })
    const polled = new Date('2027-01-10T08:00:00Z')
    const release = await holdSqliteWriteLock(database.url)
    try {
      const feed = await feeds.personalFeed(impatient, token, polled)
      expect(feed?.etag).toMatch(/^"[\w-]+"$/)
      expect((await feed!.render()).ics).toContain('BEGIN:VCALENDAR')
    } finally {
      await release()
    }
    expect((await feeds.listFeedLinks(db, person.id))[0]!.lastUsedAt).toBeNull()
    await feeds.personalFeed(impatient, token, polled)
    expect((await feeds.listFeedLinks(db, person.id))[0]!.lastUsedAt).toEqual(polled)
    await impatient.$disconnect()
  })
})

// ---------- Changes and cancellations, on an event of the test's own ----------

describe('changes and cancellations in the personal feed', () => {
  it('keeps UIDs across an edit, raises the SEQUENCE, moves the instant and changes the ETag', async () => {
    const agenda = await createAgenda(db, newFeedToken)
    const before = await fetchPersonalFeed(agenda.token)
    const beforeEvents = byUid(readWithIcalJs(await before.response.text()).events)
    expect([...beforeEvents.keys()].sort()).toEqual(
      [agenda.registration.calendarUid, agenda.plenary.calendarUid, agenda.breakout.calendarUid, agenda.meeting.calendarUid].sort(),
    )

    // What the agenda editor does when a session moves: new time, higher sequence, in one update.
    const movedStart = new Date('2027-03-24T08:45:00Z')
    await db.agendaSession.update({
      where: { id: agenda.plenary.id },
      data: { startsAt: movedStart, endsAt: new Date(movedStart.getTime() + 30 * 60_000), calendarSequence: { increment: 1 } },
    })
    const after = await fetchPersonalFeed(agenda.token, { 'If-None-Match': before.headers.get('ETag')! })
    expect(after.status).toBe(200)
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'))
    const ics = await after.response.text()
    const afterEvents = byUid(expectReadableByBothParsers(ics).events)
    expect([...afterEvents.keys()].sort()).toEqual([...beforeEvents.keys()].sort())
    const moved = afterEvents.get(agenda.plenary.calendarUid)!
    expect(moved.sequence).toBe(beforeEvents.get(agenda.plenary.calendarUid)!.sequence + 1)
    expect(moved.start).toEqual(movedStart)
    expect(readWithNodeIcal(ics).find((event) => event.uid === agenda.plenary.calendarUid)!.start).toEqual(movedStart)
    expect(afterEvents.get(agenda.breakout.calendarUid)!.sequence).toBe(beforeEvents.get(agenda.breakout.calendarUid)!.sequence)

    // An event-wide change raises every item's SEQUENCE.
    await db.event.update({ where: { id: agenda.event.id }, data: { calendarSequence: { increment: 1 } } })
    const eventWide = byUid(readWithIcalJs(await (await fetchPersonalFeed(agenda.token)).response.text()).events)
    for (const [uid, event] of afterEvents) expect(eventWide.get(uid)!.sequence, uid).toBe(event.sequence + 1)
  })

  it('keeps a cancelled session, a left breakout and a cancelled meeting as CANCELLED for 30 days, then drops them', async () => {
    const agenda = await createAgenda(db, newFeedToken)
    const cancelledAt = new Date('2027-03-01T10:00:00Z')
    await db.agendaSession.update({
      where: { id: agenda.plenary.id },
      data: { status: 'CANCELLED', cancelledAt, calendarSequence: { increment: 1 } },
    })
    await db.sessionEnrolment.update({ where: { id: agenda.enrolment.id }, data: { status: 'CANCELLED', updatedAt: cancelledAt } })
    await db.meeting.update({
      where: { id: agenda.meeting.id },
      data: { status: 'CANCELLED', cancelledAt, activeSlotId: null, calendarSequence: { increment: 1 } },
    })

    const soonAfter = new Date(cancelledAt.getTime() + 29 * DAY_MS)
    const ics = await renderPersonalFeed(agenda.token, soonAfter)
    const events = byUid(expectReadableByBothParsers(ics).events)
    expect(events.get(agenda.plenary.calendarUid)).toMatchObject({ status: 'CANCELLED', sequence: 1 })
    expect(events.get(agenda.breakout.calendarUid)).toMatchObject({ status: 'CANCELLED', sequence: 0 })
    expect(events.get(agenda.meeting.calendarUid)).toMatchObject({ status: 'CANCELLED', sequence: 1 })
    expect(events.get(agenda.registration.calendarUid)).toMatchObject({ status: 'CONFIRMED' })
    // The person's leaving is the breakout's last change in their feed.
    const breakoutLines = eventBlocks(ics).find((lines) => lines.includes(`UID:${agenda.breakout.calendarUid}`))!
    expect(breakoutLines).toContain('LAST-MODIFIED:20270301T100000Z')
    expect(breakoutLines).toContain('DTSTAMP:20270301T100000Z')

    const monthAfter = new Date(cancelledAt.getTime() + 31 * DAY_MS)
    expect(readWithIcalJs(await renderPersonalFeed(agenda.token, monthAfter)).events.map((event) => event.uid)).toEqual([
      agenda.registration.calendarUid,
    ])
    // The ETag follows the set of items, so the day they leave is a change too.
    expect((await feeds.personalFeed(db, agenda.token, monthAfter))!.etag).not.toBe((await feeds.personalFeed(db, agenda.token, soonAfter))!.etag)
  })

  it("marks everything of a cancelled registration CANCELLED for 30 days, and never shows another person's breakout", async () => {
    const agenda = await createAgenda(db, newFeedToken)
    const cancelledAt = new Date(Date.now() - DAY_MS)
    await db.registration.update({
      where: { id: agenda.registration.id },
      data: { status: 'CANCELLED', cancelledAt, calendarSequence: { increment: 1 } },
    })
    const answer = await fetchPersonalFeed(agenda.token)
    const events = byUid(expectReadableByBothParsers(await answer.response.text()).events)
    expect([...events.keys()].sort()).toEqual(
      [agenda.registration.calendarUid, agenda.plenary.calendarUid, agenda.breakout.calendarUid, agenda.meeting.calendarUid].sort(),
    )
    for (const event of events.values()) expect(event.status, event.uid).toBe('CANCELLED')
    expect(events.get(agenda.registration.calendarUid)!.sequence).toBe(1)
    expect(events.has(agenda.othersBreakout.calendarUid)).toBe(false)

    expect(readWithIcalJs(await renderPersonalFeed(agenda.token, new Date(cancelledAt.getTime() + 31 * DAY_MS))).events).toEqual([])
  })

  it('leaves out events the person is not approved for', async () => {
    const agenda = await createAgenda(db, newFeedToken)
    await db.registration.update({ where: { id: agenda.registration.id }, data: { status: 'PENDING' } })
    const answer = await fetchPersonalFeed(agenda.token)
    expect(answer.status).toBe(200)
    expect(readWithIcalJs(await answer.response.text()).events).toEqual([])
  })
})

// ---------- Public feeds ----------

describe('the public feeds', () => {
  it('carry the whole agenda of the event, cacheable, without attendee data', async () => {
    const answer = await get(eventRoute, eventFeedPath(DEMO_SLUG), { slug: DEMO_SLUG })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(answer.headers.get('Content-Disposition')).toBe(`inline; filename="${DEMO_SLUG}.ics"`)
    const ics = await answer.response.text()
    const calendar = expectReadableByBothParsers(ics)
    const event = await db.event.findUniqueOrThrow({
      where: { id: DEMO_EVENT_ID },
      select: { title: true, calendarSequence: true, sessions: { select: { calendarUid: true, calendarSequence: true, startsAt: true, endsAt: true } } },
    })
    expect(calendar.events.length).toBe(event.sessions.length)
    const events = byUid(calendar.events)
    for (const session of event.sessions) {
      expect(events.get(session.calendarUid), session.calendarUid).toMatchObject({
        sequence: session.calendarSequence + event.calendarSequence,
        start: session.startsAt,
        end: session.endsAt,
      })
    }
    expect(calendar.timezoneIds).toEqual(['Europe/Brussels'])
    expect(contentLines(ics)).toContain(`X-WR-CALNAME:${event.title}`)
    expectNoAttendeeData(ics)

    const notModified = await get(eventRoute, eventFeedPath(DEMO_SLUG), { slug: DEMO_SLUG }, { 'If-None-Match': answer.headers.get('ETag')! })
    expect(notModified.status).toBe(304)
  })

  it('carry one track, named after it', async () => {
    const track = await db.track.findFirstOrThrow({
      where: { eventId: DEMO_EVENT_ID, slug: 'defeat' },
      select: { name: true, sessions: { select: { calendarUid: true } } },
    })
    const answer = await get(trackRoute, trackFeedPath(DEMO_SLUG, 'defeat'), { slug: DEMO_SLUG, trackSlug: 'defeat' })
    const ics = await answer.response.text()
    expect(new Set(expectReadableByBothParsers(ics).events.map((event) => event.uid))).toEqual(new Set(track.sessions.map((s) => s.calendarUid)))
    expect(contentLines(ics)).toContain(`X-WR-CALNAME:${demo.title}: ${track.name}`)
    expectNoAttendeeData(ics)
  })

  it('answer the same 404 for an unknown, unpublished or malformed event or track', async () => {
    const draft = await createEvent(db)
    await db.event.update({ where: { id: draft.id }, data: { status: 'DRAFT' } })
    const answers = [
      await get(eventRoute, '/events/no-such-event/calendar.ics', { slug: 'no-such-event' }),
      await get(eventRoute, `/events/${draft.slug}/calendar.ics`, { slug: draft.slug }),
      await get(eventRoute, '/events/Bad%20Slug/calendar.ics', { slug: 'Bad Slug' }),
      await get(trackRoute, `/events/${DEMO_SLUG}/tracks/nope/calendar.ics`, { slug: DEMO_SLUG, trackSlug: 'nope' }),
      await get(sessionRoute, `/events/${DEMO_SLUG}/sessions/nope/calendar.ics`, { slug: DEMO_SLUG, sessionSlug: 'nope' }),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(await answer.response.text()).toBe('Not found\n')
    }
  })
})

// ---------- Single-item downloads ----------

describe('downloads', () => {
  it('give one session as an attachment with its UID, SEQUENCE and validators', async () => {
    const session = await db.agendaSession.findFirstOrThrow({
      where: { eventId: DEMO_EVENT_ID, slug: 'lessons-from-ukraine' },
      select: { calendarUid: true, calendarSequence: true, startsAt: true, endsAt: true },
    })
    const path = sessionDownloadPath(DEMO_SLUG, 'lessons-from-ukraine')
    const answer = await get(sessionRoute, path, { slug: DEMO_SLUG, sessionSlug: 'lessons-from-ukraine' })
    expect(answer.headers.get('Content-Disposition')).toBe(`attachment; filename="${DEMO_SLUG}-lessons-from-ukraine.ics"`)
    expect(answer.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const ics = await answer.response.text()
    const [event] = expectReadableByBothParsers(ics).events
    expect(event).toMatchObject({ uid: session.calendarUid, sequence: session.calendarSequence, start: session.startsAt, end: session.endsAt })
    expect(event!.url).toBe(`${env.APP_URL}/events/${DEMO_SLUG}#session-lessons-from-ukraine`)
    expectNoAttendeeData(ics)
    const notModified = await get(sessionRoute, path, { slug: DEMO_SLUG, sessionSlug: 'lessons-from-ukraine' }, { 'If-Modified-Since': answer.headers.get('Last-Modified')! })
    expect(notModified.status).toBe(304)
  })

  it("give a meeting to its signed-in participants only; anyone else gets the unknown meeting's 404", async () => {
    const [kadri, piotr] = [await userId(KADRI), await userId(PIOTR)]
    const kadrisOnly = await db.meeting.findFirstOrThrow({
      where: { status: 'CONFIRMED', participants: { some: { userId: kadri }, none: { userId: piotr } } },
      select: { id: true, calendarUid: true, slot: { select: { startsAt: true } } },
    })
    const signedIn = async (id: string) => {
      const { token } = await sessions.createSession(db, id)
      return { Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` }
    }
    const fetchMeeting = async (meetingId: string, headers: HeadersInit) =>
      get(meetingRoute, meetingDownloadPath(DEMO_SLUG, meetingId), { slug: DEMO_SLUG, meetingId }, headers)

    const own = await fetchMeeting(kadrisOnly.id, await signedIn(kadri))
    expect(own.status).toBe(200)
    // The route asks for 'private, no-cache'; the root middleware makes every answer to a signed-in request 'private, no-store'.
    expect(own.headers.get('Cache-Control')).toBe('private, no-store')
    expect(own.headers.get('Content-Disposition')).toMatch(
      new RegExp(`^attachment; filename="${escapeRegExp(DEMO_SLUG)}-b2b-meeting-(${demo.dayKey(1)}|${demo.dayKey(2)})-\\d{4}\\.ics"$`),
    )
    const ics = await own.response.text()
    const [event] = expectReadableByBothParsers(ics).events
    expect(event).toMatchObject({ uid: kadrisOnly.calendarUid, start: kadrisOnly.slot.startsAt, status: 'CONFIRMED' })
    expectNoAttendeeData(ics)

    const piotrHeaders = await signedIn(piotr)
    const notTheirs = await fetchMeeting(kadrisOnly.id, piotrHeaders)
    const unknown = await fetchMeeting('no-such-meeting', piotrHeaders)
    const malformed = await fetchMeeting('No Such Meeting', piotrHeaders)
    for (const answer of [notTheirs, unknown, malformed]) {
      expect(answer.status).toBe(404)
      expect([...answer.headers]).toEqual([...unknown.headers])
      expect(await answer.response.text()).toBe('Not found\n')
    }

    const anonymous = await fetchMeeting(kadrisOnly.id, {})
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/sign-in\?redirectTo=/)
  })
})

// ---------- PostgreSQL ----------

describe('on PostgreSQL', () => {
  let postgres: TestDatabase

  beforeAll(async () => {
    postgres = await createTestDatabase('postgresql')
    await seedDatabase(postgres.db)
  })
  afterAll(async () => {
    await postgres?.cleanup()
  })

  it('the personal and public feeds are byte-identical to the SQLite ones', async () => {
    const kadri = await userId(KADRI)
    const postgresToken = feedToken(await feeds.createFeedLink(postgres.db, kadri))
    const onPostgres = await (await feeds.personalFeed(postgres.db, postgresToken, DATASET_AS_OF))!.render()
    const onSqlite = await renderPersonalFeed(await newFeedToken(kadri), DATASET_AS_OF)
    expect(onPostgres.ics).toBe(onSqlite)
    const expected = await expectedDemoItems(kadri, DATASET_AS_OF)
    expect(new Set(expectReadableByBothParsers(onPostgres.ics).events.map((event) => event.uid))).toEqual(expected.uids)

    const publicOnPostgres = await (await feeds.eventFeed(postgres.db, DEMO_SLUG))!.render()
    const publicOnSqlite = await (await feeds.eventFeed(db, DEMO_SLUG))!.render()
    expect(publicOnPostgres.ics).toBe(publicOnSqlite.ics)
  })
})
