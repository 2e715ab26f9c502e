// "Start from an earlier event": a new draft with the earlier event's details, registration
// questions, tracks, rooms, speakers, agenda, B2B windows, slot and table settings, moved to a
// new start date. Every moment moves by whole calendar days in the event's zone, so a session
// keeps its wall-clock time and its day of the event even when a daylight-saving change lies
// between the two dates. Nothing personal is copied: no registrations, staff (the person
// cloning becomes the owner), profiles, requests, meetings or speaker accounts.
import { randomUUID } from 'node:crypto'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { isUniqueViolation, type Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { calendarDayParts, daysBetweenDateKeys, shiftByCalendarDays } from '#app/lib/time.ts'
import type { EventCloneValues } from './event-details.ts'

/** The events a person may start from: those they organise (or all, for a platform administrator), newest first. */
export async function listCloneSources(db: Db, user: { id: string; isPlatformAdmin: boolean }) {
  return db.event.findMany({
    where: user.isPlatformAdmin ? {} : { roles: { some: { userId: user.id, role: { in: ['OWNER', 'ORGANISER'] } } } },
    orderBy: { startsAt: 'desc' },
    take: 100,
    select: { id: true, title: true, slug: true, startsAt: true, timeZone: true },
  })
}

export async function cloneEvent(db: Db, input: { actorId: string; isPlatformAdmin: boolean; mayCreate: boolean; values: EventCloneValues; ipAddress?: string | null }) {
  if (!input.mayCreate) throw new DomainError('forbidden', 'Only event creators may create events. Ask a platform administrator.')
  const { values } = input
  const source = await db.event.findFirst({
    where: { id: values.sourceEventId, ...(input.isPlatformAdmin ? {} : { roles: { some: { userId: input.actorId, role: { in: ['OWNER', 'ORGANISER'] } } } }) },
    include: {
      questions: true,
      tracks: true,
      rooms: true,
      speakers: true,
      sessions: { where: { status: 'SCHEDULED' }, include: { speakers: true } },
      meetingSlots: true,
      meetingTables: true,
    },
  })
  // Someone else's event is as good as no event: the same answer, next to the field.
  if (!source) throw new DomainError('not-found', 'Choose one of the events you organise.', { field: 'sourceEventId' })
  const zone = source.timeZone
  const days = daysBetweenDateKeys(calendarDayParts(source.startsAt, zone).key, values.startDate)
  const shift = (instant: Date) => shiftByCalendarDays(instant, days, zone)
  const shiftOptional = (instant: Date | null) => (instant ? shift(instant) : null)

  const newId = new Map<string, string>()
  const idFor = (oldId: string) => {
    let id = newId.get(oldId)
    if (!id) newId.set(oldId, (id = randomUUID()))
    return id
  }
  const eventId = randomUUID()

  try {
    await db.$transaction(async (tx) => {
      await tx.event.create({
        data: {
          id: eventId,
          slug: values.slug,
          title: values.title,
          summary: source.summary,
          description: source.description,
          hostName: source.hostName,
          contactEmail: source.contactEmail,
          venueName: source.venueName,
          venueAddress: source.venueAddress,
          timeZone: zone,
          startsAt: shift(source.startsAt),
          endsAt: shift(source.endsAt),
          registrationOpensAt: shift(source.registrationOpensAt),
          registrationClosesAt: shift(source.registrationClosesAt),
          capacity: source.capacity,
          approvalRequired: source.approvalRequired,
          waitlistEnabled: source.waitlistEnabled,
          attendeeListPublic: source.attendeeListPublic,
          eligibleNationalities: source.eligibleNationalities ?? undefined,
          eligibilityExplanation: source.eligibilityExplanation,
          retentionDays: source.retentionDays,
          b2bEnabled: source.b2bEnabled,
          b2bBookingOpensAt: shiftOptional(source.b2bBookingOpensAt),
          b2bBookingClosesAt: shiftOptional(source.b2bBookingClosesAt),
          maxMeetingsPerPerson: source.maxMeetingsPerPerson,
          maxPendingRequestsPerPerson: source.maxPendingRequestsPerPerson,
          meetingSlotMinutes: source.meetingSlotMinutes,
          meetingBreakMinutes: source.meetingBreakMinutes,
          profileVisibility: source.profileVisibility,
          status: 'DRAFT',
          calendarUid: newCalendarUid('event'),
          roles: { create: { userId: input.actorId, role: 'OWNER', grantedById: input.actorId } },
        },
        select: { id: true },
      })
      await tx.registrationQuestion.createMany({
        data: source.questions
          .filter((question) => question.archivedAt === null)
          .map(({ id: _id, eventId: _eventId, archivedAt: _archivedAt, options, ...question }) => ({ ...question, options: options ?? undefined, eventId })),
      })
      await tx.track.createMany({ data: source.tracks.map(({ id, eventId: _eventId, ...track }) => ({ ...track, id: idFor(id), eventId })) })
      await tx.room.createMany({ data: source.rooms.map(({ id, eventId: _eventId, ...room }) => ({ ...room, id: idFor(id), eventId })) })
      await tx.speaker.createMany({ data: source.speakers.map(({ id, eventId: _eventId, userId: _userId, ...speaker }) => ({ ...speaker, id: idFor(id), eventId })) })
      await tx.agendaSession.createMany({
        data: source.sessions.map((session) => ({
          id: idFor(session.id),
          eventId,
          slug: session.slug,
          title: session.title,
          abstract: session.abstract,
          kind: session.kind,
          trackId: session.trackId ? idFor(session.trackId) : null,
          roomId: session.roomId ? idFor(session.roomId) : null,
          startsAt: shift(session.startsAt),
          endsAt: shift(session.endsAt),
          capacity: session.capacity,
          signUpRequired: session.signUpRequired,
          calendarUid: newCalendarUid('session'),
        })),
      })
      await tx.sessionSpeaker.createMany({
        data: source.sessions.flatMap((session) =>
          session.speakers.map((link) => ({ sessionId: idFor(session.id), speakerId: idFor(link.speakerId), role: link.role, position: link.position })),
        ),
      })
      const copiedSessions = new Set(source.sessions.map((session) => session.id))
      await tx.meetingSlot.createMany({
        data: source.meetingSlots
          // A slot in a cancelled B2B window goes with its window.
          .filter((slot) => slot.windowId === null || copiedSessions.has(slot.windowId))
          .map((slot) => ({ eventId, windowId: slot.windowId ? idFor(slot.windowId) : null, startsAt: shift(slot.startsAt), endsAt: shift(slot.endsAt) })),
      })
      await tx.meetingTable.createMany({
        data: source.meetingTables.map(({ id: _id, eventId: _eventId, ...table }) => ({ ...table, eventId })),
      })
      await recordAudit(tx, {
        eventId,
        actorId: input.actorId,
        action: 'event.created',
        entityType: 'Event',
        entityId: eventId,
        data: { slug: values.slug, title: values.title, copiedFrom: { id: source.id, slug: source.slug }, shiftedByDays: days },
        ipAddress: input.ipAddress,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'Another event already has this address; choose another.', { field: 'slug', code: 'slug-taken' })
    throw error
  }
  return { id: eventId, slug: values.slug, shiftedByDays: days }
}
