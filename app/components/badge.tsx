// The attendee's badge: event, name, organisation, and the QR code with the same code printed
// large beneath it, for the desk to type when a camera is not at hand. Black on white so it
// prints and scans well; the QR SVG comes from badgeQrSvg (app/lib/qr.server.ts).
import { formatBadgeCode } from '#app/domain/registration/badge-code.ts'
import { useHydrated } from '#app/lib/browser-value.ts'
import { formatDateSpan } from '#app/lib/time.ts'

export type BadgeProps = {
  name: string
  organisation: string | null
  event: { title: string; startsAt: Date; endsAt: Date; timeZone: string; venueName: string }
  badgeCode: string
  /** Trusted markup from badgeQrSvg, never user input. */
  qrSvg: string
}

export function Badge({ name, organisation, event, badgeCode, qrSvg }: BadgeProps) {
  return (
    <div className="attendee-badge-wrap">
      <article className="attendee-badge" aria-label="Your badge">
        <header className="attendee-badge__event">
          <p className="attendee-badge__title">{event.title}</p>
          <p className="attendee-badge__when">
            {formatDateSpan(event.startsAt, event.endsAt, event.timeZone)} · {event.venueName}
          </p>
        </header>
        <p className="attendee-badge__name">{name}</p>
        {organisation ? <p className="attendee-badge__organisation">{organisation}</p> : null}
        <div className="attendee-badge__qr" role="img" aria-label={`QR code of badge ${formatBadgeCode(badgeCode)}`} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        {/* Two groups of five, spaced by CSS, so the text itself stays the code as stored. */}
        <p className="attendee-badge__code">
          <span className="visually-hidden">Badge code </span>
          <span className="attendee-badge__code-group">{badgeCode.slice(0, 5)}</span>
          <span className="attendee-badge__code-group">{badgeCode.slice(5)}</span>
        </p>
      </article>
      <PrintButton />
    </div>
  )
}

/** Printing needs JavaScript, so the button appears only once the page can run it. */
function PrintButton() {
  const canPrint = useHydrated()
  if (!canPrint) return null
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      Print badge
    </button>
  )
}
