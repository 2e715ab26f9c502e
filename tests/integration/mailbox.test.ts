// The development mailbox: lists captured mail newest first, filters by recipient, shows one
// message with its invite, and serves the invite as an .ics file. With SMTP_URL set, none of
// it exists: every page answers 404.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { loader as listLoader } from '#app/routes/dev/mailbox.tsx'
import type { loader as messageLoader } from '#app/routes/dev/mailbox.$messageId.tsx'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import type { RouteAnswer, callRoute as CallRoute } from '#tests/support/routes.ts'
import { CLIENT_ADDRESS_HEADER } from '#app/lib/request.server.ts'
import { buildCalendar } from '#app/domain/calendar/calendar.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import type { EmailContent } from '#app/domain/messages/queued-email.server.ts'

const listRoute = 'routes/dev/mailbox.tsx'
const messageRoute = 'routes/dev/mailbox.$messageId.tsx'
const inviteRoute = 'routes/dev/mailbox.$messageId.invite[.]ics.ts'

const inviteEntry = sampleCalendarEntry({ uid: 'meeting-7@muster.test' })
const inviteIcs = buildCalendar({ method: 'REQUEST', entries: [inviteEntry] })

/** A "registration received" email for an event called `eventTitle`: its subject names the event. */
function receivedEmail(eventTitle: string): EmailContent {
  const startsAt = new Date('2027-03-24T08:00:00Z')
  return {
    template: 'registration-update',
    props: {
      kind: 'received',
      recipientName: null,
      event: { title: eventTitle, startsAt, endsAt: new Date('2027-03-24T16:00:00Z'), timeZone: 'Europe/Brussels', venueName: 'Hall', venueAddress: 'Brussels' },
      registrationUrl: 'https://example.org/registration',
    },
  }
}

let test: TestDatabase
let callRoute: typeof CallRoute

/**
 * Imports the route helper afresh, and with it the route modules it loads (it keeps them once
 * loaded), so they read the environment as it is now.
 */
async function importRoutesAfresh() {
  vi.resetModules()
  callRoute = (await import('#tests/support/routes.ts')).callRoute
}

/** What the server answers a GET of `path` as server.js hands it on: with the client address it saw, this machine by default. */
function get(file: string, path: string, params: Record<string, string> = {}, clientAddress = '127.0.0.1') {
  const request = new Request(new URL(path, 'http://localhost'), { headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } })
  return callRoute(file, 'loader', request, params)
}

/** The data of a loader that answered 200. */
function loaded<Loader extends (...args: never[]) => unknown>(answer: RouteAnswer) {
  expect(answer.status).toBe(200)
  return answer.data as Awaited<ReturnType<Loader>>
}

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  // The app's env and db accessor read the environment when first imported.
  process.env.DATABASE_URL = test.url
  delete process.env.SMTP_URL
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
  delete process.env.SMTP_URL
})

