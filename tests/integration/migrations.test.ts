// Migrations from an empty database, on both providers, through the project's migration
// script (Prisma's WASM schema engine).
import { describe, expect, it } from 'vitest'
import { deployMigrations, migrationStatus } from '#prisma/scripts/migration-engine.ts'
import { providers } from '#prisma/providers.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { listColumns } from '#tests/support/introspect.ts'

describe.each(providers)('migrations on %s', (provider) => {
  it('take an empty database to the current schema, and a second deploy is a no-op', async () => {
    const { url, drop } = await createEmptyDatabase(provider)
    try {
      const before = await migrationStatus(url)
      expect(before.applied).toEqual([])
      expect(before.pending.length).toBeGreaterThan(0)

      const applied = await deployMigrations(url)
      expect(applied).toEqual(before.pending)

      const after = await migrationStatus(url)
      expect(after).toMatchObject({ upToDate: true, pending: [], failed: [], historyDiverges: false })
      expect(after.applied).toEqual(after.local)

      expect(await deployMigrations(url)).toEqual([])

      const tables = new Set((await listColumns(url)).map((column) => column.table))
      for (const table of ['User', 'Event', 'Registration', 'AgendaSession', 'Meeting', 'OutboxMessage', 'AuditLogEntry']) {
        expect(tables).toContain(table)
      }

      // The migrated database serves the generated client.
      const db = await createDbClient(url)
      try {
        const user = await db.user.create({ data: { email: 'first@example.org', name: 'First' } })
        expect(await db.user.findUnique({ where: { email: 'first@example.org' }, select: { id: true } })).toEqual({ id: user.id })
      } finally {
        await db.$disconnect()
      }
    } finally {
      await drop()
    }
  })
})
