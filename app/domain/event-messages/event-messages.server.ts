// Organisers' messages to a segment of an event's registrants: drafts, the recipients a segment
// selects (and how many have unsubscribed), a preview rendered for a real recipient, a test to
// oneself, sending now or at a set time, cancelling a scheduled message, the history with each
// recipient's delivery, and one-click unsubscribe. Sending is one transaction: a conditional
// update from DRAFT (two organisers pressing send queue it once), the recipients fixed in
// EventMessageRecipient, and one outbox row per person whose key names the message and the
// person (never twice). Callers check the role first.
import { randomUUID } from 'node:crypto'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { queueEmail, queueEmails, withdrawQueuedEmails, type QueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import { organisationKindLabels } from '#app/domain/registration/registration-form.ts'
import { registrationStatusLabels } from '#app/domain/registration/vetting.ts'
import { countryName } from '#app/lib/countries.ts'
import { busyTransactionOptions, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { env } from '#app/lib/env.server.ts'
import type { ClaimedMessage } from '#app/lib/outbox.server.ts'
import { generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'
import { renderEmail } from '#emails/render.server.tsx'
import { fillMergeFields, segmentOf, segmentSchema, type MergeValues, type MessageFormValues, type Segment } from './event-message.ts'

/** Recipients listed per page of a message's delivery. */
export const RECIPIENTS_PAGE_SIZE = 50
/** The people the preview may be rendered for. */
const PREVIEW_CANDIDATES = 20

const outboxKey = (messageId: string, userId: string) => `event-message:${messageId}:${userId}`

// ---------- Segments ----------

/** The registrations a segment selects at this event (erased accounts never). */
function segmentWhere(eventId: string, segment: Segment) {
  return {
    eventId,
    status: { in: segment.statuses },
    ...(segment.nationalities.length ? { nationality: { in: segment.nationalities } } : {}),
    ...(segment.organisationKinds.length || segment.organisationCountries.length
      ? {
          organisation: {
            ...(segment.organisationKinds.length ? { kind: { in: segment.organisationKinds } } : {}),
            ...(segment.organisationCountries.length ? { country: { in: segment.organisationCountries } } : {}),
          },
        }
      : {}),
    ...(segment.breakoutSessionId ? { enrolments: { some: { sessionId: segment.breakoutSessionId, status: segment.breakoutSeat } } } : {}),
    ...(segment.checkIn === 'checked-in' ? { checkedInAt: { not: null } } : segment.checkIn === 'not-checked-in' ? { checkedInAt: null } : {}),
    user: {
      erasedAt: null,
      ...(segment.matchmaking !== 'any' ? { matchmakingProfiles: { some: { eventId, optedIn: true } } } : {}),
      ...(segment.matchmaking === 'participants-without-meeting' ? { meetingParticipants: { none: { meeting: { eventId, status: 'CONFIRMED' as const } } } } : {}),
    },
  }
}

/** Organisers' messages skip people who asked for none about this event. */
function notUnsubscribed(eventId: string) {
  return { user: { emailUnsubscribes: { none: { eventId } } } }
}

/** How many people the segment reaches now, and how many more it would reach but for their unsubscribing. */
export async function countSegment(db: Db, eventId: string, segment: Segment) {
  const where = segmentWhere(eventId, segment)
  const [recipients, everyone] = await Promise.all([
    db.registration.count({ where: { AND: [where, notUnsubscribed(eventId)] } }),
    db.registration.count({ where }),
  ])
  return { recipients, unsubscribed: everyone - recipients }
}

/** What the segment form offers: the countries and breakouts of this event. */
export async function getSegmentOptions(db: Db, eventId: string) {
  const [nationalities, organisationCountries, breakouts] = await Promise.all([
    db.registration.findMany({ where: { eventId, nationality: { not: null } }, distinct: ['nationality'], select: { nationality: true } }),
    db.organisation.findMany({ where: { registrations: { some: { eventId } } }, distinct: ['country'], select: { country: true } }),
    db.agendaSession.findMany({ where: { eventId, signUpRequired: true }, orderBy: [{ startsAt: 'asc' }, { title: 'asc' }], select: { id: true, title: true, startsAt: true, status: true } }),
  ])
  const byName = (codes: string[]) => codes.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en'))
  return {
    nationalities: byName(nationalities.flatMap((row) => (row.nationality ? [row.nationality] : []))),
    organisationCountries: byName(organisationCountries.map((row) => row.country)),
    breakouts,
  }
}

/** The segment in words, for the history and the confirmation: "Approved · Nationality: Belgium, France · …". */
export async function describeSegment(db: Db, eventId: string, segment: Segment) {
  const session = segment.breakoutSessionId
    ? await db.agendaSession.findFirst({ where: { id: segment.breakoutSessionId, eventId }, select: { title: true } })
    : null
  const countries = (codes: string[]) => codes.map(countryName).join(', ')
  return [
    segment.statuses.map((status) => registrationStatusLabels[status]).join(' or '),
    segment.nationalities.length ? `nationality ${countries(segment.nationalities)}` : null,
    segment.organisationKinds.length ? `organisation kind ${segment.organisationKinds.map((kind) => organisationKindLabels[kind]).join(' or ')}` : null,
    segment.organisationCountries.length ? `organisation in ${countries(segment.organisationCountries)}` : null,
    segment.breakoutSessionId ? `${segment.breakoutSeat === 'ENROLLED' ? 'seat holders' : 'waiting list'} of “${session?.title ?? 'a removed session'}”` : null,
    segment.matchmaking === 'participants' ? 'B2B participants' : segment.matchmaking === 'participants-without-meeting' ? 'B2B participants with no meeting yet' : null,
    segment.checkIn === 'checked-in' ? 'checked in' : segment.checkIn === 'not-checked-in' ? 'not checked in' : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

// ---------- Drafts ----------

async function requireSession(db: Db | DbTransaction, eventId: string, segment: Segment) {
  if (!segment.breakoutSessionId) return
  const session = await db.agendaSession.findFirst({ where: { id: segment.breakoutSessionId, eventId, signUpRequired: true }, select: { id: true } })
  if (!session) throw new DomainError('invalid', 'Choose a breakout of this event from the list.', { field: 'breakoutSessionId' })
}

export async function createMessageDraft(db: Db, input: { eventId: string; authorId: string; values: MessageFormValues }) {
  await requireSession(db, input.eventId, segmentOf(input.values))
  const message = await db.eventMessage.create({
    data: { eventId: input.eventId, authorId: input.authorId, subject: input.values.subject, body: input.values.body, segment: segmentOf(input.values) },
    select: { id: true },
  })
  return message.id
}

export async function updateMessageDraft(db: Db, input: { eventId: string; messageId: string; values: MessageFormValues }) {
  await requireSession(db, input.eventId, segmentOf(input.values))
  const updated = await db.eventMessage.updateMany({
    where: { id: input.messageId, eventId: input.eventId, status: 'DRAFT' },
    data: { subject: input.values.subject, body: input.values.body, segment: segmentOf(input.values) },
  })
  if (updated.count === 0) await refuseUnlessDraft(db, input.eventId, input.messageId)
}

export async function deleteMessageDraft(db: Db, input: { eventId: string; messageId: string }) {
  const deleted = await db.eventMessage.deleteMany({ where: { id: input.messageId, eventId: input.eventId, status: 'DRAFT' } })
  if (deleted.count === 0) await refuseUnlessDraft(db, input.eventId, input.messageId)
}

/** Explains why a change to a draft did nothing: no such message here, or it is no longer a draft. */
async function refuseUnlessDraft(db: Db | DbTransaction, eventId: string, messageId: string): Promise<never> {
  const message = await db.eventMessage.findFirst({ where: { id: messageId, eventId }, select: { status: true, queuedAt: true, queuedBy: { select: { name: true, email: true } } } })
  if (!message) throw new DomainError('not-found', 'There is no such message for this event.')
  const by = message.queuedBy ? ` by ${message.queuedBy.name || message.queuedBy.email}` : ''
  throw new DomainError('conflict', message.status === 'CANCELLED' ? 'This message was cancelled.' : `This message was already sent${by}: it cannot change now.`, { code: 'not-a-draft' })
}

/** A message of this event with its segment, or null. */
export async function getMessage(db: Db, eventId: string, messageId: string) {
  const message = await db.eventMessage.findFirst({
    where: { id: messageId, eventId },
    select: {
      id: true,
      subject: true,
      body: true,
      segment: true,
      status: true,
      sendAt: true,
      queuedAt: true,
      cancelledAt: true,
      recipientCount: true,
      createdAt: true,
      updatedAt: true,
      author: { select: { name: true, email: true } },
      queuedBy: { select: { name: true, email: true } },
    },
  })
  if (!message) return null
  const segment = segmentSchema.parse(message.segment)
  return { ...message, segment, segmentText: await describeSegment(db, eventId, segment) }
}

// ---------- Preview and test ----------

type Person = { userId: string; email: string; name: string; organisation: string | null }

async function eventForMessages(db: Db | DbTransaction, eventId: string) {
  return db.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true, title: true } })
}

function mergeValues(event: { slug: string; title: string }, person: Person): MergeValues {
  return {
    name: person.name || person.email,
    organisation: person.organisation ?? '',
    event: event.title,
    registration_link: new URL(`/events/${event.slug}/registration`, env.APP_URL).toString(),
    event_link: new URL(`/events/${event.slug}`, env.APP_URL).toString(),
  }
}

/** The email for one person; a preview or a test has no unsubscribe address (it would stop nobody). */
function emailFor(message: { subject: string; body: string }, event: { slug: string; title: string }, person: Person, unsubscribeUrl: string | null) {
  const values = mergeValues(event, person)
  return {
    template: 'event-message' as const,
    props: {
      eventTitle: event.title,
      subject: fillMergeFields(message.subject, values, 'plain'),
      body: fillMergeFields(message.body, values, 'markdown'),
      email: person.email,
      unsubscribeUrl,
    },
  }
}

const unsubscribeUrl = (token: string) => new URL(`/unsubscribe/${token}`, env.APP_URL).toString()

async function recipientsOf(db: Db | DbTransaction, eventId: string, segment: Segment, take?: number): Promise<Person[]> {
  const rows = await db.registration.findMany({
    where: { AND: [segmentWhere(eventId, segment), notUnsubscribed(eventId)] },
    orderBy: [{ user: { name: 'asc' } }, { userId: 'asc' }],
    ...(take ? { take } : {}),
    select: { userId: true, user: { select: { email: true, name: true } }, organisation: { select: { name: true } } },
  })
  return rows.map((row) => ({ userId: row.userId, email: row.user.email, name: row.user.name, organisation: row.organisation?.name ?? null }))
}

/**
 * The draft as one of its recipients will get it (the first by name, or the one asked for among
 * the first twenty), with the count of recipients; null recipient when the segment selects nobody.
 */
export async function previewMessage(db: Db, input: { eventId: string; messageId: string; recipientUserId?: string | null }) {
  const message = await getMessage(db, input.eventId, input.messageId)
  if (!message) return null
  const [event, candidates, counts] = await Promise.all([
    eventForMessages(db, input.eventId),
    recipientsOf(db, input.eventId, message.segment, PREVIEW_CANDIDATES),
    countSegment(db, input.eventId, message.segment),
  ])
  const recipient = candidates.find((candidate) => candidate.userId === input.recipientUserId) ?? candidates[0] ?? null
  const rendered = recipient ? await renderEmail('event-message', emailFor(message, event, recipient, null).props) : null
  return {
    message,
    counts,
    candidates: candidates.map(({ userId, name, email }) => ({ userId, name, email })),
    recipient: recipient ? { userId: recipient.userId, name: recipient.name, email: recipient.email } : null,
    rendered: rendered ? { subject: rendered.subject, html: rendered.html } : null,
  }
}

/** Emails the draft to the organiser, filled in for its first recipient, subject marked as a test. */
export async function sendTestMessage(db: Db, input: { eventId: string; messageId: string; organiser: { id: string; email: string; name: string } }) {
  const message = await getMessage(db, input.eventId, input.messageId)
  if (!message) throw new DomainError('not-found', 'There is no such message for this event.')
  const [event, [sample]] = await Promise.all([eventForMessages(db, input.eventId), recipientsOf(db, input.eventId, message.segment, 1)])
  const person: Person = sample ?? { userId: input.organiser.id, email: input.organiser.email, name: input.organiser.name, organisation: null }
  const email = emailFor(message, event, person, null)
  await queueEmail(db, {
    idempotencyKey: `event-message-test:${message.id}:${randomUUID()}`,
    kind: 'event-message-test',
    to: { email: input.organiser.email, name: input.organiser.name || null },
    email: { ...email, props: { ...email.props, subject: `[Test] ${email.props.subject}`, email: input.organiser.email } },
    eventId: input.eventId,
    userId: input.organiser.id,
  })
  return { filledFor: sample ? sample.name || sample.email : null }
}

// ---------- Sending ----------

/**
 * Sends the draft to everyone its segment selects now (who has not unsubscribed): at once, or
 * from `sendAt`. Once: the first organiser's conditional update wins, a second press is told
 * who sent it. Each person gets one outbox row with their own unsubscribe address.
 */
export async function queueMessage(
  db: Db,
  input: { eventId: string; messageId: string; actorId: string; sendAt?: Date | null; now?: Date; /** The draft as the organiser saw it (its updatedAt): a draft saved since is not sent. */ draftVersion?: Date },
) {
  const now = input.now ?? new Date()
  const sendAt = input.sendAt && input.sendAt.getTime() > now.getTime() ? input.sendAt : now
  return db.$transaction(async (tx) => {
    const claimed = await tx.eventMessage.updateMany({
      where: { id: input.messageId, eventId: input.eventId, status: 'DRAFT', ...(input.draftVersion ? { updatedAt: input.draftVersion } : {}) },
      data: { status: 'QUEUED', queuedAt: now, queuedById: input.actorId, sendAt },
    })
    if (claimed.count === 0) {
      const draft = await tx.eventMessage.findFirst({ where: { id: input.messageId, eventId: input.eventId, status: 'DRAFT' }, select: { id: true } })
      if (draft) throw new DomainError('conflict', 'This draft was changed since you opened it (another organiser saved it). Nothing was sent: look at it again, then send.', { code: 'draft-changed' })
      await refuseUnlessDraft(tx, input.eventId, input.messageId)
    }
    const message = await tx.eventMessage.findUniqueOrThrow({ where: { id: input.messageId }, select: { id: true, subject: true, body: true, segment: true } })
    const segment = segmentSchema.parse(message.segment)
    const [event, people] = await Promise.all([eventForMessages(tx, input.eventId), recipientsOf(tx, input.eventId, segment)])
    if (people.length === 0) throw new DomainError('invalid', 'Nobody matches this segment now: change it before sending.', { code: 'no-recipients' })
    const tokens = people.map(() => generateSecretToken())
    await tx.eventMessageRecipient.createMany({
      data: people.map((person, index) => ({ messageId: message.id, userId: person.userId, email: person.email, name: person.name, unsubscribeTokenHash: hashSecret(tokens[index]!) })),
    })
    const emails: QueuedEmail[] = people.map((person, index) => {
      const listUnsubscribe = unsubscribeUrl(tokens[index]!)
      return {
        idempotencyKey: outboxKey(message.id, person.userId),
        kind: 'event-message',
        to: { email: person.email, name: person.name || null },
        email: emailFor(message, event, person, listUnsubscribe),
        eventId: input.eventId,
        userId: person.userId,
        notBefore: sendAt,
        listUnsubscribe,
        sourceId: message.id,
      }
    })
    const { queued } = await queueEmails(tx, emails)
    await tx.eventMessage.update({ where: { id: message.id }, data: { recipientCount: people.length }, select: { id: true } })
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'message.sent',
      entityType: 'EventMessage',
      entityId: message.id,
      data: { title: message.subject, recipients: people.length, ...(sendAt > now ? { scheduledFor: sendAt.toISOString() } : {}) },
    })
    return { recipients: people.length, queued, sendAt }
  }, busyTransactionOptions)
}

