// The B2B side of the demo: matchmaking profiles and marketplace items, meeting slots and
// tables, and the requests, meetings, blocked slots and must-meet pairs played out on a
// schedule that never double-books a person or a table.
import type {
  MarketplaceItemKind,
  MeetingRequestStatus,
  MeetingSource,
  OrganisationKind,
} from '#prisma/generated/sqlite/enums.ts'
import { CAPABILITIES, DECLINE_REASONS, EVENT_TIME_ZONE, MEETING_REQUEST_MESSAGES } from './demo-content.ts'
import type { DemoDataset } from './demo-dataset.ts'
import {
  B2B_BOOKING_OPENS_AT,
  DATASET_AS_OF,
  DAY,
  EVENT_ID,
  HOUR,
  MANUFACTURERS,
  MAX_MEETINGS_PER_PERSON,
  MAX_PENDING_REQUESTS_PER_PERSON,
  MEETING_SLOT_MINUTES,
  MINUTE,
  REQUEST_EXPIRY,
  STAFF_USER_IDS,
  addMs,
  calendarUid,
  capabilityEntry,
  capabilityId,
  copyFor,
  inSentence,
  maxDate,
  minDate,
  pad,
  randomStream,
  type Attendee,
  type Random,
  type RegistrationOutcome,
  type SessionInfo,
} from './demo-support.ts'

/** An approved attendee with a matchmaking profile. */
type MatchmakingParty = {
  attendee: Attendee
  profileId: string
  profileCreatedAt: Date
  isBuyer: boolean
}

const TECHNOLOGY_READINESS: Record<OrganisationKind, readonly [number, number] | null> = {
  GOVERNMENT_BUYER: null,
  LARGE_COMPANY: [7, 9],
  SME: [6, 9],
  START_UP: [4, 8],
  ACADEMIA: [3, 5],
  OTHER: null,
}

/**
 * Profiles of the attendees who opted into matchmaking, with their capabilities and their
 * marketplace posts: buyers post needs, makers post offers (some also partnerships), research
 * institutes and associations look for partners.
 */
export function buildProfiles(parties: readonly RegistrationOutcome[]) {
  const random = randomStream('profiles')
  const profiles: DemoDataset['matchmakingProfiles'] = []
  const profileCapabilities: DemoDataset['profileCapabilities'] = []
  const marketplaceItems: DemoDataset['marketplaceItems'] = []
  const matchmakingParties: MatchmakingParty[] = []
  /** How many profiles each organisation already has, to vary the copy between colleagues. */
  const colleaguesSoFar = new Map<string, number>()

  for (const { attendee, decidedAt } of parties) {
    const { organisation } = attendee
    const profileId = `seed-profile-${pad(attendee.number, 5)}`
    const approvedAt = decidedAt ?? attendee.submittedAt
    const createdAt = random.instant(approvedAt, minDate(addMs(approvedAt, 2 * DAY), DATASET_AS_OF))
    const colleagueIndex = colleaguesSoFar.get(organisation.id) ?? 0
    colleaguesSoFar.set(organisation.id, colleagueIndex + 1)
    const ownCapabilities =
      organisation.capabilitySlugs.length > 0 ? organisation.capabilitySlugs : [random.pick(CAPABILITIES).slug]
    const chosen = random.sample(ownCapabilities, Math.min(ownCapabilities.length, random.int(1, 3)))
    const main = chosen[0] ?? ownCapabilities[0]!
    const copy = copyFor(main)
    const isBuyer = organisation.kind === 'GOVERNMENT_BUYER'
    const headline = isBuyer
      ? copy.buyerHeadline
      : organisation.kind === 'ACADEMIA'
        ? `Research partner for ${inSentence(capabilityEntry(main).label)}`
        : organisation.kind === 'OTHER'
          ? `Connecting ${organisation.name} members with buyers`
          : copy.supplierHeadline
    const readiness = TECHNOLOGY_READINESS[organisation.kind]
    const tags = new Set(chosen.flatMap((slug) => random.sample(capabilityEntry(slug).tags, 2)))
    profiles.push({
      id: profileId,
      eventId: EVENT_ID,
      userId: attendee.userId,
      headline,
      about: `${attendee.jobTitle} at ${organisation.name}. ${organisation.description}`,
      technologyReadiness: readiness ? random.int(readiness[0], readiness[1]) : null,
      freeTags: [...tags].slice(0, 4),
      optedIn: true,
      // Counted from the requests and meetings by withDerivedCounters.
      meetingsBooked: 0,
      pendingRequestsSent: 0,
      createdAt,
      updatedAt: createdAt,
    })
    for (const slug of chosen) profileCapabilities.push({ profileId, capabilityId: capabilityId(slug) })

    const items: { kind: MarketplaceItemKind; slug: string; title: string; description: string }[] = []
    if (isBuyer) {
      for (const slug of chosen.slice(0, random.int(1, 2))) {
        const need = copyFor(slug).needs[colleagueIndex % copyFor(slug).needs.length]!
        items.push({ kind: 'NEED', slug, ...need })
      }
    } else if (MANUFACTURERS.has(organisation.kind)) {
      const offer = copy.offers[colleagueIndex % copy.offers.length]!
      items.push({ kind: 'OFFER', slug: main, ...offer })
      if (random.chance(0.35)) items.push({ kind: 'PARTNERSHIP', slug: main, ...copy.partnership })
    } else {
      items.push({ kind: 'PARTNERSHIP', slug: main, ...copy.partnership })
    }
    items.forEach((item, index) => {
      const itemCreatedAt = minDate(addMs(createdAt, (index + 1) * 5 * MINUTE), DATASET_AS_OF)
      marketplaceItems.push({
        id: `seed-marketplace-item-${pad(attendee.number, 5)}-${index + 1}`,
        eventId: EVENT_ID,
        profileId,
        kind: item.kind,
        title: item.title,
        description: item.description,
        capabilityId: capabilityId(item.slug),
        createdAt: itemCreatedAt,
        updatedAt: itemCreatedAt,
      })
    })
    matchmakingParties.push({ attendee, profileId, profileCreatedAt: createdAt, isBuyer })
  }
  return { profiles, profileCapabilities, marketplaceItems, matchmakingParties }
}

