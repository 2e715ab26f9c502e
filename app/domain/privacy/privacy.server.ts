// A person's own data: everything Muster holds about them, to read or download (GDPR art. 15 and
// 20), and erasing their account (art. 17). Every read is an explicit select: no secrets (token
// and device hashes, badge codes), nothing about other people beyond the name and organisation
// they show the person anyway, and no officers' internal notes.
//
// Erasing reuses the operations a person can do one by one (cancel a registration, withdraw or
// decline a request, cancel a meeting), each in its own transaction, so seats, waiting lists and
// the other people's emails and CANCEL invites work exactly as they do day to day. Then one
// transaction replaces what is left of the person. Every step reads the current state, so an
// interrupted erasure is finished by running it again, and a second run after it is a no-op.
import { DbNull } from '@prisma/client/runtime/client'
import { busyTransactionOptions, type Db } from '#app/lib/db-client.server.ts'
import { cancelOwnRegistration } from '#app/domain/registration/registration.server.ts'
import { cancelMeeting, declineMeetingRequest, withdrawMeetingRequest } from '#app/domain/meetings/meetings.server.ts'
import { asEventPerson, eventPersonSelect } from '#app/domain/events/people.server.ts'
import { forgetSignInAddress } from '#app/domain/account/sign-in.server.ts'
import { DomainError, isDomainError } from '#app/lib/domain-error.ts'

// ---------- Download ----------

type AnswerValue = string | string[] | boolean

/** Decisions whose reason is written to the registrant (in the email and on the page); other reasons are officers' notes. */
const REASON_GIVEN_TO_REGISTRANT = new Set(['REJECTED', 'INFO_REQUESTED'])

const LIVE_REGISTRATION = ['PENDING', 'APPROVED', 'WAITLISTED'] as const

function answerText(value: AnswerValue, options: unknown) {
  const labels = Array.isArray(options) ? (options as { value: string; label: string }[]) : []
  const label = (item: string) => labels.find((option) => option.value === item)?.label ?? item
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) return value.map(label).join(', ')
  return label(value)
}

export type PersonalData = Awaited<ReturnType<typeof getPersonalData>>

