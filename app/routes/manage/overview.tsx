import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { StackedTable } from '#app/components/stacked-table.tsx'
import { getEventOverview } from '#app/domain/events/overview.server.ts'
import { setEventCapacity } from '#app/domain/registration/registration.server.ts'
import { eventRoleLabels } from '#app/domain/events/roles.ts'
import { registrationStatuses, registrationStatusLabels } from '#app/domain/registration/vetting.ts'
import { db } from '#app/lib/db.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/overview'
import { parseForm } from '#app/lib/form.server.ts'

const MAX_CAPACITY = 1_000_000

// Empty means unlimited: Conform turns an empty field into undefined.
const CapacitySchema = z.object({
  capacity: z
    .number({ error: 'Enter a whole number of seats, or leave it empty for unlimited' })
    .int('Enter a whole number of seats')
    .min(0, 'Capacity cannot be negative')
    .max(MAX_CAPACITY, `Keep it under ${MAX_CAPACITY.toLocaleString('en-GB')} seats`)
    .optional(),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Manage ${loaderData.event.title} · Muster` : 'Manage · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, overview: await getEventOverview(db, event.id) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, CapacitySchema)
  if (submission.status !== 'success') return data({ result: submission.reply(), capacityChange: null }, { status: 400 })
  let change: Awaited<ReturnType<typeof setEventCapacity>>
  try {
    change = await setEventCapacity(db, { eventId: event.id, capacity: submission.value.capacity ?? null, actorId: user.id })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), capacityChange: null }, refusalStatus(refusal))
  }
  return { result: submission.reply(), capacityChange: { capacity: change.capacity, promoted: change.promoted.length } }
}

export default function Manage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, overview } = loaderData
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { capacity: overview.capacity === null ? '' : String(overview.capacity) },
    constraint: getZodConstraint(CapacitySchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CapacitySchema }),
  })
  const vettingLink = href('/events/:slug/manage/vetting', { slug: event.slug })
  return (
    <>
      <section aria-labelledby="registrations-heading" className="panel">
        <h2 id="registrations-heading">Registrations</h2>
        <dl className="stat-grid">
          {registrationStatuses.map((status) => (
            <div key={status}>
              <dt>
                <Link to={`${vettingLink}?status=${status}`}>
                  {registrationStatusLabels[status]}
                </Link>
              </dt>
              <dd>{overview.registrations[status]}</dd>
            </div>
          ))}
          <div>
            <dt>Seats taken</dt>
            <dd>
              {overview.seatsTaken}
              <span className="stat-grid__of"> of {overview.capacity ?? 'unlimited'}</span>
            </dd>
          </div>
        </dl>
        <p className="console-links">
          <Link to={vettingLink}>Open the vetting queue</Link>
          <Link to={href('/events/:slug/manage/check-in', { slug: event.slug })}>Open check-in</Link>
        </p>
      </section>

      <section aria-labelledby="capacity-heading" className="panel">
        <h2 id="capacity-heading">Capacity</h2>
        {actionData?.capacityChange ? (
          <p className="notice notice--success" role="status">
            {actionData.capacityChange.capacity === null
              ? 'Capacity is now unlimited.'
              : `Capacity set to ${actionData.capacityChange.capacity} seat${actionData.capacityChange.capacity === 1 ? '' : 's'}.`}{' '}
            {actionData.capacityChange.promoted === 0
              ? 'Nobody was promoted from the waiting list.'
              : `${actionData.capacityChange.promoted} ${actionData.capacityChange.promoted === 1 ? 'person was' : 'people were'} promoted from the waiting list and emailed.`}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="capacity-form">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            label="Seats"
            hint={`Leave empty for unlimited. Raising it gives the free seats to the waiting list at once, first come first served. Lowering it below the ${overview.seatsTaken} seats taken takes no one’s seat away.`}
            errors={fields.capacity.errors}
            inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), inputMode: 'numeric', step: 1 }}
          />
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            Save capacity
          </button>
        </Form>
      </section>

      <section aria-labelledby="staff-heading" className="panel">
        <h2 id="staff-heading">Event staff</h2>
        <StackedTable label="Event staff" columns={['Name', 'Email', 'Role']}>
          {overview.staff.map((member) => (
            <tr key={`${member.user.email}-${member.role}`}>
              <td data-label="Name">{member.user.name}</td>
              <td data-label="Email">{member.user.email}</td>
              <td data-label="Role">{eventRoleLabels[member.role]}</td>
            </tr>
          ))}
        </StackedTable>
        <p className="console-links">
          <Link to={href('/events/:slug/manage/staff', { slug: event.slug })}>Manage staff</Link>
        </p>
      </section>
    </>
  )
}
