// Tiny instances: an exact search for a better plan than the heuristic one. On a handful of
// tables and slots one choice is a visible share of the total, and the local steps alone
// stopped at 0.95-0.97 of the optimum on some of them. Deterministic: node budgets, not the
// clock, end every search.
import type { SchedulingModel } from './model.ts'
import { PlanState } from './plan-state.ts'
import { FIRST_MEETING_BONUS } from './weights.ts'

const NONE = -1

/**
 * A branch-and-bound over every set of two slots, then of three, then over all slots, each
 * time keeping the meetings of the other slots where they are; from the first set again
 * whenever one finds a better plan (the score only rises, so this ends). A small set is
 * searched to the end within a few thousand nodes, and a change spanning a few slots is found
 * even when the search over all of them would run out of nodes first. Slots are bits of a
 * number, so the caller keeps to a few slots.
 */
export function improveBySlotSets(model: SchedulingModel, incumbent: PlanState, nodesPerSearch: number, totalNodes: number) {
  const slotCount = model.slotIds.length
  const allSlots = (1 << slotCount) - 1
  const sets = [2, 3].flatMap((size) => (size < slotCount ? Array.from({ length: allSlots }, (_, index) => index + 1).filter((set) => bitCount(set) === size) : []))
  sets.push(allSlots)
  let plan = incumbent
  let nodesLeft = totalNodes
  for (let index = 0; index < sets.length && nodesLeft > 0; index++) {
    const search = new BranchAndBound(model, plan, Math.min(nodesPerSearch, nodesLeft), sets[index]!)
    const better = search.run()
    nodesLeft -= search.nodesUsed
    if (better) {
      plan = better
      index = -1
    }
  }
  return plan
}

/** A copy of the plan, to change. */
function copyPlan(model: SchedulingModel, plan: PlanState) {
  const copy = new PlanState(model)
  const movable = model.items.flatMap((item, index) => (item.invalidMessage === null && !item.pinned ? [index] : []))
  for (const item of movable) if (copy.meetingSlot[item] !== NONE) copy.unplace(item)
  for (const item of movable) if (plan.meetingSlot[item] !== NONE) copy.place(item, plan.meetingSlot[item]!, plan.meetingTable[item]!)
  copy.commit()
  return copy
}

/**
 * Depth-first over the items that are unplaced or in the searched slots: each goes to one of
 * its usable slots or stays out (a full re-plan's existing meetings never do), the incumbent's
 * choice first. Returns a plan that scores more than the incumbent and differs from it only in
 * the searched slots, or null when there is none or the nodes run out first.
 */
class BranchAndBound {
  private readonly state: PlanState
  /** Items in the order they are decided: a full re-plan's existing meetings (never left out) first, then heaviest first. */
  private readonly order: number[]
  /** The same items heaviest first, for the bound. */
  private readonly byWeight: number[]
  private readonly depthOf: Int32Array
  /** Per item, the slots it may use and neither person blocked (bit s). */
  private readonly allowedSlots: Int32Array
  /** The people of the searched items. */
  private readonly people: number[]
  /** Per person, the slots they cannot take now (bit s), kept up to date as the search places meetings. */
  private readonly takenSlots: Int32Array
  /** Per item, 1 when another request or a kept meeting has the same pair. */
  private readonly pairShared: Uint8Array
  private bestScore: number
  private best: { slots: Int32Array; tables: Int32Array } | null = null
  private nodesLeft: number
  // Scratch space for the bound at the current node.
  /** Per item, the slots it could take now (bit s); 0 when its people's limits or its pair forbid it. */
  private readonly usableSlots: Int32Array
  private readonly freeSlots: Int32Array
  private readonly tableSlots: Int32Array
  private readonly room: Int32Array
  private readonly openItems: Int32Array
  private readonly taken: Int32Array
  private readonly freePeopleBySlot: Int32Array
  private readonly gains: Int32Array

