// The organiser's agenda: sessions, tracks, rooms and speakers. A change to a session is one
// domain operation: it records what changed in the audit log, raises the session's SEQUENCE
// when the change matters to a calendar (time, room, title, cancellation) and, in the same
// transaction, queues for every affected attendee an email saying what changed (old beside
// new) with the updated invite, or a CANCEL. Cosmetic edits (abstract, track, speakers)
// notify nobody. The organiser previews who will be told before confirming.
import { busyTransactionOptions, databaseProviderOf, isUniqueViolation, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { calendarDayParts, formatTime, instantFromWallClock } from '#app/lib/time.ts'
import type { SessionChangeLine } from '#emails/session-update.tsx'
import { agendaWarnings, type AgendaWarning, type CheckedSession } from './checks.ts'
import type { SessionFormValues } from './session-form.ts'
import { emailSessionProps, lockSession, promoteFromSessionWaitlist } from './breakouts.server.ts'
import { sessionEntrySelect, sessionInviteFromRow } from '#app/domain/calendar/calendar.server.ts'
import { queueEmails } from '#app/domain/messages/queued-email.server.ts'
import { describeSession, describeWhen, describeWhere } from './session-description.server.ts'
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { slugify } from '#app/lib/slug.ts'
import { newCalendarUid } from '#app/domain/calendar/uids.server.ts'
import { notifyMeetingsOfNewPlace, upcomingMeetingsBeforePlaceChange } from '#app/domain/meetings/moves.server.ts'

type Tx = DbTransaction

/** Sessions every approved attendee has in their calendar (calendar-feeds.server.ts lists the same). */
const KINDS_FOR_EVERYONE = new Set(['PLENARY', 'PANEL'])

// ---------- Reading ----------

const editorSessionSelect = {
  id: true,
  slug: true,
  title: true,
  abstract: true,
  kind: true,
  status: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  signUpRequired: true,
  seatsTaken: true,
  updatedAt: true,
  trackId: true,
  track: { select: { name: true, colour: true } },
  room: { select: { id: true, name: true, capacity: true } },
  speakers: { orderBy: { position: 'asc' }, select: { speaker: { select: { id: true, name: true } } } },
  _count: { select: { enrolments: { where: { status: 'WAITLISTED' } } } },
} as const

/** Everything the editor shows for one event: sessions by start, their warnings, and the pick lists (each room with its sessions yet to begin). */
export async function getAgendaEditor(db: Db, eventId: string, now = new Date()) {
  const [event, sessions, tracks, rooms, speakers] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { startsAt: true, endsAt: true, timeZone: true } }),
    db.agendaSession.findMany({ where: { eventId }, orderBy: [{ startsAt: 'asc' }, { title: 'asc' }], select: editorSessionSelect }),
    db.track.findMany({ where: { eventId }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, slug: true, name: true, colour: true, description: true } }),
    db.room.findMany({
      where: { eventId },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, capacity: true, location: true, _count: { select: { sessions: { where: { status: 'SCHEDULED', startsAt: { gt: now } } } } } },
    }),
    db.speaker.findMany({
      where: { eventId },
      orderBy: { name: 'asc' },
      select: { id: true, slug: true, name: true, jobTitle: true, organisationName: true, bio: true, photoUrl: true },
    }),
  ])
  const rows = sessions.map(({ speakers: sessionSpeakers, _count, ...session }) => ({
    ...session,
    speakers: sessionSpeakers.map(({ speaker }) => speaker),
    waiting: _count.enrolments,
  }))
  return {
    event,
    sessions: rows,
    tracks,
    rooms: rooms.map(({ _count, ...room }) => ({ ...room, upcomingSessions: _count.sessions })),
    speakers,
    warnings: agendaWarnings(rows, event),
  }
}

/** One session as the form shows it: wall-clock day and times in the event's zone. */
export async function getSessionForEditing(db: Db, input: { eventId: string; sessionId: string }) {
  const session = await db.agendaSession.findFirst({
    where: { id: input.sessionId, eventId: input.eventId },
    select: { ...editorSessionSelect, event: { select: { timeZone: true } } },
  })
  if (!session) return null
  const { timeZone } = session.event
  return {
    session,
    formValues: {
      title: session.title,
      abstract: session.abstract ?? '',
      kind: session.kind,
      trackId: session.trackId ?? '',
      roomId: session.room?.id ?? '',
      date: calendarDayParts(session.startsAt, timeZone).key,
      startTime: formatTime(session.startsAt, timeZone),
      endTime: formatTime(session.endsAt, timeZone),
      speakerIds: session.speakers.map(({ speaker }) => speaker.id),
      capacity: session.capacity === null ? '' : String(session.capacity),
      signUpRequired: session.signUpRequired ? 'on' : '',
    },
  }
}

