// Signing in with a passkey: the options for the browser's ceremony, then its answer. A
// verified passkey ends exactly like the emailed code: a new session replacing the browser's
// previous one, the device cookie, and a whole-document redirect.
import { data, redirect, href } from 'react-router'
import { z } from 'zod'
import { finishPasskeySignIn, MAX_CEREMONY_RESPONSE_LENGTH, passkeySignInMessages, startPasskeySignIn } from '#app/domain/account/passkeys.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalJson, refusalOf } from '#app/lib/domain-error.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import {
  clearWebAuthnChallengeCookie,
  finishBrowserSignIn,
  readDeviceToken,
  readWebAuthnChallengeToken,
  webAuthnChallengeCookie,
} from '#app/lib/sign-in-cookie.server.ts'
import type { Route } from './+types/sign-in.passkey'

const OptionsSchema = z.object({ intent: z.literal('options') })
const VerifySchema = z.object({
  intent: z.literal('verify'),
  response: z.string().min(1).max(MAX_CEREMONY_RESPONSE_LENGTH),
  redirectTo: z.string().max(500).optional(),
})
const PasskeySignInSchema = z.union([OptionsSchema, VerifySchema])

export function loader() {
  throw redirect(href('/sign-in'))
}

export async function action({ request }: Route.ActionArgs) {
  const submission = await parseForm(request, PasskeySignInSchema)
  if (submission.status !== 'success') throw data('The form was not complete.', { status: 400 })
  const form = submission.value

  if (form.intent === 'options') {
    let started: Awaited<ReturnType<typeof startPasskeySignIn>>
    try {
      started = await startPasskeySignIn(db, { client: clientInfo(request) })
    } catch (error) {
      return refusalJson(refusalOf(error))
    }
    if (!started.ok) {
      logSecurityEvent(request, 'sign-in.rate-limited', { via: 'passkey' })
      return Response.json(
        { error: 'Too many sign-in attempts from your network. Try again in a few minutes.' },
        { status: 429, headers: { 'Retry-After': String(Math.ceil(started.retryAfterMs / 1000)) } },
      )
    }
    return Response.json({ options: started.options }, { headers: { 'Set-Cookie': webAuthnChallengeCookie(started.challengeToken) } })
  }

  let outcome: Awaited<ReturnType<typeof finishPasskeySignIn>>
  try {
    outcome = await finishPasskeySignIn(db, {
      challengeToken: readWebAuthnChallengeToken(request),
      response: form.response,
      client: { ...clientInfo(request), deviceToken: readDeviceToken(request) },
    })
  } catch (error) {
    return refusalJson(refusalOf(error))
  }
  logSecurityEvent(request, outcome.ok ? 'sign-in.succeeded' : 'sign-in.failed', {
    via: 'passkey',
    ...(outcome.ok ? { userId: outcome.userId } : { reason: outcome.reason, ...(outcome.userId ? { userId: outcome.userId } : {}) }),
  })
  if (!outcome.ok) {
    return Response.json({ error: passkeySignInMessages[outcome.reason] }, { status: 400, headers: { 'Set-Cookie': clearWebAuthnChallengeCookie() } })
  }
  throw await finishBrowserSignIn(request, outcome, safeRedirectPath(form.redirectTo, href('/account')), [clearWebAuthnChallengeCookie()])
}

