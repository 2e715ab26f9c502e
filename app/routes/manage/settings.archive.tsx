// Archiving an event that has ended (or was cancelled), and restoring it. Archived, the event is
// read-only at every door until an organiser restores it here (event-archive.server.ts).
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { ErrorList } from '#app/components/forms.tsx'
import { archiveEvent, archiveRefusal, restoreEvent } from '#app/domain/events/event-archive.server.ts'
import { getEventSettings } from '#app/domain/events/event-setup.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/settings.archive'

const ArchiveSchema = z.object({ intent: z.enum(['archive', 'restore']) })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Archive the event · ${loaderData.event.title} · Muster` : 'Archive the event · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const settings = await getEventSettings(db, event.id)
  const now = new Date()
  return data({
    event,
    archivedAt: settings.archivedAt,
    refusal: settings.archivedAt ? null : archiveRefusal({ status: settings.status, endsAt: settings.endsAt, archivedAt: null }, now),
  })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = parseWithZod(await readForm(request, ArchiveSchema), { schema: ArchiveSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const actor = { eventId: event.id, actorId: user.id, ipAddress: clientInfo(request).ipAddress }
  try {
    if (submission.value.intent === 'archive') await archiveEvent(db, actor)
    else await restoreEvent(db, actor)
    return redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), { key: submission.value.intent === 'archive' ? 'event-archived' : 'event-restored' })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

export default function ArchiveEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { event, archivedAt, refusal } = loaderData
  const settingsPath = href('/events/:slug/manage/settings', { slug: event.slug })
  const errors = actionData?.result.error?.[''] ?? null
  if (archivedAt) {
    return (
      <section className="panel" aria-labelledby="archive-heading">
        <h2 id="archive-heading">Archived event</h2>
        <p className="lede">Archived on {formatDateTime(new Date(archivedAt), event.timeZone)}. Nothing in it can change: not its details, agenda, registrations, meetings or staff.</p>
        <p>Restore it to make a change; it then appears among your current events again. Its public page stayed as it was.</p>
        <ArchiveForm intent="restore" label="Restore the event" leaveLabel="Back to the settings" settingsPath={settingsPath} errors={errors} />
      </section>
    )
  }
  return (
    <section className="panel" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Archive the event</h2>
      <p className="lede">Put the event away once it is over: it becomes read-only for staff and attendees, and “Your events” lists it under archived events. Its public page stays as a record, and an organiser can restore it at any time.</p>
      {refusal ? (
        <>
          <p role="status">{refusal}</p>
          <Link className="button" to={settingsPath}>
            Back to the settings
          </Link>
        </>
      ) : (
        <ArchiveForm intent="archive" label="Archive the event" leaveLabel="Keep it as it is" settingsPath={settingsPath} errors={errors} />
      )}
    </section>
  )
}

function ArchiveForm({ intent, label, leaveLabel, settingsPath, errors }: { intent: 'archive' | 'restore'; label: string; leaveLabel: string; settingsPath: string; errors: string[] | null }) {
  const busy = useNavigation().state !== 'idle'
  return (
    <Form method="post" className="stack" aria-describedby={errors ? 'archive-errors' : undefined}>
      <ErrorList id="archive-errors" errors={errors} />
      <input type="hidden" name="intent" value={intent} />
      <div className="button-row">
        <button className="button" type="submit" disabled={busy}>
          {label}
        </button>
        <Link className="button button--quiet" to={settingsPath}>
          {leaveLabel}
        </Link>
      </div>
    </Form>
  )
}