// ---------- Creating ----------

export async function createSession(db: Db, input: { eventId: string; actorId: string; values: SessionFormValues; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const resolved = await resolveValues(tx, input.eventId, input.values)
    const slug = await freeSlug(tx, input.eventId, input.values.title)
    const session = await tx.agendaSession.create({
      data: {
        eventId: input.eventId,
        slug,
        ...resolved.columns,
        calendarUid: newCalendarUid('session'),
        speakers: { create: resolved.speakerIds.map((speakerId, position) => ({ speakerId, position })) },
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true, slug: true },
    })
    await audit(tx, { eventId: input.eventId, actorId: input.actorId, action: 'session.created', sessionId: session.id, data: { title: input.values.title }, now })
    return session
  }, busyTransactionOptions)
}

// ---------- Changing ----------

export type SessionChangePlan = {
  /** What changes for calendars and attendees, old beside new. Empty for a cosmetic edit. */
  changes: SessionChangeLine[]
  /** Other fields that change without telling anyone. */
  quietChanges: string[]
  recipients: { count: number; withInvite: number; names: string[] }
  /** People whose upcoming B2B meetings move with the window to its new room (both of each meeting): each gets the new place with the updated meeting invite. */
  meetingPeople: number
  warnings: AgendaWarning[]
}

/** What saving `values` would change and who would be told, without changing anything. */
export async function planSessionChange(db: Db, input: { eventId: string; sessionId: string; values: SessionFormValues }): Promise<SessionChangePlan> {
  return db.$transaction(async (tx) => {
    const current = await readForChange(tx, input)
    const resolved = await resolveValues(tx, input.eventId, input.values)
    const diff = await diffSession(tx, current, resolved)
    const recipients = diff.changes.length > 0 ? await affectedAttendees(tx, current) : []
    const meetingsMoving = await meetingsMovingWithWindow(tx, current, resolved, new Date(), { forChange: false })
    const others = await tx.agendaSession.findMany({
      where: { eventId: input.eventId, id: { not: current.id } },
      select: { id: true, title: true, status: true, startsAt: true, endsAt: true, capacity: true, room: { select: { id: true, name: true, capacity: true } }, speakers: { select: { speaker: { select: { id: true, name: true } } } } },
    })
    const room = resolved.columns.roomId ? await tx.room.findUnique({ where: { id: resolved.columns.roomId }, select: { id: true, name: true, capacity: true } }) : null
    const speakers = await tx.speaker.findMany({ where: { id: { in: resolved.speakerIds } }, select: { id: true, name: true } })
    const edited: CheckedSession = { id: current.id, title: resolved.columns.title, status: current.status, startsAt: resolved.columns.startsAt, endsAt: resolved.columns.endsAt, capacity: resolved.columns.capacity, room, speakers }
    const event = await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { startsAt: true, endsAt: true, timeZone: true } })
    const warnings = agendaWarnings([edited, ...others.map((other) => ({ ...other, speakers: other.speakers.map(({ speaker }) => speaker) }))], event).filter(
      (warning) => warning.sessionId === current.id,
    )
    return {
      changes: diff.changes,
      quietChanges: diff.quietChanges,
      recipients: {
        count: recipients.length,
        withInvite: recipients.filter((recipient) => recipient.invite).length,
        names: recipients.slice(0, 12).map((recipient) => recipient.name),
      },
      meetingPeople: meetingsMoving.reduce((people, meeting) => people + meeting.people.length, 0),
      warnings,
    }
  })
}

/**
 * A B2B window's room is where its meetings take place (their invites name it): the upcoming
 * confirmed ones, as they are before a change moves the window to another room. None otherwise.
 */
