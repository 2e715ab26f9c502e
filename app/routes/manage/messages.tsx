// Messages to attendees: every message of the event, newest first, with who it went to, who
// wrote and sent it, when, and how delivery stands; and the way to write a new one.
import { data, href, Link } from 'react-router'
import { StackedTable } from '#app/components/stacked-table.tsx'
import { listMessages } from '#app/domain/event-messages/event-messages.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/messages'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Messages · ${loaderData.event.title} · Muster` : 'Messages · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, messages: await listMessages(db, event.id), now: new Date() })
}

export default function Messages({ loaderData }: Route.ComponentProps) {
  const { event, messages, now } = loaderData
  const zone = event.timeZone
  return (
    <section className="panel" aria-labelledby="messages-heading">
      <div className="panel__header">
        <h2 id="messages-heading">Messages to attendees</h2>
        <Link className="button button--primary" to={href('/events/:slug/manage/messages/new', { slug: event.slug })}>
          Write a message
        </Link>
      </div>
      <p className="field-hint">
        Write to a group of registrants: by status, nationality, organisation, breakout, B2B participation or check-in. Each person gets one email with a link to stop such messages;
        emails about their registration, meetings and agenda changes are never stopped.
      </p>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <StackedTable label="Messages" columns={['Subject', 'Recipients', 'Status', 'Delivery']}>
          {messages.map((message) => (
            <tr key={message.id}>
              <td data-label="Subject">
                <Link to={href('/events/:slug/manage/messages/:messageId', { slug: event.slug, messageId: message.id })}>{message.subject}</Link>
                <div className="field-hint">Written by {message.author}</div>
              </td>
              <td data-label="Recipients">{message.segmentText}</td>
              <td data-label="Status">
                {message.status === 'DRAFT' ? (
                  <span className="badge badge--warning">Draft</span>
                ) : message.status === 'CANCELLED' ? (
                  <span className="badge badge--break">Cancelled</span>
                ) : message.sendAt && message.sendAt > now ? (
                  <>
                    <span className="badge badge--warning">Scheduled</span> {formatDateTime(message.sendAt, zone)}
                  </>
                ) : (
                  <>
                    <span className="badge badge--success">Sent</span> {message.sendAt ? formatDateTime(message.sendAt, zone) : ''}
                    {message.sentBy ? ` by ${message.sentBy}` : ''}
                  </>
                )}
              </td>
              <td data-label="Delivery">
                {message.status === 'DRAFT'
                  ? '–'
                  : `${message.delivery.sent.toLocaleString('en-GB')} of ${message.recipientCount.toLocaleString('en-GB')} sent${message.delivery.failed ? `, ${message.delivery.failed} failed` : ''}${message.delivery.withdrawn ? `, ${message.delivery.withdrawn} withdrawn` : ''}`}
              </td>
            </tr>
          ))}
        </StackedTable>
      )}
    </section>
  )
}
