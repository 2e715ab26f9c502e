// "Sending emails: 2,140 of 14,400 sent", with a progress bar, while the outbox works through an
// event's emails. It looks again every few seconds (a Refresh link does the same without JavaScript).
import { useEffect } from 'react'
import { Link, useLocation, useRevalidator } from 'react-router'
import type { EmailDelivery } from '#app/domain/messages/delivery.ts'

const REFRESH_MS = 3_000
const number = (value: number) => value.toLocaleString('en-GB')

export function EmailDeliveryProgress({ delivery }: { delivery: EmailDelivery | null }) {
  const revalidator = useRevalidator()
  const location = useLocation()
  const sending = delivery !== null
  useEffect(() => {
    if (!sending) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [sending, revalidator])
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