async function meetingsMovingWithWindow(tx: Tx, current: CurrentSession, resolved: ResolvedValues, now: Date, options: { forChange: boolean }) {
  if (current.kind !== 'B2B_WINDOW' || current.roomId === resolved.columns.roomId) return []
  // A booking in the window holds it with a key-share lock (holdWindowsWhileBooking): FOR UPDATE
  // waits for those in progress, and holds new ones back until this change is committed.
  if (options.forChange && databaseProviderOf(tx) === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "AgendaSession" WHERE "id" = ${current.id} FOR UPDATE`
  return upcomingMeetingsBeforePlaceChange(tx, { eventId: current.eventId, at: { windowId: current.id }, now })
}

/**
 * Saves the form. `expectedUpdatedAt` is the session's last change when the organiser opened
 * it: if someone changed it since, nothing is saved (their preview would be wrong).
 */
export async function applySessionChange(
  db: Db,
  input: { eventId: string; sessionId: string; actorId: string; values: SessionFormValues; expectedUpdatedAt: Date; now?: Date },
) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    await lockSession(tx, input.sessionId)
    const current = await readForChange(tx, input)
    // A session moving into a room whose place is being changed waits for that change (saveRoomPlace), and then names the new
    // place. Only on a move: a session staying in its room is locked by that change itself, so holding the room too could deadlock.
    if (input.values.roomId && input.values.roomId !== current.roomId && databaseProviderOf(tx) === 'postgresql') {
      await tx.$queryRaw`SELECT "id" FROM "Room" WHERE "id" = ${input.values.roomId} FOR SHARE`
    }
    if (current.updatedAt.getTime() !== input.expectedUpdatedAt.getTime()) {
      throw new DomainError('conflict', 'Someone changed this session while you were editing it. Review the current version and save again.')
    }
    const resolved = await resolveValues(tx, input.eventId, input.values)
    const diff = await diffSession(tx, current, resolved)
    await checkSeats(tx, current, resolved)
    const meetingsMoving = await meetingsMovingWithWindow(tx, current, resolved, now, { forChange: true })
    const notifying = diff.changes.length > 0
    await tx.agendaSession.update({
      where: { id: current.id },
      data: {
        ...resolved.columns,
        updatedAt: now,
        ...(notifying ? { calendarSequence: { increment: 1 } } : {}),
        speakers: { deleteMany: {}, create: resolved.speakerIds.map((speakerId, position) => ({ speakerId, position })) },
      },
      select: { id: true },
    })
    // Of a window, only its room is in its meetings' entries: other edits leave their feeds alone.
    // Upcoming meetings are also in people's calendars from their invites, which the update replaces.
    let meetingPeopleNotified = 0
    if (current.kind === 'B2B_WINDOW' && current.roomId !== resolved.columns.roomId) {
      await touchMeetingsInWindows(tx, { windowId: current.id }, now)
      meetingPeopleNotified = await notifyMeetingsOfNewPlace(tx, { meetings: meetingsMoving, now })
    }
    const entry = await audit(tx, {
      eventId: input.eventId,
      actorId: input.actorId,
      action: notifying ? 'session.changed' : 'session.edited',
      sessionId: current.id,
      data: { changes: diff.changes, quietChanges: diff.quietChanges },
      now,
    })
    const notified = notifying ? await notifyAffected(tx, { sessionId: current.id, changeId: entry.id, kind: 'changed', changes: diff.changes }) : 0
    const promoted = await promoteFromSessionWaitlist(tx, current.id, now)
    return { changes: diff.changes, notified: notified + meetingPeopleNotified, promoted: promoted.length }
  }, busyTransactionOptions)
}

/** Cancels a session: everyone affected gets a CANCEL of their entry. Seats stay recorded for the history. */
export async function cancelSession(db: Db, input: { eventId: string; sessionId: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    await lockSession(tx, input.sessionId)
    const current = await readForChange(tx, input)
    if (current.status === 'CANCELLED') throw new DomainError('conflict', 'This session is already cancelled.')
    await tx.agendaSession.update({
      where: { id: current.id },
      data: { status: 'CANCELLED', cancelledAt: now, updatedAt: now, calendarSequence: { increment: 1 } },
      select: { id: true },
    })
    const entry = await audit(tx, { eventId: input.eventId, actorId: input.actorId, action: 'session.cancelled', sessionId: current.id, data: { title: current.title }, now })
    return { notified: await notifyAffected(tx, { sessionId: current.id, changeId: entry.id, kind: 'cancelled', changes: [] }) }
  }, busyTransactionOptions)
}

/** Who hears about a cancellation, for the confirmation step. */
export async function planSessionCancellation(db: Db, input: { eventId: string; sessionId: string }) {
  return db.$transaction(async (tx) => {
    const current = await readForChange(tx, input)
    const recipients = await affectedAttendees(tx, current)
    return { count: recipients.length, names: recipients.slice(0, 12).map((recipient) => recipient.name) }
  })
}

// ---------- Tracks, rooms and speakers ----------

export async function saveTrack(db: Db, input: { eventId: string; trackId?: string; name: string; colour: string; description?: string | undefined }) {
  const data = { name: input.name, colour: input.colour, description: input.description ?? null }
  if (input.trackId) {
    const trackId = input.trackId
    // Feeds name the track (CATEGORIES): their entries change.
    await saveWhatSessionsShow(db, (tx) => tx.track.updateMany({ where: { id: trackId, eventId: input.eventId }, data }), 'There is no such track.', { trackId })
    return
  }
  await db.track.create({ data: { ...data, eventId: input.eventId, slug: await freeTrackSlug(db, input.eventId, input.name) }, select: { id: true } })
}

export type RoomValues = { name: string; capacity?: number | undefined; location?: string | undefined }

/** Who a new place for a room reaches: the holders of its upcoming sessions and both people of each upcoming B2B meeting there. */
export type RoomChangeReview = {
  /** The place as invites name it (room, location, venue), before and after. */
  before: string
  after: string
  /** Upcoming sessions held there that are in someone's calendar (breaks and B2B windows are in nobody's). */
  sessions: { count: number; titles: string[] }
  /** Session invites updated: one message per person per session. */
  sessionMessages: number
  /** People with upcoming B2B meetings in the room's windows: one message per person per meeting. */
  meetingMessages: number
}

export type RoomSaveResult = { saved: true; notified: number } | { saved: false; review: RoomChangeReview }

/** The change the organiser confirmed: the place they saw it move from, and to. */
export type RoomPlaceReviewed = { before: string; after: string }

/**
 * Adds a room, or saves one. A new name or location moves every session and B2B meeting held
 * there, and the emailed invites say where they are: when that reaches anyone, nothing is
 * saved until the organiser has seen who will be told (`review`) and confirms the same change
 * (`reviewed`: from the same place to the same new one). The save then raises each upcoming
 * session's calendar sequence and sends its holders the change with the updated invite, and
 * each upcoming meeting there its new place, in the same transaction.
 */
export async function saveRoom(
  db: Db,
  input: { eventId: string; actorId: string; roomId?: string | undefined; values: RoomValues; reviewed?: RoomPlaceReviewed | undefined; now?: Date },
): Promise<RoomSaveResult> {
  const { name, capacity, location } = input.values
  const nameTaken = () => new DomainError('conflict', `There is already a room called “${name}”.`, { field: 'name' })
  const clash = await db.room.findFirst({ where: { eventId: input.eventId, name, id: input.roomId ? { not: input.roomId } : undefined }, select: { id: true } })
  if (clash) throw nameTaken()
  const data = { name, capacity: capacity ?? null, location: location ?? null }
  const roomId = input.roomId
  try {
    if (!roomId) {
      await db.room.create({ data: { ...data, eventId: input.eventId }, select: { id: true } })
      return { saved: true, notified: 0 }
    }
    return await db.$transaction((tx) => saveRoomPlace(tx, { ...input, roomId, data, now: input.now ?? new Date() }), busyTransactionOptions)
  } catch (error) {
    // Another room took the name after the check above: the unique index (eventId, name) says so.
    if (isUniqueViolation(error)) throw nameTaken()
    throw error
  }
}

/** saveRoom's transaction for an existing room (exported for the tests that hold it open while others write). */
export async function saveRoomPlace(
  tx: Tx,
  input: { eventId: string; actorId: string; roomId: string; data: { name: string; capacity: number | null; location: string | null }; reviewed?: RoomPlaceReviewed | undefined; now: Date },
): Promise<RoomSaveResult> {
  const { roomId, data, now } = input
  // The room first: a second save of the same room (another organiser, a resent form) waits here
  // and then reads the place this one leaves, and a session moving into the room waits for it too
  // (applySessionChange holds its new room with a share lock).
  if (databaseProviderOf(tx) === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "Room" WHERE "id" = ${roomId} AND "eventId" = ${input.eventId} FOR UPDATE`
  const current = await tx.room.findFirst({ where: { id: roomId, eventId: input.eventId }, select: { name: true, location: true, event: { select: { venueName: true } } } })
  if (!current) throw new DomainError('not-found', 'There is no such room.')
  const before = describeWhere(current, current.event.venueName)
  const after = describeWhere(data, current.event.venueName)
  let moving = null
  if (before !== after) {
    const confirmed = input.reviewed?.before === before && input.reviewed.after === after
    // A review only counts; the save locks what it will tell people about, and reads it again.
    moving = await upcomingInRoom(tx, { eventId: input.eventId, roomId, now, lock: confirmed })
    if (!confirmed && moving.reaches > 0) {
      const { inCalendars, sessionMessages, meetingMessages } = moving
      const sessions = { count: inCalendars.length, titles: inCalendars.slice(0, 12).map((session) => session.title) }
      return { saved: false, review: { before, after, sessions, sessionMessages, meetingMessages } }
    }
    if (!confirmed) moving = await upcomingInRoom(tx, { eventId: input.eventId, roomId, now, lock: true })
  }
  await tx.room.update({ where: { id: roomId }, data, select: { id: true } })
  // Feeds show the room in LOCATION, and the public pages name it: every session held there changes.
  await tx.agendaSession.updateMany({ where: { roomId }, data: { updatedAt: now } })
  await touchMeetingsInWindows(tx, { window: { roomId } }, now)
  if (!moving) return { saved: true, notified: 0 }
  const change = await recordAudit(tx, { eventId: input.eventId, actorId: input.actorId, action: 'room.place_changed', entityType: 'Room', entityId: roomId, data: { before, after } })
  let notified = 0
  for (const session of moving.sessions) {
    await tx.agendaSession.update({ where: { id: session.id }, data: { calendarSequence: { increment: 1 } }, select: { id: true } })
    notified += await notifySessionChange(tx, { sessionId: session.id, changeId: `${change.id}:${session.id}`, changes: [{ label: 'Where', before, after }] })
  }
  notified += await notifyMeetingsOfNewPlace(tx, { meetings: moving.meetings, now })
  return { saved: true, notified }
}

/**
 * The room's sessions and B2B meetings that have not begun, as they are before its place changes,
 * and how many messages a new place would send. With `lock`, on PostgreSQL, the sessions and B2B
 * windows are locked first (ordered by id): a sign-up or a booking in progress is waited for and
 * then told, and one that starts now waits for the new place.
 */
async function upcomingInRoom(tx: Tx, input: { eventId: string; roomId: string; now: Date; lock: boolean }) {
  if (input.lock && databaseProviderOf(tx) === 'postgresql') {
    await tx.$queryRaw`SELECT "id" FROM "AgendaSession" WHERE "roomId" = ${input.roomId} AND ("startsAt" > ${input.now} OR "kind" = 'B2B_WINDOW') ORDER BY "id" FOR UPDATE`
  }
  const sessions = await tx.agendaSession.findMany({
    where: { eventId: input.eventId, roomId: input.roomId, status: 'SCHEDULED', startsAt: { gt: input.now } },
    orderBy: [{ startsAt: 'asc' }, { title: 'asc' }],
    select: { id: true, title: true },
  })
  const held: { title: string; recipients: number }[] = []
  for (const session of sessions) held.push({ title: session.title, recipients: await countSessionRecipients(tx, session.id) })
  const inCalendars = held.filter((session) => session.recipients > 0)
  const sessionMessages = inCalendars.reduce((messages, session) => messages + session.recipients, 0)
  const meetings = await upcomingMeetingsBeforePlaceChange(tx, { eventId: input.eventId, at: { roomId: input.roomId }, now: input.now })
  const meetingMessages = meetings.reduce((people, meeting) => people + meeting.people.length, 0)
  return { sessions, inCalendars, sessionMessages, meetings, meetingMessages, reaches: sessionMessages + meetingMessages }
}

export async function saveSpeaker(
  db: Db,
  input: { eventId: string; speakerId?: string; name: string; jobTitle?: string | undefined; organisationName?: string | undefined; bio?: string | undefined; photoUrl?: string | undefined },
) {
  const data = {
    name: input.name,
    jobTitle: input.jobTitle ?? null,
    organisationName: input.organisationName ?? null,
    bio: input.bio ?? null,
    photoUrl: input.photoUrl ?? null,
  }
  if (input.speakerId) {
    const speakerId = input.speakerId
    // Feeds list the speakers in DESCRIPTION: their entries change.
    await saveWhatSessionsShow(
      db,
      (tx) => tx.speaker.updateMany({ where: { id: speakerId, eventId: input.eventId }, data }),
      'There is no such speaker.',
      { speakers: { some: { speakerId } } },
    )
    return
  }
  await db.speaker.create({ data: { ...data, eventId: input.eventId, slug: await freeSpeakerSlug(db, input.eventId, input.name) }, select: { id: true } })
}

/** Tracks and speakers have no updatedAt: their sessions' rows carry the change to the feeds (rooms: saveRoomPlace). */
type SessionsShowing = { trackId: string } | { speakers: { some: { speakerId: string } } }

/**
 * Saves an edit of something sessions show and moves those sessions' updatedAt in the same
 * transaction: the calendar feeds' ETags and their shared session rows follow that version, so
 * an edit saved without it would stay unseen until the session changed again.
 */
async function saveWhatSessionsShow(db: Db, update: (tx: Tx) => Promise<{ count: number }>, notFound: string, showing: SessionsShowing) {
  await db.$transaction(async (tx) => {
    const updated = await update(tx)
    if (updated.count === 0) throw new DomainError('not-found', notFound)
    const now = new Date()
    await tx.agendaSession.updateMany({ where: showing, data: { updatedAt: now } })
  })
}

/**
 * A meeting's entry says where it is from its slot's window (the room): a change there moves the
 * meetings' updatedAt, as their feeds' ETags and entries follow it.
 */
async function touchMeetingsInWindows(tx: Tx, slot: { window: { roomId: string } } | { windowId: string }, now: Date) {
  await tx.meeting.updateMany({ where: { slot }, data: { updatedAt: now } })
}

// ---------- Internals ----------

type CurrentSession = Awaited<ReturnType<typeof readForChange>>

async function readForChange(tx: Tx, input: { eventId: string; sessionId: string }) {
  const session = await tx.agendaSession.findFirst({
    where: { id: input.sessionId, eventId: input.eventId },
    select: {
      id: true,
      title: true,
      abstract: true,
      kind: true,
      status: true,
      trackId: true,
      roomId: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      signUpRequired: true,
      seatsTaken: true,
      updatedAt: true,
      eventId: true,
      speakers: { orderBy: { position: 'asc' }, select: { speakerId: true } },
      event: { select: { timeZone: true, venueName: true } },
      _count: { select: { meetingSlots: true, enrolments: { where: { status: { in: ['ENROLLED', 'WAITLISTED'] } } } } },
    },
  })
  if (!session) throw new DomainError('not-found', 'There is no such session.')
  return session
}

type ResolvedValues = Awaited<ReturnType<typeof resolveValues>>

/** Form values as columns: wall-clock times to instants, and every id checked to belong to the event. */
async function resolveValues(tx: Tx, eventId: string, values: SessionFormValues) {
  const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { timeZone: true } })
  const startsAt = instantFromWallClock(values.date, values.startTime, event.timeZone)
  if (!startsAt) throw new DomainError('invalid', `${values.startTime} does not exist on that day in ${event.timeZone}: the clocks go forward.`, { field: 'startTime' })
  const endsAt = instantFromWallClock(values.date, values.endTime, event.timeZone)
  if (!endsAt) throw new DomainError('invalid', `${values.endTime} does not exist on that day in ${event.timeZone}: the clocks go forward.`, { field: 'endTime' })
  if (endsAt.getTime() <= startsAt.getTime()) throw new DomainError('invalid', 'The session must end after it starts.', { field: 'endTime' })
  const trackId = values.trackId || null
  const roomId = values.roomId || null
  if (trackId && !(await tx.track.findFirst({ where: { id: trackId, eventId }, select: { id: true } }))) {
    throw new DomainError('invalid', 'Choose one of this event’s tracks.', { field: 'trackId' })
  }
  if (roomId && !(await tx.room.findFirst({ where: { id: roomId, eventId }, select: { id: true } }))) {
    throw new DomainError('invalid', 'Choose one of this event’s rooms.', { field: 'roomId' })
  }
  const speakerIds = [...new Set(values.speakerIds)]
  const known = await tx.speaker.count({ where: { id: { in: speakerIds }, eventId } })
  if (known !== speakerIds.length) throw new DomainError('invalid', 'Choose speakers of this event.', { field: 'speakerIds' })
  if (values.signUpRequired && values.kind === 'B2B_WINDOW') throw new DomainError('invalid', 'B2B windows are booked through meetings, not sign-up.', { field: 'signUpRequired' })
  return {
    columns: {
      title: values.title,
      abstract: values.abstract || null,
      kind: values.kind,
      trackId,
      roomId,
      startsAt,
      endsAt,
      capacity: values.capacity ?? null,
      signUpRequired: values.signUpRequired,
    },
    speakerIds,
  }
}

