// What an event's attendee pages show of the person reading them, each read once per request:
// the middleware of the public pages' cache (public-page-cache.server.ts) keys a stored page on
// these parts, and the event layout's and pages' loaders read them through the very same
// functions, so a stored page was rendered from exactly the parts in its key (decision 027). A
// loader under the cached pages that shows anything else of the person must read it here and add
// it to the parts, or its page would be shared with someone it does not belong to.
import { getSignUpPanel } from '#app/domain/agenda/breakouts.server.ts'
import { getPublicSession } from '#app/domain/agenda/public-agenda.server.ts'
import { getEventMenu } from '#app/domain/events/event-menu.server.ts'
import { getOwnRegistrationStatus } from '#app/domain/events/events.server.ts'
import { getAuthenticated, siteHeaderViewerFor } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { oncePerRequest, type RequestArgs } from '#app/lib/request.server.ts'

/** The event menu above every attendee page (the layout's loader), for this request's visitor. */
export const eventMenuFor = oncePerRequest(async ({ request }, eventSlug: string) => {
  const authenticated = await getAuthenticated(request)
  return getEventMenu(db, { slug: eventSlug, user: authenticated?.user ?? null })
})

/** The visitor's registration status on the event page, null for an anonymous visitor. */
export const ownRegistrationStatusFor = oncePerRequest(async ({ request }, eventSlug: string) => {
  const authenticated = await getAuthenticated(request)
  return authenticated ? getOwnRegistrationStatus(eventSlug, authenticated.user.id) : null
})

/** A public session, null when the event or the session is not public. */
export const publicSessionFor = oncePerRequest((_args, eventSlug: string, sessionSlug: string) => getPublicSession(db, eventSlug, sessionSlug))

/** The sign-up panel on a session's page for this request's visitor, null for a session without sign-up. */
export const signUpPanelFor = oncePerRequest(async (args, eventSlug: string, sessionSlug: string) => {
  const found = await publicSessionFor(args, eventSlug, sessionSlug)
  if (!found) return null
  const authenticated = await getAuthenticated(args.request)
  return getSignUpPanel(db, { sessionId: found.sessionId, userId: authenticated?.user.id ?? null })
})

/**
 * What the root and the event layout show of the visitor. Null when the answer sets a cookie (a
 * session renewed on this request): that answer is the visitor's own.
 */
export async function layoutPartsOf(args: RequestArgs, eventSlug: string) {
  const { viewer, renewedCookies } = await siteHeaderViewerFor(args)
  if (renewedCookies.length > 0) return null
  return { header: viewer, menu: await eventMenuFor(args, eventSlug) }
}
