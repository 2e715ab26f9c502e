// How far the outbox has got with an event's emails, for the organiser who just sent many at
// once (a plan of thousands of meetings, a plenary moved for every attendee): "2,140 of 14,400
// sent". Messages held for later (reminders) are not part of it until they are due.
import type { Db } from '#app/lib/db-client.server.ts'
import type { EmailDelivery } from './delivery.ts'

/**
 * The event's emails since the oldest one still waiting to go out, or null when none is
 * waiting: everything queued since then, how many were delivered and how many failed for good.
 */
export async function emailDeliveryProgress(db: Db, eventId: string, now = new Date()): Promise<EmailDelivery | null> {
  const due = { OR: [{ status: { not: 'PENDING' as const } }, { nextAttemptAt: { lte: now } }] }
  const oldestWaiting = await db.outboxMessage.findFirst({
    where: { eventId, status: { in: ['PENDING', 'SENDING'] }, nextAttemptAt: { lte: now } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  })
  if (!oldestWaiting) return null
  const counts = await db.outboxMessage.groupBy({
    by: ['status'],
    where: { eventId, createdAt: { gte: oldestWaiting.createdAt }, ...due },
    _count: { _all: true },
  })
  const count = (...statuses: string[]) => counts.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count._all, 0)
  return { total: count('PENDING', 'SENDING', 'SENT', 'CAPTURED', 'FAILED'), delivered: count('SENT', 'CAPTURED'), failed: count('FAILED') }
}
