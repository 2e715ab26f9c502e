// Matchmaking on the seeded demo event, on both engines: saving a profile with hostile input
// stores nothing half-written, concurrent first saves make one profile (on PostgreSQL from
// two clients, as two app instances would), who may look at whom, the visibility rule, the
// directory's search and filters, and recommendations that leave out people already met or
// declined and follow a profile change at once. The route guard's statuses are checked
// through the real loaders on SQLite.
import { parseWithZod } from '@conform-to/zod/v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getMatchmakingAccess } from '#app/domain/matchmaking/access.server.ts'
import { parseDirectoryQuery } from '#app/domain/matchmaking/directory.ts'
import { searchDirectory } from '#app/domain/matchmaking/directory.server.ts'
import { profileFormSchema, type ProfileFormValues } from '#app/domain/matchmaking/profile-form.ts'
import { getOwnProfile, getParticipantProfile, saveOwnProfile } from '#app/domain/matchmaking/profiles.server.ts'
import { getRecommendations } from '#app/domain/matchmaking/recommendations.server.ts'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { callRoute } from '#tests/support/routes.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demoSlug } from '#tests/support/demo.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'

const emails = {
  kadri: 'kadri.tamm@hornet.example',
  piotr: 'piotr.nowak@pdao.example',
  claire: 'claire.fontaine@lumen-optronics.example',
  organiser: 'mathieu.laurent@defence-investment.example',
}

function formData(entries: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [name, value] of Object.entries(entries)) for (const one of [value].flat()) data.append(name, one)
  return data
}

function values(overrides: Partial<ProfileFormValues> = {}): ProfileFormValues {
  return { optedIn: true, headline: 'Interceptor seekers', about: undefined, technologyReadiness: 6, freeTags: [], capabilityIds: [], items: [], ...overrides }
}

describe('the profile form schema', () => {
  it('explains each bad value next to its field and keeps script tags as text', () => {
    const submission = parseWithZod(
      formData({
        headline: 'x'.repeat(121),
        technologyReadiness: '10',
        freeTags: Array.from({ length: 11 }, (_, i) => `tag ${i}`).join(', '),
        'items[0].title': 'Only a title',
        'items[1].title': '',
      }),
      { schema: profileFormSchema },
    )
    expect(submission.status).toBe('error')
    const errors = submission.reply().error!
    expect(errors.headline).toEqual(['Keep it under 120 characters'])
    expect(errors.technologyReadiness).toEqual(['Technology readiness goes from 1 to 9'])
    expect(errors.freeTags).toEqual(['Use at most 10 tags'])
    expect(errors['items[0].kind']).toEqual(['Choose offer, need or partnership request'])
    expect(errors['items[0].description']).toEqual(['Enter a description'])
    expect(errors['items[1].title']).toBeUndefined()

    const ok = parseWithZod(
      formData({ headline: '<script>alert(1)</script>', freeTags: 'SDR, sdr, passive RF', optedIn: 'on', 'items[0].kind': 'NEED', 'items[0].title': 'Seekers', 'items[0].description': '<b>bold</b>', 'items[1].kind': '' }),
      { schema: profileFormSchema },
    )
    expect(ok.status).toBe('success')
    if (ok.status !== 'success') return
    expect(ok.value).toMatchObject({ headline: '<script>alert(1)</script>', freeTags: ['SDR', 'passive RF'], optedIn: true })
    expect(ok.value.items).toEqual([{ kind: 'NEED', title: 'Seekers', description: '<b>bold</b>' }])
  })

  it('drops a post ticked for removal and refuses more than twelve posts', () => {
    const removed = parseWithZod(formData({ headline: 'h', 'items[0].id': 'a', 'items[0].remove': 'on', 'items[0].kind': 'OFFER', 'items[0].title': 't', 'items[0].description': 'd' }), {
      schema: profileFormSchema,
    })
    expect(removed.status === 'success' && removed.value.items).toEqual([])
    const many: Record<string, string> = { headline: 'h' }
    for (let i = 0; i < 13; i++) Object.assign(many, { [`items[${i}].kind`]: 'OFFER', [`items[${i}].title`]: `t${i}`, [`items[${i}].description`]: 'd' })
    const tooMany = parseWithZod(formData(many), { schema: profileFormSchema })
    expect(tooMany.reply().error!.items).toEqual(['Post at most 12 offers, needs and partnership requests'])
  })
})

