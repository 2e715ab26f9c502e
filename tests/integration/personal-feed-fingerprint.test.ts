// The personal feed's validators are read in one statement (its fingerprint), apart from the rows
// that render the file. They must follow the file exactly: a write that changes what the
// person's calendar shows changes the ETag, so the next poll fetches it, and a write that does
// not leaves the ETag, so the poll costs a 304. Each step below makes one write and compares
// the ETag and the rendered bytes before and after, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedLink, personalFeed } from '#app/domain/calendar/feeds.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createAgenda, feedToken } from '#tests/support/feed-fixtures.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

describe.each(providers)('the personal feed on %s', (provider: Provider) => {
  let database: TestDatabase
  let db: Db

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
      data: { slug: `partner-${provider}`, name: 'Partner Systems', kind: 'SME', country: 'BE' },
      select: { id: true },
    })
    const otherOrganisation = await db.organisation.create({
      data: { slug: `other-${provider}`, name: 'Other Systems', kind: 'SME', country: 'NL' },
      select: { id: true },
    })
    await db.registration.update({
      where: { eventId_userId: { eventId: agenda.event.id, userId: agenda.other.id } },
      data: { organisationId: partnerOrganisation.id },
    })
    // Rows that are not the person's: an attendee who shares nothing with them, another event's session.
    const stranger = await createUser(db, 'Stranger')
    await db.registration.create({ data: { ...registrationData(agenda.event.id, stranger.id), status: 'APPROVED' } })
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

    let now = new Date()
    const read = async () => {
      const feed = (await personalFeed(db, agenda.token, now))!
      return { etag: feed.etag, ics: (await feed.render()).ics }
    }
    let current = await read()
    const steps: { step: string; changes: boolean; write: () => Promise<unknown> }[] = [
      { step: 'nothing written', changes: false, write: async () => {} },
      {
        step: 'the link is used again two hours later (its last use is written)',
        changes: false,
        write: async () => {
          now = new Date(now.getTime() + 2 * HOUR_MS)
        },
      },
      { step: 'the event is renamed', changes: true, write: () => db.event.update({ where: { id: agenda.event.id }, data: { title: 'Renamed Industry Day' } }) },
      {
        step: 'the plenary moves',
        changes: true,
        write: () =>
          db.agendaSession.update({
            where: { id: agenda.plenary.id },
            data: { startsAt: new Date('2027-03-24T08:15:00Z'), endsAt: new Date('2027-03-24T08:45:00Z'), calendarSequence: { increment: 1 } },
          }),
      },
      { step: "the person's breakout is renamed", changes: true, write: () => db.agendaSession.update({ where: { id: agenda.breakout.id }, data: { title: 'Renamed breakout' } }) },
      { step: "someone else's breakout is renamed", changes: false, write: () => db.agendaSession.update({ where: { id: agenda.othersBreakout.id }, data: { title: 'Not theirs' } }) },
      { step: "another event's session is renamed", changes: false, write: () => db.agendaSession.update({ where: { id: elsewhereSession.id }, data: { title: 'Far away' } }) },
      { step: 'the meeting partner is renamed', changes: true, write: () => db.user.update({ where: { id: agenda.other.id }, data: { name: 'Renamed Partner' } }) },
      { step: "the partner's organisation is renamed", changes: true, write: () => db.organisation.update({ where: { id: partnerOrganisation.id }, data: { name: 'Partner Renamed' } }) },
      {
        step: 'the partner comes for another organisation',
        changes: true,
        write: () =>
          db.registration.update({ where: { eventId_userId: { eventId: agenda.event.id, userId: agenda.other.id } }, data: { organisationId: otherOrganisation.id } }),
      },
      { step: 'an attendee who shares nothing with the person is renamed', changes: false, write: () => db.user.update({ where: { id: stranger.id }, data: { name: 'Still a stranger' } }) },
      {
        step: 'the person leaves their breakout',
        changes: true,
        write: () => db.sessionEnrolment.update({ where: { id: agenda.enrolment.id }, data: { status: 'CANCELLED', cancelledAt: now } }),
      },
      {
        step: 'the meeting is cancelled',
        changes: true,
        write: () =>
          db.meeting.update({ where: { id: agenda.meeting.id }, data: { status: 'CANCELLED', cancelledAt: now, activeSlotId: null, calendarSequence: { increment: 1 } } }),
      },
      {
        step: 'the person cancels their registration',
        changes: true,
        write: () => db.registration.update({ where: { id: agenda.registration.id }, data: { status: 'CANCELLED', cancelledAt: now, calendarSequence: { increment: 1 } } }),
      },
      {
        step: 'a month passes and the cancelled items leave the feed',
        changes: true,
        write: async () => {
          now = new Date(now.getTime() + 31 * DAY_MS)
        },
      },
    ]
    for (const { step, changes, write } of steps) {
      await write()
      const next = await read()
      expect({ step, fileChanged: next.ics !== current.ics }).toEqual({ step, fileChanged: changes })
      expect({ step, etagChanged: next.etag !== current.etag }).toEqual({ step, etagChanged: changes })
      current = next
    }
    expect(current.ics).not.toContain('BEGIN:VEVENT')
  })

  it('opens only for a working link of a kept account', async () => {
    const person = await createUser(db, 'Link Holder')
    const revoked = feedToken(await createFeedLink(db, person.id))
    const working = feedToken(await createFeedLink(db, person.id))
    expect(await personalFeed(db, revoked)).toBeNull()
    expect(await personalFeed(db, 'a'.repeat(32))).toBeNull()
    expect(await personalFeed(db, working)).not.toBeNull()
    await db.user.update({ where: { id: person.id }, data: { erasedAt: new Date() } })
    expect(await personalFeed(db, working)).toBeNull()
  })
  // PostgreSQL only: it plans an unnamed statement at every execution; SQLite connections keep theirs anyway.
  if (provider === 'postgresql') {
    it('is read by a statement each connection prepares once', async () => {
      const person = await createUser(db, 'Poller')
      const token = feedToken(await createFeedLink(db, person.id))
      // A transaction keeps one connection, whose prepared statements PostgreSQL lists.
      const prepared = await db.$transaction(async (tx) => {
        const onConnection = tx as unknown as Db
        expect(await personalFeed(onConnection, token)).not.toBeNull()
        expect(await personalFeed(onConnection, token)).not.toBeNull()
        return tx.$queryRaw<{ name: string; calls: bigint | number }[]>`
          SELECT "name", "generic_plans" + "custom_plans" AS "calls" FROM pg_prepared_statements WHERE "name" LIKE 'personal-feed-fingerprint-%'`
      })
      expect(prepared).toHaveLength(1)
      expect(Number(prepared[0]!.calls)).toBeGreaterThanOrEqual(2)
    })
  }
})
