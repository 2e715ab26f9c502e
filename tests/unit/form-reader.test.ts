// The one form reader (app/lib/form.server.ts) against the hostile bodies a security review
// sent, and against the real forms' schemas: each hostile body is refused with a 4xx in well
// under 100 ms, before Conform parses anything; every honest shape still parses.
import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { profileFormSchema } from '#app/domain/matchmaking/profile-form.ts'
import { registrationFormSchema, type RegistrationQuestion } from '#app/domain/registration/registration-form.ts'
import { FORM_LIMITS, parseFieldName, parseForm, readForm, schemaAcceptsPath } from '#app/lib/form.server.ts'

const SignInSchema = z.object({ email: z.string().max(254), redirectTo: z.string().optional() })

function post(body: string, contentType = 'application/x-www-form-urlencoded') {
  return new Request('http://localhost/sign-in', { method: 'POST', body, headers: { 'Content-Type': contentType } })
}

async function refusal(promise: Promise<unknown>) {
  const started = performance.now()
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  const elapsedMs = performance.now() - started
  // Actions throw React Router's data(): a DataWithResponseInit carrying the status.
  const refused = thrown as { type?: string; data?: unknown; init?: { status?: number } } | null
  if (refused?.type !== 'DataWithResponseInit') throw new Error(`expected a refusal, got ${String(thrown)}`)
  return { status: refused.init?.status, message: String(refused.data), elapsedMs }
}

describe('field names', () => {
  it('reads Conform names into segments', () => {
    expect(parseFieldName('email')).toEqual(['email'])
    expect(parseFieldName('items[2].title')).toEqual(['items', 2, 'title'])
    expect(parseFieldName('answers.job-function')).toEqual(['answers', 'job-function'])
    expect(parseFieldName('a[1][2]')).toEqual(['a', 1, 2])
  })

  it('refuses names outside that syntax', () => {
    for (const name of ['', '.email', 'items[]', 'items[-1]', 'items[1e3]', '[0]', 'a..b', 'a.', 'a b', 'x'.repeat(201), 'items[1234567890]']) {
      expect(parseFieldName(name), name).toBeNull()
    }
  })

  it('knows the fields of a schema, through optional, default, pipe, union and intersection', () => {
    const schema = z
      .discriminatedUnion('intent', [z.object({ intent: z.literal('a'), note: z.string().trim().pipe(z.email()) }), z.object({ intent: z.literal('b'), count: z.coerce.number().default(1) })])
      .and(z.object({ formId: z.string().optional() }))
    for (const name of ['intent', 'note', 'count', 'formId']) expect(schemaAcceptsPath(schema, parseFieldName(name)!), name).toBe(true)
    expect(schemaAcceptsPath(schema, ['other'])).toBe(false)
    expect(schemaAcceptsPath(schema, ['note', 'deeper'])).toBe(false)
    expect(schemaAcceptsPath(schema, [])).toBe(false)
  })

  it('bounds a list index by the list maximum, or by the default when the schema states none', () => {
    expect(schemaAcceptsPath(profileFormSchema, parseFieldName('items[12].title')!)).toBe(true)
    // One above the maximum reaches the schema, which answers "at most 12" next to the field.
    expect(schemaAcceptsPath(profileFormSchema, parseFieldName('items[13].title')!)).toBe(true)
    expect(schemaAcceptsPath(profileFormSchema, parseFieldName('items[14].title')!)).toBe(false)
    expect(schemaAcceptsPath(profileFormSchema, parseFieldName('items[0].unknown')!)).toBe(false)
    const unbounded = z.object({ tags: z.array(z.string()) })
    expect(schemaAcceptsPath(unbounded, ['tags', FORM_LIMITS.listLength])).toBe(true)
    expect(schemaAcceptsPath(unbounded, ['tags', FORM_LIMITS.listLength + 1])).toBe(false)
  })
})

