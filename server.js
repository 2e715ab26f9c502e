// Production HTTP server: static assets, then every other request to React Router.
// Started by `npm start` (scripts/start.ts) after migrations, seeding and the build.
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'

const port = Number(process.env.PORT ?? 3000)
const build = await import('./build/server/index.js')

const app = express()
app.disable('x-powered-by')
app.use(compression())
// Fingerprinted assets never change under the same name.
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))
app.use(createRequestHandler({ build, mode: process.env.NODE_ENV }))

const server = app.listen(port, () => {
  console.log(`Muster is serving on http://localhost:${port}`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
  })
}