async function diffSession(tx: Tx, current: CurrentSession, resolved: ResolvedValues) {
  const { timeZone, venueName } = current.event
  const next = resolved.columns
  const changes: SessionChangeLine[] = []
  if (current.startsAt.getTime() !== next.startsAt.getTime() || current.endsAt.getTime() !== next.endsAt.getTime()) {
    if (current.kind === 'B2B_WINDOW' && current._count.meetingSlots > 0) {
      throw new DomainError('conflict', 'This B2B window has meeting slots: move the meetings in the matchmaking console first.', { field: 'startTime' })
    }
    changes.push({ label: 'When', before: describeWhen(current.startsAt, current.endsAt, timeZone), after: describeWhen(next.startsAt, next.endsAt, timeZone) })
  }
  if (current.roomId !== next.roomId) {
    const rooms = await tx.room.findMany({ where: { id: { in: [current.roomId, next.roomId].filter((id): id is string => id !== null) } }, select: { id: true, name: true, location: true } })
    const place = (id: string | null) => describeWhere(rooms.find((room) => room.id === id) ?? null, venueName)
    changes.push({ label: 'Where', before: place(current.roomId), after: place(next.roomId) })
  }
  if (current.title !== next.title) changes.push({ label: 'Title', before: current.title, after: next.title })
  const quietChanges: string[] = []
  if ((current.abstract ?? null) !== next.abstract) quietChanges.push('abstract')
  if (current.kind !== next.kind) quietChanges.push('kind')
  if (current.trackId !== next.trackId) quietChanges.push('track')
  if (current.capacity !== next.capacity) quietChanges.push('capacity')
  if (current.signUpRequired !== next.signUpRequired) quietChanges.push('sign-up')
  if (current.speakers.map((speaker) => speaker.speakerId).join() !== resolved.speakerIds.join()) quietChanges.push('speakers')
  return { changes, quietChanges }
}

