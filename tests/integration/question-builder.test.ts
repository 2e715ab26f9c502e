// The registration form builder on SQLite and on PostgreSQL (two app instances where two
// organisers act at once): questions are added, edited, reordered and removed; once people have
// registered their answers keep reading right (an archived question's answers still shown to
// officers, a removed option kept as "no longer offered", values never renamed, kinds fixed under
// answers); a new required question is asked at the next edit; hostile input is refused with
// words and writes nothing.
import { describe, expect, it } from 'vitest'
import { addQuestion, getQuestionBuilder, moveQuestion, removeQuestion, updateQuestion } from '#app/domain/registration/question-builder.server.ts'
import { QuestionFormSchema, MAX_OPTIONS } from '#app/domain/registration/question-builder.ts'
import { registrationFormSchema } from '#app/domain/registration/registration-form.ts'
import { getRegistrationForVetting } from '#app/domain/registration/vetting.server.ts'
import { getEventForRegistration } from '#app/domain/registration/registration.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'

const form = (values: Record<string, unknown>) => QuestionFormSchema.parse({ kind: 'TEXT', ...values })

async function setUp(db: Db) {
  const event = await createEvent(db)
  await db.event.update({ where: { id: event.id }, data: { status: 'PUBLISHED' } })
  const organiser = await createUser(db, 'Organiser')
  return { event, actor: { eventId: event.id, actorId: organiser.id } }
}

describe('the question form', () => {
  it('reads options one per line and refuses what a form cannot ask, in words', () => {
    expect(form({ label: 'Areas of interest', kind: 'MULTIPLE_CHOICE', options: ' Detect \n\nDefeat\r\nTrain ' }).options).toEqual(['Detect', 'Defeat', 'Train'])
    expect(form({ label: 'Company website', options: 'ignored' }).options).toEqual([])
    const message = (values: Record<string, unknown>) => QuestionFormSchema.safeParse({ kind: 'TEXT', ...values }).error?.issues[0]?.message
    expect(message({ label: 'Pick', kind: 'CHOICE', options: 'Only one' })).toBe('Give at least two options, one per line')
    expect(message({ label: 'Pick', kind: 'CHOICE' })).toBe('Give at least two options, one per line')
    expect(message({ label: 'Pick', kind: 'CHOICE', options: 'Yes\nyes' })).toBe('“yes” is there twice')
    expect(message({ label: 'Pick', kind: 'CHOICE', options: Array.from({ length: MAX_OPTIONS + 1 }, (_, i) => `Option ${i}`).join('\n') })).toBe(`Give at most ${MAX_OPTIONS} options`)
    expect(message({ label: 'x'.repeat(201) })).toBe('Keep the question under 200 characters')
    expect(message({ label: 'Hi', kind: 'PASSWORD' })).toBe('Choose what kind of answer it takes')
    expect(message({ label: '' })).toBe('Use at least 2 characters')
  })
})

