// Every message about a B2B meeting request or meeting: received, other times proposed,
// declined, withdrawn, expired, accepted (with the invite), cancelled (with the CANCEL), moved and
// given a new place (with the updated invite) and the reminder. Each kind has its own wording; the layout (who, when in the event's zone, where,
// one call to action) is shared.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import type { MeetingRequestExpiryReason } from '#app/domain/meetings/meetings.ts'
import { formatLongDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { buttonStyle, EmailLayout, emailColours, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'

export const meetingMessageKinds = ['request-received', 'slots-proposed', 'declined', 'withdrawn', 'expired', 'accepted', 'cancelled', 'reminder', 'moved', 'place-changed'] as const
export type MeetingMessageKind = (typeof meetingMessageKinds)[number]

export type MeetingUpdateEmailProps = {
  kind: MeetingMessageKind
  recipientName: string | null
  /** The other side, e.g. "Kadri Tamm (Hornet Interceptors)". */
  otherParty: string
  event: { title: string; timeZone: string; venueName: string; venueAddress: string }
  /** The proposed slots of a request, or the one slot of a meeting. */
  slots: { startsAt: Date; endsAt: Date }[]
  /** "Table 7", once a meeting has one. */
  table?: string | null
  /** The requester's note, for a request. */
  message?: string | null
  /** Why it was declined, when the person said. */
  reason?: string | null
  /** Why an expired request expired; `waitedForYou`: the other side had proposed other times and the answer was yours. */
  expiry?: { reason: MeetingRequestExpiryReason; waitedForYou: boolean } | null
  /** The request's or the meetings page. */
  url: string
  /** Where a moved meeting was before: its old slot and table (a meeting given a new place shows the table only). */
  previous?: { slot: { startsAt: Date; endsAt: Date }; table: string } | null
}

function wording({ kind, otherParty, event, reason, expiry }: MeetingUpdateEmailProps): { headline: string; paragraphs: string[]; action: string } {
  switch (kind) {
    case 'request-received':
      return {
        headline: `${otherParty} asks to meet you at ${event.title}`,
        paragraphs: ['They proposed the times below, all free in both your schedules. Accept one, propose other times, or decline.'],
        action: 'Answer the request',
      }
    case 'slots-proposed':
      return {
        headline: `${otherParty} proposed other times to meet`,
        paragraphs: ['The times below suit them. Accept one, propose others, or withdraw.'],
        action: 'Answer the proposal',
      }
    case 'declined':
      return {
        headline: `${otherParty} declined your meeting request`,
        paragraphs: [
          'They cannot meet at this event.',
          ...(reason ? [`Their note: ${reason}`] : []),
          'Your request no longer counts against your pending requests.',
        ],
        action: 'See your meetings',
      }
    case 'withdrawn':
      return {
        headline: `${otherParty} withdrew their meeting request`,
        paragraphs: ['You do not need to answer it any more.'],
        action: 'See your meetings',
      }
    case 'expired':
      return { headline: `Your meeting request to ${otherParty} has expired`, ...expiryWording(expiry ?? { reason: 'unanswered', waitedForYou: false }, event) }
    case 'accepted':
      return {
        headline: `Your meeting with ${otherParty} is booked`,
        paragraphs: [
          'The time and table below are reserved for you both. The attached invitation puts the meeting in your calendar; it updates itself if anything changes.',
        ],
        action: 'See your meetings',
      }
    case 'cancelled':
      return {
        headline: `Your meeting with ${otherParty} is cancelled`,
        paragraphs: ['The time and the table are free again. The attached update removes the meeting from your calendar.'],
        action: 'See your meetings',
      }
    case 'moved':
      return {
        headline: `Your meeting with ${otherParty} has moved`,
        paragraphs: ['The organisers moved your B2B meeting to the time and table below. The attached invitation updates the meeting in your calendar.'],
        action: 'See your meetings',
      }
    case 'place-changed':
      return {
        headline: `New place for your meeting with ${otherParty}`,
        paragraphs: ['The organisers changed where your B2B meeting takes place; its time stays the same. The attached invitation updates the meeting in your calendar.'],
        action: 'See your meetings',
      }
    case 'reminder':
      return {
        headline: `In one hour: your meeting with ${otherParty}`,
        paragraphs: ['Your B2B meeting starts soon. Please be at your table on time: the next meeting follows right after.'],
        action: 'Open your schedule',
      }
  }
}

function expiryWording(expiry: NonNullable<MeetingUpdateEmailProps['expiry']>, event: MeetingUpdateEmailProps['event']) {
  const freed = 'It no longer counts against your pending requests.'
  switch (expiry.reason) {
    case 'unanswered':
      return {
        paragraphs: [
          expiry.waitedForYou
            ? 'They proposed other times, and you did not answer within a week, so the request has lapsed.'
            : 'They did not answer within a week, so the request has lapsed.',
          freed,
          'If you still want to meet, request a meeting again and choose the times that suit you both now.',
        ],
        action: 'Request again',
      }
    case 'no-bookable-slot':
      return {
        paragraphs: [
          'None of the proposed times is still available, so the request can no longer be accepted.',
          freed,
          'If you still want to meet, request a meeting again and choose other times.',
        ],
        action: 'Request again',
      }
    case 'booking-closed':
      return {
        paragraphs: [
          `Meeting booking for ${event.title} has closed, so the request can no longer be accepted.`,
          freed,
          'No new meetings can be requested at this event; the meetings you have booked stay as they are.',
        ],
        action: 'See your meetings',
      }
  }
}

export function meetingUpdateSubject(props: MeetingUpdateEmailProps) {
  return wording(props).headline
}

/** "Wednesday 24 March 2027, 14:30–14:50 CET" */
function slotText(slot: { startsAt: Date; endsAt: Date }, timeZone: string) {
  return `${formatLongDate(slot.startsAt, timeZone)}, ${formatTimeRange(slot.startsAt, slot.endsAt, timeZone)} ${zoneAbbreviation(slot.startsAt, timeZone)}`
}

export function MeetingUpdateEmail(props: MeetingUpdateEmailProps) {
  const { headline, paragraphs, action } = wording(props)
  const { event, slots, table, message, otherParty, recipientName, url } = props
  const proposal = props.kind === 'request-received' || props.kind === 'slots-proposed'
  // An expired request lists the times it proposed, so the reader knows which request it was.
  const lapsedProposal = props.kind === 'expired'
  return (
    <EmailLayout preview={`${otherParty} · ${event.title}`} reason={`You take part in the B2B meetings of ${event.title} on Muster.`}>
      <Heading as="h1" className="email-text" style={headingStyle}>
        {headline}
      </Heading>
      {recipientName ? <Paragraph>{`Dear ${recipientName},`}</Paragraph> : null}
      {paragraphs.map((paragraph) => (
        <Paragraph key={paragraph}>{paragraph}</Paragraph>
      ))}
      {message ? <Paragraph muted>{`Their message: ${message}`}</Paragraph> : null}
      <Section
        className="email-code"
        style={{
          margin: '8px 0 24px',
          padding: '16px 20px',
          backgroundColor: emailColours.canvas,
          border: `1px solid ${emailColours.line}`,
          borderRadius: '8px',
        }}
      >
        <Fact label="With" value={otherParty} />
        {proposal || lapsedProposal ? (
          slots.map((slot, index) => (
            <Fact key={slot.startsAt.toISOString()} label={lapsedProposal ? 'Proposed' : `Time ${index + 1}`} value={slotText(slot, event.timeZone)} />
          ))
        ) : slots[0] ? (
          <Fact label="When" value={slotText(slots[0], event.timeZone)} />
        ) : null}
        <Fact label="Where" value={[table, event.venueName, event.venueAddress].filter(Boolean).join(', ')} />
        {props.previous ? (
          <Fact label="Before" value={props.kind === 'place-changed' ? props.previous.table : `${slotText(props.previous.slot, event.timeZone)}, ${props.previous.table}`} />
        ) : null}
        <Fact label="Event" value={event.title} />
      </Section>
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={url} className="email-button" style={buttonStyle}>
          {action}
        </Button>
      </Section>
      <LinkFallback url={url} />
    </EmailLayout>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text className="email-text" style={{ margin: '0 0 6px', fontSize: '15px', lineHeight: '22px', color: emailColours.ink }}>
      <strong>{`${label}:`}</strong> {value}
    </Text>
  )
}
