// The organiser's event details form: one Zod schema for the browser and the server. Moments
// are typed as the wall clock of the event's zone ("2027-03-24T08:30" in Europe/Brussels),
// which is how an organiser reads a programme; the server turns them into instants
// (eventDetailsToInstants) and refuses a time the zone skips.
import { z } from 'zod'
import { countryCodes } from '#app/lib/countries.ts'
import { SLUG_MAX_LENGTH } from '#app/lib/slug.ts'
import { instantFromWallClockInput, isValidTimeZone } from '#app/lib/time.ts'

/** NATO's 32 member states (ISO 3166-1 alpha-2), since Sweden joined in March 2024. */
export const NATO_MEMBER_STATES = [
  'AL', 'BE', 'BG', 'CA', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IT', 'LV',
  'LT', 'LU', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'TR', 'GB', 'US',
] as const

/** The European Union's 27 member states. */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const

export const eligibilityPresets = {
  anyone: { label: 'Anyone', countries: null, explanation: '' },
  nato: { label: 'Nationals of NATO member states', countries: NATO_MEMBER_STATES, explanation: 'Open to nationals of NATO member states.' },
  eu: { label: 'Nationals of EU member states', countries: EU_MEMBER_STATES, explanation: 'Open to nationals of EU member states.' },
  'eu-nato': {
    label: 'Nationals of EU or NATO member states',
    countries: [...new Set([...EU_MEMBER_STATES, ...NATO_MEMBER_STATES])].sort(),
    explanation: 'Open to nationals of EU and NATO member states.',
  },
  custom: { label: 'A list I choose', countries: null, explanation: '' },
} as const

export type EligibilityPreset = keyof typeof eligibilityPresets
const presetNames = Object.keys(eligibilityPresets) as [EligibilityPreset, ...EligibilityPreset[]]

/** Which preset a stored rule is, so the form opens on it: a list equal to a preset's is that preset. */
export function eligibilityPresetOf(countries: readonly string[] | null): EligibilityPreset {
  if (countries === null) return 'anyone'
  const key = [...countries].sort().join(',')
  const preset = presetNames.find((name) => {
    const listed = eligibilityPresets[name].countries
    return listed !== null && [...listed].sort().join(',') === key
  })
  return preset ?? 'custom'
}

