// The registrations the vetting queue's filters select, every field and answer, for vetting
// officers and organisers: registrations.csv or registrations.xlsx.
import { exportRegistrations } from '#app/domain/registration/registration-export.server.ts'
import { parseRegistrationExportQuery } from '#app/domain/registration/vetting.ts'
import { db } from '#app/lib/db.server.ts'
import { downloadExport } from './export-download.server.ts'
import type { Route } from './+types/vetting.export.$file'

export function loader(args: Route.LoaderArgs) {
  const query = parseRegistrationExportQuery(new URL(args.request.url).searchParams)
  return downloadExport(args, {
    name: 'registrations',
    roles: ['VETTING_OFFICER'],
    produce: (format, { event }, downloadedBy) => exportRegistrations(db, { eventId: event.id, query, format, downloadedBy }),
  })
}
