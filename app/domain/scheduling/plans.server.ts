// The B2B scheduler's database side: loads an event's SchedulingInput from its rows, previews
// scheduleMeetings' plan with names, and applies it in one transaction that books every
// placement through bookScheduledMeetingsInTransaction (in bulk, with the counters and unique
// indexes of an accepted request; the same emails); a full re-plan also moves booked meetings (never cancels one), each with an
// updated invite. Why, and which requests are scheduled: docs/decisions/011-matchmaking-console.md.
import { randomUUID } from 'node:crypto'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import { busyTransactionOptions, isUniqueViolation, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { relocateMeetingsInTransaction } from '#app/domain/meetings/moves.server.ts'
import { meetingEntrySelect } from '#app/domain/calendar/calendar.server.ts'
import { eventOrganisations, withEventOrganisation } from '#app/domain/events/people.server.ts'
import { queueEmails } from '#app/domain/messages/queued-email.server.ts'
import { bookableSlotWhere, bookedMeetingEmails, bookScheduledMeetingsInTransaction, type BookedMeetingRow, type Participant } from '#app/domain/meetings/meetings.server.ts'
import { meetingPairKey, meetingTableLabel, personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import { slotsTakenByBreakoutSeats } from '#app/domain/agenda/breakouts.server.ts'
import {
  scheduleMeetings,
  type SchedulingInput,
  type SchedulingMode,
  type SchedulingParticipant,
  type SchedulingRequest,
  type SchedulingResult,
} from './index.ts'
import { DomainError, isDomainError } from '#app/lib/domain-error.ts'
import { schedulingFingerprint } from './fingerprint.ts'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { b2bParticipantWhere } from '#app/domain/matchmaking/participants.ts'

type Tx = DbTransaction

const personSelect = { id: true, name: true, email: true, erasedAt: true } as const

/** Someone the schedule mentions, with their organisation at the event. */
type Person = Participant & { erasedAt: Date | null }

/** Where a scheduling request came from, so applying it can link the meeting to its request. */
type RequestOrigin = { requestId: string | null; mustMeetPriority: number | null }

type LoadedSchedule = {
  event: { id: string; timeZone: string; maxMeetingsPerPerson: number | null; maxPendingRequestsPerPerson: number | null }
  input: SchedulingInput
  people: Map<string, Person>
  slots: Map<string, { id: string; startsAt: Date; endsAt: Date }>
  tables: Map<string, { id: string; number: number; name: string | null }>
  origins: Map<string, RequestOrigin>
}

/**
 * What the scheduler works from, read from the rows:
 * - slots: the bookable ones (in a scheduled B2B window, not yet started); tables: all;
 * - participants: approved registration plus opted-in profile, with their blocked slots (and
 *   the slots during a breakout they hold a seat in) and a
 *   personal limit lowered by their confirmed meetings outside those slots (already started);
 *   people of existing meetings who no longer take part are kept with a limit of 0;
 * - existing meetings: the confirmed ones in those slots (kept where they are);
 * - requests: must-meet pairs and ACCEPTED requests that never got a meeting, one per pair
 *   (merged when both exist), minus pairs that already have a confirmed meeting. PENDING
 *   requests are left out: the recipient has not said yes.
 */
export async function loadSchedulingInput(db: Db | Tx, eventId: string, now: Date, mode: SchedulingMode = 'keep-existing'): Promise<LoadedSchedule> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: { id: true, timeZone: true, b2bEnabled: true, maxMeetingsPerPerson: true, maxPendingRequestsPerPerson: true },
  })
  if (!event || !event.b2bEnabled) throw new DomainError('not-found', 'This event has no B2B meetings.')
  const [slots, tables, participants, meetings, pairs, acceptedRequests, organisations] = await Promise.all([
    db.meetingSlot.findMany({ where: bookableSlotWhere(eventId, now), orderBy: { startsAt: 'asc' }, select: { id: true, startsAt: true, endsAt: true } }),
    db.meetingTable.findMany({ where: { eventId }, orderBy: { number: 'asc' }, select: { id: true, number: true, name: true, reservedForOrganisationId: true } }),
    db.user.findMany({
      where: b2bParticipantWhere(eventId),
      select: personSelect,
    }),
    db.meeting.findMany({
      where: { eventId, status: 'CONFIRMED' },
      select: { id: true, slotId: true, tableId: true, requestId: true, participants: { select: { userId: true } } },
    }),
    db.mustMeetPair.findMany({ where: { eventId }, select: { id: true, firstUserId: true, secondUserId: true, priority: true } }),
    db.meetingRequest.findMany({ where: { eventId, status: 'ACCEPTED', meeting: null }, select: { id: true, requesterId: true, recipientId: true } }),
    // Everyone registered: also people of existing meetings and requests who no longer take part.
    eventOrganisations(db, eventId),
  ])
  const slotIds = new Set(slots.map((slot) => slot.id))
  const people = new Map<string, Person>(participants.map((person) => [person.id, withEventOrganisation(person, organisations)]))
  const eligible = new Set(people.keys())

  const pairsMet = new Set<string>()
  const meetingsOutsideSlots = new Map<string, number>()
  const existing: SchedulingInput['existingMeetings'][number][] = []
  for (const meeting of meetings) {
    const userIds = meeting.participants.map((participant) => participant.userId).sort()
    if (userIds.length !== 2) continue
    const [first, second] = userIds as [string, string]
    pairsMet.add(meetingPairKey(first, second))
    if (!slotIds.has(meeting.slotId)) {
      for (const userId of userIds) meetingsOutsideSlots.set(userId, (meetingsOutsideSlots.get(userId) ?? 0) + 1)
      continue
    }
    existing.push({ id: meeting.id, slotId: meeting.slotId, tableId: meeting.tableId, participantIds: [first, second], mustMeetPriority: null, buyerInvolved: false, mutualInterest: meeting.requestId !== null })
  }

  const requests = new Map<string, SchedulingRequest & RequestOrigin>()
  for (const request of acceptedRequests) {
    const key = meetingPairKey(request.requesterId, request.recipientId)
    if (pairsMet.has(key) || requests.has(key)) continue
    requests.set(key, {
      id: request.id,
      participantIds: [request.requesterId, request.recipientId],
      allowedSlotIds: null,
      mustMeetPriority: null,
      buyerInvolved: false,
      mutualInterest: true,
      requestId: request.id,
    })
  }
  const existingByPair = new Map(existing.map((meeting) => [meetingPairKey(...meeting.participantIds), meeting]))
  for (const pair of pairs) {
    const key = meetingPairKey(pair.firstUserId, pair.secondUserId)
    const meeting = existingByPair.get(key)
    if (meeting) meeting.mustMeetPriority = pair.priority
    if (pairsMet.has(key)) continue
    const request = requests.get(key)
    if (request) request.mustMeetPriority = pair.priority
    else {
      requests.set(key, {
        id: pair.id,
        participantIds: [pair.firstUserId, pair.secondUserId],
        allowedSlotIds: null,
        mustMeetPriority: pair.priority,
        buyerInvolved: false,
        mutualInterest: false,
        requestId: null,
      })
    }
  }

  // Names for everyone mentioned, also people who no longer take part (their requests are reported as invalid).
  const mentioned = new Set([...existing.flatMap((meeting) => meeting.participantIds), ...[...requests.values()].flatMap((request) => request.participantIds)])
  const missing = [...mentioned].filter((userId) => !people.has(userId))
  if (missing.length > 0) {
    for (const person of await db.user.findMany({ where: { id: { in: missing } }, select: personSelect })) people.set(person.id, withEventOrganisation(person, organisations))
  }
  const isBuyer = (userId: string) => people.get(userId)?.organisation?.kind === 'GOVERNMENT_BUYER'
  for (const item of [...existing, ...requests.values()]) item.buyerInvolved = item.participantIds.some(isBuyer)

  const meetingUserIds = new Set(existing.flatMap((meeting) => meeting.participantIds))
  const blocks = await db.blockedSlot.findMany({ where: { eventId, slotId: { in: [...slotIds] } }, select: { userId: true, slotId: true } })
  const blockedByPerson = new Map<string, Set<string>>()
  const block = (userId: string, slotId: string) => blockedByPerson.set(userId, (blockedByPerson.get(userId) ?? new Set()).add(slotId))
  for (const { userId, slotId } of blocks) block(userId, slotId)
  // A seat in a breakout makes its time busy too: the scheduler books on people's behalf, so it
  // must not put them in a meeting during a session they signed up for.
  for (const [userId, slotIds] of await slotsTakenByBreakoutSeats(db, { eventId, slots })) for (const slotId of slotIds) block(userId, slotId)
  const limit = event.maxMeetingsPerPerson
  const schedulingParticipants: SchedulingParticipant[] = [...people.values()]
    .filter((person) => eligible.has(person.id) || meetingUserIds.has(person.id))
    .map((person) => {
      const outside = meetingsOutsideSlots.get(person.id) ?? 0
      return {
        id: person.id,
        name: person.name,
        organisationId: person.organisationId,
        maxMeetings: !eligible.has(person.id) ? 0 : limit !== null && outside > 0 ? Math.max(0, limit - outside) : null,
        blockedSlotIds: [...(blockedByPerson.get(person.id) ?? [])].sort(),
      }
    })

  const origins = new Map([...requests.values()].map((request) => [request.id, { requestId: request.requestId, mustMeetPriority: request.mustMeetPriority }]))
  const input: SchedulingInput = {
    mode,
    // No limit set: nobody can have more meetings than there are slots anyway.
    meetingLimitPerPerson: limit ?? slots.length,
    slots,
    tables: tables.map((table) => ({ id: table.id, number: table.number, reservedForOrganisationId: table.reservedForOrganisationId })),
    participants: schedulingParticipants,
    existingMeetings: existing,
    requests: [...requests.values()].map(({ requestId: _requestId, ...request }) => request),
  }
  return {
    event,
    input,
    people,
    slots: new Map(slots.map((slot) => [slot.id, slot])),
    tables: new Map(tables.map((table) => [table.id, table])),
    origins,
  }
}

