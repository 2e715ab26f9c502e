// A statement made outside a transaction while another request's interactive transaction is open
// (app/lib/db-client.server.ts, keepStatementsOutOfOpenTransactions): a read sees only what is
// committed, and a write is its own, kept when the open transaction rolls back. On SQLite the app
// has one connection for its writes, which Prisma's adapter shared with any open transaction; on
// PostgreSQL each statement has a pooled connection of its own, and the same holds.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createNoteDatabase } from '#tests/support/databases.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openNoteDatabase(provider: Provider): Promise<Db> {
  const { db, cleanup } = await createNoteDatabase(provider)
  cleanups.push(cleanup)
  await db.$executeRawUnsafe("INSERT INTO note (author) VALUES ('before')")
  return db
}

async function authors(db: Db) {
  const notes = await db.$queryRawUnsafe<{ author: string }[]>('SELECT author FROM note ORDER BY id')
  return notes.map((note) => note.author)
}

/**
 * Opens a transaction that writes `author`, then, while it is still open, runs `meanwhile` outside
 * it; the transaction ends (committed, or rolled back by a throw) only after `meanwhile` has been
 * started, and its outcome is returned with what `meanwhile` answered.
 */
async function whileATransactionIsOpen<T>(db: Db, { author, rollBack }: { author: string; rollBack: boolean }, meanwhile: () => PromiseLike<T>) {
  let opened!: () => void
  const open = new Promise<void>((resolve) => (opened = resolve))
  let finish!: () => void
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const transaction = db
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO note (author) VALUES ('${author}')`)
      opened()
      await finished
      if (rollBack) throw new Error('rolled back on purpose')
    })
    .then(
      () => 'committed' as const,
      (error: unknown) => (error instanceof Error && error.message === 'rolled back on purpose' ? ('rolled back' as const) : Promise.reject(error)),
    )
  await open
  // Prisma's queries are lazy: then() sends it now, while the transaction is open.
  const answer = meanwhile().then((value) => value)
  // Give the statement every chance to run inside the open transaction before it ends.
  await sleep(50)
  finish()
  return { outcome: await transaction, answer: await answer }
}

describe.each(providers)('statements outside an open transaction on %s', (provider) => {
  it('a read sees only what is committed: not the open transaction’s row, then the row once it commits', async () => {
    const db = await openNoteDatabase(provider)
    const { outcome, answer } = await whileATransactionIsOpen(db, { author: 'in the transaction', rollBack: false }, () => authors(db))
    expect(outcome).toBe('committed')
    expect(answer).toEqual(['before'])
    expect(await authors(db)).toEqual(['before', 'in the transaction'])
  })

  it('a write is kept when the open transaction rolls back, and the transaction’s own write is not', async () => {
    const db = await openNoteDatabase(provider)
    const { outcome, answer } = await whileATransactionIsOpen(db, { author: 'rolled back', rollBack: true }, () =>
      db.$executeRawUnsafe("INSERT INTO note (author) VALUES ('outside')"),
    )
    expect(outcome).toBe('rolled back')
    expect(answer).toBe(1)
    expect(await authors(db)).toEqual(['before', 'outside'])
  })

  it('a write that also reads (UPDATE … RETURNING, as Prisma’s update is) is kept when the open transaction rolls back', async () => {
    const db = await openNoteDatabase(provider)
    const { outcome, answer } = await whileATransactionIsOpen(db, { author: 'rolled back', rollBack: true }, () =>
      db.$queryRawUnsafe<{ author: string }[]>("UPDATE note SET author = 'renamed outside' WHERE author = 'before' RETURNING author"),
    )
    expect(outcome).toBe('rolled back')
    expect(answer).toEqual([{ author: 'renamed outside' }])
    expect(await authors(db)).toEqual(['renamed outside'])
  })

  it('SQL that cannot be run fails as a raw query error (P2010), whichever connection would have read it', async () => {
    const db = await openNoteDatabase(provider)
    for (const sql of ['SELEC author FROM note', 'SELECT author FROM no_such_table']) {
      await expect(db.$queryRawUnsafe(sql)).rejects.toMatchObject({ code: 'P2010' })
    }
    expect(await authors(db)).toEqual(['before'])
  })

  it('many writes made outside while transactions queue are each kept once, whichever transactions roll back', async () => {
    const db = await openNoteDatabase(provider)
    const transactions = Array.from({ length: 6 }, (_, i) =>
      db
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`INSERT INTO note (author) VALUES ('transaction ${i}')`)
          await sleep(5)
          if (i % 2 === 1) throw new Error('rolled back on purpose')
        })
        .catch(() => undefined),
    )
    const outside = Array.from({ length: 12 }, (_, i) => sleep(i * 2).then(() => db.$executeRawUnsafe(`INSERT INTO note (author) VALUES ('outside ${i}')`).then((count) => count)))
    await Promise.all([...transactions, ...outside])
    const written = await authors(db)
    expect(written.filter((author) => author.startsWith('outside')).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `outside ${i}`).sort())
    expect(written.filter((author) => author.startsWith('transaction')).sort()).toEqual(['transaction 0', 'transaction 2', 'transaction 4'])
    expect(written).toHaveLength(1 + 12 + 3)
  })
})

describe('statements outside a transaction on sqlite: order', () => {
  it('a write that waited for the open transaction runs before the next transaction begins', async () => {
    const db = await openNoteDatabase('sqlite')
    let next: Promise<unknown> = Promise.resolve()
    const { outcome } = await whileATransactionIsOpen(db, { author: 'first transaction', rollBack: false }, async () => {
      const write = db.$executeRawUnsafe("INSERT INTO note (author) VALUES ('outside')")
      next = db.$transaction((tx) => tx.$executeRawUnsafe("INSERT INTO note (author) VALUES ('next transaction')")).then((count) => count)
      return write
    })
    await next
    expect(outcome).toBe('committed')
    expect(await authors(db)).toEqual(['before', 'first transaction', 'outside', 'next transaction'])
  })
})
