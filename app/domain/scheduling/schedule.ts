// The B2B scheduler: places requested meetings into slots and tables, maximising the plan's
// score (meeting weights plus a bonus for each requester's first meeting) under the hard
// rules: nobody and no table twice in a slot, blocked slots, reserved tables, per-person
// limits, one meeting per pair, existing meetings kept (a full re-plan may move them, never
// drop them).
// Why this algorithm and how it was checked: docs/decisions/007-b2b-scheduler.md.
import { improveBySlotSets } from './exact-search.ts'
import { buildSchedulingModel, type SchedulingModel } from './model.ts'
import { PlanState } from './plan-state.ts'
import { GainQueue } from './priority-queue.ts'
import type { Placement, SchedulingInput, SchedulingResult, Unplaced } from './types.ts'
import { FIRST_MEETING_BONUS } from './weights.ts'

/** Local improvement stops after this many passes even if each pass still finds something. */
const MAX_IMPROVEMENT_PASSES = 6
const UNKNOWN = -2

/**
 * Small instances (up to this many item-slot pairs) are planned once per slot preference and the
 * best plan is kept: cheap there, and it lifts the few instances where one greedy choice costs a
 * visible share of a small total.
 */
const MULTI_START_LIMIT = 20_000

/**
 * Tiny instances (up to this many item-slot pairs and slots, e.g. 40 requests over 4 slots)
 * then get an exact search for a better plan (exact-search.ts), bounded in nodes per search and
 * in all: about 1 microsecond a node, so at most about 60 ms.
 */
const EXACT_SEARCH_LIMIT = 200
const EXACT_SEARCH_MAX_SLOTS = 6
const EXACT_SEARCH_NODES = 10_000
const EXACT_SEARCH_TOTAL_NODES = 60_000

/** How the direct placement picks among slots with room (after a re-planned meeting's own slot). */
type SlotPreference = 'least-needed' | 'most-free-tables' | 'earliest'

export function scheduleMeetings(input: SchedulingInput): SchedulingResult {
  const model = buildSchedulingModel(input)
  return buildResult(model, input.mode === 'full-replan' ? replan(input, model) : planAroundKeptMeetings(model))
}

function isSmall(model: SchedulingModel) {
  return model.items.length * model.slotIds.length <= MULTI_START_LIMIT
}

function isTiny(model: SchedulingModel) {
  return model.items.length * model.slotIds.length <= EXACT_SEARCH_LIMIT && model.slotIds.length <= EXACT_SEARCH_MAX_SLOTS
}

/** Requests around meetings that stay where they are: the best plan over the slot preferences. */
function planAroundKeptMeetings(model: SchedulingModel) {
  const preferences: SlotPreference[] = isSmall(model) ? ['least-needed', 'most-free-tables', 'earliest'] : ['least-needed']
  let best: PlanState | undefined
  for (const preference of preferences) {
    const state = new PlanState(model)
    const scheduler = new Scheduler(model, state, preference)
    scheduler.placeGreedily()
    scheduler.improveLocally()
    if (preferences.length > 1) scheduler.ruinAndRecreate()
    scheduler.completeDirectly()
    if (!best || state.score > best.score) best = state
  }
  return isTiny(model) ? improveBySlotSets(model, best!, EXACT_SEARCH_NODES, EXACT_SEARCH_TOTAL_NODES) : best!
}

/**
 * A full re-plan never drops an existing meeting (both people accepted it) and moves one only
 * as part of a step that raises the score. It starts from the keep-existing plan, which is
 * feasible here too, so it never scores less; then the local steps may move existing meetings
 * (each committed step keeps all of them in the plan); last, meetings that a later step made
 * needless to move go back to where they were.
 */
function replan(input: SchedulingInput, model: SchedulingModel) {
  const keepModel = buildSchedulingModel({ ...input, mode: 'keep-existing' })
  const keepPlan = planAroundKeptMeetings(keepModel)
  const state = new PlanState(model)
  // Requests come first in both models, in the same order.
  for (let item = 0; item < keepModel.items.length; item++) {
    const slot = keepPlan.meetingSlot[item]!
    if (slot !== -1) state.place(item, slot, keepPlan.meetingTable[item]!)
  }
  state.seatOnReservedTables()
  state.commit()
  const scheduler = new Scheduler(model, state, 'least-needed')
  scheduler.improveLocally()
  if (isSmall(model)) scheduler.ruinAndRecreate()
  scheduler.completeDirectly()
  const plan = isTiny(model) ? improveBySlotSets(model, state, EXACT_SEARCH_NODES, EXACT_SEARCH_TOTAL_NODES) : state
  new Scheduler(model, plan, 'least-needed').restoreOriginalPlaces()
  return plan
}

