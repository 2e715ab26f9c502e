// The console's one way to hand out an export: the role the list needs, a recent sign-in
// (exports carry personal data), a file name from the list's own short set, the download
// audited by the domain function and logged, and a response no cache keeps.
import { data, type RouterContextProvider } from 'react-router'
import type { ExportDownloader } from '#app/domain/audit/audit.server.ts'
import type { EventRole } from '#app/domain/events/roles.ts'
import { requireRecentSignIn } from '#app/lib/auth.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { spreadsheetFormats, spreadsheetResponse, type SpreadsheetFile, type SpreadsheetFormat } from '#app/lib/spreadsheet.server.ts'
import { requireConsoleRole, type Console } from './console-context.server.ts'

export async function downloadExport(
  args: { request: Request; context: Readonly<RouterContextProvider>; params: { file?: string } },
  list: { name: string; roles: readonly EventRole[]; produce: (format: SpreadsheetFormat, staff: Console, downloadedBy: ExportDownloader) => Promise<SpreadsheetFile> },
) {
  const { request, context, params } = args
  const staff = requireConsoleRole(context, request, list.roles)
  const format = spreadsheetFormats.find((candidate) => params.file === `${list.name}.${candidate}`)
  if (!format) throw data(null, { status: 404 })
  requireRecentSignIn(request, staff)
  const file = await list.produce(format, staff, { userId: staff.user.id, ipAddress: clientInfo(request).ipAddress })
  logSecurityEvent(request, 'export.downloaded', { userId: staff.user.id, eventId: staff.event.id, file: file.filename })
  return spreadsheetResponse(file)
}
