// The sign-in email: a code to type on any device and a link that signs in on this one.
import { Button } from '@react-email/button'
import { Heading } from '@react-email/heading'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import { buttonStyle, EmailLayout, emailColours, headingStyle, LinkFallback, Paragraph } from './components/email-layout.tsx'

export type SignInEmailProps = {
  code: string
  /** Absolute URL that signs in with one click. */
  link: string
  expiresInMinutes: number
  /** Where the request came from, so a recipient who did not ask can tell. */
  requestedFrom?: { ipAddress?: string | null; userAgent?: string | null } | null
}

/** The code stays out of the subject and preview: lock screens and mail lists show those. */
export function signInSubject(_props: SignInEmailProps) {
  return 'Your code to sign in to Muster'
}

export function SignInEmail({ code, link, expiresInMinutes, requestedFrom }: SignInEmailProps) {
  const origin = describeOrigin(requestedFrom)
  return (
    <EmailLayout
      preview={`Your sign-in code works once, for ${expiresInMinutes} minutes.`}
      reason="You got this email because someone asked to sign in to Muster with this address. If that was not you, ignore it: without the code or the link, nobody can sign in."
    >
      <Heading as="h1" className="email-text" style={headingStyle}>
        Sign in to Muster
      </Heading>
      <Paragraph>
        {`Your sign-in code is below. It works once, for the next ${expiresInMinutes} minutes. Type it where you asked to sign in:`}
      </Paragraph>
      <Section style={{ margin: '0 0 24px' }}>
        <Text
          className="email-code"
          style={{
            display: 'inline-block',
            margin: 0,
            padding: '12px 20px',
            fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
            fontSize: '32px',
            lineHeight: '40px',
            fontWeight: 700,
            letterSpacing: '0.3em',
            color: emailColours.ink,
            backgroundColor: emailColours.canvas,
            border: `1px solid ${emailColours.line}`,
            borderRadius: '8px',
          }}
        >
          {code}
        </Text>
      </Section>
      <Paragraph>Or, on this device, sign in with one click:</Paragraph>
      <Section style={{ margin: '0 0 24px' }}>
        <Button href={link} className="email-button" style={buttonStyle}>
          Sign in to Muster
        </Button>
      </Section>
      <LinkFallback url={link} />
      {origin ? <Paragraph muted>{origin}</Paragraph> : null}
    </EmailLayout>
  )
}

function describeOrigin(requestedFrom: SignInEmailProps['requestedFrom']) {
  const client = describeClient(requestedFrom)
  return client ? `Requested from ${client}.` : null
}

/** "the address 203.0.113.7, using the browser “Firefox on Linux”", or null when nothing is known. */
export function describeClient(client: { ipAddress?: string | null; userAgent?: string | null } | null | undefined) {
  const ipAddress = client?.ipAddress?.trim()
  const userAgent = client?.userAgent?.trim()
  if (!ipAddress && !userAgent) return null
  const parts = [ipAddress ? `the address ${ipAddress}` : null, userAgent ? `the browser “${userAgent.slice(0, 160)}”` : null]
  return parts.filter(Boolean).join(', using ')
}
