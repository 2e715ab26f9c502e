// Organisers' messages on the seeded demo, on both engines (two app instances on PostgreSQL):
// every segment kind and a combination select exactly the registrants an independent reading of
// the rows says, and the recipients table and the outbox hold exactly those after sending; two
// organisers pressing send at once queue it once; merge fields are filled in (people's words
// stay words); one-click unsubscribe stops organisers' messages about that event only, at once,
// and nothing essential; a scheduled message can be cancelled; the SMTP message carries
// List-Unsubscribe and List-Unsubscribe-Post.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  cancelScheduledMessage,
  countSegment,
  createMessageDraft,
  listMessageRecipients,
  listMessages,
  previewMessage,
  queueMessage,
  sendTestMessage,
  stoppedEventMessages,
  unsubscribe,
  updateMessageDraft,
} from '#app/domain/event-messages/event-messages.server.ts'
import { everyoneApproved, messageFormSchema, type MessageFormValues, type Segment } from '#app/domain/event-messages/event-message.ts'
import { queueEmail, renderQueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { getPersonalData, eraseAccount } from '#app/domain/privacy/privacy.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { isDomainError } from '#app/lib/domain-error.ts'
import { createSmtpTransport } from '#app/lib/mail-transport.server.ts'
import { processOutboxBatch } from '#app/lib/outbox.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { demoEventId } from '#tests/support/demo.ts'
import { rawHeader, startSmtpSink } from '#tests/support/smtp-sink.ts'

const eventId = demoEventId
const organiserEmail = 'mathieu.laurent@defence-investment.example'

const values = (segment: Partial<Segment>, text: Partial<Pick<MessageFormValues, 'subject' | 'body'>> = {}): MessageFormValues =>
  messageFormSchema.parse({ subject: 'Hello {{name}}', body: 'Dear {{name}} of {{organisation}}, see {{registration_link}}', ...everyoneApproved, ...segment, ...text })

/** What each segment criterion means, read from the rows without the domain's query. */
async function independentRecipients(db: Db, segment: Segment) {
  const rows = await db.registration.findMany({
    where: { eventId },
    select: {
      userId: true,
      status: true,
      nationality: true,
      checkedInAt: true,
      organisation: { select: { kind: true, country: true } },
      enrolments: { select: { sessionId: true, status: true } },
      user: {
        select: {
          erasedAt: true,
          matchmakingProfiles: { where: { eventId }, select: { optedIn: true } },
          meetingParticipants: { select: { meeting: { select: { eventId: true, status: true } } } },
          emailUnsubscribes: { where: { eventId }, select: { eventId: true } },
        },
      },
    },
  })
  return rows
    .filter((row) => {
      if (row.user.erasedAt || row.user.emailUnsubscribes.length) return false
      if (!segment.statuses.includes(row.status)) return false
      if (segment.nationalities.length && !segment.nationalities.includes(row.nationality ?? '')) return false
      if (segment.organisationKinds.length && !segment.organisationKinds.includes(row.organisation?.kind ?? ('' as never))) return false
      if (segment.organisationCountries.length && !segment.organisationCountries.includes(row.organisation?.country ?? '')) return false
      if (segment.breakoutSessionId && !row.enrolments.some((e) => e.sessionId === segment.breakoutSessionId && e.status === segment.breakoutSeat)) return false
      const participant = row.user.matchmakingProfiles.some((profile) => profile.optedIn)
      const meets = row.user.meetingParticipants.some((seat) => seat.meeting.eventId === eventId && seat.meeting.status === 'CONFIRMED')
      if (segment.matchmaking === 'participants' && !participant) return false
      if (segment.matchmaking === 'participants-without-meeting' && (!participant || meets)) return false
      if (segment.checkIn === 'checked-in' && !row.checkedInAt) return false
      if (segment.checkIn === 'not-checked-in' && row.checkedInAt) return false
      return true
    })
    .map((row) => row.userId)
    .sort()
}

describe.each(providers)('messages to attendees on %s', (provider) => {
  const app = useAppInstances(provider)
  let organiserId: string
  let breakout: { sessionId: string; withWaitingList: string | null }

  beforeAll(async () => {
    await seedDatabase(app.db)
    organiserId = (await app.db.user.findUniqueOrThrow({ where: { email: organiserEmail }, select: { id: true } })).id
    const enrolments = await app.db.sessionEnrolment.groupBy({ by: ['sessionId', 'status'], where: { session: { eventId } }, _count: { _all: true } })
    const seated = enrolments.filter((row) => row.status === 'ENROLLED').sort((a, b) => b._count._all - a._count._all)[0]!
    breakout = { sessionId: seated.sessionId, withWaitingList: enrolments.find((row) => row.status === 'WAITLISTED')?.sessionId ?? null }
    // A few check-ins, so both sides of that criterion have people.
    const approved = await app.db.registration.findMany({ where: { eventId, status: 'APPROVED' }, orderBy: { id: 'asc' }, take: 7, select: { id: true } })
    await app.db.registration.updateMany({ where: { id: { in: approved.map((row) => row.id) } }, data: { checkedInAt: new Date() } })
  })

  async function send(segment: Partial<Segment>) {
    const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values(segment) })
    const counted = await countSegment(app.db, eventId, values(segment))
    const sent = await queueMessage(app.db, { eventId, messageId, actorId: organiserId })
    return { messageId, counted, sent }
  }

  it('reaches exactly the people each segment kind and a combination describe, in the count, the recipients table and the outbox', async () => {
    const kinds = await app.db.organisation.findMany({ where: { registrations: { some: { eventId } } }, distinct: ['country'], take: 3, select: { country: true } })
    const segments: Partial<Segment>[] = [
      {},
      { statuses: ['PENDING', 'WAITLISTED'] },
      { statuses: ['APPROVED', 'PENDING', 'WAITLISTED', 'REJECTED', 'CANCELLED'], nationalities: ['DE', 'PL', 'EE'] },
      { organisationKinds: ['SME', 'START_UP'] },
      { organisationCountries: kinds.map((row) => row.country) },
      { breakoutSessionId: breakout.sessionId, breakoutSeat: 'ENROLLED' },
      ...(breakout.withWaitingList ? [{ breakoutSessionId: breakout.withWaitingList, breakoutSeat: 'WAITLISTED' as const }] : []),
      { matchmaking: 'participants' },
      { matchmaking: 'participants-without-meeting' },
      { checkIn: 'checked-in' },
      { checkIn: 'not-checked-in' },
      { organisationKinds: ['SME', 'LARGE_COMPANY', 'START_UP'], matchmaking: 'participants', checkIn: 'not-checked-in', nationalities: ['DE', 'PL', 'GB', 'FR', 'RO', 'US'] },
    ]
    for (const segment of segments) {
      const expected = await independentRecipients(app.db, values(segment))
      const { messageId, counted, sent } = await send(segment)
      const label = JSON.stringify(segment)
      expect(expected.length, label).toBeGreaterThan(0)
      expect(counted.recipients, label).toBe(expected.length)
      expect(sent.recipients, label).toBe(expected.length)
      const recipients = await app.db.eventMessageRecipient.findMany({ where: { messageId }, select: { userId: true } })
      expect(recipients.map((row) => row.userId).sort(), label).toEqual(expected)
      const outbox = await app.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `event-message:${messageId}:` } }, select: { userId: true, kind: true } })
      expect(outbox.map((row) => row.userId).sort(), label).toEqual(expected)
    }
  })

  it('queues a message once when two organisers press send at once, on every instance', async () => {
    for (let round = 0; round < 3; round++) {
      const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({ statuses: ['APPROVED', 'PENDING'] }) })
      const outcomes = await Promise.allSettled([0, 1].map((index) => queueMessage(app.instance(index), { eventId, messageId, actorId: organiserId })))
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(1)
      expect(isDomainError(lost[0]!.reason) && lost[0]!.reason.message).toMatch(/already sent by Mathieu Laurent/)
      const recipients = await app.db.eventMessageRecipient.count({ where: { messageId } })
      const rows = await app.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: `event-message:${messageId}:` } } })
      expect(rows).toBe(recipients)
      expect(recipients).toBe((won[0] as PromiseFulfilledResult<{ recipients: number }>).value.recipients)
    }
  })

  it('refuses to send a draft another organiser changed since the page showed it, and sends the version shown', async () => {
    const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({ nationalities: ['DE'] }) })
    const shown = (await app.db.eventMessage.findUniqueOrThrow({ where: { id: messageId }, select: { updatedAt: true } })).updatedAt
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateMessageDraft(app.db, { eventId, messageId, values: values({ statuses: ['APPROVED', 'PENDING', 'REJECTED'] }) })
    await expect(queueMessage(app.db, { eventId, messageId, actorId: organiserId, draftVersion: shown })).rejects.toMatchObject({ code: 'draft-changed' })
    expect(await app.db.eventMessageRecipient.count({ where: { messageId } })).toBe(0)
    const current = (await app.db.eventMessage.findUniqueOrThrow({ where: { id: messageId }, select: { updatedAt: true, status: true } }))
    expect(current.status).toBe('DRAFT')
    const sent = await queueMessage(app.db, { eventId, messageId, actorId: organiserId, draftVersion: current.updatedAt })
    expect(sent.recipients).toBe((await countSegment(app.db, eventId, values({ statuses: ['APPROVED', 'PENDING', 'REJECTED'] }))).recipients)
  })

  it('fills in merge fields for each person, keeping their own words as words', async () => {
    const person = await app.db.registration.findFirstOrThrow({ where: { eventId, status: 'APPROVED' }, orderBy: { id: 'desc' }, select: { userId: true, organisation: { select: { name: true } } } })
    await app.db.user.update({ where: { id: person.userId }, data: { name: '*Eve* [click](https://evil.example)' }, select: { id: true } })
    const { messageId } = await send({ statuses: ['APPROVED'] })
    const row = await app.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `event-message:${messageId}:${person.userId}` },
      select: { subject: true, template: true, payload: true, html: true, text: true, icsMethod: true, icsContent: true },
    })
    expect(row.subject).toBe('Hello *Eve* [click](https://evil.example)')
    const rendered = await renderQueuedEmail(row)
    expect(rendered.text).toContain('Dear *Eve* [click](https://evil.example) of')
    expect(rendered.html).not.toContain('href="https://evil.example"')
    expect(rendered.text).toContain(person.organisation!.name)
    expect(rendered.text).toMatch(/http:\/\/[^ ]+\/events\/counter-uas-industry-day-\d{4}\/registration/)
    expect(rendered.listUnsubscribe).toMatch(/\/unsubscribe\/[a-z2-7]{32}$/)
    expect(rendered.html).toContain(rendered.listUnsubscribe!)

    const preview = await previewMessage(app.db, { eventId, messageId: await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({}) }), recipientUserId: person.userId })
    expect(preview!.recipient!.userId).toBe(person.userId)
    expect(preview!.rendered!.subject).toBe('Hello *Eve* [click](https://evil.example)')
  })

  it('refuses a merge field it does not know, and a breakout of another event, next to the field', async () => {
    const refused = messageFormSchema.safeParse({ subject: 'Hi {{nam}}', body: 'x', statuses: ['APPROVED'] })
    expect(refused.success).toBe(false)
    expect(refused.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['subject'])
    await expect(createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({ breakoutSessionId: 'not-a-session-here' }) })).rejects.toMatchObject({ field: 'breakoutSessionId' })
  })

  it('stops organisers’ messages about this event at once on one-click unsubscribe, and nothing else', async () => {
    const sendAt = new Date(Date.now() + 3 * 86_400_000)
    const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({}) })
    await queueMessage(app.db, { eventId, messageId, actorId: organiserId, sendAt })
    const recipient = await app.db.eventMessageRecipient.findFirstOrThrow({ where: { messageId }, orderBy: [{ name: 'asc' }, { userId: 'asc' }], select: { userId: true } })
    const row = await app.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `event-message:${messageId}:${recipient.userId}` }, select: { nextAttemptAt: true, template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true } })
    expect(row.nextAttemptAt.getTime()).toBe(sendAt.getTime())
    const token = (await renderQueuedEmail(row)).listUnsubscribe!.split('/').pop()!

    const before = await countSegment(app.db, eventId, values({}))
    expect(await unsubscribe(app.db, token)).toMatchObject({ eventId, userId: recipient.userId })
    expect(await unsubscribe(app.db, token)).toMatchObject({ eventId, userId: recipient.userId })
    expect(await app.db.emailUnsubscribe.count({ where: { userId: recipient.userId } })).toBe(1)
    // Their scheduled copy is withdrawn at once; everyone else's stays.
    expect(await app.db.outboxMessage.count({ where: { idempotencyKey: `event-message:${messageId}:${recipient.userId}` } })).toBe(0)
    expect(await app.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: `event-message:${messageId}:` } } })).toBe((await app.db.eventMessageRecipient.count({ where: { messageId } })) - 1)
    expect(await countSegment(app.db, eventId, values({}))).toEqual({ recipients: before.recipients - 1, unsubscribed: before.unsubscribed + 1 })
    // An essential email still goes.
    const person = await app.db.user.findUniqueOrThrow({ where: { id: recipient.userId }, select: { email: true } })
    expect(
      await queueEmail(app.db, {
        idempotencyKey: `essential-after-unsubscribe:${recipient.userId}`,
        kind: 'registration-approved',
        to: { email: person.email },
        email: { template: 'sign-in', props: { code: '123456', expiresInMinutes: 10, link: 'http://localhost/sign-in' } },
        eventId,
        userId: recipient.userId,
      }),
    ).toEqual({ queued: true })
    expect(await unsubscribe(app.db, 'a'.repeat(32))).toBeNull()
    expect(await unsubscribe(app.db, '../../etc')).toBeNull()

    const delivery = await listMessageRecipients(app.db, { eventId, messageId, page: 1 })
    expect(delivery!.counts.withdrawn).toBe(1)
    expect(delivery!.rows.find((row) => row.userId === recipient.userId)?.state).toBe('withdrawn')

    // Cancelling the scheduled message withdraws the rest.
    const cancelled = await cancelScheduledMessage(app.db, { eventId, messageId, actorId: organiserId })
    expect(cancelled.withdrawn).toBe(delivery!.total - 1)
    expect(await app.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: `event-message:${messageId}:` } } })).toBe(0)
    await expect(cancelScheduledMessage(app.db, { eventId, messageId, actorId: organiserId })).rejects.toThrow('already cancelled')
    const listed = (await listMessages(app.db, eventId)).find((message) => message.id === messageId)!
    expect(listed.status).toBe('CANCELLED')

    // Their data export says they stopped them; erasing the account keeps the recipient row without name or address.
    const exported = await getPersonalData(app.db, recipient.userId)
    expect(exported.organisersMessagesStopped).toEqual([{ event: expect.stringContaining('Counter-UAS'), since: expect.any(Date) }])
    await eraseAccount(app.db, { userId: recipient.userId })
    const erased = await app.db.eventMessageRecipient.findUniqueOrThrow({ where: { messageId_userId: { messageId, userId: recipient.userId } }, select: { name: true, email: true } })
    expect(erased.email).not.toBe(person.email)
    expect(erased.email).not.toContain('@defence')
    expect(JSON.stringify(erased)).not.toContain(person.email)
  })

  it('withdraws at delivery an email whose person stopped organisers’ messages after it was queued, and sends the rest', async () => {
    const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({ nationalities: ['PL'] }) })
    await queueMessage(app.db, { eventId, messageId, actorId: organiserId })
    const recipients = await app.db.eventMessageRecipient.findMany({ where: { messageId }, orderBy: { userId: 'asc' }, select: { userId: true } })
    expect(recipients.length).toBeGreaterThan(1)
    // The stop recorded as if the unsubscribe had not seen this row (a send still in its transaction).
    const stopper = recipients[0]!.userId
    await app.db.emailUnsubscribe.create({ data: { eventId, userId: stopper }, select: { userId: true } })
    await app.db.outboxMessage.updateMany({ where: { NOT: { idempotencyKey: { startsWith: `event-message:${messageId}:` } }, status: 'PENDING' }, data: { nextAttemptAt: new Date(Date.now() + 86_400_000) } })
    const delivered: string[] = []
    const transport = { deliveredStatus: 'CAPTURED' as const, send: async (email: { to: { email: string } }) => void delivered.push(email.to.email), close: () => undefined }
    const batch = await processOutboxBatch(app.db, { workerId: 'worker-stops', transport, render: renderQueuedEmail, unwanted: (messages) => stoppedEventMessages(app.db, messages), batchSize: 100 })
    expect(batch).toMatchObject({ claimed: recipients.length, withdrawn: 1, delivered: recipients.length - 1 })
    const stopperEmail = (await app.db.user.findUniqueOrThrow({ where: { id: stopper }, select: { email: true } })).email
    expect(delivered).not.toContain(stopperEmail)
    expect(await app.db.outboxMessage.count({ where: { idempotencyKey: `event-message:${messageId}:${stopper}` } })).toBe(0)
    const delivery = await listMessageRecipients(app.db, { eventId, messageId, page: 1 })
    expect(delivery!.counts).toMatchObject({ sent: recipients.length - 1, withdrawn: 1 })
  })

  it('sends a test to the organiser only, and the real one carries List-Unsubscribe and its one-click header over SMTP', async () => {
    const messageId = await createMessageDraft(app.db, { eventId, authorId: organiserId, values: values({ checkIn: 'checked-in' }) })
    await sendTestMessage(app.db, { eventId, messageId, organiser: { id: organiserId, email: organiserEmail, name: 'Mathieu Laurent' } })
    const tests = await app.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `event-message-test:${messageId}:` } }, select: { toEmail: true, subject: true } })
    expect(tests).toEqual([{ toEmail: organiserEmail, subject: expect.stringMatching(/^\[Test\] Hello /) }])
    // A test stops nobody: it carries no unsubscribe address, in its headers or its text.
    const testRow = await app.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { startsWith: `event-message-test:${messageId}:` } }, select: { template: true, payload: true, subject: true, html: true, text: true, icsMethod: true, icsContent: true } })
    const testEmail = await renderQueuedEmail(testRow)
    expect(testEmail.listUnsubscribe).toBeNull()
    expect(testEmail.html).not.toContain('/unsubscribe/')
    await queueMessage(app.db, { eventId, messageId, actorId: organiserId })

    // Deliver only this message's rows (others stay pending for the worker of another test).
    await app.db.outboxMessage.updateMany({ where: { NOT: { idempotencyKey: { startsWith: `event-message:${messageId}:` } }, status: 'PENDING' }, data: { nextAttemptAt: new Date(Date.now() + 86_400_000) } })
    const sink = await startSmtpSink()
    try {
      const transport = createSmtpTransport({ url: sink.url, from: 'Muster <muster@example.org>', messageIdDomain: 'muster.test' })
      await processOutboxBatch(app.db, { workerId: 'worker-a', transport, render: renderQueuedEmail, batchSize: 50 })
      transport.close()
    } finally {
      await sink.stop()
    }
    const recipients = await app.db.eventMessageRecipient.count({ where: { messageId } })
    expect(sink.received).toHaveLength(recipients)
    for (const mail of sink.received) {
      expect(rawHeader(mail.raw, 'List-Unsubscribe')).toMatch(/^<http:\/\/[^>]+\/unsubscribe\/[a-z2-7]{32}>$/)
      expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    }
    const delivery = await listMessageRecipients(app.db, { eventId, messageId, page: 1 })
    expect(delivery!.counts).toMatchObject({ sent: recipients, queued: 0, failed: 0 })
  })
})
