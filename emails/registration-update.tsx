// Every message about a registration's status: received, approved, waitlisted, promoted,
// rejected, cancelled, more information needed. Each kind has its own wording here; the
// layout (dates, hours and venue in the event's zone, one call to action) is shared.
import { formatDateSpan, formatEventHours } from '#app/lib/time.ts'
import { EventInvitationEmail, type EventInvitationEmailProps } from './event-invitation.tsx'

export const registrationMessageKinds = [
  'received',
  'changes-received',
  'approved',
  'waitlisted',
  'promoted',
  'rejected',
  'cancelled',
  'info-requested',
  'venue-changed',
  'dates-changed',
  'event-cancelled',
] as const
export type RegistrationMessageKind = (typeof registrationMessageKinds)[number]

export type RegistrationUpdateEmailProps = {
  kind: RegistrationMessageKind
  recipientName: string | null
  event: EventInvitationEmailProps['event']
  /** The attendee's registration page. */
  registrationUrl: string
  /** Waiting-list position, for 'waitlisted'. */
  position?: number | null
  /** The organisers' question, for 'info-requested'. */
  reason?: string | null
  /** Where the event was to be, for 'venue-changed'. */
  previousVenue?: { name: string; address: string } | null
  /** When the event was to be, for 'dates-changed' (shown in its zone then). */
  previousDates?: { startsAt: Date; endsAt: Date; timeZone: string } | null
  /** Whether the message carries the updated calendar entry (approved registrations hold one). */
  hasInvite?: boolean
}

function wording({ kind, event, position, reason, previousVenue, previousDates, hasInvite }: RegistrationUpdateEmailProps): { headline: string; paragraphs: string[]; action: string } {
  switch (kind) {
    case 'received':
      return {
        headline: `We received your registration for ${event.title}`,
        paragraphs: [
          'The organisers vet every registration. You will get an email as soon as they decide; most decisions take a few working days.',
          'Until then you can change your answers or cancel on your registration page.',
        ],
        action: 'View your registration',
      }
    case 'changes-received':
      return {
        headline: `Your changes to your ${event.title} registration are being reviewed`,
        paragraphs: [
          'You changed details the organisers vet, so your registration is back in their queue. If you held a seat, it stays yours while they review the change.',
        ],
        action: 'View your registration',
      }
    case 'approved':
      return {
        headline: `You are registered for ${event.title}`,
        paragraphs: [
          'Your registration is approved and your seat is confirmed. The attached invitation puts the event in your calendar; it updates itself if anything changes.',
          'Your badge with its QR code is on your registration page: show it at the entrance.',
        ],
        action: 'Open your badge',
      }
    case 'waitlisted':
      return {
        headline: `You are on the waiting list for ${event.title}`,
        paragraphs: [
          `All seats are taken. You are number ${position ?? '—'} on the waiting list.`,
          'When a seat frees, the first person on the list gets it automatically and we email you at once. You do not need to do anything.',
        ],
        action: 'View your registration',
      }
    case 'promoted':
      return {
        headline: `A seat is yours: you are registered for ${event.title}`,
        paragraphs: [
          'A seat came free and you were next on the waiting list, so your registration is now confirmed. The attached invitation puts the event in your calendar.',
          'Your badge with its QR code is on your registration page.',
        ],
        action: 'Open your badge',
      }
    case 'rejected':
      return {
        headline: `Your registration for ${event.title} was not accepted`,
        paragraphs: [
          'The organisers reviewed your registration and could not accept it for this event.',
          ...(reason ? [`Their note: ${reason}`] : []),
          'If you think this is a mistake, reply to the event contact.',
        ],
        action: 'View your registration',
      }
    case 'cancelled':
      return {
        headline: `Your registration for ${event.title} is cancelled`,
        paragraphs: [
          'Your registration is cancelled. If you held a seat, it has been offered to the next person on the waiting list. The attached update removes the event from your calendar.',
        ],
        action: 'View the event',
      }
    case 'info-requested':
      return {
        headline: `The organisers of ${event.title} need more information`,
        paragraphs: [
          'Before they can decide on your registration, the organisers ask:',
          reason ?? 'Please review your answers.',
          'Update your registration to answer; it goes straight back to them.',
        ],
        action: 'Update your registration',
      }
    case 'venue-changed':
      return {
        headline: `${event.title} has a new venue`,
        paragraphs: [
          `The event now takes place at ${event.venueName}, ${event.venueAddress}.`,
          ...(previousVenue ? [`It was to be at ${previousVenue.name}, ${previousVenue.address}.`] : []),
          hasInvite ? 'The dates and times do not change. The attached update moves the event in your calendar to the new venue.' : 'The dates and times do not change.',
          'If you hold sessions or B2B meetings, each gets its own updated invitation.',
        ],
        action: 'View your registration',
      }
    case 'event-cancelled':
      return {
        headline: `${event.title} is cancelled`,
        paragraphs: [
          'The organisers have cancelled the event, and your registration with it.',
          ...(reason ? [`Their reason: ${reason}`] : []),
          hasInvite
            ? 'The attached update removes the event from your calendar; each session and B2B meeting you held is removed by its own message.'
            : 'You do not need to do anything.',
        ],
        action: 'View the event',
      }
    case 'dates-changed':
      return {
        headline: `${event.title} has new dates`,
        paragraphs: [
          `The event now runs ${formatDateSpan(event.startsAt, event.endsAt, event.timeZone)} (${formatEventHours(event.startsAt, event.endsAt, event.timeZone)}).`,
          ...(previousDates ? [`It was to run ${formatDateSpan(previousDates.startsAt, previousDates.endsAt, previousDates.timeZone)} (${formatEventHours(previousDates.startsAt, previousDates.endsAt, previousDates.timeZone)}).`] : []),
          ...(previousDates && previousDates.timeZone !== event.timeZone ? [`Its times are now given in ${event.timeZone} time, no longer in ${previousDates.timeZone} time.`] : []),
          hasInvite ? 'The attached update moves the event in your calendar.' : 'Your registration stays as it is.',
          'The programme and the B2B meetings moved with it: if you hold sessions or meetings, each gets its own updated invitation with its new time.',
        ],
        action: 'View your registration',
      }
  }
}

export function registrationUpdateSubject(props: RegistrationUpdateEmailProps) {
  return wording(props).headline
}

export function RegistrationUpdateEmail(props: RegistrationUpdateEmailProps) {
  const { headline, paragraphs, action } = wording(props)
  return (
    <EventInvitationEmail
      recipientName={props.recipientName}
      event={props.event}
      headline={headline}
      paragraphs={paragraphs}
      action={{ label: action, url: props.registrationUrl }}
      reason={`You registered for ${props.event.title} on Muster.`}
    />
  )
}
