// Vetted attributes belong to the registration: the account page and another event's form
// cannot change what an event's officers vetted. Only editing the registration itself does,
// and that sends it back to vetting. Organisations a registrant adds are flagged to officers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateProfile } from '#app/domain/account/account.server.ts'
import { decideRegistration, submitRegistration } from '#app/domain/registration/registration.server.ts'
import { getRegistrationForVetting, listVettingQueue } from '#app/domain/registration/vetting.server.ts'
import { parseVettingQuery } from '#app/domain/registration/vetting.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'

const NATO_ONLY = ['BE', 'DE', 'EE', 'FR', 'NL', 'PL']

describe.each(providers)('vetted data stays vetted on %s', (provider: Provider) => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function approvedAttendee() {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true, eligibleNationalities: NATO_ONLY })
    const officer = (await createUsers(db, 1))[0]!
    const attendee = (await createUsers(db, 1))[0]!
    const { registrationId } = await submitRegistration(db, { event, userId: attendee.id, values: formValues(organisationId, { nationality: 'EE' }) })
    await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer.id, action: 'approve' })
    return { event, organisationId, attendee, officer, registrationId }
  }

  it('a nationality changed on the account page leaves the vetted registration as it was', async () => {
    const { db } = test
    const { event, attendee, registrationId } = await approvedAttendee()

    // What POST /account does: a nationality the event's rule excludes.
    await updateProfile(db, attendee.id, { name: 'Test Person', jobTitle: null, nationality: 'CN', timeZone: null })

    const vetted = await getRegistrationForVetting(db, event.id, registrationId)
    expect(vetted?.person.nationality).toBe('EE')
    expect(vetted?.status).toBe('APPROVED')
    const row = await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { nationality: true, status: true } })
    expect(row).toEqual({ nationality: 'EE', status: 'APPROVED' })
    // The queue's country filter reads the registration too.
    const queue = (country: string) => listVettingQueue(db, event.id, parseVettingQuery(new URLSearchParams({ status: 'APPROVED', country })))
    expect((await queue('EE')).rows.map((queued) => queued.id)).toEqual([registrationId])
    expect((await queue('CN')).rows).toEqual([])
  })

  it('editing the registration is the one way to change it: back to vetting, with the change in the history', async () => {
    const { db } = test
    const { event, organisationId, attendee, registrationId } = await approvedAttendee()
    await updateProfile(db, attendee.id, { name: 'Test Person', jobTitle: null, nationality: 'CN', timeZone: null })

    const outcome = await submitRegistration(db, { event, userId: attendee.id, values: formValues(organisationId, { nationality: 'PL' }) })
    expect(outcome).toMatchObject({ status: 'PENDING', backToVetting: true })
    const vetted = await getRegistrationForVetting(db, event.id, registrationId)
    expect(vetted?.person.nationality).toBe('PL')
    // The change is from what was vetted (Estonia), not from the account's value.
    expect(vetted?.history[0]?.changes).toEqual([{ field: 'Nationality', before: 'Estonia', after: 'Poland' }])
  })

  it('registering for another event with a new self-declared buyer leaves the first registration and flags the new organisation', async () => {
    const { db } = test
    const first = await approvedAttendee()
    const { event: other } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })

    const pending = await submitRegistration(db, {
      event: other,
      userId: first.attendee.id,
      values: formValues('new', { nationality: 'EE', newOrganisationName: 'Ministry of Drones', newOrganisationKind: 'GOVERNMENT_BUYER', newOrganisationCountry: 'EE' }),
    })
    expect(pending.status).toBe('PENDING')

    const firstRegistration = await db.registration.findUniqueOrThrow({ where: { id: first.registrationId }, select: { organisationId: true, nationality: true, status: true } })
    expect(firstRegistration).toEqual({ organisationId: first.organisationId, nationality: 'EE', status: 'APPROVED' })

    const atOther = await getRegistrationForVetting(db, other.id, pending.registrationId)
    expect(atOther?.organisation).toMatchObject({ name: 'Ministry of Drones', kind: 'GOVERNMENT_BUYER', addedBy: 'this-registrant', selfDeclaredBuyer: true })
    const atFirst = await getRegistrationForVetting(db, first.event.id, first.registrationId)
    expect(atFirst?.organisation).toMatchObject({ name: 'Test Org', addedBy: null, selfDeclaredBuyer: false })

    // A colleague choosing that organisation later sees it flagged as added by another registrant.
    const colleague = (await createUsers(db, 1))[0]!
    const organisation = await db.organisation.findFirstOrThrow({ where: { name: 'Ministry of Drones' }, select: { id: true } })
    const colleagueRegistration = await submitRegistration(db, { event: other, userId: colleague.id, values: formValues(organisation.id, { nationality: 'EE' }) })
    const queue = await listVettingQueue(db, other.id, parseVettingQuery(new URLSearchParams({ status: 'PENDING' })))
    expect(queue.rows.find((row) => row.id === colleagueRegistration.registrationId)?.organisation).toMatchObject({ addedBy: 'another-registrant', selfDeclaredBuyer: true })
  })
})
