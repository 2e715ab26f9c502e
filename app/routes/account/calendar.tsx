// The person's calendar subscription: make a secret feed link (shown once, since only its
// hash is kept), replace it, or turn the feed off (docs/decisions/006-calendar-feeds.md).
import { refusalOf, throwRefusal } from '#app/lib/domain-error.server.ts'
import { data, Form, Link, href } from 'react-router'
import { z } from 'zod'
import { CopyButton } from '#app/components/copy-button.tsx'
import { CANCELLED_ITEM_RETENTION_DAYS, createFeedLink, listFeedLinks, revokeFeedLinks } from '#app/domain/calendar/feeds.server.ts'
import { accountTimeZone } from '#app/domain/account/account.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import type { SubscribeLinks } from '#app/lib/calendar-paths.ts'
import { db } from '#app/lib/db.server.ts'
import { formatLongDate, formatTime, zoneAbbreviation } from '#app/lib/time.ts'
import type { Route } from './+types/calendar'
import { readForm } from '#app/lib/form.server.ts'

const IntentSchema = z.object({ intent: z.enum(['create-link', 'revoke-links']) })

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Calendar subscription · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request)
  const [feedLinks, timeZone] = await Promise.all([listFeedLinks(db, user.id), accountTimeZone(db, user.id)])
  return data({ feedLinks, timeZone, retentionDays: CANCELLED_ITEM_RETENTION_DAYS }, { headers })
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request, IntentSchema)))
  if (!parsed.success) throw data('Unknown action', { status: 400 })
  try {
    if (parsed.data.intent === 'revoke-links') {
      await revokeFeedLinks(db, user.id)
      return { created: null, revoked: true }
    }
    return { created: await createFeedLink(db, user.id), revoked: false }
  } catch (error) {
    throwRefusal(refusalOf(error))
  }
}

export default function AccountCalendar({ loaderData, actionData }: Route.ComponentProps) {
  const [current] = loaderData.feedLinks
  const created = actionData?.created ?? null
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">
          <Link to={href('/account')}>Your account</Link>
        </p>
        <h1>Calendar subscription</h1>
        <p className="lede">
          Subscribe once and your calendar app keeps your agenda up to date: each event you are approved for, its plenary
          sessions, the breakouts you signed up for and your B2B meetings.
        </p>
        <p className="muted">
          Calendar apps check for changes every few hours (Google Calendar up to once a day), so urgent changes also reach you by
          email. Cancelled items stay in the feed, marked cancelled, for {loaderData.retentionDays} days.
        </p>
      </header>

      {created ? <NewFeedLink links={created} /> : null}
      {actionData?.revoked ? (
        <p className="notice notice--success" role="status">
          Your feed is turned off. Calendar apps subscribed to it stop receiving updates.
        </p>
      ) : null}

      <section aria-labelledby="feed-link-heading" className="panel">
        <h2 id="feed-link-heading">Your feed link</h2>
        {current ? (
          <>
            <p>
              Created {formatInstant(current.createdAt, loaderData.timeZone)}.{' '}
              {current.lastUsedAt ? `Last fetched by a calendar app ${formatInstant(current.lastUsedAt, loaderData.timeZone)}.` : 'No calendar app has fetched it yet.'}
            </p>
            {created ? null : (
              <p className="muted">
                Muster keeps only a fingerprint of the link, so it cannot show the link again. If you have lost it, create a new one:
                the old link stops working, and calendars subscribed with it need the new one.
              </p>
            )}
          </>
        ) : (
          <p>You have no working feed link.</p>
        )}
        <div className="button-row">
          <Form method="post">
            <input type="hidden" name="intent" value="create-link" />
            <button type="submit" className="button button--primary">
              {current ? 'Create a new link' : 'Create my feed link'}
            </button>
          </Form>
          {current ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-links" />
              <button type="submit" className="button button--danger">
                Turn off the feed
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </div>
  )
}

function NewFeedLink({ links }: { links: SubscribeLinks }) {
  return (
    <section aria-labelledby="new-link-heading" className="panel">
      <h2 id="new-link-heading">Your new feed link</h2>
      <p className="notice notice--success" role="status">
        Your feed link is ready. It is shown only now: subscribe with it or copy it before you leave this page.
      </p>
      <div className="field">
        <label htmlFor="feed-address">Feed address</label>
        <p className="field-hint" id="feed-address-hint">
          Anyone who has this address can see your agenda: keep it to yourself and your calendar app.
        </p>
        <input id="feed-address" type="url" readOnly value={links.https} aria-describedby="feed-address-hint" className="feed-address" />
      </div>
      <CopyButton text={links.https} label="Copy the address" />
      <ul className="plain-list subscribe-list">
        <li>
          <a href={links.webcal} className="button button--primary">
            Subscribe in your calendar app
          </a>{' '}
          <span className="muted">Apple Calendar, Outlook for Windows or Mac, Thunderbird</span>
        </li>
        <li>
          <a href={links.google} rel="noreferrer">
            Add to Google Calendar
          </a>
        </li>
        <li>
          <a href={links.outlook} rel="noreferrer">
            Add to Outlook.com or Microsoft 365
          </a>
        </li>
      </ul>
    </section>
  )
}

/** "Saturday 28 November 2026, 15:05 CET" */
function formatInstant(instant: Date, timeZone: string) {
  return `${formatLongDate(instant, timeZone)}, ${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`
}
