// The flash notice on the page a redirect landed on (app/lib/flash-notice.ts). The root's data
// is not reloaded on every later navigation, so the notice belongs to the location it arrived
// with and disappears once the person moves on.
import { useState } from 'react'
import { Link, useLocation } from 'react-router'
import { describeNotice, type FlashNotice } from '#app/lib/flash-notice.ts'

export function FlashNoticeBanner({ notice }: { notice: FlashNotice | null }) {
  const location = useLocation()
  const [arrival, setArrival] = useState({ notice, key: location.key })
  if (arrival.notice !== notice) setArrival({ notice, key: location.key })
  if (!notice || arrival.key !== location.key) return null
  const { tone, text, link } = describeNotice(notice)
  return (
    <div className="flash-notice">
      <p className={`notice notice--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
        {text}
        {link ? (
          <>
            {' '}
            <Link to={link.to}>{link.label}</Link>
          </>
        ) : null}
      </p>
    </div>
  )
}
