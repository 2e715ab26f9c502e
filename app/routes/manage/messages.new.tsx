// Writing a message to attendees: the draft form. Saving it opens the draft's page, where the
// organiser sees who it reaches and how it looks before sending.
import { data, href, Link } from 'react-router'
import { EventMessageForm } from '#app/components/event-message-form.tsx'
import { createMessageDraft, getSegmentOptions } from '#app/domain/event-messages/event-messages.server.ts'
import { everyoneApproved, messageFormSchema } from '#app/domain/event-messages/event-message.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/messages.new'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `New message · ${loaderData.event.title} · Muster` : 'New message · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, options: await getSegmentOptions(db, event.id) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, messageFormSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const messageId = await createMessageDraft(db, { eventId: event.id, authorId: user.id, values: submission.value })
    return redirectWithNotice(href('/events/:slug/manage/messages/:messageId', { slug: event.slug, messageId }), { key: 'message-saved' })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

export default function NewMessage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, options } = loaderData
  return (
    <section className="panel" aria-labelledby="new-message-heading">
      <p>
        <Link to={href('/events/:slug/manage/messages', { slug: event.slug })}>← All messages</Link>
      </p>
      <h2 id="new-message-heading">New message</h2>
      <p className="field-hint">Nothing is sent yet: saving shows who it reaches and a preview, and you can send yourself a test first.</p>
      <EventMessageForm
        lastResult={actionData?.result}
        defaultValue={{ subject: '', body: '', ...everyoneApproved }}
        options={options}
        timeZone={event.timeZone}
        submitLabel="Save and preview"
      />
    </section>
  )
}
