// The exact reference for the B2B scheduler: the same problem as a 0/1 integer program,
// solved to proven optimality by HiGHS (WASM). Built from the input directly, sharing no
// code with the scheduler. Tests and bench only: never imported by app/.
//
// 'slot' formulation: x[i,s] = 1 when item i meets in slot s; tables enter as Hall's
// condition per slot (see docs/decisions/007-b2b-scheduler.md): a set of meetings can be
// seated iff for every set K of organisations with reserved tables, the meetings whose
// reserved-table organisations all lie in K are no more than the open tables plus the
// tables reserved for K. 'slot-table' formulation: x[i,s,t], one meeting per table and slot;
// used on tiny instances to show the two give the same optimum. A full re-plan's existing
// meetings are variables too, each placed exactly once (an equality row): never dropped.
import loadHighs from 'highs'
import type { SchedulingInput } from '#app/domain/scheduling/index.ts'
import { FIRST_MEETING_BONUS, meetingWeight } from '#app/domain/scheduling/index.ts'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let highsPromise: Promise<Highs> | undefined

export type ReferenceOptions = {
  formulation?: 'slot' | 'slot-table'
  /** 'score' adds the first-meeting bonus, as the scheduler does; 'weight' is meeting weights only. */
  objective?: 'score' | 'weight'
  /** Solve the LP relaxation instead (an upper bound). */
  relax?: boolean
  timeLimitSeconds?: number
}

export type ReferenceSolution = { status: string; optimum: number; variables: number; seconds: number }

type ReferenceItem = { a: string; b: string; weight: number; slots: string[]; required: boolean }

