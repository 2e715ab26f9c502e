// How an outbox message leaves Muster: over SMTP through a pooled nodemailer transport, or,
// with SMTP_URL unset, nowhere: the outbox row itself is the captured mail, read on the
// development mailbox page (docs/decisions/005-email-outbox.md).
import nodemailer from 'nodemailer'
import { env } from './env.server.ts'

export const inviteMethods = ['REQUEST', 'CANCEL', 'PUBLISH'] as const
/** iCalendar METHOD of an emailed invite: a new or updated entry, a cancellation, or information only. */
export type InviteMethod = (typeof inviteMethods)[number]

/** One email as the outbox worker hands it to a transport. */
export type OutgoingEmail = {
  /** The outbox row's id: the Message-ID is built from it, so a resend carries the same Message-ID. */
  id: string
  to: { email: string; name: string | null }
  subject: string
  html: string
  text: string
  invite: { method: InviteMethod; ics: string } | null
  /** A one-click unsubscribe address (RFC 8058) for messages a person may stop; null for essential ones. */
  listUnsubscribe: string | null
}

export type MailTransport = {
  /** The status a delivered message is recorded with: SENT to an SMTP server, or CAPTURED for the mailbox. */
  readonly deliveredStatus: 'SENT' | 'CAPTURED'
  /** Resolves once the message is accepted; rejects when it was not (the worker retries). */
  send(email: OutgoingEmail): Promise<void>
  close(): void
}

export type SmtpTransportOptions = {
  /** smtp(s)://user:pass@host:port */
  url: string
  /** "Name <address>" */
  from: string
  /** Right-hand side of each Message-ID, e.g. the app's host name. */
  messageIdDomain: string
}

export function createSmtpTransport({ url, from, messageIdDomain }: SmtpTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    // Fail fast when the server is unreachable or stalls: the outbox's back-off does the
    // waiting, and a shutdown should not hang on nodemailer's two-minute default.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    deliveredStatus: 'SENT',
    async send(email) {
      await transporter.sendMail({
        from,
        to: { name: email.to.name ?? '', address: email.to.email },
        subject: email.subject,
        html: email.html,
        text: email.text,
        // Base64 rather than nodemailer's quoted-printable, which it encodes character by character
        // in JavaScript for any text with a typographic quote or dash: 0.6-0.7 ms a message instead
        // of 1.4-1.8 ms, for about 9 % more bytes (bench/README.md, 6 December 2026).
        textEncoding: 'base64',
        messageId: `<${email.id}@${messageIdDomain}>`,
        // Tells autoresponders (out-of-office replies) not to answer.
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(email.listUnsubscribe ? { 'List-Unsubscribe': `<${email.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
        // The text/calendar; method=… alternative is what makes Outlook, Gmail and Apple Mail
        // show an invitation with accept/decline; nodemailer also attaches it as invite.ics.
        icalEvent: email.invite ? { method: email.invite.method, filename: 'invite.ics', content: email.invite.ics } : undefined,
      })
    },
    close() {
      transporter.close()
    },
  }
}

/** Sends nothing: a captured message stays readable in its outbox row. */
export function createCaptureTransport(): MailTransport {
  return {
    deliveredStatus: 'CAPTURED',
    send: () => Promise.resolve(),
    close() {},
  }
}

/** The transport the environment asks for: SMTP when SMTP_URL is set, capture otherwise. */
export function createMailTransport(): MailTransport {
  if (!env.SMTP_URL) return createCaptureTransport()
  return createSmtpTransport({ url: env.SMTP_URL, from: env.MAIL_FROM, messageIdDomain: new URL(env.APP_URL).hostname })
}