class Scheduler {
  /** How many still-open requests of person p could use slot s, at p * slotCount + s. */
  private readonly demand: Int32Array
  private readonly validItems: number[]
  /** Per slot, the lightest meeting at an open table (UNKNOWN until computed). */
  private readonly weakestAtOpenTable: Int32Array
  /** Each person's valid items, heaviest first. */
  private readonly itemsOfPerson: number[][]
  /** Each item's place before a full re-plan (-1 for a request), as in the items, for the hot loops. */
  private readonly originalSlot: Int32Array
  private readonly originalTable: Int32Array

  constructor(
    private readonly model: SchedulingModel,
    private readonly state: PlanState,
    private readonly preference: SlotPreference,
  ) {
    this.validItems = model.items.flatMap((item, index) => (item.invalidMessage === null && !item.pinned ? [index] : []))
    this.itemsOfPerson = model.personIds.map(() => [])
    for (const item of this.validItems) {
      this.itemsOfPerson[model.meetingPeople[2 * item]!]!.push(item)
      this.itemsOfPerson[model.meetingPeople[2 * item + 1]!]!.push(item)
    }
    for (const list of this.itemsOfPerson) list.sort((x, y) => model.itemWeight[y]! - model.itemWeight[x]! || x - y)
    this.originalSlot = Int32Array.from(model.items, (item) => item.originalSlot)
    this.originalTable = Int32Array.from(model.items, (item) => item.originalTable)
    this.weakestAtOpenTable = new Int32Array(state.slotCount).fill(UNKNOWN)
    this.demand = new Int32Array(model.personIds.length * state.slotCount)
    for (const item of this.validItems) if (state.meetingSlot[item] === -1) this.adjustDemand(item, 1)
  }

