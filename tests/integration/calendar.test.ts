// Invites built from the seeded demo Industry Day (two days in Brussels, months ahead)
// read back by ical.js and node-ical to the instants stored in the rows.
import { TZDate } from '@date-fns/tz'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarInputError } from '#app/domain/calendar/calendar.ts'
import { eventInvite, meetingInvite, sessionInvite } from '#app/domain/calendar/calendar.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { env } from '#app/lib/env.server.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { demo, demoEventId, demoSlug, escapeRegExp } from '#tests/support/demo.ts'
import { contentLines, eventBlocks, readWithIcalJs, readWithNodeIcal } from '#tests/support/icalendar.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { DomainError } from '#app/lib/domain-error.ts'

const BRUSSELS = 'Europe/Brussels'
const PLENARY_ID = 'seed-session-opening-address'

/** Every address written anywhere in the file (UIDs look like addresses but are not). */
const emailsIn = (ics: string) =>
  new Set(
    contentLines(ics)
      .filter((line) => !line.startsWith('UID:'))
      .join('\n')
      .match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [],
  )

const vtimezoneOf = (ics: string, tzid: string) => {
  const start = ics.indexOf(`BEGIN:VTIMEZONE\r\nTZID:${tzid}\r\n`)
  return start < 0 ? '' : ics.slice(start, ics.indexOf('END:VTIMEZONE', start))
}

async function approvedAttendee(db: Db) {
  const registration = await db.registration.findFirstOrThrow({
    where: { status: 'APPROVED', user: { eventRoles: { none: {} } } },
    orderBy: { id: 'asc' },
    select: { id: true, calendarUid: true, calendarSequence: true, user: { select: { id: true, name: true, email: true } } },
  })
  return registration
}

async function confirmedMeeting(db: Db) {
  return db.meeting.findFirstOrThrow({
    where: { status: 'CONFIRMED' },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      eventId: true,
      calendarUid: true,
      table: { select: { number: true } },
      slot: { select: { startsAt: true, endsAt: true } },
      participants: {
        orderBy: { userId: 'asc' },
        select: { user: { select: { id: true, name: true, email: true, organisation: { select: { name: true } } } } },
      },
    },
  })
}