/** Takes back a message scheduled for later: its emails not yet on their way are withdrawn. */
export async function cancelScheduledMessage(db: Db, input: { eventId: string; messageId: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const cancelled = await tx.eventMessage.updateMany({
      where: { id: input.messageId, eventId: input.eventId, status: 'QUEUED', sendAt: { gt: now } },
      data: { status: 'CANCELLED', cancelledAt: now },
    })
    if (cancelled.count === 0) {
      const message = await tx.eventMessage.findFirst({ where: { id: input.messageId, eventId: input.eventId }, select: { status: true } })
      if (!message) throw new DomainError('not-found', 'There is no such message for this event.')
      throw new DomainError('conflict', message.status === 'CANCELLED' ? 'This message was already cancelled.' : 'This message is already on its way: it cannot be cancelled.')
    }
    const recipients = await tx.eventMessageRecipient.findMany({ where: { messageId: input.messageId }, select: { userId: true } })
    const { withdrawn } = await withdrawQueuedEmails(tx, recipients.map((recipient) => outboxKey(input.messageId, recipient.userId)))
    await recordAudit(tx, { eventId: input.eventId, actorId: input.actorId, action: 'message.cancelled', entityType: 'EventMessage', entityId: input.messageId, data: { recipients: withdrawn } })
    return { withdrawn }
  }, busyTransactionOptions)
}

