// The event details form, for a new event and for the settings of an existing one. Moments are
// typed in the event's own zone; the zone list is the platform's IANA list, searchable by
// typing, with the browser's zone filled in for a new event. The address is suggested from the
// title until the organiser edits it. Works without JavaScript (the server checks everything).
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useState } from 'react'
import { Form, useNavigation } from 'react-router'
import type { z } from 'zod'
import { ErrorList, Field, TextareaField } from '#app/components/forms.tsx'
import { eligibilityPresets, EventDetailsSchema, type EligibilityPreset } from '#app/domain/events/event-details.ts'
import { useBrowserValue } from '#app/lib/browser-value.ts'
import { countryOptions } from '#app/lib/countries.ts'
import { slugify } from '#app/lib/slug.ts'

type FormValues = z.input<typeof EventDetailsSchema>
export type EventDetailsDefaults = Partial<Record<keyof FormValues, string | string[] | boolean | number | null>>

const zoneNames = Intl.supportedValuesOf('timeZone')

export function EventDetailsForm({
  defaultValue,
  lastResult,
  fixedFields = [],
  submitLabel,
  extraFields,
}: {
  defaultValue?: EventDetailsDefaults
  lastResult?: SubmissionResult<string[]> | null
  /** Fields shown but not editable (a published event's dates and venue): the server keeps their stored values. */
  fixedFields?: readonly string[]
  submitLabel: string
  extraFields?: React.ReactNode
}) {
  const navigation = useNavigation()
  const browserZone = useBrowserValue(() => Intl.DateTimeFormat().resolvedOptions().timeZone, '')
  const [form, fields] = useForm<FormValues>({
    lastResult,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(EventDetailsSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventDetailsSchema }),
  })
  // The address follows the title until the organiser types one of their own.
  const [slugEdited, setSlugEdited] = useState(Boolean(defaultValue?.slug))
  const [eligibility, setEligibility] = useState<EligibilityPreset>((defaultValue?.eligibility as EligibilityPreset | undefined) ?? 'anyone')
  const fixed = (name: string) => fixedFields.includes(name)
  const zone = fields.timeZone.value || browserZone || 'the event’s zone'
  const inZone = `In ${zone}, as the programme shows it.`
  const fixedHint = 'Fixed once the event is published: registrants hold invites for it.'
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorList id={form.errorId} errors={form.errors} />
      {extraFields}
      <fieldset className="form-section">
        <legend>The event</legend>
        <Field
          label="Title"
          errors={fields.title.errors}
          inputProps={{
            ...getInputProps(fields.title, { type: 'text' }),
            onChange: (change) => {
              if (!slugEdited && !fixed('slug')) form.update({ name: fields.slug.name, value: slugify(change.currentTarget.value) })
            },
          }}
        />
        <Field
          label="Address of the event page"
          hint={fixed('slug') ? fixedHint : 'The last part of the link: /events/your-address. Lower-case letters, digits and hyphens.'}
          errors={fields.slug.errors}
          inputProps={{
            ...getInputProps(fields.slug, { type: 'text' }),
            readOnly: fixed('slug'),
            autoCapitalize: 'none',
            spellCheck: false,
            onChange: () => setSlugEdited(true),
          }}
        />
        <Field label="Summary" hint="One line for lists and link previews." errors={fields.summary.errors} inputProps={getInputProps(fields.summary, { type: 'text' })} />
        <TextareaField
          label="Description"
          hint="Shown on the event page, in Markdown: **bold**, *italic*, lists with -, links as [text](https://…). Leave a blank line between paragraphs."
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 8 }}
        />
        <div className="field-row">
          <Field label="Host" hint="Who runs it, e.g. NATO Defence Investment Division." errors={fields.hostName.errors} inputProps={getInputProps(fields.hostName, { type: 'text' })} />
          <Field
            label="Contact email"
            hint="Shown to registrants for questions."
            errors={fields.contactEmail.errors}
            inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'email' }}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Where and when</legend>
        <div className="field-row">
          <Field label="Venue" hint={fixed('venueName') ? fixedHint : undefined} errors={fields.venueName.errors} inputProps={{ ...getInputProps(fields.venueName, { type: 'text' }), readOnly: fixed('venueName') }} />
          <Field
            label="Venue address"
            errors={fields.venueAddress.errors}
            inputProps={{ ...getInputProps(fields.venueAddress, { type: 'text' }), readOnly: fixed('venueAddress'), autoComplete: 'off' }}
          />
        </div>
        <Field
          label="Time zone"
          hint={fixed('timeZone') ? fixedHint : 'Type to search, e.g. Brussels or America/New_York.'}
          errors={fields.timeZone.errors}
          inputProps={{
            ...getInputProps(fields.timeZone, { type: 'text' }),
            // A new event starts in the browser's zone; the server's HTML has none to offer.
            ...(fields.timeZone.initialValue ? {} : { defaultValue: browserZone, key: `${fields.timeZone.key}-${browserZone}` }),
            list: 'time-zones',
            readOnly: fixed('timeZone'),
            autoComplete: 'off',
            spellCheck: false,
          }}
        />
        <datalist id="time-zones">
          {zoneNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <div className="field-row">
          <Field label="Starts" hint={fixed('startsAt') ? fixedHint : inZone} errors={fields.startsAt.errors} inputProps={{ ...getInputProps(fields.startsAt, { type: 'datetime-local' }), readOnly: fixed('startsAt') }} />
          <Field label="Ends" hint={fixed('endsAt') ? fixedHint : inZone} errors={fields.endsAt.errors} inputProps={{ ...getInputProps(fields.endsAt, { type: 'datetime-local' }), readOnly: fixed('endsAt') }} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Registration</legend>
        <div className="field-row">
          <Field label="Registration opens" hint={inZone} errors={fields.registrationOpensAt.errors} inputProps={getInputProps(fields.registrationOpensAt, { type: 'datetime-local' })} />
          <Field
            label="Registration closes"
            hint="Before the event ends."
            errors={fields.registrationClosesAt.errors}
            inputProps={getInputProps(fields.registrationClosesAt, { type: 'datetime-local' })}
          />
        </div>
        <Field
          label="Capacity"
          hint={fixed('capacity') ? 'Change it on the overview, where freed seats go to the waiting list.' : 'Approved seats. Leave empty for unlimited.'}
          errors={fields.capacity.errors}
          inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), inputMode: 'numeric', step: 1, min: 1, readOnly: fixed('capacity') }}
        />
        <div className="field">
          <label className="choice">
            <input {...getInputProps(fields.approvalRequired, { type: 'checkbox', value: 'on' })} />
            Registrations need approval by a vetting officer
          </label>
          <label className="choice">
            <input {...getInputProps(fields.waitlistEnabled, { type: 'checkbox', value: 'on' })} />
            Keep a waiting list once the event is full
          </label>
          <label className="choice">
            <input {...getInputProps(fields.attendeeListPublic, { type: 'checkbox', value: 'on' })} />
            Anyone may see “Who is coming” (otherwise only approved attendees and staff). Only people who agreed are in it.
          </label>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Who may register</legend>
        <fieldset className="field choice-group" aria-describedby={fields.eligibility.errors ? fields.eligibility.errorId : undefined}>
          <legend>Nationality</legend>
          {getCollectionProps(fields.eligibility, { type: 'radio', options: Object.keys(eligibilityPresets) }).map(({ key, ...props }) => (
            <label key={key} className="choice">
              <input
                {...props}
                onChange={(change) => {
                  // A preset ticks its countries below, where they can be edited into a list of one's own.
                  const preset = eligibilityPresets[change.currentTarget.value as EligibilityPreset]
                  setEligibility(change.currentTarget.value as EligibilityPreset)
                  if (preset.countries) form.update({ name: fields.nationalities.name, value: [...preset.countries] })
                  if (preset.explanation && !fields.eligibilityExplanation.value) form.update({ name: fields.eligibilityExplanation.name, value: preset.explanation })
                }}
              />
              {eligibilityPresets[props.value as EligibilityPreset].label}
            </label>
          ))}
          <ErrorList id={fields.eligibility.errorId} errors={fields.eligibility.errors} />
        </fieldset>
        <details className="country-picker" open={eligibility !== 'anyone' || Boolean(fields.nationalities.errors)}>
          <summary>The countries admitted: tick or untick to make a list of your own</summary>
          <fieldset className="field" aria-describedby={fields.nationalities.errors ? fields.nationalities.errorId : undefined}>
            <legend className="visually-hidden">Nationalities admitted</legend>
            <div className="choice-columns country-picker__list">
              {getCollectionProps(fields.nationalities, { type: 'checkbox', options: countryOptions.map((country) => country.value) }).map(({ key, ...props }) => (
                <label key={key} className="choice">
                  <input
                    {...props}
                    onChange={() => {
                      setEligibility('custom')
                      form.update({ name: fields.eligibility.name, value: 'custom' })
                    }}
                  />
                  {countryOptions.find((country) => country.value === props.value)?.label}
                </label>
              ))}
            </div>
            <ErrorList id={fields.nationalities.errorId} errors={fields.nationalities.errors} />
          </fieldset>
        </details>
        <Field
          label="Why the rule exists"
          hint="Shown to applicants, e.g. “The briefings cover Alliance capability requirements.”"
          errors={fields.eligibilityExplanation.errors}
          inputProps={getInputProps(fields.eligibilityExplanation, { type: 'text' })}
        />
      </fieldset>

      <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
        {submitLabel}
      </button>
    </Form>
  )
}
