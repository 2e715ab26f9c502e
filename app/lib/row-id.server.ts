// Ids for rows that a raw INSERT writes (Prisma makes its cuids only for its own model writes):
// UUIDv7 (RFC 9562), ordered by time and, within one millisecond of this process, by creation,
// so a history read in (createdAt, id) order lists two rows written at the same instant in the
// order they were made (a registration's SUBMITTED before the APPROVED that follows it).
import { randomBytes } from 'node:crypto'

/** The 12-bit counter UUIDv7 leaves for ordering within one millisecond (its rand_a). */
const COUNTER_LIMIT = 0x1000

let lastMillisecond = 0
let counter = 0

export function newRowId(): string {
  const now = Date.now()
  if (now > lastMillisecond) {
    lastMillisecond = now
    counter = 0
  } else if (++counter === COUNTER_LIMIT) {
    // More ids in one millisecond than the counter holds, or the clock went back: borrow the next
    // millisecond rather than break the order.
    lastMillisecond++
    counter = 0
  }
  const bytes = randomBytes(16)
  bytes.writeUIntBE(lastMillisecond, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
