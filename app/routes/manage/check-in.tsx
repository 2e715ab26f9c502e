import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useEffect, useRef } from 'react'
import { data, Form, href, useNavigation } from 'react-router'
import { z } from 'zod'
import { BadgeScanner } from '#app/components/badge-scanner.tsx'
import { ErrorList } from '#app/components/forms.tsx'
import { formatBadgeCode } from '#app/domain/registration/badge-code.ts'
import { checkIn, checkInRegistration, checkInTotals, searchAtDesk, undoCheckIn, type CheckInAttendee, type CheckInResult } from '#app/domain/registration/check-in.server.ts'
import { registrationStatusLabels, registrationStatusTones } from '#app/domain/registration/vetting.ts'
import { db } from '#app/lib/db.server.ts'
import { calendarDayParts, formatShortDate, formatTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/check-in'
import { parseForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'
import { recordIdSchema } from '#app/lib/record-id.ts'
import { countryName } from '#app/lib/countries.ts'

const CheckInSchema = z.object({
  intent: z.literal('badge'),
  badgeCode: z
    .string({ error: 'Type or scan a badge code' })
    .trim()
    .min(1, 'Type or scan a badge code')
    .max(40, 'A badge code has 10 letters and digits'),
})
/** A person found by name at the desk, checked in without a badge, or a check-in taken back. */
const ByRegistrationSchema = z.object({ intent: z.enum(['check-in', 'undo']), registrationId: recordIdSchema })
const DeskActionSchema = z.discriminatedUnion('intent', [CheckInSchema, ByRegistrationSchema])
const DeskSearchSchema = z.object({ q: z.string().trim().max(100).catch('') })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Check-in · ${loaderData.event.title} · Muster` : 'Check-in · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['CHECK_IN'])
  const { q } = DeskSearchSchema.parse({ q: new URL(request.url).searchParams.get('q') ?? '' })
  const [totals, search] = await Promise.all([checkInTotals(db, event.id), searchAtDesk(db, { eventId: event.id, q })])
  return data({ event, totals, q, search })
}

type DeskAnswer = {
  result: SubmissionResult<string[]> | null
  checkIn: CheckInResult | null
  attemptedAt: Date | null
  undone?: { name: string }
  refused?: string
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['CHECK_IN'])
  const submission = await parseForm(request, DeskActionSchema)
  if (submission.status !== 'success') return data<DeskAnswer>({ result: submission.reply(), checkIn: null, attemptedAt: null }, { status: 400 })
  const attemptedAt = new Date()
  const { value } = submission
  const staff = { eventId: event.id, staffUserId: user.id, now: attemptedAt }
  try {
    switch (value.intent) {
      case 'badge':
        return data<DeskAnswer>({ result: submission.reply({ resetForm: true }), checkIn: await checkIn(db, { ...staff, badgeCode: value.badgeCode }), attemptedAt })
      case 'check-in':
        return data<DeskAnswer>({ result: null, checkIn: await checkInRegistration(db, { ...staff, registrationId: value.registrationId }), attemptedAt })
      case 'undo': {
        const { attendee } = await undoCheckIn(db, { ...staff, registrationId: value.registrationId })
        return data<DeskAnswer>({ result: null, checkIn: null, attemptedAt, undone: { name: attendee.name } })
      }
    }
  } catch (error) {
    const refusal = refusalOf(error)
    return data<DeskAnswer>({ result: null, checkIn: null, attemptedAt, refused: refusal.message }, refusalStatus(refusal))
  }
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const { event, totals } = loaderData
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(CheckInSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckInSchema }),
  })
  const inputRef = useRef<HTMLInputElement>(null)
  // Ready for the next badge as soon as a result is shown.
  useEffect(() => {
    if (actionData) inputRef.current?.focus()
  }, [actionData])
  const { key: inputKey, ...inputProps } = getInputProps(fields.badgeCode, { type: 'text' })
  const errorId = fields.badgeCode.errors?.length ? fields.badgeCode.errorId : undefined

  return (
    <>

      <div className="check-in">
        <section className="panel check-in__desk" aria-label="Badge">
          <Form method="post" {...getFormProps(form)} className="stack">
            <input type="hidden" name="intent" value="badge" />
            <div className="field">
              <label htmlFor={fields.badgeCode.id}>Badge code</label>
              <p id={`${fields.badgeCode.id}-hint`} className="field-hint">
                The 10 letters and digits under the QR code. Spaces and dashes do not matter.
              </p>
              <div className="check-in__entry">
                <input
                  key={inputKey}
                  {...inputProps}
                  ref={inputRef}
                  className="input--badge-code"
                  // eslint-disable-next-line jsx-a11y/no-autofocus -- the check-in desk's page exists to type badge codes one after another; the field is its only task
                  autoFocus
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  aria-invalid={errorId ? true : undefined}
                  aria-describedby={[`${fields.badgeCode.id}-hint`, errorId].filter(Boolean).join(' ')}
                />
                <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                  Check in
                </button>
              </div>
              <ErrorList id={errorId} errors={fields.badgeCode.errors} />
            </div>
            <BadgeScanner inputId={fields.badgeCode.id} />
          </Form>
        </section>

        <div className="check-in__result" role="status" aria-live="polite">
          {actionData?.checkIn && actionData.attemptedAt ? (
            <CheckInResultPanel result={actionData.checkIn} attemptedAt={actionData.attemptedAt} timeZone={event.timeZone} />
          ) : actionData?.undone ? (
            <article className="check-in-result check-in-result--warning" aria-labelledby="check-in-result-heading">
              <h2 id="check-in-result-heading" className="check-in-result__heading">
                Check-in undone
              </h2>
              <p className="check-in-result__name">{actionData.undone.name}</p>
              <p className="check-in-result__detail">They are not checked in any more. The undo is in the audit log.</p>
            </article>
          ) : actionData?.refused ? (
            <article className="check-in-result check-in-result--danger" aria-labelledby="check-in-result-heading">
              <h2 id="check-in-result-heading" className="check-in-result__heading">
                Nothing changed
              </h2>
              <p className="check-in-result__detail">{actionData.refused}</p>
            </article>
          ) : (
            <p className="check-in__idle">Type or scan a badge to see who it is.</p>
          )}
        </div>
      </div>

      <DeskSearch q={loaderData.q} search={loaderData.search} timeZone={event.timeZone} />

      <section className="panel" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Arrivals</h2>
        <dl className="stat-grid">
          <div>
            <dt>Checked in</dt>
            <dd>{totals.checkedIn}</dd>
          </div>
          <div>
            <dt>Approved</dt>
            <dd>{totals.approved}</dd>
          </div>
          <div>
            <dt>Still to arrive</dt>
            <dd>{Math.max(0, totals.approved - totals.checkedIn)}</dd>
          </div>
        </dl>
        <progress className="check-in__progress" max={Math.max(1, totals.approved)} value={totals.checkedIn} aria-label="Share of approved attendees checked in">
          {totals.checkedIn} of {totals.approved}
        </progress>
        {/* No download attribute: when a recent sign-in is needed the server answers with the confirmation page, which must open. */}
        <p className="console-links">
          <a href={href('/events/:slug/manage/check-in/export/:file', { slug: event.slug, file: 'check-in-list.xlsx' })}>Download the check-in list (Excel, ready to print)</a>
          <a href={href('/events/:slug/manage/check-in/export/:file', { slug: event.slug, file: 'check-in-list.csv' })}>Download the check-in list (CSV)</a>
        </p>
      </section>
    </>
  )
}

function CheckInResultPanel({ result, attemptedAt, timeZone }: { result: CheckInResult; attemptedAt: Date; timeZone: string }) {
  const code = result.badgeCode ? formatBadgeCode(result.badgeCode) : null
  // The time alone on the day itself; the date too when it was another day.
  const moment = (instant: Date) =>
    calendarDayParts(instant, timeZone).key === calendarDayParts(attemptedAt, timeZone).key
      ? formatTime(instant, timeZone)
      : `${formatTime(instant, timeZone)} on ${formatShortDate(instant, timeZone)}`

  if (result.outcome === 'checked-in' || result.outcome === 'already-checked-in' || result.outcome === 'refused') {
    const { attendee } = result
    const tone = result.outcome === 'checked-in' ? 'success' : result.outcome === 'already-checked-in' ? 'warning' : 'danger'
    const heading = result.outcome === 'checked-in' ? 'Checked in' : result.outcome === 'already-checked-in' ? 'Already checked in' : 'Do not admit'
    return (
      <article className={`check-in-result check-in-result--${tone}`} aria-labelledby="check-in-result-heading">
        <h2 id="check-in-result-heading" className="check-in-result__heading">
          {heading}
        </h2>
        <p className="check-in-result__name">{attendee.name}</p>
        <AttendeeIdentity attendee={attendee} />
        <p>
          <span className={`badge badge--${registrationStatusTones[attendee.status]}`}>{registrationStatusLabels[attendee.status]}</span>
        </p>
        <p className="check-in-result__detail">
          {result.outcome === 'checked-in'
            ? `Checked in at ${moment(result.checkedInAt)}.`
            : result.outcome === 'already-checked-in'
              ? `Already checked in at ${moment(result.checkedInAt)}${result.checkedInBy ? ` by ${result.checkedInBy}` : ''}.`
              : result.message}
        </p>
        {code ? <p className="check-in-result__code">Badge {code}</p> : null}
        {result.outcome === 'checked-in' ? <UndoCheckIn registrationId={result.registrationId} /> : null}
      </article>
    )
  }
  return (
    <article className="check-in-result check-in-result--danger" aria-labelledby="check-in-result-heading">
      <h2 id="check-in-result-heading" className="check-in-result__heading">
        {result.outcome === 'other-event' ? 'Do not admit' : 'Badge not recognised'}
      </h2>
      <p className="check-in-result__detail">{result.message}</p>
      {code ? <p className="check-in-result__code">Badge {code}</p> : null}
    </article>
  )
}

/** What staff compare with the person's ID: the vetted organisation and nationality. */
function AttendeeIdentity({ attendee }: { attendee: CheckInAttendee }) {
  if (!attendee.organisation && !attendee.nationality) return null
  return (
    <p className="check-in-result__organisation">
      {[attendee.organisation, attendee.nationality ? `${countryName(attendee.nationality)} national` : null].filter(Boolean).join(' · ')}
    </p>
  )
}

/** The one person the result panel shows: "Undo check-in" needs no name. */
function UndoCheckIn({ registrationId }: { registrationId: string }) {
  const navigation = useNavigation()
  return (
    <Form method="post" className="check-in-result__undo">
      <input type="hidden" name="intent" value="undo" />
      <input type="hidden" name="registrationId" value={registrationId} />
      <button type="submit" className="button button--small" disabled={navigation.state === 'submitting'}>
        Undo check-in
      </button>
    </Form>
  )
}

type DeskSearchResult = Awaited<ReturnType<typeof searchAtDesk>>

/** For someone without their badge: find them by name, check their ID, check them in. */
function DeskSearch({ q, search, timeZone }: { q: string; search: DeskSearchResult; timeZone: string }) {
  const navigation = useNavigation()
  return (
    <section className="panel" aria-labelledby="desk-search-heading">
      <h2 id="desk-search-heading">No badge with them?</h2>
      <Form method="get" className="check-in__entry" role="search" aria-label="Find an attendee by name">
        <label htmlFor="desk-search" className="visually-hidden">
          Name, email or organisation
        </label>
        <input id="desk-search" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Name, email or organisation" autoComplete="off" />
        <button type="submit" className="button">
          Find
        </button>
      </Form>
      {q ? (
        search.people.length === 0 ? (
          <p className="muted">Nobody registered for this event matches “{q}”.</p>
        ) : (
          <ul className="plain-list desk-results">
            {search.people.map((person) => (
              <li key={person.registrationId} className="desk-result">
                <div>
                  <p className="desk-result__name">{person.attendee.name}</p>
                  <AttendeeIdentity attendee={person.attendee} />
                  <span className={`badge badge--${registrationStatusTones[person.attendee.status]}`}>{registrationStatusLabels[person.attendee.status]}</span>
                </div>
                {person.checkedInAt ? (
                  <p className="desk-result__state">
                    Checked in at {formatTime(person.checkedInAt, timeZone)}
                    {person.checkedInBy ? ` by ${person.checkedInBy}` : ''}
                  </p>
                ) : person.attendee.status === 'APPROVED' ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="check-in" />
                    <input type="hidden" name="registrationId" value={person.registrationId} />
                    <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                      Check in<span className="visually-hidden"> {person.attendee.name}</span>
                    </button>
                  </Form>
                ) : (
                  <p className="desk-result__state">Do not admit: not approved</p>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {search.more ? <p className="muted">More people match: type more of the name.</p> : null}
    </section>
  )
}
