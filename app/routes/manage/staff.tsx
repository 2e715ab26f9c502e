import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { StackedTable } from '#app/components/stacked-table.tsx'
import { eventRoleDuties, eventRoleLabels, eventRoles, consoleHomePath, staffRolesManagedBy, type EventRole } from '#app/domain/events/roles.ts'
import { addStaffMember, cancelStaffInvitation, changeStaffRole, listEventStaff, removeStaffMember } from '#app/domain/events/staff-management.server.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { parseForm } from '#app/lib/form.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { formatShortDate } from '#app/lib/time.ts'
import { requireConsoleRole, type Console } from './console-context.server.ts'
import type { Route } from './+types/staff'

const roleField = z.enum(eventRoles, { error: 'Choose a role from the list' })
const AddSchema = z.object({
  intent: z.literal('add'),
  email: z
    .string({ error: 'Enter the person’s email address' })
    .trim()
    .max(254, 'That email address is too long')
    .pipe(z.email({ error: 'Enter an email address like name@example.org' })),
  role: roleField,
})
const ChangeRoleSchema = z.object({ intent: z.literal('change-role'), staffRoleId: recordIdSchema, role: roleField })
const RemoveSchema = z.object({ intent: z.literal('remove'), staffRoleId: recordIdSchema })
const CancelInvitationSchema = z.object({ intent: z.literal('cancel-invitation'), invitationId: recordIdSchema })
const StaffActionSchema = z.discriminatedUnion('intent', [AddSchema, ChangeRoleSchema, RemoveSchema, CancelInvitationSchema])
const intents = ['add', 'change-role', 'remove', 'cancel-invitation'] as const

