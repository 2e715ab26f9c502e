// Every message about one agenda session for one attendee: a seat taken, a waiting place, a
// promotion, leaving, and the organisers' changes (moved, re-roomed, retitled, cancelled).
// A change shows the old and the new value side by side, so nobody has to compare invites.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import { buttonStyle, EmailLayout, emailColours, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'

export const sessionMessageKinds = ['enrolled', 'waitlisted', 'promoted', 'left', 'released', 'changed', 'cancelled'] as const
export type SessionMessageKind = (typeof sessionMessageKinds)[number]

export type SessionChangeLine = { label: string; before: string; after: string }

export type SessionUpdateEmailProps = {
  kind: SessionMessageKind
  /** Null for a change sent to many people: one rendering serves them all. */
  recipientName: string | null
  eventTitle: string
  session: {
    title: string
    /** "Wednesday 24 March 2027, 14:00–15:00 CET", in the event's zone. */
    when: string
    where: string
  }
  /** The session's page. */
  sessionUrl: string
  /** Waiting-list position, for 'waitlisted'. */
  position?: number | null
  /** What changed, for 'changed'. */
  changes?: readonly SessionChangeLine[]
  /** Whether the message carries a calendar invite (or its cancellation). */
  hasInvite: boolean
}

function wording({ kind, session, position, hasInvite }: SessionUpdateEmailProps): { headline: string; paragraphs: string[] } {
  const calendar = hasInvite ? ' The attached invitation updates the entry in your calendar.' : ''
  switch (kind) {
    case 'enrolled':
      return {
        headline: `Your seat is booked: ${session.title}`,
        paragraphs: [`You have a seat in this session.${hasInvite ? ' The attached invitation puts it in your calendar.' : ''}`],
      }
    case 'waitlisted':
      return {
        headline: `You are on the waiting list for ${session.title}`,
        paragraphs: [
          `All seats are taken. You are number ${position ?? '—'} on this session's waiting list.`,
          'When a seat frees, the first person on the list gets it automatically and we email you at once.',
        ],
      }
    case 'promoted':
      return {
        headline: `A seat is yours: ${session.title}`,
        paragraphs: [`A seat came free and you were next on the waiting list, so you now have a seat.${hasInvite ? ' The attached invitation puts the session in your calendar.' : ''}`],
      }
    case 'left':
      return {
        headline: `You left ${session.title}`,
        paragraphs: [
          hasInvite
            ? 'Your seat is released and offered to the next person on the waiting list. The attached update removes the session from your calendar.'
            : 'You are no longer on the waiting list for this session.',
        ],
      }
    case 'released':
      return {
        headline: `Your place in ${session.title} is released`,
        paragraphs: [`Your registration for the event is no longer active, so your place in this session was released.${calendar}`],
      }
    case 'changed':
      return {
        headline: `Changed: ${session.title}`,
        paragraphs: [`The organisers changed this session. What changed is below, the old value beside the new.${calendar}`],
      }
    case 'cancelled':
      return {
        headline: `Cancelled: ${session.title}`,
        paragraphs: [`The organisers cancelled this session.${hasInvite ? ' The attached update removes it from your calendar.' : ''}`],
      }
  }
}

export function sessionUpdateSubject(props: SessionUpdateEmailProps) {
  return wording(props).headline
}

export function SessionUpdateEmail(props: SessionUpdateEmailProps) {
  const { headline, paragraphs } = wording(props)
  const { session, changes = [] } = props
  return (
    <EmailLayout preview={`${session.title} · ${session.when}`} reason={`You are registered for ${props.eventTitle} on Muster.`}>
      <Heading as="h1" className="email-text" style={headingStyle}>
        {headline}
      </Heading>
      {props.recipientName ? <Paragraph>{`Dear ${props.recipientName},`}</Paragraph> : null}
      {paragraphs.map((paragraph) => (
        <Paragraph key={paragraph}>{paragraph}</Paragraph>
      ))}
      {changes.length > 0 ? (
        <Section className="email-code" style={boxStyle}>
          {changes.map((change) => (
            <Text key={change.label} className="email-text" style={factStyle}>
              <strong>{`${change.label}:`}</strong> <s>{change.before}</s> {'→'} <strong>{change.after}</strong>
            </Text>
          ))}
        </Section>
      ) : null}
      <Section className="email-code" style={boxStyle}>
        <Fact label="Session" value={session.title} />
        <Fact label="Event" value={props.eventTitle} />
        <Fact label="When" value={session.when} />
        <Fact label="Where" value={session.where} />
      </Section>
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={props.sessionUrl} className="email-button" style={buttonStyle}>
          View the session
        </Button>
      </Section>
      <LinkFallback url={props.sessionUrl} />
    </EmailLayout>
  )
}

const boxStyle = {
  margin: '8px 0 24px',
  padding: '16px 20px',
  backgroundColor: emailColours.canvas,
  border: `1px solid ${emailColours.line}`,
  borderRadius: '8px',
}

const factStyle = { margin: '0 0 6px', fontSize: '15px', lineHeight: '22px', color: emailColours.ink }

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text className="email-text" style={factStyle}>
      <strong>{`${label}:`}</strong> {value}
    </Text>
  )
}
