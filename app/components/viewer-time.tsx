// Shows a time in the viewer's own zone next to the event's, once the browser tells us
// its zone, and only when the two differ. Server HTML carries the event's zone alone,
// so the page stays correct without JavaScript.
import { useBrowserValue } from '#app/lib/browser-value.ts'
import { formatShortDate, formatTimeRange, calendarDayParts, zoneAbbreviation, zonesDiffer } from '#app/lib/time.ts'

export function useViewerTimeZone() {
  return useBrowserValue<string | null>(() => Intl.DateTimeFormat().resolvedOptions().timeZone, null)
}

export function ViewerTimeRange({ start, end, eventTimeZone }: { start: Date; end: Date; eventTimeZone: string }) {
  const viewerZone = useViewerTimeZone()
  if (!viewerZone || !zonesDiffer(start, eventTimeZone, viewerZone)) return null
  const otherDay = calendarDayParts(start, viewerZone).key !== calendarDayParts(start, eventTimeZone).key
  return (
    <span className="viewer-time">
      Your time: {otherDay ? `${formatShortDate(start, viewerZone)}, ` : ''}
      {formatTimeRange(start, end, viewerZone)} {zoneAbbreviation(start, viewerZone)}
    </span>
  )
}