  /**
   * Best marginal gain first (lazy: a gain only falls as people get meetings, so a popped
   * item whose gain is still current is the true best). Resources only get used up here, so an
   * item that does not fit now never will in this phase.
   */
  placeGreedily() {
    const queue = new GainQueue()
    for (const item of this.validItems) queue.push(this.state.gain(item), item)
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [queuedGain, item] = next
      const gain = this.state.gain(item)
      if (gain < queuedGain) {
        queue.push(gain, item)
        continue
      }
      this.adjustDemand(item, -1)
      this.tryPlace(item)
      this.state.commit()
    }
  }

  /**
   * For each unplaced item, heaviest first: place it directly, or after moving the meetings
   * that block it to other slots, or by replacing weaker meetings when that raises the score.
   * Every committed step raises the score, so this ends.
   */
  improveLocally() {
    for (let pass = 0; pass < MAX_IMPROVEMENT_PASSES; pass++) {
      const scoreBefore = this.state.score
      for (const item of this.unplacedByWeight()) {
        if (this.tryPlace(item) || this.tryRelocatingBlockers(item) || this.trySwappingChain(item) || this.tryReplacing(item)) {
          this.state.commit()
          this.weakestAtOpenTable.fill(UNKNOWN)
        }
      }
      if (this.state.score === scoreBefore) return
    }
  }

  /**
   * Small instances only: take out each placed meeting in turn (lightest first), let the
   * unplaced items use the room, then put it back if it fits; kept when the score rises. This
   * escapes local optima the single moves above cannot leave.
   */
  ruinAndRecreate() {
    const { state, model } = this
    const placed = this.validItems.filter((item) => state.meetingSlot[item] !== -1).sort((x, y) => model.itemWeight[x]! - model.itemWeight[y]! || x - y)
    for (const meeting of placed) {
      if (state.meetingSlot[meeting] === -1) continue
      const mark = state.mark()
      const scoreBefore = state.score
      state.unplace(meeting)
      for (const item of this.unplacedByWeight()) {
        if (item !== meeting && !this.tryPlace(item) && !this.tryRelocatingBlockers(item)) this.trySwappingChain(item)
      }
      this.tryPlace(meeting)
      if (this.improvesOn(scoreBefore)) {
        state.commit()
        this.weakestAtOpenTable.fill(UNKNOWN)
      } else {
        state.rollback(mark)
      }
    }
  }

  /** A last direct pass, so every unplaced item is truly blocked when its reason is given. */
  completeDirectly() {
    for (const item of this.unplacedByWeight()) {
      this.tryPlace(item)
      this.state.commit()
    }
  }

  /**
   * Full re-plan: put each moved existing meeting back where it was whenever the plan loses
   * nothing by it (the meetings in its way go elsewhere), so only moves that place more remain.
   * Every committed step returns at least one meeting, so this ends.
   */
  restoreOriginalPlaces() {
    const { state } = this
    const existing = this.validItems.filter((item) => state.isExisting(item))
    const movedCount = () => existing.reduce((count, meeting) => count + (this.isMoved(meeting) ? 1 : 0), 0)
    for (let changed = true; changed; ) {
      changed = false
      for (const meeting of existing) {
        if (!this.isMoved(meeting)) continue
        const movedBefore = movedCount()
        const scoreBefore = state.score
        const mark = state.mark()
        if (this.returnToOriginalPlace(meeting) && state.unplacedExisting === 0 && state.score >= scoreBefore && movedCount() < movedBefore) {
          state.commit()
          this.weakestAtOpenTable.fill(UNKNOWN)
          changed = true
        } else {
          state.rollback(mark)
        }
      }
    }
  }

  private isMoved(meeting: number) {
    const { originalSlot, originalTable } = this.model.items[meeting]!
    return this.state.meetingSlot[meeting] !== originalSlot || this.state.meetingTable[meeting] !== originalTable
  }

  /** Move the existing meeting back, taking out what stands there and placing it again elsewhere; false to roll back. */
  private returnToOriginalPlace(meeting: number) {
    const { state, model } = this
    const { a, b, originalSlot: slot, originalTable: table } = model.items[meeting]!
    const displaced: number[] = []
    state.unplace(meeting)
    for (const other of [state.busy[a * state.slotCount + slot]!, state.busy[b * state.slotCount + slot]!, state.occupant[slot * state.tableCount + table]!]) {
      if (other === -1 || state.meetingSlot[other] !== slot) continue
      if (state.isPinned(other)) return false
      this.remove(other, displaced)
    }
    if (state.occupant[slot * state.tableCount + table] !== -1 || !state.canUseSlot(meeting, slot) || !state.withinLimits(meeting)) return false
    state.place(meeting, slot, table)
    for (const other of displaced) if (!this.tryPlace(other)) this.trySwappingChain(other)
    return true
  }

  /** A tentative change is worth committing: the score rose and no existing meeting is left out. */
  private improvesOn(score: number) {
    return this.state.score > score && this.state.unplacedExisting === 0
  }

  private unplacedByWeight() {
    const { itemWeight } = this.model
    return this.validItems.filter((item) => this.state.meetingSlot[item] === -1).sort((x, y) => itemWeight[y]! - itemWeight[x]! || x - y)
  }

  /**
   * Place the item directly in the best slot that has room now: its current slot in a re-plan
   * (nobody's calendar changes), else by the preference: the slot its two people's other open
   * requests need least, then the one with more free tables, then the earlier one.
   */
  private tryPlace(item: number, avoidSlot = -1) {
    const { state } = this
    if (!state.withinLimits(item) || state.freeTablesInAnySlotFor(item) === 0) return false
    const { model } = this
    const a = model.meetingPeople[2 * item]!
    const b = model.meetingPeople[2 * item + 1]!
    const classA = model.personClass[a]!
    const classB = model.personClass[b]!
    const originalSlot = this.originalSlot[item]!
    let best = -1
    let bestNeed = 0
    let bestFree = 0
    for (let slot = 0; slot < state.slotCount; slot++) {
      if (slot === avoidSlot) continue
      // Tables first: on a busy event most slots are full, and the count is the cheaper check.
      const free = state.freeTablesForClasses(slot, classA, classB)
      if (free === 0 || !state.canUseSlot(item, slot)) continue
      if (slot === originalSlot) {
        best = slot
        break
      }
      if (this.preference === 'earliest') {
        if (best === -1) best = slot
        continue
      }
      const need = this.preference === 'least-needed' ? this.demand[a * state.slotCount + slot]! + this.demand[b * state.slotCount + slot]! : 0
      if (best === -1 || need < bestNeed || (need === bestNeed && free > bestFree)) {
        best = slot
        bestNeed = need
        bestFree = free
      }
    }
    if (best === -1) return false
    state.place(item, best, state.findTable(item, best, best === originalSlot ? this.originalTable[item]! : -1))
    return true
  }

  /** Take a placed meeting out of its slot and put it in another one; false leaves it out (roll back). */
  private relocate(meeting: number, fromSlot: number) {
    this.state.unplace(meeting)
    return this.tryPlace(meeting, fromSlot)
  }

  /** Place the item in a slot where its people are busy, by moving their meetings elsewhere. */
  private tryRelocatingBlockers(item: number) {
    const { state, model } = this
    if (!state.withinLimits(item)) return false
    const { a, b } = model.items[item]!
    const anyFreeTable = this.hasFreeTable()
    for (let slot = 0; slot < state.slotCount; slot++) {
      if (model.allowed[item * state.slotCount + slot] === 0) continue
      if (model.blocked[a * state.slotCount + slot] === 1 || model.blocked[b * state.slotCount + slot] === 1) continue
      const blockerA = state.busy[a * state.slotCount + slot]!
      const blockerB = state.busy[b * state.slotCount + slot]!
      if ((blockerA !== -1 && state.isPinned(blockerA)) || (blockerB !== -1 && state.isPinned(blockerB))) continue
      // Every blocker moves to another slot, which needs a free table somewhere.
      if (!anyFreeTable) continue
      const mark = state.mark()
      const moved =
        (blockerA === -1 || this.relocate(blockerA, slot)) && (blockerB === -1 || blockerB === blockerA || this.relocate(blockerB, slot))
      if (moved) {
        const table = this.tableAfterRelocating(item, slot)
        if (table !== -1) {
          state.place(item, slot, table)
          return true
        }
      }
      state.rollback(mark)
    }
    return false
  }

  /**
   * A table for the item in the slot, moving one meeting there to another slot if need be: any
   * meeting when another slot has a free open table, else only one at a table reserved for the
   * item's side that can move to a free table reserved for its own side.
   */
  private tableAfterRelocating(item: number, slot: number) {
    const { state, model } = this
    const table = state.findTable(item, slot)
    if (table !== -1) return table
    if (this.hasOpenTableOutside(slot)) {
      for (let candidate = 0; candidate < state.tableCount; candidate++) {
        const freed = this.tableFreedByMoving(item, slot, candidate)
        if (freed !== -1) return freed
      }
      return -1
    }
    const classA = model.personClass[model.meetingPeople[2 * item]!]!
    const classB = model.personClass[model.meetingPeople[2 * item + 1]!]!
    const freed = classA >= 0 ? this.tableFreedByMovingFromClass(item, slot, classA) : -1
    if (freed !== -1 || classB < 0 || classB === classA) return freed
    return this.tableFreedByMovingFromClass(item, slot, classB)
  }

  /** A table for the item after moving a meeting at one of the class's reserved tables to a free table reserved for its own side elsewhere. */
  private tableFreedByMovingFromClass(item: number, slot: number, reservedClass: number) {
    const { state, model } = this
    for (const candidate of model.tablesOfClass[reservedClass]!) {
      const occupant = state.occupant[slot * state.tableCount + candidate]!
      if (occupant === -1 || !this.hasReservedTableOutside(occupant, slot)) continue
      const freed = this.tableFreedByMoving(item, slot, candidate)
      if (freed !== -1) return freed
    }
    return -1
  }

  /** Move the meeting at the table to another slot and return a table the item can then use; -1 (rolled back) when that fails. */
  private tableFreedByMoving(item: number, slot: number, table: number) {
    const { state } = this
    const occupant = state.occupant[slot * state.tableCount + table]!
    if (occupant === -1 || state.isPinned(occupant)) return -1
    const mark = state.mark()
    if (this.relocate(occupant, slot)) {
      const freed = state.findTable(item, slot)
      if (freed !== -1) return freed
    }
    state.rollback(mark)
    return -1
  }

  /**
   * Place the item in a slot where one side is free and the other is busy, by swapping two
   * slots along an alternating chain (a Kempe chain, as in edge colouring): the busy person's
   * meeting moves to a slot where they are free, the partner's meeting there moves back, and
   * so on until someone in the chain is free. Nobody's meeting count changes.
   */
  private trySwappingChain(item: number) {
    if (!this.state.withinLimits(item) || this.state.freeTablesInAnySlotFor(item) === 0) return false
    const a = this.model.meetingPeople[2 * item]!
    const b = this.model.meetingPeople[2 * item + 1]!
    return this.trySwappingChainFor(item, a, b) || this.trySwappingChainFor(item, b, a)
  }

  /** trySwappingChain for the target slots where `free` is free and `busy` is busy. */
  private trySwappingChainFor(item: number, free: number, busy: number) {
    const { state, model } = this
    const classA = model.personClass[model.meetingPeople[2 * item]!]!
    const classB = model.personClass[model.meetingPeople[2 * item + 1]!]!
    for (let target = 0; target < state.slotCount; target++) {
      // Tables first: on a busy event most slots are full, and the count is the cheaper check.
      if (state.freeTablesForClasses(target, classA, classB) === 0 || model.allowed[item * state.slotCount + target] === 0) continue
      if (!state.personFree(free, target) || model.blocked[busy * state.slotCount + target] === 1) continue
      const blocker = state.busy[busy * state.slotCount + target]!
      if (blocker === -1 || state.isPinned(blocker)) continue
      for (let other = 0; other < state.slotCount; other++) {
        if (other === target || !state.personFree(busy, other)) continue
        const mark = state.mark()
        if (this.swapChain(busy, target, other, free)) {
          const table = state.findTable(item, target)
          if (table !== -1) {
            state.place(item, target, table)
            return true
          }
        }
        state.rollback(mark)
      }
    }
    return false
  }

  /** Move start's meeting in `from` to `to`, then the partner's meeting in `to` to `from`, and so on; false to roll back. */
  private swapChain(start: number, from: number, to: number, mustStayFree: number) {
    const { state } = this
    const chain: { meeting: number; slot: number }[] = []
    let person = start
    let [source, destination] = [from, to]
    for (;;) {
      const meeting = state.busy[person * state.slotCount + source]!
      if (meeting === -1) break
      if (state.isPinned(meeting)) return false
      chain.push({ meeting, slot: destination })
      const [first, second] = state.peopleOf(meeting)
      person = first === person ? second : first
      if (destination === from && (first === mustStayFree || second === mustStayFree)) return false
      ;[source, destination] = [destination, source]
    }
    for (const { meeting } of chain) state.unplace(meeting)
    for (const { meeting, slot } of chain) {
      if (!state.canUseSlot(meeting, slot)) return false
      const table = state.findTable(meeting, slot)
      if (table === -1) return false
      state.place(meeting, slot, table)
    }
    return true
  }

  /**
   * Place the item by taking out what stands in its way in one slot (the two people's meetings
   * there, their cheapest meeting to lose when at their limit, the weakest meeting at a usable
   * table), then put those back wherever they fit and let the people who lost a meeting take
   * another of their requests (an ejection chain); kept only if the score rises.
   */
  private tryReplacing(item: number) {
    const { state } = this
    if (state.pairMeets(item)) return false
    // Try every slot, then redo the best one (the steps are deterministic, so it comes out the same).
    const scoreBefore = state.score
    let bestSlot = -1
    let bestScore = scoreBefore
    for (let slot = 0; slot < state.slotCount; slot++) {
      const mark = state.mark()
      if (this.replaceInSlot(item, slot) && this.improvesOn(bestScore)) {
        bestSlot = slot
        bestScore = state.score
      }
      state.rollback(mark)
    }
    return bestSlot !== -1 && this.replaceInSlot(item, bestSlot)
  }

  /** One slot's attempt for tryReplacing; false (or a lower score) means roll back. */
  private replaceInSlot(item: number, slot: number) {
    const { state, model } = this
    const a = model.meetingPeople[2 * item]!
    const b = model.meetingPeople[2 * item + 1]!
    if (model.allowed[item * state.slotCount + slot] === 0) return false
    if (model.blocked[a * state.slotCount + slot] === 1 || model.blocked[b * state.slotCount + slot] === 1) return false
    const blockerA = state.busy[a * state.slotCount + slot]!
    const blockerB = state.busy[b * state.slotCount + slot]!
    if ((blockerA !== -1 && state.isPinned(blockerA)) || (blockerB !== -1 && state.isPinned(blockerB))) return false
    const removed: number[] = []
    if (blockerA !== -1) this.remove(blockerA, removed)
    if (blockerB !== -1 && blockerB !== blockerA) this.remove(blockerB, removed)
    if (!this.makeRoomUnderLimit(a, removed) || !this.makeRoomUnderLimit(b, removed)) return false
    let table = state.findTable(item, slot)
    if (table === -1) {
      const weakest = this.weakestMeetingAtUsableTable(item, slot)
      if (weakest === -1) return false
      this.remove(weakest, removed)
      table = state.findTable(item, slot)
      if (table === -1) return false
    }
    state.place(item, slot, table)
    for (const meeting of removed) if (!this.tryPlace(meeting)) this.trySwappingChain(meeting)
    for (const meeting of removed) {
      const first = model.meetingPeople[2 * meeting]!
      const second = model.meetingPeople[2 * meeting + 1]!
      if (first !== a && first !== b) this.refill(first)
      if (second !== a && second !== b) this.refill(second)
    }
    return true
  }

  /** A person at their limit loses their cheapest meeting to lose; false when none may go. */
  private makeRoomUnderLimit(person: number, removed: number[]) {
    if (this.state.meetingCount[person]! < this.model.limit[person]!) return true
    const cheapest = this.cheapestMeetingToLose(person)
    if (cheapest === -1) return false
    this.remove(cheapest, removed)
    return true
  }

  private remove(meeting: number, removed: number[]) {
    this.state.unplace(meeting)
    removed.push(meeting)
  }

  /** Give a person who lost a meeting the best of their other requests that fits now. */
  private refill(person: number) {
    if (!this.hasRoom(person)) return
    for (const item of this.itemsOfPerson[person]!) {
      if (this.state.meetingCount[person]! >= this.model.limit[person]!) return
      if (this.state.meetingSlot[item] === -1) this.tryPlace(item)
    }
  }

  /** The person's placed meeting whose loss costs least: its weight, plus the partner's bonus if it is their only one. */
  private cheapestMeetingToLose(person: number) {
    const { state, model } = this
    let cheapest = -1
    let cheapestLoss = Infinity
    for (let slot = 0; slot < state.slotCount; slot++) {
      const meeting = state.busy[person * state.slotCount + slot]!
      if (meeting === -1 || state.isPinned(meeting) || state.isExisting(meeting)) continue
      const loss = model.itemWeight[meeting]! + (state.meetingCount[state.partnerOf(meeting, person)] === 1 ? FIRST_MEETING_BONUS : 0)
      if (loss < cheapestLoss) {
        cheapest = meeting
        cheapestLoss = loss
      }
    }
    return cheapest
  }

  /**
   * The lightest meeting at a table the item could use: an open table (cached per slot until
   * the next committed change; tentative changes are rolled back) or one reserved for its side.
   */
  private weakestMeetingAtUsableTable(item: number, slot: number) {
    const { state, model } = this
    let weakest = this.weakestAtOpenTable[slot]!
    if (weakest === UNKNOWN || (weakest !== -1 && state.meetingSlot[weakest] !== slot)) {
      weakest = this.lightestAt(slot, model.tablesOfClass[model.classCount]!)
      this.weakestAtOpenTable[slot] = weakest
    }
    for (const person of [model.meetingPeople[2 * item]!, model.meetingPeople[2 * item + 1]!]) {
      const reservedClass = model.personClass[person]!
      if (reservedClass < 0) continue
      const candidate = this.lightestAt(slot, model.tablesOfClass[reservedClass]!)
      if (candidate !== -1 && (weakest === -1 || model.itemWeight[candidate]! < model.itemWeight[weakest]!)) weakest = candidate
    }
    return weakest
  }

  private lightestAt(slot: number, tables: readonly number[]) {
    const { state, model } = this
    let lightest = -1
    for (const table of tables) {
      const meeting = state.occupant[slot * state.tableCount + table]!
      if (meeting === -1 || state.isPinned(meeting) || state.isExisting(meeting)) continue
      if (lightest === -1 || model.itemWeight[meeting]! < model.itemWeight[lightest]!) lightest = meeting
    }
    return lightest
  }

  private hasFreeTable() {
    return this.state.freeTablesInAnySlot.some((free) => free > 0)
  }

  /** Whether the person is free in some slot that has a table they could use. */
  private hasRoom(person: number) {
    const { state, model } = this
    const row = model.classCount + 1
    const reservedClass = model.personClass[person]!
    if (state.freeTablesInAnySlot[model.classCount] === 0 && (reservedClass < 0 || state.freeTablesInAnySlot[reservedClass] === 0)) return false
    for (let slot = 0; slot < state.slotCount; slot++) {
      const tableFree = state.freeTables[slot * row + model.classCount]! > 0 || (reservedClass >= 0 && state.freeTables[slot * row + reservedClass]! > 0)
      if (tableFree && state.personFree(person, slot)) return true
    }
    return false
  }

  /** Whether another slot has a free table open to every meeting (where any occupant could move). */
  private hasOpenTableOutside(slot: number) {
    return this.hasFreeTableOfClassOutside(slot, this.model.classCount)
  }

  /** Whether another slot has a free table reserved for one side of the meeting (where it alone could move). */
  private hasReservedTableOutside(meeting: number, slot: number) {
    const { state, model } = this
    return state.peopleOf(meeting).some((person) => model.personClass[person]! >= 0 && this.hasFreeTableOfClassOutside(slot, model.personClass[person]!))
  }

  private hasFreeTableOfClassOutside(slot: number, tableClass: number) {
    const { state, model } = this
    return state.freeTablesInAnySlot[tableClass]! > state.freeTables[slot * (model.classCount + 1) + tableClass]!
  }

  private adjustDemand(item: number, change: number) {
    const { model, state } = this
    const { a, b } = model.items[item]!
    for (let slot = 0; slot < state.slotCount; slot++) {
      if (model.allowed[item * state.slotCount + slot] === 0) continue
      if (model.blocked[a * state.slotCount + slot] === 1 || model.blocked[b * state.slotCount + slot] === 1) continue
      this.demand[a * state.slotCount + slot]! += change
      this.demand[b * state.slotCount + slot]! += change
    }
  }
}

