// Matchmaking's layout: its middleware (access.server.ts) reads the person's standing once;
// each page asks for browsing or for its own profile.
import { Outlet } from 'react-router'
import { matchmakingMiddleware } from './access.server.ts'
import type { Route } from './+types/layout'

export const middleware: Route.MiddlewareFunction[] = [matchmakingMiddleware]

export default function MatchmakingLayout() {
  return <Outlet />
}
