// The SQLite and PostgreSQL schemas cannot drift apart: both are generated from
// prisma/models.prisma, each migrations folder reaches exactly its schema, and the two
// migrated databases have the same tables, columns, nullability and unique indexes.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modelsPath, providers, renderSchema, schemaPath, type Provider } from '#prisma/providers.ts'
import { deployMigrations, diffMigrationsToSchema } from '#prisma/scripts/migration-engine.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { listColumns, listUniqueIndexes } from '#tests/support/introspect.ts'

describe('schema drift between SQLite and PostgreSQL', () => {
  const databases = new Map<Provider, { url: string; drop: () => Promise<void> }>()

  beforeAll(async () => {
    for (const provider of providers) {
      const database = await createEmptyDatabase(provider)
      databases.set(provider, database)
      await deployMigrations(database.url)
    }
  })
  afterAll(async () => {
    for (const database of databases.values()) await database.drop()
  })

  it.each(providers)('the committed %s schema is generated from models.prisma', (provider) => {
    const models = fs.readFileSync(modelsPath, 'utf8')
    expect(fs.readFileSync(schemaPath(provider), 'utf8')).toBe(renderSchema(provider, models))
  })

  it.each(providers)('the %s migrations reach exactly the schema of that provider', async (provider) => {
    expect(await diffMigrationsToSchema(provider)).toBe('')
  })

  it('both migrated databases have the same tables, columns and nullability', async () => {
    const [sqlite, postgresql] = await Promise.all(providers.map((p) => listColumns(databases.get(p)!.url)))
    expect(sqlite!.length).toBeGreaterThan(100)
    expect(postgresql).toEqual(sqlite)
  })

  it('both migrated databases have the same unique indexes', async () => {
    const [sqlite, postgresql] = await Promise.all(providers.map((p) => listUniqueIndexes(databases.get(p)!.url)))
    expect(sqlite).toContainEqual({ table: 'Registration', columns: ['eventId', 'userId'] })
    expect(sqlite).toContainEqual({ table: 'Meeting', columns: ['tableId', 'activeSlotId'] })
    expect(sqlite).toContainEqual({ table: 'MeetingParticipant', columns: ['userId', 'activeSlotId'] })
    expect(postgresql).toEqual(sqlite)
  })
})
