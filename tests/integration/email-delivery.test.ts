// What the organiser sees while the outbox works through an event's emails: every email queued
// since the oldest one still waiting, how many went out and how many failed; reminders held for
// later do not count until they are due, and nothing is shown once all have gone.
import { describe, expect, it } from 'vitest'
import { emailDeliveryProgress } from '#app/domain/messages/delivery.server.ts'
import { queueEmails, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { uniqueName } from '#tests/support/databases.ts'
import { createEvent } from '#tests/support/fixtures.ts'

function message(eventId: string, notBefore: Date | null = null): QueuedEmail {
  return {
    idempotencyKey: uniqueName('delivery'),
    kind: 'test',
    to: { email: 'ada@example.org' },
    email: { template: 'sign-in', props: { code: '123456', link: 'https://muster.example/sign-in/link?token=x', expiresInMinutes: 10 } },
    eventId,
    notBefore,
  }
}

describe.each(providers)('email delivery progress on %s', (provider) => {
  const app = useAppInstances(provider)

  it('counts what was queued since the oldest waiting email, delivered and failed, and nothing once all are out', async () => {
    const { db } = app
    const event = await createEvent(db)
    const other = await createEvent(db)
    expect(await emailDeliveryProgress(db, event.id)).toBeNull()

    const later = new Date(Date.now() + 86_400_000)
    await queueEmails(db, [...Array.from({ length: 10 }, () => message(event.id)), message(event.id, later), message(other.id)])
    expect(await emailDeliveryProgress(db, event.id)).toEqual({ total: 10, delivered: 0, failed: 0 })

    const ids = (await db.outboxMessage.findMany({ where: { eventId: event.id, nextAttemptAt: { lt: later } }, orderBy: { id: 'asc' }, select: { id: true } })).map((row) => row.id)
    await db.outboxMessage.updateMany({ where: { id: { in: ids.slice(0, 6) } }, data: { status: 'SENT', sentAt: new Date() } })
    await db.outboxMessage.updateMany({ where: { id: { in: ids.slice(6, 7) } }, data: { status: 'FAILED' } })
    expect(await emailDeliveryProgress(db, event.id)).toEqual({ total: 10, delivered: 6, failed: 1 })

    await db.outboxMessage.updateMany({ where: { id: { in: ids.slice(7) } }, data: { status: 'CAPTURED', sentAt: new Date() } })
    // All due emails are out; the reminder for tomorrow is not part of it until it is due, and
    // then it counts with the emails queued with it.
    expect(await emailDeliveryProgress(db, event.id)).toBeNull()
    expect(await emailDeliveryProgress(db, event.id, new Date(later.getTime() + 1))).toEqual({ total: 11, delivered: 9, failed: 1 })
  })
})
