// Turns the scheduler's input into dense integer indices (slots, tables, people, items) in a
// canonical order, so the algorithm's result depends on ids only, never on input order.
import type { ScheduledSubject, SchedulingInput } from './types.ts'
import { meetingWeight } from './weights.ts'

/** Input the caller must never send (the database's constraints rule it out). */
export class SchedulingInputError extends Error {
  override name = 'SchedulingInputError'
}

/** Something to place: a request, or an existing meeting in a full re-plan. */
export type Item = {
  subject: ScheduledSubject
  id: string
  participantIds: readonly [string, string]
  /** People indices; -1 when the request names someone unknown. */
  a: number
  b: number
  weight: number
  /** Why the item can never be placed, already in the organiser's words; null when valid. */
  invalidMessage: string | null
  /** Whether the request restricts itself to some slots (for the reason's wording). */
  restrictedSlots: boolean
  /** Full re-plan: where the existing meeting is now (-1 for a request). */
  originalSlot: number
  originalTable: number
  /**
   * Full re-plan: the existing meeting's place breaks a rule a new placement must obey (one of
   * its people blocked that slot or has more existing meetings than their limit, e.g. 0 after
   * leaving; the table is reserved for another organisation; the pair has another existing
   * meeting). It stays exactly there, as in keep-existing mode: the organiser decides.
   */
  pinned: boolean
}

export type KeptModelMeeting = { id: string; a: number; b: number; slot: number; table: number; participantIds: readonly [string, string] }

export type SchedulingModel = {
  slotIds: string[]
  tableIds: string[]
  personIds: string[]
  personNames: string[]
  /** Reserved class per table (-1: open to all); a class is one organisation's reserved tables. */
  tableClass: Int32Array
  classCount: number
  /** Reserved class of each person's organisation, -1 when it has no reserved table. */
  personClass: Int32Array
  /** People of each reserved class's organisation. */
  classMembers: number[][]
  /** Tables of each class; index classCount holds the unreserved tables. */
  tablesOfClass: number[][]
  limit: Int32Array
  /** 1 where person p blocked slot s, at p * slotCount + s. */
  blocked: Uint8Array
  items: Item[]
  /** 1 where item i may use slot s, at i * slotCount + s. */
  allowed: Uint8Array
  kept: KeptModelMeeting[]
  /** The two people of each meeting (item index, or items.length + kept index), at 2 * meeting and 2 * meeting + 1. */
  meetingPeople: Int32Array
  /** Each item's weight, as items[i].weight, in an array the hot loops read without an object load. */
  itemWeight: Int32Array
  /** Each meeting's pair of people, numbered densely: meetings of the same two people share a number. */
  meetingPair: Int32Array
  pairCount: number
}

function byId<T extends { id: string }>(a: T, b: T) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function indexById(kind: string, rows: readonly { id: string }[]) {
  const index = new Map<string, number>()
  for (const [position, row] of rows.entries()) {
    if (index.has(row.id)) throw new SchedulingInputError(`Duplicate ${kind} id ${row.id}`)
    index.set(row.id, position)
  }
  return index
}