/**
 * Plans of recent inputs, by fingerprint. The scheduler is deterministic, so an equal
 * fingerprint means an equal plan: the preview, the apply's check before its transaction and the
 * one inside it (which holds the database's locks) plan once instead of three times. Per
 * instance; a few entries, as only the newest input of each event is ever asked for again.
 */
const recentPlans = createBoundedCache<SchedulingResult>(8)

function planFor(input: SchedulingInput, fingerprint: string) {
  const cached = recentPlans.get(fingerprint)
  if (cached) return cached
  const result = scheduleMeetings(input)
  recentPlans.set(fingerprint, result)
  return result
}

function planView(loaded: LoadedSchedule) {
  const { event, input, people, slots, tables, origins } = loaded
  const fingerprint = schedulingFingerprint(input)
  const result = planFor(input, fingerprint)
  const personLabel = (userId: string) => {
    const person = people.get(userId)
    return person ? personWithOrganisation(person) : 'Unknown person'
  }
  const slotLabel = (slotId: string) => {
    const slot = slots.get(slotId)!
    return `${formatShortDate(slot.startsAt, event.timeZone)}, ${formatTimeRange(slot.startsAt, slot.endsAt, event.timeZone)}`
  }
  const tableLabel = (tableId: string) => {
    return meetingTableLabel(tables.get(tableId)!)
  }
  const originLabel = (id: string) => {
    const origin = origins.get(id)
    if (!origin) return 'Existing meeting'
    const parts = [origin.mustMeetPriority !== null ? `Must meet (priority ${origin.mustMeetPriority})` : null, origin.requestId ? 'Accepted request' : null]
    return parts.filter(Boolean).join(', ')
  }
  const place = (slotId: string, tableId: string) => ({
    slotId,
    slot: slotLabel(slotId),
    startsAt: slots.get(slotId)!.startsAt,
    endsAt: slots.get(slotId)!.endsAt,
    table: tableLabel(tableId),
  })
  const existingById = new Map(input.existingMeetings.map((meeting) => [meeting.id, meeting]))
  const newPlacements = result.placements.flatMap((placement) => (placement.kind === 'request' ? [placement] : []))
  const moves = result.placements.flatMap((placement) => (placement.kind === 'meeting' && placement.moved ? [placement] : []))
  const { statistics } = result
  return {
    mode: input.mode,
    placements: newPlacements.map((placement) => ({
      id: placement.requestId,
      ...place(placement.slotId, placement.tableId),
      participantIds: [...placement.participantIds].sort(),
      people: placement.participantIds.map(personLabel),
      origin: originLabel(placement.requestId),
      weight: placement.weight,
    })),
    moves: moves.map((move) => {
      const before = existingById.get(move.meetingId)!
      return {
        id: move.meetingId,
        from: place(before.slotId, before.tableId),
        to: place(move.slotId, move.tableId),
        participantIds: [...move.participantIds].sort(),
        people: move.participantIds.map(personLabel),
      }
    }),
    unplaced: result.unplaced.map((unplaced) => {
      const id = unplaced.kind === 'request' ? unplaced.requestId : unplaced.meetingId
      return { id, people: unplaced.participantIds.map(personLabel), origin: originLabel(id), reason: unplaced.message }
    }),
    /** Booked meetings that stay where they are. */
    keptCount: input.existingMeetings.length - moves.length,
    statistics: {
      placedCount: newPlacements.length,
      requesterCount: statistics.requesterCount,
      requestersWithMeeting: statistics.requestersWithMeeting,
      meetingsPerRequester: statistics.meetingsPerRequester,
    },
    /** Share of requesters with at least one meeting in the plan; null when nobody asked. */
    fairness: statistics.requesterCount === 0 ? null : statistics.requestersWithMeeting / statistics.requesterCount,
    slotCount: input.slots.length,
    tableCount: input.tables.length,
    fingerprint,
    newPlacements,
    moveOrders: moves.map((move) => ({ meetingId: move.meetingId, slotId: move.slotId, tableId: move.tableId })),
  }
}