type SlotInfo = { id: string; startsAt: Date; endsAt: Date }

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: EVENT_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** 20-minute slots tiling each B2B window, with ids like seed-slot-day-1-1430. */
export function buildMeetingSlots(sessionInfos: readonly SessionInfo[]) {
  const slots: DemoDataset['meetingSlots'] = []
  const slotLength = MEETING_SLOT_MINUTES * MINUTE
  for (const window of sessionInfos.filter((session) => session.kind === 'B2B_WINDOW')) {
    for (let start = window.startsAt.getTime(); start + slotLength <= window.endsAt.getTime(); start += slotLength) {
      const startsAt = new Date(start)
      const wallClock = wallClockFormat.format(startsAt).replace(':', '')
      slots.push({
        id: `seed-slot-day-${window.day}-${wallClock}`,
        eventId: EVENT_ID,
        windowId: window.id,
        startsAt,
        endsAt: new Date(start + slotLength),
      })
    }
  }
  return slots
}

/** Tables 1 and 2 are kept for two buyers' delegations, as organisers often do. */
const RESERVED_TABLE_ORGANISATIONS = ['polish-defence-acquisition-office', 'allied-air-defence-support-agency'] as const

export function buildMeetingTables(scale: number): DemoDataset['meetingTables'] {
  const count = Math.max(20, Math.round(20 * scale))
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1
    const reservedSlug = RESERVED_TABLE_ORGANISATIONS[index]
    return {
      id: `seed-meeting-table-${pad(number, 4)}`,
      eventId: EVENT_ID,
      number,
      name: `Table ${number}`,
      reservedForOrganisationId: reservedSlug ? `seed-organisation-${reservedSlug}` : null,
    }
  })
}

/**
 * The live state of the B2B schedule while requests are played out: who is busy when,
 * which tables are taken, and how many meetings and pending requests each person has.
 * It guarantees what the database's unique indexes demand: a person and a table at most
 * once per slot.
 */
class Schedule {
  private readonly busy = new Map<string, Set<string>>()
  private readonly tablesTaken = new Map<string, Set<string>>()
  private readonly meetingCount = new Map<string, number>()
  private readonly pendingCount = new Map<string, number>()

  constructor(
    readonly slots: readonly SlotInfo[],
    private readonly tables: DemoDataset['meetingTables'],
  ) {}

  block(userId: string, slotId: string) {
    const slots = this.busy.get(userId) ?? new Set<string>()
    slots.add(slotId)
    this.busy.set(userId, slots)
  }

  isFree(userId: string, slotId: string) {
    return !this.busy.get(userId)?.has(slotId)
  }

  commonFreeSlots(a: string, b: string) {
    return this.slots.filter((slot) => this.isFree(a, slot.id) && this.isFree(b, slot.id))
  }