export async function solveReference(input: SchedulingInput, options: ReferenceOptions = {}): Promise<ReferenceSolution> {
  const formulation = options.formulation ?? 'slot'
  const objective = options.objective ?? 'score'
  const people = new Map(input.participants.map((person) => [person.id, person]))
  const organisationOf = (personId: string) => people.get(personId)!.organisationId
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)
  const limitOf = (personId: string) => Math.min(input.meetingLimitPerPerson, people.get(personId)!.maxMeetings ?? Infinity)
  const existingCount = new Map<string, number>()
  const existingPairs = new Map<string, number>()
  for (const meeting of input.existingMeetings) {
    for (const personId of meeting.participantIds) existingCount.set(personId, (existingCount.get(personId) ?? 0) + 1)
    existingPairs.set(pairKey(...meeting.participantIds), (existingPairs.get(pairKey(...meeting.participantIds)) ?? 0) + 1)
  }
  // Fixed: every existing meeting in keep mode; in a full re-plan, one whose place breaks a rule
  // a new placement obeys (blocked slot, a person over their limit, another organisation's
  // reserved table, the pair meeting twice). The others must each be placed exactly once.
  const breaksARule = (meeting: SchedulingInput['existingMeetings'][number]) => {
    const reservedFor = input.tables.find((table) => table.id === meeting.tableId)!.reservedForOrganisationId
    return (
      meeting.participantIds.some((personId) => people.get(personId)!.blockedSlotIds.includes(meeting.slotId) || existingCount.get(personId)! > limitOf(personId)) ||
      (reservedFor !== null && !meeting.participantIds.some((personId) => organisationOf(personId) === reservedFor)) ||
      existingPairs.get(pairKey(...meeting.participantIds))! > 1
    )
  }
  const fixed = input.existingMeetings.filter((meeting) => input.mode === 'keep-existing' || breaksARule(meeting))
  const movable = input.existingMeetings.filter((meeting) => !fixed.includes(meeting))
  const busy = new Set(fixed.flatMap((meeting) => meeting.participantIds.map((personId) => `${personId}@${meeting.slotId}`)))
  const takenTables = new Set(fixed.map((meeting) => `${meeting.tableId}@${meeting.slotId}`))
  const fixedPairs = new Set(fixed.map((meeting) => pairKey(...meeting.participantIds)))
  const fixedCount = new Map<string, number>()
  for (const meeting of fixed) for (const personId of meeting.participantIds) fixedCount.set(personId, (fixedCount.get(personId) ?? 0) + 1)
  const remaining = (personId: string) => Math.max(0, limitOf(personId) - (fixedCount.get(personId) ?? 0))
  const free = (personId: string, slotId: string) => !busy.has(`${personId}@${slotId}`) && !people.get(personId)!.blockedSlotIds.includes(slotId)

  const sources = [
    ...input.requests.map((request) => ({ ...request, required: false })),
    ...(input.mode === 'full-replan' ? input.existingMeetings.map((meeting) => ({ ...meeting, allowedSlotIds: null, required: movable.includes(meeting) })) : []),
  ]
  const items: ReferenceItem[] = []
  const requesters = new Set<string>()
  for (const source of sources) {
    const [a, b] = source.participantIds
    if (!people.has(a) || !people.has(b) || a === b) continue
    requesters.add(a).add(b)
    if (fixedPairs.has(pairKey(a, b))) continue
    const slots = input.slots.map((slot) => slot.id).filter((slotId) => (source.allowedSlotIds ?? [slotId]).includes(slotId) && free(a, slotId) && free(b, slotId))
    items.push({ a, b, weight: meetingWeight(source), slots, required: source.required })
  }
  // A full re-plan's score counts its fixed meetings and their people's first-meeting bonus too.
  const fixedScore =
    input.mode === 'full-replan'
      ? fixed.reduce((sum, meeting) => sum + meetingWeight(meeting), 0) + FIRST_MEETING_BONUS * new Set(fixed.flatMap((meeting) => meeting.participantIds)).size
      : 0

  const reservedOrganisations = [...new Set(input.tables.flatMap((table) => (table.reservedForOrganisationId ? [table.reservedForOrganisationId] : [])))].sort()
  const objectiveTerms: string[] = []
  const rows: string[] = []
  const binaries: string[] = []
  const itemTerms: string[][] = items.map(() => [])
  const personSlotTerms = new Map<string, string[]>()
  const personTerms = new Map<string, string[]>()
  const slotTerms = new Map<string, { item: ReferenceItem; variable: string }[]>()
  const tableSlotTerms = new Map<string, string[]>()
  const pairTerms = new Map<string, string[]>()
  const addTo = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key)
    if (list) list.push(value)
    else map.set(key, [value])
  }
  const tableUsable = (table: SchedulingInput['tables'][number], item: ReferenceItem) =>
    table.reservedForOrganisationId === null || [organisationOf(item.a), organisationOf(item.b)].includes(table.reservedForOrganisationId)

  // LP names allow letters, digits and a few signs only: number the slots, tables and people.
  const slotNumber = new Map(input.slots.map((slot, index) => [slot.id, index]))
  const tableNumber = new Map(input.tables.map((table, index) => [table.id, index]))
  const personNumber = new Map(input.participants.map((person, index) => [person.id, index]))
  for (const [index, item] of items.entries()) {
    for (const slotId of item.slots) {
      const slotVariables: string[] = []
      if (formulation === 'slot') {
        slotVariables.push(`x${index}_${slotNumber.get(slotId)}`)
        addTo(slotTerms, slotId, { item, variable: slotVariables[0]! })
      } else {
        for (const table of input.tables) {
          if (!tableUsable(table, item) || takenTables.has(`${table.id}@${slotId}`)) continue
          const variable = `x${index}_${slotNumber.get(slotId)}_${tableNumber.get(table.id)}`
          slotVariables.push(variable)
          addTo(tableSlotTerms, `${table.id}@${slotId}`, variable)
        }
      }
      for (const variable of slotVariables) {
        binaries.push(variable)
        objectiveTerms.push(`${item.weight} ${variable}`)
        itemTerms[index]!.push(variable)
        addTo(personSlotTerms, `${item.a}@${slotId}`, variable)
        addTo(personSlotTerms, `${item.b}@${slotId}`, variable)
        addTo(personTerms, item.a, variable)
        addTo(personTerms, item.b, variable)
        addTo(pairTerms, pairKey(item.a, item.b), variable)
      }
    }
  }

  const sum = (terms: string[]) => terms.join(' + ')
  let rowNumber = 0
  const row = (terms: string[], bound: number) => {
    if (terms.length > 0) rows.push(`r${rowNumber++}: ${sum(terms)} <= ${bound}`)
  }
  for (const terms of personSlotTerms.values()) if (terms.length > 1) row(terms, 1)
  for (const [personId, terms] of personTerms) if (terms.length > remaining(personId)) row(terms, remaining(personId))
  // One meeting per pair covers "each item at most once" too.
  for (const terms of pairTerms.values()) if (terms.length > 1) row(terms, 1)
  for (const terms of tableSlotTerms.values()) if (terms.length > 1) row(terms, 1)
  for (const [index, item] of items.entries()) {
    if (item.required) rows.push(`r${rowNumber++}: ${sum(itemTerms[index]!)} = 1`)
  }
  if (formulation === 'slot') {
    for (const slot of input.slots) {
      const terms = slotTerms.get(slot.id) ?? []
      const openTables = input.tables.filter((table) => !takenTables.has(`${table.id}@${slot.id}`))
      for (let subset = 0; subset < 1 << reservedOrganisations.length; subset++) {
        const inSubset = (organisationId: string | null) => organisationId !== null && reservedOrganisations.indexOf(organisationId) >= 0 && (subset >> reservedOrganisations.indexOf(organisationId)) & 1
        const isReserved = (organisationId: string | null) => organisationId !== null && reservedOrganisations.includes(organisationId)
        const capacity = openTables.filter((table) => table.reservedForOrganisationId === null || inSubset(table.reservedForOrganisationId)).length
        const covered = terms.filter(({ item }) => [organisationOf(item.a), organisationOf(item.b)].every((organisationId) => !isReserved(organisationId) || inSubset(organisationId)))
        if (covered.length > capacity) row(covered.map(({ variable }) => variable), capacity)
      }
    }
  }
  if (objective === 'score') {
    // y = 1 earns the bonus and needs at least one meeting; people with a fixed meeting had theirs already.
    for (const personId of [...requesters].sort()) {
      if ((fixedCount.get(personId) ?? 0) > 0) continue
      const terms = personTerms.get(personId) ?? []
      if (terms.length === 0) continue
      const variable = `y${personNumber.get(personId)}`
      binaries.push(variable)
      objectiveTerms.push(`${FIRST_MEETING_BONUS} ${variable}`)
      rows.push(`r${rowNumber++}: ${variable} - ${terms.join('\n - ')} <= 0`)
    }
  }

  if (objectiveTerms.length === 0) return { status: 'Optimal', optimum: fixedScore, variables: 0, seconds: 0 }
  const lp = [
    'Maximize',
    ` obj: ${objectiveTerms.join('\n + ')}`,
    'Subject To',
    ...rows.map((text) => ` ${text.replaceAll(' + ', '\n + ')}`),
    'Bounds',
    ...binaries.map((variable) => ` 0 <= ${variable} <= 1`),
    ...(options.relax ? [] : ['Binary', ...binaries.map((variable) => ` ${variable}`)]),
    'End',
  ].join('\n')
  highsPromise ??= loadHighs()
  const highs = await highsPromise
  const started = performance.now()
  const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, time_limit: options.timeLimitSeconds ?? 60 })
  return { status: solution.Status, optimum: fixedScore + solution.ObjectiveValue, variables: binaries.length, seconds: (performance.now() - started) / 1000 }
}
