// The organiser's matchmaking settings of an event, read and changed with an audit entry.
// Callers check the role first (requireConsoleRole with ORGANISER).
import type { Db } from '#app/lib/db-client.server.ts'
import type { MatchmakingSettingsValues } from './settings-form.ts'
import { b2bParticipantProfileWhere } from './participants.ts'

const settingsSelect = {
  profileVisibility: true,
  b2bEnabled: true,
  b2bBookingOpensAt: true,
  b2bBookingClosesAt: true,
  maxMeetingsPerPerson: true,
  maxPendingRequestsPerPerson: true,
} as const

export async function getMatchmakingSettings(db: Db, eventId: string) {
  const [settings, participants] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: settingsSelect }),
    db.matchmakingProfile.count({ where: b2bParticipantProfileWhere(eventId) }),
  ])
  return { settings, participants }
}

export async function updateMatchmakingSettings(db: Db, { eventId, actorId, values }: { eventId: string; actorId: string; values: MatchmakingSettingsValues }) {
  return db.$transaction(async (tx) => {
    const before = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: settingsSelect })
    const after = await tx.event.update({ where: { id: eventId }, data: values, select: settingsSelect })
    // Dates as ISO strings: the audit entry is JSON.
    const plain = (value: Date | string | number | boolean | null) => (value instanceof Date ? value.toISOString() : value)
    const changes = Object.fromEntries(
      (Object.keys(settingsSelect) as (keyof typeof settingsSelect)[])
        .filter((key) => plain(before[key]) !== plain(after[key]))
        .map((key) => [key, { before: plain(before[key]), after: plain(after[key]) }]),
    )
    await tx.auditLogEntry.create({
      data: { eventId, actorId, action: 'matchmaking.settings-changed', entityType: 'Event', entityId: eventId, data: changes },
      select: { id: true },
    })
    return after
  })
}