export function buildSchedulingModel(input: SchedulingInput): SchedulingModel {
  if (!Number.isInteger(input.meetingLimitPerPerson) || input.meetingLimitPerPerson < 0) {
    throw new SchedulingInputError('The meeting limit per person must be a whole number of 0 or more')
  }
  const slots = [...input.slots].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || byId(x, y))
  const tables = [...input.tables].sort((x, y) => x.number - y.number || byId(x, y))
  const people = [...input.participants].sort(byId)
  const slotIndex = indexById('slot', slots)
  const tableIndex = indexById('table', tables)
  const personIndex = indexById('participant', people)
  const slotCount = slots.length

  // Organisations are numbered in order of first appearance over id-sorted people, then tables.
  const organisationIndex = new Map<string, number>()
  const organisationOf = (id: string | null) => {
    if (id === null) return -1
    let index = organisationIndex.get(id)
    if (index === undefined) {
      index = organisationIndex.size
      organisationIndex.set(id, index)
    }
    return index
  }
  const personOrganisation = Int32Array.from(people, (person) => organisationOf(person.organisationId))
  const tableOrganisation = tables.map((table) => organisationOf(table.reservedForOrganisationId))

  const organisationClass = new Int32Array(organisationIndex.size).fill(-1)
  let classCount = 0
  for (const organisation of tableOrganisation) {
    if (organisation >= 0 && organisationClass[organisation] === -1) organisationClass[organisation] = classCount++
  }
  const tableClass = Int32Array.from(tableOrganisation, (organisation) => (organisation >= 0 ? organisationClass[organisation]! : -1))
  const tablesOfClass: number[][] = Array.from({ length: classCount + 1 }, () => [])
  for (const [table, tableClassIndex] of tableClass.entries()) tablesOfClass[tableClassIndex >= 0 ? tableClassIndex : classCount]!.push(table)
  const personClass = Int32Array.from(personOrganisation, (organisation) => (organisation >= 0 ? organisationClass[organisation]! : -1))
  const classMembers: number[][] = Array.from({ length: classCount }, () => [])
  for (const [person, reservedClass] of personClass.entries()) {
    if (reservedClass >= 0) classMembers[reservedClass]!.push(person)
  }

  const limit = Int32Array.from(people, (person) =>
    person.maxMeetings === null ? input.meetingLimitPerPerson : Math.max(0, Math.min(input.meetingLimitPerPerson, Math.floor(person.maxMeetings))),
  )
  const blocked = new Uint8Array(people.length * slotCount)
  for (const [person, participant] of people.entries()) {
    for (const slotId of participant.blockedSlotIds) {
      const slot = slotIndex.get(slotId)
      if (slot !== undefined) blocked[person * slotCount + slot] = 1
    }
  }

  const meetings = [...input.existingMeetings].sort(byId)
  indexById('meeting', meetings)
  const resolvedMeetings = meetings.map((meeting) => {
    const slot = slotIndex.get(meeting.slotId)
    const table = tableIndex.get(meeting.tableId)
    const [a, b] = meeting.participantIds.map((id) => personIndex.get(id))
    if (slot === undefined || table === undefined || a === undefined || b === undefined || a === b) {
      throw new SchedulingInputError(`Meeting ${meeting.id} names an unknown slot, table or participant, or the same person twice`)
    }
    return { meeting, slot, table, a, b }
  })

  const kept: KeptModelMeeting[] = []
  const items: Item[] = []
  const requests = [...input.requests].sort(byId)
  indexById('request', requests)
  const allowedRows: (Uint8Array | null)[] = []
  for (const request of requests) {
    const [first, second] = request.participantIds
    const a = personIndex.get(first) ?? -1
    const b = personIndex.get(second) ?? -1
    let invalidMessage: string | null = null
    if (a < 0 || b < 0) invalidMessage = 'It names someone who is not a participant of the B2B meetings'
    else if (a === b) invalidMessage = 'Both sides are the same person'
    let row: Uint8Array | null = null
    if (request.allowedSlotIds !== null) {
      row = new Uint8Array(slotCount)
      for (const slotId of request.allowedSlotIds) {
        const slot = slotIndex.get(slotId)
        if (slot !== undefined) row[slot] = 1
      }
    }
    allowedRows.push(row)
    items.push({
      subject: { kind: 'request', requestId: request.id },
      id: request.id,
      participantIds: [first, second],
      a,
      b,
      weight: meetingWeight(request),
      invalidMessage,
      restrictedSlots: request.allowedSlotIds !== null,
      originalSlot: -1,
      originalTable: -1,
      pinned: false,
    })
  }
  const existingCount = new Int32Array(people.length)
  const pairCount = new Map<string, number>()
  const pairOf = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`)
  for (const { a, b } of resolvedMeetings) {
    existingCount[a]!++
    existingCount[b]!++
    pairCount.set(pairOf(a, b), (pairCount.get(pairOf(a, b)) ?? 0) + 1)
  }
  for (const { meeting, slot, table, a, b } of resolvedMeetings) {
    const participantIds: [string, string] = [meeting.participantIds[0], meeting.participantIds[1]]
    if (input.mode === 'keep-existing') {
      kept.push({ id: meeting.id, a, b, slot, table, participantIds })
      continue
    }
    const reservedClass = tableClass[table]!
    const pinned =
      [a, b].some((person) => blocked[person * slotCount + slot] === 1 || existingCount[person]! > limit[person]!) ||
      (reservedClass >= 0 && reservedClass !== personClass[a] && reservedClass !== personClass[b]) ||
      pairCount.get(pairOf(a, b))! > 1
    allowedRows.push(null)
    items.push({
      subject: { kind: 'meeting', meetingId: meeting.id },
      id: meeting.id,
      participantIds,
      a,
      b,
      weight: meetingWeight(meeting),
      invalidMessage: null,
      restrictedSlots: false,
      originalSlot: slot,
      originalTable: table,
      pinned,
    })
  }

  const allowed = new Uint8Array(items.length * slotCount)
  for (const [item, row] of allowedRows.entries()) {
    if (row === null) allowed.fill(1, item * slotCount, (item + 1) * slotCount)
    else allowed.set(row, item * slotCount)
  }

  const meetingPeople = new Int32Array(2 * (items.length + kept.length))
  for (const [index, item] of items.entries()) {
    meetingPeople[2 * index] = item.a
    meetingPeople[2 * index + 1] = item.b
  }
  for (const [index, meeting] of kept.entries()) {
    meetingPeople[2 * (items.length + index)] = meeting.a
    meetingPeople[2 * (items.length + index) + 1] = meeting.b
  }
  const pairs = numberPairs(meetingPeople, people.length)

  return {
    slotIds: slots.map((slot) => slot.id),
    tableIds: tables.map((table) => table.id),
    personIds: people.map((person) => person.id),
    personNames: people.map((person) => person.name),
    tableClass,
    classCount,
    personClass,
    classMembers,
    tablesOfClass,
    limit,
    blocked,
    items,
    allowed,
    kept,
    meetingPeople,
    itemWeight: Int32Array.from(items, (item) => item.weight),
    meetingPair: pairs.meetingPair,
    pairCount: pairs.pairCount,
  }
}

/** Numbers each meeting's pair of people; an invalid item (unknown person, same person twice) gets a number of its own. */
function numberPairs(meetingPeople: Int32Array, personCount: number) {
  const meetingPair = new Int32Array(meetingPeople.length / 2)
  const pairOfKey = new Map<number, number>()
  let pairCount = 0
  for (let meeting = 0; meeting < meetingPair.length; meeting++) {
    const a = meetingPeople[2 * meeting]!
    const b = meetingPeople[2 * meeting + 1]!
    if (a < 0 || b < 0 || a === b) {
      meetingPair[meeting] = pairCount++
      continue
    }
    const key = a < b ? a * personCount + b : b * personCount + a
    let pair = pairOfKey.get(key)
    if (pair === undefined) {
      pair = pairCount++
      pairOfKey.set(key, pair)
    }
    meetingPair[meeting] = pair
  }
  return { meetingPair, pairCount }
}
