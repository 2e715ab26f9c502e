// Values computed once per version and shared by every request that asks for the same key while
// the version holds (e.g. the public agenda under a signed-in person's page). Bounded by the
// number of keys, least recently used first out. Callers share the value: never change it.
import { createBoundedCache } from './bounded-cache.ts'

export type VersionedCache<T> = {
  get(key: string, version: string, compute: () => Promise<T>): Promise<T>
}

export function createVersionedCache<T>(maxEntries: number): VersionedCache<T> {
  const entries = createBoundedCache<{ version: string; value: Promise<T> }>(maxEntries)
  return {
    get(key, version, compute) {
      const hit = entries.get(key)
      if (hit && hit.version === version) return hit.value
      const value = compute()
      entries.set(key, { version, value })
      // A failed computation is not kept: the next request tries again.
      value.catch(() => {
        if (entries.peek(key)?.value === value) entries.delete(key)
      })
      return value
    },
  }
}
