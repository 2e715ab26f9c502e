// Read models for the organiser's console of one event. Callers check roles first
// (requireConsoleRole); these functions only read.
import type { Db } from '#app/lib/db-client.server.ts'

export async function getEventOverview(db: Db, eventId: string) {
  const [statusCounts, staff, event] = await Promise.all([
    db.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } }),
    db.eventRole.findMany({
      where: { eventId },
      orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
      select: { role: true, user: { select: { name: true, email: true } } },
    }),
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { capacity: true, seatsTaken: true, status: true } }),
  ])
  const registrations = { PENDING: 0, APPROVED: 0, WAITLISTED: 0, REJECTED: 0, CANCELLED: 0 }
  for (const row of statusCounts) registrations[row.status] = row._count._all
  return { registrations, staff, capacity: event.capacity, seatsTaken: event.seatsTaken, status: event.status }
}
