// Turns a domain refusal (app/lib/domain-error.ts) into what a route answers: a form reply that
// shows the message next to its field, or an error response for the error boundary. Routes
// catch with `refusalOf(error)`, which rethrows anything that is not a refusal (a bug stays a 500).
import { data } from 'react-router'
import { isDatabaseBusy } from './db-client.server.ts'
import { DomainError } from './domain-error.ts'

type FormReplyOptions = { formErrors?: string[]; fieldErrors?: Record<string, string[]> }

/** A Conform submission: what was sent, and how to answer it with form and field errors. */
type Replyable<Reply> = { payload: Record<string, unknown>; reply(options?: FormReplyOptions): Reply }

/** Whether the form sent this field (`items[2].title` walks into the payload), so its message has a place. */
function formSent(payload: Record<string, unknown>, field: string) {
  let value: unknown = payload
  for (const segment of field.split(/[.[\]]+/).filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return false
    value = (value as Record<string, unknown>)[segment]
  }
  return true
}

/** How long a person is asked to wait before sending a request refused as busy again. */
export const BUSY_RETRY_AFTER_SECONDS = 5

/**
 * The refusal this catch block handles; rethrows everything else. A database that could not take
 * the write in time (app/lib/db-client.server.ts, isDatabaseBusy) is a refusal too: the transaction
 * it met wrote nothing, and the person is told to send it again rather than shown an error page.
 */
export function refusalOf(error: unknown): DomainError {
  if (error instanceof DomainError) return error
  if (isDatabaseBusy(error)) {
    return new DomainError('busy', 'Muster is very busy at this moment, so this was not done. Please send it again in a few seconds.', { code: 'database-busy' })
  }
  throw error
}

/**
 * The form reply that shows the refusal next to its field, or above the form when it names no
 * field or one this form did not send (the message must always be seen). `silentFields` are
 * fields the form shows although it may send nothing for them: a checkbox left unticked.
 */
export function replyWithRefusal<Reply>(submission: Replyable<Reply>, refusal: DomainError, silentFields: readonly string[] = []): Reply {
  return refusal.field && (formSent(submission.payload, refusal.field) || silentFields.includes(refusal.field))
    ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } })
    : submission.reply({ formErrors: [refusal.message] })
}

/** The response init that answers a refusal with its status (and, when busy, when to try again). */
export function refusalStatus(refusal: DomainError): { status: number; headers?: Record<string, string> } {
  return refusal.reason === 'busy' ? { status: refusal.status, headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) } } : { status: refusal.status }
}

/** A refusal as the JSON a page's script shows ({ error }), for the endpoints that answer scripts rather than forms. */
export function refusalJson(refusal: DomainError): Response {
  const { status, headers } = refusalStatus(refusal)
  return Response.json({ error: refusal.message }, { status, headers })
}

/** Answers a refusal with an error response (status and sentence) for the error boundary. */
export function throwRefusal(refusal: DomainError): never {
  throw data(refusal.message, refusalStatus(refusal))
}

/**
 * Asserts what a loader or action needs (the event, the session, the person's meeting): when it is
 * missing, the page answers 404 (or the given status) instead of a hand-written throw.
 */
export function invariantResponse(condition: unknown, message = 'Not found', status: 400 | 403 | 404 | 409 = 404): asserts condition {
  if (!condition) throw data(message, { status })
}
