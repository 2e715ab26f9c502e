// CPU work the event loop must not wait for (rendering the outbox's emails) runs in a worker
// thread that answers one request per message: the main thread posts the input and awaits the
// answer, so /healthz and the pages keep answering while a batch renders
// (docs/decisions/033-email-render-thread.md). The thread's script calls answerRequests; the
// main thread calls startRequestThread with that script's built file.
import { existsSync, readlinkSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parentPort, Worker, workerData } from 'node:worker_threads'

type Answer<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; message: string }

/** In the thread's script: answers each posted request with `handle`, concurrently, in order of arrival. */
export function answerRequests<Input, Result>(handle: (input: Input) => Promise<Result>) {
  const port = parentPort
  if (!port) throw new Error('answerRequests runs in a worker thread, not the main thread.')
  lowerThisThreadsPriority((workerData as { niceness: number }).niceness)
  port.on('message', ({ id, input }: { id: number; input: Input }) => {
    handle(input).then(
      (result) => port.postMessage({ id, ok: true, result } satisfies Answer<Result>),
      (error: unknown) => port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Answer<Result>),
    )
  })
}

/**
 * On Linux a thread has its own scheduling priority: setpriority with the thread's id changes it
 * alone. Elsewhere, or where /proc is not mounted, the thread keeps the process's priority.
 */
function lowerThisThreadsPriority(niceness: number) {
  let threadId: number
  try {
    threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
  } catch {
    return
  }
  os.setPriority(threadId, niceness)
}

export type RequestThread<Input, Result> = {
  /** The thread's answer; rejects with the thread's error, or if the thread stops before answering. */
  call(input: Input): Promise<Result>
  /** Requests not yet answered. */
  readonly pending: number
  /** Whether a thread is running now (it starts at a call and ends once idle). */
  readonly running: boolean
  /** Ends the thread; requests not yet answered reject, later ones too. */
  stop(): Promise<void>
}

export type RequestThreadOptions = {
  /** Names the thread in errors, e.g. "email render". */
  name: string
  /** Bounds the thread's heap; past it the thread stops, its requests reject, and the next call starts a new one. */
  maxOldGenerationSizeMb: number
  /** A thread with nothing to answer for this long ends, and gives back its memory; the next call starts another. */
  idleStopMs: number
  /**
   * The thread's nice value (0 is the process's, 19 the lowest priority): a background thread
   * takes the CPU the requests leave, and never a core they wait for.
   */
  niceness: number
}

/**
 * Starts the thread at the first call and ends it once idle. A thread that dies (out of memory,
 * a crash) rejects what it was asked and is started again by the next call; the caller decides
 * what a rejection means (the outbox retries the message later).
 */
export function startRequestThread<Input, Result>(script: URL, options: RequestThreadOptions): RequestThread<Input, Result> {
  // Fails at start rather than at the first email: a build without the thread's file cannot send mail.
  if (!existsSync(fileURLToPath(script))) throw new Error(`The ${options.name} thread's script ${fileURLToPath(script)} is missing: run npm run build.`)
  const waiting = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>()
  let nextId = 1
  let worker: Worker | null = null
  let idleTimer: NodeJS.Timeout | undefined
  let stopped = false

  const rejectAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }

  const endWhenIdle = () => {
    clearTimeout(idleTimer)
    if (waiting.size > 0 || !worker) return
    const idle = worker
    idleTimer = setTimeout(() => {
      if (worker !== idle || waiting.size > 0) return
      worker = null
      void idle.terminate()
    }, options.idleStopMs)
    idleTimer.unref()
  }

  const start = () => {
    const started = new Worker(script, {
      name: options.name,
      workerData: { niceness: options.niceness },
      resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
    })
    started.on('message', (answer: Answer<Result>) => {
      const caller = waiting.get(answer.id)
      if (!caller) return
      waiting.delete(answer.id)
      if (answer.ok) caller.resolve(answer.result)
      else caller.reject(new Error(answer.message))
      endWhenIdle()
    })
    const ended = (reason: string) => {
      if (worker !== started) return
      worker = null
      rejectAll(new Error(`The ${options.name} thread stopped before answering: ${reason}`))
    }
    started.on('error', (error) => ended(error.message))
    started.on('exit', (code) => ended(`exit code ${code}`))
    return started
  }

  return {
    call(input) {
      if (stopped) return Promise.reject(new Error(`The ${options.name} thread has been stopped.`))
      clearTimeout(idleTimer)
      worker ??= start()
      const id = nextId++
      const answer = new Promise<Result>((resolve, reject) => waiting.set(id, { resolve, reject }))
      worker.postMessage({ id, input })
      return answer
    },
    get pending() {
      return waiting.size
    },
    get running() {
      return worker !== null
    },
    async stop() {
      stopped = true
      clearTimeout(idleTimer)
      const running = worker
      worker = null
      rejectAll(new Error(`The ${options.name} thread has been stopped.`))
      await running?.terminate()
    },
  }
}