// ---------- History and delivery ----------

type DeliveryCounts = { queued: number; sent: number; failed: number; withdrawn: number }

/** Each message's delivery counts, from its outbox rows (counted by their source, through an index). */
async function deliveryCounts(db: Db, messageIds: readonly string[]) {
  const counts = new Map<string, DeliveryCounts>(messageIds.map((id) => [id, { queued: 0, sent: 0, failed: 0, withdrawn: 0 }]))
  if (messageIds.length === 0) return counts
  const rows = await db.outboxMessage.groupBy({ by: ['sourceId', 'status'], where: { sourceId: { in: [...messageIds] } }, _count: { _all: true } })
  for (const row of rows) {
    const entry = counts.get(row.sourceId!)
    if (!entry) continue
    if (row.status === 'SENT' || row.status === 'CAPTURED') entry.sent += row._count._all
    else if (row.status === 'FAILED') entry.failed += row._count._all
    else entry.queued += row._count._all
  }
  return counts
}

/** The event's messages, newest first, each with its segment in words and its delivery counts. */
export async function listMessages(db: Db, eventId: string) {
  const messages = await db.eventMessage.findMany({
    where: { eventId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: {
      id: true,
      subject: true,
      segment: true,
      status: true,
      sendAt: true,
      queuedAt: true,
      recipientCount: true,
      createdAt: true,
      author: { select: { name: true, email: true } },
      queuedBy: { select: { name: true, email: true } },
    },
  })
  const counts = await deliveryCounts(db, messages.filter((message) => message.status !== 'DRAFT').map((message) => message.id))
  return Promise.all(
    messages.map(async ({ segment, author, queuedBy, ...message }) => {
      const delivery = counts.get(message.id) ?? { queued: 0, sent: 0, failed: 0, withdrawn: 0 }
      return {
        ...message,
        author: author ? author.name || author.email : 'A former organiser',
        sentBy: queuedBy ? queuedBy.name || queuedBy.email : null,
        segmentText: await describeSegment(db, eventId, segmentSchema.parse(segment)),
        delivery: { ...delivery, withdrawn: message.status === 'DRAFT' ? 0 : Math.max(0, message.recipientCount - delivery.queued - delivery.sent - delivery.failed) },
      }
    }),
  )
}

export type RecipientState = 'queued' | 'sent' | 'failed' | 'withdrawn'

/** One page of a sent message's recipients, by name, with how their email fared. */
export async function listMessageRecipients(db: Db, input: { eventId: string; messageId: string; page: number }) {
  const message = await db.eventMessage.findFirst({ where: { id: input.messageId, eventId: input.eventId }, select: { id: true, recipientCount: true } })
  if (!message) return null
  const pageCount = Math.max(1, Math.ceil(message.recipientCount / RECIPIENTS_PAGE_SIZE))
  const page = Math.min(Math.max(1, input.page), pageCount)
  const recipients = await db.eventMessageRecipient.findMany({
    where: { messageId: message.id },
    orderBy: [{ name: 'asc' }, { userId: 'asc' }],
    skip: (page - 1) * RECIPIENTS_PAGE_SIZE,
    take: RECIPIENTS_PAGE_SIZE,
    select: { userId: true, name: true, email: true },
  })
  const outbox = await db.outboxMessage.findMany({
    where: { idempotencyKey: { in: recipients.map((recipient) => outboxKey(message.id, recipient.userId)) } },
    select: { idempotencyKey: true, status: true, sentAt: true, lastError: true, attempts: true },
  })
  const byKey = new Map(outbox.map((row) => [row.idempotencyKey, row]))
  const [counts] = [...(await deliveryCounts(db, [message.id])).values()]
  return {
    page,
    pageCount,
    total: message.recipientCount,
    counts: { ...counts!, withdrawn: Math.max(0, message.recipientCount - counts!.queued - counts!.sent - counts!.failed) },
    rows: recipients.map((recipient) => {
      const row = byKey.get(outboxKey(message.id, recipient.userId))
      const state: RecipientState = !row ? 'withdrawn' : row.status === 'SENT' || row.status === 'CAPTURED' ? 'sent' : row.status === 'FAILED' ? 'failed' : 'queued'
      return { ...recipient, state, sentAt: row?.sentAt ?? null, error: row?.lastError ?? null, attempts: row?.attempts ?? 0 }
    }),
  }
}

// ---------- Unsubscribing ----------

/**
 * For the outbox worker: the claimed organisers' messages whose person stopped them for that event.
 * Stopping deletes the rows waiting then; this catches the ones it could not see (queued by a send
 * still in its transaction, or back in line after a failed attempt).
 */
export async function stoppedEventMessages(db: Db, messages: readonly ClaimedMessage[]): Promise<ReadonlySet<string>> {
  const candidates = messages.filter((message) => message.kind === 'event-message' && message.eventId && message.userId)
  if (candidates.length === 0) return new Set()
  const stops = await db.emailUnsubscribe.findMany({
    where: { OR: candidates.map((message) => ({ eventId: message.eventId!, userId: message.userId! })) },
    select: { eventId: true, userId: true },
  })
  const stopped = new Set(stops.map((stop) => `${stop.eventId}:${stop.userId}`))
  return new Set(candidates.filter((message) => stopped.has(`${message.eventId}:${message.userId}`)).map((message) => message.id))
}

/** What the unsubscribe page says about a token: the event and the address, or null for an unknown token. */
export async function findUnsubscribe(db: Db, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const recipient = await db.eventMessageRecipient.findUnique({
    where: { unsubscribeTokenHash: hashSecret(token) },
    select: { userId: true, email: true, message: { select: { eventId: true, event: { select: { title: true, slug: true, timeZone: true } } } } },
  })
  if (!recipient) return null
  const done = await db.emailUnsubscribe.findUnique({ where: { eventId_userId: { eventId: recipient.message.eventId, userId: recipient.userId } }, select: { createdAt: true } })
  return { eventId: recipient.message.eventId, userId: recipient.userId, email: recipient.email, event: recipient.message.event, unsubscribedAt: done?.createdAt ?? null }
}

/**
 * Stops organisers' messages about the token's event to its person, at once: recorded once
 * (a second click changes nothing), and their messages still waiting to go are withdrawn.
 * Essential emails are untouched. Null for an unknown token.
 */
export async function unsubscribe(db: Db, token: string, now = new Date()) {
  const found = await findUnsubscribe(db, token)
  if (!found) return null
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "EmailUnsubscribe" ("eventId", "userId", "createdAt") VALUES (${found.eventId}, ${found.userId}, ${now})
      ON CONFLICT ("eventId", "userId") DO NOTHING`
    await tx.outboxMessage.deleteMany({ where: { eventId: found.eventId, userId: found.userId, kind: 'event-message', status: 'PENDING' } })
  })
  return found
}
