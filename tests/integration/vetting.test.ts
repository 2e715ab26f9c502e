// The vetting queue on the seeded demo event, on both engines: each filter returns exactly
// the registrations it should (checked against the rows themselves), the search ignores case
// and accents the same way on SQLite and PostgreSQL, and the detail names every answer,
// actor and change. Bulk decisions report each row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import type { Answers } from '#app/domain/registration/registration-form.ts'
import { decideInBulk, getRegistrationForVetting, listVettingQueue } from '#app/domain/registration/vetting.server.ts'
import { parseVettingQuery, VETTING_PAGE_SIZE, type VettingQuery } from '#app/domain/registration/vetting.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent } from '#tests/support/fixtures.ts'
import { demoSlug } from '#tests/support/demo.ts'

const vettingOfficer = 'aino.virtanen@defence-investment.example'

const query = (params: Record<string, string> = {}): VettingQuery => parseVettingQuery(new URLSearchParams(params))

describe.each(providers)('vetting queue on %s', (provider) => {
  let test: TestDatabase
  let db: Db
  let eventId: string

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
    eventId = (await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })).id
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  /** Every registration of the demo event with what the filters look at, straight from the rows. */
  async function allRegistrations() {
    const rows = await db.registration.findMany({
      where: { eventId },
      select: {
        id: true,
        status: true,
        answers: true,
        user: { select: { email: true, nationality: true } },
        organisation: { select: { kind: true, country: true } },
      },
    })
    return rows.map((row) => ({ ...row, answers: row.answers as Answers }))
  }

  const emailsOf = async (rows: { id: string }[]) => {
    const people = await db.registration.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: { user: { select: { email: true } } } })
    return people.map((person) => person.user.email).sort()
  }

  it('shows the pending queue by default, oldest first, with the count of every status', async () => {
    const everyone = await allRegistrations()
    const queue = await listVettingQueue(db, eventId, query())
    const pending = everyone.filter((r) => r.status === 'PENDING')
    expect(queue.applied.status).toBe('PENDING')
    expect(queue.total).toBe(pending.length)
    expect(queue.rows.map((row) => row.id).sort()).toEqual(pending.map((r) => r.id).sort())
    const submitted = queue.rows.map((row) => row.submittedAt.getTime())
    expect(submitted).toEqual([...submitted].sort((a, b) => a - b))
    for (const status of ['PENDING', 'APPROVED', 'WAITLISTED', 'REJECTED', 'CANCELLED'] as const) {
      expect(queue.statusCounts[status]).toBe(everyone.filter((r) => r.status === status).length)
    }
    // The information request is visible in the queue.
    const claire = queue.rows.find((row) => row.email === 'claire.fontaine@lumen-optronics.example')
    expect(claire?.infoRequestedAt).toBeInstanceOf(Date)
    // The queue carries no answers: officers open the detail for those.
    expect(Object.keys(queue.rows[0] ?? {}).sort()).toEqual(['email', 'id', 'infoRequestedAt', 'name', 'nationality', 'organisation', 'submittedAt'])
  })

  it('filters by organisation kind, and counts every status under that filter', async () => {
    const everyone = await allRegistrations()
    const queue = await listVettingQueue(db, eventId, query({ kind: 'SME' }))
    const smes = everyone.filter((r) => r.organisation?.kind === 'SME')
    expect(queue.rows.every((row) => row.organisation?.kind === 'SME')).toBe(true)
    expect(queue.total).toBe(smes.filter((r) => r.status === 'PENDING').length)
    expect(Object.values(queue.statusCounts).reduce((sum, count) => sum + count, 0)).toBe(smes.length)
  })

  it('filters by country: the organisation’s or the person’s nationality', async () => {
    const everyone = await allRegistrations()
    for (const country of ['DE', 'PL', 'LU']) {
      const queue = await listVettingQueue(db, eventId, query({ country }))
      const expected = everyone.filter((r) => r.status === 'PENDING' && (r.organisation?.country === country || r.user.nationality === country))
      expect(queue.rows.map((row) => row.id).sort()).toEqual(expected.map((r) => r.id).sort())
    }
    // A German working for a Polish agency is found under both.
    const german = await emailsOf((await listVettingQueue(db, eventId, query({ country: 'DE' }))).rows)
    const polish = await emailsOf((await listVettingQueue(db, eventId, query({ country: 'PL' }))).rows)
    expect(german).toContain('anna.kruger@pdao.example')
    expect(polish).toContain('anna.kruger@pdao.example')
    // The filter offers the countries that occur, by name.
    const { filterOptions } = await listVettingQueue(db, eventId, query())
    expect(filterOptions.countries).toContainEqual({ code: 'MK', name: 'North Macedonia' })
    expect(filterOptions.countries.map((c) => c.name)).toEqual([...filterOptions.countries.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'en')))
  })

  it('filters by the answer to a choice or yes/no question, and ignores filters on other questions', async () => {
    const everyone = await allRegistrations()
    const noClearance = await listVettingQueue(db, eventId, query({ answer: 'securityClearance:none' }))
    const expected = everyone.filter((r) => r.status === 'PENDING' && r.answers.securityClearance === 'none')
    expect(expected.length).toBeGreaterThan(0)
    expect(noClearance.rows.map((row) => row.id).sort()).toEqual(expected.map((r) => r.id).sort())
    expect(noClearance.applied.answer).toBe('securityClearance:none')

    const returning = await listVettingQueue(db, eventId, query({ status: 'APPROVED', answer: 'attendedBefore:yes' }))
    expect(returning.total).toBe(everyone.filter((r) => r.status === 'APPROVED' && r.answers.attendedBefore === true).length)

    const questions = noClearance.filterOptions.answerQuestions
    expect(questions.map((q) => q.key)).toEqual(['securityClearance', 'attendedBefore'])
    expect(questions[1]?.options).toEqual([
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ])

    const pendingCount = everyone.filter((r) => r.status === 'PENDING').length
    for (const answer of ['noSuchQuestion:yes', 'motivation:anything', 'securityClearance:cosmic-top-secret']) {
      const queue = await listVettingQueue(db, eventId, query({ answer }))
      expect(queue.applied.answer).toBeNull()
      expect(queue.total).toBe(pendingCount)
    }
  })

  it('searches names, emails and organisations, ignoring case and accents; every word must match', async () => {
    const krueger = await listVettingQueue(db, eventId, query({ status: 'APPROVED', q: 'KRUGER stefan' }))
    expect(krueger.rows.map((row) => row.name)).toEqual(['Stefan Krüger'])

    const byEmail = await emailsOf((await listVettingQueue(db, eventId, query({ q: 'pdao.EXAMPLE' }))).rows)
    expect(byEmail).toContain('anna.kruger@pdao.example')

    const aldermark = await emailsOf((await listVettingQueue(db, eventId, query({ q: 'aldermark' }))).rows)
    expect(aldermark).toEqual(['bence.nowak@aldermark.example', 'michael.hughes@aldermark.example'])
    const oneOfThem = await emailsOf((await listVettingQueue(db, eventId, query({ q: 'Michael Aldermark' }))).rows)
    expect(oneOfThem).toEqual(['michael.hughes@aldermark.example'])

    const nobody = await listVettingQueue(db, eventId, query({ q: 'no such person anywhere' }))
    expect(nobody.total).toBe(0)
    expect(Object.values(nobody.statusCounts).every((count) => count === 0)).toBe(true)
  })

  it('pages long lists and keeps the waiting list in its order', async () => {
    const approved = await listVettingQueue(db, eventId, query({ status: 'APPROVED' }))
    expect(approved.total).toBeGreaterThan(VETTING_PAGE_SIZE)
    expect(approved.rows).toHaveLength(VETTING_PAGE_SIZE)
    const last = await listVettingQueue(db, eventId, query({ status: 'APPROVED', page: '999' }))
    expect(last.page).toBe(approved.pageCount)
    expect(last.rows).toHaveLength(approved.total - VETTING_PAGE_SIZE * (approved.pageCount - 1))

    const waiting = await listVettingQueue(db, eventId, query({ status: 'WAITLISTED' }))
    const numbers = await db.registration.findMany({ where: { id: { in: waiting.rows.map((row) => row.id) } }, select: { id: true, waitlistNumber: true } })
    const numberOf = new Map(numbers.map((row) => [row.id, row.waitlistNumber ?? 0]))
    const inOrder = waiting.rows.map((row) => numberOf.get(row.id) ?? 0)
    expect(inOrder).toEqual([...inOrder].sort((a, b) => a - b))
  })

  it('shows one registration in full: person, organisation, answers by label, history with actors', async () => {
    const claire = await registrationOf('claire.fontaine@lumen-optronics.example')
    const detail = await getRegistrationForVetting(db, eventId, claire)
    expect(detail).not.toBeNull()
    expect(detail?.person).toEqual({ name: 'Claire Fontaine', email: 'claire.fontaine@lumen-optronics.example', jobTitle: expect.any(String), nationality: 'BE' })
    expect(detail?.organisation).toMatchObject({ kind: 'SME', country: 'BE' })
    expect(detail?.answers.find((a) => a.key === 'securityClearance')).toEqual({
      key: 'securityClearance',
      label: 'Security clearance level',
      kind: 'CHOICE',
      removed: false,
      text: 'NATO CONFIDENTIAL',
    })
    expect(detail?.answers.find((a) => a.key === 'attendedBefore')?.text).toMatch(/^(Yes|No)$/)
    const request = detail?.history.find((entry) => entry.action === 'INFO_REQUESTED')
    expect(request).toMatchObject({ actor: { name: 'Aino Virtanen', isRegistrant: false }, fromStatus: 'PENDING', toStatus: 'PENDING' })
    expect(request?.reason).toBeTruthy()
    // Newest first.
    const times = detail?.history.map((entry) => entry.createdAt.getTime()) ?? []
    expect(times).toEqual([...times].sort((a, b) => b - a))

    const oliver = await getRegistrationForVetting(db, eventId, await registrationOf('oliver.brennan@aldermark.example'))
    expect(oliver?.status).toBe('WAITLISTED')
    expect(oliver?.waitlistPosition).toBeGreaterThanOrEqual(1)

    // Another event's officer cannot read it through their event.
    const other = await createEvent(db)
    expect(await getRegistrationForVetting(db, other.id, claire)).toBeNull()
  })

  it('shows what an edit changed, with question labels and organisation names', async () => {
    const erikId = await registrationOf('erik.lindqvist@kestrel-vision.example')
    const erik = await getRegistrationForVetting(db, eventId, erikId)
    const edit = erik?.history.find((entry) => entry.action === 'EDITED')
    expect(edit).toMatchObject({ actor: { name: 'Erik Lindqvist', isRegistrant: true }, fromStatus: 'APPROVED', toStatus: 'PENDING' })
    expect(edit?.changes).toEqual([{ field: 'Why do you want to attend?', before: expect.any(String), after: expect.stringContaining('laser effector') }])

    const [from, to] = await Promise.all(
      ['kestrel-vision', 'hornet-interceptors'].map((slug) => db.organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true } })),
    )
    const registration = await db.registration.findUniqueOrThrow({ where: { id: erikId }, select: { userId: true } })
    await db.vettingDecision.create({
      data: {
        registrationId: erikId,
        actorId: registration.userId,
        action: 'EDITED',
        fromStatus: 'PENDING',
        toStatus: 'PENDING',
        changes: { organisation: { before: from!.id, after: to!.id }, nationality: { before: 'SE', after: 'FI' }, securityClearance: { before: 'none', after: 'nato-secret' } },
        createdAt: new Date('2026-11-26T09:00:00Z'),
      },
    })
    const latest = (await getRegistrationForVetting(db, eventId, erikId))?.history[0]
    expect(latest?.changes).toEqual([
      { field: 'Organisation', before: from!.name, after: to!.name },
      { field: 'Nationality', before: 'Sweden', after: 'Finland' },
      { field: 'Security clearance level', before: 'None', after: 'NATO SECRET' },
    ])
  })

  it('decides in bulk and reports each row by name, including the ones it could not decide', async () => {
    const officer = await db.user.findUniqueOrThrow({ where: { email: vettingOfficer }, select: { id: true } })
    const [first, second, rejectedBefore] = await Promise.all(
      ['lukas.meijer@skyguard.example', 'aleksi.johansson@fjordsignal.example', 'felix.wagner@rhenwald.example'].map(registrationOf),
    )
    const outcomes = await decideInBulk(db, {
      eventId,
      registrationIds: [first!, second!, rejectedBefore!, 'forged-id', first!],
      actorId: officer.id,
      action: 'approve',
    })
    expect(outcomes).toHaveLength(4)
    // The demo event is full: approval puts people on the waiting list.
    expect(outcomes[0]).toMatchObject({ registrationId: first, ok: true, status: 'WAITLISTED', name: 'Lukas Meijer' })
    expect(outcomes[1]).toMatchObject({ registrationId: second, ok: true, status: 'WAITLISTED' })
    expect(outcomes[2]).toMatchObject({ registrationId: rejectedBefore, ok: false, name: 'Felix Wagner', message: expect.stringMatching(/only pending/i) })
    expect(outcomes[3]).toMatchObject({ registrationId: 'forged-id', ok: false, name: null })

    const rejected = await decideInBulk(db, { eventId, registrationIds: [first!], actorId: officer.id, action: 'reject', reason: 'Duplicate of a colleague’s registration.' })
    expect(rejected).toEqual([{ registrationId: first, ok: true, status: 'REJECTED', name: 'Lukas Meijer' }])
    const history = (await getRegistrationForVetting(db, eventId, first!))?.history
    expect(history?.[0]).toMatchObject({ action: 'REJECTED', reason: 'Duplicate of a colleague’s registration.', actor: { name: 'Aino Virtanen' } })
  })

  async function registrationOf(email: string) {
    const registration = await db.registration.findFirstOrThrow({ where: { eventId, user: { email } }, select: { id: true } })
    return registration.id
  }
})
