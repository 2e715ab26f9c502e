// The organiser's matchmaking settings form: one Zod schema per event zone, shared by the
// browser (Conform) and the server. Booking dates are typed as wall-clock times in the event's
// zone and stored as instants. Pure.
import { z } from 'zod'
import { instantFromWallClockInput } from '#app/lib/time.ts'

export const profileVisibilities = ['ALL_ATTENDEES', 'AFTER_BOOKING_OPENS'] as const
export type ProfileVisibility = (typeof profileVisibilities)[number]

export const profileVisibilityLabels: Record<ProfileVisibility, string> = {
  ALL_ATTENDEES: 'As soon as each attendee opts in',
  AFTER_BOOKING_OPENS: 'Only once B2B booking opens',
}

export const MAX_LIMIT = 500

const limit = (what: string) =>
  z
    .number({ error: `Enter a whole number of ${what}, or leave it empty for no limit` })
    .int(`Enter a whole number of ${what}`)
    .min(1, 'Enter at least 1, or leave it empty for no limit')
    .max(MAX_LIMIT, `Keep it at ${MAX_LIMIT} or fewer`)
    .optional()

export function matchmakingSettingsSchema(timeZone: string) {
  const wallClock = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time')
    .optional()
    .transform((value, context) => {
      if (!value) return null
      const instant = instantFromWallClockInput(value, timeZone)
      if (!instant) {
        context.addIssue({ code: 'custom', message: `That time does not exist in ${timeZone} (the clocks go forward then)` })
        return z.NEVER
      }
      return instant
    })
  return z
    .object({
      profileVisibility: z.enum(profileVisibilities, { error: 'Choose when profiles become visible' }),
      b2bEnabled: z.boolean().optional().transform((value) => value ?? false),
      b2bBookingOpensAt: wallClock,
      b2bBookingClosesAt: wallClock,
      maxMeetingsPerPerson: limit('meetings'),
      maxPendingRequestsPerPerson: limit('requests'),
    })
    .superRefine((values, context) => {
      if (values.b2bBookingOpensAt && values.b2bBookingClosesAt && values.b2bBookingClosesAt <= values.b2bBookingOpensAt) {
        context.addIssue({ code: 'custom', path: ['b2bBookingClosesAt'], message: 'Booking must close after it opens' })
      }
      if (values.profileVisibility === 'AFTER_BOOKING_OPENS' && !values.b2bBookingOpensAt) {
        context.addIssue({ code: 'custom', path: ['b2bBookingOpensAt'], message: 'Set when booking opens, or make profiles visible as soon as people opt in' })
      }
    })
}

export type MatchmakingSettingsValues = z.output<ReturnType<typeof matchmakingSettingsSchema>>
