// Readiness for load balancers: 200 while the database answers within two seconds, 503 otherwise.
import { data } from 'react-router'
import { checkDatabase } from '#app/lib/health.server.ts'

export async function loader() {
  const database = await checkDatabase()
  return data(
    { status: database.ok ? 'ok' : 'unavailable', database },
    { status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
