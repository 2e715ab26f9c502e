// Reads the tables, columns and unique indexes a migrated database really has, straight from
// the engine's catalogue, so tests can compare the two providers.
import Database from 'better-sqlite3'
import pg from 'pg'
import { providerForUrl } from '#prisma/providers.ts'

export type ColumnInfo = { table: string; column: string; nullable: boolean }
export type UniqueIndexInfo = { table: string; columns: string[] }

const migrationsTable = '_prisma_migrations'

export async function listColumns(url: string): Promise<ColumnInfo[]> {
  if (providerForUrl(url) === 'postgresql') {
    return withPostgres(url, async (client) => {
      const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
        `SELECT table_name, column_name, is_nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name, column_name`,
        [migrationsTable],
      )
      return sortColumns(rows.map((row) => ({ table: row.table_name, column: row.column_name, nullable: row.is_nullable === 'YES' })))
    })
  }
  return withSqlite(url, (db) =>
    sortColumns(
      sqliteTables(db).flatMap((table) =>
        (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number; pk: number }[]).map((column) => ({
          table,
          column: column.name,
          nullable: column.notnull === 0 && column.pk === 0,
        })),
      ),
    ),
  )
}

export async function listUniqueIndexes(url: string): Promise<UniqueIndexInfo[]> {
  if (providerForUrl(url) === 'postgresql') {
    return withPostgres(url, async (client) => {
      const { rows } = await client.query<{ table_name: string; columns: string[] }>(
        `SELECT t.relname AS table_name,
                array_agg(a.attname::text ORDER BY array_position(ix.indkey::int2[], a.attnum)) AS columns
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey)
         WHERE n.nspname = 'public' AND ix.indisunique AND t.relname <> $1
         GROUP BY ix.indexrelid, t.relname`,
        [migrationsTable],
      )
      return sortIndexes(rows.map((row) => ({ table: row.table_name, columns: row.columns })))
    })
  }
  return withSqlite(url, (db) =>
    sortIndexes(
      sqliteTables(db).flatMap((table) => {
        const indexes = db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[]
        return indexes
          .filter((index) => index.unique === 1)
          .map((index) => ({
            table,
            columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string; seqno: number }[])
              .sort((a, b) => a.seqno - b.seqno)
              .map((column) => column.name),
          }))
      }),
    ),
  )
}

// One ordering for both engines (their collations differ).
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function sortColumns(columns: ColumnInfo[]) {
  return columns.sort((a, b) => byCodePoint(a.table, b.table) || byCodePoint(a.column, b.column))
}

function sortIndexes(indexes: UniqueIndexInfo[]) {
  return indexes
    .map((index) => ({ ...index, key: `${index.table}(${index.columns.join(',')})` }))
    .sort((a, b) => byCodePoint(a.key, b.key))
    .map(({ table, columns }) => ({ table, columns }))
}

function sqliteTables(db: Database.Database) {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`).all(migrationsTable) as {
      name: string
    }[]
  ).map((row) => row.name)
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function withSqlite<T>(url: string, work: (db: Database.Database) => T) {
  const db = new Database(url.replace(/^file:/, ''), { readonly: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}
