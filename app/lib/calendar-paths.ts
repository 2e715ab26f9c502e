// Where Muster serves calendars (app/routes.ts maps these paths to their route modules).
// Pure and shared by server and browser code, so a page links to exactly what is served.

/** The whole agenda of a published event. */
export function eventFeedPath(eventSlug: string) {
  return `/events/${eventSlug}/calendar.ics`
}

/** One track of a published event's agenda. */
export function trackFeedPath(eventSlug: string, trackSlug: string) {
  return `/events/${eventSlug}/tracks/${trackSlug}/calendar.ics`
}

/** One session, as a file to open or save. */
export function sessionDownloadPath(eventSlug: string, sessionSlug: string) {
  return `/events/${eventSlug}/sessions/${sessionSlug}/calendar.ics`
}

/** One B2B meeting, for its participants only. */
export function meetingDownloadPath(eventSlug: string, meetingId: string) {
  return `/events/${eventSlug}/meetings/${meetingId}/calendar.ics`
}

/** A person's own feed; the token is the only thing that identifies them. */
export function personalFeedPath(token: string) {
  return `/calendar/feeds/${token}.ics`
}

/** The ways a calendar client can subscribe to the feed at `https` (webcal:// for desktop and phone apps). */
export type SubscribeLinks = { https: string; webcal: string; google: string; outlook: string }