/** Capacity never drops below the seats already given, and sign-up is not switched off under people's feet. */
async function checkSeats(tx: Tx, current: CurrentSession, resolved: ResolvedValues) {
  const next = resolved.columns
  if (current.signUpRequired && !next.signUpRequired && current._count.enrolments > 0) {
    throw new DomainError('conflict', `${current._count.enrolments} people hold a seat or a waiting place: sign-up stays on while they do.`, { field: 'signUpRequired' })
  }
  const roomCapacity = next.roomId ? (await tx.room.findUnique({ where: { id: next.roomId }, select: { capacity: true } }))?.capacity ?? null : null
  const effective = next.capacity ?? roomCapacity
  if (effective !== null && effective < current.seatsTaken) {
    throw new DomainError('conflict', `${current.seatsTaken} people already hold seats: the capacity cannot go below ${current.seatsTaken}.`, { field: 'capacity' })
  }
}

type Recipient = { userId: string; name: string; email: string; invite: boolean; personalSequence: number }

/**
 * Who a change reaches: for a sign-up session its seat holders (with an invite) and those
 * waiting (told, without one); for a plenary or panel every approved attendee; for breaks,
 * B2B windows and open breakouts, which are in nobody's calendar, no one.
 */
async function affectedAttendees(tx: Db | Tx, session: Pick<CurrentSession, 'id' | 'eventId' | 'kind' | 'signUpRequired'>): Promise<Recipient[]> {
  const person = { select: { id: true, name: true, email: true, erasedAt: true } } as const
  if (session.signUpRequired) {
    const enrolments = await tx.sessionEnrolment.findMany({
      where: { sessionId: session.id, status: { in: ['ENROLLED', 'WAITLISTED'] }, registration: { status: 'APPROVED' } },
      orderBy: [{ status: 'asc' }, { waitlistNumber: 'asc' }, { createdAt: 'asc' }],
      select: { status: true, calendarSequence: true, registration: { select: { user: person } } },
    })
    return enrolments
      .filter(({ registration }) => !registration.user.erasedAt)
      .map(({ status, calendarSequence, registration: { user } }) => ({
        userId: user.id,
        name: user.name,
        email: user.email,
        invite: status === 'ENROLLED',
        personalSequence: calendarSequence,
      }))
  }
  if (!KINDS_FOR_EVERYONE.has(session.kind)) return []
  const registrations = await tx.registration.findMany({
    where: { eventId: session.eventId, status: 'APPROVED', user: { erasedAt: null } },
    orderBy: { submittedAt: 'asc' },
    select: { user: person },
  })
  return registrations.map(({ user }) => ({ userId: user.id, name: user.name, email: user.email, invite: true, personalSequence: 0 }))
}

