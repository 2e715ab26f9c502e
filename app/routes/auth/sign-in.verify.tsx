import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data, redirect, href } from 'react-router'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { z } from 'zod'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { signInFailureMessages, signInWithCode } from '#app/domain/account/sign-in.server.ts'
import { db } from '#app/lib/db.server.ts'
import { safeRedirectPath } from '#app/lib/redirect.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { clearPendingSignInCookie, finishBrowserSignIn, readDeviceToken, readPendingSignInEmail } from '#app/lib/sign-in-cookie.server.ts'
import type { Route } from './+types/sign-in.verify'
import { parseForm } from '#app/lib/form.server.ts'
import { emailFingerprint, logSecurityEvent } from '#app/lib/log.server.ts'

const CodeSchema = z.object({
  code: z
    .string({ error: 'Enter the six-digit code from the email' })
    .trim()
    .regex(/^\d{6}$/, 'The code has six digits, like 123456'),
})

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Enter your code · Muster' }]
}

export function loader({ request }: Route.LoaderArgs) {
  const email = readPendingSignInEmail(request)
  if (!email) throw redirect(href('/sign-in'))
  return { email }
}

export async function action({ request }: Route.ActionArgs) {
  const email = readPendingSignInEmail(request)
  if (!email) throw redirect(href('/sign-in'))
  const submission = await parseForm(request, CodeSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })

  let outcome: Awaited<ReturnType<typeof signInWithCode>>
  try {
    outcome = await signInWithCode(db, { email, code: submission.value.code, client: { ...clientInfo(request), deviceToken: readDeviceToken(request) } })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  logSecurityEvent(request, outcome.ok ? 'sign-in.succeeded' : 'sign-in.failed', {
    via: 'code',
    email: emailFingerprint(email),
    ...(outcome.ok ? { userId: outcome.userId } : { reason: outcome.reason }),
  })
  if (!outcome.ok) {
    const message =
      outcome.reason === 'wrong-code' && outcome.attemptsLeft
        ? `${signInFailureMessages['wrong-code']} ${outcome.attemptsLeft} attempt${outcome.attemptsLeft === 1 ? '' : 's'} left.`
        : signInFailureMessages[outcome.reason]
    return data({ result: submission.reply({ fieldErrors: { code: [message] } }) }, { status: 400 })
  }
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo') ?? outcome.redirectTo, href('/account'))
  throw await finishBrowserSignIn(request, outcome, redirectTo, [clearPendingSignInCookie()])
}

export default function VerifySignIn({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CodeSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeSchema }),
  })
  return (
    <div className="page page--narrow">
      <div className="panel">
        <h1>Check your email</h1>
        <p className="lede">
          We sent a sign-in link and a six-digit code to <strong>{loaderData.email}</strong>. Open the link on this device, or
          type the code here. Both work for 10 minutes.
        </p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label="Six-digit code"
            errors={fields.code.errors}
            inputProps={{
              ...getInputProps(fields.code, { type: 'text' }),
              inputMode: 'numeric',
              autoComplete: 'one-time-code',
              autoFocus: true,
              className: 'input--code',
            }}
          />
          <button type="submit" className="button button--primary">
            Sign in
          </button>
        </Form>
        <p className="muted">
          No email? Check your spam folder, or <Link to={href('/sign-in')}>send a new code</Link>.
        </p>
      </div>
    </div>
  )
}