describe('invites from the seeded SQLite database', () => {
  let database: TestDatabase
  let db: Db

  beforeAll(async () => {
    database = await createTestDatabase('sqlite')
    db = database.db
    await seedDatabase(db)
  })
  afterAll(async () => {
    await database.cleanup()
  })

  it('builds a plenary session invite that reads back to the stored instants', async () => {
    const session = await db.agendaSession.findUniqueOrThrow({ where: { id: PLENARY_ID } })
    const { user } = await approvedAttendee(db)
    const invite = await sessionInvite(db, { sessionId: PLENARY_ID, userId: user.id, method: 'REQUEST' })

    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: session.calendarUid,
      sequence: session.calendarSequence,
      filename: `${demoSlug}-opening-address.ics`,
    })
    const calendar = readWithIcalJs(invite.ics)
    expect(calendar.method).toBe('REQUEST')
    const [event] = calendar.events
    expect(event!.start).toEqual(session.startsAt)
    expect(event!.end).toEqual(session.endsAt)
    expect(event!.startTzid).toBe(BRUSSELS)
    // 09:00 on the first day, on the wall clock of Brussels whatever the season.
    expect(eventBlocks(invite.ics)[0]).toContain(`DTSTART;TZID=Europe/Brussels:${demo.dayKey(1).replaceAll('-', '')}T090000`)
    expect(event).toMatchObject({
      uid: session.calendarUid,
      summary: `Opening address – ${demo.title}`,
      status: 'CONFIRMED',
      url: `${env.APP_URL}/events/${demoSlug}#session-opening-address`,
      organizer: { name: 'NATO Defence Investment Directorate', email: 'industry-day@defence-investment.example' },
      attendees: [{ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: 'FALSE', role: 'REQ-PARTICIPANT' }],
      categories: ['Plenary'],
    })
    expect(event!.location).toBe('Plenary Hall (Main building, ground floor), NATO Headquarters, Boulevard Léopold III, 1110 Brussels, Belgium')
    expect(event!.description).toContain('Why counter-UAS is an Alliance priority')
    expect(event!.description).toMatch(/\n\nSpeakers:\n- [^\n]+ \(Keynote\) – [^\n]+\n\nAgenda: http/)
    expect(readWithNodeIcal(invite.ics)[0]!.start).toEqual(session.startsAt)
    // Only the addressee and the organiser appear: nobody else's address leaves the server.
    expect(emailsIn(invite.ics)).toEqual(new Set([user.email, 'industry-day@defence-investment.example']))
  })

  it.each([
    ['summer time (CEST, UTC+2)', new TZDate(2027, 5, 16, 9, 30, BRUSSELS), '20270616T093000', '2027-06-16T07:30:00.000Z'],
    ['winter time (CET, UTC+1)', new TZDate(2027, 0, 20, 9, 30, BRUSSELS), '20270120T093000', '2027-01-20T08:30:00.000Z'],
  ])('round-trips a session moved into Brussels %s', async (_label, wallClockStart, expectedWallClock, expectedUtc) => {
    const { user } = await approvedAttendee(db)
    const startsAt = new Date(wallClockStart.getTime())
    const before = await db.agendaSession.findUniqueOrThrow({ where: { id: PLENARY_ID }, select: { calendarSequence: true } })
    await db.agendaSession.update({
      where: { id: PLENARY_ID },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000), calendarSequence: { increment: 1 } },
    })

    const invite = await sessionInvite(db, { sessionId: PLENARY_ID, userId: user.id, method: 'REQUEST' })
    expect(invite.sequence).toBe(before.calendarSequence + 1)
    expect(eventBlocks(invite.ics)[0]).toContain(`DTSTART;TZID=Europe/Brussels:${expectedWallClock}`)
    const [event] = readWithIcalJs(invite.ics).events
    expect(event!.start.toISOString()).toBe(expectedUtc)
    expect(event!.sequence).toBe(before.calendarSequence + 1)
    expect(readWithNodeIcal(invite.ics)[0]!.start.toISOString()).toBe(expectedUtc)
    const vtimezone = vtimezoneOf(invite.ics, BRUSSELS)
    expect(vtimezone).toContain('BEGIN:STANDARD')
    expect(vtimezone).toContain('BEGIN:DAYLIGHT')
  })

  it('cancels a session with the same UID, STATUS:CANCELLED and the higher sequence', async () => {
    const { user } = await approvedAttendee(db)
    const request = await sessionInvite(db, { sessionId: PLENARY_ID, userId: user.id, method: 'REQUEST' })
    // What the agenda's cancel operation does in its transaction: mark the row, raise its sequence.
    await db.agendaSession.update({
      where: { id: PLENARY_ID },
      data: { status: 'CANCELLED', cancelledAt: new Date('2027-03-01T10:00:00Z'), calendarSequence: { increment: 1 } },
    })

    const cancel = await sessionInvite(db, { sessionId: PLENARY_ID, userId: user.id, method: 'CANCEL' })
    expect(cancel.uid).toBe(request.uid)
    expect(cancel.sequence).toBe(request.sequence + 1)
    const calendar = readWithIcalJs(cancel.ics)
    expect(calendar.method).toBe('CANCEL')
    expect(calendar.events[0]).toMatchObject({ uid: request.uid, status: 'CANCELLED', sequence: request.sequence + 1 })
    expect(calendar.events[0]!.attendees.map((attendee) => attendee.email)).toEqual([user.email])
    await expect(sessionInvite(db, { sessionId: PLENARY_ID, userId: user.id, method: 'REQUEST' })).rejects.toThrow(CalendarInputError)
  })

  it('raises every item\'s SEQUENCE when the event itself changes', async () => {
    const meeting = await confirmedMeeting(db)
    const userId = meeting.participants[0]!.user.id
    const before = await meetingInvite(db, { eventId: meeting.eventId, meetingId: meeting.id, userId, method: 'REQUEST' })
    await db.event.update({ where: { id: demoEventId }, data: { calendarSequence: { increment: 1 } } })
    try {
      const after = await meetingInvite(db, { eventId: meeting.eventId, meetingId: meeting.id, userId, method: 'REQUEST' })
      expect(after.uid).toBe(before.uid)
      expect(after.sequence).toBe(before.sequence + 1)
    } finally {
      await db.event.update({ where: { id: demoEventId }, data: { calendarSequence: { decrement: 1 } } })
    }
  })

  it('builds a meeting invite with both participants, the table and the slot', async () => {
    const meeting = await confirmedMeeting(db)
    const [first, second] = meeting.participants.map((participant) => participant.user)
    const invite = await meetingInvite(db, { eventId: meeting.eventId, meetingId: meeting.id, userId: first!.id, method: 'REQUEST' })

    expect(invite.uid).toBe(meeting.calendarUid)
    expect(invite.filename).toMatch(new RegExp(`^${escapeRegExp(demoSlug)}-b2b-meeting-(${demo.dayKey(1)}|${demo.dayKey(2)})-\\d{4}\\.ics$`))
    const [event] = readWithIcalJs(invite.ics).events
    expect(event!.start).toEqual(meeting.slot.startsAt)
    expect(event!.end).toEqual(meeting.slot.endsAt)
    expect(event!.startTzid).toBe(BRUSSELS)
    expect(readWithNodeIcal(invite.ics)[0]!.end).toEqual(meeting.slot.endsAt)
    expect(event!.summary).toBe(`B2B meeting: ${second!.name} (${second!.organisation!.name})`)
    expect(event!.location).toBe(
      `Table ${meeting.table.number}, B2B Hall (Conference wing, ground floor), NATO Headquarters, Boulevard Léopold III, 1110 Brussels, Belgium`,
    )
    expect(event!.organizer.email).toBe('industry-day@defence-investment.example')
    expect(event!.attendees).toEqual(
      [first!, second!].map((user) => ({ name: user.name, email: user.email, partstat: 'ACCEPTED', rsvp: 'FALSE', role: 'REQ-PARTICIPANT' })),
    )
    expect(emailsIn(invite.ics)).toEqual(new Set([first!.email, second!.email, 'industry-day@defence-investment.example']))

    // The other participant's copy names the first one.
    const theirs = readWithIcalJs((await meetingInvite(db, { eventId: meeting.eventId, meetingId: meeting.id, userId: second!.id, method: 'REQUEST' })).ics).events[0]!
    expect(theirs.summary).toBe(`B2B meeting: ${first!.name} (${first!.organisation!.name})`)
    expect(theirs.uid).toBe(meeting.calendarUid)
  })

  it('refuses a meeting invite for someone who is not in the meeting, and unknown ids', async () => {
    const meeting = await confirmedMeeting(db)
    const outsider = await db.user.findFirstOrThrow({
      where: { registrations: { some: { status: 'APPROVED' } }, meetingParticipants: { none: { meetingId: meeting.id } } },
      orderBy: { id: 'asc' },
      select: { id: true },
    })
    await expect(meetingInvite(db, { eventId: meeting.eventId, meetingId: meeting.id, userId: outsider.id, method: 'REQUEST' })).rejects.toThrow(DomainError)
    await expect(meetingInvite(db, { eventId: meeting.eventId, meetingId: 'no-such-meeting', userId: outsider.id, method: 'REQUEST' })).rejects.toThrow(/No B2B meeting/)
    await expect(sessionInvite(db, { sessionId: 'no-such-session', userId: outsider.id, method: 'REQUEST' })).rejects.toThrow(DomainError)
    await expect(sessionInvite(db, { sessionId: PLENARY_ID, userId: 'no-such-user', method: 'REQUEST' })).rejects.toThrow(/No user/)
    await expect(eventInvite(db, { registrationId: 'no-such-registration', method: 'REQUEST' })).rejects.toThrow(DomainError)
  })

  it('invites an approved registrant to the event and cancels with the same UID', async () => {
    const registration = await approvedAttendee(db)
    const event = await db.event.findUniqueOrThrow({ where: { id: demoEventId } })
    const request = await eventInvite(db, { registrationId: registration.id, method: 'REQUEST' })
    expect(request).toMatchObject({ uid: registration.calendarUid, sequence: registration.calendarSequence, filename: `${demoSlug}.ics` })
    const [invited] = readWithIcalJs(request.ics).events
    expect(invited).toMatchObject({ start: event.startsAt, end: event.endsAt, summary: event.title, status: 'CONFIRMED', startTzid: BRUSSELS })
    expect(invited!.location).toBe('NATO Headquarters, Boulevard Léopold III, 1110 Brussels, Belgium')
    expect(invited!.attendees.map((attendee) => attendee.email)).toEqual([registration.user.email])

    await db.registration.update({
      where: { id: registration.id },
      data: { status: 'CANCELLED', cancelledAt: new Date('2027-03-02T09:00:00Z'), calendarSequence: { increment: 1 } },
    })
    const cancel = await eventInvite(db, { registrationId: registration.id, method: 'CANCEL' })
    const [cancelled] = readWithIcalJs(cancel.ics).events
    expect(cancelled).toMatchObject({ uid: request.uid, status: 'CANCELLED', sequence: request.sequence + 1 })
    await expect(eventInvite(db, { registrationId: registration.id, method: 'REQUEST' })).rejects.toThrow(/is CANCELLED: only an approved registration/)
  })
})