  constructor(
    private readonly model: SchedulingModel,
    private readonly incumbent: PlanState,
    private readonly nodeBudget: number,
    private readonly slots: number,
  ) {
    const state = copyPlan(model, incumbent)
    this.state = state
    const decided = model.items.flatMap((item, index) => {
      const slot = state.meetingSlot[index]!
      return item.invalidMessage === null && !item.pinned && (slot === NONE || (slots & (1 << slot)) !== 0) ? [index] : []
    })
    for (const item of decided) if (state.meetingSlot[item] !== NONE) state.unplace(item)
    state.commit()
    const heaviestFirst = (x: number, y: number) => model.items[y]!.weight - model.items[x]!.weight || x - y
    this.byWeight = [...decided].sort(heaviestFirst)
    this.order = [...decided].sort((x, y) => Number(state.isExisting(y)) - Number(state.isExisting(x)) || heaviestFirst(x, y))
    this.depthOf = new Int32Array(model.items.length).fill(NONE)
    for (const [depth, item] of this.order.entries()) this.depthOf[item] = depth
    const { slotCount } = state
    this.allowedSlots = Int32Array.from(model.items, ({ a, b }, item) => {
      let usable = 0
      for (let slot = 0; slot < slotCount; slot++) {
        const allowed = model.allowed[item * slotCount + slot] === 1
        if (allowed && model.blocked[a * slotCount + slot] === 0 && model.blocked[b * slotCount + slot] === 0) usable |= 1 << slot
      }
      return usable & slots
    })
    this.people = [...new Set(decided.flatMap((item) => [model.items[item]!.a, model.items[item]!.b]))].sort((x, y) => x - y)
    const personCount = model.personIds.length
    // Slots each person cannot take: blocked, outside the searched slots, or busy with a meeting that stays.
    this.takenSlots = Int32Array.from(model.personIds, (_, person) => {
      let taken = ~(slots & ((1 << slotCount) - 1))
      for (let slot = 0; slot < slotCount; slot++) if (!state.personFree(person, slot)) taken |= 1 << slot
      return taken
    })
    // Only a request whose pair has another request or meeting needs the pair check on every node.
    const pairs = new Map<string, number>()
    const pairOf = (item: number) => {
      const { a, b } = model.items[item]!
      return a < b ? `${a}|${b}` : `${b}|${a}`
    }
    for (const [item, entry] of model.items.entries()) if (entry.invalidMessage === null) pairs.set(pairOf(item), (pairs.get(pairOf(item)) ?? 0) + 1)
    for (const meeting of model.kept) pairs.set(meeting.a < meeting.b ? `${meeting.a}|${meeting.b}` : `${meeting.b}|${meeting.a}`, 2)
    this.pairShared = Uint8Array.from(model.items, (_, item) => ((pairs.get(pairOf(item)) ?? 0) > 1 ? 1 : 0))
    this.bestScore = incumbent.score
    this.nodesLeft = nodeBudget
    this.usableSlots = new Int32Array(model.items.length)
    this.freeSlots = new Int32Array(personCount)
    this.tableSlots = new Int32Array(model.classCount + 1)
    this.room = new Int32Array(personCount)
    this.openItems = new Int32Array(personCount)
    this.taken = new Int32Array(personCount)
    this.freePeopleBySlot = new Int32Array(slotCount)
    this.gains = new Int32Array(model.items.length)
  }

  get nodesUsed() {
    return this.nodeBudget - Math.max(0, this.nodesLeft)
  }

  run(): PlanState | null {
    this.visit(0)
    if (!this.best) return null
    const plan = copyPlan(this.model, this.incumbent)
    for (const item of this.order) if (plan.meetingSlot[item] !== NONE) plan.unplace(item)
    for (const item of this.order) if (this.best.slots[item] !== NONE) plan.place(item, this.best.slots[item]!, this.best.tables[item]!)
    plan.commit()
    return plan
  }

  private visit(depth: number) {
    const { state } = this
    if (this.nodesLeft-- <= 0) return
    if (depth === this.order.length) {
      if (state.score > this.bestScore && state.unplacedExisting === 0) {
        this.bestScore = state.score
        this.best = { slots: state.meetingSlot.slice(), tables: state.meetingTable.slice() }
      }
      return
    }
    if (state.score + this.upperBound(depth) <= this.bestScore) return
    const item = this.order[depth]!
    const existing = state.isExisting(item)
    const usable = this.usableSlots[item]!
    // The incumbent's choice first, so the first dive finds it again and the bound bites at
    // once; an existing meeting's own slot next (no move); never leave an existing meeting out.
    const incumbentSlot = this.incumbent.meetingSlot[item]!
    if (incumbentSlot === NONE && !existing) this.visit(depth + 1)
    const first = incumbentSlot !== NONE ? incumbentSlot : this.model.items[item]!.originalSlot
    if (first !== NONE && usable & (1 << first)) this.branch(item, first, depth)
    for (let slot = 0; slot < state.slotCount; slot++) {
      if (slot !== first && usable & (1 << slot)) this.branch(item, slot, depth)
    }
    if (incumbentSlot !== NONE && !existing) this.visit(depth + 1)
  }

