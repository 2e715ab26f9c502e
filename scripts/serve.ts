// What `npm start` leaves running: this small supervisor and the server under it. It is bundled
// into build/serve.js by scripts/start.ts and run by plain Node, so no TypeScript loader (tsx,
// about 240 MB) stays in memory beside the server for the life of the event.
import { supervise } from './supervise.ts'

/**
 * The server's memory settings (docs/decisions/017-server-memory.md): left alone, V8 lets its
 * heap grow to about 400 MB under load while 100 to 200 MB of it is in use, and glibc keeps
 * up to eight allocation arenas per core. A bounded old generation, small young generation
 * and two arenas keep the 5,000-attendee demo under 300 MB (bench/memory.ts). NODE_OPTIONS or
 * MALLOC_ARENA_MAX set by the operator win.
 */
const operatorOptions = process.env.NODE_OPTIONS ?? ''
const memoryFlags = [
  ...(operatorOptions.includes('--max-old-space-size') ? [] : ['--max-old-space-size=256']),
  ...(operatorOptions.includes('--max-semi-space-size') ? [] : ['--max-semi-space-size=4']),
]

// The server is restarted if it dies: one crash must not take the event offline.
const server = supervise(process.execPath, [...memoryFlags, 'server.js'], {
  stdio: 'inherit',
  env: { MALLOC_ARENA_MAX: '2', ...process.env, NODE_ENV: 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await server.stop(signal)
    process.exit(0)
  })
}
