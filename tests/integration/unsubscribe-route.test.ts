// One-click unsubscribe through the server's own doors (root middleware first): a mail
// provider's RFC 8058 POST arrives from its own servers with no Origin and the body
// "List-Unsubscribe=One-Click", and must work; the same exemption lets nothing else through
// (another path without an Origin is still refused as cross-site); a GET only asks; an unknown
// or malformed secret is a 404. On SQLite: the route modules use the app's database accessor
// (event-messages.test.ts covers both engines).
import { describe, expect, it } from 'vitest'
import { seedDatabase } from '#seeds/seed.ts'
import { demoEventId } from '#tests/support/demo.ts'
import { setUpRouteDatabase } from '#tests/support/route-database.ts'
import { callRoute } from '#tests/support/routes.ts'

const database = setUpRouteDatabase(async (db) => {
  await seedDatabase(db)
})

const route = 'routes/unsubscribe.$token.tsx'

/** A sent message to the demo's approved attendees, and one recipient's secret as their email's header carries it. */
async function sentMessage() {
  const { createMessageDraft, queueMessage } = await import('#app/domain/event-messages/event-messages.server.ts')
  const { everyoneApproved, messageFormSchema } = await import('#app/domain/event-messages/event-message.ts')
  const { renderQueuedEmail } = await import('#app/domain/messages/queued-email.server.ts')
  const db = database.db
  const organiser = await db.user.findUniqueOrThrow({ where: { email: 'mathieu.laurent@defence-investment.example' }, select: { id: true } })
  const messageId = await createMessageDraft(db, { eventId: demoEventId, authorId: organiser.id, values: messageFormSchema.parse({ subject: 'Hello', body: 'News', ...everyoneApproved }) })
  await queueMessage(db, { eventId: demoEventId, messageId, actorId: organiser.id })
  const row = await db.outboxMessage.findFirstOrThrow({
    where: { idempotencyKey: { startsWith: `event-message:${messageId}:` } },
    orderBy: { id: 'asc' },
    select: { userId: true, template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true },
  })
  const address = (await renderQueuedEmail(row)).listUnsubscribe!
  return { userId: row.userId!, address, token: address.split('/').pop()! }
}

describe('one-click unsubscribe', () => {
  it('stops organisers’ messages on a mail provider’s POST with no Origin, and asks first on a GET', async () => {
    const { userId, address, token } = await sentMessage()
    const asked = await callRoute(route, 'loader', new Request(address), { token })
    expect(asked.status).toBe(200)
    expect(await database.db.emailUnsubscribe.count({ where: { userId } })).toBe(0)

    const oneClick = new Request(address, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    const stopped = await callRoute(route, 'action', oneClick, { token })
    expect(stopped.status).toBe(200)
    expect(await database.db.emailUnsubscribe.findMany({ where: { userId }, select: { eventId: true } })).toEqual([{ eventId: demoEventId }])
    // A second click changes nothing.
    expect((await callRoute(route, 'action', new Request(address, { method: 'POST', body: 'List-Unsubscribe=One-Click' }), { token })).status).toBe(200)
    expect(await database.db.emailUnsubscribe.count({ where: { userId } })).toBe(1)
  })

  it('answers 404 to a secret it does not know, and keeps refusing cross-site posts everywhere else', async () => {
    const post = (token: string) => callRoute(route, 'action', new Request(`http://localhost/unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }), { token })
    // A secret of the right shape that no email carries: not found.
    expect((await post('a'.repeat(32))).status).toBe(404)
    // A malformed one does not match the exemption, so it is refused as cross-site before the route runs.
    for (const token of ['short', 'A'.repeat(32), `${'a'.repeat(32)}x`]) expect((await post(token)).status, token).toBe(403)
    const elsewhere = await callRoute('routes/account/account.tsx', 'action', new Request('http://localhost/account', { method: 'POST', body: 'intent=revoke-session' }))
    expect(elsewhere.status).toBe(403)
    const nested = await callRoute(route, 'action', new Request(`http://localhost/unsubscribe/${'a'.repeat(32)}/../../account`, { method: 'POST' }), { token: 'a'.repeat(32) })
    // The address is normalised before the check: this is a post to /account, refused as cross-site.
    expect(nested.status).toBe(403)
  })
})
