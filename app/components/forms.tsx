// Form building blocks: a label, the control, a hint and its errors, wired for screen readers.
import { useId } from 'react'

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null
  // The alert role sits on a wrapper: a list may not take it.
  return (
    <div id={id} role="alert">
      <ul className="field-errors">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </div>
  )
}

type FieldFrameProps = { label: string; hint?: string; errors?: readonly string[] | null; controlId?: string }

/** Label, hint and errors around one control; `control` receives the ids and aria attributes to spread. */
function FieldFrame({
  label,
  hint,
  errors,
  controlId,
  control,
}: FieldFrameProps & {
  control: (wiring: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => React.ReactNode
}) {
  const fallbackId = useId()
  const id = controlId ?? fallbackId
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {control({
        id,
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function Field({
  inputProps,
  ...frame
}: Omit<FieldFrameProps, 'controlId'> & { inputProps: React.InputHTMLAttributes<HTMLInputElement> & { key?: string | undefined } }) {
  const { key, ...props } = inputProps
  return <FieldFrame {...frame} controlId={props.id} control={(wiring) => <input key={key} {...props} {...wiring} />} />
}

export function TextareaField({
  textareaProps,
  ...frame
}: Omit<FieldFrameProps, 'controlId'> & {
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string | undefined }
}) {
  const { key, ...props } = textareaProps
  return <FieldFrame {...frame} controlId={props.id} control={(wiring) => <textarea key={key} {...props} {...wiring} />} />
}

export function SelectField({
  selectProps,
  children,
  ...frame
}: Omit<FieldFrameProps, 'controlId'> & {
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { key?: string | undefined }
  children: React.ReactNode
}) {
  const { key, ...props } = selectProps
  return (
    <FieldFrame
      {...frame}
      controlId={props.id}
      control={(wiring) => (
        <select key={key} {...props} {...wiring}>
          {children}
        </select>
      )}
    />
  )
}
