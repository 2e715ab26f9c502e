// The registration form builder: the event's own questions in order, each movable, editable and
// removable, a form to add or edit one with a live preview of it, and the whole form as
// applicants see it. Rules for forms people have already answered live in the domain
// (question-builder.server.ts).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useEffect, useRef } from 'react'
import { data, Form, href, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, SelectField, TextareaField } from '#app/components/forms.tsx'
import { QuestionField } from '#app/components/question-field.tsx'
import { addQuestion, getQuestionBuilder, moveQuestion, removeQuestion, updateQuestion } from '#app/domain/registration/question-builder.server.ts'
import { hasOptions, QuestionFieldsSchema, QuestionFormSchema, questionKindLabels, questionKinds } from '#app/domain/registration/question-builder.ts'
import { offeredOptions, type RegistrationQuestion } from '#app/domain/registration/registration-form.ts'
import { db } from '#app/lib/db.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { clientInfo } from '#app/lib/request.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/questions'

const questionId = z.string().min(1).max(64)
const EditSchema = QuestionFormSchema.and(z.object({ intent: z.enum(['add', 'save']), questionId: questionId.optional() }))
const RowSchema = z.object({ intent: z.enum(['move-up', 'move-down', 'remove']), questionId })
const ActionSchema = z.union([EditSchema, RowSchema])

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Registration questions · ${loaderData.event.title} · Muster` : 'Registration questions · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const builder = await getQuestionBuilder(db, event.id)
  const editId = new URL(request.url).searchParams.get('edit')
  const editing = builder.active.find((question) => question.id === editId) ?? null
  return data({ event, ...builder, editing })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const formData = await readForm(request, ActionSchema)
  const actor = { eventId: event.id, actorId: user.id, ipAddress: clientInfo(request).ipAddress }
  const pagePath = href('/events/:slug/manage/questions', { slug: event.slug })
  const row = RowSchema.safeParse({ intent: formData.get('intent'), questionId: formData.get('questionId') })
  if (row.success) {
    const { intent, questionId } = row.data
    try {
      if (intent === 'remove') {
        const removed = await removeQuestion(db, { ...actor, questionId })
        return redirectWithNotice(pagePath, { key: removed.archived ? 'question-archived' : 'question-deleted' })
      }
      await moveQuestion(db, { ...actor, questionId, direction: intent === 'move-up' ? 'up' : 'down' })
      return data({ result: null, moved: { questionId, intent } })
    } catch (error) {
      const refusal = refusalOf(error)
      throw data(refusal.message, refusalStatus(refusal))
    }
  }
  const submission = parseWithZod(formData, { schema: EditSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), moved: null }, { status: 400 })
  const { intent, questionId: editedId, ...values } = submission.value
  try {
    if (intent === 'save' && editedId) {
      await updateQuestion(db, { ...actor, questionId: editedId, values })
      return redirectWithNotice(pagePath, { key: 'question-saved' })
    }
    await addQuestion(db, { ...actor, values })
    return redirectWithNotice(pagePath, { key: 'question-added' })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal), moved: null }, refusalStatus(refusal))
  }
}

type Question = Route.ComponentProps['loaderData']['active'][number]

export default function RegistrationQuestions({ loaderData, actionData }: Route.ComponentProps) {
  const { event, active, archived, registrations, editing } = loaderData
  const pagePath = href('/events/:slug/manage/questions', { slug: event.slug })
  return (
    <>
      <p className="lede">
        What applicants answer besides their name, job title, nationality and organisation, in this order.
        {registrations > 0
          ? ` ${registrations.toLocaleString('en-GB')} ${registrations === 1 ? 'person has' : 'people have'} registered: removing a question keeps their answers, and a new required question is asked when they next edit.`
          : ''}
      </p>
      <div className="question-builder">
        <section className="panel" aria-labelledby="questions-heading">
          <h2 id="questions-heading">The form’s questions</h2>
          {active.length === 0 ? (
            <p className="muted">No questions yet: the form asks only for the person and their organisation.</p>
          ) : (
            <ol className="question-list">
              {active.map((question, index) => (
                <QuestionRow key={question.id} question={question} first={index === 0} last={index === active.length - 1} pagePath={pagePath} focus={actionData?.moved?.questionId === question.id ? actionData.moved.intent : null} />
              ))}
            </ol>
          )}
          {archived.length > 0 ? (
            <details className="question-archive">
              <summary>Removed questions whose answers are kept ({archived.length})</summary>
              <ul className="plain-list">
                {archived.map((question) => (
                  <li key={question.id}>
                    {question.label} <span className="muted">· {questionKindLabels[question.kind]}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
        {/* A fresh form after each question added or removed: the last one's answers must not linger in the next. */}
        <QuestionEditor key={editing?.id ?? `new-${active.length}-${archived.length}`} editing={editing} lastResult={actionData?.result ?? null} pagePath={pagePath} />
        {active.length > 0 ? (
          <section className="panel" aria-labelledby="preview-form-heading">
            <h2 id="preview-form-heading">What applicants see</h2>
            <FormPreview id="form-preview" questions={active} />
          </section>
        ) : null}
      </div>
    </>
  )
}

function QuestionRow({ question, first, last, pagePath, focus }: { question: Question; first: boolean; last: boolean; pagePath: string; focus: 'move-up' | 'move-down' | 'remove' | null }) {
  const busy = useNavigation().state !== 'idle'
  const upButton = useRef<HTMLButtonElement>(null)
  const downButton = useRef<HTMLButtonElement>(null)
  // Keyboard users keep their place: the button they pressed keeps the focus as the question moves (the other one once it reaches an end).
  useEffect(() => {
    if (!focus) return
    const pressed = focus === 'move-up' ? (first ? downButton : upButton) : last ? upButton : downButton
    pressed.current?.focus()
  }, [focus, first, last])
  const options = offeredOptions(question)
  const retired = question.options.filter((option) => option.retired)
  return (
    <li className="question-row" id={`question-${question.id}`}>
      <div>
        <h3 className="question-row__label">{question.label}</h3>
        <p className="muted question-row__facts">
          {questionKindLabels[question.kind]} · {question.required ? 'Required' : 'Optional'}
          {question.vetted ? ' · Changes need re-vetting' : ''}
        </p>
        {question.helpText ? <p className="question-row__help">{question.helpText}</p> : null}
        {options.length > 0 ? <p className="question-row__options">Options: {options.map((option) => option.label).join(' · ')}</p> : null}
        {retired.length > 0 ? <p className="muted">No longer offered, kept on answers: {retired.map((option) => option.label).join(' · ')}</p> : null}
      </div>
      <div className="button-row question-row__actions">
        <Form method="post" preventScrollReset>
          <input type="hidden" name="questionId" value={question.id} />
          <button className="button button--small" type="submit" name="intent" value="move-up" disabled={first || busy} aria-label={`Move “${question.label}” up`} ref={upButton}>
            Up
          </button>
          <button className="button button--small" type="submit" name="intent" value="move-down" disabled={last || busy} aria-label={`Move “${question.label}” down`} ref={downButton}>
            Down
          </button>
        </Form>
        <Link className="button button--small" to={`${pagePath}?edit=${question.id}#question-editor`} aria-label={`Edit “${question.label}”`}>
          Edit
        </Link>
        <Form method="post">
          <input type="hidden" name="questionId" value={question.id} />
          <button className="button button--small button--danger" type="submit" name="intent" value="remove" disabled={busy} aria-label={`Remove “${question.label}”`}>
            Remove
          </button>
        </Form>
      </div>
    </li>
  )
}

