// Tells a person they are now on an event's staff ("added": their account holds the role now),
// or invites an address with no account yet ("invited": the role is theirs at their first
// sign-in with it). One button: the console page the role opens, or sign-in on the way there.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { buttonStyle, EmailLayout, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'

export type StaffInvitationEmailProps = {
  kind: 'added' | 'invited'
  recipientName: string | null
  /** The address the message goes to: an invitation is accepted by signing in with it. */
  email: string
  eventTitle: string
  /** E.g. "Vetting officer". */
  roleLabel: string
  /** What the role lets the person do, completing "lets you …". */
  roleDuties: string
  /** Who granted it: a name, or the address of someone who has not given one. */
  grantedBy: string
  /** Absolute URL: the role's first console page, or sign-in on the way there. */
  url: string
}

export function staffInvitationSubject({ kind, eventTitle, roleLabel }: StaffInvitationEmailProps) {
  return kind === 'added' ? `You have been added as ${roleLabel} of ${eventTitle}` : `You are invited to join ${eventTitle} as ${roleLabel}`
}

export function StaffInvitationEmail(props: StaffInvitationEmailProps) {
  const { kind, recipientName, email, eventTitle, roleLabel, roleDuties, grantedBy, url } = props
  const added = kind === 'added'
  return (
    <EmailLayout
      preview={`${grantedBy} ${added ? 'added you to' : 'invites you to join'} the staff of ${eventTitle}.`}
      reason={`You got this email because ${grantedBy} added ${email} to the staff of ${eventTitle} on Muster. If you did not expect it, you can ignore it${added ? '' : ': nothing happens unless you sign in'}.`}
    >
      <Heading as="h1" className="email-text" style={headingStyle}>
        {staffInvitationSubject(props)}
      </Heading>
      {recipientName ? <Paragraph>{`Dear ${recipientName},`}</Paragraph> : null}
      <Paragraph>{`${grantedBy} ${added ? 'added you to' : 'invites you to join'} the staff of ${eventTitle} as ${roleLabel}. The role lets you ${roleDuties}.`}</Paragraph>
      {added ? (
        <Paragraph>The role is yours already: the button opens your page in the event console.</Paragraph>
      ) : (
        <Paragraph>{`To accept, sign in to Muster with this address, ${email}. There is no password: we email you a code. The role is yours from that first sign-in.`}</Paragraph>
      )}
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={url} className="email-button" style={buttonStyle}>
          {added ? 'Open the event console' : 'Sign in to accept'}
        </Button>
      </Section>
      <LinkFallback url={url} />
    </EmailLayout>
  )
}
