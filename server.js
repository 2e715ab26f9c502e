// Production HTTP server: static assets, then every other request to React Router.
// Started by `npm start` (scripts/start.ts) after migrations, seeding and the build.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'

// A crash says why in one JSON line before the process ends; the supervisor (scripts/supervise.ts, run by npm start,
// or systemd's Restart=) starts it again.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    console.error(JSON.stringify({ level: 'fatal', msg: event, error: error instanceof Error ? error.stack : String(error), time: new Date().toISOString() }))
    process.exit(1)
  })
}

const build = await import('./build/server/index.js')
// Host, port and proxy settings come from the app's validated environment (app/lib/env.server.ts).
const settings = build.entry.module.serverSettings()
// On SQLite one server per database file: a second one says why and stops.
let releaseDatabase
try {
  releaseDatabase = build.entry.module.claimDatabase()
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}

/** No form is near this; app/lib/form.server.ts holds each form to a much smaller limit. */
const MAX_BODY_BYTES = 1024 * 1024
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST'])

const app = express()
app.disable('x-powered-by')
// Behind a reverse proxy, TRUST_PROXY (e.g. 1 or "loopback") lets req.ip read X-Forwarded-For.
if (settings.trustProxy) app.set('trust proxy', settings.trustProxy)
// Every request gets an id, sent back as X-Request-Id and written on each log line about it.
// Just before the head goes out: the security headers the response did not set itself (a page
// may choose a stricter Referrer-Policy), and how long the server took (Server-Timing).
app.use((req, res, next) => {
  const requestId = randomUUID()
  req.headers['x-muster-request-id'] = requestId
  res.setHeader('X-Request-Id', requestId)
  const started = performance.now()
  const writeHead = res.writeHead
  res.writeHead = function (...args) {
    for (const [name, value] of Object.entries(settings.headers)) if (!res.hasHeader(name)) res.setHeader(name, value)
    res.setHeader('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`)
    return writeHead.apply(this, args)
  }
  res.on('finish', () => {
    build.entry.module.logHttpRequest({
      requestId,
      method: req.method,
      path: req.path,
      status: res.statusCode,
      durationMs: Math.round(performance.now() - started),
      clientAddress: req.ip ?? null,
    })
  })
  next()
})
// Refused before anything reads them: methods the app has no use for (TRACE, PUT, …) and
// bodies over the limit, so no route ever buffers or parses them.
app.use((req, res, next) => {
  if (!ALLOWED_METHODS.has(req.method)) {
    res.status(405).set('Allow', 'GET, HEAD, POST').type('text/plain').send('Method not allowed')
    return
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    res.status(413).set('Connection', 'close').type('text/plain').send('Request body too large')
    return
  }
  next()
})
// Liveness first: nothing in front of it but the request id, so a load balancer's check costs one
// turn of the event loop even while a rush keeps the rest of the instance busy. The router's
// /healthz route answers the same under `react-router dev`.
app.get('/healthz', (_req, res) => {
  res.set('Cache-Control', 'no-store').json(build.entry.module.checkProcess())
})
// The calendar feeds that apps poll every few minutes for every subscriber are answered next, ahead
// of the router: the same answer (app/routes/calendar/polled-feeds.server.ts), without building a
// Fetch request and matching routes. Most polls are a 304, which has no body to compress and goes
// out at once; a full feed waits for compression below. Anything else goes on to the router.
app.use(async (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next()
  const answer = await build.entry.module.answerPolledFeedRequest(req.path, {
    ifNoneMatch: req.headers['if-none-match'] ?? null,
    ifModifiedSince: req.headers['if-modified-since'] ?? null,
    cookie: req.headers.cookie ?? null,
    requestId: req.headers['x-muster-request-id'],
  })
  if (!answer) return next()
  if (answer.body !== null) {
    res.locals.polledFeedAnswer = answer
    return next()
  }
  res.writeHead(answer.status, answer.headers)
  res.end()
})
// The app rate-limits by client address; only this server may say what it is.
app.use((req, _res, next) => {
  req.headers['x-muster-client-address'] = req.ip ?? req.socket.remoteAddress ?? ''
  next()
})
app.use(compression())
// A full polled feed (answered above) goes out here, after compression.
app.use((_req, res, next) => {
  const answer = res.locals.polledFeedAnswer
  if (!answer) return next()
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) })
  res.end(answer.body)
})
// Fingerprinted assets never change under the same name.
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
// build/client holds a few files at its top (the favicon) beside the assets: only paths that start
// with one of them go to the file system, so every page and feed skips a stat that would fail.
const publicFileNames = new Set(fs.readdirSync('build/client'))
const servePublicFile = express.static('build/client', { maxAge: '1h' })
app.use((req, res, next) => (publicFileNames.has(req.path.split('/')[1]) ? servePublicFile(req, res, next) : next()))
app.use(createRequestHandler({ build, mode: process.env.NODE_ENV }))

// Stopping releases the SQLite lock whenever it comes, also during the warm-up below (up to 10 s):
// a deploy that stops a server as it starts leaves no lock behind for the next one to wait out.
let server
let stopBackgroundWork
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await Promise.all([server ? new Promise((resolve) => server.close(resolve)) : undefined, stopBackgroundWork?.()])
    releaseDatabase()
    process.exit(0)
  })
}

// The one-off work of the first query and the first email, before any request can wait behind it.
await build.entry.module.warmUp()
server = app.listen(settings.port, settings.host, () => {
  console.log(`Muster is serving on http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`)
  for (const notice of settings.notices) console.log(notice)
})
// The email outbox worker and the meeting request expiry (app/entry.server.tsx) run in every instance.
stopBackgroundWork = build.entry.module.startBackgroundWork?.()