  meetings(userId: string) {
    return this.meetingCount.get(userId) ?? 0
  }

  pending(userId: string) {
    return this.pendingCount.get(userId) ?? 0
  }

  addPending(userId: string) {
    this.pendingCount.set(userId, this.pending(userId) + 1)
  }

  canMeet(a: string, b: string) {
    return this.meetings(a) < MAX_MEETINGS_PER_PERSON && this.meetings(b) < MAX_MEETINGS_PER_PERSON
  }

  /** A table for these organisations in this slot: their reserved table first, else an open one. */
  private freeTable(slotId: string, organisationIds: readonly string[]) {
    const taken = this.tablesTaken.get(slotId)
    const usable = this.tables.filter(
      (table) =>
        !taken?.has(table.id) &&
        (table.reservedForOrganisationId === null || organisationIds.includes(table.reservedForOrganisationId)),
    )
    return usable.find((table) => table.reservedForOrganisationId !== null) ?? usable[0] ?? null
  }

  /** Books the first of the candidate slots where both people and a table are free. */
  place(a: Attendee, b: Attendee, candidateSlots: readonly SlotInfo[]) {
    if (!this.canMeet(a.userId, b.userId)) return null
    for (const slot of candidateSlots) {
      if (!this.isFree(a.userId, slot.id) || !this.isFree(b.userId, slot.id)) continue
      const table = this.freeTable(slot.id, [a.organisation.id, b.organisation.id])
      if (!table) continue
      this.block(a.userId, slot.id)
      this.block(b.userId, slot.id)
      const taken = this.tablesTaken.get(slot.id) ?? new Set<string>()
      taken.add(table.id)
      this.tablesTaken.set(slot.id, taken)
      this.meetingCount.set(a.userId, this.meetings(a.userId) + 1)
      this.meetingCount.set(b.userId, this.meetings(b.userId) + 1)
      return { slot, table }
    }
    return null
  }
}

type Placement = { slot: SlotInfo; table: DemoDataset['meetingTables'][number] }

/** The meetings and their participants, as rows, in the order they were booked. */
class MeetingBook {
  readonly meetings: DemoDataset['meetings'] = []
  readonly participants: DemoDataset['meetingParticipants'] = []

  add(people: readonly [Attendee, Attendee], placement: Placement, source: MeetingSource, requestId: string | null, at: Date) {
    const number = this.meetings.length + 1
    const id = `seed-meeting-${pad(number, 5)}`
    this.meetings.push({
      id,
      eventId: EVENT_ID,
      slotId: placement.slot.id,
      tableId: placement.table.id,
      activeSlotId: placement.slot.id,
      requestId,
      status: 'CONFIRMED',
      source,
      cancelledAt: null,
      cancelledById: null,
      calendarUid: calendarUid('meeting', pad(number, 5)),
      calendarSequence: 0,
      createdAt: at,
      updatedAt: at,
    })
    for (const person of people) this.participants.push({ meetingId: id, userId: person.userId, activeSlotId: placement.slot.id })
  }

  cancel(meeting: DemoDataset['meetings'][number], cancelledById: string | null, at: Date) {
    meeting.status = 'CANCELLED'
    // A null activeSlotId frees the slot and table: the unique indexes no longer hold them.
    meeting.activeSlotId = null
    meeting.cancelledAt = at
    meeting.cancelledById = cancelledById
    // The CANCEL invite went out with the next SEQUENCE.
    meeting.calendarSequence = 1
    meeting.updatedAt = at
    for (const participant of this.participants) if (participant.meetingId === meeting.id) participant.activeSlotId = null
  }
}

function overlaps(slot: SlotInfo, session: SessionInfo) {
  return slot.startsAt < session.endsAt && session.startsAt < slot.endsAt
}

/**
 * Marks the times people cannot meet: speakers keep the slots of their talks free and a few
 * others block a slot (both as BlockedSlot rows); a seat in a breakout makes its time busy too.
 */
