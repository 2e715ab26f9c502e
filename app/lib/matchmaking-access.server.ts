// Route-side guard for matchmaking pages: signs the person in, then turns their standing in
// the event's matchmaking (app/domain/matchmaking/access.server.ts) into a response: 404 for
// an unknown event, 403 with the reason for people who may not look, a redirect to the
// profile form for approved attendees without a profile.
import { data, redirect } from 'react-router'
import { getMatchmakingAccess } from '#app/domain/matchmaking/access.server.ts'
import { requireUser } from './auth.server.ts'
import { db } from './db.server.ts'
import { logSecurityEvent } from './log.server.ts'

/** What a matchmaking page's error boundary reads from a refused request. */
export type MatchmakingRefusal = { refusal: 'not-registered' } | { refusal: 'not-yet-visible'; opensAt: string | null; timeZone: string }

export async function requireMatchmakingAccess(request: Request, slug: string, purpose: 'own-profile' | 'browse') {
  const authenticated = await requireUser(request)
  const access = await getMatchmakingAccess(db, { slug, userId: authenticated.user.id, isPlatformAdmin: authenticated.user.isPlatformAdmin, purpose })
  switch (access.kind) {
    case 'not-found':
      throw data(null, { status: 404 })
    case 'not-registered':
      logSecurityEvent(request, 'access.refused', { userId: authenticated.user.id, eventSlug: slug, reason: 'not a participant' })
      throw data({ refusal: 'not-registered' } satisfies MatchmakingRefusal, { status: 403 })
    case 'needs-profile':
      throw redirect(`/events/${slug}/matchmaking/profile`)
    case 'not-yet-visible':
      throw data(
        { refusal: 'not-yet-visible', opensAt: access.opensAt?.toISOString() ?? null, timeZone: access.event.timeZone } satisfies MatchmakingRefusal,
        { status: 403 },
      )
    case 'allowed':
      return { ...authenticated, event: access.event, asOrganiser: access.asOrganiser, isParticipant: access.isParticipant }
  }
}
