// The vetting queue's vocabulary, shared by server and browser: statuses and actions with
// their labels, the queue's query-string schema, and how an answer is shown to an officer.
// Pure: no database here.
import { z } from 'zod'
import { countryName, isCountryCode } from '#app/lib/countries.ts'
import { organisationKinds, type Answer, type RegistrationQuestion } from './registration-form.ts'

export const registrationStatuses = ['PENDING', 'APPROVED', 'WAITLISTED', 'REJECTED', 'CANCELLED'] as const
export type RegistrationStatus = (typeof registrationStatuses)[number]

export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  PENDING: 'Pending',
  APPROVED: 'Approved',
  WAITLISTED: 'Waiting list',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
}

/** The badge tone of each status (app.css .badge--*). */
export const registrationStatusTones: Record<RegistrationStatus, 'success' | 'warning' | 'danger' | 'break'> = {
  PENDING: 'warning',
  APPROVED: 'success',
  WAITLISTED: 'warning',
  REJECTED: 'danger',
  CANCELLED: 'break',
}

export const vettingActionLabels = {
  SUBMITTED: 'Submitted',
  EDITED: 'Edited by the registrant',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  INFO_REQUESTED: 'More information requested',
  WAITLISTED: 'Put on the waiting list',
  PROMOTED: 'Promoted from the waiting list',
  CANCELLED: 'Cancelled',
} as const
export type VettingActionKind = keyof typeof vettingActionLabels

export const VETTING_PAGE_SIZE = 50
export const MAX_SEARCH_LENGTH = 100

/**
 * The queue's GET parameters. Every field falls back to "no filter" on a bad value, so a
 * mistyped or tampered link shows the default queue instead of an error page. Whether an
 * answer filter names a real question is checked against the event's questions later.
 */
export const vettingQuerySchema = z.object({
  status: z.enum(registrationStatuses).catch('PENDING'),
  kind: z.enum(organisationKinds).nullable().catch(null),
  country: z.string().refine(isCountryCode).nullable().catch(null),
  answer: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}:[A-Za-z0-9_-]{1,60}$/)
    .nullable()
    .catch(null),
  q: z.string().trim().max(MAX_SEARCH_LENGTH).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export type VettingQuery = z.output<typeof vettingQuerySchema>

export function parseVettingQuery(searchParams: URLSearchParams): VettingQuery {
  const value = (name: string) => searchParams.get(name) ?? undefined
  return vettingQuerySchema.parse({
    status: value('status'),
    kind: value('kind') || null,
    country: value('country') || null,
    answer: value('answer') || null,
    q: value('q') ?? '',
    page: value('page') ?? 1,
  })
}

/** The query string of a queue view, leaving out defaults so links stay short. */
export function vettingQueryString(query: VettingQuery) {
  const params = new URLSearchParams()
  if (query.status !== 'PENDING') params.set('status', query.status)
  if (query.q) params.set('q', query.q)
  if (query.kind) params.set('kind', query.kind)
  if (query.country) params.set('country', query.country)
  if (query.answer) params.set('answer', query.answer)
  if (query.page > 1) params.set('page', String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Questions whose answers make a useful filter: a closed set of values. */
export function isFilterableQuestion(question: Pick<RegistrationQuestion, 'kind'>) {
  return question.kind === 'CHOICE' || question.kind === 'YES_NO'
}

/** The values an officer can filter a question by, with their labels. */
export function answerFilterOptions(question: Pick<RegistrationQuestion, 'kind' | 'options'>) {
  if (question.kind === 'YES_NO') {
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ]
  }
  return question.options ?? []
}

/** True when a stored answer matches a filter value ("yes"/"no" for YES_NO questions). */
export function answerMatches(question: Pick<RegistrationQuestion, 'kind'>, answer: Answer | undefined, value: string) {
  if (answer === undefined) return false
  if (question.kind === 'YES_NO') return answer === (value === 'yes')
  return answer === value
}

/** An answer as an officer reads it: option labels, country names, Yes / No. */
export function formatAnswer(question: Pick<RegistrationQuestion, 'kind' | 'options'>, answer: Answer | null | undefined) {
  if (answer === null || answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0)) return null
  const optionLabel = (value: string) => {
    const option = question.options?.find((candidate) => candidate.value === value)
    if (!option) return value
    return option.retired ? `${option.label} (no longer offered)` : option.label
  }
  if (typeof answer === 'boolean') return answer ? 'Yes' : 'No'
  if (Array.isArray(answer)) return answer.map(optionLabel).join(', ')
  switch (question.kind) {
    case 'CHOICE':
    case 'MULTIPLE_CHOICE':
      return optionLabel(answer)
    case 'COUNTRY':
      return isCountryCode(answer) ? countryName(answer) : answer
    case 'YES_NO':
      return answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : answer
    default:
      return answer
  }
}

/** What a registrations export covers: every status, or the one a queue tab shows. */
export const registrationExportStatuses = ['ALL', ...registrationStatuses] as const
export type RegistrationExportStatus = (typeof registrationExportStatuses)[number]

const registrationExportStatusSchema = z.enum(registrationExportStatuses).catch('ALL')

/** An export's GET parameters: the queue's filters (a bad value means "no filter") without its page; every status unless one is named. */
export type RegistrationExportQuery = Omit<VettingQuery, 'page' | 'status'> & { status: RegistrationExportStatus }

export function parseRegistrationExportQuery(searchParams: URLSearchParams): RegistrationExportQuery {
  const { page: _page, ...query } = parseVettingQuery(searchParams)
  return { ...query, status: registrationExportStatusSchema.parse(searchParams.get('status') ?? undefined) }
}

/** The query string of an export of what a queue view shows (its status always named, since an export's default is every status). */
export function registrationExportQueryString(query: RegistrationExportQuery) {
  const params = new URLSearchParams({ status: query.status })
  if (query.q) params.set('q', query.q)
  if (query.kind) params.set('kind', query.kind)
  if (query.country) params.set('country', query.country)
  if (query.answer) params.set('answer', query.answer)
  return `?${params}`
}
