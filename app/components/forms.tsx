// Form building blocks: a label, the control, a hint and its errors, wired for screen readers.
import { useId } from 'react'

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  )
}

export function Field({
  label,
  hint,
  errors,
  inputProps,
}: {
  label: string
  hint?: string
  errors?: readonly string[] | null
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { key?: string | undefined }
}) {
  const fallbackId = useId()
  const id = inputProps.id ?? fallbackId
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const { key, ...props } = inputProps
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...props}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({
  label,
  hint,
  errors,
  textareaProps,
}: {
  label: string
  hint?: string
  errors?: readonly string[] | null
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string | undefined }
}) {
  const fallbackId = useId()
  const id = textareaProps.id ?? fallbackId
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const { key, ...props } = textareaProps
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        key={key}
        {...props}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
