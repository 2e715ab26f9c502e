// What `npm start` leaves running: this small supervisor and the server under it. It is bundled
// into build/serve.js by scripts/start.ts and run by plain Node, so no TypeScript loader (tsx,
// about 240 MB) stays in memory beside the server for the life of the event.
import { serverEnvironment, serverNodeArguments } from './server-process.ts'
import { supervise } from './supervise.ts'

// The server is restarted if it dies: one crash must not take the event offline.
const server = supervise(process.execPath, serverNodeArguments(), { stdio: 'inherit', env: serverEnvironment() })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await server.stop(signal)
    process.exit(0)
  })
}
