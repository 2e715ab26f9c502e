// Minimal rows for tests that need an event and people; each call makes new, unique ones.
import { randomBytes } from 'node:crypto'
import type { Db } from '#app/lib/db-client.server.ts'

const token = () => randomBytes(6).toString('hex')

export async function createUser(db: Db, name = 'Test Person') {
  return db.user.create({ data: { email: `person-${token()}@example.org`, name }, select: { id: true, email: true } })
}

export async function createEvent(db: Db, overrides: { capacity?: number | null } = {}) {
  const slug = `test-event-${token()}`
  return db.event.create({
    data: {
      slug,
      title: 'Test Industry Day',
      summary: 'A test event',
      description: 'A test event.',
      hostName: 'Test host',
      contactEmail: 'contact@example.org',
      venueName: 'Test venue',
      venueAddress: 'Test street 1, Brussels',
      timeZone: 'Europe/Brussels',
      startsAt: new Date('2027-03-24T08:00:00Z'),
      endsAt: new Date('2027-03-24T17:00:00Z'),
      registrationOpensAt: new Date('2026-11-01T00:00:00Z'),
      registrationClosesAt: new Date('2027-03-10T00:00:00Z'),
      capacity: overrides.capacity === undefined ? 100 : overrides.capacity,
      status: 'PUBLISHED',
      calendarUid: `event-${slug}@muster.test`,
    },
    select: { id: true, slug: true },
  })
}

export function registrationData(eventId: string, userId: string) {
  return {
    eventId,
    userId,
    answers: {},
    consentGivenAt: new Date(),
    badgeCode: `badge-${token()}`,
    calendarUid: `registration-${token()}@muster.test`,
  }
}