/**
 * Queues the change's email for everyone affected. The email has no personal greeting, so the
 * outbox worker renders it once for all of them; each invite is built from the one row read.
 */
async function notifyAffected(
  tx: Tx,
  input: { sessionId: string; changeId: string; kind: 'changed' | 'cancelled'; changes: SessionChangeLine[] },
) {
  const session = await tx.agendaSession.findUniqueOrThrow({ where: { id: input.sessionId }, select: { ...sessionEntrySelect, eventId: true, kind: true, signUpRequired: true, id: true } })
  const recipients = await affectedAttendees(tx, session)
  if (recipients.length === 0) return 0
  const described = await describeSession(tx, input.sessionId)
  const method = input.kind === 'cancelled' ? ('CANCEL' as const) : ('REQUEST' as const)
  await queueEmails(
    tx,
    recipients.map((recipient) => {
      const invite = recipient.invite ? sessionInviteFromRow(session, { person: recipient, method, personalSequence: recipient.personalSequence }) : null
      return {
        idempotencyKey: `session:${input.kind}:${input.changeId}:${recipient.userId}`,
        kind: `session-${input.kind}`,
        to: { email: recipient.email, name: recipient.name || null },
        email: {
          template: 'session-update',
          props: { kind: input.kind, recipientName: null, ...emailSessionProps(described), changes: input.changes, hasInvite: invite !== null },
        },
        invite,
        eventId: session.eventId,
        userId: recipient.userId,
      }
    }),
  )
  return recipients.length
}

