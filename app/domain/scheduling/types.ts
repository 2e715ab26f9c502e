// The B2B scheduler's input and output. Plain data with string ids, so the database layer
// fills it straight from MeetingSlot, MeetingTable, Meeting/MeetingParticipant, BlockedSlot,
// MustMeetPair, MeetingRequest(+Slot) and Organisation.kind; nothing here touches a database.

export type SchedulingSlot = {
  /** MeetingSlot.id */
  id: string
  startsAt: Date
  endsAt: Date
}

export type SchedulingTable = {
  /** MeetingTable.id */
  id: string
  number: number
  /** Only meetings involving this organisation may use the table. */
  reservedForOrganisationId: string | null
}

export type SchedulingParticipant = {
  /** User.id */
  id: string
  /** Shown in reasons: "Kadri Tamm has reached the limit of 8 meetings". */
  name: string
  organisationId: string | null
  /** A personal limit below the event's; null: the event's limit applies. */
  maxMeetings: number | null
  /** BlockedSlot.slotId of this person. */
  blockedSlotIds: readonly string[]
}

/** What a meeting is worth: the parts of its weight (see weights.ts). */
export type MeetingPriority = {
  /** MustMeetPair.priority when the pair is marked "must meet" (1 and up, higher first), else null. */
  mustMeetPriority: number | null
  /** One side's organisation is a GOVERNMENT_BUYER. */
  buyerInvolved: boolean
  /** Both sides asked for (or accepted) the meeting, e.g. an accepted request or both proposed it. */
  mutualInterest: boolean
}

export type SchedulingRequest = MeetingPriority & {
  /** MeetingRequest.id or MustMeetPair.id: one entry per pair (merge a must-meet pair with its request). */
  id: string
  participantIds: readonly [string, string]
  /** The only slots it may use (e.g. the ones both proposed); null: any slot both have free. */
  allowedSlotIds: readonly string[] | null
}

export type ExistingMeeting = MeetingPriority & {
  /** Meeting.id of a CONFIRMED meeting. */
  id: string
  slotId: string
  tableId: string
  participantIds: readonly [string, string]
}

export type SchedulingMode =
  /** Existing meetings stay where they are; only requests are placed around them. */
  | 'keep-existing'
  /**
   * Existing meetings may move to another slot or table, only where that lets more or heavier
   * meetings be placed; never dropped (both people accepted them). Each appears in `placements`
   * (kind 'meeting', `moved` true when its slot or table changes), never in `unplaced`. One whose
   * place breaks a rule that changed since (one of its people blocked that slot or is over their
   * limit, e.g. 0 after leaving; the table is reserved for another organisation; the pair meets
   * twice) stays exactly there, as in keep-existing mode.
   */
  | 'full-replan'

export type SchedulingInput = {
  mode: SchedulingMode
  /** The event's limit of meetings per person (existing meetings count towards it). */
  meetingLimitPerPerson: number
  slots: readonly SchedulingSlot[]
  tables: readonly SchedulingTable[]
  participants: readonly SchedulingParticipant[]
  existingMeetings: readonly ExistingMeeting[]
  requests: readonly SchedulingRequest[]
}

/** What was placed: a request, or (in a full re-plan) an existing meeting. Unplaced: always a request. */
export type ScheduledSubject = { kind: 'request'; requestId: string } | { kind: 'meeting'; meetingId: string }

export type Placement = ScheduledSubject & {
  slotId: string
  tableId: string
  participantIds: readonly [string, string]
  weight: number
  /** Full re-plan only: the existing meeting changes slot or table (both people get an updated invite). */
  moved: boolean
}

export type UnplacedReasonCode =
  | 'invalid-request'
  | 'already-meeting'
  | 'no-common-free-slot'
  | 'limit-reached'
  | 'tables-full'
  | 'outranked'

export type Unplaced = ScheduledSubject & {
  participantIds: readonly [string, string]
  weight: number
  reason: UnplacedReasonCode
  /** The reason in the organiser's words. */
  message: string
}

export type KeptMeeting = {
  meetingId: string
  slotId: string
  tableId: string
  participantIds: readonly [string, string]
}

export type SchedulingStatistics = {
  /** Placements, a full re-plan's existing meetings included. */
  placedCount: number
  keptCount: number
  /** Full re-plan: existing meetings whose slot or table changes (0 in keep mode). */
  movedCount: number
  /** Sum of the placed meetings' weights. */
  placedWeight: number
  /**
   * What the scheduler maximises: placedWeight plus FIRST_MEETING_BONUS for every requester
   * whose first meeting this plan gives (see weights.ts).
   */
  score: number
  /** People named in at least one request (or re-planned meeting). */
  requesterCount: number
  /** Of those, people with at least one meeting (kept or placed) in the plan. */
  requestersWithMeeting: number
  /** meetingsPerRequester[k] = number of requesters with exactly k meetings in the plan. */
  meetingsPerRequester: number[]
}

export type SchedulingResult = {
  /** Ordered by slot, then table number. */
  placements: Placement[]
  /** Ordered by request id. Never an existing meeting: a full re-plan does not drop one. */
  unplaced: Unplaced[]
  /** Keep mode: the existing meetings, untouched. Ordered by meeting id. */
  kept: KeptMeeting[]
  statistics: SchedulingStatistics
}
