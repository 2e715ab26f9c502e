// A signed-in person's own account: what they see about themselves and may change.
import type { Db } from '#app/lib/db-client.server.ts'

export async function getAccount(db: Db, userId: string, currentSessionId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      jobTitle: true,
      nationality: true,
      timeZone: true,
      createdAt: true,
      organisation: { select: { name: true, kind: true, country: true } },
      sessions: {
        where: { expiresAt: { gt: new Date() } },
        orderBy: { lastSeenAt: 'desc' },
        select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
      },
      eventRoles: {
        orderBy: { createdAt: 'asc' },
        select: { role: true, event: { select: { slug: true, title: true } } },
      },
      registrations: {
        orderBy: { submittedAt: 'desc' },
        select: { status: true, attendeeListConsentAt: true, event: { select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, timeZone: true } } },
      },
    },
  })
  const { sessions, ...account } = user
  return {
    ...account,
    sessions: sessions.map(({ id, ...session }) => ({ ...session, id, isCurrent: id === currentSessionId })),
  }
}

export type ProfileUpdate = { name: string; jobTitle: string | null; nationality: string | null; timeZone: string | null }

export async function updateProfile(db: Db, userId: string, profile: ProfileUpdate) {
  await db.user.update({ where: { id: userId }, data: profile, select: { id: true } })
}

/** Signs one of the person's own sessions out; another person's session id does nothing. */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId, userId } })
}

/**
 * The zone to show account-level times in: the person's own choice, else the zone of the event
 * they registered for most recently (where they will be), else UTC.
 */
export async function accountTimeZone(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timeZone: true, registrations: { orderBy: { submittedAt: 'desc' }, take: 1, select: { event: { select: { timeZone: true } } } } },
  })
  return user.timeZone ?? user.registrations[0]?.event.timeZone ?? 'UTC'
}
