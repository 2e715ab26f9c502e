// Random B2B scheduling instances for the scheduler's tests and benchmark, and an
// independent checker of a plan against every hard rule. Seeded (mulberry32), so a failing
// instance is reproduced from its seed.
import type {
  ExistingMeeting,
  SchedulingInput,
  SchedulingMode,
  SchedulingParticipant,
  SchedulingRequest,
  SchedulingResult,
  SchedulingTable,
} from '#app/domain/scheduling/index.ts'
import { seededRandom } from './time-samples.ts'

export type InstanceShape = {
  seed: number
  people: number
  requests: number
  slots: number
  tables: number
  meetingLimitPerPerson: number
  mode?: SchedulingMode
  /** Share of organisations that are government buyers; requests go to them about half the time. */
  buyerShare?: number
  /** Tables reserved for buyer organisations (at most three buyers get some). */
  reservedTables?: number
  mustMeetShare?: number
  /** Chance that a person blocked a given slot. */
  blockedShare?: number
  /** Share of requests that name one to three allowed slots. */
  restrictedShare?: number
  /** Share of people with a personal limit below the event's. */
  personalLimitShare?: number
  existingMeetings?: number
  /** Share of requests repeating a pair already requested (the scheduler must place at most one). */
  duplicatePairShare?: number
}

const SLOT_MINUTES = 20
const FIRST_SLOT = Date.UTC(2027, 2, 24, 8, 0)

export function generateInstance(shape: InstanceShape): SchedulingInput {
  const random = seededRandom(shape.seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const pad = (n: number) => String(n).padStart(5, '0')

  const slots = Array.from({ length: shape.slots }, (_, i) => ({
    id: `slot-${pad(i)}`,
    startsAt: new Date(FIRST_SLOT + i * SLOT_MINUTES * 60_000),
    endsAt: new Date(FIRST_SLOT + (i + 1) * SLOT_MINUTES * 60_000),
  }))

  // Organisations of one to three people; the first share of them are buyers.
  const participants: SchedulingParticipant[] = []
  const buyerOrganisations: string[] = []
  const isBuyer = new Set<string>()
  let organisationCount = 0
  while (participants.length < shape.people) {
    const organisationId = `org-${pad(organisationCount)}`
    const buyer = random() < (shape.buyerShare ?? 0.1)
    if (buyer) buyerOrganisations.push(organisationId)
    organisationCount++
    const size = 1 + Math.floor(random() * 3)
    for (let member = 0; member < size && participants.length < shape.people; member++) {
      const index = participants.length
      const id = `person-${pad(index)}`
      if (buyer) isBuyer.add(id)
      participants.push({
        id,
        name: `Person ${index}`,
        organisationId,
        maxMeetings: random() < (shape.personalLimitShare ?? 0.1) ? Math.floor(random() * shape.meetingLimitPerPerson) : null,
        blockedSlotIds: slots.filter(() => random() < (shape.blockedShare ?? 0.05)).map((slot) => slot.id),
      })
    }
  }
  const buyers = participants.filter((person) => isBuyer.has(person.id))

  const tables: SchedulingTable[] = Array.from({ length: shape.tables }, (_, i) => ({
    id: `table-${pad(i)}`,
    number: i + 1,
    reservedForOrganisationId: i < (shape.reservedTables ?? 0) && buyerOrganisations.length > 0 ? buyerOrganisations[i % Math.min(3, buyerOrganisations.length)]! : null,
  }))

  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)
  const requestedPairs: [string, string][] = []
  const seenPairs = new Set<string>()
  const requests: SchedulingRequest[] = []
  for (let attempt = 0; requests.length < shape.requests && attempt < shape.requests * 20; attempt++) {
    let pair: [string, string]
    if (requestedPairs.length > 0 && random() < (shape.duplicatePairShare ?? 0)) {
      pair = pick(requestedPairs)
    } else {
      const first = buyers.length > 0 && random() < 0.5 ? pick(buyers) : pick(participants)
      const second = pick(participants)
      if (first.id === second.id || first.organisationId === second.organisationId || seenPairs.has(pairKey(first.id, second.id))) continue
      pair = random() < 0.5 ? [first.id, second.id] : [second.id, first.id]
      seenPairs.add(pairKey(...pair))
      requestedPairs.push(pair)
    }
    const restricted = random() < (shape.restrictedShare ?? 0.3)
    requests.push({
      id: `request-${pad(requests.length)}`,
      participantIds: pair,
      mustMeetPriority: random() < (shape.mustMeetShare ?? 0.05) ? 1 + Math.floor(random() * 3) : null,
      buyerInvolved: isBuyer.has(pair[0]) || isBuyer.has(pair[1]),
      mutualInterest: random() < 0.5,
      allowedSlotIds: restricted ? [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(slots).id))] : null,
    })
  }

  // Existing meetings that obey every rule (the database guarantees that), between new pairs.
  const existingMeetings: ExistingMeeting[] = []
  const busy = new Set<string>()
  const tableUsed = new Set<string>()
  const meetingCount = new Map<string, number>()
  const blocked = new Set(participants.flatMap((person) => person.blockedSlotIds.map((slotId) => `${person.id}@${slotId}`)))
  for (let attempt = 0; existingMeetings.length < (shape.existingMeetings ?? 0) && attempt < 50 * (shape.existingMeetings ?? 0); attempt++) {
    const a = pick(participants)
    const b = pick(participants)
    const slot = pick(slots)
    const table = pick(tables)
    if (a.id === b.id || a.organisationId === b.organisationId || seenPairs.has(pairKey(a.id, b.id))) continue
    if ([a, b].some((person) => busy.has(`${person.id}@${slot.id}`) || blocked.has(`${person.id}@${slot.id}`))) continue
    if ([a, b].some((person) => (meetingCount.get(person.id) ?? 0) >= shape.meetingLimitPerPerson)) continue
    if (tableUsed.has(`${table.id}@${slot.id}`)) continue
    if (table.reservedForOrganisationId !== null && ![a.organisationId, b.organisationId].includes(table.reservedForOrganisationId)) continue
    seenPairs.add(pairKey(a.id, b.id))
    busy.add(`${a.id}@${slot.id}`).add(`${b.id}@${slot.id}`)
    tableUsed.add(`${table.id}@${slot.id}`)
    for (const person of [a, b]) meetingCount.set(person.id, (meetingCount.get(person.id) ?? 0) + 1)
    existingMeetings.push({
      id: `meeting-${pad(existingMeetings.length)}`,
      slotId: slot.id,
      tableId: table.id,
      participantIds: [a.id, b.id],
      mustMeetPriority: random() < 0.1 ? 1 : null,
      buyerInvolved: isBuyer.has(a.id) || isBuyer.has(b.id),
      mutualInterest: random() < 0.5,
    })
  }

  return {
    mode: shape.mode ?? 'keep-existing',
    meetingLimitPerPerson: shape.meetingLimitPerPerson,
    slots,
    tables,
    participants,
    existingMeetings,
    requests,
  }
}

