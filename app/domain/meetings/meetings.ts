// Pure rules about B2B meeting requests and meetings that pages, emails and the server share.
import { roomLabel } from '#app/domain/agenda/agenda.ts'

/** How many slots one request (or one counter-proposal) may offer. */
export const MAX_PROPOSED_SLOTS = 5
export const MEETING_MESSAGE_MAX_LENGTH = 1000
/** The reminder email goes out this long before the meeting starts. */
export const MEETING_REMINDER_LEAD_MS = 60 * 60_000

export type BookingWindowState =
  | { kind: 'disabled' }
  | { kind: 'not-yet-open'; opensAt: Date }
  | { kind: 'open'; closesAt: Date | null }
  | { kind: 'closed'; closedAt: Date }

type BookingWindowInput = {
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  b2bEnabled: boolean
  b2bBookingOpensAt: Date | null
  b2bBookingClosesAt: Date | null
  endsAt: Date
}

/**
 * Whether meetings can be booked now. While open, people request, propose and accept. Before
 * it opens nothing can be booked. Once closed (or the event is over), nothing new is booked,
 * but people can still decline, withdraw, cancel and keep their availability: those only free
 * time and tell the other side.
 */
export function bookingWindowState(event: BookingWindowInput, now: Date): BookingWindowState {
  if (!event.b2bEnabled || event.status !== 'PUBLISHED') return { kind: 'disabled' }
  if (event.b2bBookingOpensAt && now < event.b2bBookingOpensAt) return { kind: 'not-yet-open', opensAt: event.b2bBookingOpensAt }
  const closesAt = event.b2bBookingClosesAt && event.b2bBookingClosesAt < event.endsAt ? event.b2bBookingClosesAt : event.endsAt
  if (now >= closesAt) return { kind: 'closed', closedAt: closesAt }
  return { kind: 'open', closesAt: event.b2bBookingClosesAt }
}

/** "<smaller user id>:<larger user id>": the same for both directions, so one open request per pair. */
export function meetingPairKey(userA: string, userB: string) {
  return userA < userB ? `${userA}:${userB}` : `${userB}:${userA}`
}

/** When the reminder should go out, or null when the meeting starts too soon for one to help. */
export function meetingReminderTime(slotStartsAt: Date, now: Date) {
  const at = new Date(slotStartsAt.getTime() - MEETING_REMINDER_LEAD_MS)
  return at > now ? at : null
}

/** "Kadri Tamm (Hornet Interceptors)" */
/** "Table 7", or "Table 7 (Buyers' corner)" when the organisers named it: the same words on every page, email and invite. */
export function meetingTableLabel(table: { number: number; name: string | null }) {
  const numbered = `Table ${table.number}`
  return table.name && table.name !== numbered ? `${numbered} (${table.name})` : numbered
}

/** Where a meeting is, as its emails say it: "Table 7, Hall B (Level 2)", the room being its B2B window's. */
export function meetingPlaceLabel(table: { number: number; name: string | null }, room: { name: string; location: string | null } | null | undefined) {
  return room ? `${meetingTableLabel(table)}, ${roomLabel(room)}` : meetingTableLabel(table)
}

export function personWithOrganisation(person: { name: string; organisation: { name: string } | null }) {
  return person.organisation ? `${person.name} (${person.organisation.name})` : person.name
}

export const meetingRequestStatusLabels = {
  PENDING: 'Waiting for an answer',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  CANCELLED: 'Withdrawn',
  EXPIRED: 'Expired',
} as const

/** The badge tone of each status (app.css .badge--*). */
export const meetingRequestStatusTones = {
  PENDING: 'warning',
  ACCEPTED: 'success',
  DECLINED: 'danger',
  CANCELLED: 'break',
  EXPIRED: 'break',
} as const

/** A pending request expires after waiting this long for the answer of the person it was last handed to. */
export const MEETING_REQUEST_EXPIRY_MS = 7 * 24 * 60 * 60_000

/** Why a pending request expired; when several hold, the first in this order is the one given. */
export type MeetingRequestExpiryReason = 'booking-closed' | 'no-bookable-slot' | 'unanswered'

export const meetingRequestExpiryLabels = {
  'booking-closed': 'Meeting booking closed',
  'no-bookable-slot': 'None of the proposed times was still available',
  unanswered: 'No answer within a week',
} as const satisfies Record<MeetingRequestExpiryReason, string>

/** Booking has closed for good: its closing time, or the end of the event, has passed. */
export function meetingBookingHasClosed(event: { b2bBookingClosesAt: Date | null; endsAt: Date }, at: Date) {
  return (event.b2bBookingClosesAt !== null && event.b2bBookingClosesAt <= at) || event.endsAt <= at
}

/**
 * Why a pending request expires at `at`, or null while it can still be answered: the event's
 * booking has closed (or the event is over), none of its proposed slots can be booked any more,
 * or it has waited a week since it was last handed to the person who must answer.
 */
export function meetingRequestExpiryReason(
  input: {
    event: { b2bBookingClosesAt: Date | null; endsAt: Date }
    anyProposedSlotBookable: boolean
    /** When it was sent, or when other times were last proposed. */
    handedOverAt: Date
  },
  at: Date,
): MeetingRequestExpiryReason | null {
  if (meetingBookingHasClosed(input.event, at)) return 'booking-closed'
  if (!input.anyProposedSlotBookable) return 'no-bookable-slot'
  if (at.getTime() - input.handedOverAt.getTime() >= MEETING_REQUEST_EXPIRY_MS) return 'unanswered'
  return null
}
