// The B2B scheduler at industry-day scale and against the exact optimum.
//
//   npx tsx bench/scheduler.ts [--seed 2027] [--people 3000] [--requests 20000] [--slots 24] [--tables 150]
//
// Large instance: time, peak memory, meetings placed against an upper bound, score against an
// upper bound, fairness (requesters with at least one meeting, and the distribution); then the
// same instance as a full re-plan (existing meetings may move, never be dropped). Medium
// instance: the scheduler's score and weight against HiGHS's proven optimum.
import { parseArgs } from 'node:util'
import { FIRST_MEETING_BONUS, meetingWeight, scheduleMeetings, type SchedulingInput } from '#app/domain/scheduling/index.ts'
import { findPlanViolations, generateInstance } from '#tests/support/scheduling-instances.ts'
import { solveReference } from '#tests/support/scheduling-reference.ts'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2027' },
    people: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '20000' },
    slots: { type: 'string', default: '24' },
    tables: { type: 'string', default: '150' },
  },
})

const large = generateInstance({
  seed: Number(values.seed),
  people: Number(values.people),
  requests: Number(values.requests),
  slots: Number(values.slots),
  tables: Number(values.tables),
  meetingLimitPerPerson: 12,
  // About 10% buyers receive about half of all requests; 6 tables reserved for 3 buyer organisations.
  buyerShare: 0.1,
  reservedTables: 6,
  mustMeetShare: 0.03,
  blockedShare: 0.05,
  restrictedShare: 0.3,
  personalLimitShare: 0.05,
  existingMeetings: 300,
})

const heapBefore = process.memoryUsage().heapUsed
const started = performance.now()
const result = scheduleMeetings(large)
const seconds = (performance.now() - started) / 1000
const heapAfter = process.memoryUsage().heapUsed
const violations = findPlanViolations(large, result)
if (violations.length > 0) throw new Error(`The plan breaks rules: ${violations.slice(0, 5).join('; ')}`)

const bounds = upperBounds(large)
const { statistics } = result
const reasons = new Map<string, number>()
for (const unplaced of result.unplaced) reasons.set(unplaced.reason, (reasons.get(unplaced.reason) ?? 0) + 1)

console.log(`Large instance: ${large.participants.length} participants, ${large.requests.length} requests, ${large.slots.length} slots, ${large.tables.length} tables, ${large.existingMeetings.length} existing meetings kept`)
console.table({
  'time (s)': seconds.toFixed(2),
  'peak RSS of the process (MB)': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  'heap growth during scheduling (MB)': ((heapAfter - heapBefore) / 1024 / 1024).toFixed(1),
  'meetings placed': statistics.placedCount,
  'upper bound on meetings placed': bounds.meetings,
  'placed / bound': (statistics.placedCount / bounds.meetings).toFixed(4),
  'table-slots free before planning': bounds.freeTableSlots,
  score: statistics.score,
  'upper bound on score': bounds.score,
  'score / bound': (statistics.score / bounds.score).toFixed(4),
  'requesters with >= 1 meeting': `${statistics.requestersWithMeeting} / ${statistics.requesterCount} = ${(statistics.requestersWithMeeting / statistics.requesterCount).toFixed(4)}`,
})
console.log('Meetings per requester (kept + placed): count of people')
console.table(Object.fromEntries(statistics.meetingsPerRequester.map((people, meetings) => [meetings, people])))
console.log('Unplaced requests by reason')
console.table(Object.fromEntries(reasons))

// The full re-plan scores existing meetings and their people's first-meeting bonus too; the
// keep-existing plan scored the same way is what it starts from.
const replanStarted = performance.now()
const replan = scheduleMeetings({ ...large, mode: 'full-replan' })
const replanSeconds = (performance.now() - replanStarted) / 1000
const replanViolations = findPlanViolations({ ...large, mode: 'full-replan' }, replan)
if (replanViolations.length > 0) throw new Error(`The re-plan breaks rules: ${replanViolations.slice(0, 5).join('; ')}`)
const existingPeople = new Set(large.existingMeetings.flatMap((meeting) => meeting.participantIds))
const keepScoredAsReplan = statistics.score + large.existingMeetings.reduce((sum, meeting) => sum + meetingWeight(meeting), 0) + FIRST_MEETING_BONUS * existingPeople.size
console.log('The same instance as a full re-plan')
console.table({
  'time (s)': replanSeconds.toFixed(2),
  'meetings in the plan (existing included)': replan.statistics.placedCount,
  'existing meetings moved / dropped': `${replan.statistics.movedCount} / ${replan.unplaced.filter((unplaced) => unplaced.kind === 'meeting').length}`,
  score: replan.statistics.score,
  'keep-existing plan, scored the same way': keepScoredAsReplan,
})