/** The same instance with every list (and every list inside an entry) in another order. */
export function shuffleInput(input: SchedulingInput, seed: number): SchedulingInput {
  const random = seededRandom(seed)
  const shuffle = <T>(list: readonly T[]) => {
    const copy = [...list]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }
  return {
    ...input,
    slots: shuffle(input.slots),
    tables: shuffle(input.tables),
    participants: shuffle(input.participants).map((person) => ({ ...person, blockedSlotIds: shuffle(person.blockedSlotIds) })),
    existingMeetings: shuffle(input.existingMeetings),
    requests: shuffle(input.requests).map((request) => ({
      ...request,
      allowedSlotIds: request.allowedSlotIds === null ? null : shuffle(request.allowedSlotIds),
    })),
  }
}

/**
 * Every broken rule in a plan, in words; empty when the plan is valid. Written from the rules,
 * not from the scheduler's code: no person or table twice in a slot, blocked slots, reserved
 * tables, allowed slots, limits, one meeting per pair, existing meetings kept (keep mode) or
 * never dropped (full re-plan; one that moves obeys every rule, one that stays is exempt as in
 * keep mode) and every request accounted for exactly once.
 */
export function findPlanViolations(input: SchedulingInput, result: SchedulingResult): string[] {
  const violations: string[] = []
  const people = new Map(input.participants.map((person) => [person.id, person]))
  const tables = new Map(input.tables.map((table) => [table.id, table]))
  const slotIds = new Set(input.slots.map((slot) => slot.id))
  const requests = new Map(input.requests.map((request) => [request.id, request]))
  const meetings = new Map(input.existingMeetings.map((meeting) => [meeting.id, meeting]))
  const personSlot = new Set<string>()
  const tableSlot = new Set<string>()
  const pairs = new Set<string>()
  const meetingCount = new Map<string, number>()
  const book = (what: string, slotId: string, tableId: string, participantIds: readonly [string, string], checkRules: boolean) => {
    if (!slotIds.has(slotId)) violations.push(`${what} is in unknown slot ${slotId}`)
    const table = tables.get(tableId)
    if (!table) violations.push(`${what} is at unknown table ${tableId}`)
    if (tableSlot.has(`${tableId}@${slotId}`)) violations.push(`${what}: table ${tableId} twice in ${slotId}`)
    tableSlot.add(`${tableId}@${slotId}`)
    const pair = [...participantIds].sort().join('|')
    if (pairs.has(pair)) violations.push(`${what}: the pair ${pair} meets twice`)
    pairs.add(pair)
    for (const personId of participantIds) {
      if (personSlot.has(`${personId}@${slotId}`)) violations.push(`${what}: ${personId} twice in ${slotId}`)
      personSlot.add(`${personId}@${slotId}`)
      meetingCount.set(personId, (meetingCount.get(personId) ?? 0) + 1)
      const person = people.get(personId)
      if (!person) violations.push(`${what} names unknown ${personId}`)
      else if (checkRules && person.blockedSlotIds.includes(slotId)) violations.push(`${what}: ${personId} blocked ${slotId}`)
    }
    const organisations = participantIds.map((personId) => people.get(personId)?.organisationId ?? null)
    if (checkRules && table?.reservedForOrganisationId && !organisations.includes(table.reservedForOrganisationId)) {
      violations.push(`${what}: table ${tableId} is reserved for ${table.reservedForOrganisationId}`)
    }
  }

  if (input.mode === 'keep-existing') {
    const keptIds = result.kept.map((meeting) => meeting.meetingId).sort()
    const existingIds = [...meetings.keys()].sort()
    if (keptIds.join() !== existingIds.join()) violations.push('kept meetings differ from the existing ones')
    for (const kept of result.kept) {
      const meeting = meetings.get(kept.meetingId)
      if (meeting && (meeting.slotId !== kept.slotId || meeting.tableId !== kept.tableId)) violations.push(`meeting ${kept.meetingId} moved`)
      if (meeting) book(`kept meeting ${meeting.id}`, meeting.slotId, meeting.tableId, meeting.participantIds, false)
    }
  } else if (result.kept.length > 0) {
    violations.push('a full re-plan keeps no meeting fixed')
  }

  const accounted = new Map<string, number>()
  const account = (key: string) => accounted.set(key, (accounted.get(key) ?? 0) + 1)
  for (const placement of result.placements) {
    const key = placement.kind === 'request' ? `request:${placement.requestId}` : `meeting:${placement.meetingId}`
    account(key)
    const source = placement.kind === 'request' ? requests.get(placement.requestId) : meetings.get(placement.meetingId)
    if (!source) {
      violations.push(`placement of unknown ${key}`)
      continue
    }
    if ([...source.participantIds].join() !== [...placement.participantIds].join()) violations.push(`${key} placed with other people`)
    const allowed = placement.kind === 'request' ? requests.get(placement.requestId)!.allowedSlotIds : null
    if (allowed !== null && !allowed.includes(placement.slotId)) violations.push(`${key} placed outside its allowed slots`)
    // An existing meeting that stays where it is keeps its place even if a rule changed since (as in keep mode).
    const existing = placement.kind === 'meeting' ? meetings.get(placement.meetingId)! : null
    const moved = existing !== null && (existing.slotId !== placement.slotId || existing.tableId !== placement.tableId)
    if (placement.moved !== moved) violations.push(`${key} says moved: ${placement.moved}, but it ${moved ? 'moved' : 'stayed'}`)
    book(key, placement.slotId, placement.tableId, placement.participantIds, existing === null || moved)
  }
  for (const unplaced of result.unplaced) {
    const key = unplaced.kind === 'request' ? `request:${unplaced.requestId}` : `meeting:${unplaced.meetingId}`
    account(key)
    if (!unplaced.message) violations.push(`${key} unplaced without a reason`)
    if (unplaced.kind === 'meeting') violations.push(`${key} was dropped: a full re-plan may move an existing meeting, never drop it`)
  }
  const expected = [...requests.keys()].map((id) => `request:${id}`)
  if (input.mode === 'full-replan') expected.push(...[...meetings.keys()].map((id) => `meeting:${id}`))
  for (const key of expected) {
    if (accounted.get(key) !== 1) violations.push(`${key} accounted for ${accounted.get(key) ?? 0} times`)
  }
  if (accounted.size !== expected.length) violations.push('the result names requests or meetings that are not in the input')

  for (const [personId, count] of meetingCount) {
    const person = people.get(personId)
    if (!person) continue
    const limit = Math.min(input.meetingLimitPerPerson, person.maxMeetings ?? Infinity)
    const existingCount = input.existingMeetings.filter((meeting) => meeting.participantIds.includes(personId)).length
    // Existing meetings may already exceed a lowered limit; nothing new is added then.
    if (count > Math.max(limit, existingCount)) violations.push(`${personId} has ${count} meetings, limit ${limit}`)
  }
  return violations
}
