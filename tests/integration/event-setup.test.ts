// Organisers set up their own events: an event creator makes a draft (its owner), edits it,
// reads the publish checklist, publishes, takes it back while nobody has registered, and
// closes registration by hand; administrators grant and revoke the platform roles. Each rule
// on SQLite and on PostgreSQL with two app instances where two people act at once.
import { describe, expect, it } from 'vitest'
import { EventDetailsSchema } from '#app/domain/events/event-details.ts'
import { closeRegistrationNow, createEvent, getEventSettings, listStaffEvents, publishEvent, unpublishEvent, updateEventDetails } from '#app/domain/events/event-setup.server.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'
import { grantPlatformRole, listPlatformRoleHolders, revokePlatformRole } from '#app/domain/platform/platform-roles.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { uniqueName } from '#tests/support/databases.ts'
import { eventDetailsInput as formInput, parsedEventDetails as parsed } from '#tests/support/event-fixtures.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'

/** The messages the schema gives, by field. */
function refusals(overrides: Record<string, unknown>) {
  const result = EventDetailsSchema.safeParse(formInput(overrides))
  if (result.success) return {}
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]))
}

describe('the event details form', () => {
  it('refuses what cannot be an event, each next to its field', () => {
    expect(refusals({ endsAt: '2027-10-30T08:00' })).toEqual({ endsAt: 'The event must end after it starts' })
    expect(refusals({ registrationClosesAt: '2027-11-02T09:00' })).toEqual({ registrationClosesAt: 'Registration must close before the event ends' })
    expect(refusals({ registrationClosesAt: '2027-01-01T09:00' })).toEqual({ registrationClosesAt: 'Registration must close after it opens' })
    expect(refusals({ timeZone: 'Mars/Olympus_Mons' })).toEqual({ timeZone: 'Choose a time zone from the list, like Europe/Brussels' })
    // 02:30 on 28 March 2027 does not exist in Brussels: the clocks go from 02:00 to 03:00.
    expect(refusals({ registrationOpensAt: '2027-03-28T02:30' })).toEqual({ registrationOpensAt: 'That time does not exist in Europe/Brussels (the clocks go forward then)' })
    expect(refusals({ eligibility: 'custom', nationalities: [] })).toEqual({ nationalities: 'Choose at least one nationality, or another rule' })
    expect(refusals({ eligibility: 'custom', nationalities: ['BE', 'XX'] })).toEqual({ 'nationalities.1': 'Choose countries from the list' })
    expect(refusals({ eligibilityExplanation: '' })).toEqual({ eligibilityExplanation: 'Tell applicants why the rule exists' })
    expect(refusals({ slug: 'new' })).toEqual({ slug: 'This address is reserved; choose another' })
    expect(refusals({ slug: 'Has Spaces' })).toEqual({ slug: 'Use lower-case letters, digits and single hyphens, like counter-uas-2027' })
    expect(refusals({ capacity: 0 })).toEqual({ capacity: 'At least one seat' })
  })
})

