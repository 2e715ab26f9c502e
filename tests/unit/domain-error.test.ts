// One refusal shape: its reason fixes the status, its field places the message, and anything
// that is not a refusal passes through untouched (a bug stays a 500).
import { describe, expect, it } from 'vitest'
import { DOMAIN_ERROR_STATUS, DomainError, isDomainError } from '#app/lib/domain-error.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal, throwRefusal } from '#app/lib/domain-error.server.ts'

/** A stand-in for a Conform submission: records the reply it was asked for. */
function submissionOf(payload: Record<string, unknown>) {
  return { payload, reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => options ?? {} }
}

function caught(run: () => unknown) {
  try {
    run()
  } catch (thrown) {
    return thrown
  }
  throw new Error('nothing was thrown')
}

describe('DomainError', () => {
  it('maps every reason to one status', () => {
    expect(DOMAIN_ERROR_STATUS).toEqual({ invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409, closed: 409, limit: 409, busy: 503 })
    expect(new DomainError('limit', 'Full', { code: 'full' })).toMatchObject({ status: 409, code: 'full', field: null, name: 'DomainError' })
    expect(refusalStatus(new DomainError('forbidden', 'No'))).toEqual({ status: 403 })
    expect(refusalStatus(new DomainError('busy', 'Later'))).toEqual({ status: 503, headers: { 'Retry-After': '5' } })
  })

  it('tells refusals of given reasons from everything else', () => {
    const conflict = new DomainError('conflict', 'Taken')
    expect(isDomainError(conflict)).toBe(true)
    expect(isDomainError(conflict, 'conflict', 'limit')).toBe(true)
    expect(isDomainError(conflict, 'not-found')).toBe(false)
    expect(isDomainError(new Error('Taken'))).toBe(false)
  })

  it('lets a catch block handle refusals only', () => {
    const refusal = new DomainError('invalid', 'Bad')
    expect(refusalOf(refusal)).toBe(refusal)
    const bug = new TypeError('undefined is not a function')
    expect(caught(() => refusalOf(bug))).toBe(bug)
  })

  it('turns a database that could not take the write in time into a busy refusal, and nothing else the database says', () => {
    // Prisma's errors as they arrive (app/lib/db-client.server.ts, isDatabaseBusy): SQLite's lock held past the busy timeout, at BEGIN and at a statement; no transaction slot within maxWait.
    const adapterError = (code: string, originalCode: string) => Object.assign(new Error('Operation has timed out'), { code, meta: { driverAdapterError: { cause: { originalCode, kind: 'SocketTimeout' } } } })
    const busy = [
      adapterError('P1008', 'SQLITE_BUSY'),
      adapterError('P2010', 'SQLITE_BUSY'),
      adapterError('P2010', 'SQLITE_BUSY_SNAPSHOT'),
      Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' }),
    ]
    for (const error of busy) {
      expect(refusalOf(error)).toMatchObject({ reason: 'busy', status: 503, code: 'database-busy', message: 'Muster is very busy at this moment, so this was not done. Please send it again in a few seconds.' })
    }
    const notBusy = [
      adapterError('P2010', 'SQLITE_CONSTRAINT_UNIQUE'),
      // One connection's own tables locked against itself is a bug, not a crowd.
      adapterError('P2010', 'SQLITE_LOCKED'),
      Object.assign(new Error('Transaction already closed: the timeout for this transaction was 5000 ms'), { code: 'P2028' }),
      Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
    ]
    for (const error of notBusy) expect(caught(() => refusalOf(error))).toBe(error)
  })

  it('puts the message next to a field the form sent, nested ones included', () => {
    const submission = submissionOf({ slotId: 's1', items: [{ title: 'a' }, { title: 'b' }, { title: 'c' }] })
    expect(replyWithRefusal(submission, new DomainError('conflict', 'Gone', { field: 'slotId' }))).toEqual({ fieldErrors: { slotId: ['Gone'] } })
    expect(replyWithRefusal(submission, new DomainError('invalid', 'Not yours', { field: 'items[2].title' }))).toEqual({ fieldErrors: { 'items[2].title': ['Not yours'] } })
  })

  it('puts it above the form when there is no field, or one the form did not send, unless the form shows it anyway', () => {
    const submission = submissionOf({ slotId: 's1', items: [{ title: 'a' }] })
    expect(replyWithRefusal(submission, new DomainError('conflict', 'Answered already'))).toEqual({ formErrors: ['Answered already'] })
    expect(replyWithRefusal(submission, new DomainError('invalid', 'Pick a table', { field: 'tableId' }))).toEqual({ formErrors: ['Pick a table'] })
    expect(replyWithRefusal(submission, new DomainError('invalid', 'No such post', { field: 'items[5].title' }))).toEqual({ formErrors: ['No such post'] })
    expect(replyWithRefusal(submission, new DomainError('invalid', 'Confirm', { field: 'confirmMoves' }), ['confirmMoves'])).toEqual({ fieldErrors: { confirmMoves: ['Confirm'] } })
  })

  it('answers a refusal or a missing thing with an error response', () => {
    const response = caught(() => throwRefusal(new DomainError('closed', 'Booking is closed.')))
    expect(response).toMatchObject({ data: 'Booking is closed.', init: { status: 409 } })
    expect(caught(() => throwRefusal(new DomainError('busy', 'Try again.')))).toMatchObject({ data: 'Try again.', init: { status: 503, headers: { 'Retry-After': '5' } } })
    expect(caught(() => invariantResponse(null))).toMatchObject({ init: { status: 404 } })
    expect(caught(() => invariantResponse(undefined, 'Not yours', 403))).toMatchObject({ data: 'Not yours', init: { status: 403 } })
    expect(() => invariantResponse({ id: 'event' })).not.toThrow()
  })
})
