// The admission gate in front of seat-taking writes: a few run at once, the rest wait in order,
// and whoever cannot get in within the bound is told to retry instead of waiting forever.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AdmissionRefused, createAdmissionGate } from '#app/lib/admission.server.ts'

function deferred() {
  let release!: () => void
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}

/** Lets the event loop turn a few times: the gate admits one waiting run per turn. */
async function turns(count = 10) {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve))
}

afterEach(() => {
  vi.useRealTimers()
})

describe('admission gate', () => {
  it('runs at most `concurrency` at once and admits the waiting in the order they came', async () => {
    const gate = createAdmissionGate({ concurrency: 2, maxWaiting: 10, maxWaitMs: 10_000 })
    const blockers = Array.from({ length: 5 }, deferred)
    const started: number[] = []
    let running = 0
    let mostAtOnce = 0
    const runs = blockers.map((blocker, index) =>
      gate.run(async () => {
        started.push(index)
        running++
        mostAtOnce = Math.max(mostAtOnce, running)
        await blocker.promise
        running--
        return index
      }),
    )
    await turns()
    expect(gate.load).toEqual({ running: 2, waiting: 3 })
    // Release in reverse order: the line still moves first come, first served.
    for (const blocker of [...blockers].reverse()) blocker.release()
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4])
    expect(started).toEqual([0, 1, 2, 3, 4])
    expect(mostAtOnce).toBe(2)
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
  })

  it('refuses at once when the line is full, with a time to retry', async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxWaiting: 1, maxWaitMs: 6_000 })
    const blocker = deferred()
    const first = gate.run(() => blocker.promise)
    await turns()
    const second = gate.run(() => Promise.resolve('second'))
    const refused = await gate.run(() => Promise.resolve('third')).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AdmissionRefused)
    expect((refused as AdmissionRefused).retryAfterSeconds).toBe(2)
    blocker.release()
    await first
    expect(await second).toBe('second')
  })

  it('refuses whoever waited longer than the bound, and the line goes on without them', async () => {
    // Only the wait's bound is faked; admissions still take their real turns of the event loop.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const gate = createAdmissionGate({ concurrency: 1, maxWaiting: 5, maxWaitMs: 1_000 })
    const blocker = deferred()
    const first = gate.run(() => blocker.promise)
    await turns()
    const late = gate.run(() => Promise.resolve('late')).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(999)
    expect(gate.load.waiting).toBe(1)
    const next = gate.run(() => Promise.resolve('next'))
    await vi.advanceTimersByTimeAsync(1)
    expect(await late).toBeInstanceOf(AdmissionRefused)
    expect(gate.load).toEqual({ running: 1, waiting: 1 })
    blocker.release()
    await first
    expect(await next).toBe('next')
  })

  it('frees the place of a run that failed', async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxWaiting: 5, maxWaitMs: 1_000 })
    await expect(gate.run(() => Promise.reject(new Error('the write failed')))).rejects.toThrow('the write failed')
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
    expect(await gate.run(() => Promise.resolve('after'))).toBe('after')
  })

  it('admits one run per turn of the event loop, so runs that finish synchronously let other work in between', async () => {
    // On SQLite a registration's queries settle as microtasks: without a turn between admissions a
    // rush would run every registration before a single health check was answered.
    const gate = createAdmissionGate({ concurrency: 6, maxWaiting: 100, maxWaitMs: 10_000 })
    let finished = 0
    const runs = Array.from({ length: 30 }, () =>
      gate.run(async () => {
        finished++
      }),
    )
    const finishedWhenOtherWorkRan = await new Promise<number>((resolve) => setImmediate(() => resolve(finished)))
    expect(finishedWhenOtherWorkRan).toBeLessThanOrEqual(1)
    await Promise.all(runs)
    expect(finished).toBe(30)
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
  })
})
