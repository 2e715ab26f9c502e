// Ids of rows written by raw INSERTs (app/lib/row-id.server.ts): UUIDv7, unique, and in the order
// they were made, also many within one millisecond.
import { describe, expect, it } from 'vitest'
import { newRowId } from '#app/lib/row-id.server.ts'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newRowId', () => {
  it('makes UUIDv7 ids that sort in the order they were made, 10,000 of them in a burst', () => {
    const before = Date.now()
    const ids = Array.from({ length: 10_000 }, () => newRowId())
    for (const id of ids) expect(id).toMatch(UUID_V7)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    // The first 48 bits are the millisecond it was made (or a later one borrowed for order).
    const millisecondOf = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16)
    expect(millisecondOf(ids[0]!)).toBeGreaterThanOrEqual(before)
  })
})
