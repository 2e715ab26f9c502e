// The "Who is coming" list's query string, shared by its page and its CSV. Pure: no database here.
import { z } from 'zod'
import { organisationKinds } from './registration-form.ts'

/** A bad value means "no filter": a tampered link shows the whole list, not an error. */
const attendeeListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(''),
  kind: z.enum(organisationKinds).nullable().catch(null),
})

export type AttendeeListQuery = z.output<typeof attendeeListQuerySchema>

export function parseAttendeeListQuery(searchParams: URLSearchParams): AttendeeListQuery {
  return attendeeListQuerySchema.parse({ q: searchParams.get('q') ?? '', kind: searchParams.get('kind') || null })
}

/** The query string of a list view ("" when unfiltered). */
export function attendeeListQueryString(query: AttendeeListQuery) {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.kind) params.set('kind', query.kind)
  const text = params.toString()
  return text ? `?${text}` : ''
}
