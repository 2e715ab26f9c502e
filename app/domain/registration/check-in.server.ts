// Check-in at the door: a badge code in, who it is and whether they may enter out. The time is
// recorded once, by a conditional update (only while checkedInAt is null), so two desks
// scanning the same badge at the same moment, on any number of app instances, record one
// check-in and the second desk is told who was first. For the day's exceptions: find someone
// without their badge by name and check them in from the list, and undo a mistaken check-in
// (audited). Callers check the role first.
import type { Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { normaliseBadgeCode } from './badge-code.ts'
import { searchKey } from '#app/lib/search-key.ts'
import type { RegistrationStatus } from './vetting.ts'

/** Who is at the desk: what staff compare with the person's ID (the vetted name, organisation and nationality). */
export type CheckInAttendee = { name: string; organisation: string | null; nationality: string | null; status: RegistrationStatus }

type Refusal = 'pending' | 'waitlisted' | 'rejected' | 'cancelled'

export type CheckInResult =
  | { outcome: 'checked-in'; registrationId: string; badgeCode: string; attendee: CheckInAttendee; checkedInAt: Date }
  | { outcome: 'already-checked-in'; registrationId: string; badgeCode: string; attendee: CheckInAttendee; checkedInAt: Date; checkedInBy: string | null }
  | { outcome: 'refused'; registrationId: string; badgeCode: string; attendee: CheckInAttendee; refusal: Refusal; message: string }
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
  const registration = await db.registration.findUnique({ where: { badgeCode }, select: deskSelect })
  if (!registration) return { outcome: 'unknown-code', badgeCode, message: 'No badge has this code. Check it and type it again.' }
  // Someone else's event: say so, and nothing about the person.
  if (registration.eventId !== input.eventId) return { outcome: 'other-event', badgeCode, message: 'This is not a badge for this event.' }
  return admit(db, registration, input.staffUserId, now)
}

/**
 * Checks in someone found by name at the desk (no badge with them): the same rules and the same
 * single recorded time as a scanned badge. A registration of another event is not found.
 */
export async function checkInRegistration(db: Db, input: { eventId: string; registrationId: string; staffUserId: string; now?: Date }): Promise<CheckInResult> {
  const registration = await db.registration.findFirst({ where: { id: input.registrationId, eventId: input.eventId }, select: deskSelect })
  if (!registration) throw new DomainError('not-found', 'There is no such registration for this event.')
  return admit(db, registration, input.staffUserId, input.now ?? new Date())
}

