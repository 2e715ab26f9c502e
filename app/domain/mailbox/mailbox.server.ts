// The development mailbox: with SMTP_URL unset, outbox rows are the captured mail, and these
// queries show them. Every function first refuses (throws) unless mail is captured, so the
// mailbox cannot exist on a server that sends real mail (and env refuses a public APP_URL
// without SMTP_URL). The routes answer 404 before that (requireMailboxAccess).
import { db } from '#app/lib/db.server.ts'
import { env } from '#app/lib/env.server.ts'

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

/** One message with everything the mailbox shows, including the sender the SMTP transport would use. */
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
      subject: true,
      html: true,
      text: true,
      icsMethod: true,
      icsContent: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  })
  return message ? { ...message, from: env.MAIL_FROM } : null
}

export async function getCapturedInvite(id: string) {
  requireCapturedMail()
  const message = await db.outboxMessage.findUnique({ where: { id }, select: { icsMethod: true, icsContent: true } })
  return message?.icsMethod && message.icsContent ? { method: message.icsMethod, ics: message.icsContent } : null
}
