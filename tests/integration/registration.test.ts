// Registration and vetting rules on a real database: statuses, seats, the waiting list,
// re-vetting after edits, messages and invites, and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cancelOwnRegistration,
  decideRegistration,
  decideRegistrations,
  getOwnRegistration,
  setEventCapacity,
  submitRegistration,
} from '#app/domain/registration/registration.server.ts'
import { registrationFormSchema } from '#app/domain/registration/registration-form.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'
import { readWithIcalJs as parseCalendar } from '#tests/support/icalendar.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'
import { applyVenueChange, planVenueChange } from '#app/domain/events/venue-change.server.ts'

let test: TestDatabase

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
})
afterAll(async () => {
  await test?.cleanup()
})

async function statusOf(registrationId: string) {
  return test.db.registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: { status: true, holdsSeat: true, waitlistNumber: true, calendarSequence: true, calendarUid: true },
  })
}

async function messagesFor(userId: string) {
  return findQueuedEmails(test.db, { where: { userId }, orderBy: { createdAt: 'asc' } })
}

describe('with vetting', () => {
  it('runs pending -> approved -> cancelled, with the invite and its CANCEL, and promotes the next in line', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 1, approvalRequired: true })
    const [ana, ben, officer] = await createUsers(db, 3)

    const first = await submitRegistration(db, { event, userId: ana!.id, values: formValues(organisationId) })
    expect(first).toMatchObject({ status: 'PENDING', created: true })
    expect((await messagesFor(ana!.id)).map((m) => m.kind)).toEqual(['registration-received'])

    expect(await decideRegistration(db, { eventId: event.id, registrationId: first.registrationId, actorId: officer!.id, action: 'approve' })).toBe('APPROVED')
    const approvedMail = (await messagesFor(ana!.id)).at(-1)!
    expect(approvedMail).toMatchObject({ kind: 'registration-approved', icsMethod: 'REQUEST' })
    const invite = parseCalendar(approvedMail.icsContent!)
    const { calendarUid } = await statusOf(first.registrationId)
    expect(invite.events[0]).toMatchObject({ uid: calendarUid, sequence: 0 })

    // Ben registers when the only seat is taken: vetted, then waitlisted.
    const second = await submitRegistration(db, { event, userId: ben!.id, values: formValues(organisationId) })
    expect(await decideRegistration(db, { eventId: event.id, registrationId: second.registrationId, actorId: officer!.id, action: 'approve' })).toBe('WAITLISTED')
    expect((await messagesFor(ben!.id)).at(-1)!.text).toContain('number 1 on the waiting list')
    expect((await getOwnRegistration(db, event.id, ben!.id))?.waitlistPosition).toBe(1)

    await cancelOwnRegistration(db, { eventId: event.id, registrationId: first.registrationId, userId: ana!.id })
    expect(await statusOf(first.registrationId)).toMatchObject({ status: 'CANCELLED', holdsSeat: false, calendarSequence: 1 })
    const cancelMail = (await messagesFor(ana!.id)).at(-1)!
    expect(cancelMail).toMatchObject({ kind: 'registration-cancelled', icsMethod: 'CANCEL' })
    expect(parseCalendar(cancelMail.icsContent!).events[0]).toMatchObject({ uid: calendarUid, sequence: 1, status: 'CANCELLED' })

    expect(await statusOf(second.registrationId)).toMatchObject({ status: 'APPROVED', holdsSeat: true, waitlistNumber: null })
    expect((await messagesFor(ben!.id)).at(-1)).toMatchObject({ kind: 'registration-promoted', icsMethod: 'REQUEST' })
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 1 })

    const history = await db.vettingDecision.findMany({ where: { registrationId: second.registrationId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true } })
    expect(history).toEqual([
      { action: 'SUBMITTED', actorId: ben!.id },
      { action: 'WAITLISTED', actorId: officer!.id },
      { action: 'PROMOTED', actorId: null },
    ])
  })

  it('sends an approved registration back to vetting when a vetted answer changes, keeping the seat', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [cleo, officer] = await createUsers(db, 2)
    const { registrationId } = await submitRegistration(db, { event, userId: cleo!.id, values: formValues(organisationId) })
    await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'approve' })

    const cosmetic = await submitRegistration(db, { event, userId: cleo!.id, values: formValues(organisationId, { answers: { clearance: 'none', dietary: 'vegetarian' } }) })
    expect(cosmetic).toMatchObject({ status: 'APPROVED', backToVetting: false })

    const vetted = await submitRegistration(db, { event, userId: cleo!.id, values: formValues(organisationId, { answers: { clearance: 'secret' } }) })
    expect(vetted).toMatchObject({ status: 'PENDING', backToVetting: true })
    expect(await statusOf(registrationId)).toMatchObject({ status: 'PENDING', holdsSeat: true })
    const edit = await db.vettingDecision.findFirstOrThrow({ where: { registrationId, action: 'EDITED', toStatus: 'PENDING' }, select: { changes: true } })
    expect(edit.changes).toEqual({ clearance: { before: 'none', after: 'secret' } })

    expect(await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'approve' })).toBe('APPROVED')
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 1 })
  })

  it('asks for more information, then approves once answered; refuses impossible transitions', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [dan, officer] = await createUsers(db, 2)
    const { registrationId } = await submitRegistration(db, { event, userId: dan!.id, values: formValues(organisationId) })
    await expect(decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'request-info' })).rejects.toThrow('Say what information you need.')
    await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'request-info', reason: 'Which unit do you work in?' })
    expect((await getOwnRegistration(db, event.id, dan!.id))?.infoRequest).toBe('Which unit do you work in?')
    expect((await messagesFor(dan!.id)).at(-1)!.text).toContain('Which unit do you work in?')

    await submitRegistration(db, { event, userId: dan!.id, values: formValues(organisationId, { jobTitle: 'Engineer, 3rd unit' }) })
    expect((await getOwnRegistration(db, event.id, dan!.id))?.infoRequestedAt).toBeNull()
    await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'approve' })
    await expect(decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'approve' })).rejects.toBeInstanceOf(DomainError)
    await expect(decideRegistration(db, { eventId: 'another-event', registrationId, actorId: officer!.id, action: 'reject' })).rejects.toThrow(/no such registration/)
  })

  it('applies bulk decisions one by one and reports each', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [a, b, officer] = await createUsers(db, 3)
    const ra = await submitRegistration(db, { event, userId: a!.id, values: formValues(organisationId) })
    const rb = await submitRegistration(db, { event, userId: b!.id, values: formValues(organisationId) })
    await decideRegistration(db, { eventId: event.id, registrationId: rb.registrationId, actorId: officer!.id, action: 'reject' })
    const outcomes = await decideRegistrations(db, { eventId: event.id, registrationIds: [ra.registrationId, rb.registrationId], actorId: officer!.id, action: 'approve' })
    expect(outcomes).toEqual([
      { registrationId: ra.registrationId, ok: true, status: 'APPROVED' },
      { registrationId: rb.registrationId, ok: false, message: 'Only pending registrations can be approved; this one is rejected.' },
    ])
  })

  it('refuses a second registration after a rejection', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [eve, officer] = await createUsers(db, 2)
    const { registrationId } = await submitRegistration(db, { event, userId: eve!.id, values: formValues(organisationId) })
    await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'reject', reason: 'Not eligible' })
    await expect(submitRegistration(db, { event, userId: eve!.id, values: formValues(organisationId) })).rejects.toMatchObject({ reason: 'conflict', code: 'rejected-before' })
  })
})

