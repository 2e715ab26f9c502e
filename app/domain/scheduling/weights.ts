// What a meeting is worth to the scheduler. Integers only, so sums are exact and plans do
// not depend on floating-point rounding.
import type { MeetingPriority } from './types.ts'

export const BASE_MEETING_WEIGHT = 10
export const BUYER_INVOLVED_WEIGHT = 10
export const MUTUAL_INTEREST_WEIGHT = 10
/** Per priority level, so a must-meet pair outweighs any ordinary meeting with both bonuses. */
export const MUST_MEET_WEIGHT_PER_PRIORITY = 100
/**
 * Earned once per requester, by their first meeting: diminishing returns per person. It is
 * larger than the gap between an ordinary and a buyer or mutual meeting, so a first meeting
 * for someone usually beats a further meeting for someone else; it is smaller than a
 * must-meet, so a must-meet pair is never given up for it.
 */
export const FIRST_MEETING_BONUS = 20

export function meetingWeight(priority: MeetingPriority) {
  const mustMeet = priority.mustMeetPriority === null ? 0 : Math.max(1, Math.floor(priority.mustMeetPriority))
  return (
    BASE_MEETING_WEIGHT +
    (priority.buyerInvolved ? BUYER_INVOLVED_WEIGHT : 0) +
    (priority.mutualInterest ? MUTUAL_INTEREST_WEIGHT : 0) +
    mustMeet * MUST_MEET_WEIGHT_PER_PRIORITY
  )
}