/** Slugs the app's own paths take (/events/new). */
const RESERVED_SLUGS = new Set(['new'])
const MAX_CAPACITY = 1_000_000
const wallClock = (missing: string) => z.string({ error: missing }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and a time')

const slugField = z
  .string({ error: 'Enter the address of the event page' })
  .trim()
  .min(3, 'Use at least 3 characters')
  .max(SLUG_MAX_LENGTH, `Keep it under ${SLUG_MAX_LENGTH} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, like counter-uas-2027')
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'This address is reserved; choose another')

const titleField = z.string({ error: 'Enter a title' }).trim().min(3, 'Use at least 3 characters').max(160, 'Keep the title under 160 characters')

/** "Start from an earlier event": which one, and the new event's title, address and first day. */
export const EventCloneSchema = z.object({
  sourceEventId: z.string({ error: 'Choose the event to start from' }).min(1).max(64),
  title: titleField,
  slug: slugField,
  startDate: z
    .string({ error: 'Choose the new first day' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the new first day')
    .refine((key) => {
      const day = new Date(`${key}T00:00:00Z`)
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(key)
    }, 'Choose a day that exists'),
})

export type EventCloneValues = z.infer<typeof EventCloneSchema>

export const EventDetailsSchema = z
  .object({
    title: titleField,
    slug: slugField,
    summary: z.string({ error: 'Enter a one-line summary' }).trim().min(10, 'Use at least 10 characters').max(300, 'Keep the summary under 300 characters'),
    description: z.string().trim().max(20_000, 'Keep the description under 20,000 characters').default(''),
    hostName: z.string({ error: 'Enter who hosts the event' }).trim().min(2, 'Use at least 2 characters').max(160, 'Keep it under 160 characters'),
    contactEmail: z.email({ error: 'Enter an email address like events@agency.example' }).trim().toLowerCase().max(254),
    venueName: z.string({ error: 'Enter the venue' }).trim().min(2, 'Use at least 2 characters').max(160, 'Keep it under 160 characters'),
    venueAddress: z.string({ error: 'Enter the venue’s address' }).trim().min(5, 'Use at least 5 characters').max(500, 'Keep it under 500 characters'),
    timeZone: z
      .string({ error: 'Choose the time zone the event happens in' })
      .trim()
      .max(64)
      .refine(isValidTimeZone, 'Choose a time zone from the list, like Europe/Brussels'),
    startsAt: wallClock('Enter when the event starts'),
    endsAt: wallClock('Enter when the event ends'),
    registrationOpensAt: wallClock('Enter when registration opens'),
    registrationClosesAt: wallClock('Enter when registration closes'),
    capacity: z
      .number({ error: 'Enter a whole number of seats, or leave it empty for unlimited' })
      .int('Enter a whole number of seats')
      .min(1, 'At least one seat')
      .max(MAX_CAPACITY, `Keep it under ${MAX_CAPACITY.toLocaleString('en-GB')} seats`)
      .optional(),
    approvalRequired: z.boolean().default(false),
    waitlistEnabled: z.boolean().default(false),
    attendeeListPublic: z.boolean().default(false),
    eligibility: z.enum(presetNames, { error: 'Choose who may register' }),
    nationalities: z
      .array(z.string().refine((code) => countryCodes.includes(code), 'Choose countries from the list'))
      .max(countryCodes.length)
      .default([]),
    eligibilityExplanation: z.string().trim().max(500, 'Keep the explanation under 500 characters').optional(),
  })
  .superRefine((value, context) => {
    const instants = eventInstantsOf(value)
    if (!instants) {
      for (const field of momentFields) {
        if (isValidTimeZone(value.timeZone) && !instantFromWallClockInput(value[field], value.timeZone)) {
          context.addIssue({ code: 'custom', path: [field], message: `That time does not exist in ${value.timeZone} (the clocks go forward then)` })
        }
      }
      return
    }
    if (instants.endsAt <= instants.startsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'The event must end after it starts' })
    if (instants.registrationClosesAt <= instants.registrationOpensAt) {
      context.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close after it opens' })
    }
    if (instants.registrationClosesAt > instants.endsAt) {
      context.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'Registration must close before the event ends' })
    }
    if (value.eligibility === 'custom' && value.nationalities.length === 0) {
      context.addIssue({ code: 'custom', path: ['nationalities'], message: 'Choose at least one nationality, or another rule' })
    }
    if (value.eligibility !== 'anyone' && !value.eligibilityExplanation) {
      context.addIssue({ code: 'custom', path: ['eligibilityExplanation'], message: 'Tell applicants why the rule exists' })
    }
  })

export type EventDetailsValues = z.infer<typeof EventDetailsSchema>

const momentFields = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const
type EventMoments = Record<(typeof momentFields)[number], Date>

/** The form's four wall-clock moments as instants in its zone; null when the zone is unknown or one of them does not exist there. */
export function eventInstantsOf(values: Pick<EventDetailsValues, 'timeZone' | (typeof momentFields)[number]>): EventMoments | null {
  if (!isValidTimeZone(values.timeZone)) return null
  const instants: Partial<EventMoments> = {}
  for (const field of momentFields) {
    const instant = instantFromWallClockInput(values[field], values.timeZone)
    if (!instant) return null
    instants[field] = instant
  }
  return instants as EventMoments
}

/** The nationalities the chosen rule admits; null admits anyone. */
export function eligibleNationalitiesOf(values: Pick<EventDetailsValues, 'eligibility' | 'nationalities'>): string[] | null {
  if (values.eligibility === 'custom') return [...new Set(values.nationalities)].sort()
  const preset = eligibilityPresets[values.eligibility].countries
  return preset === null ? null : [...preset]
}

/** A published event's new venue: announced to its registrants with updated invites (venue-change.server.ts). */
export const VenueChangeSchema = z.object({
  venueName: EventDetailsSchema.shape.venueName,
  venueAddress: EventDetailsSchema.shape.venueAddress,
})

export type VenueChangeValues = z.infer<typeof VenueChangeSchema>

/** How sessions and meetings follow a new time zone: the same time of day there, or the same moments. */
export const rescheduleKeeps = ['wall-clock', 'instants'] as const

/** A published event's new first day and zone (reschedule.server.ts): everything timed moves with it. */
export const RescheduleSchema = z.object({
  firstDay: z
    .string({ error: 'Enter the new first day' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2027-03-24')
    .refine((key) => {
      const [year, month, day] = key.split('-').map(Number) as [number, number, number]
      const date = new Date(Date.UTC(year, month - 1, day))
      return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 2000 && year <= 2100
    }, 'Enter a date that exists, like 2027-03-24'),
  timeZone: EventDetailsSchema.shape.timeZone,
  keep: z.enum(rescheduleKeeps, { error: 'Choose how the times follow the new zone' }).default('wall-clock'),
})

export type RescheduleValues = z.infer<typeof RescheduleSchema>

/** Why a published event is cancelled (everyone registered reads it), and its title typed to confirm. */
export const EventCancellationSchema = z.object({
  reason: z.string({ error: 'Say why the event is cancelled: everyone registered reads it' }).trim().min(10, 'Say why in at least 10 characters').max(1000, 'Keep the reason under 1,000 characters'),
  confirmTitle: z.string({ error: 'Type the event’s title to confirm' }).trim().max(300),
})

/** The cancellation form for one event: the title typed must be that event's. */
export function eventCancellationSchemaFor(title: string) {
  return EventCancellationSchema.refine((values) => values.confirmTitle === title, { path: ['confirmTitle'], message: 'Type the event’s title exactly as shown' })
}