describe('without vetting', () => {
  it('promotes from the waiting list when capacity rises, first come first served', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 1, approvalRequired: false })
    const [organiser, ...people] = await createUsers(db, 5)
    const ids: string[] = []
    for (const person of people) ids.push((await submitRegistration(db, { event, userId: person.id, values: formValues(organisationId) })).registrationId)
    expect((await Promise.all(ids.map(statusOf))).map((r) => r.status)).toEqual(['APPROVED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED'])
    const { promoted } = await setEventCapacity(db, { eventId: event.id, capacity: 3, actorId: organiser!.id })
    expect(promoted).toEqual([ids[1], ids[2]])
    expect((await getOwnRegistration(db, event.id, people[3]!.id))?.waitlistPosition).toBe(1)
  })

  it('refuses when full and the event has no waiting list', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 1, approvalRequired: false, waitlistEnabled: false })
    const [a, b] = await createUsers(db, 2)
    await submitRegistration(db, { event, userId: a!.id, values: formValues(organisationId) })
    await expect(submitRegistration(db, { event: { ...event, seatsTaken: 0 }, userId: b!.id, values: formValues(organisationId) })).rejects.toMatchObject({ reason: 'limit', code: 'full' })
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
  })
})

describe.each(['sqlite', 'postgresql'] as const)('on %s', (provider) => {
  let changing: TestDatabase
  beforeAll(async () => {
    changing = provider === 'sqlite' ? test : await createTestDatabase(provider)
  })
  afterAll(async () => {
    if (changing !== test) await changing?.cleanup()
  })

  it('writes new registrations, alone and in groups, as they read back, with SUBMITTED before the decision in the history', async () => {
    const { db } = changing
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 3, approvalRequired: false })
    const people = await createUsers(db, 6)
    const answers = { clearance: 'secret', dietary: 'Vegetarian, "no nuts" — merci' }
    const before = Date.now()
    // Six at once: groups on PostgreSQL; three take the seats and three wait, in the order they came.
    const outcomes = await Promise.all(
      people.map((person, i) => submitRegistration(db, { event, userId: person.id, values: formValues(organisationId, { answers, name: `Person ${i}`, attendeeList: i % 2 ? 'on' : undefined }) })),
    )
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED'])
    const rows = await db.registration.findMany({
      where: { eventId: event.id },
      orderBy: { submittedAt: 'asc' },
      select: {
        id: true, userId: true, status: true, holdsSeat: true, waitlistNumber: true, waitlistedAt: true, decidedAt: true, answers: true, nationality: true,
        organisationId: true, consentVersion: true, consentGivenAt: true, attendeeListConsentAt: true, submittedAt: true, createdAt: true, updatedAt: true,
        calendarSequence: true, badgeCode: true, calendarUid: true,
        decisions: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { action: true, fromStatus: true, toStatus: true, actorId: true, createdAt: true } },
      },
    })
    expect(rows).toHaveLength(6)
    for (const row of rows) {
      const outcome = outcomes.find((candidate) => candidate.registrationId === row.id)!
      const person = people.findIndex((candidate) => candidate.id === row.userId)
      expect(row).toMatchObject({ status: outcome.status, holdsSeat: outcome.status === 'APPROVED', answers, nationality: 'BE', organisationId, calendarSequence: 0 })
      expect(row.consentVersion).toMatch(/\S/)
      expect(row.badgeCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/)
      expect(row.attendeeListConsentAt === null).toBe(person % 2 === 0)
      for (const moment of [row.consentGivenAt, row.submittedAt, row.createdAt, row.updatedAt, row.decidedAt!]) {
        expect(moment.getTime()).toBeGreaterThanOrEqual(before)
        expect(moment.getTime()).toBeLessThanOrEqual(Date.now())
      }
      expect(row.waitlistedAt === null).toBe(outcome.status === 'APPROVED')
      expect(row.decisions).toEqual([
        { action: 'SUBMITTED', fromStatus: null, toStatus: 'PENDING', actorId: row.userId, createdAt: row.submittedAt },
        { action: outcome.status, fromStatus: 'PENDING', toStatus: outcome.status, actorId: null, createdAt: row.submittedAt },
      ])
    }
    const waiting = rows.filter((row) => row.status === 'WAITLISTED').sort((a, b) => a.waitlistNumber! - b.waitlistNumber!)
    expect(waiting.map((row) => row.waitlistNumber)).toEqual([1, 2, 3])
    // Each was told their place in line, and their page shows it; it moves up when someone ahead leaves.
    for (const [i, row] of waiting.entries()) {
      const [email] = await findQueuedEmails(db, { where: { userId: row.userId } })
      expect(email!.text).toContain(`number ${i + 1} on the waiting list`)
      expect((await getOwnRegistration(db, event.id, row.userId))?.waitlistPosition).toBe(i + 1)
    }
    await cancelOwnRegistration(db, { eventId: event.id, registrationId: waiting[0]!.id, userId: waiting[0]!.userId })
    expect(await Promise.all(waiting.slice(1).map(async (row) => (await getOwnRegistration(db, event.id, row.userId))?.waitlistPosition))).toEqual([1, 2])
  })

  describe('an event that changes while a registration is committed', () => {
    // The registration was submitted against the event as the form's request read it; the organiser
    // moved the event before the seat was taken. The confirmation must name the new venue.
    it.each([
      { place: 'a seat', options: { capacity: 10, approvalRequired: false }, status: 'APPROVED', kind: 'registration-approved', invite: true },
      { place: 'the waiting list', options: { capacity: 0, approvalRequired: false }, status: 'WAITLISTED', kind: 'registration-waitlisted', invite: false },
      { place: 'vetting', options: { capacity: 10, approvalRequired: true }, status: 'PENDING', kind: 'registration-received', invite: false },
    ] as const)('registers into $place with an email that shows the event as it now stands', async ({ options, status, kind, invite }) => {
      const { db } = changing
      const { event: readBeforeTheChange, organisationId } = await createRegistrationEvent(db, options)
      const [registrant, organiser] = await createUsers(db, 2)
      const newVenue = { venueName: 'Egmont Palace', venueAddress: 'Place du Petit Sablon 8, 1000 Brussels' }
      const plan = await planVenueChange(db, { eventId: readBeforeTheChange.id, values: newVenue })
      await applyVenueChange(db, { eventId: readBeforeTheChange.id, actorId: organiser!.id, values: newVenue, expectedUpdatedAt: plan.expectedUpdatedAt })

      const outcome = await submitRegistration(db, { event: readBeforeTheChange, userId: registrant!.id, values: formValues(organisationId) })

      expect(outcome).toMatchObject({ status, created: true })
      const messages = await findQueuedEmails(db, { where: { userId: registrant!.id } })
      expect(messages.map((message) => message.kind)).toEqual([kind])
      expect(messages[0]!.text).toContain('Egmont Palace')
      expect(messages[0]!.text).not.toContain('Test venue')
      if (invite) {
        const [entry] = parseCalendar(messages[0]!.icsContent!).events
        // The event's sequence moved with the venue; the new registration's own is 0.
        expect(entry).toMatchObject({ sequence: 1 })
        expect(entry!.location).toContain('Egmont Palace')
      } else {
        expect(messages[0]!.icsContent).toBeNull()
      }
    })

    it('tells everyone to send it again, writing nothing, when the event changes under every try', async () => {
      const { db } = changing
      const { event, organisationId } = await createRegistrationEvent(db, { capacity: 10, approvalRequired: true })
      const people = await createUsers(db, 3)
      // Stands in for an organiser at work: every new registration of this event moves the event's
      // version inside the registering transaction, so its check fails on every try (and each
      // try's bump is rolled back with it).
      const trigger = `registration_moves_event_${event.id.replace(/[^a-z0-9]/gi, '')}`
      if (provider === 'sqlite') {
        await db.$executeRawUnsafe(
          `CREATE TRIGGER "${trigger}" AFTER INSERT ON "Registration" WHEN NEW."eventId" = '${event.id}'
           BEGIN UPDATE "Event" SET "calendarSequence" = "calendarSequence" + 1 WHERE "id" = NEW."eventId"; END`,
        )
      } else {
        await db.$executeRawUnsafe(
          `CREATE FUNCTION "${trigger}"() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN UPDATE "Event" SET "calendarSequence" = "calendarSequence" + 1 WHERE "id" = NEW."eventId"; RETURN NEW; END $$`,
        )
        await db.$executeRawUnsafe(
          `CREATE TRIGGER "${trigger}" AFTER INSERT ON "Registration" FOR EACH ROW WHEN (NEW."eventId" = '${event.id}') EXECUTE FUNCTION "${trigger}"()`,
        )
      }
      const dropTrigger = async () => {
        await db.$executeRawUnsafe(provider === 'sqlite' ? `DROP TRIGGER "${trigger}"` : `DROP TRIGGER "${trigger}" ON "Registration"`)
        if (provider === 'postgresql') await db.$executeRawUnsafe(`DROP FUNCTION "${trigger}"()`)
      }

      // Three at once: alone and as a group, each is refused with the same sentence.
      const outcomes = await Promise.allSettled(people.map((person) => submitRegistration(db, { event, userId: person.id, values: formValues(organisationId) })))
      await dropTrigger()

      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected')
        const refusal = (outcome as PromiseRejectedResult).reason
        expect(refusal).toBeInstanceOf(DomainError)
        expect(refusal).toMatchObject({ reason: 'busy', status: 503, code: 'event-changing' })
        expect(refusal.message).toMatch(/^The organisers are updating this event at this moment, so your registration was not sent\./)
      }
      expect(await db.registration.count({ where: { eventId: event.id } })).toBe(0)
      expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)
      expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { calendarSequence: true } })).toEqual({ calendarSequence: event.calendarSequence })

      // Once the event holds still, the same submission goes through.
      await expect(submitRegistration(db, { event, userId: people[0]!.id, values: formValues(organisationId) })).resolves.toMatchObject({ status: 'PENDING', created: true })
    })

    it('refuses, writing nothing, when the organisers closed registration meanwhile', async () => {
      const { db } = changing
      const { event: readBeforeTheChange, organisationId } = await createRegistrationEvent(db, { capacity: 10, approvalRequired: false })
      const [registrant] = await createUsers(db, 1)
      await db.event.update({ where: { id: readBeforeTheChange.id }, data: { registrationClosesAt: new Date(Date.now() - 60_000) } })

      await expect(submitRegistration(db, { event: readBeforeTheChange, userId: registrant!.id, values: formValues(organisationId) })).rejects.toMatchObject({
        reason: 'closed',
        message: 'Registration for this event has closed.',
      })
      expect(await db.registration.count({ where: { eventId: readBeforeTheChange.id } })).toBe(0)
      expect(await findQueuedEmails(db, { where: { userId: registrant!.id } })).toEqual([])
      expect(await db.event.findUniqueOrThrow({ where: { id: readBeforeTheChange.id }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 0 })
    })
  })
})