function blockBusySlots(
  schedule: Schedule,
  parties: readonly MatchmakingParty[],
  seatedSessions: ReadonlyMap<string, SessionInfo[]>,
  speakerSessions: ReadonlyMap<string, SessionInfo[]>,
  random: Random,
): DemoDataset['blockedSlots'] {
  const blockedSlots: DemoDataset['blockedSlots'] = []
  const blockSlot = (attendee: Attendee, slot: SlotInfo) => {
    schedule.block(attendee.userId, slot.id)
    blockedSlots.push({
      id: `seed-blocked-slot-${pad(attendee.number, 5)}-${slot.id.replace('seed-slot-', '')}`,
      eventId: EVENT_ID,
      userId: attendee.userId,
      slotId: slot.id,
    })
  }
  for (const { attendee } of parties) {
    for (const session of speakerSessions.get(attendee.userId) ?? []) {
      for (const slot of schedule.slots.filter((candidate) => overlaps(candidate, session))) blockSlot(attendee, slot)
    }
  }
  for (const { attendee } of random.sample(parties, Math.round(parties.length / 30))) {
    const slot = random.pick(schedule.slots)
    if (schedule.isFree(attendee.userId, slot.id)) blockSlot(attendee, slot)
  }
  for (const { attendee } of parties) {
    for (const session of seatedSessions.get(attendee.userId) ?? []) {
      for (const slot of schedule.slots.filter((candidate) => overlaps(candidate, session)))
        schedule.block(attendee.userId, slot.id)
    }
  }
  return blockedSlots
}

type PlannedRequest = { requester: MatchmakingParty; recipient: MatchmakingParty; status: MeetingRequestStatus }

const REQUEST_STATUS_WEIGHTS: readonly (readonly [MeetingRequestStatus, number])[] = [
  ['ACCEPTED', 45],
  ['PENDING', 25],
  ['DECLINED', 12],
  ['CANCELLED', 8],
  ['EXPIRED', 10],
]

