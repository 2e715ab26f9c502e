// React Router's default Node streaming entry (bots and SPA mode wait for all content), plus
// startBackgroundWork: server.js calls it once after loading the build, so every production
// instance runs the email outbox worker, the meeting request expiry and the retention purge
// beside its HTTP server (all safe with many instances: they claim rows in the database). `react-router dev`
// does not call it; captured mail is shown on the development mailbox whatever its status.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from 'react-dom/server'
import { ServerRouter, type EntryContext } from 'react-router'
import { renderQueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { stoppedEventMessages } from '#app/domain/event-messages/event-messages.server.ts'
import { expireMeetingRequests, startMeetingRequestExpiry } from '#app/domain/meetings/request-expiry.server.ts'
import { purgeExpiredPersonalData, startRetentionPurge } from '#app/domain/privacy/retention.server.ts'
import { databaseProvider, db } from '#app/lib/db.server.ts'
import { claimSqliteFile } from '#app/lib/sqlite-instance-lock.server.ts'
import { env } from '#app/lib/env.server.ts'
import { logger, pathForLog } from '#app/lib/log.server.ts'
import { isLoopbackAddress } from '#app/lib/mailbox-access.server.ts'
import { NonceContext } from '#app/lib/nonce.tsx'
import { carriesTokens, contentSecurityPolicy, mustNotBeStored, staticSecurityHeaders } from '#app/lib/security-headers.server.ts'
import { SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import type { CalendarAnswer, CalendarConditions } from '#app/lib/calendar-http.server.ts'
import { answerPolledFeed, polledFeedAt } from '#app/routes/calendar/polled-feeds.server.ts'
import { createMailTransport } from '#app/lib/mail-transport.server.ts'
import { startOutboxWorker } from '#app/lib/outbox.server.ts'
import { warmUp as warmUpInstance } from '#app/lib/warm-up.server.ts'
import { seatWritesLoad } from '#app/lib/admission.server.ts'

export const streamTimeout = 5_000

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, routerContext: EntryContext) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders })
  }

  const nonce = randomBytes(16).toString('base64')
  // Vite's development server injects inline scripts of its own; the policy guards production.
  if (process.env.NODE_ENV === 'production') responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce))

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const userAgent = request.headers.get('user-agent')
    // Bots and SPA-mode renders get the whole document at once.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'

    // Abort after streamTimeout, leaving time to flush the rejected boundaries.
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000)

    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId)
              timeoutId = undefined
              callback()
            },
          })
          const stream = createReadableStreamFromReadable(body)
          responseHeaders.set('Content-Type', 'text/html')
          pipe(body)
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }))
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell rejects above and React Router logs them; log only later ones.
          if (shellRendered) console.error(error)
        },
      },
    )
  })
}

/** Starts this instance's background work; resolves the returned function once it has stopped. */
export function startBackgroundWork(): () => Promise<void> {
  const transport = createMailTransport()
  const outboxWorker = startOutboxWorker(db, {
    transport,
    render: renderQueuedEmail,
    unwanted: (messages) => stoppedEventMessages(db, messages),
    // Registrations waiting for a seat come first; their emails follow in small batches.
    foregroundBusy: () => seatWritesLoad().waiting > 0,
  })
  const requestExpiry = startMeetingRequestExpiry(db)
  const retentionPurge = startRetentionPurge(db)
  return async () => {
    await Promise.all([outboxWorker.stop(), requestExpiry.stop(), retentionPurge.stop()])
    transport.close()
  }
}

/** Liveness, answered by server.js ahead of compression, static files and the router (app/lib/health.server.ts). */
export { checkProcess } from '#app/lib/health.server.ts'
/**
 * The calendar feeds apps poll, answered by server.js ahead of the router
 * (app/routes/calendar/polled-feeds.server.ts), with the headers the root's middleware gives
 * the same answers under the router. Null when the path names no polled feed.
 */
export async function answerPolledFeedRequest(
  pathname: string,
  request: CalendarConditions & { cookie: string | null; requestId: string },
): Promise<CalendarAnswer | null> {
  const address = polledFeedAt(pathname)
  if (!address) return null
  let answer: CalendarAnswer
  try {
    answer = await answerPolledFeed(address, request)
  } catch (error) {
    // What React Router's handler does with a loader's error, in a calendar app's terms: logged with the request, a plain 500.
    logger.error({ event: 'calendar.feed-failed', requestId: request.requestId, path: pathForLog(pathname), err: error }, 'calendar feed failed')
    return { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: 'Something went wrong\n' }
  }
  if (mustNotBeStored(pathname, request.cookie, SESSION_COOKIE_NAME)) answer.headers['Cache-Control'] = 'private, no-store'
  if (carriesTokens(pathname)) answer.headers['Referrer-Policy'] = 'no-referrer'
  return answer
}

/**
 * Awaited by server.js before it listens (app/lib/warm-up.server.ts), with a pass of each periodic
 * job: their first queries compile Prisma's plans for them (9 to 48 ms each, measured), which
 * would otherwise land in the first requests of an instance started to take a registration
 * rush. The jobs run again when startBackgroundWork starts them, at no cost to speak of.
 */
export function warmUp() {
  return warmUpInstance(() => Promise.all([expireMeetingRequests(db), purgeExpiredPersonalData(db)]))
}

/** One JSON line per HTTP request, for server.js; asset and health-check requests only at debug level. */
export function logHttpRequest(entry: { requestId: string; method: string; path: string; status: number; durationMs: number; clientAddress: string | null }) {
  const quiet = entry.path.startsWith('/assets/') || entry.path === '/healthz' || entry.path === '/readyz' || entry.path === '/favicon.svg'
  logger[quiet ? 'debug' : 'info']({ event: 'http.request', ...entry, path: pathForLog(entry.path) }, 'request')
}

/**
 * Called by server.js before it listens: on SQLite, claims the database file for this server
 * (one server per file); returns the function that lets it go at shutdown.
 */
export function claimDatabase(): () => void {
  if (databaseProvider() !== 'sqlite') return () => {}
  return claimSqliteFile(path.resolve(env.DATABASE_URL.replace(/^file:/, '')))
}

/** What server.js needs from the validated environment: where to listen, and what to say at boot. */
export function serverSettings() {
  const notices: string[] = []
  if (env.mailCaptured) {
    notices.push(
      env.mailboxAllowRemote
        ? 'Mail is captured (SMTP_URL unset); DEV_MAILBOX_ALLOW_REMOTE=true serves the development mailbox, with every sign-in code, to ANY client that reaches this server.'
        : 'Mail is captured (SMTP_URL unset); the development mailbox at /dev/mailbox answers clients on this machine only.',
    )
  }
  if (env.APP_URL.startsWith('https:') && !env.TRUST_PROXY) {
    notices.push('APP_URL is https but TRUST_PROXY is unset: behind a TLS proxy every form post would be refused as cross-site. Set TRUST_PROXY (see docs/security.md).')
  }
  if (!isLoopbackAddress(env.HOST) && env.HOST !== 'localhost') notices.push(`Listening on ${env.HOST}: reachable from other machines.`)
  return { host: env.HOST, port: env.PORT, trustProxy: env.TRUST_PROXY ?? null, headers: staticSecurityHeaders(), notices }
}
