// "Who is coming" as CSV for teaming: the same people, filters and readers as the page; audited.
import { attendeeListAccess, attendeeListCsv } from '#app/domain/registration/attendee-list.server.ts'
import { parseAttendeeListQuery } from '#app/domain/registration/attendee-list.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { spreadsheetResponse } from '#app/lib/spreadsheet.server.ts'
import type { Route } from './+types/who-is-coming[.]csv'

export async function loader({ request, params }: Route.LoaderArgs) {
  // Public lists are for reading; a file of them is for people signed in, so it can be audited.
  const { user } = await requireUser(request)
  const access = await attendeeListAccess(db, { slug: params.slug, user })
  invariantResponse(access)
  invariantResponse(access.mayRead, 'The list is for approved attendees of this event.', 403)
  const query = parseAttendeeListQuery(new URL(request.url).searchParams)
  return spreadsheetResponse(await attendeeListCsv(db, { event: access.event, query, downloadedBy: { userId: user.id, ipAddress: clientInfo(request).ipAddress } }))
}
