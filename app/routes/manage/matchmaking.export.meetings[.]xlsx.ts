// All confirmed meetings of the event as an Excel workbook (all, per table, per participant), for organisers.
import { meetingsWorkbook } from '#app/domain/matchmaking/console.server.ts'
import { requireRecentSignIn } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/matchmaking.export.meetings[.]xlsx'
import { logSecurityEvent } from '#app/lib/log.server.ts'

export async function loader({ request, context }: Route.LoaderArgs) {
  const authenticated = requireConsoleRole(context, request, ['ORGANISER'])
  requireRecentSignIn(request, authenticated)
  const { event, user } = authenticated
  const file = await meetingsWorkbook(db, event.id, { userId: user.id, ipAddress: clientInfo(request).ipAddress })
  logSecurityEvent(request, 'export.downloaded', { userId: user.id, eventId: event.id, file: file.filename })
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
