// The middleware of an event's public pages: the page is rendered once per version of what it
// shows and shared by every anonymous visitor (app/lib/page-cache.server.ts, decision record 016),
// and by every signed-in visitor whose personal parts are the same (decision record 027).
//
// A page's personal parts are read here through once-per-request functions, and the root, the
// event layout and the page read them through the very same ones: what the cache keys on is what
// the loaders return. A loader under these pages that shows anything else of the person must add
// it here, or its page would be shared with someone it does not belong to.
import { getSignUpPanel } from '#app/domain/agenda/breakouts.server.ts'
import { getPublicSession } from '#app/domain/agenda/public-agenda.server.ts'
import { getEventMenu } from '#app/domain/events/event-menu.server.ts'
import { getOwnRegistrationStatus } from '#app/domain/events/events.server.ts'
import { publicPageVersion } from '#app/domain/events/public-page-version.server.ts'
import { getAuthenticated, siteHeaderViewer } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { cachedForVisitors } from '#app/lib/page-cache.server.ts'
import { oncePerRequest } from '#app/lib/request.server.ts'

/** The event menu above every attendee page (the layout's loader), for this request's visitor. */
export const eventMenuFor = oncePerRequest(async (request: Request, eventSlug: string) => {
  const authenticated = await getAuthenticated(request)
  return getEventMenu(db, { slug: eventSlug, user: authenticated?.user ?? null })
})

/** The visitor's registration status on the event page, null for an anonymous visitor. */
export const ownRegistrationStatusFor = oncePerRequest(async (request: Request, eventSlug: string) => {
  const authenticated = await getAuthenticated(request)
  return authenticated ? getOwnRegistrationStatus(eventSlug, authenticated.user.id) : null
})

/** A public session and the visitor's sign-up panel on its page (null for a session without sign-up). */
export const publicSessionFor = oncePerRequest((_request: Request, eventSlug: string, sessionSlug: string) => getPublicSession(db, eventSlug, sessionSlug))

export const signUpPanelFor = oncePerRequest(async (request: Request, eventSlug: string, sessionSlug: string) => {
  const found = await publicSessionFor(request, eventSlug, sessionSlug)
  if (!found) return null
  const authenticated = await getAuthenticated(request)
  return getSignUpPanel(db, { sessionId: found.sessionId, userId: authenticated?.user.id ?? null })
})

type PageArgs = { request: Request; params: { slug?: string; sessionSlug?: string } }

/**
 * What the root and the event layout show of the visitor. Null when the answer sets a cookie (a
 * session renewed on this request): that answer is the visitor's own.
 */
async function layoutPartsOf({ request, params }: PageArgs) {
  const authenticated = await getAuthenticated(request)
  if (authenticated?.headers.has('Set-Cookie')) return null
  return { header: siteHeaderViewer(authenticated), menu: await eventMenuFor(request, params.slug ?? '') }
}

/** The agenda and speaker pages show nothing of the person beyond the layout. */
export const cachedEventPage = cachedForVisitors(({ params }) => publicPageVersion(db, { eventSlug: params.slug ?? '' }), { personalPartsOf: layoutPartsOf })

/** The event page adds where the visitor's registration stands. */
export const cachedEventHomePage = cachedForVisitors(({ params }) => publicPageVersion(db, { eventSlug: params.slug ?? '' }), {
  personalPartsOf: async (args: PageArgs) => {
    const layout = await layoutPartsOf(args)
    return layout && { ...layout, registration: await ownRegistrationStatusFor(args.request, args.params.slug ?? '') }
  },
})

/** A session's page also shows its free seats and whether it has started, and the visitor's sign-up. */
export const cachedSessionPage = cachedForVisitors(
  ({ params }) => publicPageVersion(db, { eventSlug: params.slug ?? '', sessionSlug: params.sessionSlug ?? '' }),
  {
    personalPartsOf: async (args: PageArgs) => {
      const layout = await layoutPartsOf(args)
      return layout && { ...layout, signUp: await signUpPanelFor(args.request, args.params.slug ?? '', args.params.sessionSlug ?? '') }
    },
  },
)
