// Downloading one's data and erasing one's account, on SQLite and PostgreSQL: the export holds
// every kind of the person's data and no secrets or other people's details; erasing ends
// registrations, breakout seats, requests and meetings the way the person would one by one
// (seats go to the waiting list, the other people get exactly one CANCEL each), then leaves no
// personal data, no way back in and nothing queued to the address; a second erasure does nothing;
// the only owner of an event is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { createFeedLink } from '#app/domain/calendar/feeds.server.ts'
import { acceptMeetingRequest, blockSlot, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { eraseAccount, erasedEmail, getPersonalData } from '#app/domain/privacy/privacy.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { hashSecret } from '#app/lib/tokens.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { createMeetingEvent, createParticipants, expectConsistentBookings } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails, findQueuedEmail } from '#tests/support/outbox.ts'

describe.each(providers)('downloading and erasing one’s data on %s', (provider: Provider) => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  /**
   * Ana (erased below) holds an event seat with Dan waiting for one, the only breakout seat with
   * Cleo waiting, a confirmed meeting with Ben, a request to Erin and one from Cleo, answers,
   * officers' decisions, a profile with a post, a blocked slot, a session, a device, a feed link,
   * a sign-in code and audit entries.
   */
  async function stage() {
    const { db } = test
    const event = await createMeetingEvent(db)
    const [ana, ben, cleo, erin] = await createParticipants(db, event.id, 4)
    const dan = await createUser(db, 'Dan Waiting')
    await db.event.update({ where: { id: event.id }, data: { capacity: 4, seatsTaken: 4, waitlistCounter: 1 } })
    await db.registration.create({ data: { ...registrationData(event.id, dan.id), status: 'WAITLISTED', waitlistNumber: 1, waitlistedAt: new Date() } })
    await db.registrationQuestion.create({ data: { eventId: event.id, key: 'dietary', label: 'Dietary requirements', kind: 'TEXT' } })
    await db.registration.update({ where: { eventId_userId: { eventId: event.id, userId: ana!.id } }, data: { answers: { dietary: 'Vegetarian, no nuts' }, nationality: 'BE' } })
    await db.registration.update({ where: { eventId_userId: { eventId: event.id, userId: ben!.id } }, data: { answers: { dietary: 'Ben’s own answer' } } })
    await db.user.update({ where: { id: ana!.id }, data: { jobTitle: 'Chief engineer', phone: '+32 2 555 0101', nationality: 'BE', timeZone: 'Europe/Brussels' } })
    const registration = await db.registration.findUniqueOrThrow({ where: { eventId_userId: { eventId: event.id, userId: ana!.id } }, select: { id: true, badgeCode: true } })
    const officer = await createUser(db, 'Officer Olsen')
    await db.vettingDecision.createMany({
      data: [
        { registrationId: registration.id, actorId: ana!.id, action: 'SUBMITTED', toStatus: 'PENDING', createdAt: new Date(Date.now() - 5000) },
        { registrationId: registration.id, actorId: officer.id, action: 'INFO_REQUESTED', fromStatus: 'PENDING', toStatus: 'PENDING', reason: 'Please confirm your clearance level', createdAt: new Date(Date.now() - 4000) },
        { registrationId: registration.id, actorId: ana!.id, action: 'EDITED', fromStatus: 'PENDING', toStatus: 'PENDING', reason: 'My clearance is SECRET', changes: { dietary: { before: 'x', after: 'y' } }, createdAt: new Date(Date.now() - 3000) },
        { registrationId: registration.id, actorId: officer.id, action: 'APPROVED', fromStatus: 'PENDING', toStatus: 'APPROVED', reason: 'Internal: known supplier, fast-tracked', createdAt: new Date(Date.now() - 2000) },
      ],
    })
    const profile = await db.matchmakingProfile.update({
      where: { eventId_userId: { eventId: event.id, userId: ana!.id } },
      data: { about: 'We build RF detectors.', freeTags: ['rf', 'detection'] },
      select: { id: true },
    })
    await db.marketplaceItem.create({ data: { eventId: event.id, profileId: profile.id, kind: 'OFFER', title: 'Passive RF detector', description: 'Detects drones by their radio link.' } })

    const breakout = await db.agendaSession.create({
      data: {
        eventId: event.id,
        slug: 'breakout-detection',
        title: 'Breakout: detection',
        kind: 'BREAKOUT',
        startsAt: new Date(event.slots[0]!.startsAt.getTime() - 2 * 3_600_000),
        endsAt: new Date(event.slots[0]!.startsAt.getTime() - 3_600_000),
        capacity: 1,
        signUpRequired: true,
        calendarUid: `session-${event.slug}-breakout@muster.test`,
      },
      select: { id: true },
    })
    expect((await signUpForSession(db, { sessionId: breakout.id, userId: ana!.id })).status).toBe('ENROLLED')
    expect((await signUpForSession(db, { sessionId: breakout.id, userId: cleo!.id })).status).toBe('WAITLISTED')

    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[1]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[1]!.id })
    const toErin = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: erin!.id, slotIds: [event.slots[2]!.id], message: 'Ana’s note to Erin' })
    const fromCleo = await requestMeeting(db, { eventId: event.id, requesterId: cleo!.id, recipientId: ana!.id, slotIds: [event.slots[3]!.id] })
    await blockSlot(db, { eventId: event.id, userId: ana!.id, slotId: event.slots[4]!.id })

    const session = await createSession(db, ana!.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', ipAddress: '198.51.100.23' })
    await db.knownDevice.create({ data: { userId: ana!.id, deviceHash: hashSecret('device-token-of-ana'), userAgent: 'Mozilla/5.0 Firefox/128.0' } })
    await db.passkey.create({
      data: { userId: ana!.id, credentialId: `credential-of-${ana!.id}`, publicKey: 'public-key-of-ana', deviceType: 'multiDevice', name: 'Ana’s phone' },
    })
    const feed = await createFeedLink(db, ana!.id)
    const feedToken = feed.https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
    await db.signInToken.create({
      data: { email: ana!.email, tokenHash: hashSecret(`sign-in-link-of-${ana!.id}`), codeHash: hashSecret('123456'), expiresAt: new Date(Date.now() + 600_000) },
    })
    await db.rateLimitWindow.create({ data: { key: `sign-in:email:${ana!.email}`, windowStart: new Date(), hits: 1 } })
    await db.auditLogEntry.createMany({
      data: [
        { eventId: event.id, actorId: officer.id, action: 'registration.viewed', entityType: 'Registration', entityId: registration.id, data: { email: ana!.email }, ipAddress: '192.0.2.1' },
        { eventId: event.id, actorId: ana!.id, action: 'session.edited', entityType: 'AgendaSession', entityId: breakout.id, data: { title: 'old' }, ipAddress: '198.51.100.23' },
      ],
    })
    return { event, ana: ana!, ben: ben!, cleo: cleo!, erin: erin!, dan, officer, breakout, registration, session, feedToken, toErin, fromCleo }
  }

  it('exports every kind of the person’s data, and no secrets or other people’s details', async () => {
    const { db } = test
    const s = await stage()
    const personal = await getPersonalData(db, s.ana.id)
    const json = JSON.stringify(personal)

    expect(personal.account).toMatchObject({ email: s.ana.email, name: 'Participant 1', jobTitle: 'Chief engineer', nationality: 'BE', timeZone: 'Europe/Brussels' })
    expect(personal.account.organisation?.name).toBe('Org 1')
    expect(personal.sessions).toEqual([expect.objectContaining({ browser: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', address: '198.51.100.23' })])
    expect(personal.knownDevices).toEqual([expect.objectContaining({ browser: 'Mozilla/5.0 Firefox/128.0' })])
    expect(personal.passkeys).toEqual([{ name: 'Ana’s phone', createdAt: expect.any(Date), lastUsedAt: null }])
    expect(json).not.toContain('public-key-of-ana')
    expect(json).not.toContain('credential-of-')
    const [registration] = personal.registrations
    expect(registration).toMatchObject({ event: { title: 'B2B Test Day' }, status: 'APPROVED', nationality: 'BE', organisation: { name: 'Org 1' } })
    expect(registration!.answers).toEqual([{ question: 'Dietary requirements', answer: 'Vegetarian, no nuts' }])
    expect(registration!.history.map((entry) => [entry.action, entry.by, entry.reason])).toEqual([
      ['SUBMITTED', 'you', null],
      ['INFO_REQUESTED', 'organisers', 'Please confirm your clearance level'],
      ['EDITED', 'you', 'My clearance is SECRET'],
      // The officer's note on approving was never sent to Ana: it is not hers to read.
      ['APPROVED', 'organisers', null],
    ])
    expect(registration!.sessions).toEqual([expect.objectContaining({ session: 'Breakout: detection', status: 'ENROLLED' })])
    expect(personal.matchmakingProfiles).toEqual([
      expect.objectContaining({ headline: 'Participant 1\'s offer', about: 'We build RF detectors.', tags: ['rf', 'detection'], marketplace: [expect.objectContaining({ kind: 'OFFER', title: 'Passive RF detector' })] }),
    ])
    expect(personal.meetingRequests.map((request) => [request.direction, request.with, request.status])).toEqual([
      ['sent', { name: 'Participant 2', organisation: 'Org 2' }, 'ACCEPTED'],
      ['sent', { name: 'Participant 4', organisation: 'Org 4' }, 'PENDING'],
      ['received', { name: 'Participant 3', organisation: 'Org 3' }, 'PENDING'],
    ])
    expect(personal.meetings).toEqual([expect.objectContaining({ table: 'Table 1', with: ['Participant 2'], status: 'CONFIRMED', startsAt: s.event.slots[1]!.startsAt })])
    expect(personal.blockedSlots).toEqual([expect.objectContaining({ startsAt: s.event.slots[4]!.startsAt })])
    expect(personal.calendarFeeds).toEqual([expect.objectContaining({ revokedAt: null })])
    expect(personal.emails.map((email) => email.kind)).toEqual(expect.arrayContaining(['session-enrolled', 'meeting-accepted', 'meeting-request-received']))
    for (const email of personal.emails) expect(Object.keys(email).sort()).toEqual(['kind', 'queuedAt', 'sentAt', 'status', 'subject'])

    // No secrets: session and device hashes, the feed token or its hash, the badge code, sign-in codes.
    for (const secret of [s.session.sessionId, hashSecret('device-token-of-ana'), s.feedToken, hashSecret(s.feedToken), s.registration.badgeCode, hashSecret('123456')]) {
      expect(json).not.toContain(secret)
    }
    // Nobody else's email address or answers, and no officer's internal note.
    for (const other of [s.ben, s.cleo, s.erin]) expect(json).not.toContain(other.email)
    expect(json).not.toContain('Ben’s own answer')
    expect(json).not.toContain('Internal: known supplier')
    expect(json).not.toContain('Officer Olsen')
  })

  it('erases: seats and waiting lists move, the other people get one CANCEL each, and nothing personal or sendable is left', async () => {
    const { db } = test
    const s = await stage()
    const bookedForBen = await findQueuedEmail(db, { where: { userId: s.ben.id, kind: 'meeting-accepted' } })
    const auditBefore = await db.auditLogEntry.count()

    const report = await eraseAccount(db, { userId: s.ana.id })
    expect(report).toEqual({ alreadyErased: false, registrationsCancelled: 1, requestsClosed: 2, meetingsCancelled: 1 })

    // The user row keeps no personal data.
    const user = await db.user.findUniqueOrThrow({
      where: { id: s.ana.id },
      select: { name: true, email: true, jobTitle: true, phone: true, nationality: true, timeZone: true, organisationId: true, erasedAt: true },
    })
    expect(user).toMatchObject({ name: 'Erased account', email: erasedEmail(s.ana.id), jobTitle: null, phone: null, nationality: null, timeZone: null, organisationId: null })
    expect(user.erasedAt).toBeInstanceOf(Date)
    expect(user.email).toMatch(/@erased\.invalid$/)

    // No way back in.
    expect(await db.session.count({ where: { userId: s.ana.id } })).toBe(0)
    expect(await db.knownDevice.count({ where: { userId: s.ana.id } })).toBe(0)
    expect(await db.passkey.count({ where: { userId: s.ana.id } })).toBe(0)
    expect(await db.calendarFeedToken.count({ where: { userId: s.ana.id } })).toBe(0)
    expect(await db.signInToken.count({ where: { email: s.ana.email } })).toBe(0)
    expect(await db.rateLimitWindow.count({ where: { key: { contains: s.ana.email } } })).toBe(0)

    // Ben: exactly one cancellation, with the meeting's UID at a higher SEQUENCE.
    const toBen = await findQueuedEmails(db, { where: { userId: s.ben.id, kind: 'meeting-cancelled' } })
    expect(toBen).toHaveLength(1)
    expect(toBen[0]!.icsMethod).toBe('CANCEL')
    const booked = readWithIcalJs(bookedForBen.icsContent!).events[0]!
    const cancelled = readWithIcalJs(toBen[0]!.icsContent!).events[0]!
    expect(cancelled.uid).toBe(booked.uid)
    expect(cancelled.sequence).toBeGreaterThan(booked.sequence)
    expect(cancelled.status).toBe('CANCELLED')
    // Erin is told the request was withdrawn, Cleo that hers was declined.
    expect(await db.outboxMessage.count({ where: { userId: s.erin.id, kind: 'meeting-withdrawn' } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { userId: s.cleo.id, kind: 'meeting-declined' } })).toBe(1)
    expect(await db.meetingRequest.count({ where: { id: { in: [s.toErin.requestId, s.fromCleo.requestId] }, status: 'PENDING' } })).toBe(0)
    await expectConsistentBookings(db, s.event.id)

    // Dan got the event seat, Cleo the breakout seat, each with their invite.
    expect(await db.registration.findUniqueOrThrow({ where: { eventId_userId: { eventId: s.event.id, userId: s.dan.id } }, select: { status: true } })).toEqual({ status: 'APPROVED' })
    expect(await db.outboxMessage.count({ where: { userId: s.dan.id, kind: 'registration-promoted', icsMethod: 'REQUEST' } })).toBe(1)
    const cleoSeat = await db.sessionEnrolment.findFirstOrThrow({ where: { sessionId: s.breakout.id, registration: { userId: s.cleo.id } }, select: { status: true } })
    expect(cleoSeat.status).toBe('ENROLLED')
    expect(await db.outboxMessage.count({ where: { userId: s.cleo.id, kind: 'session-promoted', icsMethod: 'REQUEST' } })).toBe(1)
    const event = await db.event.findUniqueOrThrow({ where: { id: s.event.id }, select: { seatsTaken: true, capacity: true } })
    expect(event.seatsTaken).toBe(4)

    // Ana's registration: cancelled, no answers, no words of hers; the history stays.
    const registration = await db.registration.findUniqueOrThrow({
      where: { id: s.registration.id },
      select: { status: true, answers: true, nationality: true, decisions: { orderBy: { createdAt: 'asc' }, select: { action: true, reason: true, changes: true, actorId: true } } },
    })
    expect(registration).toMatchObject({ status: 'CANCELLED', answers: {}, nationality: null })
    expect(registration.decisions.map((d) => d.action)).toEqual(['SUBMITTED', 'INFO_REQUESTED', 'EDITED', 'APPROVED', 'CANCELLED'])
    for (const decision of registration.decisions.filter((d) => d.actorId === s.ana.id)) expect([decision.reason, decision.changes]).toEqual([null, null])
    const request = await db.meetingRequest.findUniqueOrThrow({ where: { id: s.toErin.requestId }, select: { message: true } })
    expect(request.message).toBeNull()
    const profile = await db.matchmakingProfile.findFirstOrThrow({ where: { userId: s.ana.id }, select: { optedIn: true, headline: true, about: true, _count: { select: { marketItems: true } } } })
    expect(profile).toEqual({ optedIn: false, headline: '', about: null, _count: { marketItems: 0 } })
    expect(await db.blockedSlot.count({ where: { userId: s.ana.id } })).toBe(0)

    // Nothing more goes to Ana: nothing unsent, and the kept copies lost the address and the text.
    expect(await db.outboxMessage.count({ where: { toEmail: s.ana.email } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { userId: s.ana.id, status: { in: ['PENDING', 'FAILED'] } } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { userId: s.ana.id, NOT: { text: '' } } })).toBe(0)

    // The audit trail stays, without values about her or her address.
    expect(await db.auditLogEntry.count()).toBe(auditBefore)
    const viewed = await db.auditLogEntry.findFirstOrThrow({ where: { entityId: s.registration.id }, select: { data: true, ipAddress: true, actorId: true } })
    expect(viewed).toEqual({ data: null, ipAddress: '192.0.2.1', actorId: s.officer.id })
    const hers = await db.auditLogEntry.findFirstOrThrow({ where: { actorId: s.ana.id }, select: { ipAddress: true } })
    expect(hers.ipAddress).toBeNull()

    // Twice is harmless: nothing changes, nothing is queued.
    const outbox = await db.outboxMessage.count()
    expect(await eraseAccount(db, { userId: s.ana.id })).toEqual({ alreadyErased: true, registrationsCancelled: 0, requestsClosed: 0, meetingsCancelled: 0 })
    expect(await db.outboxMessage.count()).toBe(outbox)
    expect((await db.user.findUniqueOrThrow({ where: { id: s.ana.id }, select: { email: true } })).email).toBe(erasedEmail(s.ana.id))
  })

  it('refuses the only owner of an event until someone else owns it too', async () => {
    const { db } = test
    const event = await createEvent(db)
    const owner = await createUser(db, 'Only Owner')
    await db.eventRole.create({ data: { eventId: event.id, userId: owner.id, role: 'OWNER' } })
    const refused = await eraseAccount(db, { userId: owner.id }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DomainError)
    expect(refused).toMatchObject({ reason: 'conflict', code: 'sole-owner', message: expect.stringContaining('only owner of Test Industry Day') })
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { erasedAt: true } })).erasedAt).toBeNull()

    const second = await createUser(db, 'Second Owner')
    await db.eventRole.create({ data: { eventId: event.id, userId: second.id, role: 'OWNER' } })
    expect((await eraseAccount(db, { userId: owner.id })).alreadyErased).toBe(false)
    expect(await db.eventRole.count({ where: { eventId: event.id, role: 'OWNER' } })).toBe(1)
  })
})
