// The account page's passkeys: the options for the browser's ceremony, adding the passkey it
// made, and removing one. Adding needs a recent sign-in; all three read their form through
// parseForm, the ceremony's JSON travelling as one bounded field the domain parses again.
import { refusalJson, refusalOf, throwRefusal } from '#app/lib/domain-error.server.ts'
import { data, redirect, href } from 'react-router'
import { z } from 'zod'
import {
  finishPasskeyRegistration,
  MAX_CEREMONY_RESPONSE_LENGTH,
  passkeyRegistrationMessages,
  removePasskey,
  startPasskeyRegistration,
} from '#app/domain/account/passkeys.server.ts'
import { requireRecentUser, requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { clearWebAuthnChallengeCookie, readWebAuthnChallengeToken, webAuthnChallengeCookie } from '#app/lib/sign-in-cookie.server.ts'
import type { Route } from './+types/passkeys'
import { recordIdSchema } from '#app/lib/record-id.ts'

const OptionsSchema = z.object({ intent: z.literal('options') })
const AddSchema = z.object({
  intent: z.literal('add'),
  name: z.string().trim().min(1, 'Give the passkey a name').max(60, 'Keep it under 60 characters'),
  response: z.string().min(1).max(MAX_CEREMONY_RESPONSE_LENGTH),
})
const RemoveSchema = z.object({ intent: z.literal('remove'), passkeyId: recordIdSchema })
const PasskeyFormSchema = z.union([OptionsSchema, AddSchema, RemoveSchema])

// Not a page: the way back from "Confirm it is you" lands here, and goes on to the account page.
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request)
  throw redirect(href('/account'))
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const submission = await parseForm(request, PasskeyFormSchema)
  if (submission.status !== 'success') throw data('The form was not complete.', { status: 400 })
  const form = submission.value

  if (form.intent === 'remove') {
    await removePasskey(db, user.id, form.passkeyId).catch((error: unknown) => throwRefusal(refusalOf(error)))
    throw redirect(href('/account'))
  }

  // Adding a way to sign in is sensitive: it needs a sign-in within 15 minutes.
  await requireRecentUser(request)
  if (form.intent === 'options') {
    let started: Awaited<ReturnType<typeof startPasskeyRegistration>>
    try {
      started = await startPasskeyRegistration(db, { userId: user.id })
    } catch (error) {
      return refusalJson(refusalOf(error))
    }
    if (!started.ok) return Response.json({ error: passkeyRegistrationMessages[started.reason] }, { status: 403 })
    return Response.json({ options: started.options }, { headers: { 'Set-Cookie': webAuthnChallengeCookie(started.challengeToken) } })
  }
  let outcome: Awaited<ReturnType<typeof finishPasskeyRegistration>>
  try {
    outcome = await finishPasskeyRegistration(db, {
      userId: user.id,
      challengeToken: readWebAuthnChallengeToken(request),
      name: form.name,
      response: form.response,
    })
  } catch (error) {
    return refusalJson(refusalOf(error))
  }
  const headers = { 'Set-Cookie': clearWebAuthnChallengeCookie() }
  if (!outcome.ok) return Response.json({ error: passkeyRegistrationMessages[outcome.reason] }, { status: outcome.reason === 'not-offered' ? 403 : 400, headers })
  return Response.json({ added: outcome.passkey.name }, { headers })
}
