// Production HTTP server: static assets, then every other request to React Router.
// Started by `npm start` (scripts/start.ts) after migrations, seeding and the build.
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'

const port = Number(process.env.PORT ?? 3000)
const build = await import('./build/server/index.js')

const app = express()
app.disable('x-powered-by')
// Behind a reverse proxy, TRUST_PROXY (e.g. 1 or "loopback") lets req.ip read X-Forwarded-For.
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
// The app rate-limits by client address; only this server may say what it is.
app.use((req, _res, next) => {
  req.headers['x-muster-client-address'] = req.ip ?? req.socket.remoteAddress ?? ''
  next()
})
app.use(compression())
// Fingerprinted assets never change under the same name.
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))
app.use(createRequestHandler({ build, mode: process.env.NODE_ENV }))

const server = app.listen(port, () => {
  console.log(`Muster is serving on http://localhost:${port}`)
})
// The email outbox worker and the meeting request expiry (app/entry.server.tsx) run in every instance.
const stopBackgroundWork = build.entry.module.startBackgroundWork?.()

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await Promise.all([new Promise((resolve) => server.close(resolve)), stopBackgroundWork?.()])
    process.exit(0)
  })
}
