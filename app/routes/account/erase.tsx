// Erasing one's own account, after typing one's email address to confirm.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { eraseAccount, eventsOnlyOwnedBy } from '#app/domain/privacy/privacy.server.ts'
import { requireRecentUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { expiredSessionCookie } from '#app/lib/session.server.ts'
import type { Route } from './+types/erase'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const EraseSchema = z.object({
  email: z.string({ error: 'Type your email address to confirm' }).trim().min(1, 'Type your email address to confirm').max(320, 'That is not your email address'),
})

const WRONG_EMAIL_MESSAGE = 'That is not the email address of this account. Type it exactly as shown above.'

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Erase your account · Muster' }]
}

// Erasing cannot be undone: a session left open on a shared computer is not enough.
export async function loader({ request }: Route.LoaderArgs) {
  const { user, headers } = await requireRecentUser(request)
  return data({ email: user.email, soleOwnerOf: await eventsOnlyOwnedBy(db, user.id) }, { headers })
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireRecentUser(request)
  const submission = await parseForm(request, EraseSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (submission.value.email.toLowerCase() !== user.email.toLowerCase()) {
    return data({ result: submission.reply({ fieldErrors: { email: [WRONG_EMAIL_MESSAGE] } }) }, { status: 400 })
  }
  try {
    await eraseAccount(db, { userId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  throw redirect('/?erased=1', { headers: { 'Set-Cookie': expiredSessionCookie() } })
}

export default function EraseAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { email, soleOwnerOf } = loaderData
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(EraseSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
  })
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/account')}>Your account</Link>
        </p>
        <h1>Erase your account</h1>
        <p className="lede">This cannot be undone.</p>
      </header>

      <section className="panel" aria-labelledby="what-heading">
        <h2 id="what-heading">What happens</h2>
        <ul>
          <li>Your registrations for events still to come are cancelled. A seat you held goes to the next person on the waiting list.</li>
          <li>You leave the sessions you signed up for, your meeting requests are withdrawn or declined, and your meetings still to come are cancelled. The other people are told, and their calendars are updated.</li>
          <li>Your matchmaking profiles and posts are removed from the directory.</li>
          <li>
            Your name, email address, job title, nationality, time zone, organisation and registration answers are deleted. Organisers keep a
            record that an erased account registered and what happened to it, without your details.
          </li>
          <li>You are signed out everywhere, and your calendar feed links stop working. No more email is sent to you.</li>
        </ul>
        <p>
          Want a copy first? <Link to={href('/account/data')}>See and download your data</Link>.
        </p>
      </section>

      <section className="panel danger-zone" aria-labelledby="confirm-heading">
        <h2 id="confirm-heading">Confirm</h2>
        {soleOwnerOf.length > 0 ? (
          <p className="notice notice--warning" role="alert">
            You are the only owner of {soleOwnerOf.join(', ')}. Make another person an owner first; until then your account cannot be erased.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label="Your email address"
            hint={`Type ${email} to confirm that you want to erase this account.`}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off', spellCheck: false }}
          />
          <div className="button-row">
            <button type="submit" className="button button--danger" disabled={busy}>
              Erase my account
            </button>
            <Link to={href('/account')} className="button">
              Keep my account
            </Link>
          </div>
        </Form>
      </section>
    </div>
  )
}
