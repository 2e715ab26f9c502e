// All confirmed meetings of the event, for organisers: meetings.csv, or meetings.xlsx (all, per
// table, per participant) for the printed schedules at the venue.
import { meetingsCsv, meetingsWorkbook } from '#app/domain/matchmaking/console.server.ts'
import { db } from '#app/lib/db.server.ts'
import { downloadExport } from './export-download.server.ts'
import type { Route } from './+types/matchmaking.export.$file'

export function loader(args: Route.LoaderArgs) {
  return downloadExport(args, {
    name: 'meetings',
    roles: ['ORGANISER'],
    produce: (format, { event }, downloadedBy) => (format === 'csv' ? meetingsCsv : meetingsWorkbook)(db, event.id, downloadedBy),
  })
}
