// Retention and consent: answers and vetting notes of an event whose retention period has run
// out are purged once, whichever of two instances gets there first, and nothing else is touched;
// every registration records the consent wording its person agreed to.
import { describe, expect, it } from 'vitest'
import { decideRegistration, hasCurrentConsent, registrationConsentVersion, submitRegistration } from '#app/domain/registration/registration.server.ts'
import { REGISTRATION_CONSENT_TEXT } from '#app/domain/registration/registration-form.ts'
import { purgeExpiredPersonalData, setRetention } from '#app/domain/privacy/retention.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'

const DAY = 24 * 60 * 60 * 1000

describe.each(providers)('retention and consent on %s', (provider: Provider) => {
  const app = useAppInstances(provider)

  async function eventWithRegistrations(count: number) {
    const { db } = app
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const [officer, ...people] = await createUsers(db, count + 1)
    const ids: string[] = []
    for (const person of people) {
      const { registrationId } = await submitRegistration(db, { event, userId: person.id, values: formValues(organisationId, { answers: { clearance: 'secret', dietary: 'No nuts' } }) })
      await decideRegistration(db, { eventId: event.id, registrationId, actorId: officer!.id, action: 'reject', reason: 'Clearance not confirmed by the national authority' })
      ids.push(registrationId)
    }
    return { event, officer: officer!, ids }
  }

  it('records the consent wording with each registration, stored once', async () => {
    const { db } = app
    const { ids } = await eventWithRegistrations(3)
    const rows = await db.registration.findMany({ where: { id: { in: ids } }, select: { consentVersion: true, consentText: { select: { text: true } } } })
    expect(rows).toEqual(ids.map(() => ({ consentVersion: registrationConsentVersion, consentText: { text: REGISTRATION_CONSENT_TEXT } })))
    expect(await db.consentText.count()).toBe(1)
  })

  it('purges an event once its period has passed, once across instances, and leaves the others alone', async () => {
    const { db } = app
    const due = await eventWithRegistrations(3)
    const notYet = await eventWithRegistrations(1)
    const kept = await eventWithRegistrations(1)
    await setRetention(db, { eventId: due.event.id, days: 30, actorId: due.officer.id })
    await setRetention(db, { eventId: notYet.event.id, days: 30, actorId: notYet.officer.id })
    // The first event ended 31 days before "now", the second 29.
    const now = new Date(Date.now() + 120 * DAY)
    await db.event.update({ where: { id: due.event.id }, data: { endsAt: new Date(now.getTime() - 31 * DAY) } })
    await db.event.update({ where: { id: notYet.event.id }, data: { endsAt: new Date(now.getTime() - 29 * DAY) } })
    await db.event.update({ where: { id: kept.event.id }, data: { endsAt: new Date(now.getTime() - 400 * DAY) } })

    const runs = await Promise.all([0, 1, 2, 3].map((index) => purgeExpiredPersonalData(app.instance(index), now)))
    expect(runs.flat()).toEqual([due.event.id])

    const purged = await db.registration.findMany({ where: { eventId: due.event.id }, select: { answers: true, status: true, decisions: { select: { action: true, reason: true } } } })
    for (const registration of purged) {
      expect(registration.answers).toEqual({})
      expect(registration.status).toBe('REJECTED')
      // Who decided what stays; the words are gone.
      expect(registration.decisions.map((decision) => decision.action).sort()).toEqual(['REJECTED', 'SUBMITTED'])
      expect(registration.decisions.every((decision) => decision.reason === null)).toBe(true)
    }
    for (const untouched of [notYet, kept]) {
      const rows = await db.registration.findMany({ where: { eventId: untouched.event.id }, select: { answers: true, decisions: { where: { action: 'REJECTED' }, select: { reason: true } } } })
      expect(rows[0]!.answers).toMatchObject({ clearance: 'secret', dietary: 'No nuts' })
      expect(rows[0]!.decisions[0]!.reason).toBe('Clearance not confirmed by the national authority')
    }
    const audit = await db.auditLogEntry.findMany({ where: { eventId: due.event.id, action: 'event.personal_data_purged' }, select: { actorId: true, data: true } })
    expect(audit).toEqual([{ actorId: null, data: { registrations: 3, decisions: 6, retentionDays: 30 } }])
    expect(await purgeExpiredPersonalData(db, now)).toEqual([])
    // The second event's period ends a day later.
    expect(await purgeExpiredPersonalData(db, new Date(now.getTime() + DAY))).toEqual([notYet.event.id])
  })
})

describe.each(providers)('consent on edits on %s', (provider: Provider) => {
  const app = useAppInstances(provider)

  it('an edit does not ask again for consent already given to the current wording; a registration without it does', async () => {
    const { db } = app
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const [person, legacy] = await createUsers(db, 2)
    expect(await hasCurrentConsent(db, event.id, person!.id)).toBe(false)
    const { registrationId } = await submitRegistration(db, { event, userId: person!.id, values: formValues(organisationId) })
    expect(await hasCurrentConsent(db, event.id, person!.id)).toBe(true)
    const before = await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { consentGivenAt: true, consentVersion: true } })

    // The edit form leaves the box out: no consent value, and the recorded agreement stays.
    await submitRegistration(db, { event, userId: person!.id, values: formValues(organisationId, { consent: undefined, jobTitle: 'Chief engineer' }), now: new Date(Date.now() + 60_000) })
    expect(await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { consentGivenAt: true, consentVersion: true } })).toEqual(before)

    // A registration made before wordings were recorded is asked again.
    const { registrationId: legacyId } = await submitRegistration(db, { event, userId: legacy!.id, values: formValues(organisationId) })
    await db.registration.update({ where: { id: legacyId }, data: { consentVersion: null } })
    expect(await hasCurrentConsent(db, event.id, legacy!.id)).toBe(false)
  })
})
