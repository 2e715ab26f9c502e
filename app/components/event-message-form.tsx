// The form organisers write a message with: subject and Markdown body (with the merge fields
// listed), then who it goes to, criterion by criterion. Works without JavaScript; every group of
// choices is a fieldset with a legend, and errors sit next to their field.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { ErrorList, Field, SelectField, TextareaField } from './forms.tsx'
import { mergeFields, MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX, messageFormSchema, type MessageFormValues } from '#app/domain/event-messages/event-message.ts'
import { organisationKindLabels, organisationKinds } from '#app/domain/registration/registration-form.ts'
import { registrationStatuses, registrationStatusLabels } from '#app/domain/registration/vetting.ts'
import { formatShortDate } from '#app/lib/time.ts'

export type SegmentOptions = {
  nationalities: { code: string; name: string }[]
  organisationCountries: { code: string; name: string }[]
  breakouts: { id: string; title: string; startsAt: Date; status: string }[]
}

export function EventMessageForm({
  lastResult,
  defaultValue,
  options,
  timeZone,
  intent,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: MessageFormValues
  options: SegmentOptions
  timeZone: string
  /** The action's intent for this form, when the page has several. */
  intent?: string
  submitLabel: string
}) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    constraint: getZodConstraint(messageFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: messageFormSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack message-form">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <fieldset className="form-section">
        <legend>Message</legend>
        <Field label="Subject" errors={fields.subject.errors} inputProps={{ ...getInputProps(fields.subject, { type: 'text' }), maxLength: MESSAGE_SUBJECT_MAX }} />
        <TextareaField
          label="Message"
          hint={`Markdown: **bold**, *italic*, [a link](https://…), lists with “- ”. Merge fields: ${Object.entries(mergeFields)
            .map(([name, meaning]) => `{{${name}}} (${meaning})`)
            .join(', ')}.`}
          errors={fields.body.errors}
          textareaProps={{ ...getTextareaProps(fields.body), rows: 12, maxLength: MESSAGE_BODY_MAX }}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Who gets it</legend>
        <p className="field-hint">Everyone for whom every choice below holds. A group left empty means “any”. People who stopped organisers’ messages are left out.</p>
        <Choices
          legend="Registration status"
          type="checkbox"
          field={fields.statuses}
          options={registrationStatuses.map((status) => ({ value: status, label: registrationStatusLabels[status] }))}
          columns
        />
        <CountryChoices legend="Nationality" field={fields.nationalities} countries={options.nationalities} />
        <Choices legend="Organisation kind" type="checkbox" field={fields.organisationKinds} options={organisationKinds.map((kind) => ({ value: kind, label: organisationKindLabels[kind] }))} columns />
        <CountryChoices legend="Organisation’s country" field={fields.organisationCountries} countries={options.organisationCountries} />
        {options.breakouts.length ? (
          <div className="subfields">
            <SelectField label="Breakout session" hint="Only people with a seat in this session, or on its waiting list." errors={fields.breakoutSessionId.errors} selectProps={getSelectProps(fields.breakoutSessionId)}>
              <option value="">Any (no breakout condition)</option>
              {options.breakouts.map((session) => (
                <option key={session.id} value={session.id}>
                  {formatShortDate(session.startsAt, timeZone)}: {session.title}
                  {session.status === 'CANCELLED' ? ' (cancelled)' : ''}
                </option>
              ))}
            </SelectField>
            <Choices
              legend="In that session"
              type="radio"
              field={fields.breakoutSeat}
              options={[
                { value: 'ENROLLED', label: 'Seat holders' },
                { value: 'WAITLISTED', label: 'Its waiting list' },
              ]}
            />
          </div>
        ) : null}
        <Choices
          legend="B2B meetings"
          type="radio"
          field={fields.matchmaking}
          options={[
            { value: 'any', label: 'Anyone' },
            { value: 'participants', label: 'B2B participants (a published profile)' },
            { value: 'participants-without-meeting', label: 'B2B participants with no confirmed meeting yet' },
          ]}
        />
        <Choices
          legend="Check-in"
          type="radio"
          field={fields.checkIn}
          options={[
            { value: 'any', label: 'Anyone' },
            { value: 'checked-in', label: 'Checked in at the event' },
            { value: 'not-checked-in', label: 'Not checked in' },
          ]}
        />
      </fieldset>

      <div>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}

/** A group of checkboxes or radio buttons with its legend and errors. */
function Choices({
  legend,
  type,
  field,
  options,
  columns = false,
}: {
  legend: string
  type: 'checkbox' | 'radio'
  field: Parameters<typeof getCollectionProps>[0]
  options: readonly { value: string; label: string }[]
  columns?: boolean
}) {
  const labelOf = new Map(options.map((option) => [option.value, option.label]))
  const inputs = getCollectionProps(field, { type, options: options.map((option) => option.value) }).map(({ key, ...props }) => (
    <label key={key} className="choice">
      <input {...props} />
      {labelOf.get(props.value)}
    </label>
  ))
  return (
    <fieldset className="choice-group" aria-describedby={field.errors ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {columns ? <div className="choice-columns">{inputs}</div> : inputs}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

function CountryChoices({
  legend,
  field,
  countries,
}: {
  legend: string
  field: Parameters<typeof getCollectionProps>[0]
  countries: readonly { code: string; name: string }[]
}) {
  if (countries.length === 0) return null
  const chosen = Array.isArray(field.initialValue) ? field.initialValue.length : 0
  return (
    <details className="country-picker" open={chosen > 0 || Boolean(field.errors)}>
      <summary>
        {legend}: {chosen ? `${chosen} chosen` : 'any'}
      </summary>
      <fieldset className="field" aria-describedby={field.errors ? field.errorId : undefined}>
        <legend className="visually-hidden">{legend}</legend>
        <div className="choice-columns country-picker__list">
          {getCollectionProps(field, { type: 'checkbox', options: countries.map((country) => country.code) }).map(({ key, ...props }) => (
            <label key={key} className="choice">
              <input {...props} />
              {countries.find((country) => country.code === props.value)?.name}
            </label>
          ))}
        </div>
        <ErrorList id={field.errorId} errors={field.errors} />
      </fieldset>
    </details>
  )
}
