// Turns an outbox row into the email's parts. The outbox worker's render thread runs this
// (app/domain/messages/email-render-thread.server.ts), so it imports nothing that reads the
// environment or opens the database; tests and the development mailbox call it in process.
import { z } from 'zod'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import { inviteMethods } from '#app/lib/invite-method.ts'
import type { RenderedOutboxContent, StoredOutboxContent } from '#app/lib/outbox.server.ts'
import { decodeSnapshot, encodeSnapshot } from '#app/lib/snapshot.ts'
import { isEmailKind, renderEmailContent, type EmailContent, type RenderedEmail } from '#emails/render.server.tsx'
import { buildCalendar, type CalendarEntry } from '#app/domain/calendar/calendar.ts'

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
