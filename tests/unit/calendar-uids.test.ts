// New calendar items get their UID from one function: its kind, a random id, the installation's host.
import { describe, expect, it } from 'vitest'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { env } from '#app/lib/env.server.ts'

describe('newCalendarUid', () => {
  it('names the kind and the installation, and never repeats', () => {
    const host = new URL(env.APP_URL).hostname
    for (const kind of ['registration', 'session', 'meeting'] as const) {
      expect(newCalendarUid(kind)).toMatch(new RegExp(`^${kind}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@${host.replace(/\./g, '\\.')}$`))
    }
    const uids = new Set(Array.from({ length: 1000 }, () => newCalendarUid('meeting')))
    expect(uids.size).toBe(1000)
  })
})
