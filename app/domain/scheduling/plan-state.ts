// The plan under construction: who sits where in every slot, as flat typed arrays, with an
// undo log so a tentative move (relocate a blocker, replace a weaker meeting) can be rolled
// back exactly. Every change goes through place / unplace / moveTable, which keep the
// counters, the score and the "no person or table twice in a slot" invariant together.
import { SchedulingInputError, type SchedulingModel } from './model.ts'
import { FIRST_MEETING_BONUS } from './weights.ts'

const NONE = -1

/** Undo log entries are four numbers: what happened, the meeting, and the slot and table to restore. */
const UNDO_PLACE = 0
const UNDO_UNPLACE = 1
const UNDO_TABLE = 2
const UNDO_ENTRY_SIZE = 4

export class PlanState {
  readonly slotCount: number
  readonly tableCount: number
  /** Meeting (item index, or itemCount + kept index) at person * slotCount + slot. */
  readonly busy: Int32Array
  /** Meeting at slot * tableCount + table. */
  readonly occupant: Int32Array
  readonly meetingCount: Int32Array
  /** Slot and table of each meeting, -1 while unplaced. */
  readonly meetingSlot: Int32Array
  readonly meetingTable: Int32Array
  /** Free tables at slot * (classCount + 1) + class; class classCount is the unreserved one. */
  readonly freeTables: Int32Array
  /** Free tables per class over all slots: when a meeting's classes have none, no slot needs a look. */
  readonly freeTablesInAnySlot: Int32Array
  /**
   * Per slot and class as in freeTables, a position in the class's table list below which no
   * table is free: the search for the first free table starts there instead of at the first
   * table (144 open tables on the bench's event, nearly all taken).
   */
  private readonly firstFreeFrom: Int32Array
  /** Each table's position in its class's table list. */
  private readonly positionInClass: Int32Array
  /** How many meetings each pair of people has (by model.meetingPair); more than one only among existing meetings. */
  private readonly pairMeetings: Int32Array
  /** Kept meetings, and existing meetings of a full re-plan whose place breaks a rule: they never move. */
  private readonly pinned: Uint8Array
  /** Full re-plan: 1 for each existing meeting (an item with an original place). */
  private readonly existing: Uint8Array
  /** Full re-plan: existing meetings currently out of the plan; only a tentative step may leave one out. */
  unplacedExisting = 0
  score = 0
  /** A typed array rather than objects: tentative steps log and roll back millions of changes on a large event. */
  private undoLog = new Int32Array(1024 * UNDO_ENTRY_SIZE)
  private undoLength = 0
  // The model's arrays, read in every hot loop.
  private readonly meetingPeople: Int32Array
  private readonly meetingPair: Int32Array
  private readonly weight: Int32Array
  private readonly blocked: Uint8Array
  private readonly allowed: Uint8Array
  private readonly limit: Int32Array
  private readonly personClass: Int32Array
  private readonly tableClass: Int32Array
  private readonly classCount: number

  constructor(readonly model: SchedulingModel) {
    const { items, kept, personIds, slotIds, classCount, tableClass } = model
    this.slotCount = slotIds.length
    this.tableCount = model.tableIds.length
    this.meetingPeople = model.meetingPeople
    this.meetingPair = model.meetingPair
    this.weight = model.itemWeight
    this.blocked = model.blocked
    this.allowed = model.allowed
    this.limit = model.limit
    this.personClass = model.personClass
    this.tableClass = tableClass
    this.classCount = classCount
    const meetingTotal = items.length + kept.length
    this.busy = new Int32Array(personIds.length * this.slotCount).fill(NONE)
    this.occupant = new Int32Array(this.slotCount * this.tableCount).fill(NONE)
    this.meetingCount = new Int32Array(personIds.length)
    this.meetingSlot = new Int32Array(meetingTotal).fill(NONE)
    this.meetingTable = new Int32Array(meetingTotal).fill(NONE)
    this.pairMeetings = new Int32Array(model.pairCount)
    this.pinned = new Uint8Array(meetingTotal)
    this.existing = new Uint8Array(meetingTotal)
    this.freeTables = new Int32Array(this.slotCount * (classCount + 1))
    this.freeTablesInAnySlot = new Int32Array(classCount + 1)
    this.firstFreeFrom = new Int32Array(this.slotCount * (classCount + 1))
    this.positionInClass = new Int32Array(this.tableCount)
    for (const tables of model.tablesOfClass) for (const [position, table] of tables.entries()) this.positionInClass[table] = position
    for (let slot = 0; slot < this.slotCount; slot++) {
      for (const tableClassIndex of tableClass) this.adjustFreeTables(slot, tableClassIndex, 1)
    }
    // Kept meetings are the starting point, not part of the score.
    for (const [index, meeting] of kept.entries()) {
      const id = items.length + index
      this.pinned[id] = 1
      this.occupyExisting(id, meeting.slot, meeting.table)
    }
    // A full re-plan starts from every existing meeting where it is, scored like any placement.
    for (const [index, item] of items.entries()) {
      if (item.originalSlot === NONE) continue
      this.existing[index] = 1
      this.unplacedExisting++
      if (item.pinned) this.pinned[index] = 1
      this.score += this.gain(index)
      this.occupyExisting(index, item.originalSlot, item.originalTable)
    }
  }