/** Everything Muster holds about this person, in words a person can read; the JSON download is this object. */
export async function getPersonalData(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      jobTitle: true,
      phone: true,
      nationality: true,
      timeZone: true,
      createdAt: true,
      organisation: { select: { name: true, kind: true, country: true } },
      sessions: {
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
      },
      knownDevices: { orderBy: { firstSeenAt: 'asc' }, select: { firstSeenAt: true, lastSeenAt: true, userAgent: true } },
      passkeys: { orderBy: { createdAt: 'asc' }, select: { name: true, createdAt: true, lastUsedAt: true } },
      eventRoles: { orderBy: { createdAt: 'asc' }, select: { role: true, createdAt: true, event: { select: { title: true } } } },
      registrations: {
        orderBy: { submittedAt: 'asc' },
        select: {
          status: true,
          nationality: true,
          answers: true,
          consentGivenAt: true,
          consentText: { select: { text: true } },
          submittedAt: true,
          decidedAt: true,
          cancelledAt: true,
          checkedInAt: true,
          organisation: { select: { name: true, country: true } },
          event: {
            select: {
              title: true,
              startsAt: true,
              endsAt: true,
              timeZone: true,
              questions: { orderBy: { position: 'asc' }, select: { key: true, label: true, options: true } },
            },
          },
          decisions: {
            orderBy: { createdAt: 'asc' },
            select: { action: true, fromStatus: true, toStatus: true, reason: true, actorId: true, createdAt: true },
          },
          enrolments: {
            orderBy: { createdAt: 'asc' },
            select: { status: true, createdAt: true, cancelledAt: true, session: { select: { title: true, startsAt: true, endsAt: true } } },
          },
        },
      },
      matchmakingProfiles: {
        orderBy: { createdAt: 'asc' },
        select: {
          headline: true,
          about: true,
          technologyReadiness: true,
          freeTags: true,
          optedIn: true,
          createdAt: true,
          updatedAt: true,
          event: { select: { title: true } },
          capabilities: { select: { capability: { select: { label: true } } } },
          marketItems: {
            orderBy: { createdAt: 'asc' },
            select: { kind: true, title: true, description: true, createdAt: true, capability: { select: { label: true } } },
          },
        },
      },
      blockedSlots: {
        orderBy: { slot: { startsAt: 'asc' } },
        select: { event: { select: { title: true } }, slot: { select: { startsAt: true, endsAt: true } } },
      },
      calendarFeedTokens: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, revokedAt: true, lastUsedAt: true } },
      outboxMessages: {
        orderBy: { createdAt: 'asc' },
        select: { kind: true, subject: true, status: true, createdAt: true, sentAt: true },
      },
      emailUnsubscribes: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, event: { select: { title: true } } } },
    },
  })

  const requestSelect = {
    status: true,
    message: true,
    declineReason: true,
    createdAt: true,
    respondedAt: true,
    eventId: true,
    event: { select: { title: true } },
    requester: { select: { id: true } },
    recipient: { select: { id: true } },
    proposedSlots: { orderBy: { slot: { startsAt: 'asc' as const } }, select: { slot: { select: { startsAt: true, endsAt: true } } } },
  } as const
  const [requests, meetings] = await Promise.all([
    db.meetingRequest.findMany({
      where: { OR: [{ requesterId: userId }, { recipientId: userId }] },
      orderBy: { createdAt: 'asc' },
      select: requestSelect,
    }),
    db.meeting.findMany({
      where: { participants: { some: { userId } } },
      orderBy: { slot: { startsAt: 'asc' } },
      select: {
        eventId: true,
        status: true,
        cancelledAt: true,
        event: { select: { title: true } },
        slot: { select: { startsAt: true, endsAt: true } },
        table: { select: { number: true, name: true } },
        participants: { where: { userId: { not: userId } }, select: { userId: true } },
      },
    }),
  ])
  // The other people's names and organisations as each event knows them: nothing else of theirs.
  const others = new Map<string, { name: string; organisation: string | null }>()
  const wanted = new Map<string, Set<string>>()
  const want = (eventId: string, otherId: string) => wanted.set(eventId, (wanted.get(eventId) ?? new Set()).add(otherId))
  for (const request of requests) want(request.eventId, request.requester.id === userId ? request.recipient.id : request.requester.id)
  for (const meeting of meetings) for (const participant of meeting.participants) want(meeting.eventId, participant.userId)
  for (const [eventId, ids] of wanted) {
    const people = await db.user.findMany({ where: { id: { in: [...ids] } }, select: eventPersonSelect(eventId, { id: true, name: true }) })
    for (const person of people.map(asEventPerson)) others.set(`${eventId}:${person.id}`, { name: person.name, organisation: person.organisation?.name ?? null })
  }
  const other = (eventId: string, id: string) => others.get(`${eventId}:${id}`) ?? { name: 'Someone since removed', organisation: null }

  return {
    generatedAt: new Date(),
    account: {
      email: user.email,
      name: user.name,
      jobTitle: user.jobTitle,
      phone: user.phone,
      nationality: user.nationality,
      timeZone: user.timeZone,
      organisation: user.organisation,
      createdAt: user.createdAt,
    },
    sessions: user.sessions.map((session) => ({
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      browser: session.userAgent,
      address: session.ipAddress,
    })),
    knownDevices: user.knownDevices.map((device) => ({ firstSeenAt: device.firstSeenAt, lastSeenAt: device.lastSeenAt, browser: device.userAgent })),
    // Their names and dates only: the public keys and credential ids are of no use to the person.
    passkeys: user.passkeys.map((passkey) => ({ name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt })),
    eventRoles: user.eventRoles.map((role) => ({ event: role.event.title, role: role.role, since: role.createdAt })),
    registrations: user.registrations.map((registration) => {
      const answers = (registration.answers ?? {}) as Record<string, AnswerValue>
      return {
        event: { title: registration.event.title, startsAt: registration.event.startsAt, endsAt: registration.event.endsAt, timeZone: registration.event.timeZone },
        status: registration.status,
        organisation: registration.organisation,
        nationality: registration.nationality,
        answers: Object.entries(answers).map(([key, value]) => {
          const question = registration.event.questions.find((candidate) => candidate.key === key)
          return { question: question?.label ?? key, answer: answerText(value, question?.options) }
        }),
        consentGivenAt: registration.consentGivenAt,
        /** The wording agreed to; null for registrations made before wordings were recorded. */
        consentText: registration.consentText?.text ?? null,
        submittedAt: registration.submittedAt,
        decidedAt: registration.decidedAt,
        cancelledAt: registration.cancelledAt,
        checkedInAt: registration.checkedInAt,
        history: registration.decisions.map((decision) => ({
          action: decision.action,
          fromStatus: decision.fromStatus,
          toStatus: decision.toStatus,
          by: decision.actorId === userId ? ('you' as const) : decision.actorId ? ('organisers' as const) : ('automatic' as const),
          // What the officers wrote to the person, and what the person wrote; never an officer's own note.
          reason: decision.actorId === userId || REASON_GIVEN_TO_REGISTRANT.has(decision.action) ? decision.reason : null,
          at: decision.createdAt,
        })),
        sessions: registration.enrolments.map((enrolment) => ({
          session: enrolment.session.title,
          startsAt: enrolment.session.startsAt,
          endsAt: enrolment.session.endsAt,
          status: enrolment.status,
          signedUpAt: enrolment.createdAt,
          leftAt: enrolment.cancelledAt,
        })),
      }
    }),
    matchmakingProfiles: user.matchmakingProfiles.map((profile) => ({
      event: profile.event.title,
      headline: profile.headline,
      about: profile.about,
      technologyReadiness: profile.technologyReadiness,
      tags: Array.isArray(profile.freeTags) ? (profile.freeTags as string[]) : [],
      capabilities: profile.capabilities.map(({ capability }) => capability.label),
      optedIn: profile.optedIn,
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
      marketplace: profile.marketItems.map((item) => ({
        kind: item.kind,
        title: item.title,
        description: item.description,
        capability: item.capability?.label ?? null,
        createdAt: item.createdAt,
      })),
    })),
    meetingRequests: requests.map((request) => {
      const sent = request.requester.id === userId
      return {
        event: request.event.title,
        direction: sent ? ('sent' as const) : ('received' as const),
        with: other(request.eventId, sent ? request.recipient.id : request.requester.id),
        status: request.status,
        // The message was written to the recipient; the decline reason to the requester.
        message: request.message,
        declineReason: request.declineReason,
        proposedTimes: request.proposedSlots.map(({ slot }) => slot),
        createdAt: request.createdAt,
        respondedAt: request.respondedAt,
      }
    }),
    meetings: meetings.map((meeting) => ({
      event: meeting.event.title,
      startsAt: meeting.slot.startsAt,
      endsAt: meeting.slot.endsAt,
      table: meeting.table.name ?? `Table ${meeting.table.number}`,
      with: meeting.participants.map((participant) => other(meeting.eventId, participant.userId).name),
      status: meeting.status,
      cancelledAt: meeting.cancelledAt,
    })),
    blockedSlots: user.blockedSlots.map((block) => ({ event: block.event.title, startsAt: block.slot.startsAt, endsAt: block.slot.endsAt })),
    calendarFeeds: user.calendarFeedTokens.map((feed) => ({ createdAt: feed.createdAt, revokedAt: feed.revokedAt, lastUsedAt: feed.lastUsedAt })),
    emails: user.outboxMessages.map((message) => ({
      subject: message.subject,
      kind: message.kind,
      queuedAt: message.createdAt,
      sentAt: message.sentAt,
      status: message.status,
    })),
    organisersMessagesStopped: user.emailUnsubscribes.map((stop) => ({ event: stop.event.title, since: stop.createdAt })),
  }
}

