// /healthz's report of the event loop: read at most ten times a second however often it is
// asked (a rush's balancers and monitors, a benchmark), and a block since the reading before
// shows in the next one.
import { describe, expect, it } from 'vitest'
import { checkProcess } from '#app/lib/health.server.ts'

function blockEventLoop(ms: number) {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy on purpose: the loop cannot turn.
  }
}

describe('the liveness report', () => {
  it('shares one reading of the event loop between checks close together, and reports a block in the next reading', async () => {
    await new Promise((resolve) => setTimeout(resolve, 150))
    const first = checkProcess()
    expect(first).toMatchObject({ status: 'ok', seatWrites: expect.any(Object) })
    expect(checkProcess().eventLoopDelayMs).toBe(first.eventLoopDelayMs)
    // At once after a reading: monitorEventLoopDelay lost such a block when it was reset.
    blockEventLoop(150)
    await new Promise((resolve) => setTimeout(resolve, 150))
    const next = checkProcess()
    expect(next.eventLoopDelayMs).not.toBe(first.eventLoopDelayMs)
    expect(next.eventLoopDelayMs.max).toBeGreaterThanOrEqual(100)
    expect(next.eventLoopDelayMs.p50).toBeLessThanOrEqual(next.eventLoopDelayMs.max)
  })
})
