import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { MAX_TABLE_NAME_LENGTH, MAX_TABLES, slotLengthSchema, tableCountSchema, tableSchema } from '#app/domain/meetings/setup.ts'
import { generateSlots, getMeetingSetup, setTableCount, updateMeetingTable, updateSlotLength, type MeetingSetup, type TableChangeReview } from '#app/domain/meetings/setup.server.ts'
import { PlaceChangeReview } from '#app/components/place-change-review.tsx'
import { db } from '#app/lib/db.server.ts'
import { formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/matchmaking.setup'
import { readForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const SlotLengthAction = slotLengthSchema.extend({ intent: z.literal('slot-length') })
const GenerateAction = z.object({ intent: z.literal('generate'), windowId: z.string({ error: 'Choose a B2B window' }).max(100) })
const TableCountAction = tableCountSchema.extend({ intent: z.literal('table-count') })
const TableAction = tableSchema.extend({
  intent: z.literal('table'),
  // The change the organiser reviewed (table labels: a number and a name of at most MAX_TABLE_NAME_LENGTH).
  reviewedFrom: z.string().max(MAX_TABLE_NAME_LENGTH + 40).optional(),
  reviewedTo: z.string().max(MAX_TABLE_NAME_LENGTH + 40).optional(),
})
const SetupActionSchema = z.discriminatedUnion('intent', [SlotLengthAction, GenerateAction, TableCountAction, TableAction])

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Slots and tables · ${loaderData.event.title} · Muster` : 'Slots and tables · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, setup: await getMeetingSetup(db, event.id) })
}

/** What the action answers, and to which form: the intent and, for one window or table, its id. */
type SetupAnswer = { target: { intent: string; id: string }; result: SubmissionResult<string[]>; notice: string | null; review?: TableChangeReview }
type ActionAnswer = SetupAnswer | undefined

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const formData = await readForm(request, SetupActionSchema)
  const submission = parseWithZod(formData, { schema: SetupActionSchema })
  // Which form answered: the intent and, for one window or table, its id.
  const target = { intent: String(formData.get('intent') ?? ''), id: String(formData.get('windowId') ?? formData.get('tableId') ?? '') }
  if (submission.status !== 'success') return data<SetupAnswer>({ target, result: submission.reply(), notice: null }, { status: 400 })
  const { value } = submission
  const actor = { eventId: event.id, actorId: user.id }
  try {
    if (value.intent === 'slot-length') {
      await updateSlotLength(db, { ...actor, values: value })
      return data<SetupAnswer>({ target, result: submission.reply(), notice: 'Slot length and break saved. Generate the slots of each window to apply them.' })
    }
    if (value.intent === 'generate') {
      const report = await generateSlots(db, { ...actor, windowId: value.windowId })
      return data<SetupAnswer>({ target, result: submission.reply(), notice: `Slots generated: ${report.created} created, ${report.kept} kept, ${report.removed} removed.` })
    }
    if (value.intent === 'table-count') {
      const report = await setTableCount(db, { ...actor, tableCount: value.tableCount })
      return data<SetupAnswer>({ target, result: submission.reply(), notice: `The event now has ${report.after} tables (${report.added} added, ${report.removed} removed).` })
    }
    const { reviewedFrom, reviewedTo, ...values } = value
    const reviewed = reviewedFrom !== undefined && reviewedTo !== undefined ? { before: reviewedFrom, after: reviewedTo } : undefined
    const saved = await updateMeetingTable(db, { ...actor, values, reviewed })
    if (!saved.saved) return data<SetupAnswer>({ target, result: submission.reply(), notice: null, review: saved.review })
    const { peopleNotified } = saved
    const told = peopleNotified === 0 ? '' : ` ${peopleNotified} ${peopleNotified === 1 ? 'person was' : 'people were'} sent an updated invite with the new place.`
    return data<SetupAnswer>({ target, result: submission.reply(), notice: `Table saved.${told}` })
  } catch (error) {
    const refusal = refusalOf(error)
    return data<SetupAnswer>({ target, result: replyWithRefusal(submission, refusal), notice: null }, refusalStatus(refusal))
  }
}

/** The answer of the action if it was for this form, so each form shows only its own errors. */
const answerFor = (answer: ActionAnswer, intent: string, id = '') => (answer && answer.target.intent === intent && answer.target.id === id ? answer : undefined)

export default function MeetingSetupPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, setup } = loaderData
  const answer: ActionAnswer = actionData
  return (
    <>
      <SlotsSection timeZone={event.timeZone} setup={setup} answer={answer} />
      <TablesSection setup={setup} answer={answer} />
    </>
  )
}

function Notice({ answer }: { answer: ActionAnswer }) {
  return answer?.notice ? (
    <p className="notice notice--success" role="status">
      {answer.notice}
    </p>
  ) : null
}

function SlotsSection({ timeZone, setup, answer }: { timeZone: string; setup: MeetingSetup; answer: ActionAnswer }) {
  const navigation = useNavigation()
  const own = answerFor(answer, 'slot-length')
  const [form, fields] = useForm({
    id: 'slot-length',
    lastResult: own?.result,
    constraint: getZodConstraint(slotLengthSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: slotLengthSchema }),
    defaultValue: {
      meetingSlotMinutes: String(setup.slotLength.meetingSlotMinutes),
      meetingBreakMinutes: String(setup.slotLength.meetingBreakMinutes),
    },
  })
  return (
    <section aria-labelledby="slots-heading" className="panel">
      <h2 id="slots-heading">B2B slots</h2>
      <p className="muted">
        Slots tile each B2B window of the agenda. Generating again keeps every slot that has a meeting, a proposal or a block, removes unused slots that
        no longer fit and adds the missing ones.
      </p>
      <Notice answer={own} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="slot-length" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label="Slot length (minutes)"
          hint="From 5 to 120 minutes."
          errors={fields.meetingSlotMinutes.errors}
          inputProps={{ ...getInputProps(fields.meetingSlotMinutes, { type: 'number' }), inputMode: 'numeric', step: 1 }}
        />
        <Field
          label="Break after each slot (minutes)"
          hint="From 0 to 60 minutes."
          errors={fields.meetingBreakMinutes.errors}
          inputProps={{ ...getInputProps(fields.meetingBreakMinutes, { type: 'number' }), inputMode: 'numeric', step: 1 }}
        />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          Save slot length and break
        </button>
      </Form>
      {setup.windows.length === 0 ? <p className="empty">The agenda has no scheduled B2B window yet.</p> : null}
      {setup.windows.map((window) => {
        const generated = answerFor(answer, 'generate', window.id)
        const errors = generated?.result.error ? Object.values(generated.result.error).flat() : []
        const headingId = `window-${window.id}-heading`
        return (
          <section key={window.id} aria-labelledby={headingId} className="section">
            <h3 id={headingId}>
              {window.title}: {formatShortDate(new Date(window.startsAt), timeZone)}, {formatTimeRange(new Date(window.startsAt), new Date(window.endsAt), timeZone)}
            </h3>
            <Notice answer={generated} />
            <ErrorList errors={errors.filter((error): error is string => typeof error === 'string')} />
            <Form method="post">
              <input type="hidden" name="intent" value="generate" />
              <input type="hidden" name="windowId" value={window.id} />
              <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                Generate slots for this window
              </button>
            </Form>
            {window.slots.length === 0 ? (
              <p className="empty">No slots yet.</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">
                  Slots of {window.title}; times in {timeZone}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Slot ({timeZone})</th>
                    <th scope="col">Confirmed meetings</th>
                  </tr>
                </thead>
                <tbody>
                  {window.slots.map((slot) => (
                    <tr key={slot.id}>
                      <th scope="row">
                        <div>{formatTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), timeZone)}</div>
                        <ViewerTimeRange start={new Date(slot.startsAt)} end={new Date(slot.endsAt)} eventTimeZone={timeZone} />
                      </th>
                      <td>{slot.meetings}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )
      })}
    </section>
  )
}

function TablesSection({ setup, answer }: { setup: MeetingSetup; answer: ActionAnswer }) {
  const navigation = useNavigation()
  const own = answerFor(answer, 'table-count')
  const [form, fields] = useForm({
    id: 'table-count',
    lastResult: own?.result,
    constraint: getZodConstraint(tableCountSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tableCountSchema }),
    defaultValue: { tableCount: String(setup.tables.length) },
  })
  return (
    <section aria-labelledby="tables-heading" className="panel">
      <h2 id="tables-heading">Meeting tables</h2>
      <Notice answer={own} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="table-count" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label="Number of tables"
          hint="New tables get the next numbers; removing takes the highest numbers first, and only tables without confirmed meetings."
          errors={fields.tableCount.errors}
          inputProps={{ ...getInputProps(fields.tableCount, { type: 'number' }), inputMode: 'numeric', step: 1, max: MAX_TABLES }}
        />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          Set number of tables
        </button>
      </Form>
      <p className="muted">A name is optional, e.g. a sponsor or a corner of the room; leave it empty to use the number only. A reserved table is used only for meetings involving that organisation.</p>
      {setup.tables.map((table) => (
        <TableForm key={table.id} table={table} organisations={setup.organisations} answer={answerFor(answer, 'table', table.id)} />
      ))}
    </section>
  )
}

function TableForm({ table, organisations, answer }: { table: MeetingSetup['tables'][number]; organisations: MeetingSetup['organisations']; answer: ActionAnswer }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `table-${table.id}`,
    lastResult: answer?.result,
    constraint: getZodConstraint(tableSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tableSchema }),
    defaultValue: { tableId: table.id, name: table.name ?? '', reservedForOrganisationId: table.reservedFor?.id ?? '' },
  })
  const headingId = `table-${table.id}-heading`
  return (
    <section aria-labelledby={headingId} className="section">
      <h3 id={headingId}>
        Table {table.number}
        {table.name && table.name !== `Table ${table.number}` ? ` · ${table.name}` : ''}
        <span className="muted">
          {' '}
          · {table.meetings} confirmed {table.meetings === 1 ? 'meeting' : 'meetings'}
          {table.reservedFor ? ` · reserved for ${table.reservedFor.name}` : ''}
        </span>
      </h3>
      <Notice answer={answer} />
      <Form method="post" {...getFormProps(form)} className="queue-filters queue-filters--controls-aligned">
        <input type="hidden" name="intent" value="table" />
        <input {...getInputProps(fields.tableId, { type: 'hidden' })} />
        <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...(fields.tableId.errors ?? [])]} />
        <Field
          label={`Name of table ${table.number}`}
          hint={table.meetings > 0 ? 'Before a new name is saved, you see how many people with meetings here will get an updated invite.' : undefined}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), maxLength: MAX_TABLE_NAME_LENGTH }}
        />
        <SelectField label={`Table ${table.number} reserved for`} errors={fields.reservedForOrganisationId.errors} selectProps={getSelectProps(fields.reservedForOrganisationId)}>
          <option value="">No reservation: any meeting</option>
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
        {answer?.review ? null : (
          <div className="queue-filters__actions">
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Save table {table.number}
            </button>
          </div>
        )}
        {answer?.review ? <TableChangeReviewPanel review={answer.review} /> : null}
      </Form>
    </section>
  )
}

/** A table's new name, before anyone is told: the meetings yet to begin there, and the messages they get. */
function TableChangeReviewPanel({ review }: { review: TableChangeReview }) {
  const number = (count: number) => count.toLocaleString('en-GB')
  return (
    <PlaceChangeReview before={review.before} after={review.after} messages={review.meetingMessages}>
      <li>
        {number(review.meetingMessages)} updated B2B meeting {review.meetingMessages === 1 ? 'invitation' : 'invitations'} (one per person and meeting) for the{' '}
        {review.meetings === 1 ? 'meeting' : `${number(review.meetings)} meetings`} yet to begin at this table.
      </li>
    </PlaceChangeReview>
  )
}