function pairKey(a: string, b: string) {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

/** Who asks whom (at most one request per pair), with the status the request is meant to reach. */
function planRequests(parties: readonly MatchmakingParty[], usedPairs: Set<string>, random: Random) {
  const buyers = parties.filter((party) => party.isBuyer)
  const suppliers = parties.filter((party) => !party.isBuyer)
  const byPersona = new Map(parties.flatMap((party) => (party.attendee.personaKey ? [[party.attendee.personaKey, party]] : [])))
  const planned: PlannedRequest[] = []
  const plan = (
    requester: MatchmakingParty | undefined,
    recipient: MatchmakingParty | undefined,
    status: MeetingRequestStatus,
  ) => {
    if (!requester || !recipient || requester.attendee.organisation.id === recipient.attendee.organisation.id) return
    const key = pairKey(requester.attendee.userId, recipient.attendee.userId)
    if (usedPairs.has(key)) return
    usedPairs.add(key)
    planned.push({ requester, recipient, status })
  }
  const anyOther = (pool: readonly MatchmakingParty[], ...exclude: (MatchmakingParty | undefined)[]) => {
    const candidates = pool.filter((party) => !exclude.includes(party) && !party.attendee.personaKey)
    return candidates.length > 0 ? random.pick(candidates) : undefined
  }

  // The demo persona Kadri Tamm gets one of everything to look at after signing in.
  const kadri = byPersona.get('kadri-tamm')
  const piotr = byPersona.get('piotr-nowak')
  plan(kadri, piotr, 'ACCEPTED')
  plan(kadri, byPersona.get('richard-ashworth'), 'ACCEPTED')
  plan(byPersona.get('laura-vaitkus'), kadri, 'PENDING')
  plan(kadri, anyOther(buyers, piotr), 'PENDING')
  plan(anyOther(suppliers, kadri), kadri, 'DECLINED')
  plan(piotr, anyOther(suppliers, kadri), 'ACCEPTED')
  const scriptedCount = planned.length

  // Then suppliers pitch to buyers, suppliers team up, and buyers approach suppliers.
  const targetRequests = Math.round(parties.length * 1.3)
  for (let attempts = 0; planned.length < targetRequests && attempts < targetRequests * 10; attempts++) {
    const roll = random.next()
    const [fromPool, toPool] = roll < 0.5 ? [suppliers, buyers] : roll < 0.8 ? [suppliers, suppliers] : [buyers, suppliers]
    if (fromPool.length === 0 || toPool.length === 0) break
    const requester = random.pick(fromPool)
    const recipient = random.pick(toPool)
    if (requester !== recipient) plan(requester, recipient, random.weighted(REQUEST_STATUS_WEIGHTS))
  }
  return { planned, scriptedCount }
}

/**
 * Plays the requests out in order: each proposes slots both people have free; an accepted
 * one becomes a meeting if a slot and table are still free (else it is declined), within
 * the per-person limits on meetings and pending requests.
 */
function playRequests(
  planned: readonly PlannedRequest[],
  scriptedCount: number,
  schedule: Schedule,
  book: MeetingBook,
  random: Random,
) {
  const meetingRequests: DemoDataset['meetingRequests'] = []
  const meetingRequestSlots: DemoDataset['meetingRequestSlots'] = []
  planned.forEach(({ requester, recipient, status: plannedStatus }, index) => {
    const id = `seed-meeting-request-${pad(index + 1, 5)}`
    const earliest = maxDate(B2B_BOOKING_OPENS_AT, requester.profileCreatedAt, recipient.profileCreatedAt)
    let status = plannedStatus
    // A request expires after a week unanswered; one made less than a week ago is still pending.
    if (status === 'EXPIRED' && earliest.getTime() > DATASET_AS_OF.getTime() - REQUEST_EXPIRY) status = 'PENDING'
    if (status === 'PENDING' && schedule.pending(requester.attendee.userId) >= MAX_PENDING_REQUESTS_PER_PERSON)
      status = 'DECLINED'
    const latest = status === 'EXPIRED' ? addMs(DATASET_AS_OF, -REQUEST_EXPIRY) : addMs(DATASET_AS_OF, -HOUR)
    // Accepted ones were mostly sent early enough for a reply (and, for some, a later cancellation).
    const span = Math.max(0, latest.getTime() - earliest.getTime()) * (status === 'ACCEPTED' ? 0.7 : 1)
    const createdAt = random.instant(earliest, addMs(earliest, span))
    const respondedAt = minDate(addMs(createdAt, random.int(60, 36 * 60) * MINUTE), DATASET_AS_OF)
    const common = random.shuffle(schedule.commonFreeSlots(requester.attendee.userId, recipient.attendee.userId))
    let proposals = common.slice(0, random.int(1, 3))
    let declineReason: string | null = null

    if (status === 'ACCEPTED') {
      const placement = schedule.place(requester.attendee, recipient.attendee, common)
      if (placement) {
        proposals = [placement.slot, ...common.filter((slot) => slot !== placement.slot).slice(0, random.int(0, 2))]
        book.add([requester.attendee, recipient.attendee], placement, 'REQUEST', id, respondedAt)
      } else {
        status = 'DECLINED'
        declineReason = 'No common free slot is left.'
      }
    } else if (status === 'DECLINED') {
      declineReason = random.pick(DECLINE_REASONS)
    } else if (status === 'PENDING') {
      schedule.addPending(requester.attendee.userId)
    }
    const answered = status === 'ACCEPTED' || status === 'DECLINED'
    const updatedAt = answered
      ? respondedAt
      : status === 'EXPIRED'
        ? addMs(createdAt, REQUEST_EXPIRY)
        : status === 'CANCELLED'
          ? minDate(addMs(createdAt, random.int(2, 48) * HOUR), DATASET_AS_OF)
          : createdAt
    meetingRequests.push({
      id,
      eventId: EVENT_ID,
      requesterId: requester.attendee.userId,
      recipientId: recipient.attendee.userId,
      message: index < scriptedCount || random.chance(0.8) ? random.pick(MEETING_REQUEST_MESSAGES) : null,
      status,
      // One open request per pair, as the app's unique index keeps it.
      openPairKey: status === 'PENDING' ? [requester.attendee.userId, recipient.attendee.userId].sort().join(':') : null,
      awaitingUserId: status === 'PENDING' ? recipient.attendee.userId : null,
      declineReason,
      createdAt,
      updatedAt,
      respondedAt: answered ? respondedAt : null,
    })
    for (const slot of [...proposals].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
      meetingRequestSlots.push({ requestId: id, slotId: slot.id })
    }
  })
  return { meetingRequests, meetingRequestSlots }
}

/** A buyer and a supplier from different organisations that have not been paired yet. */
function freshBuyerSupplierPair(parties: readonly MatchmakingParty[], usedPairs: ReadonlySet<string>, random: Random) {
  const buyers = parties.filter((party) => party.isBuyer)
  const suppliers = parties.filter((party) => !party.isBuyer)
  if (buyers.length === 0 || suppliers.length === 0) return null
  for (let attempt = 0; attempt < 20; attempt++) {
    const buyer = random.pick(buyers)
    const supplier = random.pick(suppliers)
    const key = pairKey(buyer.attendee.userId, supplier.attendee.userId)
    if (!usedPairs.has(key) && buyer.attendee.organisation.id !== supplier.attendee.organisation.id)
      return { buyer, supplier, key }
  }
  return null
}

/** Blocked slots, requests, meetings (by request, scheduler and organiser) and must-meet pairs. */
export function buildMatchmaking(
  parties: readonly MatchmakingParty[],
  slots: readonly SlotInfo[],
  tables: DemoDataset['meetingTables'],
  seatedSessions: ReadonlyMap<string, SessionInfo[]>,
  speakerSessions: ReadonlyMap<string, SessionInfo[]>,
  scale: number,
) {
  const random = randomStream('matchmaking')
  const schedule = new Schedule(slots, tables)
  const book = new MeetingBook()
  const usedPairs = new Set<string>()
  const blockedSlots = blockBusySlots(schedule, parties, seatedSessions, speakerSessions, random)
  const { planned, scriptedCount } = planRequests(parties, usedPairs, random)
  const { meetingRequests, meetingRequestSlots } = playRequests(planned, scriptedCount, schedule, book, random)

  // Must-meet pairs set by the organiser; the scheduler has already placed every other one.
  const mustMeetPairs: DemoDataset['mustMeetPairs'] = []
  const scheduledAt = addMs(DATASET_AS_OF, -DAY)
  const mustMeetCount = Math.max(4, Math.round(4 * scale))
  while (mustMeetPairs.length < mustMeetCount) {
    const pair = freshBuyerSupplierPair(parties, usedPairs, random)
    if (!pair) break
    usedPairs.add(pair.key)
    const [firstUserId, secondUserId] = [pair.buyer.attendee.userId, pair.supplier.attendee.userId].sort() as [string, string]
    mustMeetPairs.push({
      id: `seed-must-meet-${pad(mustMeetPairs.length + 1, 4)}`,
      eventId: EVENT_ID,
      firstUserId,
      secondUserId,
      priority: random.int(1, 3),
      createdById: STAFF_USER_IDS.organiser,
      createdAt: addMs(DATASET_AS_OF, -2 * DAY + mustMeetPairs.length * MINUTE),
    })
    if (mustMeetPairs.length % 2 === 1) {
      const people = [pair.buyer.attendee, pair.supplier.attendee] as const
      const placement = schedule.place(...people, random.shuffle(slots))
      if (placement) book.add(people, placement, 'SCHEDULER', null, scheduledAt)
    }
  }

  // Meetings an organiser booked by hand for a buyer.
  const organiserMeetings = Math.max(1, Math.round(scale))
  for (let made = 0, attempts = 0; made < organiserMeetings && attempts < organiserMeetings * 20; attempts++) {
    const pair = freshBuyerSupplierPair(parties, usedPairs, random)
    if (!pair) break
    const people = [pair.buyer.attendee, pair.supplier.attendee] as const
    const placement = schedule.place(...people, random.shuffle(slots))
    if (!placement) continue
    usedPairs.add(pair.key)
    made++
    book.add(people, placement, 'ORGANISER', null, addMs(scheduledAt, made * MINUTE))
  }

  // Cancelled meetings, by the person who had accepted: Kadri Tamm's with Richard Ashworth first.
  const requestById = new Map(meetingRequests.map((request) => [request.id, request]))
  const personaUserId = (key: string) => parties.find((party) => party.attendee.personaKey === key)?.attendee.userId
  const [kadri, richard] = [personaUserId('kadri-tamm'), personaUserId('richard-ashworth')]
  const isKadriWithRichard = (meeting: DemoDataset['meetings'][number]) => {
    const request = requestById.get(meeting.requestId ?? '')
    return request !== undefined && request.requesterId === kadri && request.recipientId === richard
  }
  const cancellable = book.meetings.filter(
    (meeting) => meeting.requestId !== null && meeting.createdAt.getTime() < DATASET_AS_OF.getTime() - HOUR,
  )
  const toCancel = [
    ...cancellable.filter(isKadriWithRichard),
    ...random.shuffle(cancellable.filter((meeting) => !isKadriWithRichard(meeting))),
  ].slice(0, Math.max(1, Math.round(scale)))
  for (const meeting of toCancel) {
    const request = requestById.get(meeting.requestId ?? '')
    const at = random.instant(addMs(meeting.createdAt, HOUR), minDate(addMs(meeting.createdAt, DAY), DATASET_AS_OF))
    book.cancel(meeting, request?.recipientId ?? null, at)
  }

  return {
    meetingRequests,
    meetingRequestSlots,
    meetings: book.meetings,
    meetingParticipants: book.participants,
    blockedSlots,
    mustMeetPairs,
  }
}
