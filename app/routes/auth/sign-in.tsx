import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useNavigation, href } from 'react-router'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { z } from 'zod'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { PasskeySignIn } from '#app/components/passkeys.tsx'
import { requestSignIn } from '#app/domain/account/sign-in.server.ts'
import { getAuthenticated } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { pendingSignInCookie } from '#app/lib/sign-in-cookie.server.ts'
import type { Route } from './+types/sign-in'
import { parseForm } from '#app/lib/form.server.ts'
import { emailFingerprint, logSecurityEvent } from '#app/lib/log.server.ts'

const SignInSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .max(254, 'That email address is too long')
    .pipe(z.email({ error: 'Enter an email address like name@example.org' })),
  redirectTo: z.string().optional(),
})

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Sign in · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const searchParams = new URL(request.url).searchParams
  const redirectTo = safeRedirectPath(searchParams.get('redirectTo'), href('/account'))
  const authenticated = await getAuthenticated(request)
  // A signed-in person is sent on, unless a sensitive action asked them to confirm it is them.
  if (authenticated && searchParams.get('confirm') !== '1') throw redirect(redirectTo)
  return { redirectTo, confirmEmail: authenticated?.user.email ?? null }
}

export async function action({ request }: Route.ActionArgs) {
  const submission = await parseForm(request, SignInSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { email, redirectTo } = submission.value
  let outcome: Awaited<ReturnType<typeof requestSignIn>>
  try {
    outcome = await requestSignIn(db, { email, redirectTo, client: clientInfo(request) })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  logSecurityEvent(request, outcome.ok ? 'sign-in.requested' : 'sign-in.rate-limited', { email: emailFingerprint(email) })
  if (!outcome.ok) {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000))
    return data(
      { result: submission.reply({ formErrors: [`Too many sign-in requests. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`] }) },
      { status: 429, headers: { 'Retry-After': String(Math.ceil(outcome.retryAfterMs / 1000)) } },
    )
  }
  const next = safeRedirectPath(redirectTo, href('/account'))
  throw redirect(`${href('/sign-in/verify')}?${new URLSearchParams({ redirectTo: next })}`, {
    headers: { 'Set-Cookie': pendingSignInCookie(email.toLowerCase()) },
  })
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  })
  return (
    <div className="page page--narrow">
      <div className="panel">
        {loaderData.confirmEmail ? (
          <>
            <h1>Confirm it is you</h1>
            <p className="lede">
              This step needs a recent sign-in: deciding on many registrations at once, downloading an export or your data, erasing
              your account. We will email a new code to your address.
            </p>
          </>
        ) : (
          <>
            <h1>Sign in</h1>
            <p className="lede">
              Enter your email address. We will send you a sign-in link and a six-digit code. No password needed; first time here? This
              creates your account.
            </p>
          </>
        )}
        {/* Above the email form: its errors appearing on blur must not move this button from under the pointer. */}
        <PasskeySignIn redirectTo={loaderData.redirectTo} />
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label="Email address"
            errors={fields.email.errors}
            inputProps={{
              ...getInputProps(fields.email, { type: 'email' }),
              ...(loaderData.confirmEmail ? { defaultValue: loaderData.confirmEmail, readOnly: true } : { autoFocus: true }),
              autoComplete: 'email',
            }}
          />
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            Email me a sign-in code
          </button>
        </Form>
      </div>
    </div>
  )
}
