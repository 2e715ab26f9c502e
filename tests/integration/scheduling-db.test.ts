// The scheduler's database side on SQLite and PostgreSQL: the input read from the rows, a
// preview applied as previewed (meetings, counters, one invite per person), a refusal when
// bookings changed after the preview, limits, and two applies at once (two app instances on
// PostgreSQL) that never double-book; the console's live numbers and the meeting exports,
// with spreadsheet formulas in names neutralised; must-meet pairs added and removed.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import {
  addMustMeetPair,
  BUYER_MUST_MEET_PRIORITY,
  getBuyerMustMeet,
  getMatchmakingNumbers,
  getMustMeetPairs,
  meetingsCsv,
  meetingsWorkbook,
  markMustMeetAsBuyer,
  removeMustMeetPair,
  unmarkMustMeetAsBuyer,
} from '#app/domain/matchmaking/console.server.ts'
import { acceptMeetingRequest, blockSlot, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { applySchedule, loadSchedulingInput, previewSchedule } from '#app/domain/scheduling/plans.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createUser } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { createMeetingEvent, createParticipants, expectConsistentBookings } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

describe.each(providers)('scheduling against the database on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  const mustMeet = (eventId: string, a: string, b: string, priority = 1) => {
    const [firstUserId, secondUserId] = [a, b].sort() as [string, string]
    return test.db.mustMeetPair.create({ data: { eventId, firstUserId, secondUserId, priority }, select: { id: true } })
  }

  /** Nobody and no table twice in a slot among confirmed meetings; each meeting counter equals its seats. */

  it('reads slots, tables, participants, blocks, meetings, must-meet pairs and accepted requests without a meeting', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 4, tables: 2, maxMeetingsPerPerson: 3 })
    const [buyer, ana, ben, cleo, dan] = await createParticipants(db, event.id, 5)
    await db.organisation.update({ where: { id: buyer!.organisationId }, data: { kind: 'GOVERNMENT_BUYER' }, select: { id: true } })
    const outsider = await createUser(db, 'Not Registered')

    const pair = await mustMeet(event.id, buyer!.id, ana!.id, 2)
    await mustMeet(event.id, ben!.id, outsider.id)
    // Already met: the pair is left out.
    await mustMeet(event.id, cleo!.id, dan!.id)
    const { requestId: metRequest } = await requestMeeting(db, { eventId: event.id, requesterId: cleo!.id, recipientId: dan!.id, slotIds: [event.slots[0]!.id] })
    const met = await acceptMeetingRequest(db, { eventId: event.id, requestId: metRequest, userId: dan!.id, slotId: event.slots[0]!.id })
    // Accepted without a meeting (e.g. imported) and also a must-meet pair: one entry with both.
    const accepted = await db.meetingRequest.create({
      data: { eventId: event.id, requesterId: ben!.id, recipientId: cleo!.id, status: 'ACCEPTED', respondedAt: new Date() },
      select: { id: true },
    })
    await mustMeet(event.id, ben!.id, cleo!.id, 3)
    // Pending: not scheduled, the recipient has not said yes.
    await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: dan!.id, slotIds: [event.slots[1]!.id] })
    await blockSlot(db, { eventId: event.id, userId: ana!.id, slotId: event.slots[2]!.id })

    const { input } = await loadSchedulingInput(db, event.id, new Date())
    expect(input.mode).toBe('keep-existing')
    expect(input.meetingLimitPerPerson).toBe(3)
    expect(input.slots.map((slot) => slot.id)).toEqual(event.slots.map((slot) => slot.id))
    expect(input.tables.map((table) => table.number)).toEqual([1, 2])
    expect(input.participants.map((person) => person.id).sort()).toEqual([buyer!, ana!, ben!, cleo!, dan!].map((person) => person.id).sort())
    expect(input.participants.find((person) => person.id === ana!.id)!.blockedSlotIds).toEqual([event.slots[2]!.id])
    expect(input.existingMeetings).toEqual([
      expect.objectContaining({ id: met.meetingId, slotId: event.slots[0]!.id, participantIds: [cleo!.id, dan!.id].sort(), mutualInterest: true }),
    ])
    const requests = [...input.requests].sort((a, b) => (a.mustMeetPriority ?? 0) - (b.mustMeetPriority ?? 0))
    expect(requests).toEqual([
      expect.objectContaining({ participantIds: [ben!.id, outsider.id].sort(), mustMeetPriority: 1, buyerInvolved: false, mutualInterest: false }),
      expect.objectContaining({ id: pair.id, mustMeetPriority: 2, buyerInvolved: true, mutualInterest: false }),
      expect.objectContaining({ id: accepted.id, participantIds: [ben!.id, cleo!.id], mustMeetPriority: 3, mutualInterest: true }),
    ])

    const preview = await previewSchedule(db, { eventId: event.id })
    expect(preview.keptCount).toBe(1)
    expect(preview.placements).toHaveLength(2)
    const anaPlacement = preview.placements.find((placement) => placement.id === pair.id)!
    expect(anaPlacement.slotId).not.toBe(event.slots[2]!.id)
    expect(anaPlacement.origin).toBe('Must meet (priority 2)')
    expect(preview.placements.find((placement) => placement.id === accepted.id)!.origin).toBe('Must meet (priority 3), Accepted request')
    expect(preview.unplaced).toEqual([
      expect.objectContaining({ people: expect.arrayContaining(['Participant 3 (Org 3)', 'Not Registered']), reason: expect.stringMatching(/not a participant/) }),
    ])
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    // The view names people with their organisation, never their email.
    expect(JSON.stringify(preview)).not.toContain('@example.org')
  })

  it('applies exactly the previewed placements, one invite per person, and refuses a stale preview', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 3, tables: 2, maxMeetingsPerPerson: 1 })
    const [ana, ben, cleo, dan, eva] = await createParticipants(db, event.id, 5)
    await mustMeet(event.id, ana!.id, ben!.id, 2)
    // The limit is 1: only the heavier pair gets Ana.
    await mustMeet(event.id, ana!.id, cleo!.id, 1)
    const accepted = await db.meetingRequest.create({
      data: { eventId: event.id, requesterId: dan!.id, recipientId: eva!.id, status: 'ACCEPTED', respondedAt: new Date() },
      select: { id: true },
    })

    const stale = await previewSchedule(db, { eventId: event.id })
    expect(stale.placements.map((placement) => placement.participantIds)).toContainEqual([ana!.id, ben!.id].sort())
    expect(stale.unplaced.map((unplaced) => unplaced.reason)).toEqual([expect.stringMatching(/limit/)])
    // Between preview and apply, Ben accepts Cleo's request and reaches his limit: the input
    // changed, so the stale plan (Ana with Ben) is refused and nothing is booked.
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: cleo!.id, recipientId: ben!.id, slotIds: [event.slots[0]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[0]!.id })
    await expect(applySchedule(db, { eventId: event.id, actorId: ana!.id, fingerprint: stale.fingerprint })).rejects.toThrow(DomainError)
    expect(await db.meeting.count({ where: { eventId: event.id, source: 'SCHEDULER' } })).toBe(0)

    const preview = await previewSchedule(db, { eventId: event.id })
    expect(preview.fingerprint).not.toBe(stale.fingerprint)
    const applied = await applySchedule(db, { eventId: event.id, actorId: ana!.id, fingerprint: preview.fingerprint })
    expect(applied.bookedCount).toBe(preview.placements.length)
    const meetings = await db.meeting.findMany({
      where: { eventId: event.id, source: 'SCHEDULER' },
      select: { id: true, slotId: true, requestId: true, participants: { select: { userId: true } } },
    })
    const booked = meetings.map((meeting) => ({ slotId: meeting.slotId, participantIds: meeting.participants.map((p) => p.userId).sort() }))
    expect(booked.sort((a, b) => a.slotId.localeCompare(b.slotId))).toEqual(
      preview.placements.map(({ slotId, participantIds }) => ({ slotId, participantIds })).sort((a, b) => a.slotId.localeCompare(b.slotId)),
    )
    expect(meetings.find((meeting) => meeting.requestId === accepted.id)).toBeDefined()
    expect(booked.map((meeting) => meeting.participantIds)).not.toContainEqual([ana!.id, ben!.id].sort())

    // One invite per participant of each new meeting, METHOD:REQUEST at the meeting's slot.
    for (const meeting of meetings) {
      const invites = await findQueuedEmails(db, { where: { idempotencyKey: { startsWith: `meeting:accepted:${meeting.id}:` } } })
      expect(invites.map((invite) => invite.userId).sort()).toEqual(meeting.participants.map((p) => p.userId).sort())
      const slot = event.slots.find((candidate) => candidate.id === meeting.slotId)!
      for (const invite of invites) {
        const calendar = readWithIcalJs(invite.icsContent!)
        expect(calendar.method).toBe('REQUEST')
        expect(calendar.events[0]!.start.getTime()).toBe(slot.startsAt.getTime())
      }
    }
    await expectConsistentBookings(test.db, event.id)
    const profiles = await db.matchmakingProfile.findMany({ where: { eventId: event.id }, select: { meetingsBooked: true } })
    expect(Math.max(...profiles.map((profile) => profile.meetingsBooked))).toBeLessThanOrEqual(1)
    // Applied once: the same preview cannot book again.
    await expect(applySchedule(db, { eventId: event.id, actorId: ana!.id, fingerprint: preview.fingerprint })).rejects.toThrow(DomainError)
    expect((await previewSchedule(db, { eventId: event.id })).placements).toEqual([])
  })

  it('keeps people out of meetings while they hold a seat in a breakout, and a later seat changes the fingerprint', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 3, tables: 2 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    await mustMeet(event.id, ana!.id, ben!.id, 3)
    const first = event.slots[0]!
    // A breakout over the first two slots, and Ana on its waiting list only: she is still free.
    const breakout = await db.agendaSession.create({
      data: { eventId: event.id, slug: 'breakout', title: 'Breakout', kind: 'BREAKOUT', startsAt: first.startsAt, endsAt: event.slots[1]!.endsAt, calendarUid: `breakout-${event.id}@muster.test`, signUpRequired: true },
      select: { id: true },
    })
    const registration = await db.registration.findFirstOrThrow({ where: { eventId: event.id, userId: ana!.id }, select: { id: true } })
    const enrolment = await db.sessionEnrolment.create({ data: { sessionId: breakout.id, registrationId: registration.id, status: 'WAITLISTED', waitlistNumber: 1 }, select: { id: true } })
    const waiting = await previewSchedule(db, { eventId: event.id })
    expect(waiting.placements).toEqual([expect.objectContaining({ slotId: first.id })])

    await db.sessionEnrolment.update({ where: { id: enrolment.id }, data: { status: 'ENROLLED', waitlistNumber: null }, select: { id: true } })
    const { input } = await loadSchedulingInput(db, event.id, new Date())
    expect(input.participants.find((person) => person.id === ana!.id)!.blockedSlotIds).toEqual([first.id, event.slots[1]!.id].sort())
    const seated = await previewSchedule(db, { eventId: event.id })
    expect(seated.fingerprint).not.toBe(waiting.fingerprint)
    expect(seated.placements).toEqual([expect.objectContaining({ slotId: event.slots[2]!.id })])
    await expect(applySchedule(db, { eventId: event.id, actorId: ana!.id, fingerprint: waiting.fingerprint })).rejects.toThrow(DomainError)
  })

  it('two simultaneous applies of one preview book it once', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 3, tables: 3, maxMeetingsPerPerson: 3 })
    const people = await createParticipants(db, event.id, 6)
    for (let index = 0; index < people.length; index += 2) await mustMeet(event.id, people[index]!.id, people[index + 1]!.id)
    await mustMeet(event.id, people[0]!.id, people[3]!.id)
    const preview = await previewSchedule(db, { eventId: event.id })
    expect(preview.placements).toHaveLength(4)

    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3].map((index) =>
        applySchedule(test.instance(index), { eventId: event.id, actorId: people[0]!.id, fingerprint: preview.fingerprint }),
      ),
    )
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    expect(fulfilled).toHaveLength(1)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(DomainError)
    }
    expect(await db.meeting.count({ where: { eventId: event.id, source: 'SCHEDULER', status: 'CONFIRMED' } })).toBe(4)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-accepted' } })).toBe(8)
    await expectConsistentBookings(test.db, event.id)
  })

  /**
   * One table, two slots. Ana and Ben meet at 1; Cleo is free only at 1 and must meet Ana.
   * Keeping meetings where they are cannot place Ana and Cleo; a full re-plan moves Ana and Ben to 2.
   */
  async function eventNeedingOneMove() {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1, maxMeetingsPerPerson: 3 })
    const [ana, ben, cleo] = await createParticipants(db, event.id, 3)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[0]!.id] })
    const booked = await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[0]!.id })
    await blockSlot(db, { eventId: event.id, userId: cleo!.id, slotId: event.slots[1]!.id })
    const pair = await mustMeet(event.id, ana!.id, cleo!.id, 2)
    return { event, ana: ana!, ben: ben!, cleo: cleo!, meetingId: booked.meetingId, pairId: pair.id }
  }

  it('a full re-plan moves a booked meeting only with the organiser’s confirmation, and sends both people the update', async () => {
    const { db } = test
    const { event, ana, ben, cleo, meetingId, pairId } = await eventNeedingOneMove()
    const before = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { calendarUid: true, calendarSequence: true } })

    const kept = await previewSchedule(db, { eventId: event.id })
    expect(kept.mode).toBe('keep-existing')
    expect(kept.placements).toEqual([])
    expect(kept.unplaced).toEqual([expect.objectContaining({ id: pairId })])
    expect(kept.moves).toEqual([])

    const replan = await previewSchedule(db, { eventId: event.id, mode: 'full-replan' })
    expect(replan.mode).toBe('full-replan')
    expect(replan.fingerprint).not.toBe(kept.fingerprint)
    expect(replan.placements).toEqual([expect.objectContaining({ id: pairId, slotId: event.slots[0]!.id, participantIds: [ana.id, cleo.id].sort() })])
    expect(replan.moves).toEqual([
      expect.objectContaining({ id: meetingId, from: expect.objectContaining({ slotId: event.slots[0]!.id }), to: expect.objectContaining({ slotId: event.slots[1]!.id }) }),
    ])
    expect(replan.keptCount).toBe(0)
    expect(replan.unplaced).toEqual([])

    const outboxBefore = await db.outboxMessage.count({ where: { eventId: event.id } })
    const unconfirmed = applySchedule(db, { eventId: event.id, actorId: ana.id, fingerprint: replan.fingerprint, mode: 'full-replan' })
    await expect(unconfirmed).rejects.toThrow(DomainError)
    await expect(unconfirmed).rejects.toThrow('Confirm that 2 people may be sent an updated invite for a moved meeting.')
    // A keep-existing fingerprint does not apply a re-plan, nor the other way round.
    await expect(applySchedule(db, { eventId: event.id, actorId: ana.id, fingerprint: kept.fingerprint, mode: 'full-replan', confirmMoves: true })).rejects.toThrow(
      DomainError,
    )
    expect(await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { slotId: true, calendarSequence: true } })).toEqual({
      slotId: event.slots[0]!.id,
      calendarSequence: before.calendarSequence,
    })
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(outboxBefore)

    const applied = await applySchedule(db, { eventId: event.id, actorId: ana.id, fingerprint: replan.fingerprint, mode: 'full-replan', confirmMoves: true })
    expect(applied).toMatchObject({ bookedCount: 1, movedCount: 1 })
    const moved = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { slotId: true, activeSlotId: true, calendarUid: true, calendarSequence: true } })
    expect(moved).toEqual({ slotId: event.slots[1]!.id, activeSlotId: event.slots[1]!.id, calendarUid: before.calendarUid, calendarSequence: before.calendarSequence + 1 })
    const placed = await db.meeting.findFirstOrThrow({ where: { eventId: event.id, source: 'SCHEDULER' }, select: { slotId: true, participants: { select: { userId: true } } } })
    expect(placed.slotId).toBe(event.slots[0]!.id)
    expect(placed.participants.map((participant) => participant.userId).sort()).toEqual([ana.id, cleo.id].sort())

    // Ana and Ben: the "moved" email with the updated invite (same UID, higher SEQUENCE, new time), read back by ical.js.
    const updates = await findQueuedEmails(db, { where: { eventId: event.id, kind: 'meeting-moved' } })
    expect(updates.map((update) => update.userId).sort()).toEqual([ana.id, ben.id].sort())
    for (const update of updates) {
      const calendar = readWithIcalJs(update.icsContent!)
      expect(calendar.method).toBe('REQUEST')
      expect(calendar.events[0]).toMatchObject({ uid: before.calendarUid, sequence: before.calendarSequence + 1 })
      expect(calendar.events[0]!.start.getTime()).toBe(event.slots[1]!.startsAt.getTime())
    }
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-accepted', userId: { in: [ana.id, cleo.id] } } })).toBe(3)
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'meeting.moved', entityId: meetingId } })).toBe(1)
    await expectConsistentBookings(db, event.id)
    // Nothing left to do: a new re-plan moves nothing.
    const after = await previewSchedule(db, { eventId: event.id, mode: 'full-replan' })
    expect([after.placements, after.moves, after.unplaced]).toEqual([[], [], []])
  })

  it('two simultaneous applies of one full re-plan move each meeting once', async () => {
    const { db } = test
    const { event, ana, meetingId } = await eventNeedingOneMove()
    const replan = await previewSchedule(db, { eventId: event.id, mode: 'full-replan' })
    const outcomes = await Promise.allSettled(
      [0, 1, 2].map((index) =>
        applySchedule(test.instance(index), { eventId: event.id, actorId: ana.id, fingerprint: replan.fingerprint, mode: 'full-replan', confirmMoves: true }),
      ),
    )
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(DomainError)
    }
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { calendarSequence: true } })).calendarSequence).toBe(1)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, kind: 'meeting-moved' } })).toBe(2)
    await expectConsistentBookings(db, event.id)
  })

  it('counts participants, requests, meetings per slot and per participant, and lists who has none', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 3, tables: 2 })
    const [ana, ben, cleo, dan] = await createParticipants(db, event.id, 4)
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[1]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[1]!.id })
    await requestMeeting(db, { eventId: event.id, requesterId: cleo!.id, recipientId: ana!.id, slotIds: [event.slots[0]!.id] })

    const numbers = await getMatchmakingNumbers(db, { eventId: event.id })
    expect(numbers.participantCount).toBe(4)
    expect(numbers.confirmedMeetings).toBe(1)
    expect(numbers.tableCount).toBe(2)
    expect(Object.fromEntries(numbers.requestsByStatus.map((row) => [row.status, row.count]))).toEqual({ PENDING: 1, ACCEPTED: 1, DECLINED: 0, CANCELLED: 0, EXPIRED: 0 })
    expect(numbers.slots.map((slot) => slot.meetings)).toEqual([0, 1, 0])
    expect(numbers.meetingsPerParticipant).toEqual([2, 2])
    expect(numbers.withoutMeeting.people.map((person) => person.id).sort()).toEqual([cleo!.id, dan!.id].sort())
    const searched = await getMatchmakingNumbers(db, { eventId: event.id, search: 'participant 4' })
    expect(searched.withoutMeeting).toMatchObject({ total: 2, matching: 1, people: [expect.objectContaining({ id: dan!.id })] })
    expect(JSON.stringify(numbers)).not.toContain('@example.org')
  })

  it('exports all meetings as Excel-safe CSV and as a workbook per table and per participant', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 2 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    await db.user.update({ where: { id: ana!.id }, data: { name: '=HYPERLINK("http://evil.example","Ana")' }, select: { id: true } })
    await db.organisation.update({ where: { id: ben!.organisationId }, data: { name: '+Lynx, "Fusion"' }, select: { id: true } })
    const { requestId } = await requestMeeting(db, { eventId: event.id, requesterId: ana!.id, recipientId: ben!.id, slotIds: [event.slots[0]!.id] })
    await acceptMeetingRequest(db, { eventId: event.id, requestId, userId: ben!.id, slotId: event.slots[0]!.id })

    const downloader = { userId: ana!.id, ipAddress: '192.0.2.44' }
    const csv = await meetingsCsv(db, event.id, downloader)
    expect(csv.filename).toBe(`${event.slug}-meetings.csv`)
    expect(csv.body.startsWith('\uFEFF"Date","Start","End","Table","Participant"')).toBe(true)
    const lines = csv.body.slice(1).split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""Ana"")"`)
    expect(lines[1]).toContain(`"'+Lynx, ""Fusion"""`)
    expect(lines[1]).toContain(`"${ben!.email}"`)
    expect(lines[1]).toContain('"Request"')

    const file = await meetingsWorkbook(db, event.id, downloader)
    // Every download is in the event's audit log: who, from where, which file, how many meetings.
    const audited = await db.auditLogEntry.findMany({ where: { eventId: event.id, action: 'export.downloaded' }, orderBy: { createdAt: 'asc' }, select: { actorId: true, ipAddress: true, data: true } })
    expect(audited).toEqual([
      { actorId: ana!.id, ipAddress: '192.0.2.44', data: { file: `${event.slug}-meetings.csv`, meetings: 1 } },
      { actorId: ana!.id, ipAddress: '192.0.2.44', data: { file: `${event.slug}-meetings.xlsx`, meetings: 1 } },
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer)
    const sheetNames = workbook.worksheets.map((sheet) => sheet.name)
    expect(sheetNames).toEqual(['All meetings', 'Table 1', 'By participant'])
    const all = workbook.getWorksheet('All meetings')!
    expect(all.rowCount).toBe(2)
    const values = (all.getRow(2).values as unknown[]).filter((value) => typeof value === 'string')
    expect(values).toContain(`'=HYPERLINK("http://evil.example","Ana")`)
    expect(values.some((value) => /^[=+\-@]/.test(value as string))).toBe(false)
    // Each person's schedule from their side, one page each: the neutralised name is the first person's, then Ben's meeting partner.
    const byParticipant = workbook.getWorksheet('By participant')!
    expect(byParticipant.rowCount).toBe(3)
    const firstColumn = [2, 3].map((row) => String(byParticipant.getRow(row).getCell(1).value))
    expect(firstColumn.sort()).toEqual([`'=HYPERLINK("http://evil.example","Ana")`, 'Participant 2'].sort())
    expect((byParticipant.getRow(2).values as unknown[]).some((value) => typeof value === 'string' && /^[=+\-@]/.test(value))).toBe(false)
  })

  it('adds must-meet pairs once in either order, refuses hostile pairs, and removes them', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const other = await createMeetingEvent(db, { slots: 1, tables: 1 })
    const [ana, ben] = await createParticipants(db, event.id, 2)
    const outsider = await createUser(db, 'Not Registered')

    await addMustMeetPair(db, { eventId: event.id, actorId: ana!.id, userIds: [ben!.id, ana!.id], priority: 2 })
    const refusals = [
      addMustMeetPair(db, { eventId: event.id, actorId: ana!.id, userIds: [ana!.id, ben!.id], priority: 1 }),
      addMustMeetPair(db, { eventId: event.id, actorId: ana!.id, userIds: [ana!.id, ana!.id], priority: 1 }),
      addMustMeetPair(db, { eventId: event.id, actorId: ana!.id, userIds: [ana!.id, outsider.id], priority: 1 }),
      addMustMeetPair(db, { eventId: other.id, actorId: ana!.id, userIds: [ana!.id, ben!.id], priority: 1 }),
    ]
    const messages = await Promise.all(refusals.map((refusal) => refusal.then(() => null, (error: Error) => [error.name, error.message])))
    expect(messages).toEqual([
      ['DomainError', 'Participant 1 and Participant 2 are already a must-meet pair.'],
      ['DomainError', 'Choose two different people.'],
      ['DomainError', 'This person does not take part in B2B meetings at this event.'],
      ['DomainError', 'This person does not take part in B2B meetings at this event.'],
    ])
    const { pairs, participants } = await getMustMeetPairs(db, event.id)
    expect(participants.map((person) => person.id).sort()).toEqual([ana!.id, ben!.id].sort())
    expect(pairs).toEqual([expect.objectContaining({ priority: 2, hasMeeting: false })])
    expect([pairs[0]!.firstUser.id, pairs[0]!.secondUser.id]).toEqual([ana!.id, ben!.id].sort())

    await expect(removeMustMeetPair(db, { eventId: other.id, pairId: pairs[0]!.id })).rejects.toThrow('This pair was already removed.')
    await removeMustMeetPair(db, { eventId: event.id, pairId: pairs[0]!.id })
    expect(await db.mustMeetPair.count({ where: { eventId: event.id } })).toBe(0)
  })

  it('lets a government buyer mark and unmark a participant as must-meet, and nobody else', async () => {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 2, tables: 1 })
    const [buyer, startUp, colleague, supplier] = await createParticipants(db, event.id, 4)
    await db.organisation.update({ where: { id: buyer!.organisationId }, data: { kind: 'GOVERNMENT_BUYER' }, select: { id: true } })
    await db.registration.updateMany({ where: { eventId: event.id, userId: colleague!.id }, data: { organisationId: buyer!.organisationId } })
    const outsider = await createUser(db, 'Not Registered')
    const mark = (buyerId: string, otherUserId: string) => markMustMeetAsBuyer(db, { eventId: event.id, buyerId, otherUserId })

    expect(await getBuyerMustMeet(db, { eventId: event.id, buyerId: supplier!.id, otherUserId: startUp!.id })).toBeNull()
    expect(await getBuyerMustMeet(db, { eventId: event.id, buyerId: buyer!.id, otherUserId: startUp!.id })).toEqual({ marked: false, markedByYou: false })
    await mark(buyer!.id, startUp!.id)
    expect(await getBuyerMustMeet(db, { eventId: event.id, buyerId: buyer!.id, otherUserId: startUp!.id })).toEqual({ marked: true, markedByYou: true })
    const pairs = await db.mustMeetPair.findMany({ where: { eventId: event.id }, select: { priority: true, createdById: true } })
    expect(pairs).toEqual([{ priority: BUYER_MUST_MEET_PRIORITY, createdById: buyer!.id }])
    const { input } = await loadSchedulingInput(db, event.id, new Date())
    expect(input.requests).toEqual([expect.objectContaining({ participantIds: [buyer!.id, startUp!.id].sort(), mustMeetPriority: BUYER_MUST_MEET_PRIORITY, buyerInvolved: true })])

    const refusals = await Promise.all(
      [
        mark(buyer!.id, startUp!.id),
        mark(supplier!.id, startUp!.id),
        mark(buyer!.id, colleague!.id),
        mark(buyer!.id, outsider.id),
        mark(buyer!.id, buyer!.id),
        markMustMeetAsBuyer(db, { eventId: event.id, buyerId: outsider.id, otherUserId: startUp!.id }),
      ].map((attempt) => attempt.then(() => null, (error: Error) => error.message)),
    )
    expect(refusals).toEqual([
      'Participant 1 and Participant 2 are already a must-meet pair.',
      'Only government buyers taking part in the B2B meetings can mark must-meet participants.',
      'People from your own organisation cannot be a must-meet pair.',
      'This person does not take part in B2B meetings at this event.',
      'This person does not take part in B2B meetings at this event.',
      'Only government buyers taking part in the B2B meetings can mark must-meet participants.',
    ])
    expect(await db.mustMeetPair.count({ where: { eventId: event.id } })).toBe(1)

    // A pair the organisers marked is theirs to remove.
    await addMustMeetPair(db, { eventId: event.id, actorId: outsider.id, userIds: [supplier!.id, buyer!.id], priority: 3 })
    expect(await getBuyerMustMeet(db, { eventId: event.id, buyerId: buyer!.id, otherUserId: supplier!.id })).toEqual({ marked: true, markedByYou: false })
    await expect(unmarkMustMeetAsBuyer(db, { eventId: event.id, buyerId: buyer!.id, otherUserId: supplier!.id })).rejects.toThrow(/only be removed by them/)
    await unmarkMustMeetAsBuyer(db, { eventId: event.id, buyerId: buyer!.id, otherUserId: startUp!.id })
    expect(await db.mustMeetPair.findMany({ where: { eventId: event.id }, select: { priority: true } })).toEqual([{ priority: 3 }])
  })
})