describe.each(providers)('the registration form builder on %s', (provider) => {
  const app = useAppInstances(provider)

  it('adds questions in order with keys from their labels, edits and reorders them, and the registration form follows', async () => {
    const { db } = app
    const { event, actor } = await setUp(db)
    await addQuestion(db, { ...actor, values: form({ label: 'Security clearance', kind: 'CHOICE', options: 'None\nNATO RESTRICTED\nNATO SECRET', required: true, vetted: true }) })
    await addQuestion(db, { ...actor, values: form({ label: 'Why do you attend?', kind: 'LONG_TEXT', helpText: 'Two lines are enough.' }) })
    const third = await addQuestion(db, { ...actor, values: form({ label: 'Security clearance', kind: 'YES_NO' }) })
    expect(third.key).toBe('security-clearance-2')

    await moveQuestion(db, { ...actor, questionId: third.id, direction: 'up' })
    await moveQuestion(db, { ...actor, questionId: third.id, direction: 'up' })
    expect(await moveQuestion(db, { ...actor, questionId: third.id, direction: 'up' })).toEqual({ moved: false })
    const builder = await getQuestionBuilder(db, event.id)
    expect(builder.active.map((question) => [question.label, question.position])).toEqual([
      ['Security clearance', 0],
      ['Security clearance', 1],
      ['Why do you attend?', 2],
    ])
    expect(builder.active[1]!.options.map((option) => option.value)).toEqual(['none', 'nato-restricted', 'nato-secret'])

    const forRegistration = await getEventForRegistration(db, (await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { slug: true } })).slug)
    expect(forRegistration!.questions.map((question) => question.label)).toEqual(['Security clearance', 'Security clearance', 'Why do you attend?'])

    // Renamed wording keeps the stored values of the options it kept.
    const clearance = builder.active[1]!
    await updateQuestion(db, { ...actor, questionId: clearance.id, values: form({ label: 'Highest security clearance', kind: 'CHOICE', options: 'None\nNATO SECRET\nNATO RESTRICTED\nCOSMIC TOP SECRET', required: true, vetted: true }) })
    const edited = (await getQuestionBuilder(db, event.id)).active[1]!
    expect(edited.options).toEqual([
      { value: 'none', label: 'None' },
      { value: 'nato-secret', label: 'NATO SECRET' },
      { value: 'nato-restricted', label: 'NATO RESTRICTED' },
      { value: 'cosmic-top-secret', label: 'COSMIC TOP SECRET' },
    ])
    expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: { startsWith: 'question.' } } })).toBe(4)
  })

  it('once people answered: keeps removed options on their answers, keeps the kind, archives instead of deleting, and asks a new required question at the next edit', async () => {
    const { db } = app
    const { event, actor } = await setUp(db)
    const interest = await addQuestion(db, { ...actor, values: form({ label: 'Area of interest', kind: 'CHOICE', options: 'Detect\nDefeat\nTrain' }) })
    const motivation = await addQuestion(db, { ...actor, values: form({ label: 'Motivation', kind: 'TEXT' }) })
    const person = await createUser(db, 'Early Registrant')
    const registration = await db.registration.create({
      data: { ...registrationData(event.id, person.id), status: 'PENDING', answers: { [interest.key]: 'defeat', [motivation.key]: 'Meet buyers' } },
      select: { id: true },
    })

    // "Defeat" is removed while someone chose it: kept, retired; "Train" nobody chose: gone.
    await updateQuestion(db, { ...actor, questionId: interest.id, values: form({ label: 'Area of interest', kind: 'CHOICE', options: 'Detect\nProtect' }) })
    const [question] = (await getQuestionBuilder(db, event.id)).active
    expect(question!.options).toEqual([
      { value: 'detect', label: 'Detect' },
      { value: 'protect', label: 'Protect' },
      { value: 'defeat', label: 'Defeat', retired: true },
    ])
    const vetting = await getRegistrationForVetting(db, event.id, registration.id)
    expect(vetting!.answers.find((answer) => answer.key === interest.key)?.text).toBe('Defeat (no longer offered)')
    // The form offers only current options.
    const forRegistration = await getEventForRegistration(db, (await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { slug: true } })).slug)
    const schema = registrationFormSchema(forRegistration!.questions, { eligibleNationalities: null, eligibilityExplanation: null })
    const answersShape = schema.shape.answers
    expect(answersShape.safeParse({ [interest.key]: 'defeat', [motivation.key]: 'x' }).success).toBe(false)
    expect(answersShape.safeParse({ [interest.key]: 'protect', [motivation.key]: 'x' }).success).toBe(true)

    // The kind cannot change under answers.
    await expect(updateQuestion(db, { ...actor, questionId: motivation.id, values: form({ label: 'Motivation', kind: 'LONG_TEXT' }) })).rejects.toMatchObject({ reason: 'conflict', field: 'kind' })

    // A new required question: existing answers lack it, and the next edit asks for it.
    const badge = await addQuestion(db, { ...actor, values: form({ label: 'Name on the badge', kind: 'TEXT', required: true }) })
    const withNew = await getEventForRegistration(db, (await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { slug: true } })).slug)
    const nextEdit = registrationFormSchema(withNew!.questions, { eligibleNationalities: null, eligibilityExplanation: null }).shape.answers.safeParse({ [interest.key]: 'detect', [motivation.key]: 'Meet buyers' })
    expect(nextEdit.error?.issues[0]).toMatchObject({ path: [badge.key], message: 'Answer “Name on the badge”' })

    // Removed after answers: archived, answers kept and shown to officers as a removed question.
    expect(await removeQuestion(db, { ...actor, questionId: motivation.id })).toEqual({ archived: true })
    const builder = await getQuestionBuilder(db, event.id)
    expect(builder.archived.map((archived) => archived.label)).toEqual(['Motivation'])
    expect(builder.active.map((active) => [active.label, active.position])).toEqual([
      ['Area of interest', 0],
      ['Name on the badge', 1],
    ])
    const afterRemoval = await getRegistrationForVetting(db, event.id, registration.id)
    expect(afterRemoval!.answers.find((answer) => answer.key === motivation.key)).toMatchObject({ text: 'Meet buyers', removed: true })
    // Its key is never given to a new question.
    expect((await addQuestion(db, { ...actor, values: form({ label: 'Motivation' }) })).key).toBe('motivation-2')
  })

  it('deletes a question outright while nobody has registered, and refuses another event’s question', async () => {
    const { db } = app
    const { event, actor } = await setUp(db)
    const other = await setUp(db)
    const question = await addQuestion(db, { ...actor, values: form({ label: 'Phone number' }) })
    await expect(removeQuestion(db, { ...other.actor, questionId: question.id })).rejects.toMatchObject({ reason: 'not-found' })
    await expect(updateQuestion(db, { ...other.actor, questionId: question.id, values: form({ label: 'Stolen' }) })).rejects.toMatchObject({ reason: 'not-found' })
    await expect(moveQuestion(db, { ...other.actor, questionId: question.id, direction: 'down' })).rejects.toMatchObject({ reason: 'not-found' })
    expect(await removeQuestion(db, { ...actor, questionId: question.id })).toEqual({ archived: false })
    expect(await db.registrationQuestion.count({ where: { eventId: event.id } })).toBe(0)
  })

  it('two organisers moving questions at once lose neither move and leave no two in one place', async () => {
    const { db } = app
    const { event, actor } = await setUp(db)
    const ids = []
    for (const label of ['First', 'Second', 'Third', 'Fourth']) ids.push((await addQuestion(db, { ...actor, values: form({ label }) })).id)
    await Promise.all([
      moveQuestion(app.instance(0), { ...actor, questionId: ids[3]!, direction: 'up' }),
      moveQuestion(app.instance(1), { ...actor, questionId: ids[0]!, direction: 'down' }),
    ])
    const order = (await getQuestionBuilder(db, event.id)).active
    expect(order.map((question) => question.position)).toEqual([0, 1, 2, 3])
    expect(order.map((question) => question.label)).toEqual(['Second', 'First', 'Fourth', 'Third'])
  })
})
