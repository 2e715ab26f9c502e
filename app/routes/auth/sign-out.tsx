import { redirect } from 'react-router'
import { refusalOf, throwRefusal } from '#app/lib/domain-error.server.ts'
import { z } from 'zod'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { expiredSessionCookie, invalidateSession, invalidateUserSessions } from '#app/lib/session.server.ts'
import type { Route } from './+types/sign-out'
import { readForm } from '#app/lib/form.server.ts'

const SignOutSchema = z.object({ scope: z.enum(['this-device', 'everywhere']).catch('this-device') })

// Signing out changes state, so it is a POST (a link or prefetch must never sign anyone out).
export function loader() {
  throw redirect('/')
}

export async function action({ request }: Route.ActionArgs) {
  const { user, sessionId } = await requireUser(request)
  const { scope } = SignOutSchema.parse(Object.fromEntries(await readForm(request, SignOutSchema)))
  // Signing out removes the session where it is kept; a browser that only forgot its cookie would still leave it usable.
  try {
    if (scope === 'everywhere') await invalidateUserSessions(db, user.id)
    else await invalidateSession(db, sessionId)
  } catch (error) {
    throwRefusal(refusalOf(error))
  }
  throw redirect('/', { headers: { 'Set-Cookie': expiredSessionCookie() } })
}
