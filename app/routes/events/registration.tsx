import { data, Form, Link, redirect, href } from 'react-router'
import { z } from 'zod'
import { cancelOwnRegistration, getEventForRegistration, getOwnRegistration } from '#app/domain/registration/registration.server.ts'
import { Badge } from '#app/components/badge.tsx'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { badgeQrSvg } from '#app/lib/qr.server.ts'
import { formatDateSpan, formatEventHours, formatLongDate, formatTime } from '#app/lib/time.ts'
import type { Route } from './+types/registration'
import { readForm } from '#app/lib/form.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { invariantResponse, refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

const CancelSchema = z.object({ intent: z.literal('cancel'), registrationId: recordIdSchema })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Your registration · ${loaderData.event.title} · Muster` : 'Your registration · Muster' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request)
  const event = await getEventForRegistration(db, params.slug)
  invariantResponse(event)
  const registration = await getOwnRegistration(db, event.id, user.id)
  if (!registration) throw redirect(href('/events/:slug/register', { slug: event.slug }))
  const confirmingCancel = new URL(request.url).searchParams.get('cancel') === 'confirm'
  const qrSvg = registration.badgeCode ? await badgeQrSvg(registration.badgeCode) : null
  return data(
    {
      event: {
        slug: event.slug,
        title: event.title,
        timeZone: event.timeZone,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        venueName: event.venueName,
        venueAddress: event.venueAddress,
      },
      registration,
      attendee: { name: user.name, email: user.email },
      qrSvg,
      confirmingCancel,
    },
    { headers },
  )
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const parsed = CancelSchema.safeParse(Object.fromEntries(await readForm(request, CancelSchema)))
  if (!parsed.success) return data({ error: 'That request was not understood. Reload the page and try again.' }, { status: 400 })
  const event = await getEventForRegistration(db, params.slug)
  invariantResponse(event)
  try {
    await cancelOwnRegistration(db, { eventId: event.id, registrationId: parsed.data.registrationId, userId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ error: refusal.message }, refusalStatus(refusal))
  }
  throw redirect(href('/events/:slug/registration', { slug: event.slug }))
}

const statusTitles = {
  PENDING: 'Waiting for the organisers’ decision',
  APPROVED: 'You are registered',
  WAITLISTED: 'You are on the waiting list',
  REJECTED: 'Your registration was not accepted',
  CANCELLED: 'Your registration is cancelled',
} as const

export default function RegistrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, registration, attendee, qrSvg, confirmingCancel } = loaderData
  const tz = event.timeZone
  const active = registration.status === 'PENDING' || registration.status === 'APPROVED' || registration.status === 'WAITLISTED'
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">Your registration</p>
        <h1>
          <Link to={href('/events/:slug', { slug: event.slug })}>{event.title}</Link>
        </h1>
        <p className="lede">
          {formatDateSpan(event.startsAt, event.endsAt, tz)} · {formatEventHours(event.startsAt, event.endsAt, tz)} · {event.venueName}
        </p>
      </header>

      {actionData?.error ? (
        <p className="notice notice--danger" role="alert">
          {actionData.error}
        </p>
      ) : null}

      <section aria-labelledby="status-heading" className={`panel status-panel status-panel--${registration.status.toLowerCase()}`}>
        <h2 id="status-heading">{statusTitles[registration.status]}</h2>
        {registration.status === 'PENDING' ? (
          registration.infoRequest !== null || registration.infoRequestedAt ? (
            <div className="notice notice--warning">
              <p>
                <strong>The organisers need more information.</strong>
              </p>
              {registration.infoRequest ? <p>{registration.infoRequest}</p> : null}
              <p>
                <Link to={href('/events/:slug/register', { slug: event.slug })} className="button button--primary">
                  Update your registration
                </Link>
              </p>
            </div>
          ) : (
            <p>
              Submitted on {formatLongDate(registration.submittedAt, tz)}. The organisers vet every registration; you will get an email
              when they decide. {registration.holdsSeat ? 'Your seat stays yours while they review your changes.' : ''}
            </p>
          )
        ) : null}
        {registration.status === 'WAITLISTED' ? (
          <p>
            All seats are taken. You are <strong>number {registration.waitlistPosition}</strong> on the waiting list. When a seat frees,
            the first person on the list gets it automatically and is emailed at once.
          </p>
        ) : null}
        {registration.status === 'APPROVED' ? (
          <>
            <p>Your seat is confirmed. Show this badge at the entrance; the code works typed or scanned.</p>
            {registration.badgeCode && qrSvg ? (
              <Badge
                name={attendee.name || attendee.email}
                organisation={registration.organisation?.name ?? null}
                event={event}
                badgeCode={registration.badgeCode}
                qrSvg={qrSvg}
              />
            ) : null}
            {registration.checkedInAt ? (
              <p className="muted">
                Checked in at {formatTime(registration.checkedInAt, tz)} on {formatLongDate(registration.checkedInAt, tz)}.
              </p>
            ) : null}
          </>
        ) : null}
        {registration.status === 'REJECTED' ? (
          <p>The organisers reviewed your registration and could not accept it for this event. If you think this is a mistake, contact them.</p>
        ) : null}
        {registration.status === 'CANCELLED' ? (
          <>
            <p>You cancelled on {registration.cancelledAt ? formatLongDate(registration.cancelledAt, tz) : 'an earlier date'}.</p>
            <p>
              <Link to={href('/events/:slug/register', { slug: event.slug })} className="button">
                Register again
              </Link>
            </p>
          </>
        ) : null}
      </section>

      {active ? (
        <section aria-labelledby="manage-heading" className="panel">
          <h2 id="manage-heading">Change or cancel</h2>
          {confirmingCancel ? (
            <div className="notice notice--danger">
              <p>
                <strong>Cancel your registration?</strong>{' '}
                {registration.status === 'APPROVED'
                  ? 'Your seat goes to the next person on the waiting list, and you may not get it back.'
                  : 'You can register again later while registration is open.'}
              </p>
              <div className="button-row">
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="registrationId" value={registration.id} />
                  <button type="submit" className="button button--danger">
                    Yes, cancel my registration
                  </button>
                </Form>
                <Link to="?" className="button">
                  Keep my registration
                </Link>
              </div>
            </div>
          ) : (
            <div className="button-row">
              <Link to={href('/events/:slug/register', { slug: event.slug })} className="button">
                Change your details
              </Link>
              <Link to="?cancel=confirm" className="button button--danger">
                Cancel registration
              </Link>
            </div>
          )}
        </section>
      ) : null}
    </div>
  )
}
