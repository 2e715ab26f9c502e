// The development mailbox: with SMTP_URL unset, outbox rows are the captured mail, and these
// queries show them. Every function first refuses (throws) unless mail is captured, so the
// mailbox cannot exist on a server that sends real mail (and env refuses a public APP_URL
// without SMTP_URL). The routes answer 404 before that (requireMailboxAccess).
import { db } from '#app/lib/db.server.ts'
import { env } from '#app/lib/env.server.ts'
import { renderQueuedEmail } from '#app/domain/messages/queued-email.server.ts'

const MAILBOX_PAGE_SIZE = 100

function requireCapturedMail() {
  if (!env.mailCaptured) throw new Error('The development mailbox exists only while mail is captured (SMTP_URL unset)')
}

/** The newest messages first, optionally only those whose recipient contains `to`. */
export async function listCapturedMail({ to }: { to: string | null }) {
  requireCapturedMail()
  const messages = await db.outboxMessage.findMany({
    where: to ? { toEmail: { contains: to } } : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: MAILBOX_PAGE_SIZE,
    select: {
      id: true,
      kind: true,
      toEmail: true,
      toName: true,
      subject: true,
      status: true,
      icsMethod: true,
      createdAt: true,
      nextAttemptAt: true,
    },
  })
  const now = Date.now()
  return {
    // A message held back (a reminder for later) says when it will go out.
    messages: messages.map(({ nextAttemptAt, ...message }) => ({ ...message, sendsAt: message.status === 'PENDING' && nextAttemptAt.getTime() > now ? nextAttemptAt : null })),
    pageSize: MAILBOX_PAGE_SIZE,
  }
}

/**
 * One message with everything the mailbox shows, including the sender the SMTP transport would
 * use; a message the worker has not delivered yet is rendered as the worker will render it.
 */
export async function getCapturedMessage(id: string) {
  requireCapturedMail()
  const message = await db.outboxMessage.findUnique({
    where: { id },
    select: {
      id: true,
      idempotencyKey: true,
      kind: true,
      toEmail: true,
      toName: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      ...storedContentSelect,
    },
  })
  if (!message) return null
  const { template: _template, payload: _payload, html: _html, text: _text, icsContent: _icsContent, ...headers } = message
  const { html, text, invite } = await renderQueuedEmail(message)
  return { ...headers, html, text, icsContent: invite?.ics ?? null, from: env.MAIL_FROM }
}

export async function getCapturedInvite(id: string) {
  requireCapturedMail()
  const message = await db.outboxMessage.findUnique({ where: { id }, select: storedContentSelect })
  return message?.icsMethod ? (await renderQueuedEmail(message)).invite : null
}

/** What renderQueuedEmail reads of a row. */
const storedContentSelect = { template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true } as const
