// The registration form's messages: every required question of every kind, left empty, says in
// words what to do, on its own field; an optional one left empty is no error.
import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { registrationFormSchema, type RegistrationQuestion } from '#app/domain/registration/registration-form.ts'

const kinds: RegistrationQuestion['kind'][] = ['TEXT', 'LONG_TEXT', 'CHOICE', 'MULTIPLE_CHOICE', 'YES_NO', 'COUNTRY']
const question = (kind: RegistrationQuestion['kind'], required: boolean): RegistrationQuestion => ({
  key: `${kind.toLowerCase()}-${required ? 'required' : 'optional'}`,
  label: `${kind} question`,
  helpText: null,
  kind,
  required,
  vetted: false,
  options: [{ value: 'a', label: 'A' }],
})

describe('registration form messages', () => {
  it('asks for every required answer in words, whatever the kind, and leaves optional ones alone', () => {
    const questions = kinds.flatMap((kind) => [question(kind, true), question(kind, false)])
    const schema = registrationFormSchema(questions, { eligibleNationalities: null, eligibilityExplanation: null })
    const formData = new FormData()
    // What a browser sends for empty text fields: empty strings (Conform reads them as missing).
    for (const kind of ['TEXT', 'LONG_TEXT']) formData.append(`answers.${kind.toLowerCase()}-required`, '')
    const errors = parseWithZod(formData, { schema }).reply().error ?? {}
    for (const kind of kinds) {
      expect(errors[`answers.${kind.toLowerCase()}-required`], kind).toEqual([`Answer “${kind} question”`])
      expect(errors[`answers.${kind.toLowerCase()}-optional`], kind).toBeUndefined()
    }
    expect(JSON.stringify(errors)).not.toMatch(/Invalid input|expected|received/)
  })
})
