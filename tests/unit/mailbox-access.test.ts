// Who may read the development mailbox (app/lib/mailbox-access.server.ts): clients on this
// machine while mail is captured; nobody else unless the operator opted in; nobody when the
// server did not say who the client is (outside `react-router dev`).
import { describe, expect, it } from 'vitest'
import { isLoopbackAddress, mayReadMailbox } from '#app/lib/mailbox-access.server.ts'

describe('the development mailbox', () => {
  it('knows loopback addresses in every spelling', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true)
    for (const address of ['10.0.0.5', '192.0.2.2', '::ffff:10.0.0.5', 'fd00::2', '', '127.0.0.1.evil', '1270.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(false)
    }
  })

  it('answers loopback clients only, fails closed on an unknown client, and opens only by opt-in', () => {
    const closed = { allowRemote: false, development: false }
    expect(mayReadMailbox('127.0.0.1', closed)).toBe(true)
    expect(mayReadMailbox('::1', closed)).toBe(true)
    expect(mayReadMailbox('192.0.2.2', closed)).toBe(false)
    expect(mayReadMailbox(null, closed)).toBe(false)
    expect(mayReadMailbox('', closed)).toBe(false)
    expect(mayReadMailbox('192.0.2.2', { allowRemote: true, development: false })).toBe(true)
    expect(mayReadMailbox(null, { allowRemote: false, development: true })).toBe(true)
  })
})