describe('with mail captured (SMTP_URL unset)', () => {
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    await importRoutesAfresh()
    const { queueEmail } = await import('#app/domain/messages/queued-email.server.ts')
    const messages = [
      { key: 'first', to: 'ada@example.org', event: 'First Day', invite: null },
      { key: 'second', to: 'grace@example.org', event: 'Meeting Day', invite: { method: 'REQUEST' as const, entry: inviteEntry } },
      { key: 'third', to: 'ada@example.org', event: 'Third Day', invite: null },
    ]
    for (const message of messages) {
      await queueEmail(test.db, {
        idempotencyKey: `mailbox-test:${message.key}`,
        kind: message.invite ? 'meeting-booked' : 'registration-received',
        to: { email: message.to },
        email: receivedEmail(message.event),
        invite: message.invite,
      })
      // Distinct creation times, so "newest first" is well defined.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const rows = await test.db.outboxMessage.findMany({ select: { id: true, idempotencyKey: true } })
    for (const row of rows) ids[row.idempotencyKey.replace('mailbox-test:', '')] = row.id
  })

  it('says when a message held back for later (a reminder) will be sent', async () => {
    const { queueEmail } = await import('#app/domain/messages/queued-email.server.ts')
    const sendsAt = new Date(Date.now() + 3 * 24 * 3_600_000)
    await queueEmail(test.db, {
      idempotencyKey: 'mailbox-test-later:reminder',
      kind: 'meeting-reminder',
      to: { email: 'later@example.org' },
      email: receivedEmail('Later Day'),
      notBefore: sendsAt,
    })
    const data = loaded<typeof listLoader>(await get(listRoute, '/dev/mailbox?to=later%40example.org'))
    expect(data.messages).toEqual([expect.objectContaining({ subject: 'We received your registration for Later Day', sendsAt })])
    await test.db.outboxMessage.deleteMany({ where: { idempotencyKey: 'mailbox-test-later:reminder' } })
    const listed = loaded<typeof listLoader>(await get(listRoute, '/dev/mailbox'))
    expect(listed.messages.every((message) => message.sendsAt === null)).toBe(true)
  })

  it('answers 404 on every mailbox page to a client on another machine', async () => {
    const id = ids.invite ?? Object.values(ids)[0]!
    for (const address of ['192.0.2.2', '::ffff:10.0.0.5', 'fd00::2']) {
      expect((await get(listRoute, '/dev/mailbox', {}, address)).status).toBe(404)
      expect((await get(messageRoute, `/dev/mailbox/${id}`, { messageId: id }, address)).status).toBe(404)
      expect((await get(inviteRoute, `/dev/mailbox/${id}/invite.ics`, { messageId: id }, address)).status).toBe(404)
    }
  })

  it('lists every message newest first', async () => {
    const data = loaded<typeof listLoader>(await get(listRoute, '/dev/mailbox'))
    expect(data.messages.map((message) => message.subject)).toEqual([
      'We received your registration for Third Day',
      'We received your registration for Meeting Day',
      'We received your registration for First Day',
    ])
    expect(data.messages[1]).toMatchObject({
      toEmail: 'grace@example.org',
      kind: 'meeting-booked',
      status: 'PENDING',
      icsMethod: 'REQUEST',
    })
  })

  it('filters by recipient', async () => {
    const data = loaded<typeof listLoader>(await get(listRoute, '/dev/mailbox?to=ada%40example.org'))
    expect(data.to).toBe('ada@example.org')
    expect(data.messages.map((message) => message.subject)).toEqual([
      'We received your registration for Third Day',
      'We received your registration for First Day',
    ])
  })

  it('shows one message with its headers, bodies and invite', async () => {
    const id = ids.second ?? ''
    const { message } = loaded<typeof messageLoader>(await get(messageRoute, `/dev/mailbox/${id}`, { messageId: id }))
    expect(message).toMatchObject({
      from: 'Muster <no-reply@muster.localhost>',
      toEmail: 'grace@example.org',
      subject: 'We received your registration for Meeting Day',
      kind: 'meeting-booked',
      status: 'PENDING',
      attempts: 0,
      lastError: null,
      idempotencyKey: 'mailbox-test:second',
      icsMethod: 'REQUEST',
      icsContent: inviteIcs,
    })
    // Not delivered yet: shown as the worker will render it.
    expect(message.text).toContain('We received your registration for Meeting Day')
    expect(message.html).toContain('https://example.org/registration')
    expect((await get(messageRoute, '/dev/mailbox/nope', { messageId: 'nope' })).status).toBe(404)
  })

  it('serves the invite as an .ics download', async () => {
    const id = ids.second ?? ''
    const answer = await get(inviteRoute, `/dev/mailbox/${id}/invite.ics`, { messageId: id })
    expect(answer.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(answer.headers.get('Content-Disposition')).toBe('attachment; filename="invite.ics"')
    expect(await answer.response.text()).toBe(inviteIcs)
    const withoutInvite = ids.first ?? ''
    expect((await get(inviteRoute, `/dev/mailbox/${withoutInvite}/invite.ics`, { messageId: withoutInvite })).status).toBe(404)
  })
})

describe('with mail sent (SMTP_URL set)', () => {
  it('answers 404 on every mailbox page', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:2525'
    await importRoutesAfresh()
    const id = (await test.db.outboxMessage.findFirstOrThrow({ where: { icsMethod: 'REQUEST' }, select: { id: true } })).id
    expect((await get(listRoute, '/dev/mailbox')).status).toBe(404)
    expect((await get(messageRoute, `/dev/mailbox/${id}`, { messageId: id })).status).toBe(404)
    expect((await get(inviteRoute, `/dev/mailbox/${id}/invite.ics`, { messageId: id })).status).toBe(404)
  })
})