  /** Put an existing meeting in its place, refusing input that double-books a person or a table. */
  private occupyExisting(meeting: number, slot: number, table: number) {
    const { personIds, slotIds, tableIds } = this.model
    for (const person of this.peopleOf(meeting)) {
      if (this.busy[person * this.slotCount + slot] !== NONE) {
        throw new SchedulingInputError(`Existing meetings put ${personIds[person]} twice in slot ${slotIds[slot]}`)
      }
    }
    if (this.occupant[slot * this.tableCount + table] !== NONE) {
      throw new SchedulingInputError(`Existing meetings put two meetings at table ${tableIds[table]} in slot ${slotIds[slot]}`)
    }
    this.occupy(meeting, slot, table)
  }

  /** Whether the meeting may never be moved or taken out. */
  isPinned(meeting: number) {
    return this.pinned[meeting] === 1
  }

  /** Full re-plan: an existing meeting, which may move but must stay in the plan. */
  isExisting(meeting: number) {
    return this.existing[meeting] === 1
  }

  /** Whether the meeting's two people already have a meeting (this or another) in the plan. */
  pairMeets(meeting: number) {
    return this.pairMeetings[this.meetingPair[meeting]!]! > 0
  }

  peopleOf(meeting: number): [number, number] {
    return [this.meetingPeople[2 * meeting]!, this.meetingPeople[2 * meeting + 1]!]
  }

  /** The meeting's other person. */
  partnerOf(meeting: number, person: number) {
    const first = this.meetingPeople[2 * meeting]!
    return first === person ? this.meetingPeople[2 * meeting + 1]! : first
  }

  /** What placing the item would add to the score now. */
  gain(item: number) {
    const a = this.meetingPeople[2 * item]!
    const b = this.meetingPeople[2 * item + 1]!
    return this.weight[item]! + (this.meetingCount[a] === 0 ? FIRST_MEETING_BONUS : 0) + (this.meetingCount[b] === 0 ? FIRST_MEETING_BONUS : 0)
  }

  /** The person may meet in the slot: not blocked, not busy. */
  personFree(person: number, slot: number) {
    const at = person * this.slotCount + slot
    return this.busy[at] === NONE && this.blocked[at] === 0
  }

  /** Slot, people and limits allow the item in this slot (tables not checked). */
  canUseSlot(item: number, slot: number) {
    return (
      this.allowed[item * this.slotCount + slot] === 1 && this.personFree(this.meetingPeople[2 * item]!, slot) && this.personFree(this.meetingPeople[2 * item + 1]!, slot)
    )
  }

  withinLimits(item: number) {
    const a = this.meetingPeople[2 * item]!
    const b = this.meetingPeople[2 * item + 1]!
    return this.meetingCount[a]! < this.limit[a]! && this.meetingCount[b]! < this.limit[b]! && !this.pairMeets(item)
  }

  /** Tables a meeting of people in these reserved classes (-1: none) could use in a slot right now, without moving anyone. */
  freeTablesForClasses(slot: number, classA: number, classB: number) {
    const row = slot * (this.classCount + 1)
    let free = this.freeTables[row + this.classCount]!
    if (classA >= 0) free += this.freeTables[row + classA]!
    if (classB >= 0 && classB !== classA) free += this.freeTables[row + classB]!
    return free
  }

