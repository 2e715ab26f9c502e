// Check-in on the seeded demo event, on both engines: only approved registrations get in, the
// time is recorded once, a second scan says when and by whom, other events' badges are
// refused without naming anyone, and two desks scanning the same badge at the same moment
// (two connections, as two app instances would be) record exactly one check-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkIn, checkInRegistration, checkInTotals, searchAtDesk, undoCheckIn } from '#app/domain/registration/check-in.server.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demo, demoSlug } from '#tests/support/demo.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'


describe.each(providers)('check-in on %s', (provider) => {
  let test: TestDatabase
  let db: Db
  let eventId: string
  let jonas: string
  let mathieu: string

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
    eventId = (await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })).id
    jonas = (await db.user.findUniqueOrThrow({ where: { email: 'jonas.peeters@defence-investment.example' } })).id
    mathieu = (await db.user.findUniqueOrThrow({ where: { email: 'mathieu.laurent@defence-investment.example' } })).id
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function registrationOf(email: string) {
    return db.registration.findFirstOrThrow({
      where: { eventId, user: { email } },
      select: { id: true, badgeCode: true, nationality: true, checkedInAt: true, checkedInById: true },
    })
  }

  it('checks in an approved attendee once; a second scan says when and by whom', async () => {
    const kadri = await registrationOf('kadri.tamm@hornet.example')
    const before = await checkInTotals(db, eventId)
    const at = demo.eventDayTime(1, '09:12')

    const first = await checkIn(db, { eventId, badgeCode: kadri.badgeCode, staffUserId: jonas, now: at })
    expect(first).toEqual({
      outcome: 'checked-in',
      registrationId: kadri.id,
      badgeCode: kadri.badgeCode,
      attendee: { name: 'Kadri Tamm', organisation: 'Hornet Interceptors', nationality: kadri.nationality, status: 'APPROVED' },
      checkedInAt: at,
    })
    expect(await registrationOf('kadri.tamm@hornet.example')).toMatchObject({ checkedInAt: at, checkedInById: jonas })
    expect(await checkInTotals(db, eventId)).toEqual({ checkedIn: before.checkedIn + 1, approved: before.approved })

    // Typed again later, in lower case with a dash, at another desk.
    const typed = `${kadri.badgeCode.slice(0, 5)}-${kadri.badgeCode.slice(5)}`.toLowerCase()
    const second = await checkIn(db, { eventId, badgeCode: typed, staffUserId: mathieu, now: demo.eventDayTime(1, '09:40') })
    expect(second).toMatchObject({ outcome: 'already-checked-in', checkedInAt: at, checkedInBy: 'Jonas Peeters', attendee: { name: 'Kadri Tamm' } })
    expect(await registrationOf('kadri.tamm@hornet.example')).toMatchObject({ checkedInAt: at, checkedInById: jonas })
    expect((await checkInTotals(db, eventId)).checkedIn).toBe(before.checkedIn + 1)
  })

  it.each([
    ['claire.fontaine@lumen-optronics.example', 'pending', /still waiting for vetting/],
    ['erik.lindqvist@kestrel-vision.example', 'pending', /waiting for vetting/],
    ['oliver.brennan@aldermark.example', 'waitlisted', /waiting list/],
    ['felix.wagner@rhenwald.example', 'rejected', /not accepted/],
    ['giulia.romano@ferrostar.example', 'cancelled', /cancelled/],
  ])('refuses %s (%s) and records nothing', async (email, refusal, message) => {
    const registration = await registrationOf(email)
    const result = await checkIn(db, { eventId, badgeCode: registration.badgeCode, staffUserId: jonas })
    expect(result).toMatchObject({ outcome: 'refused', refusal, attendee: { status: refusal.toUpperCase() } })
    expect(result.outcome === 'refused' && result.message).toMatch(message)
    expect(await registrationOf(email)).toMatchObject({ checkedInAt: null, checkedInById: null })
  })

  it('refuses a badge of another event without saying whose it is', async () => {
    const otherEvent = await createEvent(db)
    const person = await createUser(db, 'Someone Else')
    const badgeCode = 'X0X0X0X0X0'
    await db.registration.create({ data: { ...registrationData(otherEvent.id, person.id), status: 'APPROVED', holdsSeat: true, badgeCode } })
    const result = await checkIn(db, { eventId, badgeCode, staffUserId: jonas })
    expect(result).toEqual({ outcome: 'other-event', badgeCode, message: 'This is not a badge for this event.' })
    expect(JSON.stringify(result)).not.toContain('Someone Else')
    const stored = await db.registration.findUniqueOrThrow({ where: { badgeCode }, select: { checkedInAt: true } })
    expect(stored.checkedInAt).toBeNull()
  })

  it('tells an unknown code from something that is not a code at all', async () => {
    expect(await checkIn(db, { eventId, badgeCode: 'ZZZZZZZZZZ', staffUserId: jonas })).toMatchObject({ outcome: 'unknown-code', badgeCode: 'ZZZZZZZZZZ' })
    for (const typed of ['', 'hello', '<script>alert(1)</script>', 'UUUUUUUUUU']) {
      expect(await checkIn(db, { eventId, badgeCode: typed, staffUserId: jonas })).toMatchObject({ outcome: 'invalid-code', badgeCode: null })
    }
  })

  it('finds someone without a badge by name, accents and case ignored, and checks them in from the list', async () => {
    const found = await searchAtDesk(db, { eventId, q: 'KRUGER stefan' })
    expect(found.people.map((person) => person.attendee.name)).toEqual(['Stefan Krüger'])
    const [stefan] = found.people
    expect(stefan!.attendee).toMatchObject({ status: 'APPROVED', nationality: expect.stringMatching(/^[A-Z]{2}$/) })
    expect(await searchAtDesk(db, { eventId, q: '   ' })).toEqual({ people: [], more: false })
    // Cancelled registrations are not at the desk; a common word is cut to the first 20 with a hint.
    expect((await searchAtDesk(db, { eventId, q: 'giulia romano' })).people).toEqual([])
    const many = await searchAtDesk(db, { eventId, q: 'example' })
    expect(many.people).toHaveLength(20)
    expect(many.more).toBe(true)

    const at = demo.eventDayTime(1, '10:05')
    const result = await checkInRegistration(db, { eventId, registrationId: stefan!.registrationId, staffUserId: jonas, now: at })
    expect(result).toMatchObject({ outcome: 'checked-in', registrationId: stefan!.registrationId, checkedInAt: at })
    expect(await checkInRegistration(db, { eventId, registrationId: stefan!.registrationId, staffUserId: mathieu })).toMatchObject({ outcome: 'already-checked-in', checkedInBy: 'Jonas Peeters' })
    expect((await searchAtDesk(db, { eventId, q: 'Stefan Krüger' })).people[0]).toMatchObject({ checkedInAt: at, checkedInBy: 'Jonas Peeters' })

    // A registration of another event is not found through this event's desk.
    const otherEvent = await createEvent(db)
    const outsider = await createUser(db, 'Elsewhere Person')
    const elsewhere = await db.registration.create({ data: { ...registrationData(otherEvent.id, outsider.id), status: 'APPROVED', holdsSeat: true }, select: { id: true } })
    await expect(checkInRegistration(db, { eventId, registrationId: elsewhere.id, staffUserId: jonas })).rejects.toMatchObject({ reason: 'not-found' })
    await expect(undoCheckIn(db, { eventId, registrationId: elsewhere.id, staffUserId: jonas })).rejects.toMatchObject({ reason: 'not-found' })
  })

  it('undoes a mistaken check-in once, in the audit log, and the person can be checked in again', async () => {
    const target = await db.registration.findFirstOrThrow({ where: { eventId, status: 'APPROVED', checkedInAt: null }, orderBy: { submittedAt: 'desc' }, select: { id: true } })
    const at = demo.eventDayTime(1, '10:10')
    await checkInRegistration(db, { eventId, registrationId: target.id, staffUserId: jonas, now: at })

    // Two desks press "Undo" at once: one undo, one refusal, one audit entry. (On SQLite the
    // embedded mode runs one app instance per file: both desks share its client.)
    const secondInstance = provider === 'postgresql' ? await createDbClient(test.url) : db
    try {
      const outcomes = await Promise.allSettled([
        undoCheckIn(db, { eventId, registrationId: target.id, staffUserId: jonas }),
        undoCheckIn(secondInstance, { eventId, registrationId: target.id, staffUserId: mathieu }),
      ])
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult
      expect(refused.reason).toMatchObject({ reason: 'conflict' })
    } finally {
      if (secondInstance !== db) await secondInstance.$disconnect()
    }
    expect(await db.registration.findUniqueOrThrow({ where: { id: target.id }, select: { checkedInAt: true, checkedInById: true } })).toEqual({ checkedInAt: null, checkedInById: null })
    const audit = await db.auditLogEntry.findMany({ where: { entityId: target.id, action: 'registration.check-in-undone' }, select: { data: true } })
    expect(audit).toEqual([{ data: { checkedInAt: at.toISOString(), checkedInBy: 'Jonas Peeters' } }])
    await expect(undoCheckIn(db, { eventId, registrationId: target.id, staffUserId: jonas })).rejects.toMatchObject({ reason: 'conflict' })
    expect(await checkInRegistration(db, { eventId, registrationId: target.id, staffUserId: mathieu })).toMatchObject({ outcome: 'checked-in' })
  })

  it('records one check-in when two desks scan the same badge at the same moment', async () => {
    const secondInstance = await createDbClient(test.url)
    try {
      const approved = await db.registration.findMany({
        where: { eventId, status: 'APPROVED', checkedInAt: null },
        orderBy: { submittedAt: 'asc' },
        take: 8,
        select: { id: true, badgeCode: true },
      })
      const now = demo.eventDayTime(1, '09:30')
      const results = await Promise.all(
        approved.flatMap(({ badgeCode }) => [
          checkIn(db, { eventId, badgeCode, staffUserId: jonas, now }),
          checkIn(secondInstance, { eventId, badgeCode, staffUserId: mathieu, now }),
        ]),
      )
      for (const [index, { id }] of approved.entries()) {
        const pair = results.slice(index * 2, index * 2 + 2).map((result) => result.outcome).sort()
        expect(pair).toEqual(['already-checked-in', 'checked-in'])
        const winner = results.slice(index * 2, index * 2 + 2).find((result) => result.outcome === 'checked-in')
        const stored = await db.registration.findUniqueOrThrow({ where: { id }, select: { checkedInAt: true, checkedInById: true } })
        expect(stored.checkedInAt).toEqual(now)
        // The desk told "checked in" is the one recorded.
        expect(stored.checkedInById).toBe(winner === results[index * 2] ? jonas : mathieu)
      }
    } finally {
      await secondInstance.$disconnect()
    }
  })
})
