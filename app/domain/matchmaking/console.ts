// Limits of the organiser's matchmaking console that its pages and the server share.

/** The people-without-a-meeting list shows at most this many; the count says how many in all. */
export const NO_MEETING_LIST_LIMIT = 100

/** Must-meet priorities an organiser can choose; the scheduler places higher ones first. */
export const MUST_MEET_PRIORITIES = [1, 2, 3] as const
