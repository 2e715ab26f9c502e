// The agenda's building blocks: tracks (with colours), rooms (with capacity) and speakers.
// Each item has its own small form; renaming a track, a room or a speaker refreshes the
// calendar feeds of the sessions that show it. A room's new name or location also goes to
// everyone holding an invite for an upcoming session or B2B meeting there, once the organiser
// has reviewed who will be told.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { ErrorList, Field, TextareaField } from '#app/components/forms.tsx'
import { getAgendaEditor, saveRoom, saveSpeaker, saveTrack, type RoomChangeReview } from '#app/domain/agenda/editor.server.ts'
import { PlaceChangeReview } from '#app/components/place-change-review.tsx'
import { db } from '#app/lib/db.server.ts'
import { requireConsoleRole } from './console-context.server.ts'
import type { Route } from './+types/agenda.setup'
import { readForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus, replyWithRefusal } from '#app/lib/domain-error.server.ts'

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional()
const name = z.string({ error: 'Enter a name' }).trim().min(2, 'Use at least 2 characters').max(120, 'Keep it under 120 characters')

const TrackSchema = z.object({
  intent: z.literal('track'),
  trackId: z.string().max(64).optional(),
  name,
  colour: z.string({ error: 'Choose a colour' }).regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f6feb'),
  description: optionalText(500, 'Keep the description under 500 characters'),
})

const RoomSchema = z.object({
  intent: z.literal('room'),
  roomId: z.string().max(64).optional(),
  name,
  capacity: z.number({ error: 'Enter a whole number of seats, or leave it empty' }).int('Enter a whole number of seats').min(1, 'At least one seat').max(100_000, 'Keep it under 100,000').optional(),
  location: optionalText(160, 'Keep the location under 160 characters'),
  /** The change as the organiser reviewed it: from (a hidden field of the review) and to (its confirm button's value). */
  reviewedFrom: z.string().max(600).optional(),
  reviewedTo: z.string().max(600).optional(),
})

const SpeakerSchema = z.object({
  intent: z.literal('speaker'),
  speakerId: z.string().max(64).optional(),
  name,
  jobTitle: optionalText(120, 'Keep the title under 120 characters'),
  organisationName: optionalText(160, 'Keep the organisation under 160 characters'),
  bio: optionalText(2_000, 'Keep the bio under 2,000 characters'),
  photoUrl: z.url({ protocol: /^https$/, error: 'Use an https:// address of an image' }).max(500).optional(),
})