function buildResult(model: SchedulingModel, state: PlanState): SchedulingResult {
  const placedItems: number[] = []
  const unplaced: Unplaced[] = []
  let placedWeight = 0
  for (const [index, item] of model.items.entries()) {
    if (state.meetingSlot[index] !== -1) {
      placedItems.push(index)
      placedWeight += item.weight
    } else {
      unplaced.push(unplacedEntry(model, state, index))
    }
  }
  // By slot, then table: one meeting per table and slot, so the order is total.
  const order = (index: number) => state.meetingSlot[index]! * state.tableCount + state.meetingTable[index]!
  const placements = placedItems.sort((x, y) => order(x) - order(y)).map((index) => placementEntry(model, state, index))

  const requesters = new Set<number>()
  for (const item of model.items) {
    if (item.invalidMessage === null) requesters.add(item.a).add(item.b)
  }
  const meetingsPerRequester: number[] = []
  let requestersWithMeeting = 0
  for (const person of requesters) {
    const count = state.meetingCount[person]!
    while (meetingsPerRequester.length <= count) meetingsPerRequester.push(0)
    meetingsPerRequester[count]!++
    if (count > 0) requestersWithMeeting++
  }

  return {
    placements,
    unplaced: unplaced.sort((x, y) => (idOf(x) < idOf(y) ? -1 : idOf(x) > idOf(y) ? 1 : 0)),
    kept: model.kept.map((meeting) => ({
      meetingId: meeting.id,
      slotId: model.slotIds[meeting.slot]!,
      tableId: model.tableIds[meeting.table]!,
      participantIds: meeting.participantIds,
    })),
    statistics: {
      placedCount: placements.length,
      keptCount: model.kept.length,
      movedCount: placements.filter((placement) => placement.moved).length,
      placedWeight,
      score: state.score,
      requesterCount: requesters.size,
      requestersWithMeeting,
      meetingsPerRequester,
    },
  }
}

