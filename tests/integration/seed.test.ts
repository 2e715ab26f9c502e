// The demo Industry Day: deterministic, idempotent, identical on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '#prisma/generated/sqlite/client.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { buildDemoDataset } from '#seeds/demo-dataset.ts'
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

describe('the demo dataset', () => {
  it('is the same every time it is built', () => {
    expect(buildDemoDataset()).toEqual(buildDemoDataset())
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
    await seedDatabase(db)
    const first = await dumpAllRows(db)

    expect(first.Event).toHaveLength(1)
    expect(first.Organisation!.length).toBeGreaterThanOrEqual(35)
    const statuses = new Set((await db.registration.findMany({ select: { status: true } })).map((r) => r.status))
    expect([...statuses].sort()).toEqual(['APPROVED', 'CANCELLED', 'PENDING', 'REJECTED', 'WAITLISTED'])
    expect(await db.registration.count()).toBeGreaterThanOrEqual(150)
    expect(await db.meeting.count({ where: { status: 'CONFIRMED' } })).toBeGreaterThan(0)
    expect(await db.marketplaceItem.count({ where: { kind: 'NEED' } })).toBeGreaterThan(0)
    expect(await db.agendaSession.count({ where: { kind: 'B2B_WINDOW' } })).toBeGreaterThan(0)

    await seedDatabase(db)
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