  /** Tables the item's meeting could use in any slot right now: 0 means no slot has one. */
  freeTablesInAnySlotFor(item: number) {
    const classA = this.personClass[this.meetingPeople[2 * item]!]!
    const classB = this.personClass[this.meetingPeople[2 * item + 1]!]!
    let free = this.freeTablesInAnySlot[this.classCount]!
    if (classA >= 0) free += this.freeTablesInAnySlot[classA]!
    if (classB >= 0 && classB !== classA) free += this.freeTablesInAnySlot[classB]!
    return free
  }

  /**
   * A free table for the item in the slot: first one reserved for either side's organisation
   * (they can use it and nobody else can), then an open one; -1 when there is none. Together
   * with the rule in unplace (a freed reserved table takes back its organisation's meeting from
   * an open table), this seats every set of meetings Hall's condition allows, except when a
   * meeting between two organisations that both have reserved tables sits at one of them. The
   * preferred table (an existing meeting's own) is taken when free and that rule allows it.
   */
  findTable(item: number, slot: number, preferred = NONE) {
    const classA = this.personClass[this.meetingPeople[2 * item]!]!
    const classB = this.personClass[this.meetingPeople[2 * item + 1]!]!
    let table = classA >= 0 ? this.freeTableOfClass(slot, classA) : NONE
    if (table === NONE && classB >= 0) table = this.freeTableOfClass(slot, classB)
    const preferredFree = preferred !== NONE && this.occupant[slot * this.tableCount + preferred] === NONE && this.tableAllowed(preferred, classA, classB)
    if (preferredFree && (table === NONE || this.tableClass[preferred]! >= 0)) return preferred
    if (table === NONE) table = this.freeTableOfClass(slot, this.classCount)
    return table
  }

  /**
   * Move every movable meeting at an open table to a free table reserved for its side in the
   * same slot, freeing the open one for anybody (the state findTable and unplace keep; a full
   * re-plan starts from existing meetings wherever they were booked).
   */
  seatOnReservedTables() {
    const row = this.model.classCount + 1
    for (let slot = 0; slot < this.slotCount; slot++) {
      for (let reservedClass = 0; reservedClass < this.model.classCount; reservedClass++) {
        while (this.freeTables[slot * row + reservedClass]! > 0) {
          if (!this.reseatOnReservedTable(slot, reservedClass, this.freeTableOfClass(slot, reservedClass))) break
        }
      }
    }
  }

  place(item: number, slot: number, table: number) {
    this.score += this.gain(item)
    this.occupy(item, slot, table)
    this.logUndo(UNDO_PLACE, item, NONE, NONE)
  }

  unplace(item: number) {
    const slot = this.meetingSlot[item]!
    const table = this.meetingTable[item]!
    this.release(item)
    this.score -= this.gain(item)
    this.logUndo(UNDO_UNPLACE, item, slot, table)
    const reservedClass = this.tableClass[table]!
    if (reservedClass >= 0) this.reseatOnReservedTable(slot, reservedClass, table)
  }

  /** A reserved table came free: move one of its organisation's meetings there from an open table, freeing that one for anybody. */
  private reseatOnReservedTable(slot: number, reservedClass: number, table: number) {
    for (const person of this.model.classMembers[reservedClass]!) {
      const meeting = this.busy[person * this.slotCount + slot]!
      if (meeting === NONE || this.isPinned(meeting) || this.tableClass[this.meetingTable[meeting]!] !== -1) continue
      this.logUndo(UNDO_TABLE, meeting, NONE, this.meetingTable[meeting]!)
      this.setTable(meeting, table)
      return true
    }
    return false
  }

  /** A savepoint for rollback. */
  mark() {
    return this.undoLength
  }

  rollback(mark: number) {
    const log = this.undoLog
    while (this.undoLength > mark) {
      this.undoLength -= UNDO_ENTRY_SIZE
      const at = this.undoLength
      const meeting = log[at + 1]!
      if (log[at] === UNDO_PLACE) {
        this.release(meeting)
        this.score -= this.gain(meeting)
      } else if (log[at] === UNDO_UNPLACE) {
        this.score += this.gain(meeting)
        this.occupy(meeting, log[at + 2]!, log[at + 3]!)
      } else {
        this.setTable(meeting, log[at + 3]!)
      }
    }
  }

  /** Forget the undo log (after a committed improvement) so it does not grow without bound. */
  commit() {
    this.undoLength = 0
  }

