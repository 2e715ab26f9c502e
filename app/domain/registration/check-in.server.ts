// Check-in at the door: a badge code in, who it is and whether they may enter out. The time is
// recorded once, by a conditional update (only while checkedInAt is null), so two desks
// scanning the same badge at the same moment, on any number of app instances, record one
// check-in and the second desk is told who was first. Callers check the role first.
import type { Db } from '#app/lib/db-client.server.ts'
import { normaliseBadgeCode } from './badge-code.ts'
import type { RegistrationStatus } from './vetting.ts'

export type CheckInAttendee = { name: string; organisation: string | null; status: RegistrationStatus }

type Refusal = 'pending' | 'waitlisted' | 'rejected' | 'cancelled'

export type CheckInResult =
  | { outcome: 'checked-in'; badgeCode: string; attendee: CheckInAttendee; checkedInAt: Date }
  | { outcome: 'already-checked-in'; badgeCode: string; attendee: CheckInAttendee; checkedInAt: Date; checkedInBy: string | null }
  | { outcome: 'refused'; badgeCode: string; attendee: CheckInAttendee; refusal: Refusal; message: string }
  | { outcome: 'other-event' | 'unknown-code' | 'invalid-code'; badgeCode: string | null; message: string }

const refusalMessages: Record<Refusal, string> = {
  pending: 'Not approved yet: their registration is still waiting for vetting.',
  waitlisted: 'On the waiting list: they do not have a seat.',
  rejected: 'Their registration was not accepted.',
  cancelled: 'Their registration was cancelled.',
}

export async function checkIn(db: Db, input: { eventId: string; badgeCode: string; staffUserId: string; now?: Date }): Promise<CheckInResult> {
  const now = input.now ?? new Date()
  const badgeCode = normaliseBadgeCode(input.badgeCode)
  if (!badgeCode) {
    return { outcome: 'invalid-code', badgeCode: null, message: 'That is not a badge code: a badge code has 10 letters and digits.' }
  }
  const registration = await findByBadgeCode(db, badgeCode)
  if (!registration) return { outcome: 'unknown-code', badgeCode, message: 'No badge has this code. Check it and type it again.' }
  // Someone else's event: say so, and nothing about the person.
  if (registration.eventId !== input.eventId) return { outcome: 'other-event', badgeCode, message: 'This is not a badge for this event.' }

  let current = registration
  if (registration.status === 'APPROVED' && registration.checkedInAt === null) {
    const recorded = await db.registration.updateMany({
      where: { id: registration.id, status: 'APPROVED', checkedInAt: null },
      data: { checkedInAt: now, checkedInById: input.staffUserId },
    })
    if (recorded.count === 1) return { outcome: 'checked-in', badgeCode, attendee: attendeeOf(registration), checkedInAt: now }
    // Another desk was faster, or the registration changed a moment ago: answer from the row as it is now.
    current = (await findByBadgeCode(db, badgeCode)) ?? registration
  }
  const attendee = attendeeOf(current)
  if (current.status === 'APPROVED' && current.checkedInAt) {
    return { outcome: 'already-checked-in', badgeCode, attendee, checkedInAt: current.checkedInAt, checkedInBy: current.checkedInBy?.name ?? null }
  }
  const refusal = current.status.toLowerCase() as Refusal
  const message =
    refusal === 'pending' && current.holdsSeat
      ? 'Not approved at the moment: they changed vetted details after approval and are waiting for vetting again.'
      : refusalMessages[refusal]
  return { outcome: 'refused', badgeCode, attendee, refusal, message }
}

function findByBadgeCode(db: Db, badgeCode: string) {
  return db.registration.findUnique({
    where: { badgeCode },
    select: {
      id: true,
      eventId: true,
      status: true,
      holdsSeat: true,
      checkedInAt: true,
      checkedInBy: { select: { name: true } },
      user: { select: { name: true, email: true } },
      organisation: { select: { name: true } },
    },
  })
}

function attendeeOf(registration: { status: RegistrationStatus; user: { name: string; email: string }; organisation: { name: string } | null }) {
  return { name: registration.user.name || registration.user.email, organisation: registration.organisation?.name ?? null, status: registration.status }
}

/** People through the door so far, against everyone who holds an approved registration. */
export async function checkInTotals(db: Db, eventId: string) {
  const [checkedIn, approved] = await Promise.all([
    db.registration.count({ where: { eventId, status: 'APPROVED', checkedInAt: { not: null } } }),
    db.registration.count({ where: { eventId, status: 'APPROVED' } }),
  ])
  return { checkedIn, approved }
}
