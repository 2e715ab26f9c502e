// The B2B scheduler's public surface: pure, no database. The matchmaking console loads a
// SchedulingInput from the database, previews scheduleMeetings' result and applies it.
export { scheduleMeetings } from './schedule.ts'
export { SchedulingInputError } from './model.ts'
export {
  BASE_MEETING_WEIGHT,
  BUYER_INVOLVED_WEIGHT,
  FIRST_MEETING_BONUS,
  MUST_MEET_WEIGHT_PER_PRIORITY,
  MUTUAL_INTEREST_WEIGHT,
  meetingWeight,
} from './weights.ts'
export type {
  ExistingMeeting,
  KeptMeeting,
  MeetingPriority,
  Placement,
  ScheduledSubject,
  SchedulingInput,
  SchedulingMode,
  SchedulingParticipant,
  SchedulingRequest,
  SchedulingResult,
  SchedulingSlot,
  SchedulingStatistics,
  SchedulingTable,
  Unplaced,
  UnplacedReasonCode,
} from './types.ts'