/**
 * A placement row, written out field by field rather than spread from the item's subject: a
 * large event has tens of thousands of rows, and a spread followed by more fields copies
 * slowly (about 50 ms a plan on the bench's event).
 */
function placementEntry(model: SchedulingModel, state: PlanState, index: number): Placement {
  const { subject, participantIds, weight, originalSlot, originalTable } = model.items[index]!
  const slot = state.meetingSlot[index]!
  const table = state.meetingTable[index]!
  const slotId = model.slotIds[slot]!
  const tableId = model.tableIds[table]!
  const moved = originalSlot !== -1 && (originalSlot !== slot || originalTable !== table)
  return subject.kind === 'request'
    ? { kind: 'request', requestId: subject.requestId, slotId, tableId, participantIds, weight, moved }
    : { kind: 'meeting', meetingId: subject.meetingId, slotId, tableId, participantIds, weight, moved }
}

/** An unplaced row, written out field by field as in placementEntry. */
function unplacedEntry(model: SchedulingModel, state: PlanState, index: number): Unplaced {
  const { subject, participantIds, weight } = model.items[index]!
  const { reason, message } = unplacedReason(model, state, index)
  return subject.kind === 'request'
    ? { kind: 'request', requestId: subject.requestId, participantIds, weight, reason, message }
    : { kind: 'meeting', meetingId: subject.meetingId, participantIds, weight, reason, message }
}

