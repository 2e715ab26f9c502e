// Group commit (docs/decisions/028-registrations-committed-in-groups.md): writes that arrive
// for the same key while one group of them is being committed wait and are committed together
// in the next transaction. Under a rush one transaction carries several writes, so every
// statement it shares (BEGIN, the multi-row inserts, the counter update, COMMIT) is paid once
// per group instead of once per write; when nothing else is waiting a write is committed at
// once, alone, so a quiet instance adds no delay.

export type GroupCommitOptions<Item, Result> = {
  /** The most writes one transaction carries. */
  maxGroupSize: number
  /** Writes with the same identity (one person's double submit) never share a group: the second goes in a later one. */
  identityOf: (item: Item) => string
  /** Commits the group in one transaction: one result per item, in order; throws to roll back the whole group. */
  commit: (items: readonly Item[]) => Promise<Result[]>
  /**
   * Errors that say nothing about any one write (the database was busy): each write of the group
   * would meet them again alone, so every write fails with the group's error at once.
   */
  failsEveryWrite?: (error: unknown) => boolean
  /**
   * How many writes of this kind the instance has under way (running, or waiting for their turn
   * to run; this line's own included). A new line's first write waits, one turn of the event loop at a
   * time and at most MAX_GATHER_TURNS, while fewer than that have joined it: on SQLite a
   * transaction runs within one turn, so without the wait no write ever found another waiting
   * and each was committed alone.
   */
  writesUnderWay?: () => number
}

/** At most this many turns of the event loop before a new line's group is committed: a fraction of a millisecond on an idle loop. */
const MAX_GATHER_TURNS = 12

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export type GroupCommit<Item, Result> = {
  /** Commits `item` with whatever else waits under `key`; settles with its own result or error. */
  submit(key: string, item: Item): Promise<Result>
}

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }

/**
 * One group per key is committed at a time in this instance; the writes that arrive meanwhile
 * form the next. When a group fails, each of its writes is committed again alone, in order, so
 * a write that cannot be made (an organisation that does not exist) fails only itself and
 * settles exactly as it would have without grouping; an error that every write would meet alone
 * (failsEveryWrite) fails them all at once instead. What `commit` can settle for a whole group
 * (seats that ran out, a double submit) it settles itself, in one more transaction.
 */
export function createGroupCommit<Item, Result>({
  maxGroupSize,
  identityOf,
  commit,
  failsEveryWrite = () => false,
  writesUnderWay = () => 0,
}: GroupCommitOptions<Item, Result>): GroupCommit<Item, Result> {
  const lines = new Map<string, Array<Waiting<Item, Result>>>()

  const commitAlone = async (waiting: Waiting<Item, Result>) => {
    try {
      const [result] = await commit([waiting.item])
      waiting.resolve(result!)
    } catch (error) {
      waiting.reject(error)
    }
  }

  const commitTogether = async (group: Array<Waiting<Item, Result>>) => {
    if (group.length === 1) return commitAlone(group[0]!)
    let results: Result[]
    try {
      results = await commit(group.map((waiting) => waiting.item))
    } catch (error) {
      if (failsEveryWrite(error)) {
        for (const waiting of group) waiting.reject(error)
        return
      }
      for (const waiting of group) await commitAlone(waiting)
      return
    }
    group.forEach((waiting, i) => waiting.resolve(results[i]!))
  }

  const drain = async (key: string, line: Array<Waiting<Item, Result>>) => {
    try {
      for (let turn = 0; turn < MAX_GATHER_TURNS && line.length < Math.min(maxGroupSize, writesUnderWay()); turn++) await nextTurn()
      while (line.length > 0) await commitTogether(takeGroup(line))
    } finally {
      lines.delete(key)
    }
  }

  const takeGroup = (line: Array<Waiting<Item, Result>>) => {
    const group: Array<Waiting<Item, Result>> = []
    const identities = new Set<string>()
    for (let i = 0; i < line.length && group.length < maxGroupSize; ) {
      const identity = identityOf(line[i]!.item)
      if (identities.has(identity)) {
        i++
        continue
      }
      identities.add(identity)
      group.push(line.splice(i, 1)[0]!)
    }
    return group
  }

  return {
    submit(key, item) {
      return new Promise<Result>((resolve, reject) => {
        const line = lines.get(key)
        if (line) {
          line.push({ item, resolve, reject })
          return
        }
        const started = [{ item, resolve, reject }]
        lines.set(key, started)
        void drain(key, started)
      })
    },
  }
}
