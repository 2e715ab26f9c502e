// Structured logs: one JSON line per event on stdout (pino), each with the request id server.js
// gives every request, so an operator can follow one request and a log collector can alert on
// security events (sign-ins, wrong codes, rate limits, refused access, sensitive reads).
import { createHash } from 'node:crypto'
import pino from 'pino'
import { env } from './env.server.ts'
import { clientInfo, requestIdOf } from './request.server.ts'

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: 'muster' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
})

export type SecurityEvent =
  | 'sign-in.requested'
  | 'sign-in.rate-limited'
  | 'sign-in.succeeded'
  | 'sign-in.failed'
  | 'access.refused'
  | 'cross-site.refused'
  | 'form.refused'
  | 'vetting-record.viewed'
  | 'export.downloaded'

/** Refusals and failures are warnings (what an alert watches); the rest is information. */
const warnings = new Set<SecurityEvent>(['sign-in.rate-limited', 'sign-in.failed', 'access.refused', 'cross-site.refused', 'form.refused'])

export function logSecurityEvent(request: Request, event: SecurityEvent, fields: Record<string, unknown> = {}) {
  const entry = {
    event,
    requestId: requestIdOf(request),
    clientAddress: clientInfo(request).ipAddress,
    method: request.method,
    // The path only: query strings can carry sign-in tokens.
    path: pathForLog(new URL(request.url).pathname),
    ...fields,
  }
  if (warnings.has(event)) logger.warn(entry, event)
  else logger.info(entry, event)
}

/**
 * A request path as logs carry it: the secret that is the whole key of a calendar feed or an
 * unsubscribe link is left out (anyone who reads the log could otherwise use it).
 */
export function pathForLog(pathname: string) {
  return pathname.replace(/^\/calendar\/feeds\/[^/]*$/, '/calendar/feeds/[secret].ics').replace(/^\/unsubscribe\/[^/]*$/, '/unsubscribe/[secret]')
}

/** An email address as logs carry it: the same person is recognisable, the address is not in the log. */
export function emailFingerprint(email: string) {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)
}
