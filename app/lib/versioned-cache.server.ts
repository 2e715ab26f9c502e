// Values computed once per version and shared by every request that asks for the same key while
// the version holds (e.g. the public agenda under a signed-in person's page). Bounded by the
// number of keys, least recently used first out. Callers share the value: never change it.

export type VersionedCache<T> = {
  get(key: string, version: string, compute: () => Promise<T>): Promise<T>
  readonly size: number
}

export function createVersionedCache<T>(maxEntries: number): VersionedCache<T> {
  const entries = new Map<string, { version: string; value: Promise<T> }>()
  return {
    get(key, version, compute) {
      const hit = entries.get(key)
      entries.delete(key)
      if (hit && hit.version === version) {
        // Map order is insertion order: moving the key to the end keeps the oldest first in line to go.
        entries.set(key, hit)
        return hit.value
      }
      const value = compute()
      entries.set(key, { version, value })
      // A failed computation is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key)
      })
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
      return value
    },
    get size() {
      return entries.size
    },
  }
}
