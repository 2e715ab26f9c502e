import { data, Form, Link, useNavigation, href } from 'react-router'
import { z } from 'zod'
import { SlotTime, slotsByDay } from '#app/components/meeting-slots.tsx'
import { getAvailability } from '#app/domain/meetings/views.server.ts'
import { blockSlot, unblockSlot } from '#app/domain/meetings/meetings.server.ts'
import { db } from '#app/lib/db.server.ts'
import { formatTime } from '#app/lib/time.ts'
import { meetingArea } from './meetings-context.server.ts'
import type { Route } from './+types/availability'
import { readForm } from '#app/lib/form.server.ts'
import { refusalOf, refusalStatus } from '#app/lib/domain-error.server.ts'

const AvailabilitySchema = z.object({ intent: z.enum(['block', 'unblock']), slotId: z.string().min(1).max(64) })

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  return [{ title: loaderData ? `Your availability · ${loaderData.event.title} · Muster` : 'Your availability · Muster' }]
}

export async function loader({ context }: Route.LoaderArgs) {
  const { user, event } = meetingArea(context)
  const slots = await getAvailability(db, { eventId: event.id, userId: user.id })
  return data({ event, slots })
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, event } = meetingArea(context)
  const parsed = AvailabilitySchema.safeParse(Object.fromEntries(await readForm(request, AvailabilitySchema)))
  if (!parsed.success) return data({ error: 'That request was not understood. Reload the page and try again.', slotId: null }, { status: 400 })
  const input = { eventId: event.id, userId: user.id, slotId: parsed.data.slotId }
  try {
    if (parsed.data.intent === 'block') await blockSlot(db, input)
    else await unblockSlot(db, input)
  } catch (error) {
    const refusal = refusalOf(error)
    return data({ error: refusal.message, slotId: parsed.data.slotId }, refusalStatus(refusal))
  }
  return { error: null, slotId: parsed.data.slotId }
}

const stateLabels = { free: 'Free', blocked: 'Kept free', meeting: 'Meeting' } as const
const stateTones = { free: 'success', blocked: 'warning', meeting: 'break' } as const

export default function AvailabilityPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, slots } = loaderData
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="page page--narrow">
      <header className="page-header">
        <p className="back-link">
          <Link to={href('/events/:slug/meetings', { slug: event.slug })}>Your meetings</Link>
        </p>
        <p className="eyebrow">B2B meetings · {event.title}</p>
        <h1>Your availability</h1>
        <p className="lede">Keep slots free when you cannot meet, for example while you speak or attend a session. Nobody can propose or book those times.</p>
      </header>
      {actionData?.error ? (
        <p className="notice notice--danger" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {slots.length === 0 ? <p className="muted">This event has no B2B slots yet.</p> : null}
      {slotsByDay(slots, event.timeZone).map((day) => (
        <section key={day.key} className="panel" aria-labelledby={`day-${day.key}`}>
          <h2 id={`day-${day.key}`}>{day.label}</h2>
          <ul className="session-list availability-list">
            {day.slots.map((slot) => (
              <li key={slot.id}>
                <span>
                  <SlotTime slot={slot} timeZone={event.timeZone} />
                  <span className={`badge badge--${stateTones[slot.state]}`}>{stateLabels[slot.state]}</span>
                  {slot.meetingWith ? <span className="muted"> with {slot.meetingWith}</span> : null}
                </span>
                {slot.past || slot.state === 'meeting' ? null : (
                  <Form method="post">
                    <input type="hidden" name="slotId" value={slot.id} />
                    <button type="submit" name="intent" value={slot.state === 'blocked' ? 'unblock' : 'block'} className="button" disabled={busy}>
                      {slot.state === 'blocked' ? 'Make available' : 'Keep free'}
                      <span className="visually-hidden"> at {formatTime(slot.startsAt, event.timeZone)}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
