// The check-in list (everyone approved, by name, and whether they came) for the desk:
// check-in-list.csv or check-in-list.xlsx, which prints one page header per sheet.
import { exportCheckInList } from '#app/domain/registration/registration-export.server.ts'
import { db } from '#app/lib/db.server.ts'
import { downloadExport } from './export-download.server.ts'
import type { Route } from './+types/check-in.export.$file'

export function loader(args: Route.LoaderArgs) {
  return downloadExport(args, {
    name: 'check-in-list',
    roles: ['CHECK_IN'],
    produce: (format, { event }, downloadedBy) => exportCheckInList(db, { eventId: event.id, format, downloadedBy }),
  })
}