describe('hostile input', () => {
  const questions = [
    { key: 'clearance', label: 'Security clearance', helpText: null, kind: 'CHOICE' as const, required: true, vetted: true, options: [{ value: 'none', label: 'None' }] },
  ]
  const schema = registrationFormSchema(questions, { eligibleNationalities: ['BE', 'FR'], eligibilityExplanation: 'Open to nationals of member states.' })
  const base = { name: 'Ana', jobTitle: 'Engineer', nationality: 'BE', organisationId: 'org-1', consent: 'on', answers: { clearance: 'none' } }

  it('explains ineligibility next to the nationality field', () => {
    const result = schema.safeParse({ ...base, nationality: 'RU' })
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['nationality'], message: 'Russia nationals cannot register for this event. Open to nationals of member states.' })])
  })

  it('rejects oversized fields, unknown options and a missing consent; drops forged fields', () => {
    expect(schema.safeParse({ ...base, name: 'x'.repeat(500) }).error?.issues[0]).toMatchObject({ path: ['name'], message: 'Keep it under 120 characters' })
    expect(schema.safeParse({ ...base, answers: { clearance: 'cosmic-top-secret' } }).error?.issues[0]).toMatchObject({ path: ['answers', 'clearance'] })
    expect(schema.safeParse({ ...base, consent: undefined }).error?.issues[0]).toMatchObject({ path: ['consent'] })
    expect(schema.safeParse({ ...base, nationality: 'XX' }).error?.issues[0]).toMatchObject({ path: ['nationality'], message: 'Choose a country from the list' })
    const forged = schema.parse({ ...base, status: 'APPROVED', eventId: 'other', userId: 'someone', answers: { clearance: 'none', injected: 'x' } })
    expect(forged).not.toHaveProperty('status')
    expect(forged).not.toHaveProperty('eventId')
    expect(forged).not.toHaveProperty('userId')
    expect(forged.answers).toEqual({ clearance: 'none' })
  })

  it('gives an organisation added at registration a slug with its accents folded', async () => {
    const { db } = test
    const { event } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [registrant] = await createUsers(db, 1)
    await submitRegistration(db, {
      event,
      userId: registrant!.id,
      values: formValues('new', { newOrganisationName: 'Société Générale de Défense', newOrganisationKind: 'LARGE_COMPANY', newOrganisationCountry: 'FR' }),
    })
    const organisation = await db.organisation.findFirstOrThrow({ where: { name: 'Société Générale de Défense' }, select: { slug: true } })
    expect(organisation.slug).toMatch(/^societe-generale-de-defense-[0-9a-f]{6}$/)
  })

  it('keeps script tags as plain text, and refuses an unknown organisation without storing anything', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 5, approvalRequired: true })
    const [mallory, victim] = await createUsers(db, 2)
    const { registrationId } = await submitRegistration(db, {
      event,
      userId: mallory!.id,
      values: formValues(organisationId, { name: '<script>alert(1)</script>' }),
    })
    expect((await db.user.findUniqueOrThrow({ where: { id: mallory!.id }, select: { name: true } })).name).toBe('<script>alert(1)</script>')
    const html = (await messagesFor(mallory!.id))[0]!.html
    expect(html).not.toContain('<script>alert(1)</script>')

    await expect(submitRegistration(db, { event, userId: victim!.id, values: formValues('forged-organisation-id') })).rejects.toMatchObject({ reason: 'invalid', code: 'unknown-organisation', field: 'organisationId' })
    expect(await db.registration.count({ where: { eventId: event.id, userId: victim!.id } })).toBe(0)

    // Cancelling someone else's registration finds nothing.
    await expect(cancelOwnRegistration(db, { eventId: event.id, registrationId, userId: victim!.id })).rejects.toMatchObject({ reason: 'not-found' })
    // Nor does cancelling one's own registration through another event's page.
    const elsewhere = await createRegistrationEvent(db, { capacity: 5, approvalRequired: false })
    await expect(cancelOwnRegistration(db, { eventId: elsewhere.event.id, registrationId, userId: mallory!.id })).rejects.toMatchObject({ reason: 'not-found' })
    expect((await statusOf(registrationId)).status).toBe('PENDING')
  })
})