describe.each(providers)('organisers set up their own events on %s', (provider) => {
  const app = useAppInstances(provider)

  it('an event creator makes a draft they own, unseen by the public, with its moments in the event’s zone', async () => {
    const { db } = app
    const creator = await createUser(db, 'Event Creator')
    const values = parsed()
    const event = await createEvent(db, { actorId: creator.id, mayCreate: true, values })

    const row = await db.event.findUniqueOrThrow({
      where: { id: event.id },
      select: { status: true, startsAt: true, endsAt: true, contactEmail: true, eligibleNationalities: true, capacity: true, calendarUid: true, publishedAt: true },
    })
    expect(row.status).toBe('DRAFT')
    expect(row.publishedAt).toBeNull()
    // 09:00 in Brussels on 30 October is summer time (UTC+2); 17:00 on the 31st is winter time (UTC+1).
    expect(row.startsAt.toISOString()).toBe('2027-10-30T07:00:00.000Z')
    expect(row.endsAt.toISOString()).toBe('2027-10-31T16:00:00.000Z')
    expect(row.contactEmail).toBe('events@navy.example')
    expect(row.eligibleNationalities).toHaveLength(32)
    expect(row.capacity).toBe(250)
    expect(row.calendarUid).toMatch(/^event-/)
    expect(await db.eventRole.findMany({ where: { eventId: event.id }, select: { userId: true, role: true } })).toEqual([{ userId: creator.id, role: 'OWNER' }])
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.created', actorId: creator.id } })).toBe(1)
    expect(await db.event.count({ where: { id: event.id, ...publicEventWhere } })).toBe(0)

    const settings = await getEventSettings(db, event.id, new Date('2027-02-01T00:00:00Z'))
    expect(settings.values).toMatchObject({ startsAt: '2027-10-30T09:00', endsAt: '2027-10-31T17:00', eligibility: 'nato', capacity: 250 })
    expect(settings.stage).toBe('draft')
    const [own] = await listStaffEvents(db, creator.id)
    expect(own).toMatchObject({ slug: event.slug, stage: 'draft', roles: ['OWNER'] })
  })

  it('refuses someone who may not create events, and writes nothing', async () => {
    const { db } = app
    const person = await createUser(db)
    const values = parsed()
    await expect(createEvent(db, { actorId: person.id, mayCreate: false, values })).rejects.toMatchObject({ reason: 'forbidden' })
    expect(await db.event.count({ where: { slug: values.slug } })).toBe(0)
  })

  it('two events created at once with the same address: one wins, the other is told next to the field', async () => {
    const { db } = app
    const [first, second] = [await createUser(db), await createUser(db)]
    const values = parsed()
    const outcomes = await Promise.allSettled([
      createEvent(app.instance(0), { actorId: first.id, mayCreate: true, values }),
      createEvent(app.instance(1), { actorId: second.id, mayCreate: true, values: { ...values, title: 'Another title' } }),
    ])
    const created = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    expect(created).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect(refused[0]!.reason).toBeInstanceOf(DomainError)
    expect(refused[0]!.reason).toMatchObject({ reason: 'conflict', field: 'slug', code: 'slug-taken' })
    expect(await db.event.count({ where: { slug: values.slug } })).toBe(1)
    // The loser's owner role and audit entry went with its transaction.
    expect(await db.eventRole.count({ where: { event: { slug: values.slug } } })).toBe(1)
  })

  it('publishes only past the checklist: an ended event is blocked, warnings must be read', async () => {
    const { db } = app
    const owner = await createUser(db)
    const event = await createEvent(db, { actorId: owner.id, mayCreate: true, values: parsed() })
    const late = new Date('2027-11-01T00:00:00Z')
    await expect(publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now: late })).rejects.toMatchObject({ code: 'blocked' })

    const now = new Date('2027-02-01T00:00:00Z')
    const { checklist } = await getEventSettings(db, event.id, now)
    expect(checklist.map((check) => check.key)).toEqual(['no-questions', 'no-agenda'])
    await expect(publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: false, now })).rejects.toMatchObject({ field: 'acknowledged' })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } })).status).toBe('DRAFT')

    await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now })
    const published = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true, publishedAt: true } })
    expect(published).toEqual({ status: 'PUBLISHED', publishedAt: now })
    await expect(publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now })).rejects.toMatchObject({ reason: 'conflict' })
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'event.published' } })).toBe(1)
  })

  it('goes back to draft only while nobody has registered', async () => {
    const { db } = app
    const owner = await createUser(db)
    const event = await createEvent(db, { actorId: owner.id, mayCreate: true, values: parsed() })
    const now = new Date('2027-02-01T00:00:00Z')
    await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now })
    await unpublishEvent(db, { actorId: owner.id, eventId: event.id })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } })).status).toBe('DRAFT')

    await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now })
    const attendee = await createUser(db)
    await db.registration.create({ data: { ...registrationData(event.id, attendee.id), status: 'PENDING' } })
    await expect(unpublishEvent(db, { actorId: owner.id, eventId: event.id })).rejects.toThrow(/People have registered/)
    const after = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true, publishedAt: true } })
    // Published again: the first publication date stays.
    expect(after).toEqual({ status: 'PUBLISHED', publishedAt: now })
  })

  it('a published event keeps its address, zone, dates, venue and capacity; other details change, audited with before and after', async () => {
    const { db } = app
    const owner = await createUser(db)
    const values = parsed()
    const event = await createEvent(db, { actorId: owner.id, mayCreate: true, values })
    await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true, now: new Date('2027-02-01T00:00:00Z') })
    const { updatedAt } = await getEventSettings(db, event.id)

    const saved = await updateEventDetails(db, {
      actorId: owner.id,
      eventId: event.id,
      expectedUpdatedAt: updatedAt.toISOString(),
      values: { ...values, title: 'Maritime Drones Industry Day 2027', slug: 'hijacked-address', startsAt: '2027-10-29T09:00', venueName: 'Elsewhere', capacity: 5, eligibility: 'anyone' },
    })
    expect(saved).toEqual({ changed: ['title', 'eligibleNationalities', 'eligibilityExplanation'], slug: values.slug })
    const row = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { title: true, slug: true, startsAt: true, venueName: true, capacity: true, eligibleNationalities: true } })
    expect(row).toEqual({ title: 'Maritime Drones Industry Day 2027', slug: values.slug, startsAt: new Date('2027-10-30T07:00:00Z'), venueName: values.venueName, capacity: 250, eligibleNationalities: null })
    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { eventId: event.id, action: 'event.details_changed' }, select: { data: true } })
    expect(audit.data).toMatchObject({ before: { title: 'Maritime Drones Industry Day' }, after: { title: 'Maritime Drones Industry Day 2027', eligibleNationalities: null } })

    // A form loaded before that save is refused whole.
    await expect(
      updateEventDetails(db, { actorId: owner.id, eventId: event.id, expectedUpdatedAt: updatedAt.toISOString(), values: { ...values, title: 'A stale title' } }),
    ).rejects.toMatchObject({ code: 'stale' })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { title: true } })).title).toBe('Maritime Drones Industry Day 2027')
  })

  it('a draft may take another event’s address only if it is free', async () => {
    const { db } = app
    const owner = await createUser(db)
    const taken = await createEvent(db, { actorId: owner.id, mayCreate: true, values: parsed() })
    const values = parsed()
    const draft = await createEvent(db, { actorId: owner.id, mayCreate: true, values })
    await expect(updateEventDetails(db, { actorId: owner.id, eventId: draft.id, values: { ...values, slug: taken.slug } })).rejects.toMatchObject({ field: 'slug' })
    const moved = await updateEventDetails(db, { actorId: owner.id, eventId: draft.id, values: { ...values, slug: `${values.slug}-2027` } })
    expect(moved.slug).toBe(`${values.slug}-2027`)
  })

  it('closes registration by hand, once', async () => {
    const { db } = app
    const owner = await createUser(db)
    const event = await createEvent(db, { actorId: owner.id, mayCreate: true, values: parsed({ registrationOpensAt: '2026-01-04T09:00' }) })
    await publishEvent(db, { actorId: owner.id, eventId: event.id, acknowledged: true })
    const now = new Date()
    await closeRegistrationNow(db, { actorId: owner.id, eventId: event.id, now })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { registrationClosesAt: true } })).registrationClosesAt).toEqual(now)
    expect((await getEventSettings(db, event.id)).stage).toBe('registration-closed')
    await expect(closeRegistrationNow(db, { actorId: owner.id, eventId: event.id })).rejects.toMatchObject({ reason: 'conflict' })
  })
})

