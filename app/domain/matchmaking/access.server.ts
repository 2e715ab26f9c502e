// Who may see what in an event's matchmaking. A participant is a person with an approved
// registration and an opted-in profile. Only participants see the directory, recommendations
// and other people's profiles, and with AFTER_BOOKING_OPENS only once B2B booking has
// opened; the event's organisers always see them. Anyone approved may write their own profile.
import type { Db } from '#app/lib/db-client.server.ts'
import { holdsAnyRole } from '#app/domain/events/roles.ts'

export type MatchmakingEvent = {
  id: string
  slug: string
  title: string
  timeZone: string
  profileVisibility: 'ALL_ATTENDEES' | 'AFTER_BOOKING_OPENS'
  b2bEnabled: boolean
  b2bBookingOpensAt: Date | null
}

export type MatchmakingAccess =
  | { kind: 'not-found' }
  | { kind: 'not-registered'; event: MatchmakingEvent }
  | { kind: 'needs-profile'; event: MatchmakingEvent }
  | { kind: 'not-yet-visible'; event: MatchmakingEvent; opensAt: Date | null }
  | { kind: 'allowed'; event: MatchmakingEvent; asOrganiser: boolean; isParticipant: boolean }

/** What decides a person's access to one event's matchmaking, read once; null for an unknown event. */
export type MatchmakingStanding = { event: MatchmakingEvent; published: boolean; asOrganiser: boolean; approved: boolean; isParticipant: boolean }

export async function getMatchmakingStanding(
  db: Db,
  { slug, userId, isPlatformAdmin }: { slug: string; userId: string; isPlatformAdmin: boolean },
): Promise<MatchmakingStanding | null> {
  const row = await db.event.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      timeZone: true,
      status: true,
      profileVisibility: true,
      b2bEnabled: true,
      b2bBookingOpensAt: true,
      roles: { where: { userId }, select: { role: true } },
      registrations: { where: { userId }, select: { status: true } },
      profiles: { where: { userId }, select: { optedIn: true } },
    },
  })
  if (!row) return null
  const { roles, registrations, profiles, status, ...event } = row
  const approved = registrations[0]?.status === 'APPROVED'
  return {
    event,
    published: status === 'PUBLISHED',
    asOrganiser: isPlatformAdmin || holdsAnyRole(roles.map((r) => r.role), ['ORGANISER']),
    approved,
    isParticipant: approved && profiles[0]?.optedIn === true,
  }
}

/** The viewer's access for one purpose. `purpose` 'own-profile' asks only for an approved registration. */
export function decideMatchmakingAccess(standing: MatchmakingStanding | null, purpose: 'own-profile' | 'browse', now: Date): MatchmakingAccess {
  if (!standing) return { kind: 'not-found' }
  const { event, published, asOrganiser, approved, isParticipant } = standing
  if (!published && !asOrganiser) return { kind: 'not-found' }
  if (purpose === 'own-profile') return approved ? { kind: 'allowed', event, asOrganiser, isParticipant } : { kind: 'not-registered', event }
  if (asOrganiser) return { kind: 'allowed', event, asOrganiser, isParticipant }
  if (!approved) return { kind: 'not-registered', event }
  if (!isParticipant) return { kind: 'needs-profile', event }
  if (!profilesVisible(event, now)) return { kind: 'not-yet-visible', event, opensAt: event.b2bBookingOpensAt }
  return { kind: 'allowed', event, asOrganiser, isParticipant }
}

/** The viewer's standing in one event's matchmaking, decided for one purpose. */
export async function getMatchmakingAccess(
  db: Db,
  { slug, userId, isPlatformAdmin, purpose, now = new Date() }: { slug: string; userId: string; isPlatformAdmin: boolean; purpose: 'own-profile' | 'browse'; now?: Date },
): Promise<MatchmakingAccess> {
  return decideMatchmakingAccess(await getMatchmakingStanding(db, { slug, userId, isPlatformAdmin }), purpose, now)
}

/** Whether participants may see each other's profiles at `now`. */
export function profilesVisible(event: Pick<MatchmakingEvent, 'profileVisibility' | 'b2bBookingOpensAt'>, now: Date) {
  if (event.profileVisibility === 'ALL_ATTENDEES') return true
  return event.b2bBookingOpensAt !== null && event.b2bBookingOpensAt.getTime() <= now.getTime()
}
