// The one way to turn a message kind and its props into { subject, html, text } for
// queueEmail. Add a template: write emails/<kind>.tsx, then add it to `templates`.
import { plainTextSelectors } from '@react-email/render'
import { compile } from 'html-to-text'
import type { FunctionComponent } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { EventMessageEmail, eventMessageSubject, type EventMessageEmailProps } from './event-message.tsx'
import { EventInvitationEmail, eventInvitationSubject, type EventInvitationEmailProps } from './event-invitation.tsx'
import { MeetingUpdateEmail, meetingUpdateSubject, type MeetingUpdateEmailProps } from './meeting-update.tsx'
import { RegistrationUpdateEmail, registrationUpdateSubject, type RegistrationUpdateEmailProps } from './registration-update.tsx'
import { SessionUpdateEmail, sessionUpdateSubject, type SessionUpdateEmailProps } from './session-update.tsx'
import { SignInNoticeEmail, signInNoticeSubject, type SignInNoticeEmailProps } from './sign-in-notice.tsx'
import { SignInEmail, signInSubject, type SignInEmailProps } from './sign-in.tsx'
import { StaffInvitationEmail, staffInvitationSubject, type StaffInvitationEmailProps } from './staff-invitation.tsx'

export type EmailPropsByKind = {
  'sign-in': SignInEmailProps
  'sign-in-notice': SignInNoticeEmailProps
  'event-invitation': EventInvitationEmailProps
  'registration-update': RegistrationUpdateEmailProps
  'meeting-update': MeetingUpdateEmailProps
  'session-update': SessionUpdateEmailProps
  'staff-invitation': StaffInvitationEmailProps
  'event-message': EventMessageEmailProps
}

export type EmailKind = keyof EmailPropsByKind

type EmailTemplate<Props> = { Component: FunctionComponent<Props>; subject: (props: Props) => string }

const templates: { [Kind in EmailKind]: EmailTemplate<EmailPropsByKind[Kind]> } = {
  'sign-in': { Component: SignInEmail, subject: signInSubject },
  'sign-in-notice': { Component: SignInNoticeEmail, subject: signInNoticeSubject },
  'event-invitation': { Component: EventInvitationEmail, subject: eventInvitationSubject },
  'registration-update': { Component: RegistrationUpdateEmail, subject: registrationUpdateSubject },
  'meeting-update': { Component: MeetingUpdateEmail, subject: meetingUpdateSubject },
  'session-update': { Component: SessionUpdateEmail, subject: sessionUpdateSubject },
  'staff-invitation': { Component: StaffInvitationEmail, subject: staffInvitationSubject },
  'event-message': { Component: EventMessageEmail, subject: eventMessageSubject },
}

export type RenderedEmail = { subject: string; html: string; text: string }

/** A template and its props, as one value (e.g. queued in the outbox and rendered later). */
export type EmailContent = { [Kind in EmailKind]: { template: Kind; props: EmailPropsByKind[Kind] } }[EmailKind]

export function isEmailKind(name: string): name is EmailKind {
  return Object.hasOwn(templates, name)
}

/** The subject alone: cheap, so it is known when the message is queued. */
export function emailSubject({ template, props }: EmailContent): string {
  const { subject } = templates[template] as EmailTemplate<typeof props>
  return subject(props)
}

export function renderEmail<Kind extends EmailKind>(kind: Kind, props: EmailPropsByKind[Kind]): Promise<RenderedEmail> {
  return renderEmailContent({ template: kind, props } as EmailContent)
}

/** The doctype React Email's own render puts first: email clients choose their rendering mode by it. */
const XHTML_DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

export async function renderEmailContent({ template, props }: EmailContent): Promise<RenderedEmail> {
  const { Component, subject } = templates[template] as EmailTemplate<typeof props>
  // Rendered once; the text part is converted from that HTML (rendering twice doubled the cost of bulk sends).
  // React's static renderer, not React Email's render: no template suspends, and the streaming
  // renderer under render cost more than twice as much and left React's stream markers in the HTML as comments.
  const html = XHTML_DOCTYPE + renderToStaticMarkup(<Component {...props} />)
  const text = htmlToText(html)
  return { subject: subject(props), html, text }
}

/**
 * React Email's toPlainText, compiled once: toPlainText hands its options to html-to-text's
 * convert, which compiles the selectors again for every message (most of the 18 % of a bulk
 * send's CPU that html-to-text took, bench/README.md). Headings keep their case: html-to-text
 * would upper-case them.
 */
const htmlToText = compile({ wordwrap: false, selectors: [...plainTextSelectors, { selector: 'h1', options: { uppercase: false } }] })