describe.each(providers)('platform roles on %s', (provider) => {
  const app = useAppInstances(provider)

  it('an administrator grants event creator by email (an account is made for a newcomer), once, audited', async () => {
    const { db } = app
    const admin = await db.user.create({ data: { email: `${uniqueName('admin')}@example.org`, name: 'Admin', isPlatformAdmin: true }, select: { id: true } })
    const email = `${uniqueName('creator')}@Example.org`
    const granted = await grantPlatformRole(db, { actorId: admin.id, email, role: 'EVENT_CREATOR' })
    expect(granted.email).toBe(email.toLowerCase())
    expect(await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, select: { isEventCreator: true, isPlatformAdmin: true, name: true } })).toEqual({
      isEventCreator: true,
      isPlatformAdmin: false,
      name: '',
    })
    await expect(grantPlatformRole(db, { actorId: admin.id, email, role: 'EVENT_CREATOR' })).rejects.toMatchObject({ code: 'already-held', field: 'email' })
    expect(await db.auditLogEntry.count({ where: { eventId: null, action: 'platform.role_granted', entityId: granted.userId } })).toBe(1)
    const holders = await listPlatformRoleHolders(db, email.toLowerCase().slice(0, 12))
    expect(holders.map((holder) => holder.roles)).toEqual([['EVENT_CREATOR']])

    await revokePlatformRole(db, { actorId: admin.id, userId: granted.userId, role: 'EVENT_CREATOR' })
    expect((await db.user.findUniqueOrThrow({ where: { id: granted.userId }, select: { isEventCreator: true } })).isEventCreator).toBe(false)
    await expect(revokePlatformRole(db, { actorId: admin.id, userId: granted.userId, role: 'EVENT_CREATOR' })).rejects.toMatchObject({ reason: 'not-found' })
  })

  it('two administrators revoking each other at once leave one administrator', async () => {
    const { db } = app
    // Several rounds: the race it guards against (each counting the other still an administrator) shows only sometimes.
    for (let round = 0; round < 5; round++) {
      // This database's only administrators.
      await db.user.updateMany({ where: { isPlatformAdmin: true }, data: { isPlatformAdmin: false } })
      const [first, second] = await Promise.all(
        ['first', 'second'].map((name) => db.user.create({ data: { email: `${uniqueName(name)}@example.org`, name, isPlatformAdmin: true }, select: { id: true } })),
      )
      const outcomes = await Promise.allSettled([
        revokePlatformRole(app.instance(0), { actorId: first!.id, userId: second!.id, role: 'ADMIN' }),
        revokePlatformRole(app.instance(1), { actorId: second!.id, userId: first!.id, role: 'ADMIN' }),
      ])
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { reason: 'conflict' } })
      expect(await db.user.count({ where: { isPlatformAdmin: true } })).toBe(1)
    }
  })

})
