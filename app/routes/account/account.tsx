import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { AddPasskey } from '#app/components/passkeys.tsx'
import { getAccount, revokeOwnSession, updateProfile } from '#app/domain/account/account.server.ts'
import { listPasskeys, passkeysOffered } from '#app/domain/account/passkeys.server.ts'
import { consoleHomePath, eventRoleLabels } from '#app/domain/events/roles.ts'
import { RECENT_SIGN_IN_MS, requireUser } from '#app/lib/auth.server.ts'
import { countryName, isCountryCode } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatLongDate, isValidTimeZone } from '#app/lib/time.ts'
import type { Route } from './+types/account'
import { readForm } from '#app/lib/form.server.ts'
import { setAttendeeListConsent } from '#app/domain/registration/attendee-list.server.ts'
import { refusalOf, throwRefusal } from '#app/lib/domain-error.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { CountryOptions } from '#app/components/select-options.tsx'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters`)
    .optional()
    .transform((value) => value || null)

const ProfileSchema = z.object({
  intent: z.literal('update-profile'),
  name: z.string({ error: 'Enter your name' }).trim().min(1, 'Enter your name').max(120, 'Keep it under 120 characters'),
  jobTitle: optionalText(120),
  nationality: z
    .string()
    .optional()
    .refine((value) => !value || isCountryCode(value), 'Choose a country from the list')
    .transform((value) => value || null),
  timeZone: z
    .string()
    .optional()
    .refine((value) => !value || isValidTimeZone(value), 'Choose a time zone from the list')
    .transform((value) => value || null),
})

const RevokeSchema = z.object({ intent: z.literal('revoke-session'), sessionId: z.string().regex(/^[0-9a-f]{64}$/) })
/** Whether the person appears in one event's "Who is coming" list. */
const AttendeeListSchema = z.object({ intent: z.literal('attendee-list'), eventId: recordIdSchema, listed: z.enum(['yes', 'no']) })

