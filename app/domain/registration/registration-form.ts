// The registration form's rules, built from the event's own questions: one Zod schema the
// browser (Conform) and the server share. Pure: no database here.
import { z } from 'zod'
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import { countryName, isCountryCode } from '#app/lib/countries.ts'
import { RECORD_ID_MAX_LENGTH } from '#app/lib/record-id.ts'

export const organisationKinds = ['GOVERNMENT_BUYER', 'LARGE_COMPANY', 'SME', 'START_UP', 'ACADEMIA', 'OTHER'] as const
export type OrganisationKind = (typeof organisationKinds)[number]

export const organisationKindLabels: Record<OrganisationKind, string> = {
  GOVERNMENT_BUYER: 'Government buyer',
  LARGE_COMPANY: 'Large company',
  SME: 'SME',
  START_UP: 'Start-up',
  ACADEMIA: 'Academia or research',
  OTHER: 'Other',
}

export type QuestionKind = 'TEXT' | 'LONG_TEXT' | 'CHOICE' | 'MULTIPLE_CHOICE' | 'YES_NO' | 'COUNTRY'

export type RegistrationQuestion = {
  key: string
  label: string
  helpText: string | null
  kind: QuestionKind
  required: boolean
  vetted: boolean
  /** Choices of a choice question. `retired`: removed by the organisers after someone chose it; kept so that answer still reads, never offered again. */
  options: { value: string; label: string; retired?: boolean }[] | null
}

/** The choices a question offers today (a retired one only labels the answers that chose it). */
export function offeredOptions(question: Pick<RegistrationQuestion, 'options'>) {
  return (question.options ?? []).filter((option) => !option.retired)
}

export type EligibilityRule = { eligibleNationalities: string[] | null; eligibilityExplanation: string | null }

/** An answer as stored in Registration.answers. */
export type Answer = string | string[] | boolean
export type Answers = Record<string, Answer>

/**
 * What a registrant agrees to. Each wording is stored (ConsentText) under a version derived from
 * the text itself, and every submission records the version, so editing this sentence can never
 * change what earlier registrants agreed to.
 */
export const REGISTRATION_CONSENT_TEXT =
  'I agree that the organisers process these details to vet my registration, run the event and send me messages about it. They are deleted after the event’s retention period.'

export const NEW_ORGANISATION = 'new'
export const MAX_TEXT = 200
export const MAX_LONG_TEXT = 2000

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `Keep it under ${max} characters`)

function answerSchema(question: RegistrationQuestion): z.ZodType<Answer | undefined> {
  const requiredMessage = `Answer “${question.label}”`
  const optionValues = offeredOptions(question).map((option) => option.value)
  switch (question.kind) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const max = question.kind === 'TEXT' ? MAX_TEXT : MAX_LONG_TEXT
      const base = z.string({ error: requiredMessage }).trim().max(max, `Keep it under ${max} characters`)
      return question.required ? base.min(1, requiredMessage) : base.optional().transform((v) => v || undefined)
    }
    case 'CHOICE': {
      const base = z.string({ error: requiredMessage }).refine((v) => optionValues.includes(v), 'Choose one of the options')
      return question.required ? base : base.optional()
    }
    case 'MULTIPLE_CHOICE': {
      const base = z
        .array(z.string().refine((v) => optionValues.includes(v), 'Choose from the options'), { error: requiredMessage })
        .max(optionValues.length)
        .transform((values) => [...new Set(values)])
      return question.required ? base.refine((v) => v.length > 0, requiredMessage) : base.optional()
    }
    case 'YES_NO': {
      const base = z.enum(['yes', 'no'], { error: requiredMessage }).transform((v) => v === 'yes')
      return question.required ? base : base.optional()
    }
    case 'COUNTRY': {
      const base = z.string({ error: requiredMessage }).refine(isCountryCode, 'Choose a country from the list')
      return question.required ? base : base.optional()
    }
  }
}

/**
 * The schema of the whole form for one event. Unknown fields (e.g. forged question keys) are dropped.
 * `consentGiven`: the person's live registration already records their agreement to the current
 * wording, so an edit does not ask again (a new wording, or a new registration, does).
 * Built once per distinct input and shared (a schema is never changed once built): building it
 * took about a twentieth of a registration's CPU in a rush (bench/registration.ts).
 */
