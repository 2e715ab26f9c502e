// A feed's validators are read in one statement (its fingerprint), apart from the rows that
// render the file. They must follow the file exactly: a write that changes what the calendar
// shows changes the ETag, so the next poll fetches it, and a write that does not leaves the
// ETag, so the poll costs a 304. Each step below makes one write and compares the ETag and the
// rendered bytes before and after, for a personal feed and for an event's and a track's public
// feeds, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedLink, eventFeed, personalFeed, trackFeed } from '#app/domain/calendar/feeds.server.ts'
import { applySessionChange, getSessionForEditing, saveRoom, saveSpeaker, saveTrack } from '#app/domain/agenda/editor.server.ts'
import { updateMeetingTable } from '#app/domain/meetings/setup.server.ts'
import type { CalendarResource } from '#app/lib/calendar-http.server.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createAgenda, feedToken } from '#tests/support/feed-fixtures.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

type Step = { step: string; changes: boolean; write: () => Promise<unknown> }

/** Renames a table as the organiser does: when the new place reaches people, they review it and confirm. */
async function updateMeetingTableAfterReview(db: Db, input: Parameters<typeof updateMeetingTable>[1]) {
  const first = await updateMeetingTable(db, input)
  if (first.saved) return first
  const confirmed = await updateMeetingTable(db, { ...input, reviewed: first.review })
  if (!confirmed.saved) throw new Error('The reviewed table name was not saved')
  return confirmed
}

/** Saves a room as the organiser does: when the new place reaches people, they review it and confirm. */
async function saveRoomAfterReview(db: Db, input: Parameters<typeof saveRoom>[1]) {
  const first = await saveRoom(db, input)
  if (first.saved) return first
  const confirmed = await saveRoom(db, { ...input, reviewed: first.review })
  if (!confirmed.saved) throw new Error('The reviewed place was not saved')
  return confirmed
}

/**
 * Makes each write in turn and checks that the ETag and the file change together, or not at all;
 * and that the file, built from rows this client keeps between requests, is byte for byte the one
 * a new client (nothing kept) builds.
 */
async function expectEtagToFollowFile(database: TestDatabase, read: (db: Db) => Promise<CalendarResource>, steps: Step[]) {
  const snapshot = async () => {
    const feed = await read(database.db)
    return { etag: feed.etag, ics: (await feed.render()).ics }
  }
  const renderedByNewClient = async () => {
    const fresh = await createDbClient(database.url)
    try {
      return (await (await read(fresh)).render()).ics
    } finally {
      await fresh.$disconnect()
    }
  }
  let current = await snapshot()
  for (const { step, changes, write } of steps) {
    await write()
    const next = await snapshot()
    expect({ step, fileChanged: next.ics !== current.ics }).toEqual({
      step,
      fileChanged: changes,
    })
    expect({ step, etagChanged: next.etag !== current.etag }).toEqual({
      step,
      etagChanged: changes,
    })
    expect({ step, ics: next.ics }).toEqual({ step, ics: await renderedByNewClient() })
    current = next
  }
  return current
}

