// "Sending emails: 2,140 of 14,400 sent", with a progress bar, while the outbox works through an
// event's emails. It asks the console's email-delivery route again every few seconds through a
// fetcher, so the page's own data and the answer to the organiser's last action stay as they
// are (a Refresh link reloads the page without JavaScript).
import { useEffect, useState } from 'react'
import { href, Link, useFetcher, useLocation } from 'react-router'
import type { EmailDelivery } from '#app/domain/messages/delivery.ts'

const REFRESH_MS = 3_000
const number = (value: number) => value.toLocaleString('en-GB')

export function EmailDeliveryProgress({ eventSlug, delivery: loaded }: { eventSlug: string; delivery: EmailDelivery | null }) {
  const location = useLocation()
  const progress = useFetcher<{ delivery: EmailDelivery | null }>()
  // The newer of what the page loaded last (again after each action) and the fetcher's last answer.
  const [shown, setShown] = useState({ loaded, answer: progress.data, delivery: loaded })
  if (shown.loaded !== loaded) setShown({ loaded, answer: progress.data, delivery: loaded })
  else if (progress.data && shown.answer !== progress.data) setShown({ loaded, answer: progress.data, delivery: progress.data.delivery })
  const { delivery } = shown
  const sending = delivery !== null
  const { load, state } = progress
  // One question at a time: the next is asked a few seconds after the last answer.
  useEffect(() => {
    if (!sending || state !== 'idle') return
    const timer = setTimeout(() => void load(href('/events/:slug/manage/email-delivery', { slug: eventSlug })), REFRESH_MS)
    return () => clearTimeout(timer)
  }, [sending, state, shown, eventSlug, load])
  if (!delivery) return null
  return (
    <section aria-labelledby="email-delivery-heading" className="panel email-delivery">
      <h2 id="email-delivery-heading">Sending emails</h2>
      <p role="status">
        {number(delivery.delivered)} of {number(delivery.total)} sent
        {delivery.failed > 0 ? `, ${number(delivery.failed)} could not be delivered` : ''}.
      </p>
      <progress max={delivery.total} value={delivery.delivered} aria-labelledby="email-delivery-heading">
        {number(delivery.delivered)} of {number(delivery.total)}
      </progress>
      <p className="muted">
        Invites and updates go out in the background; you can leave this page. <Link to={`${location.pathname}${location.search}`}>Refresh</Link>
      </p>
    </section>
  )
}
