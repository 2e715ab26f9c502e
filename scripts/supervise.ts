// Keeps a child process running: when it dies on its own (a crash, an out-of-memory abort), says
// why and starts it again after a pause that doubles while it keeps dying young (1 s to 30 s).
// A child that ran a minute counts as healthy again. Signals sent to the supervisor are passed
// on, and then the supervisor exits with the child.
import { spawn, type SpawnOptions } from 'node:child_process'

export type SupervisorOptions = {
  /** Called with one line for every exit and restart. */
  log?: (line: string) => void
  minDelayMs?: number
  maxDelayMs?: number
  /** A run at least this long resets the delay. */
  healthyAfterMs?: number
}

export function supervise(command: string, args: string[], spawnOptions: SpawnOptions, options: SupervisorOptions = {}) {
  const log = options.log ?? ((line: string) => console.error(line))
  const minDelayMs = options.minDelayMs ?? 1_000
  const maxDelayMs = options.maxDelayMs ?? 30_000
  const healthyAfterMs = options.healthyAfterMs ?? 60_000
  let delayMs = minDelayMs
  let stopping = false
  let restarts = 0
  let exited = Promise.resolve()
  let child = start()

  function start() {
    const startedAt = Date.now()
    const current = spawn(command, args, spawnOptions)
    exited = new Promise((resolve) => {
      current.on('exit', (code, signal) => {
        resolve()
        if (stopping) return
        const ranMs = Date.now() - startedAt
        if (ranMs >= healthyAfterMs) delayMs = minDelayMs
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`
        log(`${JSON.stringify({ level: 'error', msg: 'server stopped', why, ranMs, restartInMs: delayMs, time: new Date().toISOString() })}`)
        setTimeout(() => {
          if (stopping) return
          restarts++
          child = start()
        }, delayMs).unref()
        delayMs = Math.min(delayMs * 2, maxDelayMs)
      })
    })
    return current
  }

  return {
    get restarts() {
      return restarts
    },
    get pid() {
      return child.pid
    },
    /** Stops supervising and passes the signal on; resolves when the child has exited. */
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      stopping = true
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}