/** What an action answers: which form (and, for a row's form, which row) the result belongs to, and what happened. */
type StaffAnswer = { intent: (typeof intents)[number]; target: string | null; result: SubmissionResult<string[]>; notice?: string }

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Staff · ${loaderData.event.title} · Muster` : 'Staff · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event, user, roles } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, you: user.email, manages: staffRolesManagedBy(roles, user.isPlatformAdmin), staff: await listEventStaff(db, event.id) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const staff = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, StaffActionSchema)
  if (submission.status !== 'success') {
    // Which form the refusal belongs to: the intent and row as posted, when they are ours.
    const posted = z.enum(intents).safeParse(submission.payload.intent)
    const target = recordIdSchema.safeParse(submission.payload.staffRoleId ?? submission.payload.invitationId)
    return data<StaffAnswer>(
      { intent: posted.success ? posted.data : 'add', target: target.success ? target.data : null, result: submission.reply() },
      { status: 400 },
    )
  }
  const { value } = submission
  const target = value.intent === 'add' ? null : value.intent === 'cancel-invitation' ? value.invitationId : value.staffRoleId
  try {
    const notice = await perform(staff, value)
    return data<StaffAnswer>({ intent: value.intent, target, result: submission.reply({ resetForm: true }), notice })
  } catch (error) {
    const refusal = refusalOf(error)
    return data<StaffAnswer>({ intent: value.intent, target, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
}

const who = (person: { name: string; email: string }) => person.name || person.email

/** Makes the change and says what happened; a person who changed their own standing goes where their new role opens. */
async function perform({ event, user }: Console, value: z.infer<typeof StaffActionSchema>) {
  const actor = { eventId: event.id, actorId: user.id }
  switch (value.intent) {
    case 'add': {
      const added = await addStaffMember(db, { event, actorId: user.id, email: value.email, role: value.role })
      const label = eventRoleLabels[added.role]
      return added.outcome === 'added'
        ? `${who(added)} is now ${label}, and has been emailed a link to the console.`
        : `${added.email} has no Muster account yet, so an invitation has been emailed. They join the staff as ${label} when they first sign in with that address.`
    }
    case 'change-role': {
      const changed = await changeStaffRole(db, { ...actor, staffRoleId: value.staffRoleId, role: value.role })
      if (changed.email === user.email && changed.changed) throw redirect(consoleHomePath(event.slug, [changed.role], user.isPlatformAdmin))
      return changed.changed
        ? `${who(changed)} is now ${eventRoleLabels[changed.role]}.`
        : `${who(changed)} already is ${eventRoleLabels[changed.role]}: nothing changed.`
    }
    case 'remove': {
      const removed = await removeStaffMember(db, { ...actor, staffRoleId: value.staffRoleId })
      if (removed.email === user.email) throw redirect(consoleHomePath(event.slug, [], user.isPlatformAdmin))
      return `${who(removed)} is no longer on the staff.`
    }
    case 'cancel-invitation': {
      const cancelled = await cancelStaffInvitation(db, { ...actor, invitationId: value.invitationId })
      return `The invitation to ${cancelled.email} is cancelled: signing in with that address no longer gives the role ${eventRoleLabels[cancelled.role]}.`
    }
  }
}

/** A row form's messages, for the row the answer is about. */
function rowErrors(answer: StaffAnswer | undefined, intent: StaffAnswer['intent'], target: string) {
  if (answer?.intent !== intent || answer.target !== target || !answer.result.error) return []
  return Object.values(answer.result.error)
    .flat()
    .filter((message): message is string => typeof message === 'string')
}

type LoaderData = Route.ComponentProps['loaderData']

export default function Staff({ loaderData, actionData }: Route.ComponentProps) {
  const { event, staff, manages } = loaderData
  return (
    <>
      <p className="lede">
        Who works on this event and what each role lets them do. Adding an address with no Muster account sends an invitation: the role is theirs when
        they first sign in with it.
      </p>
      {actionData?.notice ? (
        <p className="notice notice--success" role="status">
          {actionData.notice}
        </p>
      ) : null}
      <StaffTable loaderData={loaderData} answer={actionData} />
      <Invitations invitations={staff.invitations} manages={manages} timeZone={event.timeZone} answer={actionData} />
      <AddStaff manages={manages} answer={actionData} />
    </>
  )
}

function StaffTable({ loaderData, answer }: { loaderData: LoaderData; answer: StaffAnswer | undefined }) {
  const { event, staff, manages, you } = loaderData
  const busy = useNavigation().state === 'submitting'
  return (
    <section aria-labelledby="staff-heading" className="panel">
      <h2 id="staff-heading">Event staff</h2>
      <StackedTable label="Event staff" columns={['Name', 'Email', 'Role', 'Granted by', 'Since']} withActions>
        {staff.members.map((member) => {
          const name = who(member.user)
          const editable = manages.includes(member.role)
          const changeErrors = rowErrors(answer, 'change-role', member.id)
          const removeErrors = rowErrors(answer, 'remove', member.id)
          const errorId = `role-${member.id}-error`
          return (
            <tr key={member.id}>
              <td data-label="Name">
                {/* One element, so a stacked row keeps "(you)" on the name's line. */}
                <span>
                  {member.user.name || <span className="muted">No name yet</span>}
                  {member.user.email === you ? <span className="muted"> (you)</span> : null}
                </span>
              </td>
              <td data-label="Email">{member.user.email}</td>
              <td data-label="Role">
                {editable ? (
                  <Form method="post" className="staff-role-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="staffRoleId" value={member.id} />
                    <label htmlFor={`role-${member.id}`} className="visually-hidden">
                      Role of {name}
                    </label>
                    <select
                      id={`role-${member.id}`}
                      name="role"
                      defaultValue={member.role}
                      key={`${member.id}-${member.role}`}
                      aria-invalid={changeErrors.length ? true : undefined}
                      aria-describedby={changeErrors.length ? errorId : undefined}
                    >
                      {manages.map((role) => (
                        <option key={role} value={role}>
                          {eventRoleLabels[role]}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button" disabled={busy}>
                      Change<span className="visually-hidden"> the role of {name}</span>
                    </button>
                    <ErrorList id={errorId} errors={changeErrors} />
                  </Form>
                ) : (
                  eventRoleLabels[member.role]
                )}
              </td>
              <td data-label="Granted by">{member.grantedBy ?? <span className="muted">Not recorded</span>}</td>
              <td data-label="Since" className="nowrap">
                <time dateTime={member.createdAt.toISOString()}>{formatShortDate(member.createdAt, event.timeZone)}</time>
              </td>
              <td data-label="">
                {editable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="staffRoleId" value={member.id} />
                    <button type="submit" className="button button--danger" disabled={busy}>
                      Remove<span className="visually-hidden"> {name} from the staff</span>
                    </button>
                    <ErrorList errors={removeErrors} />
                  </Form>
                ) : (
                  <span className="muted">Only an owner can change an owner.</span>
                )}
              </td>
            </tr>
          )
        })}
      </StackedTable>
    </section>
  )
}

function Invitations({
  invitations,
  manages,
  timeZone,
  answer,
}: {
  invitations: LoaderData['staff']['invitations']
  manages: readonly EventRole[]
  timeZone: string
  answer: StaffAnswer | undefined
}) {
  const busy = useNavigation().state === 'submitting'
  return (
    <section aria-labelledby="invitations-heading" className="panel">
      <h2 id="invitations-heading">Pending invitations</h2>
      {invitations.length === 0 ? (
        <p className="empty">No invitations are waiting to be accepted.</p>
      ) : (
        <StackedTable label="Pending invitations" columns={['Email', 'Role', 'Invited by', 'Sent']} withActions>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td data-label="Email">{invitation.email}</td>
              <td data-label="Role">{eventRoleLabels[invitation.role]}</td>
              <td data-label="Invited by">{invitation.invitedBy ?? <span className="muted">Unknown</span>}</td>
              <td data-label="Sent" className="nowrap">
                <time dateTime={invitation.createdAt.toISOString()}>{formatShortDate(invitation.createdAt, timeZone)}</time>
              </td>
              <td data-label="">
                {manages.includes(invitation.role) ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel-invitation" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="button button--danger" disabled={busy}>
                      Cancel invitation<span className="visually-hidden"> to {invitation.email}</span>
                    </button>
                    <ErrorList errors={rowErrors(answer, 'cancel-invitation', invitation.id)} />
                  </Form>
                ) : (
                  <span className="muted">Only an owner can cancel an owner’s invitation.</span>
                )}
              </td>
            </tr>
          ))}
        </StackedTable>
      )}
    </section>
  )
}

function AddStaff({ manages, answer }: { manages: readonly EventRole[]; answer: StaffAnswer | undefined }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm<z.input<typeof AddSchema>>({
    id: 'add-staff',
    lastResult: answer?.intent === 'add' ? answer.result : undefined,
    constraint: getZodConstraint(AddSchema),
    defaultValue: { role: manages.includes('VETTING_OFFICER') ? 'VETTING_OFFICER' : manages[0] },
    shouldValidate: 'onBlur',
    // Clears a message as the address is corrected, not on the blur of the click that sends it
    // (the form would shift under the pointer and the click miss the button).
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddSchema }),
  })
  return (
    <section aria-labelledby="add-staff-heading" className="panel">
      <h2 id="add-staff-heading">Add someone</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add" />
        <Field
          label="Email address"
          hint="They are emailed either way: a link to the console, or an invitation to sign in."
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
        />
        <SelectField label="Role" errors={fields.role.errors} selectProps={getSelectProps(fields.role)}>
          {manages.map((role) => (
            <option key={role} value={role}>
              {eventRoleLabels[role]}
            </option>
          ))}
        </SelectField>
        <dl className="role-duties">
          {manages.map((role) => (
            <div key={role}>
              <dt>{eventRoleLabels[role]}</dt>
              <dd>Lets them {eventRoleDuties[role]}.</dd>
            </div>
          ))}
        </dl>
        <button type="submit" className="button button--primary" disabled={busy}>
          Add to the staff
        </button>
      </Form>
    </section>
  )
}
