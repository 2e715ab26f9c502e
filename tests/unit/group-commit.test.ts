// The group commit under registrations into free seats: a lone write is committed at once, a new
// line waits a few turns for the writes said to be under way, the
// writes that arrive while a group commits form the next group, one person's two writes never
// share a group, a group that fails is committed again write by write so only the bad one fails, and an error
// every write would meet (a busy database) fails the whole group at once.
import { describe, expect, it } from 'vitest'
import { createAdmissionGate } from '#app/lib/admission.server.ts'
import { createGroupCommit } from '#app/lib/group-commit.server.ts'

type Write = { person: string; bad?: boolean; busy?: boolean }

class DatabaseBusy extends Error {}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function deferred() {
  let release!: () => void
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}

/** A committer that records each group it is given and waits for `gate` (when set) before committing. */
function recordingCommitter(options: { maxGroupSize?: number; writesUnderWay?: () => number } = {}) {
  const groups: string[][] = []
  let gate: Promise<void> | null = null
  const commits = createGroupCommit<Write, string>({
    maxGroupSize: options.maxGroupSize ?? 10,
    identityOf: (write) => write.person,
    failsEveryWrite: (error) => error instanceof DatabaseBusy,
    writesUnderWay: options.writesUnderWay,
    commit: async (writes) => {
      groups.push(writes.map((write) => write.person))
      if (gate) await gate
      if (writes.some((write) => write.busy)) throw new DatabaseBusy('the database was busy')
      if (writes.some((write) => write.bad)) throw new Error(`cannot write ${writes.find((write) => write.bad)!.person}`)
      return writes.map((write) => `done:${write.person}`)
    },
  })
  return {
    commits,
    groups,
    hold() {
      const held = deferred()
      gate = held.promise
      return () => {
        gate = null
        held.release()
      }
    },
  }
}

