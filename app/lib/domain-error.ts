// The one shape of a refusal from the domain: a reason (which fixes the HTTP status), a sentence
// for the person, the form field it belongs next to, and, where a caller must tell refusals of
// the same reason apart, a code. Callers branch on reason and code, never on the wording.
// Errors that mean a bug (input the caller must never send) stay plain Errors: they are 500s.

/** Every reason a domain function refuses, and the status a page answers with for it. */
export const DOMAIN_ERROR_STATUS = {
  /** The input breaks a rule the form could not check (a time that does not exist, an unknown option). */
  invalid: 400,
  /** The person may not do this to this thing. */
  forbidden: 403,
  /** The thing does not exist, or not in this event, or not for this person. */
  'not-found': 404,
  /** The thing's state does not allow it now (already cancelled, someone else changed it, a clash). */
  conflict: 409,
  /** A window that is not open (registration, booking, sign-up). */
  closed: 409,
  /** A capacity or a per-person limit is reached. */
  limit: 409,
  /** Nothing was written because too much was happening at once; the same request a little later should go through. */
  busy: 503,
} as const

export type DomainErrorReason = keyof typeof DOMAIN_ERROR_STATUS

export type DomainErrorOptions<Code extends string> = {
  /** The form field the message belongs next to, e.g. "endTime" or "items[2].capabilityId". */
  field?: string | null
  /** Tells refusals of one reason apart where a caller answers them differently. */
  code?: Code | null
}

export class DomainError<Code extends string = string> extends Error {
  override name = 'DomainError'
  readonly field: string | null
  readonly code: Code | null

  constructor(
    readonly reason: DomainErrorReason,
    message: string,
    options: DomainErrorOptions<Code> = {},
  ) {
    super(message)
    this.field = options.field ?? null
    this.code = options.code ?? null
  }

  get status() {
    return DOMAIN_ERROR_STATUS[this.reason]
  }
}

/** True for a refusal of one of these reasons; anything else (a bug, a database failure) is not. */
export function isDomainError(error: unknown, ...reasons: DomainErrorReason[]): error is DomainError {
  return error instanceof DomainError && (reasons.length === 0 || reasons.includes(error.reason))
}
