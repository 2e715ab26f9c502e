// The review step of a change that moves the whole event (a new venue, new dates, another zone):
// what changes, old beside new, and every message it will send, before the organiser confirms.
import { Link } from 'react-router'
import { eventWideMessageCount, type EventWideRecipients } from '#app/domain/events/event-wide-change.ts'
import { ChangeTable, type ChangeLine } from './change-table.tsx'

const number = (count: number) => count.toLocaleString('en-GB')
const people = (count: number) => (count === 1 ? '1 registrant' : `${number(count)} registrants`)

export function EventWideChangeReview({
  changes,
  recipients,
  expectedUpdatedAt,
  busy,
  children,
}: {
  changes: readonly ChangeLine[]
  recipients: EventWideRecipients
  expectedUpdatedAt: string
  busy: boolean
  /** What else the organiser should know (e.g. how sessions keep their times). */
  children?: React.ReactNode
}) {
  const total = eventWideMessageCount(recipients)
  const { registrants } = recipients
  return (
    <section className="panel change-preview" aria-labelledby="preview-heading" aria-live="polite">
      <h3 id="preview-heading">Review your change</h3>
      <input type="hidden" name="expectedUpdatedAt" value={expectedUpdatedAt} />
      <ChangeTable changes={changes} />
      {children}
      {total > 0 ? (
        <ul className="plain-list">
          {registrants.count > 0 ? (
            <li>
              <strong>{people(registrants.count)}</strong> will get an email about the change
              {registrants.withInvite > 0 ? `, ${number(registrants.withInvite)} of them with the updated event invite` : ''}: {registrants.names.join(', ')}
              {registrants.count > registrants.names.length ? ` and ${number(registrants.count - registrants.names.length)} more` : ''}.
            </li>
          ) : null}
          {recipients.sessionMessages > 0 ? <li>{number(recipients.sessionMessages)} updated session invitations (one per person and session).</li> : null}
          {recipients.meetingMessages > 0 ? <li>{number(recipients.meetingMessages)} updated B2B meeting invitations (one per person and meeting).</li> : null}
        </ul>
      ) : (
        <p>Nobody has registered yet: no one will be notified.</p>
      )}
      <p className="muted">Calendar subscriptions show the change at their next refresh.</p>
      <div className="button-row">
        <button className="button button--primary" type="submit" name="intent" value="apply" disabled={busy}>
          {total > 0 ? `Save and send ${total === 1 ? '1 email' : `${number(total)} emails`}` : 'Save'}
        </button>
      </div>
    </section>
  )
}

/** In place of the form when the event is not published: a draft changes these in its details form, a cancelled event not at all. */
export function EventWideChangeClosed({ heading, what, status, settingsPath }: { heading: string; what: string; status: 'DRAFT' | 'CANCELLED'; settingsPath: string }) {
  return (
    <section className="panel" aria-labelledby="change-closed-heading">
      <h2 id="change-closed-heading">{heading}</h2>
      <p>{status === 'DRAFT' ? `This event is a draft: nobody holds an invite yet, so change its ${what} in the details form.` : `This event is cancelled: its ${what} can no longer be changed.`}</p>
      <Link className="button" to={settingsPath}>
        Back to the settings
      </Link>
    </section>
  )
}
