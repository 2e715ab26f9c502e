// The session check every signed-in request makes (validateSessionToken: the cookie's session, its
// person and whether they hold an event role): time and CPU per call, in process, on SQLite and on
// PostgreSQL, for a person without and with an event role.
//
//   npx tsx bench/session-check.ts [--calls 5000] [--providers sqlite,postgresql]
//
// Needs PostgreSQL at TEST_POSTGRES_URL for the PostgreSQL row.
import { parseArgs } from 'node:util'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { createSession, validateSessionToken } from '#app/lib/session.server.ts'
import { providers } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { createEvent } from '#tests/support/fixtures.ts'
import { chosenProvidersOf } from './support.ts'

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '5000' },
    providers: { type: 'string', default: providers.join(',') },
  },
})
const calls = Number(values.calls)

const rows: Record<string, string | number>[] = []
for (const provider of chosenProvidersOf(values.providers)) {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    const event = await createEvent(db)
    const attendee = await db.user.create({ data: { email: 'attendee@bench.test', name: 'Attendee' }, select: { id: true } })
    const officer = await db.user.create({ data: { email: 'officer@bench.test', name: 'Officer' }, select: { id: true } })
    await db.eventRole.create({ data: { eventId: event.id, userId: officer.id, role: 'VETTING_OFFICER' } })
    for (const [who, userId] of [['attendee', attendee.id], ['vetting officer', officer.id]] as const) {
      const { token } = await createSession(db, userId)
      // Warm: the query plan, the prepared statement, the JIT.
      for (let i = 0; i < 2000; i++) await validateSessionToken(db, token)
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      for (let i = 0; i < calls; i++) {
        if (!(await validateSessionToken(db, token))) throw new Error('The session did not validate.')
      }
      const wallUs = ((performance.now() - started) * 1000) / calls
      const cpu = process.cpuUsage(cpuBefore)
      rows.push({
        provider,
        person: who,
        calls,
        'µs per call (wall)': Math.round(wallUs),
        'µs CPU per call': Math.round((cpu.user + cpu.system) / calls),
      })
    }
    await db.$disconnect()
  } finally {
    await drop()
  }
}
console.table(rows)
