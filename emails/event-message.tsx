// A message the organisers of an event wrote to some of its registrants: their Markdown, with
// the merge fields already filled in for this person, and at the end how to stop such messages
// (the page behind the List-Unsubscribe header); essential emails are not affected by that.
import { Heading } from '@react-email/heading'
import { Link } from '@react-email/link'
import { Markdown } from '#app/components/markdown.tsx'
import { parseMarkdown } from '#app/lib/markdown.server.ts'
import { emailColours, EmailLayout, headingStyle, Paragraph } from './components/email-layout.tsx'

export type EventMessageEmailProps = {
  eventTitle: string
  /** The subject with its merge fields filled in. */
  subject: string
  /** Markdown with its merge fields filled in. */
  body: string
  /** The address the message goes to, for the footer. */
  email: string
  /** Absolute URL of the page where the person stops organisers' messages about this event; null in a preview or test. */
  unsubscribeUrl: string | null
}

export function eventMessageSubject({ subject }: EventMessageEmailProps) {
  return subject
}

export function EventMessageEmail({ eventTitle, subject, body, email, unsubscribeUrl }: EventMessageEmailProps) {
  return (
    <EmailLayout
      preview={`From the organisers of ${eventTitle}`}
      reason={`You got this email because ${email} is registered for ${eventTitle} on Muster, and its organisers wrote to you.`}
    >
      <Heading as="h1" className="email-text" style={headingStyle}>
        {subject}
      </Heading>
      <div className="email-text" style={{ fontSize: '16px', lineHeight: '26px', color: emailColours.ink }}>
        <Markdown blocks={parseMarkdown(body)} headingLevel={3} />
      </div>
      <Paragraph muted>
        Do not want messages like this from the organisers of {eventTitle}?{' '}
        {unsubscribeUrl ? (
          <Link href={unsubscribeUrl} className="email-link" style={{ color: emailColours.accent, textDecoration: 'underline' }}>
            Stop them
          </Link>
        ) : (
          'Stop them (each recipient’s own link goes here)'
        )}
        . Emails about your registration, your meetings and changes to the agenda still reach you.
      </Paragraph>
    </EmailLayout>
  )
}
