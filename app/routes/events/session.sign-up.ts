// Sign up for a session, or leave it: a form post from the session page (or My agenda) that
// returns to where it came from, with a flash notice saying why when it failed.
import { data, redirect, href } from 'react-router'
import { z } from 'zod'
import { findSessionForSignUp, leaveSession, signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { Route } from './+types/session.sign-up'
import { refuseWritesToArchivedEvent } from './read-only-event.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { invariantResponse, refusalOf } from '#app/lib/domain-error.server.ts'
import { SignUpRefusalSchema } from '#app/lib/flash-notice.ts'
import { AdmissionRefused, breakoutSignUpAdmission } from '#app/lib/admission.server.ts'

const SignUpSchema = z.object({
  intent: z.enum(['join', 'leave']),
  redirectTo: z.string().max(500).optional(),
})

// An archived event is read-only: no seat is taken or given back.
export const middleware: Route.MiddlewareFunction[] = [({ request, params }) => refuseWritesToArchivedEvent(request, params.slug)]

export async function loader({ params }: Route.LoaderArgs) {
  return redirect(href('/events/:slug/sessions/:sessionSlug', { slug: params.slug, sessionSlug: params.sessionSlug }))
}

export async function action({ request, params }: Route.ActionArgs) {
  // The whole sign-up waits in line with the other sign-ups (app/lib/admission.server.ts).
  try {
    return await breakoutSignUpAdmission.run(() => signUpOrLeave(request, params))
  } catch (error) {
    if (!(error instanceof AdmissionRefused)) throw error
    const submission = await parseForm(request, SignUpSchema)
    return redirectWithNotice(returnPath(submission.status === 'success' ? submission.value.redirectTo : undefined, params), { key: 'sign-up-refused', reason: 'busy' })
  }
}

async function signUpOrLeave(request: Request, params: Route.ActionArgs['params']) {
  const { user } = await requireUser(request)
  const session = await findSessionForSignUp(db, { eventSlug: params.slug, sessionSlug: params.sessionSlug })
  invariantResponse(session)
  const submission = await parseForm(request, SignUpSchema)
  if (submission.status !== 'success') throw data(null, { status: 400 })
  const back = returnPath(submission.value.redirectTo, params)
  try {
    if (submission.value.intent === 'join') await signUpForSession(db, { sessionId: session.id, userId: user.id })
    else await leaveSession(db, { sessionId: session.id, userId: user.id })
  } catch (error) {
    // Every code signUpForSession and leaveSession refuse with has a notice: a new one fails here, loudly.
    const refusal = refusalOf(error)
    const reason = refusal.reason === 'busy' ? 'busy' : SignUpRefusalSchema.parse(refusal.code)
    return redirectWithNotice(back, { key: 'sign-up-refused', reason })
  }
  return redirect(back)
}

/** Where the form came from (a safe path on this site), or the session's page. */
function returnPath(redirectTo: string | undefined, params: Route.ActionArgs['params']) {
  const back = new URL(safeRedirectPath(redirectTo, href('/events/:slug/sessions/:sessionSlug', { slug: params.slug, sessionSlug: params.sessionSlug })), 'http://muster.invalid')
  return `${back.pathname}${back.search}${back.hash}`
}
