import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, SelectField } from '#app/components/forms.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { addMustMeetPair, getMustMeetPairs, removeMustMeetPair } from '#app/domain/matchmaking/console.server.ts'
import { MUST_MEET_PRIORITIES } from '#app/domain/matchmaking/console.ts'
import { personWithOrganisation } from '#app/domain/meetings/meetings.ts'
import type { SchedulingMode } from '#app/domain/scheduling/index.ts'
import { applySchedule, previewSchedule, type SchedulePreview } from '#app/domain/scheduling/plans.server.ts'
import { db } from '#app/lib/db.server.ts'
import { emailDeliveryProgress } from '#app/domain/messages/delivery.server.ts'
import { EmailDeliveryProgress } from '#app/components/email-delivery-progress.tsx'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/matchmaking.schedule'
import { parseForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal, throwRefusal } from '#app/lib/domain-error.server.ts'

const modes = ['keep-existing', 'full-replan'] as const satisfies readonly SchedulingMode[]
/** `?mode=full-replan` previews a full re-plan; anything else the default. */
const PreviewQuerySchema = z.object({ mode: z.enum(modes).catch('keep-existing') })
const ApplySchema = z.object({
  intent: z.literal('apply'),
  mode: z.enum(modes, { error: 'Choose how to plan' }),
  fingerprint: z.string({ error: 'Preview the schedule before applying it' }).regex(/^[0-9a-f]{64}$/, 'Preview the schedule before applying it'),
  confirmMoves: z.boolean().optional(),
})
const personId = z.string({ error: 'Choose a participant' }).max(100, 'Choose a participant from the list')
const AddPairSchema = z.object({
  intent: z.literal('add-pair'),
  firstUserId: personId,
  secondUserId: personId,
  priority: z.number({ error: 'Choose a priority' }).int().min(1, 'Choose a priority from the list').max(MUST_MEET_PRIORITIES.length, 'Choose a priority from the list'),
})
const RemovePairSchema = z.object({ intent: z.literal('remove-pair'), pairId: z.string().max(100) })
const ScheduleActionSchema = z.discriminatedUnion('intent', [ApplySchema, AddPairSchema, RemovePairSchema])

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Scheduler · ${loaderData.event.title} · Muster` : 'Scheduler · Muster' }]
}

async function preview(eventId: string, mode: SchedulingMode) {
  try {
    return await previewSchedule(db, { eventId, mode })
  } catch (error) {
    throwRefusal(refusalOf(error))
  }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const { mode } = PreviewQuerySchema.parse({ mode: new URL(request.url).searchParams.get('mode') ?? undefined })
  const [plan, mustMeet, delivery] = await Promise.all([preview(event.id, mode), getMustMeetPairs(db, event.id), emailDeliveryProgress(db, event.id)])
  return data({ event, preview: plan, mustMeet, delivery })
}

type Submission = Awaited<ReturnType<typeof parseForm<typeof ScheduleActionSchema>>>
type Staff = ReturnType<typeof requireConsoleRole>
const intents = ['apply', 'add-pair', 'remove-pair'] as const

/** What each form's action answers: the form's result, and what happened. */
type ScheduleAnswer =
  | { intent: 'apply'; result: SubmissionResult<string[]>; applied?: { booked: number; moved: number }; changed?: string; preview?: SchedulePreview }
  | { intent: 'add-pair' | 'remove-pair'; result: SubmissionResult<string[]>; notice?: string }

export async function action({ request, context }: Route.ActionArgs) {
  const staff = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, ScheduleActionSchema)
  if (submission.status !== 'success') {
    // Which form the refusal belongs to: the intent as posted, when it is one of ours.
    const posted = z.enum(intents).safeParse(submission.payload.intent)
    return data<ScheduleAnswer>({ intent: posted.success ? posted.data : 'apply', result: submission.reply() }, { status: 400 })
  }
  const { value } = submission
  switch (value.intent) {
    case 'apply':
      return applyPlan(staff, submission, value)
    case 'add-pair':
    case 'remove-pair':
      return changeMustMeetPairs(staff, submission, value)
  }
}

/** Books (and, in a full re-plan, moves) what the preview showed; a plan that changed since comes back with the new preview. */
async function applyPlan({ event, user }: Staff, submission: Submission, value: z.infer<typeof ApplySchema>) {
  try {
    const applied = await applySchedule(db, { eventId: event.id, actorId: user.id, fingerprint: value.fingerprint, mode: value.mode, confirmMoves: value.confirmMoves })
    return data<ScheduleAnswer>({ intent: 'apply', result: submission.reply({ resetForm: true }), applied: { booked: applied.bookedCount, moved: applied.movedCount } })
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal.code !== 'changed') return data<ScheduleAnswer>({ intent: 'apply', result: replyWithRefusal(submission, refusal, ['confirmMoves']) }, refusalStatus(refusal))
    // The loader is not run again after a 409, so the new preview comes with the answer.
    return data<ScheduleAnswer>({ intent: 'apply', result: submission.reply(), changed: refusal.message, preview: await preview(event.id, value.mode) }, refusalStatus(refusal))
  }
}

async function changeMustMeetPairs({ event, user }: Staff, submission: Submission, value: z.infer<typeof AddPairSchema> | z.infer<typeof RemovePairSchema>) {
  const { intent } = value
  try {
    if (value.intent === 'add-pair') {
      await addMustMeetPair(db, { eventId: event.id, actorId: user.id, userIds: [value.firstUserId, value.secondUserId], priority: value.priority })
    } else {
      await removeMustMeetPair(db, { eventId: event.id, pairId: value.pairId })
    }
  } catch (error) {
    const refusal = refusalOf(error)
    return data<ScheduleAnswer>({ intent, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  return data<ScheduleAnswer>({ intent, result: submission.reply({ resetForm: true }), notice: intent === 'add-pair' ? 'Must-meet pair added.' : 'Must-meet pair removed.' })
}

const percent = (share: number) => `${Math.round(share * 100)}%`
const meetingsWord = (count: number) => (count === 1 ? '1 meeting' : `${count} meetings`)

function applyButtonLabel(booked: number, moved: number) {
  if (booked === 0 && moved === 0) return 'Nothing to book'
  if (moved === 0) return `Book ${meetingsWord(booked)} and send the invites`
  if (booked === 0) return `Move ${meetingsWord(moved)} and send the updates`
  return `Book ${meetingsWord(booked)}, move ${moved} and send the invites`
}

function appliedMessage({ booked, moved }: { booked: number; moved: number }) {
  if (booked === 0 && moved === 0) return 'Nothing to book.'
  const parts = [booked > 0 ? `${meetingsWord(booked)} booked` : null, moved > 0 ? `${meetingsWord(moved)} moved` : null].filter(Boolean)
  return `${parts.join(', ')}; both people of each were sent the invite${moved > 0 ? ' or the update' : ''}.`
}

type Event = Route.ComponentProps['loaderData']['event']
type MustMeet = Route.ComponentProps['loaderData']['mustMeet']

export default function MatchmakingSchedule({ loaderData, actionData }: Route.ComponentProps) {
  const { event, mustMeet } = loaderData
  const applyAnswer = actionData?.intent === 'apply' ? actionData : null
  const pairAnswer = actionData && actionData.intent !== 'apply' ? actionData : null
  const plan: SchedulePreview = applyAnswer?.preview ?? loaderData.preview
  return (
    <>
      <EmailDeliveryProgress eventSlug={event.slug} delivery={loaderData.delivery} />
      <SchedulerPanel event={event} plan={plan} answer={applyAnswer} />
      <MustMeetPairs mustMeet={mustMeet} answer={pairAnswer} />
      <WouldBeBooked plan={plan} timeZone={event.timeZone} />
      {plan.mode === 'full-replan' ? <WouldMove plan={plan} timeZone={event.timeZone} /> : null}
      <CannotBePlaced plan={plan} />
    </>
  )
}

/** The plan's numbers and the form that applies it, with what applying did (or why it did not). */
function SchedulerPanel({ event, plan, answer }: { event: Event; plan: SchedulePreview; answer: ScheduleAnswer | null }) {
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof ApplySchema>>({ id: 'apply-schedule', lastResult: answer?.result })
  const replan = plan.mode === 'full-replan'
  const schedulePath = href('/events/:slug/manage/matchmaking/schedule', { slug: event.slug })
  const applied = answer?.intent === 'apply' ? answer.applied : undefined
  const changed = answer?.intent === 'apply' ? answer.changed : undefined
  const { statistics } = plan
  return (
    <section aria-labelledby="scheduler-heading" className="panel">
      <h2 id="scheduler-heading">Scheduler</h2>
      <p className="muted">
        The scheduler places must-meet pairs and accepted requests that have no meeting yet into the free B2B slots and tables; requests
        still waiting for an answer are left to the people asked. Blocked slots, reserved tables and the limit of meetings per person
        always hold, and a booked meeting is never cancelled.
      </p>
      <nav aria-label="How to plan" className="status-tabs">
        <ul>
          <li>
            <Link to={schedulePath} aria-current={replan ? undefined : 'page'}>
              Keep booked meetings where they are
            </Link>
          </li>
          <li>
            <Link to={`${schedulePath}?mode=full-replan`} aria-current={replan ? 'page' : undefined}>
              Full re-plan
            </Link>
          </li>
        </ul>
      </nav>
      <p className="muted">
        {replan
          ? 'A full re-plan may move booked meetings to another time or table when that places more meetings. Each move is listed below; both people get an updated invite.'
          : 'Booked meetings stay where they are; new meetings go around them.'}
      </p>
      {applied ? (
        <p className="notice notice--success" role="status">
          {appliedMessage(applied)}
        </p>
      ) : null}
      {changed ? (
        <p className="notice notice--warning" role="alert">
          {changed}
        </p>
      ) : null}
      <dl className="stat-grid">
        <div>
          <dt>Meetings to book</dt>
          <dd>{statistics.placedCount}</dd>
        </div>
        <div>
          <dt>Cannot be placed</dt>
          <dd>{plan.unplaced.length}</dd>
        </div>
        <div>
          <dt>Booked meetings kept</dt>
          <dd>{plan.keptCount}</dd>
        </div>
        {replan ? (
          <div>
            <dt>Booked meetings moved</dt>
            <dd>{plan.moves.length}</dd>
          </div>
        ) : null}
        <div>
          <dt>People in these pairs with a meeting</dt>
          <dd>
            {plan.fairness === null ? 'Nothing to place' : percent(plan.fairness)}
            {plan.fairness === null ? null : (
              <span className="stat-grid__of">
                {' '}
                {statistics.requestersWithMeeting} of {statistics.requesterCount}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted">
        {plan.slotCount} bookable slots, {plan.tableCount} tables. Times in {event.timeZone}.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="apply" />
        <input type="hidden" name="mode" value={plan.mode} />
        <input {...getInputProps(fields.fingerprint, { type: 'hidden' })} key={plan.fingerprint} defaultValue={plan.fingerprint} />
        <ErrorList id={fields.fingerprint.errorId} errors={fields.fingerprint.errors} />
        {plan.moves.length > 0 ? (
          <div className="field">
            <label className="choice">
              <input {...getInputProps(fields.confirmMoves, { type: 'checkbox' })} key={plan.fingerprint} />
              Move {meetingsWord(plan.moves.length)} and send the {plan.moves.length * 2} people in them an updated invite
            </label>
            <ErrorList id={fields.confirmMoves.errorId} errors={fields.confirmMoves.errors} />
          </div>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          disabled={(statistics.placedCount === 0 && plan.moves.length === 0) || navigation.state === 'submitting'}
        >
          {applyButtonLabel(statistics.placedCount, plan.moves.length)}
        </button>
      </Form>
    </section>
  )
}

/** Pairs the scheduler places first: the list, removing one, adding one. */
function MustMeetPairs({ mustMeet, answer }: { mustMeet: MustMeet; answer: ScheduleAnswer | null }) {
  const navigation = useNavigation()
  const [pairForm, pairFields] = useForm<z.input<typeof AddPairSchema>>({
    id: 'add-must-meet-pair',
    lastResult: answer?.intent === 'add-pair' ? answer.result : undefined,
    constraint: getZodConstraint(AddPairSchema),
    defaultValue: { priority: '1' },
  })
  const removeErrors = answer?.intent === 'remove-pair' && answer.result.error ? Object.values(answer.result.error).flat().filter((message): message is string => typeof message === 'string') : []
  const notice = answer && answer.intent !== 'apply' ? answer.notice : undefined
  return (
    <section aria-labelledby="must-meet-heading" className="section">
      <h2 id="must-meet-heading">Must-meet pairs</h2>
      <p className="muted">
        Pairs the scheduler places before any other meeting, the higher priority first, e.g. a buyer and the start-ups it selected. Government
        buyers can mark their own from a participant’s page (priority 2).
      </p>
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorList errors={removeErrors} />
      {mustMeet.pairs.length === 0 ? (
        <p className="empty">No must-meet pairs yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Must-meet pairs, table" tabIndex={0}>
          <table className="table table--stack">
            <caption className="visually-hidden">Must-meet pairs</caption>
            <thead>
              <tr>
                <th scope="col">Participants</th>
                <th scope="col">Priority</th>
                <th scope="col">Marked by</th>
                <th scope="col">Meeting</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mustMeet.pairs.map((pair) => (
                <tr key={pair.id}>
                  <td data-label="Participants">
                    {personWithOrganisation(pair.firstUser)} and {personWithOrganisation(pair.secondUser)}
                  </td>
                  <td data-label="Priority">{pair.priority}</td>
                  <td data-label="Marked by">{pair.createdBy?.name ?? <span className="muted">Unknown</span>}</td>
                  <td data-label="Meeting">{pair.hasMeeting ? <span className="badge badge--success">Booked</span> : <span className="badge badge--warning">Not yet</span>}</td>
                  <td data-label="">
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-pair" />
                      <input type="hidden" name="pairId" value={pair.id} />
                      <button type="submit" className="button button--quiet">
                        Remove<span className="visually-hidden"> the pair {pair.firstUser.name} and {pair.secondUser.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form method="post" {...getFormProps(pairForm)} className="stack">
        <h3>Add a pair</h3>
        <ErrorList id={pairForm.errorId} errors={pairForm.errors} />
        <input type="hidden" name="intent" value="add-pair" />
        {(['firstUserId', 'secondUserId'] as const).map((name, index) => (
          <SelectField
            key={name}
            label={index === 0 ? 'First participant' : 'Second participant'}
            errors={pairFields[name].errors}
            selectProps={getSelectProps(pairFields[name])}
          >
            <option value="">Choose a participant</option>
            {mustMeet.participants.map((person) => (
              <option key={person.id} value={person.id}>
                {personWithOrganisation(person)}
              </option>
            ))}
          </SelectField>
        ))}
        <SelectField label="Priority" hint="3 is placed first." errors={pairFields.priority.errors} selectProps={getSelectProps(pairFields.priority)}>
          {MUST_MEET_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Add the pair
        </button>
      </Form>
    </section>
  )
}

function WouldBeBooked({ plan, timeZone }: { plan: SchedulePreview; timeZone: string }) {
  return (
    <section aria-labelledby="placed-heading" className="section">
      <h2 id="placed-heading">Would be booked</h2>
      {plan.placements.length === 0 ? (
        <p className="empty">Every must-meet pair and accepted request already has a meeting, or none can be placed.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Meetings the scheduler would book, table" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Meetings the scheduler would book</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Table</th>
                <th scope="col">Participants</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {plan.placements.map((placement) => (
                <tr key={placement.id}>
                  <td>
                    <div>{placement.slot}</div>
                    <ViewerTimeRange start={new Date(placement.startsAt)} end={new Date(placement.endsAt)} eventTimeZone={timeZone} />
                  </td>
                  <td className="nowrap">{placement.table}</td>
                  <td>{placement.people.join(' and ')}</td>
                  <td>{placement.origin}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function WouldMove({ plan, timeZone }: { plan: SchedulePreview; timeZone: string }) {
  return (
    <section aria-labelledby="moves-heading" className="section">
      <h2 id="moves-heading">Would move</h2>
      {plan.moves.length === 0 ? (
        <p className="empty">No booked meeting needs to move: re-planning places nothing more than keeping them.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Meetings the re-plan would move, table" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Booked meetings the re-plan would move, from and to</caption>
            <thead>
              <tr>
                <th scope="col">Participants</th>
                <th scope="col">Now</th>
                <th scope="col">Would move to</th>
              </tr>
            </thead>
            <tbody>
              {plan.moves.map((move) => (
                <tr key={move.id}>
                  <td>{move.people.join(' and ')}</td>
                  <td>
                    <div>{move.from.slot}</div>
                    <div className="muted">{move.from.table}</div>
                  </td>
                  <td>
                    <div>{move.to.slot}</div>
                    <div className="muted">{move.to.table}</div>
                    <ViewerTimeRange start={new Date(move.to.startsAt)} end={new Date(move.to.endsAt)} eventTimeZone={timeZone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function CannotBePlaced({ plan }: { plan: SchedulePreview }) {
  return (
    <section aria-labelledby="unplaced-heading" className="section">
      <h2 id="unplaced-heading">Cannot be placed</h2>
      {plan.unplaced.length === 0 ? (
        <p className="empty">Nothing is left over.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Pairs the scheduler cannot place, table" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Pairs the scheduler cannot place, with the reason</caption>
            <thead>
              <tr>
                <th scope="col">Participants</th>
                <th scope="col">Why</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {plan.unplaced.map((unplaced) => (
                <tr key={unplaced.id}>
                  <td>{unplaced.people.join(' and ')}</td>
                  <td>{unplaced.origin}</td>
                  <td>{unplaced.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