export type SchedulePreview = Omit<ReturnType<typeof planView>, 'newPlacements' | 'moveOrders'>

/** What the scheduler would do now, in the organiser's words; nothing is written. */
export async function previewSchedule(db: Db, input: { eventId: string; mode?: SchedulingMode; now?: Date }): Promise<SchedulePreview> {
  const { newPlacements: _placements, moveOrders: _moves, ...view } = planView(await loadSchedulingInput(db, input.eventId, input.now ?? new Date(), input.mode))
  return view
}

type ApplyInput = { eventId: string; actorId: string; fingerprint: string; mode?: SchedulingMode; confirmMoves?: boolean; now?: Date }

/**
 * Extra transaction time per booking: in bulk a booking and its four emails take 1 to 1.3 ms
 * (bench/schedule-apply.ts); five times that leaves room for a loaded machine and a large plan.
 */
const APPLY_MS_PER_BOOKING = 5

const changedSincePreview = 'Nothing was booked or moved. Check the new preview below and apply it again.'

function assertApplicable(plan: ReturnType<typeof planView>, input: ApplyInput) {
  if (plan.fingerprint !== input.fingerprint) {
    throw new DomainError('conflict', `Bookings, blocks or pairs changed since this preview. ${changedSincePreview}`, { code: 'changed' })
  }
  if (plan.moveOrders.length > 0 && !input.confirmMoves) {
    throw new DomainError('invalid', `Confirm that ${plan.moveOrders.length * 2} people may be sent an updated invite for a moved meeting.`, { field: 'confirmMoves' })
  }
}

