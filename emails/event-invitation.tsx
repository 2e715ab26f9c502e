// An email about an event, with its dates, hours and venue in the event's own time zone and
// one call to action. The example later notifications (registration approved, agenda
// changed, meeting booked) follow: a headline, a few paragraphs, the facts, one button.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import { formatDateSpan, formatEventHours } from '#app/lib/time.ts'
import { buttonStyle, EmailLayout, emailColours, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'

export type EventInvitationEmailProps = {
  recipientName?: string | null
  event: {
    title: string
    startsAt: Date
    endsAt: Date
    /** IANA zone the event happens in; every time is shown there, with its abbreviation. */
    timeZone: string
    venueName: string
    venueAddress: string
  }
  /** Also the subject. */
  headline: string
  paragraphs: string[]
  action: { label: string; url: string }
  /** Why the recipient got this email, shown in the footer. */
  reason: string
}

export function eventInvitationSubject({ headline }: EventInvitationEmailProps) {
  return headline
}

export function EventInvitationEmail({ recipientName, event, headline, paragraphs, action, reason }: EventInvitationEmailProps) {
  const dates = formatDateSpan(event.startsAt, event.endsAt, event.timeZone)
  const hours = formatEventHours(event.startsAt, event.endsAt, event.timeZone)
  return (
    <EmailLayout preview={`${event.title} · ${dates} · ${event.venueName}`} reason={reason}>
      <Heading as="h1" className="email-text" style={headingStyle}>
        {headline}
      </Heading>
      {recipientName ? <Paragraph>{`Dear ${recipientName},`}</Paragraph> : null}
      {paragraphs.map((paragraph) => (
        <Paragraph key={paragraph}>{paragraph}</Paragraph>
      ))}
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
        <Fact label="Event" value={event.title} />
        <Fact label="When" value={`${dates}, ${hours}`} />
        <Fact label="Where" value={`${event.venueName}, ${event.venueAddress}`} />
      </Section>
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={action.url} className="email-button" style={buttonStyle}>
          {action.label}
        </Button>
      </Section>
      <LinkFallback url={action.url} />
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
