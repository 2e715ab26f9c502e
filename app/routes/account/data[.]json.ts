// Everything Muster holds about the signed-in person, as a JSON file to keep or take elsewhere.
import { getPersonalData, personalDataFilename } from '#app/domain/privacy/privacy.server.ts'
import { requireRecentUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Route } from './+types/data[.]json'

export async function loader({ request }: Route.LoaderArgs) {
  const { user, headers } = await requireRecentUser(request)
  const personal = await getPersonalData(db, user.id)
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.set('Content-Disposition', `attachment; filename="${personalDataFilename(personal.generatedAt)}"`)
  headers.set('Cache-Control', 'private, no-store')
  return new Response(`${JSON.stringify(personal, null, 2)}\n`, { headers })
}
