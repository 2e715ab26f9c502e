import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useNavigation, href } from 'react-router'
import { ErrorList, Field, SelectField } from '#app/components/forms.tsx'
import { QuestionField } from '#app/components/question-field.tsx'
import { registrationWindowState } from '#app/domain/events/events.ts'
import {
  NEW_ORGANISATION,
  REGISTRATION_CONSENT_TEXT,
  registrationFormSchema,
  type EligibilityRule,
  type RegistrationQuestion,
} from '#app/domain/registration/registration-form.ts'
import {
  getEventForRegistration,
  getOwnRegistration,
  getRegistrantProfile,
  consentIsCurrent,
  getEventForSubmission,
  hasCurrentConsent,
  listOrganisationsForPicker,
  submitRegistration,
} from '#app/domain/registration/registration.server.ts'
import { requireUser } from '#app/lib/auth.server.ts'
import { countryName } from '#app/lib/countries.ts'
import { db } from '#app/lib/db.server.ts'
import { formatDateSpan, formatLongDate } from '#app/lib/time.ts'
import type { Route } from './+types/register'
import { parseForm } from '#app/lib/form.server.ts'
import { AdmissionRefused, registrationAdmission } from '#app/lib/admission.server.ts'
import { invariantResponse, refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { CountryOptions, OrganisationKindOptions } from '#app/components/select-options.tsx'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Register · ${loaderData.event.title} · Muster` : 'Register · Muster' }]
}

async function loadEvent(slug: string) {
  const event = await getEventForRegistration(db, slug)
  invariantResponse(event)
  return event
}

/** The same schema on the server and in the browser: the event's questions and eligibility rule. */
function schemaFor(event: EligibilityRule & { questions: readonly RegistrationQuestion[] }, consentGiven: boolean) {
  return registrationFormSchema(
    event.questions,
    { eligibleNationalities: event.eligibleNationalities, eligibilityExplanation: event.eligibilityExplanation },
    { consentGiven },
  )
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request)
  const event = await loadEvent(params.slug)
  const [registration, consentGiven, profile, organisations] = await Promise.all([
    getOwnRegistration(db, event.id, user.id),
    hasCurrentConsent(db, event.id, user.id),
    getRegistrantProfile(db, user.id),
    listOrganisationsForPicker(db),
  ])
  const editing = registration !== null && registration.status !== 'CANCELLED' && registration.status !== 'REJECTED'
  // The counter and the version are for the server's checks; the host and contact are not shown here.
  const { seatsTaken, calendarSequence, updatedAt, hostName, contactEmail, ...publicEvent } = event
  return data(
    {
      event: publicEvent,
      windowState: registrationWindowState(event, seatsTaken, new Date()),
      editing,
      consentGiven,
      registrationStatus: registration?.status ?? null,
      defaults: {
        name: profile.name,
        jobTitle: profile.jobTitle ?? '',
        // Editing shows what was vetted for this event; a new form starts from the account.
        nationality: (editing ? registration.nationality : null) ?? profile.nationality ?? '',
        organisationId: (editing ? registration.organisationId : null) ?? profile.organisationId ?? '',
        newOrganisationName: '',
        newOrganisationKind: '',
        newOrganisationCountry: '',
        attendeeList: editing && registration.attendeeListConsentAt ? 'on' : '',
        consent: '',
        answers: editing ? toFormAnswers(event.questions, registration.answers) : {},
      },
      email: profile.email,
      organisations,
    },
    { headers },
  )
}

const BUSY_MESSAGE = 'Many people are registering at this moment, so your registration was not sent. Your answers are kept: press the button again in a few seconds.'

export async function action({ request, params }: Route.ActionArgs) {
  try {
    // The whole registration waits in line, not only its transaction: hundreds pressing at once
    // must not fill the event loop with their sign-in and form checks either.
    return await registrationAdmission.run(() => register(request, params.slug))
  } catch (error) {
    if (!(error instanceof AdmissionRefused)) throw error
    const { submission } = await readRegistrationForm(request, params.slug)
    return data({ result: submission.reply({ formErrors: [BUSY_MESSAGE] }) }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } })
  }
}

async function register(request: Request, slug: string) {
  const { user, event, existing, submission } = await readRegistrationForm(request, slug)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await submitRegistration(db, { event, userId: user.id, values: submission.value, existing })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  throw redirect(href('/events/:slug/registration', { slug: event.slug }))
}

async function readRegistrationForm(request: Request, slug: string) {
  const { user } = await requireUser(request)
  // One read serves the form's questions, its consent question and the submission's "new or an edit".
  const found = await getEventForSubmission(db, slug, user.id)
  invariantResponse(found)
  const { event, existing } = found
  const submission = await parseForm(request, schemaFor(event, consentIsCurrent(existing)))
  return { user, event, existing, submission }
}

/** Stored answers back into form values: booleans become the yes/no radio values. */
function toFormAnswers(questions: readonly RegistrationQuestion[], answers: Record<string, unknown>) {
  return Object.fromEntries(
    questions.map((question) => {
      const answer = answers[question.key]
      if (typeof answer === 'boolean') return [question.key, answer ? 'yes' : 'no']
      return [question.key, answer ?? (question.kind === 'MULTIPLE_CHOICE' ? [] : '')]
    }),
  )
}

export default function Register({ loaderData, actionData }: Route.ComponentProps) {
  const { event, windowState, editing, defaults, organisations, email } = loaderData
  const navigation = useNavigation()
  const schema = schemaFor(event, loaderData.consentGiven)
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: defaults,
  })
  const answerFields = fields.answers.getFieldset()
  const open = windowState.kind === 'open' || windowState.kind === 'full-waitlist'

  if (!editing && !open) {
    return (
      <div className="page page--narrow">
        <div className="panel">
          <h1>Registration is not open</h1>
          <p>
            {windowState.kind === 'not-yet-open'
              ? `Registration for ${event.title} opens on ${formatLongDate(windowState.opensAt, event.timeZone)}.`
              : windowState.kind === 'cancelled'
                ? `${event.title} has been cancelled.`
                : windowState.kind === 'full'
                  ? `${event.title} is full and has no waiting list.`
                  : `Registration for ${event.title} has closed.`}
          </p>
          <p>
            <Link to={href('/events/:slug', { slug: event.slug })}>Back to the event</Link>
          </p>
        </div>
      </div>
    )
  }

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">{editing ? 'Change your registration' : 'Register'}</p>
        <h1>{event.title}</h1>
        <p className="lede">
          {formatDateSpan(event.startsAt, event.endsAt, event.timeZone)} · {event.venueName}
        </p>
        {editing ? (
          <p className="notice">
            Changes to vetted details (nationality, organisation and some answers) send an approved registration back to the
            organisers for review. You keep your seat while they look.
          </p>
        ) : windowState.kind === 'full-waitlist' ? (
          <p className="notice">
            {event.approvalRequired
              ? 'All seats are taken. The organisers vet your registration first; if they approve it, you join the waiting list and move up automatically when a seat frees.'
              : 'All seats are taken: you will join the waiting list and move up automatically when a seat frees.'}
          </p>
        ) : event.approvalRequired ? (
          <p className="notice">The organisers vet every registration; you will get an email with their decision.</p>
        ) : null}
      </header>

      <Form method="post" {...getFormProps(form)} className="stack panel">
        <ErrorList id={form.errorId} errors={form.errors} />

        <fieldset className="form-section">
          <legend>About you</legend>
          <p className="muted">
            Registering as <strong>{email}</strong>
          </p>
          <Field label="Full name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
          <Field
            label="Job title"
            errors={fields.jobTitle.errors}
            inputProps={{ ...getInputProps(fields.jobTitle, { type: 'text' }), autoComplete: 'organization-title' }}
          />
          <SelectField label="Nationality" hint={event.eligibilityExplanation ?? undefined} errors={fields.nationality.errors} selectProps={getSelectProps(fields.nationality)}>
            <CountryOptions empty="Choose your nationality" />
          </SelectField>
        </fieldset>

        <fieldset className="form-section">
          <legend>Your organisation</legend>
          <SelectField label="Organisation" errors={fields.organisationId.errors} selectProps={getSelectProps(fields.organisationId)}>
            <option value="">Choose your organisation</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name} ({countryName(organisation.country)})
              </option>
            ))}
            <option value={NEW_ORGANISATION}>My organisation is not listed: add it</option>
          </SelectField>
          <div className="subfields">
            <p className="field-hint">If your organisation is not in the list, choose “add it” above and describe it here.</p>
            <Field
              label="New organisation’s name"
              errors={fields.newOrganisationName.errors}
              inputProps={{ ...getInputProps(fields.newOrganisationName, { type: 'text' }), autoComplete: 'organization' }}
            />
            <SelectField label="Kind of organisation" errors={fields.newOrganisationKind.errors} selectProps={getSelectProps(fields.newOrganisationKind)}>
              <OrganisationKindOptions empty="Choose a kind" />
            </SelectField>
            <SelectField label="Organisation’s country" errors={fields.newOrganisationCountry.errors} selectProps={getSelectProps(fields.newOrganisationCountry)}>
              <CountryOptions empty="Choose a country" />
            </SelectField>
          </div>
        </fieldset>

        {event.questions.length > 0 ? (
          <fieldset className="form-section">
            <legend>Questions from the organisers</legend>
            {event.questions.map((question) => {
              const field = answerFields[question.key]
              return field ? <QuestionField key={question.key} question={question} field={field} /> : null
            })}
          </fieldset>
        ) : null}

        <fieldset className="form-section">
          <legend>Privacy</legend>
          <div className="field">
            <label className="choice">
              <input {...getInputProps(fields.attendeeList, { type: 'checkbox', value: 'on' })} aria-describedby="attendee-list-hint" />
              List me in “Who is coming”
            </label>
            <p id="attendee-list-hint" className="field-hint">
              The list of people at this event that attendees see so companies can team up: your name, role and employer, and what you offer if you take part in
              B2B meetings. Off unless you tick it; change it at any time on your account page.
            </p>
          </div>
          {loaderData.consentGiven ? (
            <p className="field-hint">You agreed when you registered: “{REGISTRATION_CONSENT_TEXT}”</p>
          ) : (
            <div className="field">
              <label className="choice">
                <input {...getInputProps(fields.consent, { type: 'checkbox', value: 'on' })} />
                {REGISTRATION_CONSENT_TEXT}
              </label>
              <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
            </div>
          )}
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            {editing ? 'Save changes' : windowState.kind === 'full-waitlist' && !event.approvalRequired ? 'Join the waiting list' : 'Register'}
          </button>
          <Link to={editing ? href('/events/:slug/registration', { slug: event.slug }) : href('/events/:slug', { slug: event.slug })} className="button button--quiet">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  )
}