  private logUndo(kind: number, meeting: number, slot: number, table: number) {
    if (this.undoLength + UNDO_ENTRY_SIZE > this.undoLog.length) {
      const grown = new Int32Array(2 * this.undoLog.length)
      grown.set(this.undoLog)
      this.undoLog = grown
    }
    const at = this.undoLength
    this.undoLog[at] = kind
    this.undoLog[at + 1] = meeting
    this.undoLog[at + 2] = slot
    this.undoLog[at + 3] = table
    this.undoLength = at + UNDO_ENTRY_SIZE
  }

  private setTable(meeting: number, table: number) {
    const slot = this.meetingSlot[meeting]!
    const previous = this.meetingTable[meeting]!
    this.occupant[slot * this.tableCount + previous] = NONE
    this.adjustFreeTables(slot, this.tableClass[previous]!, 1)
    this.noteFreed(slot, previous)
    this.occupant[slot * this.tableCount + table] = meeting
    this.adjustFreeTables(slot, this.tableClass[table]!, -1)
    this.meetingTable[meeting] = table
  }

  private occupy(meeting: number, slot: number, table: number) {
    const a = this.meetingPeople[2 * meeting]!
    const b = this.meetingPeople[2 * meeting + 1]!
    this.busy[a * this.slotCount + slot] = meeting
    this.busy[b * this.slotCount + slot] = meeting
    this.meetingCount[a]!++
    this.meetingCount[b]!++
    this.occupant[slot * this.tableCount + table] = meeting
    this.adjustFreeTables(slot, this.tableClass[table]!, -1)
    this.meetingSlot[meeting] = slot
    this.meetingTable[meeting] = table
    this.pairMeetings[this.meetingPair[meeting]!]!++
    if (this.isExisting(meeting)) this.unplacedExisting--
  }

  private release(meeting: number) {
    const a = this.meetingPeople[2 * meeting]!
    const b = this.meetingPeople[2 * meeting + 1]!
    const slot = this.meetingSlot[meeting]!
    const table = this.meetingTable[meeting]!
    this.busy[a * this.slotCount + slot] = NONE
    this.busy[b * this.slotCount + slot] = NONE
    this.meetingCount[a]!--
    this.meetingCount[b]!--
    this.occupant[slot * this.tableCount + table] = NONE
    this.adjustFreeTables(slot, this.tableClass[table]!, 1)
    this.noteFreed(slot, table)
    this.meetingSlot[meeting] = NONE
    this.meetingTable[meeting] = NONE
    this.pairMeetings[this.meetingPair[meeting]!]!--
    if (this.isExisting(meeting)) this.unplacedExisting++
  }

  private adjustFreeTables(slot: number, tableClassIndex: number, change: number) {
    const classIndex = tableClassIndex >= 0 ? tableClassIndex : this.classCount
    this.freeTables[slot * (this.classCount + 1) + classIndex]! += change
    this.freeTablesInAnySlot[classIndex]! += change
  }

  /** Keep firstFreeFrom true: the freed table may now be the first free one of its class. */
  private noteFreed(slot: number, table: number) {
    const tableClassIndex = this.tableClass[table]!
    const at = slot * (this.classCount + 1) + (tableClassIndex >= 0 ? tableClassIndex : this.classCount)
    const position = this.positionInClass[table]!
    if (position < this.firstFreeFrom[at]!) this.firstFreeFrom[at] = position
  }

  /** The first free table of the class in the slot (in table order), -1 when none. */
  private freeTableOfClass(slot: number, tableClassIndex: number) {
    const at = slot * (this.classCount + 1) + tableClassIndex
    if (this.freeTables[at] === 0) return NONE
    const tables = this.model.tablesOfClass[tableClassIndex]!
    for (let position = this.firstFreeFrom[at]!; position < tables.length; position++) {
      const table = tables[position]!
      if (this.occupant[slot * this.tableCount + table] === NONE) {
        this.firstFreeFrom[at] = position
        return table
      }
    }
    return NONE
  }

  /** Whether a meeting of people in these reserved classes may sit at the table. */
  tableAllowed(table: number, classA: number, classB: number) {
    const tableClassIndex = this.tableClass[table]!
    return tableClassIndex < 0 || tableClassIndex === classA || tableClassIndex === classB
  }
}
