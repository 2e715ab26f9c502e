import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useEffect, useRef } from 'react'
import { data, Form, useNavigation } from 'react-router'
import { z } from 'zod'
import { BadgeScanner } from '#app/components/badge-scanner.tsx'
import { ErrorList } from '#app/components/forms.tsx'
import { formatBadgeCode } from '#app/domain/registration/badge-code.ts'
import { checkIn, checkInTotals, type CheckInResult } from '#app/domain/registration/check-in.server.ts'
import { registrationStatusLabels, registrationStatusTones } from '#app/domain/registration/vetting.ts'
import { db } from '#app/lib/db.server.ts'
import { calendarDayParts, formatShortDate, formatTime } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/check-in'
import { parseForm } from '#app/lib/form.server.ts'

const CheckInSchema = z.object({
  badgeCode: z
    .string({ error: 'Type or scan a badge code' })
    .trim()
    .min(1, 'Type or scan a badge code')
    .max(40, 'A badge code has 10 letters and digits'),
})

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Check-in · ${loaderData.event.title} · Muster` : 'Check-in · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['CHECK_IN'])
  return data({ event, totals: await checkInTotals(db, event.id) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['CHECK_IN'])
  const submission = await parseForm(request, CheckInSchema)
  if (submission.status !== 'success') return data({ result: submission.reply(), checkIn: null, attemptedAt: null }, { status: 400 })
  const attemptedAt = new Date()
  const checkInResult = await checkIn(db, { eventId: event.id, badgeCode: submission.value.badgeCode, staffUserId: user.id, now: attemptedAt })
  return { result: submission.reply({ resetForm: true }), checkIn: checkInResult, attemptedAt }
}

export default function CheckIn({ loaderData, actionData }: Route.ComponentProps) {
  const { event, totals } = loaderData
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
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
          ) : (
            <p className="check-in__idle">Type or scan a badge to see who it is.</p>
          )}
        </div>
      </div>

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
        {attendee.organisation ? <p className="check-in-result__organisation">{attendee.organisation}</p> : null}
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
