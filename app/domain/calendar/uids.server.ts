// The UID of a new calendar item (RFC 5545 3.8.4.7): made once when the item is created and kept
// for its life, so every update and cancellation replaces the same entry in people's calendars.
// Unique across installations: the host name is the installation's own.
import { randomUUID } from 'node:crypto'
import { env } from '#app/lib/env.server.ts'

export type CalendarItemKind = 'event' | 'registration' | 'session' | 'meeting'

export function newCalendarUid(kind: CalendarItemKind) {
  return `${kind}-${randomUUID()}@${new URL(env.APP_URL).hostname}`
}