  private branch(item: number, slot: number, depth: number) {
    const { state } = this
    if (this.nodesLeft <= 0) return
    const { a, b, originalSlot, originalTable } = this.model.items[item]!
    const mark = state.mark()
    state.place(item, slot, state.findTable(item, slot, slot === originalSlot ? originalTable : NONE))
    this.takenSlots[a]! |= 1 << slot
    this.takenSlots[b]! |= 1 << slot
    this.visit(depth + 1)
    this.takenSlots[a]! &= ~(1 << slot)
    this.takenSlots[b]! &= ~(1 << slot)
    state.rollback(mark)
  }

  /**
   * What the undecided items could still add, never less than the truth: the meetings they can
   * add are bounded by free tables and free people per slot and by each person's room (limit,
   * free slots, open items); their value by the largest current gains (gains only fall as people
   * get meetings), and by the heaviest weights or half of each person's heaviest open items up
   * to their room (every meeting has two people), plus the first-meeting bonus of the people who
   * could still get one. -Infinity when an existing meeting can no longer be placed. Also fills
   * usableSlots for the items from this depth on.
   */
  private upperBound(depth: number) {
    const { state, model, usableSlots, freeSlots, tableSlots, room, openItems, taken, freePeopleBySlot, gains } = this
    const { slotCount } = state
    const row = model.classCount + 1
    for (const person of this.people) freeSlots[person] = ~this.takenSlots[person]!
    for (let tableClass = 0; tableClass < row; tableClass++) {
      let slots = 0
      for (let slot = 0; slot < slotCount; slot++) if (state.freeTables[slot * row + tableClass]! > 0) slots |= 1 << slot
      tableSlots[tableClass] = slots
    }
    openItems.fill(0)
    let open = 0
    for (let at = depth; at < this.order.length; at++) {
      const item = this.order[at]!
      const { a, b } = model.items[item]!
      const classA = model.personClass[a]!
      const classB = model.personClass[b]!
      const withTable = tableSlots[model.classCount]! | (classA >= 0 ? tableSlots[classA]! : 0) | (classB >= 0 ? tableSlots[classB]! : 0)
      const withinLimits =
        state.meetingCount[a]! < model.limit[a]! && state.meetingCount[b]! < model.limit[b]! && (this.pairShared[item] === 0 || state.withinLimits(item))
      const usable = withinLimits ? this.allowedSlots[item]! & freeSlots[a]! & freeSlots[b]! & withTable : 0
      usableSlots[item] = usable
      if (usable === 0) {
        if (state.isExisting(item)) return -Infinity
        continue
      }
      openItems[a]!++
      openItems[b]!++
      open++
    }
    let personRoom = 0
    let bonusPeople = 0
    freePeopleBySlot.fill(0)
    for (const person of this.people) {
      room[person] = Math.max(0, Math.min(openItems[person]!, model.limit[person]! - state.meetingCount[person]!, bitCount(freeSlots[person]!)))
      if (room[person] === 0) continue
      personRoom += room[person]!
      if (state.meetingCount[person] === 0) bonusPeople++
      for (let slot = 0; slot < slotCount; slot++) if (freeSlots[person]! & (1 << slot)) freePeopleBySlot[slot]!++
    }
    let bySlot = 0
    for (let slot = 0; slot < slotCount; slot++) {
      if ((this.slots & (1 << slot)) === 0) continue
      let freeTables = 0
      for (let tableClass = 0; tableClass < row; tableClass++) freeTables += state.freeTables[slot * row + tableClass]!
      bySlot += Math.min(freeTables, freePeopleBySlot[slot]! >> 1)
    }
    const meetings = Math.min(open, bySlot, personRoom >> 1)
    taken.fill(0)
    let gainCount = 0
    let heaviest = 0
    let halfWeights = 0
    for (const item of this.byWeight) {
      if (this.depthOf[item]! < depth || usableSlots[item] === 0) continue
      const { a, b, weight } = model.items[item]!
      if (room[a] === 0 || room[b] === 0) continue
      if (gainCount < meetings) heaviest += weight
      gains[gainCount++] = state.gain(item)
      if (taken[a]! < room[a]!) {
        halfWeights += weight
        taken[a]!++
      }
      if (taken[b]! < room[b]!) {
        halfWeights += weight
        taken[b]!++
      }
    }
    const ascending = gains.subarray(0, gainCount).sort()
    let largestGains = 0
    for (let index = gainCount - 1; index >= Math.max(0, gainCount - meetings); index--) largestGains += ascending[index]!
    const bonus = FIRST_MEETING_BONUS * Math.min(bonusPeople, 2 * meetings)
    return Math.min(largestGains, Math.min(heaviest, Math.floor(halfWeights / 2)) + bonus)
  }
}

function bitCount(bits: number) {
  let count = 0
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++
  return count
}
