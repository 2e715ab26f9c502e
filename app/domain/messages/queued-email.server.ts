// The one way a feature sends an email: queueEmail writes a template name and a snapshot of
// its props (and of the invite's calendar entry) into the outbox, inside the caller's
// transaction; the outbox worker renders them with renderQueuedEmail after that transaction
// has committed and released its locks (docs/decisions/015-render-in-the-outbox-worker.md).
// Tests that read a queued message render it with renderQueuedEmail too.
import { z } from 'zod'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { inviteMethods } from '#app/lib/mail-transport.server.ts'
import {
  insertOutboxRows,
  type OutboxRow,
  type RenderedOutboxContent,
  type StoredOutboxContent,
} from '#app/lib/outbox.server.ts'
import { decodeSnapshot, encodeSnapshot } from '#app/lib/snapshot.ts'
import { emailSubject, isEmailKind, renderEmailContent, type EmailContent, type RenderedEmail } from '#emails/render.server.tsx'
import { buildCalendar, checkInviteEntry, type CalendarEntry, type CalendarMethod } from '#app/domain/calendar/calendar.ts'

export type { EmailContent }
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

/** The payload's shape; the props and the entry were checked by their types when queued. */
const payloadSchema = z.object({
  props: z.record(z.string(), z.unknown()),
  invite: z.object({ method: z.enum(inviteMethods), entry: z.record(z.string(), z.unknown()) }).nullable(),
  listUnsubscribe: z.url().optional(),
})

/**
 * The email of an outbox row: what was already rendered (delivered rows, and rows queued before
 * templates were stored), or the template rendered from the payload. The worker calls this
 * for every delivery; tests and the development mailbox call it to read a queued message.
 */
export async function renderQueuedEmail(content: StoredOutboxContent): Promise<RenderedOutboxContent> {
  if (content.html !== null && content.text !== null) {
    const method = inviteMethods.find((known) => known === content.icsMethod)
    return { html: content.html, text: content.text, invite: method && content.icsContent ? { method, ics: content.icsContent } : null, listUnsubscribe: null }
  }
  const { template, payload } = content
  if (template === null || payload === null) throw new Error('The outbox row has neither a rendered email nor a template and payload.')
  if (!isEmailKind(template)) throw new Error(`The outbox row names an unknown email template "${template}".`)
  const { props, invite, listUnsubscribe } = payloadSchema.parse(decodeSnapshot(payload))
  const { html, text } = await renderOnce({ template, props } as EmailContent)
  return {
    html,
    text,
    invite: invite ? { method: invite.method, ics: buildCalendar({ method: invite.method, entries: [invite.entry as CalendarEntry] }) } : null,
    listUnsubscribe: listUnsubscribe ?? null,
  }
}

/** Recently rendered emails by template and props: a change sent to thousands shares one rendering. */
const recentRenderings = createBoundedCache<Promise<RenderedEmail>>(32)

function renderOnce(email: EmailContent): Promise<RenderedEmail> {
  const key = `${email.template}\n${encodeSnapshot(email.props)}`
  const kept = recentRenderings.get(key)
  if (kept) return kept
  const rendering = renderEmailContent(email)
  recentRenderings.set(key, rendering)
  // A failed rendering is not kept: the next message tries again.
  rendering.catch(() => {
    if (recentRenderings.get(key) === rendering) recentRenderings.delete(key)
  })
  return rendering
}