describe('invites from the seeded PostgreSQL database', () => {
  let sqlite: TestDatabase
  let postgres: TestDatabase

  beforeAll(async () => {
    ;[sqlite, postgres] = await Promise.all([createTestDatabase('sqlite'), createTestDatabase('postgresql')])
    await Promise.all([seedDatabase(sqlite.db), seedDatabase(postgres.db)])
  })
  afterAll(async () => {
    await Promise.all([sqlite.cleanup(), postgres.cleanup()])
  })

  it('are byte-identical to the SQLite ones and read back to the stored instants', async () => {
    const meeting = await confirmedMeeting(postgres.db)
    const userId = meeting.participants[0]!.user.id
    const onPostgres = await meetingInvite(postgres.db, { eventId: meeting.eventId, meetingId: meeting.id, userId, method: 'REQUEST' })
    const onSqlite = await meetingInvite(sqlite.db, { eventId: meeting.eventId, meetingId: meeting.id, userId, method: 'REQUEST' })
    expect(onPostgres.ics).toBe(onSqlite.ics)
    expect(readWithIcalJs(onPostgres.ics).events[0]!.start).toEqual(meeting.slot.startsAt)

    const session = await postgres.db.agendaSession.findUniqueOrThrow({ where: { id: PLENARY_ID } })
    const sessionOnPostgres = await sessionInvite(postgres.db, { sessionId: PLENARY_ID, userId, method: 'PUBLISH' })
    expect(sessionOnPostgres.ics).toBe((await sessionInvite(sqlite.db, { sessionId: PLENARY_ID, userId, method: 'PUBLISH' })).ics)
    expect(readWithIcalJs(sessionOnPostgres.ics).events[0]).toMatchObject({ start: session.startsAt, end: session.endsAt, attendees: [] })
  })
})
