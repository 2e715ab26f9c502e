// The demo Industry Day: deterministic, idempotent, identical on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '#prisma/generated/sqlite/client.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { expireMeetingRequests } from '#app/domain/meetings/request-expiry.server.ts'
import { buildDemoDataset } from '#seeds/demo-dataset.ts'
import { demoTimeline, parseReferenceDate } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'

/** Every row of every table, in a canonical form and order, for comparing databases. */
async function dumpAllRows(db: Db) {
  const dump: Record<string, string[]> = {}
  for (const model of Object.values(Prisma.ModelName)) {
    const delegateName = model.charAt(0).toLowerCase() + model.slice(1)
    const delegate = (db as unknown as Record<string, { findMany: () => Promise<Record<string, unknown>[]> }>)[delegateName]!
    const rows = await delegate.findMany()
    dump[model] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).sort()
  }
  return dump
}

/** One reference for every seeding whose rows are compared: the dates move with it. */
const seededOn = new Date('2026-12-20T09:00:00Z')

describe('the demo dataset', () => {
  it('is the same every time it is built for the same reference day', () => {
    expect(buildDemoDataset({ reference: seededOn })).toEqual(buildDemoDataset({ reference: parseReferenceDate('2026-12-20') }))
  })
})

describe('seeding', () => {
  const databases = new Map<Provider, TestDatabase>()
  const dumps = new Map<Provider, Record<string, string[]>>()

  beforeAll(async () => {
    for (const provider of providers) databases.set(provider, await createTestDatabase(provider))
  })
  afterAll(async () => {
    for (const database of databases.values()) await database.cleanup()
  })

  it.each(providers)('fills an empty %s database with the demo, and a second run changes nothing', async (provider) => {
    const { db } = databases.get(provider)!
    await seedDatabase(db, { reference: seededOn })
    const first = await dumpAllRows(db)

    expect(first.Event).toHaveLength(1)
    expect(first.Organisation!.length).toBeGreaterThanOrEqual(35)
    const statuses = new Set((await db.registration.findMany({ select: { status: true } })).map((r) => r.status))
    expect([...statuses].sort()).toEqual(['APPROVED', 'CANCELLED', 'PENDING', 'REJECTED', 'WAITLISTED'])
    expect(await db.registration.count()).toBeGreaterThanOrEqual(150)
    expect(await db.meeting.count({ where: { status: 'CONFIRMED' } })).toBeGreaterThan(0)
    expect(await db.marketplaceItem.count({ where: { kind: 'NEED' } })).toBeGreaterThan(0)
    expect(await db.agendaSession.count({ where: { kind: 'B2B_WINDOW' } })).toBeGreaterThan(0)

    await seedDatabase(db, { reference: seededOn })
    expect(await dumpAllRows(db)).toEqual(first)
    dumps.set(provider, first)
  })

  it('only seeds an empty database when asked to', async () => {
    const { db } = databases.get('sqlite')!
    const before = await db.user.count()
    await seedDatabase(db, { ifEmpty: true })
    expect(await db.user.count()).toBe(before)
  })

  it('gives the same rows on SQLite and PostgreSQL', () => {
    expect(dumps.get('postgresql')).toEqual(dumps.get('sqlite'))
  })
})

describe('the demo started weeks after it was written', () => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase('sqlite')
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('still has open meeting requests waiting for an answer, and none expires at the first start', async () => {
    const startedOn = new Date(demoTimeline(seededOn).asOf.getTime() + 60 * 24 * 3_600_000)
    await seedDatabase(test.db, { reference: startedOn })
    const pending = await test.db.meetingRequest.findMany({ where: { status: 'PENDING' }, select: { updatedAt: true } })
    expect(pending.length).toBeGreaterThan(5)
    for (const request of pending) {
      expect(request.updatedAt.getTime()).toBeLessThan(startedOn.getTime())
      expect(startedOn.getTime() - request.updatedAt.getTime()).toBeLessThan(7 * 24 * 3_600_000)
    }
    const { expired } = await expireMeetingRequests(test.db, { now: startedOn })
    expect(expired).toBe(0)
    expect(await test.db.meetingRequest.count({ where: { status: 'PENDING' } })).toBe(pending.length)
  })
})
