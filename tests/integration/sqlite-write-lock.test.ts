// A SQLite transaction that reads and then writes must not fail because another connection to the
// same file committed in between (app/lib/db-client.server.ts, takeWriteLockAtBegin); one that
// cannot get the lock in time is refused as busy and leaves the connection usable. The other
// connection runs in a worker thread: better-sqlite3 waits for a lock synchronously, so in this
// thread it would freeze the transaction it waits for.
import { Worker } from 'node:worker_threads'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createDbClient, isDatabaseBusy, type Db } from '#app/lib/db-client.server.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'
import { holdSqliteWriteLock } from '#tests/support/sqlite-lock.ts'

const otherConnectionSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require('better-sqlite3')
const database = new Database(workerData.file, { timeout: 10000 })
parentPort.once('message', () => {
  database.prepare("INSERT INTO note (author) VALUES ('other connection')").run()
  database.close()
  parentPort.postMessage('committed')
})
`

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openNoteDatabase(options: { sqliteBusyTimeoutMs?: number } = {}): Promise<{ db: Db; file: string; url: string }> {
  const { url, drop } = await createEmptyDatabase('sqlite')
  const db = await createDbClient(url, options)
  cleanups.push(drop, () => db.$disconnect())
  await db.$executeRawUnsafe('CREATE TABLE note (id INTEGER PRIMARY KEY, author TEXT NOT NULL)')
  await db.$executeRawUnsafe("INSERT INTO note (author) VALUES ('before')")
  return { db, file: url.replace(/^file:/, ''), url }
}

describe('SQLite write transactions and other connections to the file', () => {
  it('a transaction that reads, lets another connection try to commit, then writes, succeeds; the other write waits for it', async () => {
    const { db, file } = await openNoteDatabase()
    const other = new Worker(otherConnectionSource, { eval: true, workerData: { file } })
    cleanups.push(() => other.terminate().then(() => undefined))
    const otherCommitted = new Promise((resolve) => other.once('message', resolve))

    let otherCommittedInside = false
    await db.$transaction(async (tx) => {
      const counted = await tx.$queryRawUnsafe<{ notes: bigint }[]>('SELECT count(*) AS notes FROM note')
      expect(counted.map((row) => Number(row.notes))).toEqual([1])
      other.postMessage('write')
      // With a deferred BEGIN the other connection commits here at once and this transaction's
      // write below fails with SQLITE_BUSY_SNAPSHOT; holding the write lock makes it wait.
      otherCommittedInside = await Promise.race([otherCommitted.then(() => true), sleep(400).then(() => false)])
      await tx.$executeRawUnsafe("INSERT INTO note (author) VALUES ('transaction')")
    })
    await otherCommitted

    expect(otherCommittedInside).toBe(false)
    const notes = await db.$queryRawUnsafe<{ author: string }[]>('SELECT author FROM note ORDER BY id')
    expect(notes.map((note) => note.author)).toEqual(['before', 'transaction', 'other connection'])
  })

  it('a transaction that cannot get the lock within the busy timeout is refused as busy, and the next one commits once the file is free', async () => {
    const { db, url } = await openNoteDatabase({ sqliteBusyTimeoutMs: 100 })
    const release = await holdSqliteWriteLock(url)
    const refused = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO note (author) VALUES ('while locked')")
      })
      .then(
        () => null,
        (error: unknown) => error,
      )
    await release()
    expect(isDatabaseBusy(refused)).toBe(true)

    // Prisma's adapter keeps a lock of its own from before BEGIN to the end of the transaction: a
    // refused BEGIN must give it back, or this waits out maxWait and fails (P2028).
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO note (author) VALUES ('after')")
    }, { maxWait: 1_000 })
    const notes = await db.$queryRawUnsafe<{ author: string }[]>('SELECT author FROM note ORDER BY id')
    expect(notes.map((note) => note.author)).toEqual(['before', 'after'])
  })
})
