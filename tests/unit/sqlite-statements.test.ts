// The SQLite connection keeps its prepared statements (app/lib/db-client.server.ts): the same SQL is
// prepared once, every call still binds its own values, its columns are read once, the adapter's
// BEGIN/COMMIT work, and the number kept is bounded.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { KEPT_STATEMENTS, reusePreparedStatements } from '#app/lib/db-client.server.ts'

type View = { reader: boolean; run(): { changes: number }; columns(): { name: string }[]; raw(): { all(): unknown[][] } }
type Prepared = { run(): unknown; bind(args: unknown[]): View }

const opened: Database.Database[] = []
afterEach(() => {
  for (const database of opened.splice(0)) database.close()
})

function openCountingDatabase() {
  const database = new Database(':memory:')
  opened.push(database)
  const prepared: string[] = []
  const prepare = database.prepare.bind(database)
  database.prepare = ((sql: string) => {
    prepared.push(sql)
    return prepare(sql)
  }) as typeof database.prepare
  const kept = reusePreparedStatements(database)
  const prepareView = (sql: string) => (database.prepare as unknown as (sql: string) => Prepared)(sql)
  return { database, prepared, kept, prepareView }
}

describe('prepared statements kept per SQLite connection', () => {
  it('prepares the same SQL once and binds each call to its own values, as the adapter calls them', () => {
    const { prepared, prepareView } = openCountingDatabase()
    prepareView('CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)').bind([]).run()
    prepareView('BEGIN').run()
    for (const name of ['Ada', 'Grace', 'Edsger']) expect(prepareView('INSERT INTO person (name) VALUES (?)').bind([name]).run().changes).toBe(1)
    prepareView('COMMIT').run()
    const select = 'SELECT id, name FROM person WHERE name <> ? ORDER BY id'
    const first = prepareView(select).bind(['Ada'])
    expect(first.reader).toBe(true)
    expect(first.columns().map((column) => column.name)).toEqual(['id', 'name'])
    expect(first.raw().all()).toEqual([
      [2, 'Grace'],
      [3, 'Edsger'],
    ])
    expect(prepareView(select).bind(['Grace']).raw().all()).toEqual([
      [1, 'Ada'],
      [3, 'Edsger'],
    ])
    // The column list is read once per kept statement, not at every call.
    expect(prepareView(select).bind(['Edsger']).columns()).toBe(first.columns())
    expect(prepared.filter((sql) => sql === select)).toHaveLength(1)
    expect(prepared.filter((sql) => sql.startsWith('INSERT'))).toHaveLength(1)
  })

  it('keeps at most KEPT_STATEMENTS, dropping the least recently used', () => {
    const { prepared, kept, prepareView } = openCountingDatabase()
    const often = 'SELECT 0'
    for (let i = 1; i <= KEPT_STATEMENTS + 100; i++) {
      prepareView(`SELECT ${i}`).bind([]).raw().all()
      prepareView(often).bind([]).raw().all()
    }
    expect(kept.kept).toBe(KEPT_STATEMENTS)
    // The statement used all along was never dropped; the first ones were.
    expect(prepared.filter((sql) => sql === often)).toHaveLength(1)
    prepareView('SELECT 1').bind([]).raw().all()
    expect(prepared.filter((sql) => sql === 'SELECT 1')).toHaveLength(2)
  })
})
