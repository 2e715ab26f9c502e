// JSON that keeps Dates: a value written now (e.g. an email's props queued in the outbox) and
// read later by another process comes back with its instants as Date objects, not strings.
// A Date is written as {"$date": "<ISO 8601>"}; no other object may have that single key.

const DATE_TAG = '$date'

export function encodeSnapshot(value: unknown): string {
  // A replacer sees a Date after its toJSON has turned it into a string, so it looks at the holder.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
    const original = this[key]
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : replaced
  })
}

export function decodeSnapshot(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
    const keys = Object.keys(value)
    if (keys.length !== 1 || keys[0] !== DATE_TAG) return value
    const iso: unknown = (value as Record<string, unknown>)[DATE_TAG]
    const date = typeof iso === 'string' ? new Date(iso) : new Date(Number.NaN)
    if (Number.isNaN(date.getTime())) throw new Error(`Snapshot holds an invalid date: ${String(iso)}`)
    return date
  })
}
