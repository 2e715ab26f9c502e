// The warm-up server.js awaits before it listens: whatever the one-off work does (succeeds,
// fails, hangs, fails late), the server goes on to listen, and nothing is left unhandled.
import { describe, expect, it } from 'vitest'
import { settleWithin } from '#app/lib/warm-up.server.ts'

describe('the warm-up before the first request', () => {
  it('says done when the work succeeds', async () => {
    expect(await settleWithin(async () => 'compiled', 1_000)).toBe('done')
  })

  it('gives the error when the work fails, as when the database is down, instead of throwing', async () => {
    const outcome = await settleWithin(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), 1_000)
    expect(outcome).toBeInstanceOf(Error)
    expect((outcome as Error).message).toBe('connect ECONNREFUSED 127.0.0.1:5432')
    expect(await settleWithin(() => {
      throw new Error('thrown before any promise')
    }, 1_000)).toEqual(new Error('thrown before any promise'))
  })

  it('stops waiting at the limit, and a failure after it is not an unhandled rejection', async () => {
    let fail!: (error: Error) => void
    const started = performance.now()
    expect(await settleWithin(() => new Promise((_resolve, reject) => (fail = reject)), 50)).toBe('late')
    expect(performance.now() - started).toBeLessThan(1_000)
    // vitest fails the run on an unhandled rejection: this one must be handled.
    fail(new Error('the database answered at last, with an error'))
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
})
