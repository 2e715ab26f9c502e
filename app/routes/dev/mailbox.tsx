// The development mailbox: every captured email, newest first, filterable by recipient.
// Exists only while mail is captured (SMTP_URL unset); answers 404 otherwise.
import { Form, Link, href } from 'react-router'
import { z } from 'zod'
import { OutboxStatusBadge } from '#app/components/outbox-status-badge.tsx'
import { listCapturedMail } from '#app/domain/mailbox/mailbox.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import type { Route } from './+types/mailbox'
import { requireMailboxAccess } from '#app/lib/mailbox-access.server.ts'

const MailboxQuerySchema = z.object({ to: z.string().trim().max(320).catch('') })

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Development mailbox · Muster' }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ request, url }: Route.LoaderArgs) {
  requireMailboxAccess(request)
  const { to } = MailboxQuerySchema.parse({ to: url.searchParams.get('to') ?? '' })
  const { messages, pageSize } = await listCapturedMail({ to: to || null })
  return { messages, to, pageSize }
}

export default function Mailbox({ loaderData }: Route.ComponentProps) {
  const { messages, to, pageSize } = loaderData
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Development</p>
        <h1>Mailbox</h1>
        <p className="lede">
          Mail is captured here instead of being sent, because <code>SMTP_URL</code> is not set. Set it and this page disappears.
        </p>
      </header>

      <Form method="get" className="mailbox-filter" role="search" aria-label="Filter by recipient">
        <div className="field">
          <label htmlFor="mailbox-to">Recipient contains</label>
          <input id="mailbox-to" name="to" type="search" defaultValue={to} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
        {to ? (
          <Link to={href('/dev/mailbox')} className="button button--quiet">
            Show all
          </Link>
        ) : null}
      </Form>

      {messages.length === 0 ? (
        <p className="empty">{to ? `No mail to an address containing “${to}”.` : 'No mail yet.'}</p>
      ) : (
        <div className="mailbox-table">
          <table className="table table--stack">
            <caption className="visually-hidden">{to ? `Mail to addresses containing “${to}”` : 'All captured mail'}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Queued (UTC)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td data-label="Queued" className="mailbox-table__time">
                    <time dateTime={message.createdAt.toISOString()}>
                      {formatShortDate(message.createdAt, 'UTC')} {formatTime(message.createdAt, 'UTC')}
                    </time>
                  </td>
                  <td data-label="To">{message.toEmail}</td>
                  <td data-label="Subject">
                    <Link to={href('/dev/mailbox/:messageId', { messageId: message.id })}>
                      {message.subject}
                      <span className="visually-hidden"> to {message.toEmail}</span>
                    </Link>
                  </td>
                  <td data-label="Kind">
                    {message.kind}
                    {message.icsMethod ? <span className="badge">Invite</span> : null}
                  </td>
                  <td data-label="Status">
                    <OutboxStatusBadge status={message.status} />
                    {message.sendsAt ? (
                      <span className="mailbox-table__time">
                        {' '}
                        sends at{' '}
                        <time dateTime={message.sendsAt.toISOString()}>
                          {formatShortDate(message.sendsAt, 'UTC')} {formatTime(message.sendsAt, 'UTC')}
                        </time>
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {messages.length === pageSize ? <p className="muted">Showing the newest {pageSize} messages.</p> : null}
    </div>
  )
}
