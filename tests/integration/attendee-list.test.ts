// "Who is coming", on both engines: nobody is listed without ticking the box (default off); only
// approved people appear; taking consent back (account page or an edit) removes them at once and
// agreeing again keeps the first agreement's time; who may read it follows the event's choice;
// B2B participants show their offers; the CSV is what the reader sees, formula-safe and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attendeeListAccess, attendeeListCsv, getAttendeeList, setAttendeeListConsent } from '#app/domain/registration/attendee-list.server.ts'
import { parseAttendeeListQuery } from '#app/domain/registration/attendee-list.ts'
import { decideRegistration, submitRegistration } from '#app/domain/registration/registration.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { csvRecords } from '#tests/support/csv.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demoEventId, demoSlug } from '#tests/support/demo.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { createRegistrationEvent, formValues } from '#tests/support/registration-fixtures.ts'

const everyone = parseAttendeeListQuery(new URLSearchParams())

describe.each(providers)('who is coming on %s', (provider) => {
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

  it('lists only approved people who ticked the box, and takes them off at once when they untick it', async () => {
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const officer = await createUser(db, 'Officer')
    const [ticked, silent] = [await createUser(db, 'Ada Ticked'), await createUser(db, 'Ben Silent')]
    const first = await submitRegistration(db, { event, userId: ticked.id, values: formValues(organisationId, { name: 'Ada Ticked', attendeeList: 'on' }) })
    const second = await submitRegistration(db, { event, userId: silent.id, values: formValues(organisationId, { name: 'Ben Silent' }) })
    // Pending: not on the list yet, whatever they chose.
    expect(await getAttendeeList(db, event.id, everyone)).toEqual([])
    for (const registrationId of [first.registrationId, second.registrationId]) {
      await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer.id, action: 'approve' })
    }
    expect((await getAttendeeList(db, event.id, everyone)).map((person) => person.name)).toEqual(['Ada Ticked'])

    const agreedAt = (await db.registration.findUniqueOrThrow({ where: { id: first.registrationId }, select: { attendeeListConsentAt: true } })).attendeeListConsentAt!
    await setAttendeeListConsent(db, { userId: ticked.id, eventId: event.id, listed: true, now: new Date(agreedAt.getTime() + 60_000) })
    expect((await db.registration.findUniqueOrThrow({ where: { id: first.registrationId }, select: { attendeeListConsentAt: true } })).attendeeListConsentAt).toEqual(agreedAt)
    await setAttendeeListConsent(db, { userId: ticked.id, eventId: event.id, listed: false })
    expect(await getAttendeeList(db, event.id, everyone)).toEqual([])

    // An edit of the registration carries the choice too; it is not a vetted field.
    await submitRegistration(db, { event, userId: silent.id, values: formValues(organisationId, { name: 'Ben Silent', attendeeList: 'on' }) })
    expect((await getAttendeeList(db, event.id, everyone)).map((person) => person.name)).toEqual(['Ben Silent'])
    expect((await db.registration.findUniqueOrThrow({ where: { id: second.registrationId }, select: { status: true } })).status).toBe('APPROVED')
    await submitRegistration(db, { event, userId: silent.id, values: formValues(organisationId, { name: 'Ben Silent' }) })
    expect(await getAttendeeList(db, event.id, everyone)).toEqual([])

    const stranger = await createUser(db, 'No registration')
    await expect(setAttendeeListConsent(db, { userId: stranger.id, eventId: event.id, listed: true })).rejects.toThrow('no registration')
  })

  it('lets approved attendees, staff and admins read it, everyone once the event makes it public', async () => {
    const person = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }).then((user) => ({ id: user.id, isPlatformAdmin: false }))
    const pending = await db.registration.findFirstOrThrow({ where: { eventId: demoEventId, status: 'PENDING' }, select: { userId: true } })
    const access = async (user: { id: string; isPlatformAdmin: boolean } | null) => (await attendeeListAccess(db, { slug: demoSlug, user }))!.mayRead
    expect(await access(null)).toBe(false)
    expect(await access(await person('kadri.tamm@hornet.example'))).toBe(true)
    expect(await access(await person('jonas.peeters@defence-investment.example'))).toBe(true)
    expect(await access({ id: pending.userId, isPlatformAdmin: false })).toBe(false)
    expect(await access({ id: (await createUser(db)).id, isPlatformAdmin: false })).toBe(false)
    expect(await access({ id: (await createUser(db)).id, isPlatformAdmin: true })).toBe(true)
    await db.event.update({ where: { id: demoEventId }, data: { attendeeListPublic: true }, select: { id: true } })
    expect(await access(null)).toBe(true)
    await db.event.update({ where: { id: demoEventId }, data: { attendeeListPublic: false }, select: { id: true } })
    expect(await attendeeListAccess(db, { slug: 'no-such-event', user: null })).toBeNull()
  })

  it('shows B2B participants’ offers, searches them, and exports what the reader sees as safe, audited CSV', async () => {
    const expected = await db.registration.findMany({ where: { eventId: demoEventId, status: 'APPROVED', attendeeListConsentAt: { not: null } }, select: { userId: true } })
    const list = await getAttendeeList(db, demoEventId, everyone)
    expect(list.map((person) => person.userId).sort()).toEqual(expected.map((row) => row.userId).sort())
    const offering = list.find((person) => person.offers.length > 0)!
    expect(offering).toBeDefined()
    const byOffer = await getAttendeeList(db, demoEventId, parseAttendeeListQuery(new URLSearchParams({ q: offering.offers[0]!.toUpperCase() })))
    expect(byOffer.map((person) => person.userId)).toContain(offering.userId)
    const smes = await getAttendeeList(db, demoEventId, parseAttendeeListQuery(new URLSearchParams({ kind: 'SME' })))
    expect(smes.length).toBeGreaterThan(0)
    expect(smes.every((person) => person.organisation?.kind === 'SME')).toBe(true)

    await db.user.update({ where: { id: offering.userId }, data: { jobTitle: '=cmd|" /C calc"!A0' }, select: { id: true } })
    const reader = await db.user.findUniqueOrThrow({ where: { email: 'kadri.tamm@hornet.example' }, select: { id: true } })
    const file = await attendeeListCsv(db, { event: { id: demoEventId, slug: demoSlug, title: 'Demo' }, query: everyone, downloadedBy: { userId: reader.id, ipAddress: '192.0.2.9' } })
    const records = csvRecords(file.body)
    expect(records).toHaveLength(list.length)
    expect(records.find((record) => record.Name === offering.name)!['Job title']).toBe(`'=cmd|" /C calc"!A0`)
    expect(records.find((record) => record.Name === offering.name)!.Offers).toBe(offering.offers.join('; '))
    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { eventId: demoEventId, action: 'export.downloaded', actorId: reader.id }, select: { data: true, ipAddress: true } })
    expect(audit).toEqual({ data: { file: `${demoSlug}-who-is-coming.csv`, registrations: list.length }, ipAddress: '192.0.2.9' })
  })
})
