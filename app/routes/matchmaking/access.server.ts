// Matchmaking's one door: the layout route's middleware signs the person in and reads their
// standing in the event's matchmaking once (404 for an unknown event). Each page then asks
// for what it needs with requireMatchmaking: 403 with the reason for people who may not look,
// a redirect to the profile form for approved attendees without a profile.
import { createContext, data, redirect, type MiddlewareFunction, type RouterContextProvider, href } from 'react-router'
import { decideMatchmakingAccess, getMatchmakingStanding, type MatchmakingStanding } from '#app/domain/matchmaking/access.server.ts'
import { requireUser, type Authenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { withSessionCookie } from '#app/lib/session-cookie-headers.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

/** What a matchmaking page's error boundary reads from a refused request. */
export type MatchmakingRefusal = { refusal: 'not-registered' } | { refusal: 'not-yet-visible'; opensAt: string | null; timeZone: string }

const standingContext = createContext<Authenticated & { standing: MatchmakingStanding | null }>()

/** Loads the person and their standing; pages outside the matchmaking area (a meeting request) call it themselves. */
async function loadStanding(request: Request, slug: string) {
  const authenticated = await requireUser(request)
  const standing = await getMatchmakingStanding(db, { slug, userId: authenticated.user.id, isPlatformAdmin: authenticated.user.isPlatformAdmin })
  return { ...authenticated, standing }
}

export const matchmakingMiddleware: MiddlewareFunction<Response> = async ({ request, params, context }, next) => {
  const loaded = await loadStanding(request, params.slug ?? '')
  invariantResponse(loaded.standing)
  context.set(standingContext, loaded)
  return withSessionCookie(await next(), loaded)
}

function decide(request: Request, loaded: Authenticated & { standing: MatchmakingStanding | null }, slug: string, purpose: 'own-profile' | 'browse') {
  const { standing, ...authenticated } = loaded
  const access = decideMatchmakingAccess(standing, purpose, new Date())
  switch (access.kind) {
    case 'not-found':
      throw data(null, { status: 404 })
    case 'not-registered':
      logSecurityEvent(request, 'access.refused', { userId: authenticated.user.id, eventSlug: slug, reason: 'not a participant' })
      throw data({ refusal: 'not-registered' } satisfies MatchmakingRefusal, { status: 403 })
    case 'needs-profile':
      throw redirect(href('/events/:slug/matchmaking/profile', { slug }))
    case 'not-yet-visible':
      throw data(
        { refusal: 'not-yet-visible', opensAt: access.opensAt?.toISOString() ?? null, timeZone: access.event.timeZone } satisfies MatchmakingRefusal,
        { status: 403 },
      )
    case 'allowed':
      return { ...authenticated, event: access.event, asOrganiser: access.asOrganiser, isParticipant: access.isParticipant }
  }
}

/** A matchmaking page's guard, reading what the layout loaded. */
export function requireMatchmaking(context: Readonly<RouterContextProvider>, request: Request, slug: string, purpose: 'own-profile' | 'browse') {
  return decide(request, context.get(standingContext), slug, purpose)
}

/** The same guard for a page outside the matchmaking area that needs browsing rights (asking someone for a meeting). */
export async function requireMatchmakingOutsideArea(request: Request, slug: string, purpose: 'own-profile' | 'browse') {
  return decide(request, await loadStanding(request, slug), slug, purpose)
}
