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

describe('registration form schema kept per event form', () => {
  const valid = (nationality: string) => {
    const formData = new FormData()
    for (const [name, value] of Object.entries({ name: 'Ana Costa', jobTitle: 'Engineer', nationality, organisationId: 'org-1', consent: 'on' })) {
      formData.append(name, value)
    }
    return formData
  }

  it('is built once for the same questions and rule, and again when either changes', () => {
    const rule = { eligibleNationalities: ['BE', 'NL'], eligibilityExplanation: 'Benelux only.' }
    const questions = [question('TEXT', true)]
    const first = registrationFormSchema(questions, rule)
    expect(registrationFormSchema(structuredClone(questions), structuredClone(rule))).toBe(first)
    expect(registrationFormSchema(questions, { ...rule, eligibleNationalities: ['BE'] })).not.toBe(first)
    expect(registrationFormSchema([question('TEXT', false)], rule)).not.toBe(first)
    expect(registrationFormSchema(questions, rule, { consentGiven: true })).not.toBe(first)
  })

  it('keeps the rule it was built from when the caller changes its own copy afterwards', () => {
    const rule = { eligibleNationalities: ['FR'], eligibilityExplanation: 'French nationals only.' }
    const schema = registrationFormSchema([], rule)
    rule.eligibleNationalities.push('DE')
    const errors = parseWithZod(valid('DE'), { schema }).reply().error ?? {}
    expect(errors.nationality).toEqual(['Germany nationals cannot register for this event. French nationals only.'])
    expect(parseWithZod(valid('FR'), { schema }).status).toBe('success')
  })
})