describe.each(providers)('matchmaking on %s', (provider) => {
  let test: TestDatabase
  let db: Db
  let eventId: string
  const id: Record<keyof typeof emails, string> = { kadri: '', piotr: '', claire: '', organiser: '' }
  let capabilityIds: Record<string, string>

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
    eventId = (await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })).id
    for (const [key, email] of Object.entries(emails)) id[key as keyof typeof emails] = (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
    capabilityIds = Object.fromEntries((await db.capability.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]))
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  async function approvedNewcomer(name: string) {
    const user = await createUser(db, name)
    await db.registration.create({ data: { ...registrationData(eventId, user.id), status: 'APPROVED' }, select: { id: true } })
    return user.id
  }

  describe('saving a profile', () => {
    it('creates, edits in place and removes posts, and never touches the meeting counters', async () => {
      const userId = await approvedNewcomer('Ada Newcomer')
      await saveOwnProfile(db, {
        eventId,
        userId,
        values: values({
          headline: '<script>alert("x")</script> seekers',
          capabilityIds: [capabilityIds['kinetic-defeat']!, capabilityIds['rf-detection']!],
          freeTags: ['seekers'],
          items: [
            { kind: 'OFFER', title: 'Seeker heads', description: 'Imaging seekers for interceptors.', capabilityId: capabilityIds['kinetic-defeat']! },
            { kind: 'NEED', title: 'Airframes', description: 'We need interceptor airframes.' },
          ],
        }),
      })
      const first = (await getOwnProfile(db, { eventId, userId }))!
      expect(first).toMatchObject({ headline: '<script>alert("x")</script> seekers', freeTags: ['seekers'], technologyReadiness: 6 })
      expect(first.capabilityIds.sort()).toEqual([capabilityIds['kinetic-defeat'], capabilityIds['rf-detection']].sort())
      await db.matchmakingProfile.update({ where: { eventId_userId: { eventId, userId } }, data: { meetingsBooked: 3, pendingRequestsSent: 2 } })

      const [seekers] = first.items
      await saveOwnProfile(db, {
        eventId,
        userId,
        values: values({
          capabilityIds: [capabilityIds['c2-integration']!],
          technologyReadiness: undefined,
          items: [
            { id: seekers!.id, kind: 'OFFER', title: 'Seeker heads, 200 a month', description: 'Imaging seekers.' },
            { kind: 'PARTNERSHIP', title: 'Guidance partner', description: 'We seek a guidance partner.' },
          ],
        }),
      })
      const second = (await getOwnProfile(db, { eventId, userId }))!
      expect(second.capabilityIds).toEqual([capabilityIds['c2-integration']])
      expect(second.technologyReadiness).toBeNull()
      expect(second.items.map((item) => [item.id === seekers!.id, item.title, item.capabilityId])).toEqual([
        [true, 'Seeker heads, 200 a month', null],
        [false, 'Guidance partner', null],
      ])
      expect(await db.marketplaceItem.count({ where: { profile: { userId }, title: 'Airframes' } })).toBe(0)
      expect(await db.matchmakingProfile.findUniqueOrThrow({ where: { eventId_userId: { eventId, userId } }, select: { meetingsBooked: true, pendingRequestsSent: true } })).toEqual({
        meetingsBooked: 3,
        pendingRequestsSent: 2,
      })
    })

    it('refuses unknown capabilities and other people’s posts, and writes nothing', async () => {
      const userId = await approvedNewcomer('Bo Hostile')
      await expect(saveOwnProfile(db, { eventId, userId, values: values({ capabilityIds: ['no-such-capability'] }) })).rejects.toMatchObject({
        reason: 'invalid',
        field: 'capabilityIds',
      })
      await expect(
        saveOwnProfile(db, { eventId, userId, values: values({ items: [{ kind: 'NEED', title: 't', description: 'd', capabilityId: 'nope' }] }) }),
      ).rejects.toMatchObject({ reason: 'invalid', field: 'items[0].capabilityId' })
      expect(await getOwnProfile(db, { eventId, userId })).toBeNull()

      await saveOwnProfile(db, { eventId, userId, values: values({ headline: 'Before' }) })
      const someoneElses = await db.marketplaceItem.findFirstOrThrow({ where: { eventId, profile: { userId: id.kadri } }, select: { id: true, title: true } })
      const attempt = saveOwnProfile(db, { eventId, userId, values: values({ headline: 'After', items: [{ id: someoneElses.id, kind: 'OFFER', title: 'Mine now', description: 'd' }] }) })
      await expect(attempt).rejects.toBeInstanceOf(DomainError)
      await expect(attempt).rejects.toMatchObject({ reason: 'invalid', field: 'items[0].title' })
      expect((await getOwnProfile(db, { eventId, userId }))!.headline).toBe('Before')
      expect(await db.marketplaceItem.findUniqueOrThrow({ where: { id: someoneElses.id }, select: { title: true } })).toEqual({ title: someoneElses.title })
    })

    it('makes exactly one profile from ten simultaneous first saves (two clients on PostgreSQL)', async () => {
      const userId = await approvedNewcomer('Cy Doubleclick')
      // SQLite serves one machine from one process; PostgreSQL gets a second instance.
      const second = provider === 'postgresql' ? await createDbClient(test.url) : db
      try {
        const clients = [db, second]
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            saveOwnProfile(clients[i % 2]!, { eventId, userId, values: values({ headline: `Save ${i}`, capabilityIds: [capabilityIds['training']!], items: [{ kind: 'OFFER', title: `Offer ${i}`, description: 'd' }] }) }),
          ),
        )
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([])
      } finally {
        if (second !== db) await second.$disconnect()
      }
      expect(await db.matchmakingProfile.count({ where: { eventId, userId } })).toBe(1)
      const profile = (await getOwnProfile(db, { eventId, userId }))!
      expect(profile.capabilityIds).toEqual([capabilityIds['training']])
      // The last save wins whole: its headline with its own single offer.
      expect(profile.items).toHaveLength(1)
      expect(profile.items[0]!.title.replace('Offer', 'Save')).toBe(profile.headline)
    })
  })

  describe('access', () => {
    const access = (userId: string, purpose: 'own-profile' | 'browse', slug = demoSlug, now?: Date) =>
      getMatchmakingAccess(db, { slug, userId, isPlatformAdmin: false, purpose, now })

    it('lets participants and organisers look, and nobody else', async () => {
      expect((await access(id.kadri, 'browse')).kind).toBe('allowed')
      expect((await access(id.organiser, 'browse')).kind).toBe('allowed')
      expect((await access(id.claire, 'browse')).kind).toBe('not-registered')
      expect((await access(id.claire, 'own-profile')).kind).toBe('not-registered')
      expect((await access(id.kadri, 'browse', 'no-such-event')).kind).toBe('not-found')
      const newcomer = await approvedNewcomer('Di Noprofile')
      expect((await access(newcomer, 'browse')).kind).toBe('needs-profile')
      expect((await access(newcomer, 'own-profile')).kind).toBe('allowed')
      await saveOwnProfile(db, { eventId, userId: newcomer, values: values({ optedIn: false }) })
      expect((await access(newcomer, 'browse')).kind).toBe('needs-profile')
      expect(await getParticipantProfile(db, { eventId, userId: newcomer })).toBeNull()
      expect(await getParticipantProfile(db, { eventId, userId: id.claire })).toBeNull()
    })

    it('hides profiles until booking opens when the organisers say so, except from organisers', async () => {
      const opensAt = new Date('2027-01-10T08:00:00Z')
      const seeded = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { b2bBookingOpensAt: true } })
      await db.event.update({ where: { id: eventId }, data: { profileVisibility: 'AFTER_BOOKING_OPENS', b2bBookingOpensAt: opensAt } })
      try {
        expect(await access(id.kadri, 'browse', demoSlug, new Date('2027-01-10T07:59:00Z'))).toMatchObject({ kind: 'not-yet-visible', opensAt })
        expect((await access(id.kadri, 'own-profile', demoSlug, new Date('2027-01-10T07:59:00Z'))).kind).toBe('allowed')
        expect((await access(id.organiser, 'browse', demoSlug, new Date('2027-01-10T07:59:00Z'))).kind).toBe('allowed')
        expect((await access(id.kadri, 'browse', demoSlug, opensAt)).kind).toBe('allowed')
      } finally {
        await db.event.update({ where: { id: eventId }, data: { profileVisibility: 'ALL_ATTENDEES', b2bBookingOpensAt: seeded.b2bBookingOpensAt } })
      }
    })
  })

  describe('the directory', () => {
    const search = (params: Record<string, string>) => searchDirectory(db, { eventId, viewerUserId: id.kadri, query: parseDirectoryQuery(new URLSearchParams(params)) })

    it('filters by kind, country, capability and posts, searches words, and never shows emails', async () => {
      const all = await search({})
      expect(all.total).toBeGreaterThan(40)
      expect(all.cards).toHaveLength(20)
      expect(JSON.stringify(all)).not.toMatch(/@[a-z-]+\.example/)
      expect(all.cards.some((card) => card.userId === id.kadri)).toBe(false)

      const buyers = await search({ kind: 'GOVERNMENT_BUYER' })
      expect(buyers.total).toBeGreaterThan(0)
      expect(buyers.cards.every((card) => card.organisation?.kind === 'GOVERNMENT_BUYER')).toBe(true)
      // Each card says why, in words: for Kadri's interceptors, Piotr's agency is a buyer with needs.
      expect(buyers.cards.find((card) => card.userId === id.piotr)?.reasons[0]).toMatch(/^(Government buyer looking for|Their need “)/)

      const polish = await search({ country: 'PL', has: 'need' })
      expect(polish.total).toBeGreaterThan(0)
      expect(polish.cards.every((card) => card.organisation?.country === 'PL' && card.items.some((item) => item.kind !== 'OFFER'))).toBe(true)

      const detection = await search({ capability: capabilityIds['rf-detection']!, has: 'offer' })
      expect(detection.total).toBeGreaterThan(0)
      for (const card of detection.cards) {
        expect(card.capabilityIds.includes(capabilityIds['rf-detection']!) || card.items.some((item) => item.capabilityId === capabilityIds['rf-detection'])).toBe(true)
        expect(card.items.some((item) => item.kind === 'OFFER')).toBe(true)
      }

      const words = await search({ q: 'NOWAK pdao' })
      expect(words.cards.map((card) => card.name)).toEqual([])
      const byName = await search({ q: 'nowak polish' })
      expect(byName.cards.map((card) => card.userId)).toContain(id.piotr)
      const byItem = await search({ q: 'airburst' })
      expect(byItem.total).toBeGreaterThan(0)
      expect(byItem.total).toBeLessThan(all.total)
    })

    it('falls back to no filter on tampered values and pages through the rest', async () => {
      const tampered = await search({ kind: 'SPY', country: 'XX', capability: '<script>', has: 'both', page: '-3' })
      const all = await search({})
      expect(tampered.total).toBe(all.total)
      expect(tampered.applied).toMatchObject({ kind: null, country: null, capability: null, has: null, page: 1 })
      const last = await search({ page: '999' })
      expect(last.page).toBe(all.pageCount)
      expect(last.cards.length).toBe(all.total - (all.pageCount - 1) * 20)
    })
  })

  describe('recommendations', () => {
    it('ranks with reasons, and leaves out people already met, declined, colleagues and non-participants', async () => {
      const recommendations = await getRecommendations(db, { eventId, userId: id.kadri })
      expect(recommendations.length).toBeGreaterThanOrEqual(10)
      expect(recommendations.every((person) => person.reasons.length > 0)).toBe(true)
      const ids = recommendations.map((person) => person.userId)
      const met = await db.meetingParticipant.findMany({
        where: { meeting: { eventId, status: 'CONFIRMED', participants: { some: { userId: id.kadri } } }, userId: { not: id.kadri } },
        select: { userId: true },
      })
      expect(met.map((m) => m.userId)).toContain(id.piotr)
      for (const { userId } of met) expect(ids).not.toContain(userId)
      const colleagues = await db.user.findMany({ where: { organisation: { slug: 'hornet-interceptors' } }, select: { id: true } })
      for (const colleague of colleagues) expect(ids).not.toContain(colleague.id)

      // A "no thanks" from either side removes the pair at once.
      const [first, second] = recommendations
      await db.meetingRequest.create({ data: { eventId, requesterId: first!.userId, recipientId: id.kadri, status: 'DECLINED' } })
      await db.meetingRequest.create({ data: { eventId, requesterId: id.kadri, recipientId: second!.userId, status: 'DECLINED' } })
      const after = (await getRecommendations(db, { eventId, userId: id.kadri })).map((person) => person.userId)
      expect(after).not.toContain(first!.userId)
      expect(after).not.toContain(second!.userId)

      // A participant whose registration is cancelled disappears from everyone's suggestions.
      const third = recommendations[2]!.userId
      await db.registration.update({ where: { eventId_userId: { eventId, userId: third } }, data: { status: 'CANCELLED' } })
      expect((await getRecommendations(db, { eventId, userId: id.kadri })).map((person) => person.userId)).not.toContain(third)
    })

    it('follows a profile change on the next view', async () => {
      const userId = await approvedNewcomer('Ed Acoustics')
      await saveOwnProfile(db, { eventId, userId, values: values({ headline: 'Battery makers', capabilityIds: [] }) })
      const before = await getRecommendations(db, { eventId, userId })
      expect(before.some((person) => person.reasons.some((reason) => reason.includes('acoustic sensing')))).toBe(false)
      await saveOwnProfile(db, {
        eventId,
        userId,
        values: values({ headline: 'Battery makers', items: [{ kind: 'NEED', title: 'Acoustic sensors', description: 'We need acoustic sensors.', capabilityId: capabilityIds['acoustic-sensing']! }] }),
      })
      const after = await getRecommendations(db, { eventId, userId })
      expect(after[0]!.reasons).toContain('They offer acoustic sensing, which you need')
    })
  })
})

