// Pure rules about an event that pages and emails share.

/**
 * The events anyone may see: published ones, and cancelled ones (their pages say so). A draft
 * is seen only by its staff, in the console. Spread into a Prisma where: `{ slug, ...publicEventWhere }`.
 */
export const publicEventWhere: { status: { in: WindowInput['status'][] } } = { status: { in: ['PUBLISHED', 'CANCELLED'] } }

export type RegistrationWindowState =
  | { kind: 'cancelled' }
  | { kind: 'not-yet-open'; opensAt: Date }
  | { kind: 'open'; closesAt: Date }
  | { kind: 'full-waitlist'; closesAt: Date }
  | { kind: 'full'; closesAt: Date }
  | { kind: 'closed'; closedAt: Date }
  | { kind: 'past' }

export type WindowInput = {
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  endsAt: Date
  registrationOpensAt: Date
  registrationClosesAt: Date
  capacity: number | null
  waitlistEnabled: boolean
}

/** Whether a person can register now, and if not, why. */
export function registrationWindowState(event: WindowInput, approvedCount: number, now: Date): RegistrationWindowState {
  if (event.status === 'CANCELLED') return { kind: 'cancelled' }
  if (now >= event.endsAt) return { kind: 'past' }
  if (now < event.registrationOpensAt) return { kind: 'not-yet-open', opensAt: event.registrationOpensAt }
  if (now >= event.registrationClosesAt) return { kind: 'closed', closedAt: event.registrationClosesAt }
  if (event.capacity !== null && approvedCount >= event.capacity) {
    return event.waitlistEnabled
      ? { kind: 'full-waitlist', closesAt: event.registrationClosesAt }
      : { kind: 'full', closesAt: event.registrationClosesAt }
  }
  return { kind: 'open', closesAt: event.registrationClosesAt }
}
