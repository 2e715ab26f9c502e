// The meetings area's layout: its middleware (meetings-context.server.ts) loads the person and
// the event's meeting settings once for every page below it.
import { Outlet } from 'react-router'
import { meetingAreaMiddleware } from './meetings-context.server.ts'
import type { Route } from './+types/layout'

export const middleware: Route.MiddlewareFunction[] = [meetingAreaMiddleware]

export default function MeetingsLayout() {
  return <Outlet />
}
