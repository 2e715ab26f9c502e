// One event-specific registration question, rendered as the control its kind needs, with its
// label, hint and errors tied together for screen readers.
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { offeredOptions, type RegistrationQuestion } from '#app/domain/registration/registration-form.ts'
import { ErrorList } from './forms.tsx'
import { CountryOptions } from './select-options.tsx'

export function QuestionField({ question, field }: { question: RegistrationQuestion; field: FieldMetadata<unknown> }) {
  const hintId = question.helpText ? `${field.id}-hint` : undefined
  const errorId = field.errors?.length ? field.errorId : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  const label = (
    <>
      {question.label}
      {question.required ? null : <span className="muted"> (optional)</span>}
    </>
  )
  const hint = question.helpText ? (
    <p id={hintId} className="field-hint">
      {question.helpText}
    </p>
  ) : null

  if (question.kind === 'CHOICE' || question.kind === 'MULTIPLE_CHOICE' || question.kind === 'YES_NO') {
    const options =
      question.kind === 'YES_NO'
        ? [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]
        : offeredOptions(question)
    const type = question.kind === 'MULTIPLE_CHOICE' ? 'checkbox' : 'radio'
    const labels = new Map(options.map((option) => [option.value, option.label]))
    return (
      <fieldset className="field choice-group" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {hint}
        {getCollectionProps(field as FieldMetadata<string | string[]>, { type, options: options.map((o) => o.value) }).map(
          ({ key, ...props }) => (
            <label key={key} className="choice">
              <input {...props} aria-invalid={errorId ? true : undefined} />
              {labels.get(props.value)}
            </label>
          ),
        )}
        <ErrorList id={errorId} errors={field.errors} />
      </fieldset>
    )
  }

  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint}
      {question.kind === 'LONG_TEXT' ? (
        <textarea {...getTextareaProps(field as FieldMetadata<string>)} rows={5} aria-describedby={describedBy} />
      ) : question.kind === 'COUNTRY' ? (
        <select {...getSelectProps(field as FieldMetadata<string>)} aria-describedby={describedBy}>
          <CountryOptions empty="Choose a country" />
        </select>
      ) : (
        <input {...getInputProps(field as FieldMetadata<string>, { type: 'text' })} aria-describedby={describedBy} />
      )}
      <ErrorList id={errorId} errors={field.errors} />
    </div>
  )
}