export function registrationFormSchema(questions: readonly RegistrationQuestion[], rule: EligibilityRule, options: { consentGiven?: boolean } = {}) {
  const key = JSON.stringify([questions, rule, options.consentGiven === true])
  const kept = builtFormSchemas.get(key)
  if (kept) return kept
  // Built from the key's copy, so a caller who changes its questions or rule later cannot change a shared schema.
  const [questionsCopy, ruleCopy] = JSON.parse(key) as [RegistrationQuestion[], EligibilityRule]
  const schema = buildRegistrationFormSchema(questionsCopy, ruleCopy, options)
  builtFormSchemas.set(key, schema)
  return schema
}

/** A few events' forms at once. */
const builtFormSchemas = createBoundedCache<ReturnType<typeof buildRegistrationFormSchema>>(64)

function buildRegistrationFormSchema(questions: readonly RegistrationQuestion[], rule: EligibilityRule, options: { consentGiven?: boolean }) {
  const answers = z.object(Object.fromEntries(questions.map((question) => [question.key, answerSchema(question)])))
  return z
    .object({
      name: text('your name', 120),
      jobTitle: text('your job title', 120),
      nationality: z.string({ error: 'Choose your nationality' }).refine(isCountryCode, 'Choose a country from the list'),
      organisationId: z
        .string({ error: 'Choose your organisation, or add it' })
        .min(1, 'Choose your organisation, or add it')
        .max(RECORD_ID_MAX_LENGTH, 'Choose your organisation from the list, or add it'),
      newOrganisationName: z.string().trim().max(MAX_TEXT, `Keep it under ${MAX_TEXT} characters`).optional(),
      newOrganisationKind: z.enum(organisationKinds, { error: 'Choose what kind of organisation it is' }).optional(),
      newOrganisationCountry: z.string().refine(isCountryCode, 'Choose a country from the list').optional(),
      answers: answers
        .default({})
        .transform((given) => Object.fromEntries(Object.entries(given).filter(([, answer]) => answer !== undefined)) as Answers),
      /** "Show me in Who is coming": agreed only by ticking it. */
      attendeeList: z.literal('on').optional(),
      consent: options.consentGiven
        ? z.literal('on').optional()
        : z.literal('on', { error: 'You must agree to the processing of your data to register' }),
    })
    .superRefine((value, context) => {
      if (rule.eligibleNationalities && !rule.eligibleNationalities.includes(value.nationality)) {
        context.addIssue({
          code: 'custom',
          path: ['nationality'],
          message: `${countryName(value.nationality)} nationals cannot register for this event. ${rule.eligibilityExplanation ?? ''}`.trim(),
        })
      }
      if (value.organisationId === NEW_ORGANISATION) {
        if (!value.newOrganisationName) context.addIssue({ code: 'custom', path: ['newOrganisationName'], message: 'Enter the organisation’s name' })
        if (!value.newOrganisationKind) context.addIssue({ code: 'custom', path: ['newOrganisationKind'], message: 'Choose what kind of organisation it is' })
        if (!value.newOrganisationCountry) context.addIssue({ code: 'custom', path: ['newOrganisationCountry'], message: 'Choose the organisation’s country' })
      }
    })
}

export type RegistrationFormValues = z.output<ReturnType<typeof buildRegistrationFormSchema>>

/** The fields whose change sends an approved registration back to vetting, with before and after. */
export function vettedChanges(
  questions: readonly RegistrationQuestion[],
  before: { nationality: string | null; organisationId: string | null; answers: Answers },
  after: { nationality: string | null; organisationId: string | null; answers: Answers },
) {
  const changes: Record<string, { before: Answer | null; after: Answer | null }> = {}
  if (before.nationality !== after.nationality) changes.nationality = { before: before.nationality, after: after.nationality }
  if (before.organisationId !== after.organisationId) changes.organisation = { before: before.organisationId, after: after.organisationId }
  for (const question of questions.filter((q) => q.vetted)) {
    const previous = before.answers[question.key] ?? null
    const next = after.answers[question.key] ?? null
    if (JSON.stringify(previous) !== JSON.stringify(next)) changes[question.key] = { before: previous, after: next }
  }
  return changes
}
