// The one in-process cache every other cache is built on: bounded by a weight, least recently
// used first out, an entry heavier than the bound never kept; and the versioned cache on top of
// it, which computes once per version and forgets a failed computation.
import { describe, expect, it } from 'vitest'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import { createVersionedCache } from '#app/lib/versioned-cache.server.ts'

describe('a bounded cache', () => {
  it('counts entries when no weight is given, dropping the least recently used first', () => {
    const cache = createBoundedCache<number>(3)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect(cache.get('a')).toBe(1)
    cache.set('d', 4)
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4])
    expect(cache.size).toEqual({ entries: 3, weight: 3 })
  })

  it('lets a value be looked at without counting as a use', () => {
    const cache = createBoundedCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.peek('a')).toBe(1)
    expect(cache.peek('unknown')).toBeUndefined()
    // 'a' is still the least recently used: it goes first.
    cache.set('c', 3)
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([undefined, 2, 3])
  })

  it('keeps the weight of what it holds exact through replacements, deletions and evictions', () => {
    const cache = createBoundedCache<string>(10, (key, value) => key.length + value.length)
    cache.set('a', 'xxxx')
    expect(cache.size).toEqual({ entries: 1, weight: 5 })
    cache.set('a', 'xx')
    expect(cache.size).toEqual({ entries: 1, weight: 3 })
    cache.set('b', 'xxx')
    expect(cache.size).toEqual({ entries: 2, weight: 7 })
    // 7 + 5 is over 10: the least recently used ('a') goes, and only it.
    cache.set('c', 'xxxx')
    expect(cache.get('a')).toBeUndefined()
    expect(cache.size).toEqual({ entries: 2, weight: 9 })
    cache.delete('b')
    cache.delete('unknown')
    expect(cache.size).toEqual({ entries: 1, weight: 5 })
    cache.clear()
    expect(cache.size).toEqual({ entries: 0, weight: 0 })
    expect(cache.get('c')).toBeUndefined()
  })

  it('drops as many of the oldest as one heavy entry needs, and never keeps one heavier than the bound', () => {
    const cache = createBoundedCache<number>(100, (_key, value) => value)
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 20)
    cache.set('e', 70)
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => cache.get(key))).toEqual([undefined, undefined, undefined, 20, 70])
    expect(cache.size).toEqual({ entries: 2, weight: 90 })
    // Heavier than the whole bound: not kept, and nothing else is pushed out for it (an older copy under its key goes).
    cache.set('d', 101)
    expect(cache.get('d')).toBeUndefined()
    expect(cache.get('e')).toBe(70)
    expect(cache.size).toEqual({ entries: 1, weight: 70 })
  })

  it('stays within its bound through many random operations, holding exactly the most recently used', () => {
    const bound = 50
    const weightOf = (value: number) => (value % 13) + 1
    const cache = createBoundedCache<number>(bound, (_key, value) => weightOf(value))
    // A model: keys in order of use, newest last.
    let model: { key: string; value: number }[] = []
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let step = 0; step < 5_000; step++) {
      const key = `k${Math.floor(random() * 40)}`
      if (random() < 0.5) {
        const value = Math.floor(random() * 1_000)
        cache.set(key, value)
        model = [...model.filter((entry) => entry.key !== key), { key, value }]
        while (model.reduce((sum, entry) => sum + weightOf(entry.value), 0) > bound) model.shift()
      } else {
        const found = model.find((entry) => entry.key === key)
        expect(cache.get(key)).toBe(found?.value)
        if (found) model = [...model.filter((entry) => entry !== found), found]
      }
      expect(cache.size).toEqual({ entries: model.length, weight: model.reduce((sum, entry) => sum + weightOf(entry.value), 0) })
    }
  })
})

describe('a versioned cache', () => {
  it('computes once per key and version, sharing a computation still running', async () => {
    const cache = createVersionedCache<string>(10)
    let computed = 0
    const compute = (value: string) => async () => {
      computed++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return value
    }
    const [first, second] = await Promise.all([cache.get('agenda', 'v1', compute('one')), cache.get('agenda', 'v1', compute('two'))])
    expect([first, second, computed]).toEqual(['one', 'one', 1])
    expect(await cache.get('agenda', 'v2', compute('three'))).toBe('three')
    expect(await cache.get('agenda', 'v2', compute('four'))).toBe('three')
    expect(computed).toBe(2)
  })

  it('forgets a failed computation, so the next request computes again', async () => {
    const cache = createVersionedCache<string>(10)
    await expect(cache.get('agenda', 'v1', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone')
    expect(await cache.get('agenda', 'v1', async () => 'fresh')).toBe('fresh')
  })

  it('cleaning up after a failure that a newer version replaced does not count as using that version', async () => {
    const cache = createVersionedCache<string>(2)
    let fail!: (error: Error) => void
    const failing = cache.get('a', 'v1', () => new Promise<string>((_, reject) => (fail = reject)))
    expect(await cache.get('a', 'v2', async () => 'a2')).toBe('a2')
    expect(await cache.get('b', 'v1', async () => 'b1')).toBe('b1')
    fail(new Error('database gone'))
    await expect(failing).rejects.toThrow('database gone')
    // 'a' is still the least recently used: a third key pushes it out, not 'b'.
    await cache.get('c', 'v1', async () => 'c1')
    expect(await cache.get('b', 'v1', async () => 'computed again')).toBe('b1')
    expect(await cache.get('a', 'v2', async () => 'computed again')).toBe('computed again')
  })

  it('keeps no more keys than its bound', async () => {
    const cache = createVersionedCache<string>(2)
    let computed = 0
    const compute = async () => `value ${++computed}`
    await cache.get('a', 'v1', compute)
    await cache.get('b', 'v1', compute)
    await cache.get('c', 'v1', compute)
    expect(await cache.get('b', 'v1', compute)).toBe('value 2')
    expect(await cache.get('a', 'v1', compute)).toBe('value 4')
  })
})
