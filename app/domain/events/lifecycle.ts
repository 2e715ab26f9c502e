// Where an event stands in its life (draft, published, registration closed, finished,
// cancelled, archived) and what the organiser should know before publishing it. Pure: the console's
// settings page and the publish action share it.

export type EventStage = 'draft' | 'published' | 'registration-closed' | 'finished' | 'cancelled' | 'archived'

export const eventStageLabels: Record<EventStage, string> = {
  draft: 'Draft: only its staff see it',
  published: 'Published',
  'registration-closed': 'Published, registration closed',
  finished: 'Finished',
  cancelled: 'Cancelled',
  archived: 'Archived: read-only',
}

/** Fields that registrants' invites and the public address rest on: fixed in the settings form once the event is published. */
export const fieldsFixedOncePublished = ['slug', 'timeZone', 'startsAt', 'endsAt', 'venueName', 'venueAddress', 'capacity'] as const

/** One line of the checklist: "blocking" stops publishing, "warning" asks the organiser to confirm. */
export type PublishCheck = { key: string; level: 'blocking' | 'warning'; message: string }

type ChecklistInput = {
  startsAt: Date
  endsAt: Date
  registrationOpensAt: Date
  registrationClosesAt: Date
  capacity: number | null
  description: string
  questions: number
  sessions: number
  approved: number
}

/** What is missing or odd about the event, most serious first. */
export function publishChecklist(event: ChecklistInput, now: Date): PublishCheck[] {
  const checks: PublishCheck[] = []
  if (event.endsAt <= now) checks.push({ key: 'event-past', level: 'blocking', message: 'The event has already ended. Change its dates before publishing.' })
  if (event.registrationClosesAt <= now) {
    checks.push({ key: 'registration-past', level: 'warning', message: 'The registration window has already closed: nobody will be able to register.' })
  }
  if (event.capacity !== null && event.capacity < event.approved) {
    checks.push({ key: 'capacity-below-approved', level: 'warning', message: `The capacity (${event.capacity}) is smaller than the ${event.approved} approved registrations.` })
  }
  if (event.questions === 0) checks.push({ key: 'no-questions', level: 'warning', message: 'The registration form asks no questions beyond the person’s profile.' })
  if (event.sessions === 0) checks.push({ key: 'no-agenda', level: 'warning', message: 'The agenda has no sessions yet.' })
  if (event.description.trim() === '') checks.push({ key: 'no-description', level: 'warning', message: 'The event page has no description.' })
  return checks
}
