// The participant directory's query string: search words and filters. Every field falls back
// to "no filter" on a bad value, so a mistyped or tampered link shows the whole directory
// instead of an error page. Pure, shared by server and browser.
import { z } from 'zod'
import { isCountryCode } from '#app/lib/countries.ts'
import { organisationKinds } from '#app/domain/registration/registration-form.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'

export const DIRECTORY_PAGE_SIZE = 20
export const MAX_DIRECTORY_SEARCH = 100

export const directoryPostKinds = ['offer', 'need'] as const

export const directoryQuerySchema = z.object({
  q: z.string().trim().max(MAX_DIRECTORY_SEARCH).catch(''),
  kind: z.enum(organisationKinds).nullable().catch(null),
  country: z.string().refine(isCountryCode).nullable().catch(null),
  capability: recordIdSchema.nullable().catch(null),
  has: z.enum(directoryPostKinds).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export type DirectoryQuery = z.output<typeof directoryQuerySchema>

export function parseDirectoryQuery(searchParams: URLSearchParams): DirectoryQuery {
  const value = (name: string) => searchParams.get(name) || null
  return directoryQuerySchema.parse({
    q: searchParams.get('q') ?? '',
    kind: value('kind'),
    country: value('country'),
    capability: value('capability'),
    has: value('has'),
    page: searchParams.get('page') ?? 1,
  })
}

/** The query string of a directory view, leaving out defaults so links stay short. */
export function directoryQueryString(query: DirectoryQuery) {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.kind) params.set('kind', query.kind)
  if (query.country) params.set('country', query.country)
  if (query.capability) params.set('capability', query.capability)
  if (query.has) params.set('has', query.has)
  if (query.page > 1) params.set('page', String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
