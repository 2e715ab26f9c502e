// The vocabulary of organisers' messages, shared by server and browser: who a message goes to
// (a segment: criteria that must all hold), the merge fields a message may use and how they
// are filled in, and the form's schema. Pure: no database here.
import { z } from 'zod'
import { isCountryCode } from '#app/lib/countries.ts'
import { organisationKinds } from '#app/domain/registration/registration-form.ts'
import { registrationStatuses } from '#app/domain/registration/vetting.ts'

export const MESSAGE_SUBJECT_MAX = 150
export const MESSAGE_BODY_MAX = 20_000
/** More values than any real choice has (about 250 countries): a longer list is a forged form. */
const LIST_MAX = 300

export const matchmakingSegments = ['any', 'participants', 'participants-without-meeting'] as const
export const checkInSegments = ['any', 'checked-in', 'not-checked-in'] as const
export const breakoutSeats = ['ENROLLED', 'WAITLISTED'] as const

const uniqueList = <Item extends z.ZodType<string>>(item: Item) =>
  z
    .array(item)
    .max(LIST_MAX, 'Too many values')
    .default([])
    .transform((values) => [...new Set(values)].sort())

/** Who a message goes to: registrants of the event for whom every criterion holds (an empty list is "any"). */
export const segmentSchema = z.object({
  statuses: uniqueList(z.enum(registrationStatuses)).refine((statuses) => statuses.length > 0, 'Choose at least one registration status'),
  nationalities: uniqueList(z.string().refine(isCountryCode, 'Choose countries from the list')),
  organisationKinds: uniqueList(z.enum(organisationKinds)),
  organisationCountries: uniqueList(z.string().refine(isCountryCode, 'Choose countries from the list')),
  /** Seat holders (or the waiting list) of one breakout session. */
  breakoutSessionId: z.string().trim().max(100).nullable().default(null).transform((value) => value || null),
  breakoutSeat: z.enum(breakoutSeats).default('ENROLLED'),
  matchmaking: z.enum(matchmakingSegments).default('any'),
  checkIn: z.enum(checkInSegments).default('any'),
})

export type Segment = z.output<typeof segmentSchema>

export const everyoneApproved: Segment = {
  statuses: ['APPROVED'],
  nationalities: [],
  organisationKinds: [],
  organisationCountries: [],
  breakoutSessionId: null,
  breakoutSeat: 'ENROLLED',
  matchmaking: 'any',
  checkIn: 'any',
}

/** Merge fields, as organisers type them, and what each one becomes for a recipient. */
export const mergeFields = {
  name: 'the person’s name',
  organisation: 'their organisation at this event',
  event: 'the event’s title',
  registration_link: 'the address of their registration page',
  event_link: 'the address of the event’s page',
} as const
export type MergeField = keyof typeof mergeFields
export type MergeValues = Record<MergeField, string>

const MERGE_FIELD = /\{\{\s*([a-z_]+)\s*\}\}/g

/** The merge fields a text names that Muster does not know, as typed. */
export function unknownMergeFields(text: string) {
  return [...text.matchAll(MERGE_FIELD)].map((match) => match[1]!).filter((name) => !Object.hasOwn(mergeFields, name))
}

/**
 * The text with each merge field filled in. In Markdown, people's own words (a name, an
 * organisation) are escaped so they stay words; addresses are ours and go in as they are.
 */
export function fillMergeFields(text: string, values: MergeValues, as: 'markdown' | 'plain') {
  return text.replace(MERGE_FIELD, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole
    const value = values[name as MergeField]
    if (as === 'plain' || name.endsWith('_link')) return value
    // Every ASCII punctuation mark escaped: no emphasis, link, HTML or bare-address link can start in it.
    return value.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`)
  })
}

const mergeFieldsKnown = (text: string) => unknownMergeFields(text).length === 0
const unknownFieldMessage = (text: string) => ({
  message: `Unknown merge field ${unknownMergeFields(text)
    .map((name) => `{{${name}}}`)
    .join(', ')}: use ${Object.keys(mergeFields)
    .map((name) => `{{${name}}}`)
    .join(', ')}`,
})

/** The draft form's fields: the message and its segment, as one flat form. */
export const messageFormShape = {
  subject: z
    .string({ error: 'Write a subject' })
    .trim()
    .min(1, 'Write a subject')
    .max(MESSAGE_SUBJECT_MAX, `Keep the subject under ${MESSAGE_SUBJECT_MAX} characters`),
  body: z
    .string({ error: 'Write the message' })
    .trim()
    .min(1, 'Write the message')
    .max(MESSAGE_BODY_MAX, `Keep the message under ${MESSAGE_BODY_MAX.toLocaleString('en-GB')} characters`),
  ...segmentSchema.shape,
}

/** Refuses merge fields Muster does not know, next to the field that names them. */
export function checkMergeFields(value: { subject: string; body: string }, context: z.RefinementCtx) {
  if (!mergeFieldsKnown(value.subject)) context.addIssue({ code: 'custom', path: ['subject'], ...unknownFieldMessage(value.subject) })
  if (!mergeFieldsKnown(value.body)) context.addIssue({ code: 'custom', path: ['body'], ...unknownFieldMessage(value.body) })
}

export const messageFormSchema = z.object(messageFormShape).superRefine(checkMergeFields)

export type MessageFormValues = z.output<typeof messageFormSchema>

/** The segment part of the form's values. */
export function segmentOf(values: MessageFormValues): Segment {
  const { statuses, nationalities, organisationKinds, organisationCountries, breakoutSessionId, breakoutSeat, matchmaking, checkIn } = values
  return { statuses, nationalities, organisationKinds, organisationCountries, breakoutSessionId, breakoutSeat, matchmaking, checkIn }
}