// A refusal takes about a millisecond; parsing these bodies took seconds (1.7 s for the 20,000
// fields on a 2-core machine) or ran out of memory. The bound leaves room for a loaded CI machine.
const REFUSAL_BOUND_MS = 500

describe('hostile bodies are refused before parsing', () => {
  it('a list index of 100,000,000 in a 25-byte body (it once ran the server out of memory)', async () => {
    const result = await refusal(readForm(post('email=x&x%5B100000000%5D=1'), SignInSchema))
    expect(result.status).toBe(400)
    expect(result.message).toBe('The form has a field this page does not know.')
    expect(result.elapsedMs).toBeLessThan(REFUSAL_BOUND_MS)
  })

  it('a field repeated 20,000 times in 80 kB (quadratic in the form library)', async () => {
    const body = Array.from({ length: 20_000 }, () => 'x=1').join('&')
    expect(body.length).toBeLessThan(80_000)
    const result = await refusal(readForm(post(body), SignInSchema))
    expect(result).toMatchObject({ status: 400, message: 'The form has too many fields.' })
    expect(result.elapsedMs).toBeLessThan(REFUSAL_BOUND_MS)
    // A known field repeated just past the bound is refused the same way.
    const known = Array.from({ length: FORM_LIMITS.entries + 1 }, () => 'email=').join('&')
    expect(await refusal(readForm(post(known), SignInSchema))).toMatchObject({ status: 400, message: 'The form has too many fields.' })
  })

  it('profile posts with items[100000] and items[999999999] (froze and crashed the server)', async () => {
    for (const body of ['headline=x&items%5B100000%5D.title=y', 'headline=x&items%5B999999999%5D.title=y']) {
      const result = await refusal(parseForm(post(body), profileFormSchema))
      expect(result.status).toBe(400)
      expect(result.elapsedMs).toBeLessThan(REFUSAL_BOUND_MS)
    }
  })

  it('a body over the limit, declared or streamed without a length', async () => {
    const big = 'email=' + 'a'.repeat(FORM_LIMITS.bytes)
    expect((await refusal(readForm(post(big), SignInSchema))).status).toBe(413)
    const encoder = new TextEncoder()
    const streamed = new Request('http://localhost/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        pull(controller) {
          controller.enqueue(encoder.encode('a'.repeat(64 * 1024)))
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect((await refusal(readForm(streamed, SignInSchema))).status).toBe(413)
  })

  it('JSON, multipart without a boundary and bodies with no type', async () => {
    expect((await refusal(readForm(post('{"email":"x"}', 'application/json'), SignInSchema))).status).toBe(415)
    expect((await refusal(readForm(post('email=x', 'multipart/form-data'), SignInSchema))).status).toBe(415)
    const untyped = new Request('http://localhost/sign-in', { method: 'POST', body: new Blob([new Uint8Array([1, 2, 3])]) })
    expect((await refusal(readForm(untyped, SignInSchema))).status).toBe(415)
  })

  it('names the schema does not know, in every shape', async () => {
    for (const body of ['email=x&role=admin', 'email=x&__proto__=1', 'email=x&constructor.prototype=1', 'email%5B0%5D=x', 'email.inner=x', '__state__=%7B%7D']) {
      expect((await refusal(readForm(post(body), SignInSchema))).status, body).toBe(400)
    }
  })

  it('control characters in any value', async () => {
    for (const character of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085']) {
      const body = new URLSearchParams({ email: `a${character}b@example.org` }).toString()
      const result = await refusal(readForm(post(body), SignInSchema))
      expect(result).toMatchObject({ status: 400, message: 'The form contains control characters. Retype the text and send it again.' })
    }
  })

  it('form-library intents the app does not use, or aimed out of range', async () => {
    const intent = (value: unknown) => new URLSearchParams({ headline: 'x', __intent__: typeof value === 'string' ? value : JSON.stringify(value) }).toString()
    const hostile = [
      'not json',
      { type: 'update', payload: { name: 'items[100000000].title', value: 'x' } },
      { type: 'reset', payload: {} },
      { type: 'insert', payload: { name: 'headline' } },
      { type: 'insert', payload: { name: 'unknown' } },
      { type: 'insert', payload: { name: 'items', index: 100_000_000 } },
      { type: 'remove', payload: { name: 'items', index: -1 } },
      { type: 'reorder', payload: { name: 'items', from: 0, to: 1.5 } },
    ]
    for (const value of hostile) {
      expect((await refusal(parseForm(post(intent(value)), profileFormSchema))).status, JSON.stringify(value)).toBe(400)
    }
  })
})

describe('honest forms still parse', () => {
  it('a full matchmaking profile: repeated capability boxes, twelve posts and the empty one, the add-a-post button', async () => {
    const body = new URLSearchParams([
      ['optedIn', 'on'],
      ['headline', 'Passive RF detection'],
      ['about', 'We find drones.\r\nAnd their pilots.'],
      ['technologyReadiness', '7'],
      ['freeTags', 'RF, SDR'],
      ...Array.from({ length: 30 }, (_, index) => ['capabilityIds', `cap-${index}`]),
      ...Array.from({ length: 12 }, (_, index) => [
        [`items[${index}].kind`, 'OFFER'],
        [`items[${index}].title`, `Offer ${index}`],
        [`items[${index}].description`, 'A sensor'],
        [`items[${index}].capabilityId`, 'cap-1'],
      ]).flat(),
      ['items[12].kind', ''],
      ['items[12].title', ''],
    ])
    const submission = await parseForm(post(body.toString()), profileFormSchema)
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value.capabilityIds).toHaveLength(30)
    expect(submission.value.items).toHaveLength(12)
    expect(submission.value.about).toBe('We find drones.\r\nAnd their pilots.')

    const adding = new URLSearchParams({ headline: 'x', __intent__: JSON.stringify({ type: 'insert', payload: { name: 'items', defaultValue: { kind: '' } } }) })
    const added = await parseForm(post(adding.toString()), profileFormSchema)
    expect(added.status).toBeUndefined()
    expect(added.reply().intent).toMatchObject({ type: 'insert' })
  })

  it('a registration with every kind of question', async () => {
    const question = (key: string, kind: RegistrationQuestion['kind'], options: string[] = []): RegistrationQuestion => ({
      key,
      label: key,
      helpText: null,
      kind,
      required: false,
      vetted: false,
      options: options.map((value) => ({ value, label: value })),
    })
    const questions = [
      question('job-function', 'CHOICE', ['Sales', 'Procurement']),
      question('interests', 'MULTIPLE_CHOICE', ['Radar', 'RF', 'Optics']),
      question('motivation', 'LONG_TEXT'),
      question('short', 'TEXT'),
      question('consent-photos', 'YES_NO'),
      question('home', 'COUNTRY'),
    ]
    const schema = registrationFormSchema(questions, { eligibleNationalities: null, eligibilityExplanation: null })
    const body = new URLSearchParams([
      ['answers.job-function', 'Sales'],
      ['answers.interests', 'Radar'],
      ['answers.interests', 'Optics'],
      ['answers.motivation', 'Tab\there'],
      ['answers.short', 'Short'],
      ['answers.consent-photos', 'yes'],
      ['answers.home', 'BE'],
      ['name', 'Ana'],
      ['jobTitle', 'CTO'],
      ['nationality', 'PT'],
      ['organisationId', 'new'],
      ['newOrganisationName', 'Ana Labs'],
      ['newOrganisationKind', 'START_UP'],
      ['newOrganisationCountry', 'PT'],
      ['consent', 'on'],
    ])
    const formData = await readForm(post(body.toString()), schema)
    expect(formData.getAll('answers.interests')).toEqual(['Radar', 'Optics'])
    const submission = parseWithZod(formData, { schema })
    expect(submission.status).toBe('success')
    expect(submission.payload).toMatchObject({ answers: { motivation: 'Tab\there' } })
  })
})
