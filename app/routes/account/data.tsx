// Everything Muster holds about the signed-in person, on one page, with the JSON download.
import { data, Link, href } from 'react-router'
import { getPersonalData } from '#app/domain/privacy/privacy.server.ts'
import { eventRoleLabels } from '#app/domain/events/roles.ts'
import { requireRecentUser } from '#app/lib/auth.server.ts'
import { countryName } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatDateTime, formatTimeRange, formatShortDate } from '#app/lib/time.ts'
import type { Route } from './+types/data'

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Your data · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user, headers } = await requireRecentUser(request)
  return data({ personal: await getPersonalData(db, user.id) }, { headers })
}

const UTC = 'UTC'
const when = (instant: Date | null) => (instant ? formatDateTime(instant, UTC) : '—')
const slotText = (slot: { startsAt: Date; endsAt: Date }) => `${formatShortDate(slot.startsAt, UTC)}, ${formatTimeRange(slot.startsAt, slot.endsAt, UTC)} UTC`
const words = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ')

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="muted">{children}</p>
}

export default function AccountData({ loaderData }: Route.ComponentProps) {
  const { personal } = loaderData
  const { account } = personal
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/account')}>Your account</Link>
        </p>
        <h1>Your data</h1>
        <p className="lede">Everything Muster holds about you, as of {when(personal.generatedAt)}. Times are in UTC.</p>
        <p>
          <a href={href('/account/data.json')} className="button button--primary">
            Download it as a file (JSON)
          </a>
        </p>
      </header>

      <section className="panel" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <dl className="fact-list">
          <div>
            <dt>Email</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>Name</dt>
            <dd>{account.name || '—'}</dd>
          </div>
          <div>
            <dt>Job title</dt>
            <dd>{account.jobTitle ?? '—'}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{account.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>Nationality</dt>
            <dd>{account.nationality ? countryName(account.nationality) : '—'}</dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{account.timeZone ?? 'Your browser’s'}</dd>
          </div>
          <div>
            <dt>Organisation</dt>
            <dd>{account.organisation ? `${account.organisation.name}, ${countryName(account.organisation.country)}` : '—'}</dd>
          </div>
          <div>
            <dt>Account created</dt>
            <dd>{when(account.createdAt)}</dd>
          </div>
        </dl>
        {personal.eventRoles.length > 0 ? (
          <>
            <h3>Roles at events</h3>
            <ul className="plain-list">
              {personal.eventRoles.map((role) => (
                <li key={`${role.event}-${role.role}`}>
                  {role.event}: {eventRoleLabels[role.role]} <span className="muted">since {when(role.since)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="signins-heading">
        <h2 id="signins-heading">Sign-ins and browsers</h2>
        <h3>Sessions</h3>
        {personal.sessions.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.sessions.map((session, index) => (
              <li key={index}>
                Signed in {when(session.createdAt)}, last seen {when(session.lastSeenAt)}
                <br />
                <span className="muted">
                  {session.browser ?? 'Unknown browser'} · address {session.address ?? 'unknown'}
                </span>
              </li>
            ))}
          </ul>
        )}
        <h3>Browsers you signed in from</h3>
        {personal.knownDevices.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.knownDevices.map((device, index) => (
              <li key={index}>
                First {when(device.firstSeenAt)}, last {when(device.lastSeenAt)}
                <br />
                <span className="muted">{device.browser ?? 'Unknown browser'}</span>
              </li>
            ))}
          </ul>
        )}
        {personal.passkeys.length > 0 ? (
          <>
            <h3>Passkeys</h3>
            <ul className="plain-list">
              {personal.passkeys.map((passkey, index) => (
                <li key={index}>
                  {passkey.name}: added {when(passkey.createdAt)}, {passkey.lastUsedAt ? `last used ${when(passkey.lastUsedAt)}` : 'not used yet'}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>Calendar feed links</h3>
        {personal.calendarFeeds.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.calendarFeeds.map((feed, index) => (
              <li key={index}>
                Created {when(feed.createdAt)}
                {feed.revokedAt ? `, revoked ${when(feed.revokedAt)}` : ', in use'}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="registrations-heading">
        <h2 id="registrations-heading">Registrations</h2>
        {personal.registrations.length === 0 ? <Empty>None.</Empty> : null}
        {personal.registrations.map((registration, index) => (
          <article key={index} aria-labelledby={`registration-${index}`} className="stack">
            <h3 id={`registration-${index}`}>{registration.event.title}</h3>
            <dl className="fact-list">
              <div>
                <dt>Dates</dt>
                <dd>{formatDateSpan(registration.event.startsAt, registration.event.endsAt, registration.event.timeZone)}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>{words(registration.status)}</dd>
              </div>
              <div>
                <dt>Organisation as registered</dt>
                <dd>{registration.organisation ? `${registration.organisation.name}, ${countryName(registration.organisation.country)}` : '—'}</dd>
              </div>
              <div>
                <dt>Nationality as registered</dt>
                <dd>{registration.nationality ? countryName(registration.nationality) : '—'}</dd>
              </div>
              <div>
                <dt>Submitted</dt>
                <dd>{when(registration.submittedAt)}</dd>
              </div>
              <div>
                <dt>Decided</dt>
                <dd>{when(registration.decidedAt)}</dd>
              </div>
              <div>
                <dt>You agreed</dt>
                <dd>
                  {when(registration.consentGivenAt)}
                  {registration.consentText ? `: “${registration.consentText}”` : ''}
                </dd>
              </div>
            </dl>
            {registration.answers.length > 0 ? (
              <>
                <h4>Your answers</h4>
                <dl className="fact-list fact-list--stacked">
                  {registration.answers.map((answer) => (
                    <div key={answer.question}>
                      <dt>{answer.question}</dt>
                      <dd className="answer-text">{answer.answer}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
            <h4>History</h4>
            <ol className="plain-list">
              {registration.history.map((entry, entryIndex) => (
                <li key={entryIndex}>
                  {words(entry.action)} <span className="muted">by {entry.by === 'you' ? 'you' : entry.by === 'organisers' ? 'the organisers' : 'Muster'}, {when(entry.at)}</span>
                  {entry.reason ? <p className="answer-text">{entry.reason}</p> : null}
                </li>
              ))}
            </ol>
            {registration.sessions.length > 0 ? (
              <>
                <h4>Session sign-ups</h4>
                <ul className="plain-list">
                  {registration.sessions.map((session, sessionIndex) => (
                    <li key={sessionIndex}>
                      {session.session} <span className="muted">({slotText(session)}) · {words(session.status)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </article>
        ))}
      </section>

      <section className="panel" aria-labelledby="matchmaking-heading">
        <h2 id="matchmaking-heading">Matchmaking</h2>
        <h3>Profiles</h3>
        {personal.matchmakingProfiles.length === 0 ? <Empty>None.</Empty> : null}
        {personal.matchmakingProfiles.map((profile, index) => (
          <article key={index} className="stack">
            <h4>
              {profile.event} {profile.optedIn ? null : <span className="badge">Not taking part</span>}
            </h4>
            <p>{profile.headline}</p>
            {profile.about ? <p className="answer-text">{profile.about}</p> : null}
            {profile.capabilities.length > 0 ? <p className="muted">Capabilities: {profile.capabilities.join(', ')}</p> : null}
            {profile.tags.length > 0 ? <p className="muted">Tags: {profile.tags.join(', ')}</p> : null}
            {profile.marketplace.length > 0 ? (
              <ul className="plain-list">
                {profile.marketplace.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <strong>{words(item.kind)}:</strong> {item.title}
                    <p className="answer-text">{item.description}</p>
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        ))}
        <h3>Meeting requests</h3>
        {personal.meetingRequests.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.meetingRequests.map((request, index) => (
              <li key={index}>
                {request.direction === 'sent' ? 'To' : 'From'} {request.with.name}
                {request.with.organisation ? ` (${request.with.organisation})` : ''} · {words(request.status)}
                <br />
                <span className="muted">
                  {request.event}, {when(request.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <h3>Meetings</h3>
        {personal.meetings.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.meetings.map((meeting, index) => (
              <li key={index}>
                {slotText(meeting)}, {meeting.table} · with {meeting.with.join(', ') || 'nobody else'} · {words(meeting.status)}
              </li>
            ))}
          </ul>
        )}
        <h3>Times you keep free</h3>
        {personal.blockedSlots.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul className="plain-list">
            {personal.blockedSlots.map((block, index) => (
              <li key={index}>
                {block.event}: {slotText(block)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="emails-heading">
        <h2 id="emails-heading">Emails to you</h2>
        {personal.emails.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <div className="table-scroll" role="region" aria-label="Emails sent to you, table" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">Emails Muster sent or queued to you</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Queued</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {personal.emails.map((email, index) => (
                  <tr key={index}>
                    <td>{email.subject}</td>
                    <td>{when(email.queuedAt)}</td>
                    <td>{words(email.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
