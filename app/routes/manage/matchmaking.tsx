import { getCollectionProps, getFormProps, getInputProps, useForm } from '@conform-to/react'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import { ErrorList, Field } from '#app/components/forms.tsx'
import { matchmakingSettingsSchema, MAX_LIMIT, profileVisibilities, profileVisibilityLabels } from '#app/domain/matchmaking/settings-form.ts'
import { getMatchmakingSettings, updateMatchmakingSettings } from '#app/domain/matchmaking/settings.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateTime, zoneAbbreviation, toWallClockInput } from '#app/lib/time.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { z } from 'zod'
import type { Route } from './+types/matchmaking'
import { parseForm } from '#app/lib/form.server.ts'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Matchmaking settings · ${loaderData.event.title} · Muster` : 'Matchmaking settings · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  return data({ event, ...(await getMatchmakingSettings(db, event.id)) })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const submission = await parseForm(request, matchmakingSettingsSchema(event.timeZone))
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 })
  try {
    await updateMatchmakingSettings(db, { eventId: event.id, actorId: user.id, values: submission.value })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), saved: false }, refusalStatus(refusal))
  }
  return { result: submission.reply(), saved: true }
}

export default function MatchmakingSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { event, settings, participants } = loaderData
  const navigation = useNavigation()
  const schema = matchmakingSettingsSchema(event.timeZone)
  const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: {
      profileVisibility: settings.profileVisibility,
      b2bEnabled: settings.b2bEnabled ? 'on' : '',
      b2bBookingOpensAt: toWallClockInput(settings.b2bBookingOpensAt, event.timeZone),
      b2bBookingClosesAt: toWallClockInput(settings.b2bBookingClosesAt, event.timeZone),
      maxMeetingsPerPerson: settings.maxMeetingsPerPerson === null ? '' : String(settings.maxMeetingsPerPerson),
      maxPendingRequestsPerPerson: settings.maxPendingRequestsPerPerson === null ? '' : String(settings.maxPendingRequestsPerPerson),
    },
  })
  const zoneHint = (instant: Date | null) =>
    `In the event’s time zone, ${event.timeZone}${instant ? ` (${zoneAbbreviation(instant, event.timeZone)})` : ''}. Leave empty if not decided.`
  const limitHint = 'Leave empty for no limit.'
  return (
    <>

      <section aria-labelledby="matchmaking-heading" className="panel">
        <h2 id="matchmaking-heading">Matchmaking settings</h2>
        <p className="muted">
          {participants} {participants === 1 ? 'participant has' : 'participants have'} an approved registration and a profile open to matchmaking.
          {settings.b2bBookingOpensAt ? ` B2B booking opens ${formatDateTime(settings.b2bBookingOpensAt, event.timeZone)}.` : ''}
        </p>
        {actionData?.saved ? (
          <p className="notice notice--success" role="status">
            Matchmaking settings saved.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorList id={form.errorId} errors={form.errors} />
          <fieldset className="field choice-group" aria-describedby={fields.profileVisibility.errors ? fields.profileVisibility.errorId : undefined}>
            <legend>Participants see each other’s profiles</legend>
            {getCollectionProps(fields.profileVisibility, { type: 'radio', options: [...profileVisibilities] }).map(({ key, ...props }) => (
              <label key={key} className="choice">
                <input {...props} />
                {profileVisibilityLabels[props.value as (typeof profileVisibilities)[number]]}
              </label>
            ))}
            <ErrorList id={fields.profileVisibility.errorId} errors={fields.profileVisibility.errors} />
          </fieldset>
          <div className="field">
            <label className="choice">
              <input {...getInputProps(fields.b2bEnabled, { type: 'checkbox', value: 'on' })} />
              B2B meetings are on for this event
            </label>
          </div>
          <Field
            label="Booking opens"
            hint={zoneHint(settings.b2bBookingOpensAt)}
            errors={fields.b2bBookingOpensAt.errors}
            inputProps={getInputProps(fields.b2bBookingOpensAt, { type: 'datetime-local' })}
          />
          <Field
            label="Booking closes"
            hint={zoneHint(settings.b2bBookingClosesAt)}
            errors={fields.b2bBookingClosesAt.errors}
            inputProps={getInputProps(fields.b2bBookingClosesAt, { type: 'datetime-local' })}
          />
          <Field
            label="Most meetings per person"
            hint={`${limitHint} Keep it below the number of slots to leave people breaks.`}
            errors={fields.maxMeetingsPerPerson.errors}
            inputProps={{ ...getInputProps(fields.maxMeetingsPerPerson, { type: 'number' }), inputMode: 'numeric', step: 1, max: MAX_LIMIT }}
          />
          <Field
            label="Most open requests a person may have sent"
            hint={limitHint}
            errors={fields.maxPendingRequestsPerPerson.errors}
            inputProps={{ ...getInputProps(fields.maxPendingRequestsPerPerson, { type: 'number' }), inputMode: 'numeric', step: 1, max: MAX_LIMIT }}
          />
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            Save matchmaking settings
          </button>
        </Form>
      </section>
    </>
  )
}
