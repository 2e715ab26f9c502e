// One captured email: its headers and delivery state, the HTML as the recipient would see it
// (in a sandboxed frame: no scripts, no access to this page), the text version and the invite.
import { Link, href } from 'react-router'
import { OutboxStatusBadge } from '#app/components/outbox-status-badge.tsx'
import { getCapturedMessage } from '#app/domain/mailbox/mailbox.server.ts'
import type { Route } from './+types/mailbox.$messageId'
import { requireMailboxAccess } from '#app/lib/mailbox-access.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: `${loaderData?.message.subject ?? 'Message'} · Development mailbox · Muster` }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requireMailboxAccess(request)
  const message = await getCapturedMessage(params.messageId)
  invariantResponse(message)
  return { message }
}

export default function MailboxMessage({ loaderData }: Route.ComponentProps) {
  const { message } = loaderData
  const to = message.toName ? `${message.toName} <${message.toEmail}>` : message.toEmail
  return (
    <div className="page">
      <p>
        <Link to={href('/dev/mailbox')}>← All mail</Link>
      </p>
      <header className="page-header">
        <p className="eyebrow">Development mailbox</p>
        <h1>{message.subject}</h1>
      </header>

      <dl className="mailbox-headers">
        <dt>From</dt>
        <dd>{message.from}</dd>
        <dt>To</dt>
        <dd>{to}</dd>
        <dt>Subject</dt>
        <dd>{message.subject}</dd>
        <dt>Kind</dt>
        <dd>{message.kind}</dd>
        <dt>Status</dt>
        <dd>
          <OutboxStatusBadge status={message.status} />
        </dd>
        <dt>Attempts</dt>
        <dd>{message.attempts}</dd>
        <dt>Last error</dt>
        <dd>{message.lastError ?? 'None'}</dd>
        <dt>Idempotency key</dt>
        <dd>
          <code>{message.idempotencyKey}</code>
        </dd>
        <dt>Queued</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toISOString()}</time>
        </dd>
        {message.sentAt ? (
          <>
            <dt>{message.status === 'CAPTURED' ? 'Captured' : 'Sent'}</dt>
            <dd>
              <time dateTime={message.sentAt.toISOString()}>{message.sentAt.toISOString()}</time>
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="html-version-heading" className="section">
        <h2 id="html-version-heading">HTML version</h2>
        <iframe
          className="mailbox-html"
          title={`HTML version of “${message.subject}”`}
          srcDoc={withLinksInNewTab(message.html)}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
        />
      </section>

      <section className="section">
        <h2 id="text-version-heading">Text version</h2>
        <pre className="mailbox-text" role="region" aria-labelledby="text-version-heading" tabIndex={0}>
          {message.text}
        </pre>
      </section>

      {message.icsMethod && message.icsContent ? (
        <section className="section">
          <div className="section__head">
            <h2 id="invite-heading">Calendar invite (METHOD:{message.icsMethod})</h2>
            <a href={href('/dev/mailbox/:messageId/invite.ics', { messageId: message.id })} download="invite.ics">
              Download invite.ics
            </a>
          </div>
          <pre className="mailbox-text" role="region" aria-labelledby="invite-heading" tabIndex={0}>
            {message.icsContent}
          </pre>
        </section>
      ) : null}
    </div>
  )
}

/** Links in the sandboxed frame open in a new tab, as they would from a mail client. */
function withLinksInNewTab(html: string) {
  const base = '<base target="_blank">'
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html
}
