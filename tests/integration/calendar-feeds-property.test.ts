// Property-style round trip through the feeds: sessions at random instants across years and
// zones, half of them within hours of a daylight-saving change, stored as rows, served by the
// public event feed and by an attendee's personal feed, and read back by ical.js and node-ical
// to the same instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeedLink, eventFeed, personalFeed } from '#app/domain/calendar/feeds.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs, readWithNodeIcal } from '#tests/support/icalendar.ts'
import { sampleTimes } from '#tests/support/time-samples.ts'

// The VTIMEZONE blocks describe each zone's current rules, kept since 2008 by these zones
// (Chatham: a 45-minute offset with daylight saving; Kolkata: none at all).
const ZONES = ['Europe/Brussels', 'America/New_York', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'] as const
const SEED = 20270325
const SAMPLES = 360

let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase('sqlite')
  db = database.db
})
afterAll(async () => {
  await database?.cleanup()
})

describe('round trip of random sessions through the feeds', () => {
  it(`reads ${SAMPLES} sessions across zones and daylight-saving changes back to their instants (seed ${SEED})`, async () => {
    const times = sampleTimes({ seed: SEED, zones: ZONES, firstYear: 2010, lastYear: 2037, count: SAMPLES })
    const person = await createUser(db, 'Property Tester')
    const expected = new Map<string, { start: Date; end: Date; context: string }>()
    const eventSlugs: string[] = []

    // One event per zone (a session is shown in its event's zone), all sessions plenaries so
    // that the approved attendee's personal feed carries them too.
    for (const timeZone of ZONES) {
      const event = await createEvent(db)
      await db.event.update({ where: { id: event.id }, data: { timeZone } })
      await db.registration.create({ data: { ...registrationData(event.id, person.id), status: 'APPROVED' } })
      eventSlugs.push(event.slug)
      const sessions = times
        .map((time, index) => ({ ...time, index }))
        .filter((time) => time.timeZone === timeZone)
        .map(({ start, end, index }) => ({
          eventId: event.id,
          slug: `sample-${index}`,
          title: `Sample ${index}`,
          kind: 'PLENARY' as const,
          startsAt: start,
          endsAt: end,
          calendarUid: `sample-${index}-${event.slug}@muster.test`,
        }))
      await db.agendaSession.createMany({ data: sessions })
      for (const session of sessions) {
        expected.set(session.calendarUid, {
          start: session.startsAt,
          end: session.endsAt,
          context: `${session.slug}: ${session.startsAt.toISOString()}–${session.endsAt.toISOString()} in ${timeZone}`,
        })
      }
    }

    const readBack = (ics: string) => {
      const viaIcalJs = readWithIcalJs(ics).events
      const viaNodeIcal = new Map(readWithNodeIcal(ics).map((event) => [event.uid, event]))
      let sessionsRead = 0
      for (const event of viaIcalJs) {
        const stored = expected.get(event.uid)
        if (!stored) continue // the personal feed's own event entries
        sessionsRead++
        expect(event.start, `ical.js ${stored.context}`).toEqual(stored.start)
        expect(event.end, `ical.js ${stored.context}`).toEqual(stored.end)
        expect(viaNodeIcal.get(event.uid)?.start, `node-ical ${stored.context}`).toEqual(stored.start)
        expect(viaNodeIcal.get(event.uid)?.end, `node-ical ${stored.context}`).toEqual(stored.end)
      }
      return sessionsRead
    }

    let publicSessions = 0
    for (const slug of eventSlugs) publicSessions += readBack((await (await eventFeed(db, slug))!.render()).ics)
    expect(publicSessions).toBe(SAMPLES)

    const links = await createFeedLink(db, person.id)
    const token = links.https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
    const personal = await (await personalFeed(db, token))!.render()
    expect(readBack(personal.ics)).toBe(SAMPLES)
    // One VTIMEZONE per zone used (UTC is written as Etc/UTC).
    expect(readWithIcalJs(personal.ics).timezoneIds.sort()).toEqual(ZONES.map((zone) => (zone === 'UTC' ? 'Etc/UTC' : zone)).sort())
    // The sample must have exercised the transitions, or it proves little.
    expect(times.filter((time) => time.nearChange).length).toBeGreaterThan(SAMPLES * 0.3)
  })
})
