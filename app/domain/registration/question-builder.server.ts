// The organisers' registration form builder: add, edit, reorder and remove the event's own
// questions. Once people have registered, their answers must keep reading right: a removed
// question is archived (its answers stay, shown to officers as "question removed"), a removed
// option is kept on the question as retired when someone chose it (shown as "no longer
// offered", never offered again), an option's stored value never changes, and a question's kind
// cannot change under answers. A new required question is asked of existing registrants when
// they next edit. Every change is audited in its transaction.
import { DbNull } from '@prisma/client/runtime/client'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { slugify } from '#app/lib/slug.ts'
import { hasOptions, MAX_QUESTIONS_PER_EVENT, type QuestionFormValues } from './question-builder.ts'
import type { Answers, RegistrationQuestion } from './registration-form.ts'

type Actor = { eventId: string; actorId: string; ipAddress?: string | null }
type StoredOption = NonNullable<RegistrationQuestion['options']>[number]

const questionSelect = { id: true, key: true, label: true, helpText: true, kind: true, required: true, vetted: true, options: true, position: true, archivedAt: true } as const

function optionsOf(stored: unknown): StoredOption[] {
  return Array.isArray(stored) ? (stored as StoredOption[]) : []
}

/** The event's questions in order (removed ones after, for the record), and whether anyone has registered. */
export async function getQuestionBuilder(db: Db, eventId: string) {
  const [rows, registrations] = await Promise.all([
    db.registrationQuestion.findMany({ where: { eventId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: questionSelect }),
    db.registration.count({ where: { eventId } }),
  ])
  const questions = rows.map((row) => ({ ...row, options: optionsOf(row.options) }))
  return { active: questions.filter((question) => question.archivedAt === null), archived: questions.filter((question) => question.archivedAt !== null), registrations }
}

/** The registrations of the event that answered the question, by their answers. */
async function answersTo(db: Db | DbTransaction, eventId: string, key: string) {
  const registrations = await db.registration.findMany({ where: { eventId }, select: { answers: true } })
  return registrations.map((registration) => (registration.answers as Answers)[key]).filter((answer) => answer !== undefined && answer !== null && answer !== '')
}

/** A key for answers, from the label, never one the event has used (archived questions included). */
async function freeKey(tx: DbTransaction, eventId: string, label: string) {
  const base = slugify(label, 40) || 'question'
  const taken = new Set((await tx.registrationQuestion.findMany({ where: { eventId, key: { startsWith: base } }, select: { key: true } })).map((row) => row.key))
  if (!taken.has(base)) return base
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`
}

/**
 * The options to store: labels kept from before keep their values; new ones get a value of
 * their own; a removed one stays, retired, when an answer chose it.
 */
function mergeOptions(before: StoredOption[], labels: string[], chosen: Set<string>): StoredOption[] {
  const byLabel = new Map(before.map((option) => [option.label.toLowerCase(), option]))
  const used = new Set(before.map((option) => option.value))
  const offered = labels.map((label) => {
    const kept = byLabel.get(label.toLowerCase())
    if (kept) return { value: kept.value, label }
    const base = slugify(label, 40) || 'option'
    let value = base
    for (let suffix = 2; used.has(value); suffix++) value = `${base}-${suffix}`
    used.add(value)
    return { value, label }
  })
  const offeredValues = new Set(offered.map((option) => option.value))
  const retired = before.filter((option) => !offeredValues.has(option.value) && chosen.has(option.value)).map((option) => ({ ...option, retired: true }))
  return [...offered, ...retired]
}

function chosenValues(answers: unknown[]) {
  return new Set(answers.flatMap((answer) => (Array.isArray(answer) ? answer.map(String) : [String(answer)])))
}

/** Adds a question at the end of the form. */
export async function addQuestion(db: Db, input: Actor & { values: QuestionFormValues }) {
  return db.$transaction(async (tx) => {
    const count = await tx.registrationQuestion.count({ where: { eventId: input.eventId, archivedAt: null } })
    if (count >= MAX_QUESTIONS_PER_EVENT) throw new DomainError('limit', `A form can ask at most ${MAX_QUESTIONS_PER_EVENT} questions. Remove one first.`)
    const last = await tx.registrationQuestion.findFirst({ where: { eventId: input.eventId }, orderBy: { position: 'desc' }, select: { position: true } })
    const { values } = input
    const question = await tx.registrationQuestion.create({
      data: {
        eventId: input.eventId,
        key: await freeKey(tx, input.eventId, values.label),
        label: values.label,
        helpText: values.helpText,
        kind: values.kind,
        required: values.required,
        vetted: values.vetted,
        options: hasOptions(values.kind) ? mergeOptions([], values.options, new Set()) : undefined,
        position: (last?.position ?? -1) + 1,
      },
      select: { id: true, key: true },
    })
    await recordAudit(tx, { ...input, action: 'question.added', entityType: 'RegistrationQuestion', entityId: question.id, data: { label: values.label, kind: values.kind, required: values.required } })
    return question
  })
}

async function findQuestion(tx: Db | DbTransaction, eventId: string, questionId: string) {
  const question = await tx.registrationQuestion.findFirst({ where: { id: questionId, eventId }, select: questionSelect })
  if (!question) throw new DomainError('not-found', 'This question is not on this event’s form.')
  return { ...question, options: optionsOf(question.options) }
}

/** Saves a question's new wording, rules and options. Its kind changes only while nobody has answered it. */
export async function updateQuestion(db: Db, input: Actor & { questionId: string; values: QuestionFormValues }) {
  return db.$transaction(async (tx) => {
    const question = await findQuestion(tx, input.eventId, input.questionId)
    if (question.archivedAt) throw new DomainError('conflict', 'This question was removed; add a new one instead.')
    const { values } = input
    const answers = await answersTo(tx, input.eventId, question.key)
    if (values.kind !== question.kind && answers.length > 0) {
      throw new DomainError('conflict', `${answers.length === 1 ? 'Someone has' : `${answers.length} people have`} answered this question, so its kind stays. Remove it and add a new question instead.`, {
        field: 'kind',
      })
    }
    const options = hasOptions(values.kind) ? mergeOptions(hasOptions(question.kind) ? question.options : [], values.options, chosenValues(answers)) : null
    await tx.registrationQuestion.update({
      where: { id: question.id },
      data: { label: values.label, helpText: values.helpText, kind: values.kind, required: values.required, vetted: values.vetted, options: options ?? DbNull },
      select: { id: true },
    })
    const changed = (['label', 'helpText', 'kind', 'required', 'vetted'] as const).filter((name) => question[name] !== values[name])
    await recordAudit(tx, { ...input, action: 'question.edited', entityType: 'RegistrationQuestion', entityId: question.id, data: { label: values.label, changed, options: options?.length ?? 0 } })
  })
}

/**
 * Removes a question: archived when anyone has registered (their answers stay, and officers
 * still see them), deleted when nobody has.
 */
export async function removeQuestion(db: Db, input: Actor & { questionId: string; now?: Date }) {
  return db.$transaction(async (tx) => {
    const question = await findQuestion(tx, input.eventId, input.questionId)
    if (question.archivedAt) return { archived: true }
    const registrations = await tx.registration.count({ where: { eventId: input.eventId } })
    if (registrations > 0) {
      await tx.registrationQuestion.update({ where: { id: question.id }, data: { archivedAt: input.now ?? new Date() }, select: { id: true } })
    } else {
      await tx.registrationQuestion.delete({ where: { id: question.id }, select: { id: true } })
    }
    await recordAudit(tx, { ...input, action: 'question.removed', entityType: 'RegistrationQuestion', entityId: question.id, data: { label: question.label, archived: registrations > 0 } })
    await renumber(tx, input.eventId)
    return { archived: registrations > 0 }
  })
}

/**
 * Moves a question one place up or down. Every question row of the event is locked first (a
 * no-op write), so two organisers reordering at once take turns and neither move is lost.
 */
export async function moveQuestion(db: Db, input: Actor & { questionId: string; direction: 'up' | 'down' }) {
  return db.$transaction(async (tx) => {
    await tx.registrationQuestion.updateMany({ where: { eventId: input.eventId }, data: { position: { increment: 0 } } })
    const question = await findQuestion(tx, input.eventId, input.questionId)
    if (question.archivedAt) throw new DomainError('conflict', 'This question was removed.')
    const order = await activeOrder(tx, input.eventId)
    const from = order.indexOf(question.id)
    const to = input.direction === 'up' ? from - 1 : from + 1
    if (to < 0 || to >= order.length) return { moved: false }
    ;[order[from], order[to]] = [order[to]!, order[from]!]
    await writeOrder(tx, order)
    return { moved: true }
  })
}

async function activeOrder(tx: DbTransaction, eventId: string) {
  const rows = await tx.registrationQuestion.findMany({ where: { eventId, archivedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } })
  return rows.map((row) => row.id)
}

async function writeOrder(tx: DbTransaction, order: readonly string[]) {
  for (const [position, id] of order.entries()) await tx.registrationQuestion.update({ where: { id }, data: { position }, select: { id: true } })
}

async function renumber(tx: DbTransaction, eventId: string) {
  await writeOrder(tx, await activeOrder(tx, eventId))
}
