// The one way a feature sends an email: queueEmail writes a template name and a snapshot of
// its props (and of the invite's calendar entry) into the outbox, inside the caller's
// transaction; the outbox worker renders them with renderQueuedEmail after that transaction
// has committed and released its locks (docs/decisions/015-render-in-the-outbox-worker.md), in
// a thread of its own in production (email-render-thread.server.ts). Tests that read a queued
// message render it with renderQueuedEmail too.
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { insertOutboxRows, type OutboxRow } from '#app/lib/outbox.server.ts'
import { encodeSnapshot } from '#app/lib/snapshot.ts'
import { emailSubject, type EmailContent } from '#emails/render.server.tsx'
import { checkInviteEntry, type CalendarEntry, type CalendarMethod } from '#app/domain/calendar/calendar.ts'

export type { EmailContent }
/** The worker's rendering of a queued row; tests and the mailbox read queued messages with it too. */
export { renderQueuedEmail } from './render-queued-email.server.ts'
/** Takes back messages queued for later (e.g. the reminder of a meeting just cancelled) that no worker has claimed. */
export { withdrawQueuedEmails } from '#app/lib/outbox.server.ts'

export type QueuedEmail = {
  /** Names the change that causes the message, e.g. "sign-in:<tokenId>"; a key is queued once, ever. */
  idempotencyKey: string
  /** What the message is about, e.g. "registration-approved". */
  kind: string
  to: { email: string; name?: string | null }
  email: EmailContent
  /** The calendar entry the message carries as an invite (from the invite builders in app/domain/calendar). */
  invite?: { method: CalendarMethod; entry: CalendarEntry } | null
  eventId?: string | null
  userId?: string | null
  /** Deliver no earlier than this (e.g. a reminder before a meeting); now when absent. */
  notBefore?: Date | null
  /** For a message the person may stop (never an essential one): the one-click unsubscribe address. */
  listUnsubscribe?: string | null
  /** The record that reached many people with this message (an organiser's message), for counting its delivery. */
  sourceId?: string | null
}

/**
 * Queues one message in the caller's transaction (or on its own with `db`). A key already
 * queued is skipped (`queued: false`) and the transaction goes on.
 */
export async function queueEmail(tx: Db | DbTransaction, message: QueuedEmail): Promise<{ queued: boolean }> {
  const { queued } = await insertOutboxRows(tx, [outboxRow(message)])
  return { queued: queued > 0 }
}

/** queueEmail for many messages at once (a change that reaches every attendee), five hundred rows per statement. */
export function queueEmails(tx: Db | DbTransaction, messages: readonly QueuedEmail[]): Promise<{ queued: number }> {
  return insertOutboxRows(tx, messages.map(outboxRow))
}

function outboxRow(message: QueuedEmail): OutboxRow {
  const invite = message.invite ? { method: message.invite.method, entry: message.invite.entry } : null
  // A wrong invite is refused now, with the change, rather than failing in the worker later.
  if (invite) checkInviteEntry(invite.entry, invite.method)
  return {
    idempotencyKey: message.idempotencyKey,
    kind: message.kind,
    to: message.to,
    subject: emailSubject(message.email),
    template: message.email.template,
    payload: encodeSnapshot({ props: message.email.props, invite, ...(message.listUnsubscribe ? { listUnsubscribe: message.listUnsubscribe } : {}) }),
    icsMethod: invite?.method ?? null,
    eventId: message.eventId,
    userId: message.userId,
    notBefore: message.notBefore,
    sourceId: message.sourceId,
  }
}
