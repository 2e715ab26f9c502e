// Liveness for load balancers and supervisors: the process answers. It never waits for the
// database (a rush may hold every pooled connection); /readyz is the check that does.
import { data } from 'react-router'
import { checkProcess } from '#app/lib/health.server.ts'

export function loader() {
  return data(checkProcess(), { headers: { 'Cache-Control': 'no-store' } })
}
