// The read-only rule of an archived event (app/domain/events/event-archive.server.ts), checked in
// the middleware of every route that can write to an event's data: the staff console (with the
// event it loaded), the attendee pages' layout and the session sign-up endpoint. Any method other
// than a read is refused with 409 before an action runs.
import { data } from 'react-router'
import { ARCHIVED_EVENT_REFUSAL, archivedAtOfEvent } from '#app/domain/events/event-archive.server.ts'
import { db } from '#app/lib/db.server.ts'

const READS = new Set(['GET', 'HEAD'])

/** `allowedPath` is the one page that may still write while archived (the console's archive page, to restore it). */
export function refuseWritesWhenArchived(request: Request, archivedAt: Date | null, allowedPath?: string) {
  if (READS.has(request.method) || !archivedAt) return
  // A form posted by the router in the browser goes to the page's path plus ".data" (single fetch).
  if (allowedPath !== undefined && new URL(request.url).pathname.replace(/\.data$/, '').replace(/\/$/, '') === allowedPath) return
  throw data(ARCHIVED_EVENT_REFUSAL, { status: 409 })
}

/** For a route that has only the event's address; reads cost no query. */
export async function refuseWritesToArchivedEvent(request: Request, slug: string) {
  if (READS.has(request.method)) return
  refuseWritesWhenArchived(request, await archivedAtOfEvent(db, slug))
}
