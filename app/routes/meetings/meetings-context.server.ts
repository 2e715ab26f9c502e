// The meetings area's one door: the layout route's middleware signs the person in and loads the
// event's meeting settings once (404 when the event has no B2B meetings); pages read them with
// meetingArea and check only what is theirs to check (whose meeting, whose request).
import { createContext, type MiddlewareFunction, type RouterContextProvider } from 'react-router'
import { getMeetingEvent, type MeetingEventView } from '#app/domain/meetings/views.server.ts'
import { requireUser, type Authenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { withSessionCookie } from '#app/lib/session-cookie-headers.server.ts'
import { invariantResponse } from '#app/lib/domain-error.server.ts'

const meetingAreaContext = createContext<Authenticated & { event: MeetingEventView }>()

export const meetingAreaMiddleware: MiddlewareFunction<Response> = async ({ request, params, context }, next) => {
  const authenticated = await requireUser(request)
  const event = await getMeetingEvent(db, params.slug ?? '')
  invariantResponse(event)
  context.set(meetingAreaContext, { ...authenticated, event })
  return withSessionCookie(await next(), authenticated)
}

/** The signed-in person and the event's meeting settings, as the layout loaded them. */
export function meetingArea(context: Readonly<RouterContextProvider>) {
  return context.get(meetingAreaContext)
}
