import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, href, useNavigation } from 'react-router'
import { ErrorList, Field, TextareaField, SelectField } from '#app/components/forms.tsx'
import { MatchmakingErrorBoundary, MatchmakingNav } from '#app/components/matchmaking.tsx'
import { marketplaceKindLabels, marketplaceKinds, PROFILE_LIMITS, profileFormSchema } from '#app/domain/matchmaking/profile-form.ts'
import { getProfileEditor, saveOwnProfile } from '#app/domain/matchmaking/profiles.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireMatchmaking } from './access.server.ts'
import { redirectWithNotice } from '#app/lib/flash-notice.server.ts'
import type { z } from 'zod'
import type { Route } from './+types/profile'
import { parseForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'
import { CapabilityOptions } from '#app/components/select-options.tsx'

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Your matchmaking profile · ${loaderData.event.title} · Muster` : 'Your matchmaking profile · Muster' }]
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { event, user } = requireMatchmaking(context, request, params.slug, 'own-profile')
  const editor = await getProfileEditor(db, { eventId: event.id, userId: user.id })
  return data({ event: { slug: event.slug, title: event.title }, ...editor })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, user } = requireMatchmaking(context, request, params.slug, 'own-profile')
  const submission = await parseForm(request, profileFormSchema)
  // Adding a post without JavaScript is a submission too: answer with the longer list.
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
  try {
    await saveOwnProfile(db, { eventId: event.id, userId: user.id, values: submission.value })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  throw redirectWithNotice(href('/events/:slug/matchmaking/profile', { slug: event.slug }), { key: 'profile-saved', recommendationsPath: href('/events/:slug/matchmaking', { slug: event.slug }) })
}

export { MatchmakingErrorBoundary as ErrorBoundary }

export default function ProfileEditor({ loaderData, actionData }: Route.ComponentProps) {
  const { event, profile, capabilityGroups } = loaderData
  const navigation = useNavigation()
  const emptyPost = { kind: '', title: '', description: '', capabilityId: '' }
  const [form, fields] = useForm<z.input<typeof profileFormSchema>, z.output<typeof profileFormSchema>>({
    // A new id after each save starts the form again from the stored profile.
    id: `profile-${profile?.updatedAt ?? 'new'}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(profileFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileFormSchema }),
    defaultValue: {
      optedIn: profile ? (profile.optedIn ? 'on' : '') : 'on',
      headline: profile?.headline ?? '',
      about: profile?.about ?? '',
      technologyReadiness: profile?.technologyReadiness ? String(profile.technologyReadiness) : '',
      freeTags: profile?.freeTags.join(', ') ?? '',
      capabilityIds: profile?.capabilityIds ?? [],
      items: [
        ...(profile?.items ?? []).map((item) => ({ id: item.id, kind: item.kind, title: item.title, description: item.description, capabilityId: item.capabilityId ?? '' })),
        emptyPost,
      ],
    },
  })
  const capabilityProps = new Map(
    getCollectionProps(fields.capabilityIds, { type: 'checkbox', options: capabilityGroups.flatMap((group) => group.capabilities.map((c) => c.id)) }).map(
      (props) => [props.value, props],
    ),
  )
  const posts = fields.items.getFieldList()

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">Matchmaking · {event.title}</p>
        <h1>Your matchmaking profile</h1>
        <MatchmakingNav slug={event.slug} current="profile" />
        <p className="lede">
          Other participants find you in the directory and in their suggestions by what you write here. Your email address is never shown.
        </p>
      </header>

      <Form method="post" {...getFormProps(form)} className="stack panel">
        <ErrorList id={form.errorId} errors={form.errors} />

        <div className="field">
          <label className="choice">
            <input {...getInputProps(fields.optedIn, { type: 'checkbox', value: 'on' })} />
            Take part in matchmaking: show my profile to other participants and suggest me for meetings
          </label>
          <ErrorList id={fields.optedIn.errorId} errors={fields.optedIn.errors} />
        </div>

        <fieldset className="form-section">
          <legend>About you</legend>
          <Field
            label="Headline"
            hint="One line on what you do or seek, e.g. “Passive RF detection that finds drones and their pilots”."
            errors={fields.headline.errors}
            inputProps={{ ...getInputProps(fields.headline, { type: 'text' }), maxLength: PROFILE_LIMITS.headline }}
          />
          <TextareaField
            label="About (optional)"
            errors={fields.about.errors}
            textareaProps={{ ...getTextareaProps(fields.about), rows: 5, maxLength: PROFILE_LIMITS.about }}
          />
          <Field
            label="Tags (optional)"
            hint={`Up to ${PROFILE_LIMITS.tags}, separated by commas, e.g. “passive RF, SDR”.`}
            errors={fields.freeTags.errors}
            inputProps={getInputProps(fields.freeTags, { type: 'text' })}
          />
          <Field
            label="Technology readiness level (optional)"
            hint="1 (basic research) to 9 (proven in operations), for your main offer. Leave empty if it does not apply."
            errors={fields.technologyReadiness.errors}
            inputProps={{ ...getInputProps(fields.technologyReadiness, { type: 'number' }), inputMode: 'numeric', step: 1, className: 'input--short' }}
          />
        </fieldset>

        <fieldset className="form-section" aria-describedby={fields.capabilityIds.errors ? fields.capabilityIds.errorId : undefined}>
          <legend>Capabilities</legend>
          <p className="field-hint">What you work on, or for a buyer, what you procure.</p>
          <ErrorList id={fields.capabilityIds.errorId} errors={fields.capabilityIds.errors} />
          <div className="capability-groups">
            {capabilityGroups.map((group) => (
              <fieldset key={group.category} className="choice-group">
                <legend>{group.category}</legend>
                {group.capabilities.map((capability) => {
                  const { key, ...props } = capabilityProps.get(capability.id)!
                  return (
                    <label key={key} className="choice" style={capability.depth ? { marginLeft: `${capability.depth * 1.5}rem` } : undefined}>
                      <input {...props} />
                      {capability.label}
                    </label>
                  )
                })}
              </fieldset>
            ))}
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Offers, needs and partnerships</legend>
          <p className="field-hint">
            What you offer (“we produce RF detectors at 500 a month”), what you need (“we seek interceptor airframes”) and partners you look for. Fill in the
            empty post to add one.
          </p>
          {posts.map((post, index) => {
            const postFields = post.getFieldset()
            const isNew = !postFields.id.initialValue
            return (
              <fieldset key={post.key} className="subfields marketplace-post">
                <legend className="marketplace-post__legend">{isNew ? 'New post' : `Post ${index + 1}: ${postFields.title.initialValue ?? ''}`}</legend>
                <ErrorList id={post.errorId} errors={post.errors} />
                {postFields.id.initialValue ? <input {...getInputProps(postFields.id, { type: 'hidden' })} /> : null}
                <SelectField label="Kind" errors={postFields.kind.errors} selectProps={getSelectProps(postFields.kind)}>
                  <option value="">Choose</option>
                  {marketplaceKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {marketplaceKindLabels[kind]}
                    </option>
                  ))}
                </SelectField>
                <Field
                  label="Title"
                  errors={postFields.title.errors}
                  inputProps={{ ...getInputProps(postFields.title, { type: 'text' }), maxLength: PROFILE_LIMITS.itemTitle }}
                />
                <TextareaField
                  label="Description"
                  errors={postFields.description.errors}
                  textareaProps={{ ...getTextareaProps(postFields.description), rows: 3, maxLength: PROFILE_LIMITS.itemDescription }}
                />
                <SelectField label="Capability (optional)" errors={postFields.capabilityId.errors} selectProps={getSelectProps(postFields.capabilityId)}>
                  <CapabilityOptions empty="None" groups={capabilityGroups} />
                </SelectField>
                {isNew ? null : (
                  <label className="choice">
                    <input {...getInputProps(postFields.remove, { type: 'checkbox', value: 'on' })} />
                    Remove this post when I save
                  </label>
                )}
              </fieldset>
            )
          })}
          <ErrorList id={fields.items.errorId} errors={fields.items.errors} />
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            Save profile
          </button>
          {posts.length <= PROFILE_LIMITS.items ? (
            <button {...form.insert.getButtonProps({ name: fields.items.name, defaultValue: emptyPost })} className="button">
              Add another post
            </button>
          ) : null}
        </div>
      </Form>
    </div>
  )
}
