// Tells a person their account was just signed in to from a browser it had not been used from,
// with what we know of it and what to do if it was not them.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { buttonStyle, EmailLayout, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'
import { describeClient } from './sign-in.tsx'

export type SignInNoticeEmailProps = {
  recipientName: string | null
  /** When it happened, already written for the reader, e.g. "Wed 2 Dec 2026 at 16:04 UTC". */
  signedInAt: string
  client: { ipAddress?: string | null; userAgent?: string | null } | null
  /** Absolute URL of the account page, where every session can be signed out. */
  accountUrl: string
}

export function signInNoticeSubject(_props: SignInNoticeEmailProps) {
  return 'New sign-in to your Muster account'
}

export function SignInNoticeEmail({ recipientName, signedInAt, client, accountUrl }: SignInNoticeEmailProps) {
  const from = describeClient(client)
  return (
    <EmailLayout
      preview="Your account was signed in to from a new browser."
      reason="You got this email because your Muster account was signed in to from a browser it had not been used from before."
    >
      <Heading as="h1" className="email-text" style={headingStyle}>
        New sign-in to your account
      </Heading>
      <Paragraph>{`${recipientName ? `Hello ${recipientName}, your` : 'Your'} Muster account was signed in to on ${signedInAt}${from ? ` from ${from}` : ''}.`}</Paragraph>
      <Paragraph>If that was you, there is nothing to do.</Paragraph>
      <Paragraph>
        If it was not you, someone has access to your email. Open your account, choose “Sign out everywhere”, and secure your email account.
      </Paragraph>
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={accountUrl} className="email-button" style={buttonStyle}>
          Review my sessions
        </Button>
      </Section>
      <LinkFallback url={accountUrl} />
    </EmailLayout>
  )
}
