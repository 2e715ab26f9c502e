// The event as a registration reads it (one raw statement, what every registration of a rush
// runs) against Prisma's nested read of the same rows, on SQLite and on PostgreSQL: every column
// of every kind (dates, null and set capacity, JSON eligibility and options, booleans both ways),
// every question kind, archived questions left out, the order of the form, the person's own
// registration and nobody else's, and the events the public cannot register for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEventForRegistration, getEventForSubmission } from '#app/domain/registration/registration.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

/** Prisma's nested read, the reference: what the event's form and window are, straight from the rows. */
async function readWithPrisma(db: Db, slug: string, userId: string) {
  const event = await db.event.findFirst({
    where: { slug, status: { in: ['PUBLISHED', 'CANCELLED'] } },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      venueName: true,
      venueAddress: true,
      status: true,
      registrationOpensAt: true,
      registrationClosesAt: true,
      capacity: true,
      seatsTaken: true,
      waitlistEnabled: true,
      approvalRequired: true,
      eligibleNationalities: true,
      eligibilityExplanation: true,
      hostName: true,
      contactEmail: true,
      calendarSequence: true,
      updatedAt: true,
      questions: {
        where: { archivedAt: null },
        orderBy: { position: 'asc' },
        select: { key: true, label: true, helpText: true, kind: true, required: true, vetted: true, options: true },
      },
      registrations: { where: { userId }, select: { id: true, status: true, consentVersion: true } },
    },
  })
  if (!event) return null
  const { registrations, ...rest } = event
  return { event: rest, existing: registrations[0] ?? null }
}

describe.each(providers)('the event a registration reads on %s', (provider) => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test.cleanup()
  })

  it('is the event, its live questions in order and the person’s registration, as Prisma reads them, field for field', async () => {
    const { db } = test
    const event = await createEvent(db, { capacity: 40 })
    await db.event.update({
      where: { id: event.id },
      data: {
        eligibleNationalities: ['BE', 'FR', 'NL'],
        eligibilityExplanation: 'Open to nationals of NATO member states.',
        approvalRequired: false,
        waitlistEnabled: false,
        seatsTaken: 7,
        calendarSequence: 3,
      },
    })
    const question = (key: string, position: number, values: Record<string, unknown> = {}) =>
      db.registrationQuestion.create({ data: { eventId: event.id, key, label: `Question ${key}`, kind: 'TEXT', position, ...values } })
    // Created out of their order on the form, so the order read is the positions'.
    await question('clearance', 2, { kind: 'CHOICE', required: true, vetted: true, options: [{ value: 'none', label: 'None' }, { value: 'secret', label: 'NATO SECRET' }, { value: 'old', label: 'Old', retired: true }] })
    await question('areas', 0, { kind: 'MULTIPLE_CHOICE', helpText: 'Choose all that apply.', vetted: false, options: [{ value: 'detect', label: 'Detect' }, { value: 'defeat', label: 'Defeat' }] })
    await question('why', 1, { kind: 'LONG_TEXT', required: false, vetted: false })
    await question('citizen', 4, { kind: 'YES_NO', required: true })
    await question('country', 3, { kind: 'COUNTRY', helpText: '' })
    await question('website', 5, { archivedAt: new Date() })
    const registered = await createUser(db)
    const newcomer = await createUser(db)
    await db.consentText.create({ data: { version: 'consent-v1', text: 'I agree.' } })
    await db.registration.create({ data: { ...registrationData(event.id, registered.id), status: 'WAITLISTED', consentVersion: 'consent-v1' } })

    for (const userId of [registered.id, newcomer.id]) {
      const read = await getEventForSubmission(db, event.slug, userId)
      const reference = await readWithPrisma(db, event.slug, userId)
      expect(read).toEqual(reference)
    }
    const read = await getEventForSubmission(db, event.slug, registered.id)
    expect(read!.event.questions.map((q) => q.key)).toEqual(['areas', 'why', 'clearance', 'country', 'citizen'])
    expect(read!.existing).toMatchObject({ status: 'WAITLISTED', consentVersion: 'consent-v1' })
    expect((await getEventForSubmission(db, event.slug, newcomer.id))!.existing).toBeNull()
    expect(await getEventForRegistration(db, event.slug)).toEqual((await readWithPrisma(db, event.slug, newcomer.id))!.event)
  })

  it('reads an event without questions, limit or rule, with every flag the other way', async () => {
    const { db } = test
    const event = await createEvent(db, { capacity: null })
    await db.event.update({ where: { id: event.id }, data: { status: 'CANCELLED', approvalRequired: true, waitlistEnabled: true } })
    const person = await createUser(db)
    const read = await getEventForSubmission(db, event.slug, person.id)
    expect(read).toEqual(await readWithPrisma(db, event.slug, person.id))
    expect(read!.event).toMatchObject({ capacity: null, eligibleNationalities: null, eligibilityExplanation: null, questions: [], status: 'CANCELLED' })
  })

  it('is nothing for a draft, an unknown slug or an id in place of a slug', async () => {
    const { db } = test
    const event = await createEvent(db)
    const person = await createUser(db)
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    expect(await getEventForSubmission(db, event.slug, person.id)).toBeNull()
    expect(await getEventForRegistration(db, event.slug)).toBeNull()
    await db.event.update({ where: { id: event.id }, data: { status: 'PUBLISHED' } })
    expect(await getEventForSubmission(db, event.id, person.id)).toBeNull()
    expect(await getEventForSubmission(db, 'no-such-event', person.id)).toBeNull()
  })
})