describe.each(providers)('calendar feeds on %s', (provider: Provider) => {
  let database: TestDatabase
  let db: Db
  const renameSession = (id: string, title: string) => () => db.agendaSession.update({ where: { id }, data: { title } })
  const eventRenamed = (eventId: string): Step => ({
    step: 'the event is renamed',
    changes: true,
    write: () => db.event.update({ where: { id: eventId }, data: { title: 'Renamed Industry Day' } }),
  })

  beforeAll(async () => {
    database = await createTestDatabase(provider)
    db = database.db
  })
  afterAll(async () => {
    await database?.cleanup()
  })

  it('changes its ETag exactly when its file changes', async () => {
    const agenda = await createAgenda(db, async (userId) => feedToken(await createFeedLink(db, userId)))
    // The other participant of the meeting comes from an organisation, which the meeting entry names.
    const partnerOrganisation = await db.organisation.create({
      data: {
        slug: `partner-${provider}`,
        name: 'Partner Systems',
        kind: 'SME',
        country: 'BE',
      },
      select: { id: true },
    })
    const otherOrganisation = await db.organisation.create({
      data: {
        slug: `other-${provider}`,
        name: 'Other Systems',
        kind: 'SME',
        country: 'NL',
      },
      select: { id: true },
    })
    await db.registration.update({
      where: {
        eventId_userId: { eventId: agenda.event.id, userId: agenda.other.id },
      },
      data: { organisationId: partnerOrganisation.id },
    })
    // Rows that are not the person's: an attendee who shares nothing with them, another event's session.
    const stranger = await createUser(db, 'Stranger')
    await db.registration.create({
      data: {
        ...registrationData(agenda.event.id, stranger.id),
        status: 'APPROVED',
      },
    })
    const elsewhere = await createEvent(db)
    const elsewhereSession = await db.agendaSession.create({
      data: {
        eventId: elsewhere.id,
        slug: 'elsewhere',
        title: 'Elsewhere',
        kind: 'PLENARY',
        startsAt: new Date('2027-03-24T09:00:00Z'),
        endsAt: new Date('2027-03-24T10:00:00Z'),
        calendarUid: `elsewhere-${elsewhere.slug}@muster.test`,
      },
      select: { id: true },
    })

    // The meeting's slot lies in a B2B window held in a room: its entry names the table and the room.
    const hall = await db.room.create({ data: { eventId: agenda.event.id, name: 'Hall A', location: 'Ground floor' }, select: { id: true } })
    const organiser = await createUser(db, 'Organiser')
    const window = await db.agendaSession.create({
      data: {
        eventId: agenda.event.id,
        slug: 'b2b-window',
        title: 'B2B meetings',
        kind: 'B2B_WINDOW',
        roomId: hall.id,
        startsAt: new Date('2027-03-24T12:00:00Z'),
        endsAt: new Date('2027-03-24T15:00:00Z'),
        calendarUid: `b2b-window-${agenda.event.slug}@muster.test`,
      },
      select: { id: true },
    })
    const meetingPlace = await db.meeting.findUniqueOrThrow({ where: { id: agenda.meeting.id }, select: { slotId: true, tableId: true } })
    await db.meetingSlot.update({ where: { id: meetingPlace.slotId }, data: { windowId: window.id } })
    const otherRoom = await db.room.create({ data: { eventId: agenda.event.id, name: 'Hall C' }, select: { id: true } })

    let now = new Date()
    const steps: Step[] = [
      { step: 'nothing written', changes: false, write: async () => {} },
      {
        step: 'the link is used again two hours later (its last use is written)',
        changes: false,
        write: async () => {
          now = new Date(now.getTime() + 2 * HOUR_MS)
        },
      },
      eventRenamed(agenda.event.id),
      {
        step: 'the plenary moves',
        changes: true,
        write: () =>
          db.agendaSession.update({
            where: { id: agenda.plenary.id },
            data: {
              startsAt: new Date('2027-03-24T08:15:00Z'),
              endsAt: new Date('2027-03-24T08:45:00Z'),
              calendarSequence: { increment: 1 },
            },
          }),
      },
      { step: "the person's breakout is renamed", changes: true, write: renameSession(agenda.breakout.id, 'Renamed breakout') },
      { step: "someone else's breakout is renamed", changes: false, write: renameSession(agenda.othersBreakout.id, 'Not theirs') },
      { step: "another event's session is renamed", changes: false, write: renameSession(elsewhereSession.id, 'Far away') },
      {
        step: 'the meeting partner is renamed',
        changes: true,
        write: () =>
          db.user.update({
            where: { id: agenda.other.id },
            data: { name: 'Renamed Partner' },
          }),
      },
      {
        step: "the partner's organisation is renamed",
        changes: true,
        write: () =>
          db.organisation.update({
            where: { id: partnerOrganisation.id },
            data: { name: 'Partner Renamed' },
          }),
      },
      {
        step: 'the partner comes for another organisation',
        changes: true,
        write: () =>
          db.registration.update({
            where: {
              eventId_userId: {
                eventId: agenda.event.id,
                userId: agenda.other.id,
              },
            },
            data: { organisationId: otherOrganisation.id },
          }),
      },
      {
        step: "the meeting's table is named",
        changes: true,
        write: () => updateMeetingTableAfterReview(db, { eventId: agenda.event.id, actorId: organiser.id, values: { tableId: meetingPlace.tableId!, name: 'Blue table' } }),
      },
      {
        step: "the room of the meeting's window is renamed",
        changes: true,
        write: () => saveRoomAfterReview(db, { eventId: agenda.event.id, actorId: organiser.id, roomId: hall.id, values: { name: 'Hall A1', location: 'First floor' } }),
      },
      {
        step: "the meeting's window is renamed (its meetings' entries do not show it)",
        changes: false,
        write: async () => {
          const editing = (await getSessionForEditing(db, { eventId: agenda.event.id, sessionId: window.id }))!
          const values = { ...editing.formValues, title: 'B2B meetings, afternoon', abstract: undefined, trackId: undefined, roomId: hall.id, capacity: undefined, signUpRequired: false }
          const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: window.id }, select: { updatedAt: true } })
          await applySessionChange(db, { eventId: agenda.event.id, sessionId: window.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt })
        },
      },
      {
        step: "the meeting's window moves to another room",
        changes: true,
        write: async () => {
          const editing = (await getSessionForEditing(db, { eventId: agenda.event.id, sessionId: window.id }))!
          const values = { ...editing.formValues, abstract: undefined, trackId: undefined, roomId: otherRoom.id, capacity: undefined, signUpRequired: false }
          const { updatedAt } = await db.agendaSession.findUniqueOrThrow({ where: { id: window.id }, select: { updatedAt: true } })
          await applySessionChange(db, { eventId: agenda.event.id, sessionId: window.id, actorId: organiser.id, values, expectedUpdatedAt: updatedAt })
        },
      },
      {
        step: 'an attendee who shares nothing with the person is renamed',
        changes: false,
        write: () =>
          db.user.update({
            where: { id: stranger.id },
            data: { name: 'Still a stranger' },
          }),
      },
      {
        step: 'the person leaves their breakout',
        changes: true,
        write: () =>
          db.sessionEnrolment.update({
            where: { id: agenda.enrolment.id },
            data: { status: 'CANCELLED', cancelledAt: now },
          }),
      },
      {
        step: 'the meeting is cancelled',
        changes: true,
        write: () =>
          db.meeting.update({
            where: { id: agenda.meeting.id },
            data: {
              status: 'CANCELLED',
              cancelledAt: now,
              activeSlotId: null,
              calendarSequence: { increment: 1 },
            },
          }),
      },
      {
        step: 'the person cancels their registration',
        changes: true,
        write: () =>
          db.registration.update({
            where: { id: agenda.registration.id },
            data: {
              status: 'CANCELLED',
              cancelledAt: now,
              calendarSequence: { increment: 1 },
            },
          }),
      },
      {
        step: 'a month passes and the cancelled items leave the feed',
        changes: true,
        write: async () => {
          now = new Date(now.getTime() + 31 * DAY_MS)
        },
      },
    ]
    const last = await expectEtagToFollowFile(database, async (client) => (await personalFeed(client, agenda.token, now))!, steps)
    expect(last.ics).not.toContain('BEGIN:VEVENT')
  })

  it("changes an event's and a track's public ETags exactly when their files change", async () => {
    const agenda = await createAgenda(db, async (userId) => feedToken(await createFeedLink(db, userId)))
    const event = await db.event.findUniqueOrThrow({
      where: { id: agenda.event.id },
      select: { slug: true },
    })
    const track = (slug: string) =>
      db.track.create({
        data: {
          eventId: agenda.event.id,
          slug,
          name: `Track ${slug}`,
          colour: '#1f6feb',
        },
        select: { id: true, slug: true },
      })
    const [policy, technology] = [await track('policy'), await track('technology')]
    await db.agendaSession.update({
      where: { id: agenda.plenary.id },
      data: { trackId: policy.id },
    })
    await db.agendaSession.update({
      where: { id: agenda.breakout.id },
      data: { trackId: technology.id },
    })
    const room = await db.room.create({ data: { eventId: agenda.event.id, name: 'Hall A' }, select: { id: true } })
    await db.agendaSession.update({ where: { id: agenda.plenary.id }, data: { roomId: room.id } })
    const organiser = await createUser(db, 'Organiser')
    const speakerOf = async (sessionId: string, slug: string, name: string) => {
      const speaker = await db.speaker.create({ data: { eventId: agenda.event.id, slug, name }, select: { id: true } })
      await db.sessionSpeaker.create({ data: { sessionId, speakerId: speaker.id } })
      return speaker
    }
    const speaker = await speakerOf(agenda.plenary.id, 'ana', 'Ana Speaker')
    const otherSpeaker = await speakerOf(agenda.breakout.id, 'ben', 'Ben Speaker')
    const elsewhere = await createEvent(db)

    let now = new Date()
    await expectEtagToFollowFile(
      database,
      async (client) => (await trackFeed(client, event.slug, policy.slug, now))!,
      [
        { step: 'nothing written', changes: false, write: async () => {} },
        {
          step: 'a session of the track is renamed',
          changes: true,
          write: renameSession(agenda.plenary.id, 'Opening, renamed'),
        },
        {
          step: 'a session of another track is renamed',
          changes: false,
          write: renameSession(agenda.breakout.id, 'Technology, renamed'),
        },
        // Through the agenda editor, which moves the sessions that show what it saves.
        {
          step: 'the track is renamed',
          changes: true,
          write: () => saveTrack(db, { eventId: agenda.event.id, trackId: policy.id, name: 'Policy and doctrine', colour: '#1f6feb' }),
        },
        {
          step: "the room of the track's session is renamed",
          changes: true,
          write: () => saveRoomAfterReview(db, { eventId: agenda.event.id, actorId: organiser.id, roomId: room.id, values: { name: 'Hall B' } }),
        },
        {
          step: "a speaker of the track's session gets a new job title",
          changes: true,
          write: () => saveSpeaker(db, { eventId: agenda.event.id, speakerId: speaker.id, name: 'Ana Speaker', jobTitle: 'Director' }),
        },
        {
          step: 'a speaker of another track gets a new job title',
          changes: false,
          write: () => saveSpeaker(db, { eventId: agenda.event.id, speakerId: otherSpeaker.id, name: 'Ben Speaker', jobTitle: 'Engineer' }),
        },
        eventRenamed(agenda.event.id),
        {
          step: "the track's session is cancelled",
          changes: true,
          write: () =>
            db.agendaSession.update({
              where: { id: agenda.plenary.id },
              data: {
                status: 'CANCELLED',
                cancelledAt: now,
                calendarSequence: { increment: 1 },
              },
            }),
        },
        {
          step: 'a month passes and the cancelled session leaves the feed',
          changes: true,
          write: async () => {
            now = new Date(now.getTime() + 31 * DAY_MS)
          },
        },
      ],
    )
    now = new Date()
    await expectEtagToFollowFile(
      database,
      async (client) => (await eventFeed(client, event.slug, now))!,
      [
        { step: 'nothing written', changes: false, write: async () => {} },
        {
          step: 'a session is renamed',
          changes: true,
          write: renameSession(agenda.othersBreakout.id, 'Breakout, renamed'),
        },
        {
          step: 'another event is renamed',
          changes: false,
          write: () =>
            db.event.update({
              where: { id: elsewhere.id },
              data: { title: 'Another day' },
            }),
        },
        {
          step: 'a session is added',
          changes: true,
          write: () =>
            db.agendaSession.create({
              data: {
                eventId: agenda.event.id,
                slug: 'added',
                title: 'Added',
                kind: 'PLENARY',
                startsAt: new Date('2027-03-24T15:00:00Z'),
                endsAt: new Date('2027-03-24T15:30:00Z'),
                calendarUid: `added-${event.slug}@muster.test`,
              },
            }),
        },
      ],
    )
    expect(await trackFeed(db, event.slug, 'no-such-track', now)).toBeNull()
    await db.event.update({
      where: { id: agenda.event.id },
      data: { status: 'DRAFT' },
    })
    expect(await eventFeed(db, event.slug, now)).toBeNull()
    expect(await trackFeed(db, event.slug, policy.slug, now)).toBeNull()
  })

  it('opens only for a working link of a kept account', async () => {
    const person = await createUser(db, 'Link Holder')
    const revoked = feedToken(await createFeedLink(db, person.id))
    const working = feedToken(await createFeedLink(db, person.id))
    expect(await personalFeed(db, revoked)).toBeNull()
    expect(await personalFeed(db, 'a'.repeat(32))).toBeNull()
    expect(await personalFeed(db, working)).not.toBeNull()
    await db.user.update({
      where: { id: person.id },
      data: { erasedAt: new Date() },
    })
    expect(await personalFeed(db, working)).toBeNull()
  })
  // PostgreSQL only: it plans an unnamed statement at every execution; SQLite connections keep theirs anyway.
  if (provider === 'postgresql') {
    it('is read by statements each connection prepares once', async () => {
      const person = await createUser(db, 'Poller')
      const token = feedToken(await createFeedLink(db, person.id))
      const { slug } = await createEvent(db)
      // A transaction keeps one connection, whose prepared statements PostgreSQL lists.
      const prepared = await db.$transaction(async (tx) => {
        const onConnection = tx as unknown as Db
        for (let poll = 0; poll < 2; poll++) {
          expect(await personalFeed(onConnection, token)).not.toBeNull()
          expect(await eventFeed(onConnection, slug)).not.toBeNull()
        }
        return tx.$queryRaw<{ name: string; calls: bigint | number }[]>`
          SELECT "name", "generic_plans" + "custom_plans" AS "calls" FROM pg_prepared_statements WHERE "name" LIKE '%-feed-fingerprint-%' ORDER BY "name"`
      })
      // The connection may also hold the track feed's statement (another text, another name) from an earlier test.
      const callsByMarker = new Map<string, number>()
      for (const { name, calls } of prepared) {
        const marker = name.replace(/-[0-9a-f]{12}$/, '')
        callsByMarker.set(marker, Math.max(callsByMarker.get(marker) ?? 0, Number(calls)))
      }
      expect([...callsByMarker.keys()]).toEqual(['personal-feed-fingerprint', 'public-feed-fingerprint'])
      for (const calls of callsByMarker.values()) expect(calls).toBeGreaterThanOrEqual(2)
    })
  }
})