function QuestionEditor({ editing, lastResult, pagePath }: { editing: Question | null; lastResult: SubmissionResult<string[]> | null; pagePath: string }) {
  const busy = useNavigation().state !== 'idle'
  const [form, fields] = useForm<z.input<typeof QuestionFormSchema>, z.output<typeof EditSchema>>({
    id: 'question-editor-form',
    lastResult,
    defaultValue: editing
      ? {
          label: editing.label,
          helpText: editing.helpText ?? '',
          kind: editing.kind,
          required: editing.required ? 'on' : undefined,
          vetted: editing.vetted ? 'on' : undefined,
          options: offeredOptions(editing)
            .map((option) => option.label)
            .join('\n'),
        }
      : { kind: 'TEXT' },
    constraint: getZodConstraint(QuestionFieldsSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSchema }),
  })
  const kind = questionKinds.find((candidate) => candidate === fields.kind.value) ?? 'TEXT'
  const draft: RegistrationQuestion = {
    key: 'draft',
    label: typeof fields.label.value === 'string' && fields.label.value.trim() ? fields.label.value : 'Your question',
    helpText: typeof fields.helpText.value === 'string' && fields.helpText.value.trim() ? fields.helpText.value : null,
    kind,
    required: fields.required.value === 'on',
    vetted: fields.vetted.value === 'on',
    options:
      typeof fields.options.value === 'string'
        ? fields.options.value
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean)
            .map((label, index) => ({ value: `option-${index}`, label }))
        : [],
  }
  return (
    <section className="panel" id="question-editor" aria-labelledby="question-editor-heading">
      <h2 id="question-editor-heading">{editing ? `Edit “${editing.label}”` : 'Add a question'}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value={editing ? 'save' : 'add'} />
        {editing ? <input type="hidden" name="questionId" value={editing.id} /> : null}
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label="Question" errors={fields.label.errors} inputProps={{ ...getInputProps(fields.label, { type: 'text' }), autoComplete: 'off' }} />
        <TextareaField label="Help for applicants (optional)" errors={fields.helpText.errors} textareaProps={{ ...getTextareaProps(fields.helpText), rows: 2 }} />
        <SelectField label="Kind of answer" errors={fields.kind.errors} selectProps={getSelectProps(fields.kind)}>
          {questionKinds.map((value) => (
            <option key={value} value={value}>
              {questionKindLabels[value]}
            </option>
          ))}
        </SelectField>
        {hasOptions(kind) ? (
          <TextareaField
            label="Options"
            hint="One per line, in the order applicants see them. An option someone already chose stays on their answer if you remove it."
            errors={fields.options.errors}
            textareaProps={{ ...getTextareaProps(fields.options), rows: 5 }}
          />
        ) : (
          <input type="hidden" name={fields.options.name} value="" />
        )}
        <div className="field">
          <label className="choice">
            <input {...getInputProps(fields.required, { type: 'checkbox', value: 'on' })} />
            Applicants must answer
          </label>
          <label className="choice">
            <input {...getInputProps(fields.vetted, { type: 'checkbox', value: 'on' })} />
            Changes need re-vetting (an approved registration whose answer changes goes back to the vetting queue)
          </label>
        </div>
        <section className="question-draft" aria-labelledby="question-draft-heading">
          <h3 id="question-draft-heading">Preview</h3>
          <FormPreview id="question-draft-preview" questions={[draft]} />
        </section>
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={busy}>
            {editing ? 'Save the question' : 'Add the question'}
          </button>
          {editing ? (
            <Link className="button button--quiet" to={pagePath}>
              Cancel
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  )
}

/** The questions as the registration form renders them, in a form of their own that cannot be sent. */
function FormPreview({ id, questions }: { id: string; questions: readonly RegistrationQuestion[] }) {
  const [, fields] = useForm<Record<string, unknown>>({ id })
  return (
    <fieldset className="form-preview" disabled aria-label="Preview only: nothing here is sent">
      {questions.map((question) => {
        const field = fields[question.key]
        return field ? <QuestionField key={question.key} question={question} field={field} /> : null
      })}
    </fieldset>
  )
}
