// The sign-up box of a capacity-limited session: seats left, the viewer's seat or waiting
// place, clashes with their other sessions and meetings, and one button. A plain form that
// posts to the sign-up route and comes back here, so it works without JavaScript.
import { Form, Link, useLocation, useNavigation, href } from 'react-router'
import { formatTimeRange } from '#app/lib/time.ts'

export type SignUpPanelData = {
  capacity: number | null
  seatsLeft: number | null
  waiting: number
  closedReason: 'cancelled' | 'started' | null
  viewer: {
    eligible: boolean
    enrolment: { status: 'ENROLLED' | 'WAITLISTED'; position: number | null } | null
    clashes: { kind: 'session' | 'meeting'; title: string; startsAt: Date; endsAt: Date }[]
  } | null
}

/** Why the last sign-up failed, as the sign-up route reports it in the query string. */
export function BreakoutSignUpPanel({
  panel,
  signUpAction,
  eventSlug,
  timeZone,
}: {
  panel: SignUpPanelData
  /** The sign-up route of this session. */
  signUpAction: string
  eventSlug: string
  timeZone: string
}) {
  const location = useLocation()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formAction === signUpAction
  const { viewer } = panel
  const enrolment = viewer?.enrolment ?? null
  const here = `${location.pathname}${location.hash}`
  return (
    <section className="panel sign-up-panel" aria-labelledby="sign-up-heading">
      <h2 id="sign-up-heading">Sign-up</h2>
      <p className="sign-up-panel__seats">{seatsSummary(panel)}</p>
      {enrolment?.status === 'ENROLLED' ? (
        <p className="notice notice--success" role="status">
          You have a seat. It is in your <Link to={href('/events/:slug/my-agenda', { slug: eventSlug })}>agenda</Link> and your calendar.
        </p>
      ) : null}
      {enrolment?.status === 'WAITLISTED' ? (
        <p className="notice" role="status">
          You are number {enrolment.position} on the waiting list. When a seat frees you get it automatically and we email you.
        </p>
      ) : null}
      {viewer && viewer.clashes.length > 0 ? (
        <div className="notice notice--warning">
          <p>{enrolment ? 'This overlaps with:' : 'Signing up would overlap with:'}</p>
          <ul className="plain-list">
            {viewer.clashes.map((clash) => (
              <li key={`${clash.kind}-${clash.title}-${clash.startsAt.toISOString()}`}>
                {clash.title}, {formatTimeRange(clash.startsAt, clash.endsAt, timeZone)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!viewer ? (
        <p>
          <Link className="button button--primary" to={`${href('/sign-in')}?redirectTo=${encodeURIComponent(here)}`}>
            Sign in to sign up
          </Link>
        </p>
      ) : !viewer.eligible ? (
        <p className="muted">
          Sign-up is open to attendees whose registration is approved. <Link to={href('/events/:slug/registration', { slug: eventSlug })}>Your registration</Link>
        </p>
      ) : panel.closedReason && !enrolment ? null : (
        <Form method="post" action={signUpAction}>
          <input type="hidden" name="redirectTo" value={here} />
          {enrolment ? (
            <button className="button" type="submit" name="intent" value="leave" disabled={busy}>
              {enrolment.status === 'ENROLLED' ? 'Give up my seat' : 'Leave the waiting list'}
            </button>
          ) : (
            <button className="button button--primary" type="submit" name="intent" value="join" disabled={busy}>
              {panel.seatsLeft === 0 || panel.waiting > 0 ? 'Join the waiting list' : 'Sign up'}
            </button>
          )}
        </Form>
      )}
    </section>
  )
}

function seatsSummary(panel: SignUpPanelData) {
  if (panel.closedReason === 'cancelled') return 'This session is cancelled.'
  if (panel.closedReason === 'started') return 'Sign-up has closed: the session has started.'
  if (panel.capacity === null) return 'Sign-up required; seats are not limited.'
  const waiting = panel.waiting > 0 ? `, ${panel.waiting} waiting` : ''
  return panel.seatsLeft === 0 ? `All ${panel.capacity} seats are taken${waiting}.` : `${panel.seatsLeft} of ${panel.capacity} seats left${waiting}.`
}
