// Platform administration: who holds a platform role (administrators and event creators),
// granting one by email, revoking one, and the latest changes. Administrators only.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { grantPlatformRole, listPlatformRoleChanges, listPlatformRoleHolders, revokePlatformRole } from '#app/domain/platform/platform-roles.server.ts'
import { platformRoleInSentence, platformRoleLabels, platformRoles } from '#app/domain/platform/platform-roles.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { formatDateTime } from '#app/lib/time.ts'
import type { Route } from './+types/admin'

const GrantSchema = z.object({
  intent: z.literal('grant'),
  email: z.email({ error: 'Enter an email address like ada@agency.example' }).trim().toLowerCase().max(254),
  role: z.enum(platformRoles, { error: 'Choose a role' }),
})
const RevokeSchema = z.object({ intent: z.literal('revoke'), userId: z.string().min(1).max(64), role: z.enum(platformRoles) })
const ActionSchema = z.discriminatedUnion('intent', [GrantSchema, RevokeSchema])
const SearchSchema = z.object({ q: z.string().trim().max(254).catch('') })

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Administration · Muster' }]
}

async function requirePlatformAdmin(request: Request) {
  const authenticated = await requireUser(request)
  if (!authenticated.user.isPlatformAdmin) {
    logSecurityEvent(request, 'access.refused', { userId: authenticated.user.id, needs: 'platform administrator' })
    throw data(null, { status: 403 })
  }
  return authenticated
}

export async function loader({ request }: Route.LoaderArgs) {
  await requirePlatformAdmin(request)
  const { q } = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [holders, changes] = await Promise.all([listPlatformRoleHolders(db, q), listPlatformRoleChanges(db)])
  return { search: q, holders, changes }
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requirePlatformAdmin(request)
  const submission = await parseForm(request, ActionSchema)
  if (submission.status !== 'success') return data({ result: submission.reply(), done: null }, { status: 400 })
  const actor = { actorId: user.id, ipAddress: clientInfo(request).ipAddress }
  try {
    const { value } = submission
    if (value.intent === 'grant') {
      const granted = await grantPlatformRole(db, { ...actor, email: value.email, role: value.role })
      return { result: submission.reply({ resetForm: true }), done: `${granted.email} is now ${platformRoleInSentence[value.role]}.` }
    }
    const revoked = await revokePlatformRole(db, { ...actor, userId: value.userId, role: value.role })
    return { result: submission.reply(), done: `${revoked.email} is no longer ${platformRoleInSentence[value.role]}.` }
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), done: null }, refusalStatus(refusal))
  }
}

const changeLabels: Record<string, string> = { 'platform.role_granted': 'Granted', 'platform.role_revoked': 'Revoked' }

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
  const { search, holders, changes } = loaderData
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'grant',
    lastResult: actionData?.result,
    defaultValue: { role: 'EVENT_CREATOR' },
    constraint: getZodConstraint(GrantSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantSchema }),
  })
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">Platform</p>
        <h1>Administration</h1>
        <p className="lede">Event creators may set up new events and become their owners. Administrators grant these roles.</p>
      </header>
      {actionData?.done ? (
        <p className="notice notice--success" role="status">
          {actionData.done}
        </p>
      ) : null}

      <section aria-labelledby="grant-heading" className="panel">
        <h2 id="grant-heading">Grant a role</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="grant" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <div className="field-row">
            <Field
              label="Email address"
              hint="Someone who has never signed in gets an account; they sign in with this address."
              errors={fields.email.errors}
              inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
            />
            <SelectField label="Role" errors={fields.role.errors} selectProps={getSelectProps(fields.role)}>
              {platformRoles.map((role) => (
                <option key={role} value={role}>
                  {platformRoleLabels[role]}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            Grant the role
          </button>
        </Form>
      </section>

      <section aria-labelledby="holders-heading" className="panel">
        <h2 id="holders-heading">People with a platform role</h2>
        <Form method="get" className="mailbox-filter" role="search" aria-label="People with a platform role">
          <Field label="Search by email or name" inputProps={{ id: 'admin-search', name: 'q', type: 'search', defaultValue: search }} />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
        {holders.length === 0 ? (
          <p className="empty">{search ? `Nobody with a platform role matches “${search}”.` : 'Nobody holds a platform role.'}</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="People with a platform role, table" tabIndex={0}>
          <table className="table table--stack">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {holders.map((person) => (
                <tr key={person.id}>
                  <td data-label="Person">
                    {person.name || person.email}
                    {person.name ? <div className="muted">{person.email}</div> : null}
                  </td>
                  <td data-label="Roles">
                    <ul className="role-list">
                      {person.roles.map((role) => (
                        <li key={role}>
                          {platformRoleLabels[role]}
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="userId" value={person.id} />
                            <input type="hidden" name="role" value={role} />
                            <button type="submit" className="button button--small" disabled={navigation.state === 'submitting'}>
                              Revoke<span className="visually-hidden">: {platformRoleLabels[role]} from {person.email}</span>
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section aria-labelledby="changes-heading" className="panel">
        <h2 id="changes-heading">Latest changes</h2>
        {changes.length === 0 ? (
          <p className="empty">No platform role has changed yet.</p>
        ) : (
          <ul className="change-list">
            {changes.map((change) => (
              <li key={change.id}>
                <time dateTime={new Date(change.createdAt).toISOString()}>{formatDateTime(new Date(change.createdAt), 'UTC')}</time> · {changeLabels[change.action] ?? change.action}{' '}
                {change.role ? platformRoleLabels[change.role].toLowerCase() : ''} {change.role === null ? '' : change.action === 'platform.role_granted' ? 'to' : 'from'} {change.email}
                <span className="muted"> · by {change.actor ? change.actor.name || change.actor.email : 'the admin:grant command'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