describe('group commit', () => {
  it('commits a lone write at once, alone', async () => {
    const { commits, groups } = recordingCommitter()
    const result = commits.submit('event-1', { person: 'ada' })
    expect(groups).toEqual([['ada']])
    await expect(result).resolves.toBe('done:ada')
  })

  it('waits, a turn of the event loop at a time, for the writes under way, and commits them together', async () => {
    // As on SQLite: each write reaches the group commit in a turn of its own, and a commit ends within its turn.
    const { commits, groups } = recordingCommitter({ writesUnderWay: () => 4 })
    const writes = [commits.submit('event-1', { person: 'a' })]
    for (const person of ['b', 'c', 'd']) {
      await nextTurn()
      writes.push(commits.submit('event-1', { person }))
    }
    await expect(Promise.all(writes)).resolves.toEqual(['done:a', 'done:b', 'done:c', 'done:d'])
    expect(groups).toEqual([['a', 'b', 'c', 'd']])
  })

  it('gathers what an admission gate lets in one per turn, as registrations reach it under a rush', async () => {
    const gate = createAdmissionGate({ concurrency: 12, maxWaiting: 100, maxWaitMs: 10_000 })
    const { commits, groups } = recordingCommitter({ maxGroupSize: 25, writesUnderWay: () => gate.load.running + gate.load.waiting })
    const people = Array.from({ length: 30 }, (_, i) => `p${i}`)
    const results = await Promise.all(people.map((person) => gate.run(() => commits.submit('event-1', { person }))))
    expect(results).toEqual(people.map((person) => `done:${person}`))
    expect(groups.flat()).toEqual(people)
    // Twelve at a time get in: the first line gathers them, and the rest follow in groups, never one by one.
    expect(groups[0]).toHaveLength(12)
    expect(groups.length).toBeLessThanOrEqual(4)
  })

  it('waits a bounded number of turns for writes said to be under way that never come', async () => {
    const { commits, groups } = recordingCommitter({ writesUnderWay: () => 100 })
    let turns = 0
    const counting = (async () => {
      while (groups.length === 0 && turns < 1_000) {
        await nextTurn()
        turns++
      }
    })()
    await expect(commits.submit('event-1', { person: 'alone' })).resolves.toBe('done:alone')
    await counting
    expect(groups).toEqual([['alone']])
    expect(turns).toBeLessThanOrEqual(13)
  })

  it('groups the writes that arrive while one commits, in their order, up to the largest group', async () => {
    const { commits, groups, hold } = recordingCommitter({ maxGroupSize: 3 })
    const release = hold()
    const first = commits.submit('event-1', { person: 'p0' })
    const later = ['p1', 'p2', 'p3', 'p4', 'p5'].map((person) => commits.submit('event-1', { person }))
    expect(groups).toEqual([['p0']])
    release()
    await expect(Promise.all([first, ...later])).resolves.toEqual(['done:p0', 'done:p1', 'done:p2', 'done:p3', 'done:p4', 'done:p5'])
    expect(groups).toEqual([['p0'], ['p1', 'p2', 'p3'], ['p4', 'p5']])
  })

  it('never puts two writes of one person in the same group', async () => {
    const { commits, groups, hold } = recordingCommitter()
    const release = hold()
    const writes = ['a', 'b', 'a', 'c', 'a'].map((person) => commits.submit('event-1', { person }))
    release()
    await Promise.all(writes)
    expect(groups).toEqual([['a'], ['b', 'a', 'c'], ['a']])
  })

  it('keeps each key apart: another event does not wait for this one', async () => {
    const { commits, groups, hold } = recordingCommitter()
    const release = hold()
    const one = commits.submit('event-1', { person: 'a' })
    const other = commits.submit('event-2', { person: 'b' })
    expect(groups).toEqual([['a'], ['b']])
    release()
    await expect(Promise.all([one, other])).resolves.toEqual(['done:a', 'done:b'])
  })

  it('commits a failed group again write by write, so only the write that cannot be made fails', async () => {
    const { commits, groups, hold } = recordingCommitter()
    const release = hold()
    const first = commits.submit('event-1', { person: 'p0' })
    const group = [{ person: 'p1' }, { person: 'p2', bad: true }, { person: 'p3' }].map((write) => commits.submit('event-1', write))
    release()
    const outcomes = await Promise.allSettled([first, ...group])
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason)))).toEqual([
      'done:p0',
      'done:p1',
      'Error: cannot write p2',
      'done:p3',
    ])
    expect(groups).toEqual([['p0'], ['p1', 'p2', 'p3'], ['p1'], ['p2'], ['p3']])
  })

  it('settles every write of a failed group with its own outcome when several fail alone too', async () => {
    const { commits, groups, hold } = recordingCommitter()
    const release = hold()
    const first = commits.submit('event-1', { person: 'p0' })
    const group = [{ person: 'p1', bad: true }, { person: 'p2' }, { person: 'p3', bad: true }].map((write) => commits.submit('event-1', write))
    const later = commits.submit('event-1', { person: 'p4' })
    release()
    const outcomes = await Promise.allSettled([first, ...group, later])
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason)))).toEqual([
      'done:p0',
      'Error: cannot write p1',
      'done:p2',
      'Error: cannot write p3',
      'done:p4',
    ])
    expect(groups).toEqual([['p0'], ['p1', 'p2', 'p3', 'p4'], ['p1'], ['p2'], ['p3'], ['p4']])
  })

  it('fails every write of a group at once with an error each would meet alone (a busy database), and goes on with the next group', async () => {
    const { commits, groups, hold } = recordingCommitter({ maxGroupSize: 3 })
    const release = hold()
    const first = commits.submit('event-1', { person: 'p0' })
    const busyGroup = [{ person: 'p1' }, { person: 'p2', busy: true }, { person: 'p3' }].map((write) => commits.submit('event-1', write))
    const next = commits.submit('event-1', { person: 'p4' })
    release()
    const outcomes = await Promise.allSettled([first, ...busyGroup, next])
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason)))).toEqual([
      'done:p0',
      'Error: the database was busy',
      'Error: the database was busy',
      'Error: the database was busy',
      'done:p4',
    ])
    // Not committed again one by one: each would have waited out the busy database again.
    expect(groups).toEqual([['p0'], ['p1', 'p2', 'p3'], ['p4']])
  })

  it('starts afresh once a key has drained', async () => {
    const { commits, groups } = recordingCommitter()
    await commits.submit('event-1', { person: 'a' })
    await commits.submit('event-1', { person: 'b' })
    expect(groups).toEqual([['a'], ['b']])
  })
})