describe('the matchmaking pages’ guard (SQLite, through the loaders)', () => {
  let test: TestDatabase
  let sessions: typeof import('#app/lib/session.server.ts')

  beforeAll(async () => {
    test = await createTestDatabase('sqlite')
    await seedDatabase(test.db)
    process.env.DATABASE_URL = test.url
    sessions = await import('#app/lib/session.server.ts')
  })
  afterAll(async () => {
    const { db } = await import('#app/lib/db.server.ts')
    await db.$disconnect()
    await test?.cleanup()
  })

  async function status(email: string, path: string, file: string, params: Record<string, string>) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
    const { token } = await sessions.createSession(test.db, user.id)
    const request = new Request(`http://localhost${path}`, { headers: { Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` } })
    return (await callRoute(file, 'loader', request, params)).status
  }

  it('answers 404, 403 or the page, and sends approved people without a profile to the form', async () => {
    const recommendations = 'routes/matchmaking/recommendations.tsx'
    const directory = 'routes/matchmaking/directory.tsx'
    const person = 'routes/matchmaking/people.$userId.tsx'
    const piotr = (await test.db.user.findUniqueOrThrow({ where: { email: emails.piotr }, select: { id: true } })).id
    const claire = (await test.db.user.findUniqueOrThrow({ where: { email: emails.claire }, select: { id: true } })).id
    const params = { slug: demoSlug }

    expect(await status(emails.kadri, '/m', recommendations, params)).toBe(200)
    expect(await status(emails.kadri, '/m', directory, params)).toBe(200)
    expect(await status(emails.kadri, '/m', person, { ...params, userId: piotr })).toBe(200)
    expect(await status(emails.kadri, '/m', person, { ...params, userId: claire })).toBe(404)
    expect(await status(emails.kadri, '/m', directory, { slug: 'no-such-event' })).toBe(404)
    expect(await status(emails.claire, '/m', directory, params)).toBe(403)
    expect(await status(emails.claire, '/m', person, { ...params, userId: piotr })).toBe(403)
    expect(await status(emails.organiser, '/m', directory, params)).toBe(200)
    const newcomer = await createUser(test.db, 'Fay Noprofile')
    const eventId = (await test.db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })).id
    await test.db.registration.create({ data: { ...registrationData(eventId, newcomer.id), status: 'APPROVED' } })
    expect(await status(newcomer.email, '/m', recommendations, params)).toBe(302)
  })
})
