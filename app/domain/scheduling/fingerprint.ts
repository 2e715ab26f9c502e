// The fingerprint of a scheduling input: what the preview form carries to the apply, and the key
// of the plan cache. Pure, so it is tested without a database.
import { createHash } from 'node:crypto'
import type { SchedulingInput } from './types.ts'

/** Sorts lists (records by id, anything else by its JSON) and object keys; dates become ISO text. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const keyed = value.map((item) => {
      const canonicalItem = canonical(item)
      const id = item !== null && typeof item === 'object' && 'id' in item ? String(item.id) : null
      return { key: id ?? JSON.stringify(canonicalItem), item: canonicalItem }
    })
    return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ item }) => item)
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
  }
  return value
}

/**
 * SHA-256 of the whole input in a canonical order: the scheduler is deterministic, so the same
 * fingerprint means the same plan. Every field counts (a field added to the input later cannot
 * be left out), and the order rows were read in does not. The preview form carries it to the apply.
 */
export function schedulingFingerprint(input: SchedulingInput) {
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex')
}