/** The download's file name: muster-data-<date>.json */
export function personalDataFilename(now = new Date()) {
  return `muster-data-${now.toISOString().slice(0, 10)}.json`
}

// ---------- Erasure ----------

/** The events this person is the only owner of: they must hand them over before erasing. */
export async function eventsOnlyOwnedBy(db: Db, userId: string) {
  const owned = await db.eventRole.findMany({
    where: { userId, role: 'OWNER' },
    select: { eventId: true, event: { select: { title: true } } },
  })
  const sole: string[] = []
  for (const role of owned) {
    const otherOwners = await db.eventRole.count({ where: { eventId: role.eventId, role: 'OWNER', userId: { not: userId } } })
    if (otherOwners === 0) sole.push(role.event.title)
  }
  return sole
}

export function erasedEmail(userId: string) {
  return `erased-${userId}@erased.invalid`
}

export const ERASED_NAME = 'Erased account'

export type ErasureReport = {
  alreadyErased: boolean
  registrationsCancelled: number
  requestsClosed: number
  meetingsCancelled: number
}

/**
 * Erases the person's account: ends what they take part in (telling the other people, with
 * CANCEL invites), then replaces their personal data in one transaction. Refused while they are
 * the only owner of an event. Running it again is harmless.
 */
export async function eraseAccount(db: Db, input: { userId: string; now?: Date }): Promise<ErasureReport> {
  const now = input.now ?? new Date()
  const { userId } = input
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, erasedAt: true } })
  if (!user) throw new DomainError('not-found', 'There is no such account.', { code: 'not-found' })
  const report: ErasureReport = { alreadyErased: user.erasedAt !== null, registrationsCancelled: 0, requestsClosed: 0, meetingsCancelled: 0 }
  if (user.erasedAt) return report
  const soleOwner = await eventsOnlyOwnedBy(db, userId)
  if (soleOwner.length > 0) {
    throw new DomainError('conflict', `You are the only owner of ${soleOwner.join(', ')}. Make another person an owner of ${soleOwner.length === 1 ? 'that event' : 'those events'} first, then erase your account.`, { code: 'sole-owner' })
  }
  const live = { endsAt: { gt: now } }

  // 1. Out of matchmaking first: nobody can send a new request or book a meeting with them
  //    (every booking needs an opted-in profile) while the rest is wound down.
  await db.$transaction(async (tx) => {
    const profiles = await tx.matchmakingProfile.findMany({ where: { userId }, select: { id: true } })
    const profileIds = profiles.map((profile) => profile.id)
    await tx.matchmakingProfile.updateMany({ where: { userId }, data: { optedIn: false, headline: '', about: null, technologyReadiness: null, freeTags: [] } })
    await tx.marketplaceItem.deleteMany({ where: { profileId: { in: profileIds } } })
    await tx.profileCapability.deleteMany({ where: { profileId: { in: profileIds } } })
    await tx.blockedSlot.deleteMany({ where: { userId } })
  }, busyTransactionOptions)

  // 2. Open meeting requests of events still to come: withdrawn (sent) or declined (received);
  //    the other person is told, and the requester's quota freed.
  const requests = await db.meetingRequest.findMany({
    where: { status: 'PENDING', event: live, OR: [{ requesterId: userId }, { recipientId: userId }] },
    orderBy: { createdAt: 'asc' },
    select: { id: true, eventId: true, requesterId: true },
  })
  for (const request of requests) {
    try {
      if (request.requesterId === userId) await withdrawMeetingRequest(db, { eventId: request.eventId, requestId: request.id, userId, now })
      else await declineMeetingRequest(db, { eventId: request.eventId, requestId: request.id, userId, reason: null, now })
      report.requestsClosed++
    } catch (error) {
      // Answered a moment ago: a meeting it booked is cancelled below.
      if (!isDomainError(error, 'conflict')) throw error
    }
  }

  // 3. Confirmed meetings not yet over: cancelled, both people get the CANCEL invite.
  const meetings = await db.meeting.findMany({
    where: { status: 'CONFIRMED', participants: { some: { userId } }, slot: { endsAt: { gt: now } } },
    orderBy: { slot: { startsAt: 'asc' } },
    select: { id: true, eventId: true },
  })
  for (const meeting of meetings) {
    try {
      await cancelMeeting(db, { eventId: meeting.eventId, meetingId: meeting.id, userId, now })
      report.meetingsCancelled++
    } catch (error) {
      if (!isDomainError(error, 'conflict')) throw error
    }
  }

  // 4. Live registrations of events not yet over, as a self-cancellation: the seat goes to the
  //    next person waiting, breakout seats are released (and their waiting lists promoted).
  const registrations = await db.registration.findMany({
    where: { userId, status: { in: [...LIVE_REGISTRATION] }, event: live },
    orderBy: { submittedAt: 'asc' },
    select: { id: true, eventId: true },
  })
  for (const registration of registrations) {
    try {
      await cancelOwnRegistration(db, { eventId: registration.eventId, registrationId: registration.id, userId, now })
      report.registrationsCancelled++
    } catch (error) {
      if (!isDomainError(error, 'conflict')) throw error
    }
  }

  // 5. What is left of the person, in one transaction.
  await db.$transaction(async (tx) => {
    const registrationIds = (await tx.registration.findMany({ where: { userId }, select: { id: true } })).map((row) => row.id)
    // Signed out everywhere; no way back in: no sign-in codes, passkeys, devices, feeds or counters under the address.
    await tx.session.deleteMany({ where: { userId } })
    await tx.knownDevice.deleteMany({ where: { userId } })
    await tx.passkey.deleteMany({ where: { userId } })
    await tx.webAuthnChallenge.deleteMany({ where: { userId } })
    await tx.calendarFeedToken.deleteMany({ where: { userId } })
    await forgetSignInAddress(tx, user.email)
    // Nothing more is sent to them: unsent mail is withdrawn (the CANCELs to the other people stay),
    // and the copies kept of what was sent lose the address and the text. A message a worker is
    // sending right now goes too: the worker would write its rendered text back on delivery.
    const addressed = { OR: [{ userId }, { toEmail: user.email }] }
    await tx.outboxMessage.deleteMany({ where: { ...addressed, status: { in: ['PENDING', 'SENDING', 'FAILED'] } } })
    await tx.outboxMessage.updateMany({
      where: addressed,
      data: { toEmail: erasedEmail(userId), toName: null, template: null, payload: null, html: '', text: '', icsContent: null, lastError: null },
    })
    // Who organisers' messages went to keeps the person, without their name or address.
    await tx.eventMessageRecipient.updateMany({ where: { userId }, data: { name: ERASED_NAME, email: erasedEmail(userId) } })
    // Their answers and what they wrote; the history of status changes stays, without their words.
    await tx.registration.updateMany({ where: { userId }, data: { answers: {}, nationality: null } })
    await tx.vettingDecision.updateMany({ where: { registrationId: { in: registrationIds }, actorId: userId }, data: { reason: null, changes: DbNull } })
    await tx.meetingRequest.updateMany({ where: { requesterId: userId }, data: { message: null } })
    await tx.meetingRequest.updateMany({ where: { recipientId: userId }, data: { declineReason: null } })
    // The audit trail stays (who did what, when) without values about them or their address.
    await tx.auditLogEntry.updateMany({
      where: { OR: [{ entityType: 'User', entityId: userId }, { entityType: 'Registration', entityId: { in: registrationIds } }] },
      data: { data: DbNull },
    })
    await tx.auditLogEntry.updateMany({ where: { actorId: userId }, data: { ipAddress: null } })
    await tx.eventRole.deleteMany({ where: { userId } })
    await tx.user.update({
      where: { id: userId },
      data: {
        name: ERASED_NAME,
        email: erasedEmail(userId),
        jobTitle: null,
        phone: null,
        nationality: null,
        timeZone: null,
        organisationId: null,
        isPlatformAdmin: false,
        isEventCreator: false,
        erasedAt: now,
      },
      select: { id: true },
    })
  }, busyTransactionOptions)
  return report
}
