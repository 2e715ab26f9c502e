// The one in-process cache: a map bounded by a weight (entries, bytes, characters), least
// recently used first out. The app's caches of computed work (pages, rows, plans, renderings,
// schemas, calendar events, statements, time-zone formatters) are built on it, so each states its
// bound in one place (issue 17: a small server stays under 300 MB). Not server-only: a form schema
// and a time formatter in the browser are kept the same way.

export type BoundedCache<V> = {
  /** The kept value, now the most recently used; undefined when not kept. */
  get(key: string): V | undefined
  /** The kept value, its place in line unchanged (a look that is not a use); undefined when not kept. */
  peek(key: string): V | undefined
  /** Keeps the value as the most recently used, then drops the least recently used until the bound holds. A value heavier than the whole bound is not kept. */
  set(key: string, value: V): void
  delete(key: string): void
  clear(): void
  readonly size: { entries: number; weight: number }
}

/**
 * `maxWeight`: the bound. `weigh`: what one entry counts towards it (1 by default, so the bound
 * is a number of entries); it must give the same answer for the same key and value.
 */
export function createBoundedCache<V>(maxWeight: number, weigh: (key: string, value: V) => number = () => 1): BoundedCache<V> {
  const entries = new Map<string, { value: V; weight: number }>()
  let weight = 0
  const forget = (key: string) => {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    weight -= entry.weight
  }
  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      // Map order is insertion order: moving the key to the end keeps the oldest first in line to go.
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    peek(key) {
      return entries.get(key)?.value
    },
    set(key, value) {
      forget(key)
      const entryWeight = weigh(key, value)
      // One entry heavier than the whole bound would only empty the cache.
      if (entryWeight > maxWeight) return
      entries.set(key, { value, weight: entryWeight })
      weight += entryWeight
      while (weight > maxWeight) forget(entries.keys().next().value!)
    },
    delete: forget,
    clear() {
      entries.clear()
      weight = 0
    },
    get size() {
      return { entries: entries.size, weight }
    },
  }
}
