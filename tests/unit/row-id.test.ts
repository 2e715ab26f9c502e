// Ids of rows written by raw INSERTs (app/lib/row-id.server.ts): UUIDv7, unique, and in the order
// they were made: in a burst, past the 4,096 the counter holds in one millisecond, and when the
// clock goes back.
import { describe, expect, it, vi } from 'vitest'
import { newRowId } from '#app/lib/row-id.server.ts'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const millisecondOf = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16)

function expectMadeInOrder(ids: string[]) {
  for (const id of ids) expect(id).toMatch(UUID_V7)
  expect(new Set(ids).size).toBe(ids.length)
  expect([...ids].sort()).toEqual(ids)
}

describe('newRowId', () => {
  it('makes UUIDv7 ids that sort in the order they were made, 10,000 of them in a burst', () => {
    const before = Date.now()
    const ids = Array.from({ length: 10_000 }, () => newRowId())
    expectMadeInOrder(ids)
    // The first 48 bits are the millisecond it was made (or a later one borrowed for order).
    expect(millisecondOf(ids[0]!)).toBeGreaterThanOrEqual(before)
  })

  it('keeps the order past 4,096 ids in one millisecond, and when the clock goes back', () => {
    const frozen = Date.now() + 60_000
    const clock = vi.spyOn(Date, 'now').mockReturnValue(frozen)
    let inOneMillisecond: string[]
    let afterTheClockWentBack: string[]
    try {
      inOneMillisecond = Array.from({ length: 10_000 }, () => newRowId())
      // An hour earlier: a clock set back must not make ids that sort before those already made.
      clock.mockReturnValue(frozen - 3_600_000)
      afterTheClockWentBack = Array.from({ length: 100 }, () => newRowId())
    } finally {
      clock.mockRestore()
    }
    expectMadeInOrder([...inOneMillisecond, ...afterTheClockWentBack])
    expect(millisecondOf(inOneMillisecond[0]!)).toBe(frozen)
    // 10,000 ids borrow the two milliseconds after it.
    expect(millisecondOf(inOneMillisecond.at(-1)!)).toBe(frozen + 2)
  })
})
