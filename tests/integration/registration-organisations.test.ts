// Every organisation the registration form offers can be chosen: the demo's catalogue has ids of
// up to ~60 characters (every procurement agency among them), and the form once refused them all
// with "Choose your organisation, or add it".
import { parseWithZod } from '@conform-to/zod/v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEventForRegistration, listOrganisationsForPicker, submitRegistration } from '#app/domain/registration/registration.server.ts'
import { registrationFormSchema } from '#app/domain/registration/registration-form.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createUsers } from '#tests/support/registration-fixtures.ts'
import { demoSlug } from '#tests/support/demo.ts'

let test: TestDatabase
beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  await seedDatabase(test.db)
})
afterAll(async () => {
  await test?.cleanup()
})

describe('choosing an organisation on the registration form', () => {
  it('accepts every organisation the form lists, government buyers included', async () => {
    const event = (await getEventForRegistration(test.db, demoSlug))!
    const schema = registrationFormSchema(event.questions, { eligibleNationalities: event.eligibleNationalities, eligibilityExplanation: event.eligibilityExplanation })
    const organisations = await listOrganisationsForPicker(test.db)
    expect(organisations.length).toBeGreaterThan(40)
    expect(organisations.some((organisation) => organisation.kind === 'GOVERNMENT_BUYER' && organisation.id.length > 40)).toBe(true)
    const answers = Object.fromEntries(
      event.questions.map((question) => [
        `answers.${question.key}`,
        question.kind === 'YES_NO' ? 'yes' : question.kind === 'COUNTRY' ? 'BE' : question.options?.[0]?.value ?? 'Some text',
      ]),
    )
    const refused = organisations.filter((organisation) => {
      const formData = new FormData()
      for (const [name, value] of Object.entries({ name: 'Ana', jobTitle: 'Officer', nationality: 'PL', organisationId: organisation.id, consent: 'on', ...answers })) {
        formData.append(name, value)
      }
      const submission = parseWithZod(formData, { schema })
      return submission.status !== 'success' || submission.value.organisationId !== organisation.id
    })
    expect(refused.map((organisation) => organisation.name)).toEqual([])

    // And a registration with the longest-named agency goes through.
    const agency = organisations.filter((organisation) => organisation.kind === 'GOVERNMENT_BUYER').sort((a, b) => b.id.length - a.id.length)[0]!
    const [person] = await createUsers(test.db, 1)
    const formData = new FormData()
    for (const [name, value] of Object.entries({ name: 'Ana', jobTitle: 'Officer', nationality: 'PL', organisationId: agency.id, consent: 'on', ...answers })) formData.append(name, value)
    const submission = parseWithZod(formData, { schema })
    if (submission.status !== 'success') throw new Error('the form refused the agency')
    const outcome = await submitRegistration(test.db, { event, userId: person!.id, values: submission.value })
    expect(await test.db.registration.findUniqueOrThrow({ where: { id: outcome.registrationId }, select: { organisationId: true } })).toEqual({ organisationId: agency.id })
  })
})
