// How far the outbox has got with the event's emails, for the progress panel on the console
// pages that send many at once. The panel asks this small route every few seconds instead of
// revalidating its page: that would run the page's loader (the scheduler's whole preview) and
// drop the answer of the organiser's last action.
import { data } from 'react-router'
import { emailDeliveryProgress } from '#app/domain/messages/delivery.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/email-delivery'

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ delivery: await emailDeliveryProgress(db, event.id) }, { headers: { 'Cache-Control': 'private, no-store' } })
}
