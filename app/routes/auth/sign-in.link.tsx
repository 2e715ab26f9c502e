// The emailed link opens a confirmation page and only its button signs in: mail scanners that
// follow links on their own (Outlook Safe Links) must not use up the single-use token.
import { Form, Link, data, href } from 'react-router'
import { z } from 'zod'
import { inspectSignInLink, signInFailureMessages, signInWithLink } from '#app/domain/account/sign-in.server.ts'
import { db } from '#app/lib/db.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { clearPendingSignInCookie, finishBrowserSignIn, readDeviceToken } from '#app/lib/sign-in-cookie.server.ts'
import type { Route } from './+types/sign-in.link'
import { readForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

const TokenSchema = z.object({ token: z.string().regex(/^[a-z2-7]{32}$/) })

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Sign in · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const parsed = TokenSchema.safeParse({ token: new URL(request.url).searchParams.get('token') })
  if (!parsed.success) return data({ ok: false as const, message: signInFailureMessages.invalid, token: null }, { status: 400 })
  const link = await inspectSignInLink(db, parsed.data.token)
  if (!link.ok) return data({ ok: false as const, message: signInFailureMessages[link.reason], token: null }, { status: 410 })
  return { ok: true as const, email: link.email, token: parsed.data.token }
}

export async function action({ request }: Route.ActionArgs) {
  const parsed = TokenSchema.safeParse(Object.fromEntries(await readForm(request, TokenSchema)))
  if (!parsed.success) return data({ message: signInFailureMessages.invalid }, { status: 400 })
  let outcome: Awaited<ReturnType<typeof signInWithLink>>
  try {
    outcome = await signInWithLink(db, { token: parsed.data.token, client: { ...clientInfo(request), deviceToken: readDeviceToken(request) } })
  } catch (error) {
    // The link is still good: the page keeps its button, to press again in a moment.
    const refusal = refusalOf(error)
    return data({ busy: refusal.message }, refusalStatus(refusal))
  }
  logSecurityEvent(request, outcome.ok ? 'sign-in.succeeded' : 'sign-in.failed', { via: 'link', ...(outcome.ok ? { userId: outcome.userId } : { reason: outcome.reason }) })
  if (!outcome.ok) return data({ message: signInFailureMessages[outcome.reason] }, { status: 410 })
  throw await finishBrowserSignIn(request, outcome, outcome.redirectTo, [clearPendingSignInCookie()])
}

export default function SignInLink({ loaderData, actionData }: Route.ComponentProps) {
  const failure = (actionData && 'message' in actionData ? actionData.message : null) ?? (loaderData.ok ? null : loaderData.message)
  const busy = actionData && 'busy' in actionData ? actionData.busy : null
  return (
    <div className="page page--narrow">
      <div className="panel">
        {failure ? (
          <>
            <h1>This link cannot be used</h1>
            <p role="alert">{failure}</p>
            <p>
              <Link to={href('/sign-in')} className="button button--primary">
                Request a new sign-in email
              </Link>
            </p>
          </>
        ) : loaderData.ok ? (
          <>
            <h1>Sign in to Muster</h1>
            <p className="lede">
              Continue as <strong>{loaderData.email}</strong>?
            </p>
            {busy ? (
              <p className="notice notice--warning" role="alert">
                {busy}
              </p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="token" value={loaderData.token} />
              <button type="submit" className="button button--primary">
                Sign in
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  )
}