/**
 * Every new meeting of the plan with its ids chosen now and its emails prepared (the outbox
 * worker renders them after the commit), from rows read once, before the transaction opens.
 */
async function prepareBookings(db: Db, loaded: LoadedSchedule, plan: ReturnType<typeof planView>, now: Date) {
  const entrySelect = meetingEntrySelect(loaded.event.id)
  const [event, slots] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: loaded.event.id }, select: entrySelect.event.select }),
    db.meetingSlot.findMany({ where: { id: { in: [...new Set(plan.newPlacements.map((placement) => placement.slotId))] } }, select: { id: true, ...entrySelect.slot.select } }),
  ])
  const slotById = new Map(slots.map((slot) => [slot.id, slot]))
  const bookings = []
  for (const placement of plan.newPlacements) {
    const meeting: BookedMeetingRow = {
      id: randomUUID(),
      eventId: loaded.event.id,
      status: 'CONFIRMED',
      calendarUid: newCalendarUid('meeting'),
      calendarSequence: 0,
      updatedAt: now,
      slot: slotById.get(placement.slotId)!,
      table: loaded.tables.get(placement.tableId)!,
      participants: [...placement.participantIds].sort().map((userId) => {
        // As meetingEntrySelect reads a person: their registration for the event, with its organisation.
        const { name, email, erasedAt, organisation } = loaded.people.get(userId)!
        return { userId, user: { name, email, erasedAt, registrations: organisation ? [{ organisation }] : [] } }
      }),
      event,
    }
    bookings.push({ placement, meeting, emails: bookedMeetingEmails(meeting, now) })
  }
  return bookings
}

