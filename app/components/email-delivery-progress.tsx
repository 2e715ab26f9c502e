// "Sending emails: 2,140 of 14,400 sent", with a progress bar, while the outbox works through an
// event's emails. It asks the console's email-delivery route again every few seconds through a
// fetcher, so the page's own data and the answer to the organiser's last action stay as they
// are (a Refresh link reloads the page without JavaScript).
import { useEffect, useRef, useState } from 'react'
import { href, Link, useFetcher, useLocation } from 'react-router'
import type { EmailDelivery } from '#app/domain/messages/delivery.ts'

const REFRESH_MS = 3_000
const number = (value: number) => value.toLocaleString('en-GB')

export function EmailDeliveryProgress({ eventSlug, delivery: loaded }: { eventSlug: string; delivery: EmailDelivery | null }) {
  const location = useLocation()
  const progress = useFetcher<{ delivery: EmailDelivery | null }>()
  const [delivery, setDelivery] = useState(loaded)
  // What the page loaded last (after each action) wins; then each answer of the fetcher.
  useEffect(() => setDelivery(loaded), [loaded])
  useEffect(() => {
    if (progress.data) setDelivery(progress.data.delivery)
  }, [progress.data])
  const asking = useRef(false)
  asking.current = progress.state !== 'idle'
  const { load } = progress
  const sending = delivery !== null
  useEffect(() => {
    if (!sending) return
    const progressPath = href('/events/:slug/manage/email-delivery', { slug: eventSlug })
    const timer = setInterval(() => {
      if (!asking.current) void load(progressPath)
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [sending, eventSlug, load])
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
