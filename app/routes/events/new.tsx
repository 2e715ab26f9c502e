// A new event, for event creators and platform administrators: the details form, saved as a
// draft that only its staff see; the creator becomes its owner and lands on its settings.
import { data, href, Link } from 'react-router'
import { EventDetailsForm } from '#app/components/event-details-form.tsx'
import { EventDetailsSchema } from '#app/domain/events/event-details.ts'
import { createEvent, mayCreateEvents } from '#app/domain/events/event-setup.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, replyWithRefusal, refusalStatus } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import type { Route } from './+types/new'

export function meta(): Route.MetaDescriptors {
  return [{ title: 'New event · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  if (!mayCreateEvents(user)) logSecurityEvent(request, 'access.refused', { userId: user.id, needs: 'event creator' })
  return data({ mayCreate: mayCreateEvents(user) }, { status: mayCreateEvents(user) ? 200 : 403 })
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  if (!mayCreateEvents(user)) {
    logSecurityEvent(request, 'access.refused', { userId: user.id, needs: 'event creator' })
    throw data(null, { status: 403 })
  }
  const submission = await parseForm(request, EventDetailsSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const event = await createEvent(db, { actorId: user.id, mayCreate: true, values: submission.value, ipAddress: clientInfo(request).ipAddress })
    throw redirectWithNotice(href('/events/:slug/manage/settings', { slug: event.slug }), { key: 'event-created' })
  } catch (error) {
    if (error instanceof Response) throw error
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">New event</p>
        <h1>Set up an industry day</h1>
        <p className="lede">It starts as a draft that only you and the staff you add can see. Add questions and the agenda, then publish it from its settings.</p>
      </header>
      {loaderData.mayCreate ? (
        <section className="panel" aria-label="Event details">
          <EventDetailsForm
            lastResult={actionData?.result}
            defaultValue={{ approvalRequired: true, waitlistEnabled: true, eligibility: 'anyone' }}
            submitLabel="Create the draft"
          />
        </section>
      ) : (
        <section className="panel" aria-labelledby="not-allowed-heading">
          <h2 id="not-allowed-heading">Only event creators can create events</h2>
          <p>
            Ask a platform administrator of this Muster to make you an event creator. Until then you can <Link to={href('/')}>browse the published events</Link>.
          </p>
        </section>
      )}
    </div>
  )
}
