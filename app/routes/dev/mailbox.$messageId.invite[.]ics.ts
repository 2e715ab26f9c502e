// The invite attached to a captured email, as the .ics file the recipient would get.
import { getCapturedInvite } from '#app/domain/mailbox/mailbox.server.ts'
import type { Route } from './+types/mailbox.$messageId.invite[.]ics'
import { requireMailboxAccess } from '#app/lib/mailbox-access.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
  requireMailboxAccess(request)
  const invite = await getCapturedInvite(params.messageId)
  invariantResponse(invite)
  return new Response(invite.ics, {
    headers: {
      'Content-Type': `text/calendar; charset=utf-8; method=${invite.method}`,
      'Content-Disposition': 'attachment; filename="invite.ics"',
      'Cache-Control': 'no-store',
    },
  })
}
