// Organisers set up their own events: create a draft, edit its details, see what is missing or
// odd before publishing, publish, take it back while nobody has registered, close registration
// by hand. Every change is audited in the transaction that makes it.
import { DbNull } from '@prisma/client/runtime/client'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { isUniqueViolation, type Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { toWallClockInput } from '#app/lib/time.ts'
import { eligibilityPresetOf, eligibleNationalitiesOf, eventInstantsOf, type EventDetailsValues } from './event-details.ts'
import { publishChecklist, type EventStage, type PublishCheck } from './lifecycle.ts'

type Actor = { actorId: string; ipAddress?: string | null }

/** Who may create events: event creators and platform administrators. */
export function mayCreateEvents(user: { isPlatformAdmin: boolean; isEventCreator: boolean }) {
  return user.isPlatformAdmin || user.isEventCreator
}

const slugTaken = () => new DomainError('conflict', 'Another event already has this address; choose another.', { field: 'slug', code: 'slug-taken' })

function detailsData(values: EventDetailsValues) {
  const instants = eventInstantsOf(values)
  // The schema has refused these already; a caller that skipped it gets a refusal, not a 500.
  if (!instants) throw new DomainError('invalid', 'Check the dates and the time zone.', { field: 'startsAt' })
  const eligibleNationalities = eligibleNationalitiesOf(values)
  return {
    title: values.title,
    summary: values.summary,
    description: values.description,
    hostName: values.hostName,
    contactEmail: values.contactEmail,
    venueName: values.venueName,
    venueAddress: values.venueAddress,
    timeZone: values.timeZone,
    ...instants,
    approvalRequired: values.approvalRequired,
    waitlistEnabled: values.waitlistEnabled,
    attendeeListPublic: values.attendeeListPublic,
    eligibleNationalities: eligibleNationalities ?? DbNull,
    eligibilityExplanation: eligibleNationalities === null ? null : (values.eligibilityExplanation ?? null),
  }
}

/** A new draft event, its creator its owner. */
export async function createEvent(db: Db, input: Actor & { values: EventDetailsValues; mayCreate: boolean }) {
  if (!input.mayCreate) throw new DomainError('forbidden', 'Only event creators may create events. Ask a platform administrator.')
  const data = detailsData(input.values)
  try {
    return await db.$transaction(async (tx) => {
      const event = await tx.event.create({
        data: {
          ...data,
          slug: input.values.slug,
          capacity: input.values.capacity ?? null,
          status: 'DRAFT',
          calendarUid: newCalendarUid('event'),
          roles: { create: { userId: input.actorId, role: 'OWNER', grantedById: input.actorId } },
        },
        select: { id: true, slug: true },
      })
      await recordAudit(tx, {
        eventId: event.id,
        actorId: input.actorId,
        action: 'event.created',
        entityType: 'Event',
        entityId: event.id,
        data: { slug: event.slug, title: data.title },
        ipAddress: input.ipAddress,
      })
      return event
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
}

const settingsSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  description: true,
  hostName: true,
  contactEmail: true,
  venueName: true,
  venueAddress: true,
  timeZone: true,
  startsAt: true,
  endsAt: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  capacity: true,
  approvalRequired: true,
  waitlistEnabled: true,
  attendeeListPublic: true,
  eligibleNationalities: true,
  eligibilityExplanation: true,
  status: true,
  publishedAt: true,
  archivedAt: true,
  updatedAt: true,
} as const

/** The event's details as the settings form shows them (wall clock in the event's zone), its stage and its publish checklist. */
export async function getEventSettings(db: Db, eventId: string, now = new Date()) {
  const [event, counts] = await Promise.all([db.event.findUniqueOrThrow({ where: { id: eventId }, select: settingsSelect }), settingsCounts(db, eventId)])
  const nationalities = (event.eligibleNationalities as string[] | null) ?? null
  const values = {
    title: event.title,
    slug: event.slug,
    summary: event.summary,
    description: event.description,
    hostName: event.hostName,
    contactEmail: event.contactEmail,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    timeZone: event.timeZone,
    startsAt: toWallClockInput(event.startsAt, event.timeZone),
    endsAt: toWallClockInput(event.endsAt, event.timeZone),
    registrationOpensAt: toWallClockInput(event.registrationOpensAt, event.timeZone),
    registrationClosesAt: toWallClockInput(event.registrationClosesAt, event.timeZone),
    capacity: event.capacity,
    approvalRequired: event.approvalRequired,
    waitlistEnabled: event.waitlistEnabled,
    attendeeListPublic: event.attendeeListPublic,
    eligibility: eligibilityPresetOf(nationalities),
    nationalities: nationalities ?? [],
    eligibilityExplanation: event.eligibilityExplanation ?? '',
  }
  return {
    values,
    status: event.status,
    publishedAt: event.publishedAt,
    archivedAt: event.archivedAt,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    registrationClosesAt: event.registrationClosesAt,
    updatedAt: event.updatedAt,
    registrationCount: counts.registrations,
    stage: eventStageOf(event, now),
    checklist: publishChecklist({ ...event, ...counts }, now),
  }
}

async function settingsCounts(db: Db, eventId: string) {
  const [registrations, approved, questions, sessions] = await Promise.all([
    db.registration.count({ where: { eventId } }),
    db.registration.count({ where: { eventId, status: 'APPROVED' } }),
    db.registrationQuestion.count({ where: { eventId } }),
    db.agendaSession.count({ where: { eventId, status: 'SCHEDULED' } }),
  ])
  return { registrations, approved, questions, sessions }
}

function eventStageOf(event: { status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'; registrationClosesAt: Date; endsAt: Date; archivedAt: Date | null }, now: Date): EventStage {
  if (event.archivedAt) return 'archived'
  if (event.status !== 'PUBLISHED') return event.status === 'DRAFT' ? 'draft' : 'cancelled'
  if (event.endsAt <= now) return 'finished'
  if (event.registrationClosesAt <= now) return 'registration-closed'
  return 'published'
}

/**
 * Saves the details. A draft may change anything. A published event keeps its address, zone,
 * dates and venue (people hold invites for them) and its capacity (changed on the overview,
 * where freed seats go to the waiting list): the values posted for those are ignored.
 * `expectedUpdatedAt` refuses a save made on a stale form.
 */
export async function updateEventDetails(db: Db, input: Actor & { eventId: string; values: EventDetailsValues; expectedUpdatedAt?: string }) {
  const current = await db.event.findUniqueOrThrow({ where: { id: input.eventId }, select: settingsSelect })
  if (current.status === 'CANCELLED') throw new DomainError('conflict', 'This event is cancelled; its details can no longer change.')
  const published = current.status === 'PUBLISHED'
  const values: EventDetailsValues = published
    ? {
        ...input.values,
        slug: current.slug,
        timeZone: current.timeZone,
        startsAt: toWallClockInput(current.startsAt, current.timeZone),
        endsAt: toWallClockInput(current.endsAt, current.timeZone),
        venueName: current.venueName,
        venueAddress: current.venueAddress,
        capacity: current.capacity ?? undefined,
      }
    : input.values
  const data = detailsData(values)
  if (published && data.registrationClosesAt > current.endsAt) {
    throw new DomainError('invalid', 'Registration must close before the event ends.', { field: 'registrationClosesAt' })
  }
  const after = { ...data, eligibleNationalities: eligibleNationalitiesOf(values), slug: values.slug, capacity: values.capacity ?? null }
  const changed = Object.entries(after).filter(([key, value]) => JSON.stringify(current[key as keyof typeof current] ?? null) !== JSON.stringify(value ?? null))
  if (changed.length === 0) return { changed: [] as string[], slug: values.slug }
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.event.updateMany({
        where: { id: input.eventId, status: current.status, ...(input.expectedUpdatedAt ? { updatedAt: new Date(input.expectedUpdatedAt) } : {}) },
        data: { ...data, slug: values.slug, capacity: values.capacity ?? null },
      })
      if (updated.count === 0) {
        throw new DomainError('conflict', 'Someone else changed this event while you were editing, so your changes were not saved. Reload the page to see theirs, then make yours again.', {
          code: 'stale',
        })
      }
      await recordAudit(tx, {
        eventId: input.eventId,
        actorId: input.actorId,
        action: 'event.details_changed',
        entityType: 'Event',
        entityId: input.eventId,
        data: {
          before: Object.fromEntries(changed.map(([key]) => [key, current[key as keyof typeof current] ?? null])),
          after: Object.fromEntries(changed),
        },
        ipAddress: input.ipAddress,
      })
      return { changed: changed.map(([key]) => key), slug: values.slug }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
}

/**
 * Publishes a draft. Anything the checklist blocks on refuses; its warnings must have been
 * read (`acknowledged`) when there are any. Checked again here, on the database's state.
 */
export async function publishEvent(db: Db, input: Actor & { eventId: string; acknowledged: boolean; now?: Date }) {
  const now = input.now ?? new Date()
  const event = await db.event.findUniqueOrThrow({ where: { id: input.eventId }, select: settingsSelect })
  if (event.status !== 'DRAFT') throw new DomainError('conflict', event.status === 'PUBLISHED' ? 'This event is already published.' : 'A cancelled event cannot be published.')
  const checklist = publishChecklist({ ...event, ...(await settingsCounts(db, input.eventId)) }, now)
  const blocking = checklist.find((check) => check.level === 'blocking')
  if (blocking) throw new DomainError('conflict', blocking.message, { code: 'blocked' })
  if (checklist.length > 0 && !input.acknowledged) {
    throw new DomainError('invalid', 'Confirm that you have read the checklist above.', { field: 'acknowledged' })
  }
  await db.$transaction(async (tx) => {
    const updated = await tx.event.updateMany({ where: { id: input.eventId, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: event.publishedAt ?? now } })
    if (updated.count === 0) throw new DomainError('conflict', 'This event is already published.')
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.published',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { status: 'DRAFT' }, after: { status: 'PUBLISHED' }, warnings: checklist.map((check) => check.key) },
      ipAddress: input.ipAddress,
    })
  })
}

/** Takes a published event back to draft, only while nobody has registered (in any status). */
export async function unpublishEvent(db: Db, input: Actor & { eventId: string }) {
  await db.$transaction(async (tx) => {
    const updated = await tx.event.updateMany({ where: { id: input.eventId, status: 'PUBLISHED', registrations: { none: {} } }, data: { status: 'DRAFT' } })
    if (updated.count === 0) {
      const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { status: true } })
      throw new DomainError(
        'conflict',
        event.status === 'PUBLISHED' ? 'People have registered for this event, so it stays published. Cancel it instead if it will not take place.' : 'This event is not published.',
      )
    }
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.unpublished',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { status: 'PUBLISHED' }, after: { status: 'DRAFT' } },
      ipAddress: input.ipAddress,
    })
  })
}