/** Takes back a check-in recorded by mistake, once, and says so in the audit log. */
export async function undoCheckIn(db: Db, input: { eventId: string; registrationId: string; staffUserId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const registration = await db.registration.findFirst({ where: { id: input.registrationId, eventId: input.eventId }, select: deskSelect })
  if (!registration) throw new DomainError('not-found', 'There is no such registration for this event.')
  if (!registration.checkedInAt) throw new DomainError('conflict', `${attendeeOf(registration).name} is not checked in.`)
  const checkedInAt = registration.checkedInAt
  await db.$transaction(async (tx) => {
    // Only the check-in that was shown: a second undo, or one racing a new check-in, changes nothing.
    const undone = await tx.registration.updateMany({
      where: { id: registration.id, checkedInAt },
      data: { checkedInAt: null, checkedInById: null },
    })
    if (undone.count === 0) throw new DomainError('conflict', 'This check-in was changed at another desk a moment ago.')
    await tx.auditLogEntry.create({
      data: {
        eventId: input.eventId,
        actorId: input.staffUserId,
        action: 'registration.check-in-undone',
        entityType: 'Registration',
        entityId: registration.id,
        data: { checkedInAt: checkedInAt.toISOString(), checkedInBy: registration.checkedInBy?.name ?? null },
        createdAt: now,
      },
      select: { id: true },
    })
  })
  return { attendee: attendeeOf(registration) }
}

type DeskRow = NonNullable<Awaited<ReturnType<typeof findForDesk>>>

const deskSelect = {
  id: true,
  eventId: true,
  badgeCode: true,
  status: true,
  holdsSeat: true,
  nationality: true,
  checkedInAt: true,
  checkedInBy: { select: { name: true } },
  user: { select: { name: true, email: true } },
  organisation: { select: { name: true } },
} as const

function findForDesk(db: Db, registrationId: string) {
  return db.registration.findUnique({ where: { id: registrationId }, select: deskSelect })
}

async function admit(db: Db, registration: DeskRow, staffUserId: string, now: Date): Promise<CheckInResult> {
  const { id: registrationId, badgeCode } = registration
  let current = registration
  if (registration.status === 'APPROVED' && registration.checkedInAt === null) {
    const recorded = await db.registration.updateMany({
      where: { id: registration.id, status: 'APPROVED', checkedInAt: null },
      data: { checkedInAt: now, checkedInById: staffUserId },
    })
    if (recorded.count === 1) return { outcome: 'checked-in', registrationId, badgeCode, attendee: attendeeOf(registration), checkedInAt: now }
    // Another desk was faster, or the registration changed a moment ago: answer from the row as it is now.
    current = (await findForDesk(db, registration.id)) ?? registration
  }
  const attendee = attendeeOf(current)
  if (current.status === 'APPROVED' && current.checkedInAt) {
    return { outcome: 'already-checked-in', registrationId, badgeCode, attendee, checkedInAt: current.checkedInAt, checkedInBy: current.checkedInBy?.name ?? null }
  }
  const refusal = current.status.toLowerCase() as Refusal
  const message =
    refusal === 'pending' && current.holdsSeat
      ? 'Not approved at the moment: they changed vetted details after approval and are waiting for vetting again.'
      : refusalMessages[refusal]
  return { outcome: 'refused', registrationId, badgeCode, attendee, refusal, message }
}

function attendeeOf(registration: Pick<DeskRow, 'status' | 'user' | 'organisation' | 'nationality'>): CheckInAttendee {
  return {
    name: registration.user.name || registration.user.email,
    organisation: registration.organisation?.name ?? null,
    nationality: registration.nationality,
    status: registration.status,
  }
}

/** The most people a name search at the desk lists: enough for a common surname. */
export const DESK_SEARCH_LIMIT = 20

/**
 * Registrations of the event whose name, email or organisation holds every word typed (accents
 * and case ignored, as in the vetting queue), by name: for someone who arrives without a badge.
 */
export async function searchAtDesk(db: Db, input: { eventId: string; q: string }) {
  const words = searchKey(input.q).split(/\s+/).filter(Boolean)
  if (words.length === 0) return { people: [], more: false }
  const registrations = await db.registration.findMany({
    where: { eventId: input.eventId, status: { not: 'CANCELLED' } },
    select: deskSelect,
  })
  const found = registrations
    .filter((registration) => {
      const haystack = searchKey([registration.user.name, registration.user.email, registration.organisation?.name ?? ''].join(' '))
      return words.every((word) => haystack.includes(word))
    })
    .map((registration) => ({
      registrationId: registration.id,
      attendee: attendeeOf(registration),
      checkedInAt: registration.checkedInAt,
      checkedInBy: registration.checkedInBy?.name ?? null,
    }))
    .sort((a, b) => a.attendee.name.localeCompare(b.attendee.name))
  return { people: found.slice(0, DESK_SEARCH_LIMIT), more: found.length > DESK_SEARCH_LIMIT }
}

/** People through the door so far, against everyone who holds an approved registration. */
export async function checkInTotals(db: Db, eventId: string) {
  const [checkedIn, approved] = await Promise.all([
    db.registration.count({ where: { eventId, status: 'APPROVED', checkedInAt: { not: null } } }),
    db.registration.count({ where: { eventId, status: 'APPROVED' } }),
  ])
  return { checkedIn, approved }
}