const registrationStatusLabels = {
  PENDING: 'Pending vetting',
  APPROVED: 'Approved',
  WAITLISTED: 'On the waiting list',
  REJECTED: 'Not accepted',
  CANCELLED: 'Cancelled',
} as const

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Your account · Muster' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user, sessionId, signedInAt, headers } = await requireUser(request)
  const account = await getAccount(db, user.id, sessionId)
  // Passkeys are offered to people who run events; adding one needs a recent sign-in.
  const passkeys = (await passkeysOffered(db, user.id))
    ? { list: await listPasskeys(db, user.id), recentSignIn: Date.now() - signedInAt.getTime() <= RECENT_SIGN_IN_MS }
    : null
  return data({ account, passkeys, timeZones: Intl.supportedValuesOf('timeZone') }, { headers })
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const formData = await readForm(request, z.union([RevokeSchema, ProfileSchema, AttendeeListSchema]))
  if (formData.get('intent') === 'attendee-list') {
    const parsed = AttendeeListSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) throw data('Unknown choice', { status: 400 })
    try {
      await setAttendeeListConsent(db, { userId: user.id, eventId: parsed.data.eventId, listed: parsed.data.listed === 'yes' })
    } catch (error) {
      throwRefusal(refusalOf(error))
    }
    return { result: null, saved: false }
  }
  if (formData.get('intent') === 'revoke-session') {
    const parsed = RevokeSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) throw data('Unknown session', { status: 400 })
    await revokeOwnSession(db, user.id, parsed.data.sessionId)
    return { result: null, saved: false }
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 })
  const { intent: _intent, ...profile } = submission.value
  await updateProfile(db, user.id, profile)
  return { result: submission.reply(), saved: true }
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { account, passkeys, timeZones } = loaderData
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    defaultValue: {
      name: account.name,
      jobTitle: account.jobTitle ?? '',
      nationality: account.nationality ?? '',
      timeZone: account.timeZone ?? '',
    },
  })
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <h1>Your account</h1>
        <p className="lede">
          Signed in as <strong>{account.email}</strong>
          {account.organisation ? ` · ${account.organisation.name}, ${countryName(account.organisation.country)}` : ''}
        </p>
        <p><Link to={href('/account/calendar')}>Your agenda in your own calendar app: subscribe to your calendar feed</Link></p>
      </header>

      {account.registrations.length > 0 || account.eventRoles.length > 0 ? (
        <section aria-labelledby="events-heading" className="panel">
          <h2 id="events-heading">Your events</h2>
          <ul className="plain-list">
            {account.registrations.map((registration) => (
              <li key={registration.event.slug}>
                <Link to={href('/events/:slug', { slug: registration.event.slug })}>{registration.event.title}</Link>{' '}
                <span className="muted">
                  {formatDateSpan(registration.event.startsAt, registration.event.endsAt, registration.event.timeZone)} ·{' '}
                  {registrationStatusLabels[registration.status]}
                </span>
                {registration.status === 'APPROVED' || registration.status === 'PENDING' || registration.status === 'WAITLISTED' ? (
                  <Form method="post" className="attendee-list-choice">
                    <input type="hidden" name="intent" value="attendee-list" />
                    <input type="hidden" name="eventId" value={registration.event.id} />
                    <span>
                      {registration.attendeeListConsentAt ? 'You appear in “Who is coming”.' : 'You do not appear in “Who is coming”.'}
                    </span>{' '}
                    <button type="submit" name="listed" value={registration.attendeeListConsentAt ? 'no' : 'yes'} className="button button--quiet button--small">
                      {registration.attendeeListConsentAt ? 'Take me off the list' : 'Show me in the list'}
                      <span className="visually-hidden"> of {registration.event.title}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
            {account.eventRoles.map((role) => (
              <li key={`${role.event.slug}-${role.role}`}>
                <Link to={consoleHomePath(role.event.slug, [role.role])}>{role.event.title}</Link>{' '}
                <span className="muted">· {eventRoleLabels[role.role]}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="profile-heading" className="panel">
        <h2 id="profile-heading">Profile</h2>
        {actionData?.saved ? (
          <p className="notice notice--success" role="status">
            Your profile is saved.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="update-profile" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label="Name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
          <Field
            label="Job title"
            errors={fields.jobTitle.errors}
            inputProps={{ ...getInputProps(fields.jobTitle, { type: 'text' }), autoComplete: 'organization-title' }}
          />
          <SelectField
            label="Nationality"
            hint="Fills in your next registration. A registration you have sent keeps the nationality the organisers checked: to change it there, edit that registration, and it goes back to vetting."
            errors={fields.nationality.errors}
            selectProps={getSelectProps(fields.nationality)}
          >
            <CountryOptions empty="Not given" />
          </SelectField>
          <SelectField
            label="Your time zone"
            hint="Agendas show times in the event’s zone, and in yours when it differs."
            errors={fields.timeZone.errors}
            selectProps={getSelectProps(fields.timeZone)}
          >
            <option value="">Use my browser’s time zone</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--primary">
            Save profile
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="panel">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <ul className="session-list">
          {account.sessions.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{describeDevice(session.userAgent)}</strong>
                {session.isCurrent ? <span className="badge badge--success">This device</span> : null}
                <br />
                <span className="muted">
                  Signed in {formatLongDate(session.createdAt, 'UTC')} · last active {formatLongDate(session.lastSeenAt, 'UTC')}
                </span>
              </div>
              {session.isCurrent ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button type="submit" className="button button--quiet">
                    Sign out there
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <div className="button-row">
          <Form method="post" action={href('/sign-out')}>
            <input type="hidden" name="scope" value="this-device" />
            <button type="submit" className="button">
              Sign out
            </button>
          </Form>
          <Form method="post" action={href('/sign-out')}>
            <input type="hidden" name="scope" value="everywhere" />
            <button type="submit" className="button button--danger">
              Sign out everywhere
            </button>
          </Form>
        </div>
      </section>

      {passkeys ? (
        <section aria-labelledby="passkeys-heading" className="panel">
          <h2 id="passkeys-heading">Passkeys</h2>
          <p>
            Sign in with your device&apos;s screen lock or a security key instead of an emailed code. A passkey cannot be phished: it only
            works on this site.
          </p>
          {passkeys.list.length > 0 ? (
            <ul className="session-list">
              {passkeys.list.map((passkey) => (
                <li key={passkey.id}>
                  <div>
                    <strong>{passkey.name}</strong>
                    <br />
                    <span className="muted">
                      Added {formatLongDate(passkey.createdAt, 'UTC')} ·{' '}
                      {passkey.lastUsedAt ? `last used ${formatLongDate(passkey.lastUsedAt, 'UTC')}` : 'not used yet'}
                    </span>
                  </div>
                  <Form method="post" action={href('/account/passkeys')} reloadDocument>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="passkeyId" value={passkey.id} />
                    <button type="submit" className="button button--quiet" aria-label={`Remove passkey ${passkey.name}`}>
                      Remove
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">You have no passkeys yet.</p>
          )}
          {passkeys.recentSignIn ? (
            <AddPasskey />
          ) : (
            <p>
              <Link to={`${href('/sign-in')}?${new URLSearchParams({ redirectTo: '/account', confirm: '1' })}`}>Confirm it is you to add a passkey</Link>
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="data-heading" className="panel">
        <h2 id="data-heading">Your data</h2>
        <p>Everything Muster holds about you: your account, sign-ins, registrations and answers, sessions, matchmaking, meetings and the emails sent to you.</p>
        <ul className="plain-list">
          <li>
            <Link to={href('/account/data')}>See your data on a page</Link>
          </li>
          <li>
            <a href={href('/account/data.json')}>
              Download your data as a file (JSON)
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="erase-heading" className="panel danger-zone">
        <h2 id="erase-heading">Erase your account</h2>
        <p>Cancels your registrations and meetings, tells the people concerned, and deletes your personal details. It cannot be undone.</p>
        <p>
          <Link to={href('/account/erase')} className="button button--danger">
            Erase my account
          </Link>
        </p>
      </section>
    </div>
  )
}

function describeDevice(userAgent: string | null) {
  if (!userAgent) return 'Unknown device'
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser'
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /iPhone|iPad/.test(userAgent)
          ? 'iOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'unknown system'
  return `${browser} on ${system}`
}