/** Closes registration now, ahead of the date set: the window's end moves to this moment. */
export async function closeRegistrationNow(db: Db, input: Actor & { eventId: string; now?: Date }) {
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { status: true, registrationClosesAt: true, registrationOpensAt: true } })
    if (event.status !== 'PUBLISHED' || event.registrationClosesAt <= now) throw new DomainError('conflict', 'Registration is not open for this event.')
    await tx.event.update({ where: { id: input.eventId }, data: { registrationClosesAt: now, ...(event.registrationOpensAt > now ? { registrationOpensAt: now } : {}) }, select: { id: true } })
    await recordAudit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: 'event.registration_closed',
      entityType: 'Event',
      entityId: input.eventId,
      data: { before: { registrationClosesAt: event.registrationClosesAt }, after: { registrationClosesAt: now } },
      ipAddress: input.ipAddress,
    })
  })
}

export type { PublishCheck }

/** The events a person is staff of, drafts included, soonest first, with their stage: "Your events" on the home page. */
export async function listStaffEvents(db: Db, userId: string, now = new Date()) {
  const events = await db.event.findMany({
    where: { roles: { some: { userId } } },
    orderBy: { startsAt: 'asc' },
    take: 100,
    select: { slug: true, title: true, timeZone: true, startsAt: true, endsAt: true, status: true, registrationClosesAt: true, archivedAt: true, roles: { where: { userId }, select: { role: true } } },
  })
  return events.map(({ roles, registrationClosesAt, archivedAt, ...event }) => ({
    ...event,
    roles: roles.map((held) => held.role),
    stage: eventStageOf({ status: event.status, endsAt: event.endsAt, registrationClosesAt, archivedAt }, now),
  }))
}
