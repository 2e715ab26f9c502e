// What already happened between the viewer and each person on a matchmaking page: a meeting
// booked (when and where), a request waiting for the other's answer, or one waiting for the
// viewer's. Cards show it instead of offering a second meeting.
import type { Db } from '#app/lib/db-client.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import { meetingTableLabel } from './meetings.ts'

export type MeetingRelation =
  | { kind: 'meeting'; meetingId: string; when: string; where: string }
  | { kind: 'request-sent'; requestId: string }
  | { kind: 'request-received'; requestId: string }

/**
 * For each of `otherIds`, the viewer's confirmed meeting with them at the event, else their open
 * request (pending, whoever is to answer it now). Two queries, whatever the number of cards.
 */
export async function meetingRelations(db: Db, input: { eventId: string; timeZone: string; viewerId: string; otherIds: readonly string[] }) {
  const relations = new Map<string, MeetingRelation>()
  if (input.otherIds.length === 0) return relations
  const others = [...new Set(input.otherIds)].filter((id) => id !== input.viewerId)
  const [meetings, requests] = await Promise.all([
    db.meeting.findMany({
      where: {
        eventId: input.eventId,
        status: 'CONFIRMED',
        AND: [{ participants: { some: { userId: input.viewerId } } }, { participants: { some: { userId: { in: others } } } }],
      },
      orderBy: { slot: { startsAt: 'asc' } },
      select: { id: true, participants: { select: { userId: true } }, slot: { select: { startsAt: true } }, table: { select: { number: true, name: true } } },
    }),
    db.meetingRequest.findMany({
      where: {
        eventId: input.eventId,
        status: 'PENDING',
        OR: [
          { requesterId: input.viewerId, recipientId: { in: others } },
          { recipientId: input.viewerId, requesterId: { in: others } },
        ],
      },
      select: { id: true, requesterId: true, recipientId: true, awaitingUserId: true },
    }),
  ])
  for (const request of requests) {
    const otherId = request.requesterId === input.viewerId ? request.recipientId : request.requesterId
    const kind = request.awaitingUserId === input.viewerId ? 'request-received' : 'request-sent'
    relations.set(otherId, { kind, requestId: request.id })
  }
  // A booked meeting says more than a request (both can exist while a second request waits).
  for (const meeting of meetings) {
    const otherId = meeting.participants.find((participant) => participant.userId !== input.viewerId)?.userId
    if (!otherId || relations.get(otherId)?.kind === 'meeting') continue
    relations.set(otherId, {
      kind: 'meeting',
      meetingId: meeting.id,
      when: `${formatShortDate(meeting.slot.startsAt, input.timeZone)} ${formatTime(meeting.slot.startsAt, input.timeZone)}`,
      where: meetingTableLabel(meeting.table),
    })
  }
  return relations
}