/**
 * Tells everyone holding the session that it changed (an event-wide change: new dates, zone or
 * venue). `changeId` names this change of this session, so a retry queues nothing twice.
 */
export function notifySessionChange(tx: Tx, input: { sessionId: string; changeId: string; changes: SessionChangeLine[] }) {
  return notifyAffected(tx, { ...input, kind: 'changed' })
}

/** Withdraws the session from everyone holding it (its event is cancelled): each gets the CANCEL. */
export function notifySessionWithdrawn(tx: Tx, input: { sessionId: string; changeId: string }) {
  return notifyAffected(tx, { ...input, kind: 'cancelled', changes: [] })
}

/** How many people the session's change would reach (notifySessionChange's recipients). */
export async function countSessionRecipients(tx: Db | Tx, sessionId: string) {
  const session = await tx.agendaSession.findUniqueOrThrow({ where: { id: sessionId }, select: { id: true, eventId: true, kind: true, signUpRequired: true } })
  return (await affectedAttendees(tx, session)).length
}

async function audit(tx: Tx, input: { eventId: string; actorId: string; action: string; sessionId: string; data: object; now: Date }) {
  return tx.auditLogEntry.create({
    data: { eventId: input.eventId, actorId: input.actorId, action: input.action, entityType: 'AgendaSession', entityId: input.sessionId, data: input.data, createdAt: input.now },
    select: { id: true },
  })
}


/** "detection-breakout", then "detection-breakout-2" if taken. */
async function uniqueSlug(base: string, taken: (slug: string) => Promise<boolean>) {
  for (let suffix = 1; ; suffix++) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`
    if (!(await taken(slug))) return slug
  }
}

function freeSlug(tx: Tx, eventId: string, title: string) {
  return uniqueSlug(slugify(title) || 'session', async (slug) => (await tx.agendaSession.count({ where: { eventId, slug } })) > 0)
}

function freeTrackSlug(db: Db, eventId: string, name: string) {
  return uniqueSlug(slugify(name) || 'track', async (slug) => (await db.track.count({ where: { eventId, slug } })) > 0)
}

function freeSpeakerSlug(db: Db, eventId: string, name: string) {
  return uniqueSlug(slugify(name) || 'speaker', async (slug) => (await db.speaker.count({ where: { eventId, slug } })) > 0)
}
