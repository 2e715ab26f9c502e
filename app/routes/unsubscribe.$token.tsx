// Stopping organisers' messages about one event: the address in every such message's footer and
// its List-Unsubscribe header. A GET only asks (link scanners open links); a POST stops them,
// which is also RFC 8058's one-click unsubscribe that mail providers send from their servers.
import { data, Form } from 'react-router'
import { findUnsubscribe, unsubscribe } from '#app/domain/event-messages/event-messages.server.ts'
import { db } from '#app/lib/db.server.ts'
import { invariantResponse, refusalOf, throwRefusal } from '#app/lib/domain-error.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import type { Route } from './+types/unsubscribe.$token'

// The loader's Cache-Control reaches the page only through this: the page names the address and its URL is a secret.
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Stop organisers’ messages · Muster' }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ params }: Route.LoaderArgs) {
  const found = await findUnsubscribe(db, params.token)
  invariantResponse(found, 'This unsubscribe link is not valid.')
  return data({ event: found.event, email: found.email, unsubscribedAt: found.unsubscribedAt, done: false }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ params }: Route.ActionArgs) {
  const found = await unsubscribe(db, params.token).catch((error: unknown) => throwRefusal(refusalOf(error)))
  invariantResponse(found, 'This unsubscribe link is not valid.')
  return data({ done: true })
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const { event, email, unsubscribedAt } = loaderData
  const done = actionData?.done || unsubscribedAt !== null
  return (
    <div className="page page--narrow">
      <section className="panel" aria-labelledby="unsubscribe-heading">
        <h1 id="unsubscribe-heading">{done ? 'You will get no more organisers’ messages' : 'Stop organisers’ messages?'}</h1>
        {done ? (
          <p role="status">
            {email} will get no more messages from the organisers of {event.title}
            {unsubscribedAt && !actionData?.done ? ` (since ${formatDateTime(unsubscribedAt, event.timeZone)})` : ''}. Emails about your registration, your meetings and changes to the
            agenda still reach you.
          </p>
        ) : (
          <>
            <p>
              {email} gets messages the organisers of {event.title} write to attendees. You can stop them; emails about your registration, your meetings and changes to the
              agenda will still reach you.
            </p>
            <Form method="post">
              <button type="submit" className="button button--primary">
                Stop organisers’ messages
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  )
}
