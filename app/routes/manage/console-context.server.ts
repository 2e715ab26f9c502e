// The staff console's one door: the layout route's middleware signs the person in, loads the
// event and the roles they hold on it once, and refuses anyone who has no console page at all.
// Each page then asks only for its own role with requireConsoleRole. An archived event's console
// is read-only, but for the page that restores it.
import { createContext, data, href, type MiddlewareFunction, type RouterContextProvider } from 'react-router'
import { refuseWritesWhenArchived } from '#app/routes/events/read-only-event.server.ts'
import { getEventStaffStanding, type StaffEvent } from '#app/domain/events/staff.server.ts'
import { consoleAccess, holdsAnyRole, opensConsole, type ConsoleAccess, type EventRole } from '#app/domain/events/roles.ts'
import { requireUser, type Authenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { withSessionCookie } from '#app/lib/session-cookie-headers.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

export type Console = Authenticated & { event: StaffEvent; roles: EventRole[]; access: ConsoleAccess }

const consoleContext = createContext<Console>()

export const consoleMiddleware: MiddlewareFunction<Response> = async ({ request, params, context }, next) => {
  const authenticated = await requireUser(request)
  const standing = await getEventStaffStanding(db, params.slug ?? '', authenticated.user.id)
  invariantResponse(standing)
  const access = consoleAccess(standing.roles, authenticated.user.isPlatformAdmin)
  if (!opensConsole(access)) {
    logSecurityEvent(request, 'access.refused', { userId: authenticated.user.id, eventId: standing.event.id, needs: 'event staff', holds: standing.roles })
    throw data(null, { status: 403 })
  }
  refuseWritesWhenArchived(request, standing.event.archivedAt, href('/events/:slug/manage/settings/archive', { slug: standing.event.slug }))
  context.set(consoleContext, { ...authenticated, ...standing, access })
  return withSessionCookie(await next(), authenticated)
}

/** The console's person and event, holding (or outranking) one of `roles`; 403 otherwise. */
export function requireConsoleRole(context: Readonly<RouterContextProvider>, request: Request, roles: readonly EventRole[]): Console {
  const staff = context.get(consoleContext)
  if (!staff.user.isPlatformAdmin && !holdsAnyRole(staff.roles, roles)) {
    logSecurityEvent(request, 'access.refused', { userId: staff.user.id, eventId: staff.event.id, needs: roles, holds: staff.roles })
    throw data(null, { status: 403 })
  }
  return staff
}

/** What every console page's header shows, for the layout. */
export function consoleHeaderData(context: Readonly<RouterContextProvider>) {
  const { event, access } = context.get(consoleContext)
  return { event, access }
}