/**
 * Applies the previewed plan: the plan must still have the previewed fingerprint (else a
 * 'conflict' DomainError with code 'changed', nothing written) and a full re-plan's moves need
 * `confirmMoves` (else an 'invalid' one on that field). The new meetings' emails are prepared first; then one
 * transaction reads the input again and checks the fingerprint once more, writes the moves (each
 * with the updated invite), books every new placement at its planned table with
 * bookScheduledMeetingsInTransaction (counters against the limits, every seat through the unique indexes)
 * and queues the prepared invites and reminders. A write refused by the database (someone booked
 * in between) rolls everything back with code 'changed' too.
 */
export async function applySchedule(db: Db, input: ApplyInput) {
  const now = input.now ?? new Date()
  const loaded = await loadSchedulingInput(db, input.eventId, now, input.mode)
  const prepared = planView(loaded)
  assertApplicable(prepared, input)
  const bookings = await prepareBookings(db, loaded, prepared, now)
  try {
    return await db.$transaction(async (tx) => {
      const plan = planView(await loadSchedulingInput(tx, input.eventId, now, input.mode))
      // Same fingerprint, same plan: the prepared bookings are this plan's.
      assertApplicable(plan, input)
      await relocateMeetingsInTransaction(tx, { eventId: input.eventId, actorId: input.actorId, moves: plan.moveOrders, now })
      await bookScheduledMeetingsInTransaction(tx, {
        event: loaded.event,
        bookings: bookings.map(({ placement, meeting }) => {
          const [first, second] = meeting.participants.map(({ userId }) => loaded.people.get(userId)!)
          return {
            slot: loaded.slots.get(placement.slotId)!,
            people: [first!, second!] as const,
            tableId: placement.tableId,
            meetingId: meeting.id,
            calendarUid: meeting.calendarUid,
            requestId: loaded.origins.get(placement.requestId)?.requestId ?? null,
          }
        }),
        now,
      })
      await queueEmails(tx, bookings.flatMap((booking) => booking.emails))
      await tx.auditLogEntry.create({
        data: {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'matchmaking.schedule-applied',
          entityType: 'Event',
          entityId: input.eventId,
          data: { fingerprint: plan.fingerprint, mode: plan.mode, booked: bookings.length, moved: plan.moveOrders.length, unplaced: plan.unplaced.length },
        },
        select: { id: true },
      })
      return { bookedCount: bookings.length, movedCount: plan.moveOrders.length, meetingIds: bookings.map((booking) => booking.meeting.id) }
    }, { ...busyTransactionOptions, timeout: busyTransactionOptions.timeout + APPLY_MS_PER_BOOKING * bookings.length })
  } catch (error) {
    // A booking or move refused inside the transaction: someone was faster than this preview.
    if (isDomainError(error, 'conflict', 'limit') && error.code !== 'changed') throw new DomainError('conflict', `${error.message} ${changedSincePreview}`, { code: 'changed' })
    if (isUniqueViolation(error)) throw new DomainError('conflict', `A slot or table in this plan was taken meanwhile. ${changedSincePreview}`, { code: 'changed' })
    throw error
  }
}