function idOf(unplaced: Unplaced) {
  return unplaced.kind === 'request' ? unplaced.requestId : unplaced.meetingId
}

/**
 * Why an item is not in the plan, checked from the most to the least fundamental: invalid,
 * the pair already meets, no slot both people have free even before anything is placed (blocked,
 * allowed slots, meetings that never move), a
 * person at their limit, slots both have free but no table, or slots taken by meetings the
 * scheduler ranked higher.
 */
function unplacedReason(model: SchedulingModel, state: PlanState, index: number): Pick<Unplaced, 'reason' | 'message'> {
  const item = model.items[index]!
  if (item.invalidMessage !== null) return { reason: 'invalid-request', message: item.invalidMessage }
  const { a, b } = item
  const nameA = model.personNames[a]!
  const nameB = model.personNames[b]!
  if (state.pairMeets(index)) {
    return { reason: 'already-meeting', message: `${nameA} and ${nameB} already have a meeting together` }
  }
  const fixedlyBusy = (person: number, slot: number) => {
    const meeting = state.busy[person * state.slotCount + slot]!
    return model.blocked[person * state.slotCount + slot] === 1 || (meeting !== -1 && state.isPinned(meeting))
  }
  let commonSlots = 0
  let bothFreeNow = 0
  for (let slot = 0; slot < state.slotCount; slot++) {
    if (model.allowed[index * state.slotCount + slot] === 0 || fixedlyBusy(a, slot) || fixedlyBusy(b, slot)) continue
    commonSlots++
    if (state.canUseSlot(index, slot)) bothFreeNow++
  }
  if (commonSlots === 0) {
    return {
      reason: 'no-common-free-slot',
      message: item.restrictedSlots
        ? `None of the proposed slots is free for both ${nameA} and ${nameB}`
        : `There is no slot where both ${nameA} and ${nameB} are free`,
    }
  }
  for (const [person, name] of [
    [a, nameA],
    [b, nameB],
  ] as const) {
    if (state.meetingCount[person]! >= model.limit[person]!) {
      const limit = model.limit[person]!
      return { reason: 'limit-reached', message: `${name} has reached the limit of ${limit} ${limit === 1 ? 'meeting' : 'meetings'}` }
    }
  }
  if (bothFreeNow > 0) {
    return { reason: 'tables-full', message: `Every table open to them is taken in the slots where both ${nameA} and ${nameB} are free` }
  }
  return {
    reason: 'outranked',
    message: `Lower priority than the meetings that ${nameA} or ${nameB} have in the slots both had free`,
  }
}