const medium = generateInstance({
  seed: Number(values.seed),
  people: 60,
  requests: 300,
  slots: 10,
  tables: 8,
  meetingLimitPerPerson: 6,
  reservedTables: 2,
  buyerShare: 0.15,
  existingMeetings: 4,
})
const mediumResult = scheduleMeetings(medium)
const optimumScore = await solveReference(medium, { objective: 'score' })
const optimumWeight = await solveReference(medium, { objective: 'weight' })
console.log('Medium instance against HiGHS (60 participants, 300 requests, 10 slots, 8 tables)')
console.table({
  'scheduler score': mediumResult.statistics.score,
  'optimal score (HiGHS)': Math.round(optimumScore.optimum),
  'score ratio': (mediumResult.statistics.score / optimumScore.optimum).toFixed(4),
  "scheduler's meeting weight": mediumResult.statistics.placedWeight,
  'optimal weight without the fairness bonus (HiGHS)': Math.round(optimumWeight.optimum),
  'weight ratio': (mediumResult.statistics.placedWeight / optimumWeight.optimum).toFixed(4),
  'HiGHS seconds (score model)': optimumScore.seconds.toFixed(2),
})

/**
 * Upper bounds that hold for any valid plan. Meetings: per slot, no more than the free tables
 * anyone can use (open tables plus, per organisation with reserved tables, no more reserved
 * tables than it has people free in that slot) and no more than half the people free in it;
 * overall, no more than half the sum of every person's remaining capacity (limit minus kept
 * meetings, their number of requests, their free slots), and no more than the requests.
 * Score: the heaviest `meetings` requests, plus the first-meeting bonus for every requester
 * without a kept meeting, or for two people per meeting if fewer.
 */
function upperBounds(input: SchedulingInput) {
  const people = new Map(input.participants.map((person) => [person.id, person]))
  const busy = new Set(input.existingMeetings.flatMap((meeting) => meeting.participantIds.map((id) => `${id}@${meeting.slotId}`)))
  const takenTables = new Set(input.existingMeetings.map((meeting) => `${meeting.tableId}@${meeting.slotId}`))
  const keptCount = new Map<string, number>()
  for (const meeting of input.existingMeetings) for (const id of meeting.participantIds) keptCount.set(id, (keptCount.get(id) ?? 0) + 1)
  const requestCount = new Map<string, number>()
  for (const request of input.requests) for (const id of request.participantIds) requestCount.set(id, (requestCount.get(id) ?? 0) + 1)
  const requesters = [...requestCount.keys()]
  const free = (id: string, slotId: string) => !busy.has(`${id}@${slotId}`) && !people.get(id)!.blockedSlotIds.includes(slotId)

  let meetingsBySlot = 0
  let freeTableSlots = 0
  for (const slot of input.slots) {
    const freePeople = requesters.filter((id) => free(id, slot.id))
    let usableTables = 0
    const reservedFree = new Map<string, number>()
    for (const table of input.tables) {
      if (takenTables.has(`${table.id}@${slot.id}`)) continue
      freeTableSlots++
      if (table.reservedForOrganisationId === null) usableTables++
      else reservedFree.set(table.reservedForOrganisationId, (reservedFree.get(table.reservedForOrganisationId) ?? 0) + 1)
    }
    for (const [organisationId, count] of reservedFree) {
      usableTables += Math.min(count, freePeople.filter((id) => people.get(id)!.organisationId === organisationId).length)
    }
    meetingsBySlot += Math.min(usableTables, Math.floor(freePeople.length / 2))
  }
  let capacity = 0
  for (const id of requesters) {
    const person = people.get(id)!
    const limit = Math.min(input.meetingLimitPerPerson, person.maxMeetings ?? Infinity) - (keptCount.get(id) ?? 0)
    const freeSlots = input.slots.filter((slot) => free(id, slot.id)).length
    capacity += Math.max(0, Math.min(limit, requestCount.get(id)!, freeSlots))
  }
  const meetings = Math.min(meetingsBySlot, Math.floor(capacity / 2), input.requests.length)
  const heaviest = input.requests
    .map((request) => meetingWeight(request))
    .sort((x, y) => y - x)
    .slice(0, meetings)
    .reduce((sum, weight) => sum + weight, 0)
  const bonusPeople = Math.min(requesters.filter((id) => !keptCount.has(id)).length, 2 * meetings)
  return { meetings, freeTableSlots, score: heaviest + FIRST_MEETING_BONUS * bonusPeople }
}