// formId says which of the page's forms answered, so its errors show next to it.
const SetupSchema = z.discriminatedUnion('intent', [TrackSchema, RoomSchema, SpeakerSchema]).and(z.object({ formId: z.string().max(64).optional() }))

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Rooms, tracks and speakers · ${loaderData.event.title} · Muster` : 'Agenda setup · Muster' }]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { event } = requireConsoleRole(context, request, ['ORGANISER'])
  const editor = await getAgendaEditor(db, event.id)
  return data({ event, tracks: editor.tracks, rooms: editor.rooms, speakers: editor.speakers })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { event, user } = requireConsoleRole(context, request, ['ORGANISER'])
  const formData = await readForm(request, SetupSchema)
  const formId = String(formData.get('formId') ?? '')
  const submission = parseWithZod(formData, { schema: SetupSchema })
  if (submission.status !== 'success') return data({ formId, result: submission.reply() }, { status: 400 })
  const value = submission.value
  let notified = 0
  try {
    if (value.intent === 'track') await saveTrack(db, { eventId: event.id, trackId: value.trackId, name: value.name, colour: value.colour, description: value.description })
    if (value.intent === 'room') {
      const { roomId, reviewedFrom, reviewedTo, name, capacity, location } = value
      const reviewed = reviewedFrom !== undefined && reviewedTo !== undefined ? { before: reviewedFrom, after: reviewedTo } : undefined
      const room = await saveRoom(db, { eventId: event.id, actorId: user.id, roomId, values: { name, capacity, location }, reviewed })
      if (!room.saved) return { formId, result: submission.reply(), review: room.review }
      notified = room.notified
    }
    if (value.intent === 'speaker') await saveSpeaker(db, { eventId: event.id, ...value })
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ formId, result: replyWithRefusal(submission, refusal) }, refusalStatus(refusal))
  }
  return { formId, result: submission.reply({ resetForm: formId.endsWith('-new') }), saved: value.name, notified }
}

type ActionData = Route.ComponentProps['actionData']

export default function AgendaSetup({ loaderData, actionData }: Route.ComponentProps) {
  const { event, tracks, rooms, speakers } = loaderData
  return (
    <>
      <p className="back-link">
        <Link to={href('/events/:slug/manage/agenda', { slug: event.slug })}>Agenda</Link>
      </p>
      <h2>Rooms, tracks and speakers</h2>
      {actionData && 'saved' in actionData ? (
        <p className="notice notice--success" role="status">
          Saved “{actionData.saved}”.
          {actionData.notified ? ` ${emails(actionData.notified)} with the new place ${actionData.notified === 1 ? 'is' : 'are'} on their way.` : ''}
        </p>
      ) : null}

      <section className="section" aria-labelledby="tracks">
        <h3 id="tracks">Tracks</h3>
        <ul className="setup-list">
          {tracks.map((track) => (
            <li key={track.id}>
              <details>
                <summary>
                  <span className="chip__swatch" style={{ background: track.colour }} aria-hidden="true" /> {track.name}
                </summary>
                <TrackForm formId={`track-${track.id}`} actionData={actionData} track={track} />
              </details>
            </li>
          ))}
        </ul>
        <TrackForm formId="track-new" actionData={actionData} track={null} />
      </section>

      <section className="section" aria-labelledby="rooms">
        <h3 id="rooms">Rooms</h3>
        <ul className="setup-list">
          {rooms.map((room) => (
            <li key={room.id}>
              <details>
                <summary>
                  {room.name}
                  <span className="muted"> · {room.capacity ? `${room.capacity} seats` : 'capacity not set'}</span>
                </summary>
                <RoomForm formId={`room-${room.id}`} actionData={actionData} room={room} />
              </details>
            </li>
          ))}
        </ul>
        <RoomForm formId="room-new" actionData={actionData} room={null} />
      </section>

      <section className="section" aria-labelledby="speakers">
        <h3 id="speakers">Speakers</h3>
        <ul className="setup-list">
          {speakers.map((speaker) => (
            <li key={speaker.id}>
              <details>
                <summary>
                  {speaker.name}
                  {speaker.organisationName ? <span className="muted"> · {speaker.organisationName}</span> : null}
                </summary>
                <SpeakerForm formId={`speaker-${speaker.id}`} actionData={actionData} speaker={speaker} />
              </details>
            </li>
          ))}
        </ul>
        <SpeakerForm formId="speaker-new" actionData={actionData} speaker={null} />
      </section>
    </>
  )
}

const number = (count: number) => count.toLocaleString('en-GB')
const emails = (count: number) => (count === 1 ? '1 email' : `${number(count)} emails`)

/** The action's result, only when it was this form's. */
function resultFor(formId: string, actionData: ActionData) {
  return actionData?.formId === formId ? (actionData.result as SubmissionResult<string[]>) : undefined
}

function SubmitRow({ label }: { label: string }) {
  const navigation = useNavigation()
  return (
    <div className="button-row">
      <button className="button button--primary" type="submit" disabled={navigation.state !== 'idle'}>
        {label}
      </button>
    </div>
  )
}

function TrackForm({ formId, actionData, track }: { formId: string; actionData: ActionData; track: { id: string; name: string; colour: string; description: string | null } | null }) {
  const [form, fields] = useForm({
    id: formId,
    lastResult: resultFor(formId, actionData),
    defaultValue: {
      name: track?.name ?? '',
      colour: track?.colour ?? '#1f6feb',
      description: track?.description ?? '',
    },
    constraint: getZodConstraint(TrackSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="setup-form" aria-label={track ? `Edit track ${track.name}` : 'Add a track'}>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value="track" />
      {track ? <input type="hidden" name="trackId" value={track.id} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label={track ? 'Name' : 'New track'} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
        <Field label="Colour" errors={fields.colour.errors} inputProps={getInputProps(fields.colour, { type: 'color' })} />
      </div>
      <TextareaField label="Description" errors={fields.description.errors} textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }} />
      <SubmitRow label={track ? 'Save track' : 'Add track'} />
    </Form>
  )
}

type RoomRow = { id: string; name: string; capacity: number | null; location: string | null; upcomingSessions: number }

function RoomForm({ formId, actionData, room }: { formId: string; actionData: ActionData; room: RoomRow | null }) {
  const review = actionData?.formId === formId && 'review' in actionData ? actionData.review : null
  const [form, fields] = useForm({
    id: formId,
    lastResult: resultFor(formId, actionData),
    defaultValue: {
      name: room?.name ?? '',
      capacity: room?.capacity ? String(room.capacity) : '',
      location: room?.location ?? '',
    },
    constraint: getZodConstraint(RoomSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoomSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="setup-form" aria-label={room ? `Edit room ${room.name}` : 'Add a room'}>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value="room" />
      {room ? <input type="hidden" name="roomId" value={room.id} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label={room ? 'Name' : 'New room'} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
        <Field label="Capacity" errors={fields.capacity.errors} inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), min: 1 }} />
        <Field label="Location (building and floor)" errors={fields.location.errors} inputProps={getInputProps(fields.location, { type: 'text' })} />
      </div>
      {room && room.upcomingSessions > 0 ? (
        <p className="field-hint setup-form__note">
          {room.upcomingSessions === 1 ? '1 session yet to begin is' : `${room.upcomingSessions} sessions yet to begin are`} held here. Before a new name or location is
          saved, you see who will be told.
        </p>
      ) : null}
      {review ? <RoomChangeReview review={review} /> : <SubmitRow label={room ? 'Save room' : 'Add room'} />}
    </Form>
  )
}

/** A room's new place, before anyone is told: the sessions and meetings held there, and the messages each gets. */
function RoomChangeReview({ review }: { review: RoomChangeReview }) {
  const { sessions } = review
  return (
    <PlaceChangeReview before={review.before} after={review.after} messages={review.sessionMessages + review.meetingMessages}>
      {review.sessionMessages > 0 ? (
        <li>
          {number(review.sessionMessages)} updated session {review.sessionMessages === 1 ? 'invitation' : 'invitations'} (one per person and session) for{' '}
          {sessions.titles.join(', ')}
          {sessions.count > sessions.titles.length ? ` and ${sessions.count - sessions.titles.length} more` : ''}.
        </li>
      ) : null}
      {review.meetingMessages > 0 ? (
        <li>{number(review.meetingMessages)} updated B2B meeting {review.meetingMessages === 1 ? 'invitation' : 'invitations'} (one per person and meeting) with the new place.</li>
      ) : null}
    </PlaceChangeReview>
  )
}

function SpeakerForm({
  formId,
  actionData,
  speaker,
}: {
  formId: string
  actionData: ActionData
  speaker: { id: string; name: string; jobTitle: string | null; organisationName: string | null; bio: string | null; photoUrl: string | null } | null
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult: resultFor(formId, actionData),
    defaultValue: {
      name: speaker?.name ?? '',
      jobTitle: speaker?.jobTitle ?? '',
      organisationName: speaker?.organisationName ?? '',
      bio: speaker?.bio ?? '',
      photoUrl: speaker?.photoUrl ?? '',
    },
    constraint: getZodConstraint(SpeakerSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpeakerSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="setup-form" aria-label={speaker ? `Edit speaker ${speaker.name}` : 'Add a speaker'}>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value="speaker" />
      {speaker ? <input type="hidden" name="speakerId" value={speaker.id} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="field-row">
        <Field label={speaker ? 'Name' : 'New speaker'} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
        <Field label="Title" errors={fields.jobTitle.errors} inputProps={getInputProps(fields.jobTitle, { type: 'text' })} />
        <Field label="Organisation" errors={fields.organisationName.errors} inputProps={getInputProps(fields.organisationName, { type: 'text' })} />
      </div>
      <TextareaField label="Short bio" errors={fields.bio.errors} textareaProps={{ ...getTextareaProps(fields.bio), rows: 3 }} />
      <Field label="Photo address (optional)" hint="An https:// link to an image" errors={fields.photoUrl.errors} inputProps={getInputProps(fields.photoUrl, { type: 'url' })} />
      <SubmitRow label={speaker ? 'Save speaker' : 'Add speaker'} />
    </Form>
  )
}
