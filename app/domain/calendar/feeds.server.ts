// Calendar subscriptions and downloads (docs/decisions/006-calendar-feeds.md): a secret
// personal feed per person, public feeds of a published event's agenda and of each track,
// and single-item files for a session or a B2B meeting. Every entry comes from the same
// builders as the emailed invites (calendar.server.ts), so an item has one UID and one
// SEQUENCE everywhere, and every file is rendered by buildCalendar with METHOD:PUBLISH.
//
// Each resource is found in two steps. A fingerprint query reads only the ids, versions and
// last changes of the rows that make up the file; they give the ETag and Last-Modified, and
// a client whose copy is current is answered without going further. Only then are the rows
// read in full, by those ids, and rendered.
import { createHash } from 'node:crypto'
import { empty, join, sqltag as sql } from '@prisma/client/runtime/client'
import { writeUnlessBusy, type Db } from '#app/lib/db-client.server.ts'
import type { CalendarFile, CalendarResource } from '#app/lib/calendar-http.server.ts'
import { eventFeedPath, personalFeedPath, trackFeedPath, type SubscribeLinks } from '#app/lib/calendar-paths.ts'
import { env } from '#app/lib/env.server.ts'
import { createVersionedCache, type VersionedCache } from '#app/lib/versioned-cache.server.ts'
import { generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'
import { buildCalendar, type CalendarEntry } from './calendar.ts'
import {
  eventEntry,
  meetingEntry,
  meetingEntrySelect,
  meetingFilename,
  registrationEntrySelect,
  sessionEntry,
  sessionEntrySelect,
  sessionFilename,
  type MeetingEntryRow,
  type PersonalCancellation,
  type RegistrationEntryRow,
  type SessionEntryRow,
} from './calendar.server.ts'
import { eventOrganisations, type EventOrganisation } from '#app/domain/events/people.server.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'

/** How long a cancelled item stays in feeds as STATUS:CANCELLED, so merging clients remove it, before it leaves. */
export const CANCELLED_ITEM_RETENTION_DAYS = 30
const CANCELLED_ITEM_RETENTION_MS = CANCELLED_ITEM_RETENTION_DAYS * 24 * 60 * 60 * 1000

/** Asked of subscribing clients (REFRESH-INTERVAL, X-PUBLISHED-TTL); a poll that finds nothing new costs a 304. */
const FEED_REFRESH_INTERVAL_SECONDS = 60 * 60

/**
 * Part of every ETag. Raise it when the files change for the same rows (new properties,
 * other wording), so clients holding an old ETag fetch the new form instead of a 304.
 */
const FEED_FORMAT_VERSION = 1

/** lastUsedAt is written at most this often, so polling does not turn every fetch into a write. */
const LAST_USED_PRECISION_MS = 60 * 60 * 1000

/** The name of the personal feed in the person's calendar list. */
const PERSONAL_FEED_NAME = 'My agenda (Muster)'

/**
 * Sessions every approved attendee is expected at, so they are in every personal feed without
 * a sign-up. Breakouts reach a feed through the person's enrolment; a breakout or any other
 * session without sign-up is a choice among parallel sessions, and breaks and B2B windows
 * lie inside the event's own entry, which already blocks the whole day.
 */
const SESSION_KINDS_FOR_EVERYONE = ['PLENARY', 'PANEL'] as const

/** Events whose agenda is public (the event page shows cancelled ones too, to explain them). */

export type FeedLink = { createdAt: Date; lastUsedAt: Date | null }

// ---------- Personal feed links ----------

/**
 * A new secret feed URL for the person (160 random bits; only its SHA-256 is stored), which
 * revokes the ones before it. The URL exists only in the return value: it cannot be shown again.
 */
export async function createFeedLink(db: Db, userId: string, now = new Date()): Promise<SubscribeLinks> {
  const token = generateSecretToken(20)
  await db.$transaction([
    db.calendarFeedToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
    db.calendarFeedToken.create({ data: { userId, tokenHash: hashSecret(token), createdAt: now }, select: { id: true } }),
  ])
  return subscribeLinks(absoluteUrl(personalFeedPath(token)), PERSONAL_FEED_NAME)
}

/** Stops every feed URL of the person; their calendar apps get 404 from then on. */
export async function revokeFeedLinks(db: Db, userId: string, now = new Date()) {
  await db.calendarFeedToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })
}

/** The person's working feed links: when each was made and last fetched (the URLs themselves are not stored). */
export async function listFeedLinks(db: Db, userId: string): Promise<FeedLink[]> {
  return db.calendarFeedToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, lastUsedAt: true },
  })
}

/** One row of a personal feed's fingerprint (personalFeedFingerprint): its columns mean what `kind` says. */
type FingerprintRow = {
  kind: 'link' | 'registration' | 'session' | 'enrolment' | 'meeting' | 'participant'
  id: string
  parentId: string
  status: string | null
  sequence: number | bigint | null
  parentSequence: number | bigint | null
  changedAt: Date | string | number | null
  parentChangedAt: Date | string | number | null
  refId: string | null
}

/**
 * Everything a personal feed's ETag and Last-Modified depend on, in one statement, since a
 * polling calendar app asks for it again and again and a match is answered with this alone:
 * - link: the token's owner (only a working link of a kept account has this row), when the
 *   link was made and last used;
 * - registration: each of the owner's registrations the feed shows, with its event's version;
 * - session: the sessions every approved attendee of those events has (SESSION_KINDS_FOR_EVERYONE);
 * - enrolment: the owner's breakout seats, kept and recently left, with the session's version;
 * - meeting: the owner's B2B meetings, confirmed or recently cancelled (the feed keeps those at
 *   the events above);
 * - participant: each person at those meetings, with the organisation of their registration
 *   for the meeting's event, which the entry names.
 * Every branch starts from the owner's own rows, so its cost follows their agenda, not the
 * size of the event.
 */
async function personalFeedFingerprint(db: Db, token: string, cutoff: Date) {
  const kindsForEveryone = join([...SESSION_KINDS_FOR_EVERYONE])
  // The CTEs are MATERIALIZED so that each is read once, from the person's own rows outward,
  // whatever the planner guesses of the event's size.
  return db.$queryRaw<FingerprintRow[]>`
    -- prepared: personal-feed-fingerprint
    WITH "link" AS MATERIALIZED (
      SELECT t."id", t."userId", t."createdAt", t."lastUsedAt"
      FROM "CalendarFeedToken" t JOIN "User" u ON u."id" = t."userId"
      WHERE t."tokenHash" = ${hashSecret(token)} AND t."revokedAt" IS NULL AND u."erasedAt" IS NULL
    ),
    "registrations" AS MATERIALIZED (
      SELECT r."id", r."eventId", r."status", r."calendarSequence", r."updatedAt",
        e."calendarSequence" AS "eventSequence", e."updatedAt" AS "eventChangedAt"
      FROM "Registration" r JOIN "Event" e ON e."id" = r."eventId"
      WHERE r."userId" = (SELECT "userId" FROM "link")
        AND (r."status" = 'APPROVED' OR (r."status" = 'CANCELLED' AND r."cancelledAt" >= ${cutoff}))
    ),
    "seats" AS MATERIALIZED (
      SELECT mp."meetingId" FROM "MeetingParticipant" mp WHERE mp."userId" = (SELECT "userId" FROM "link")
    ),
    -- Meetings at every event: personalFeed keeps those at the events above. Asking for them here
    -- would let the planner start from the event's meetings instead of the person's seats.
    "meetings" AS MATERIALIZED (
      SELECT m."id", m."eventId", m."status", m."calendarSequence", m."updatedAt", m."cancelledAt"
      FROM "seats" JOIN "Meeting" m ON m."id" = "seats"."meetingId"
      WHERE m."status" = 'CONFIRMED' OR m."cancelledAt" >= ${cutoff}
    )
    SELECT 'link' AS "kind", "id", "userId" AS "parentId", NULL AS "status", NULL AS "sequence", NULL AS "parentSequence",
      "createdAt" AS "changedAt", "lastUsedAt" AS "parentChangedAt", NULL AS "refId"
    FROM "link"
    UNION ALL
    SELECT 'registration', "id", "eventId", CAST("status" AS TEXT), "calendarSequence", "eventSequence", "updatedAt", "eventChangedAt", NULL
    FROM "registrations"
    UNION ALL
    SELECT 'session', s."id", s."eventId", NULL, s."calendarSequence", NULL, s."updatedAt", NULL, NULL
    FROM "AgendaSession" s
    WHERE s."eventId" IN (SELECT "eventId" FROM "registrations") AND s."kind" IN (${kindsForEveryone}) AND s."signUpRequired" = false
      AND (s."status" = 'SCHEDULED' OR s."cancelledAt" >= ${cutoff})
    UNION ALL
    SELECT 'enrolment', s."id", s."eventId", CAST(en."status" AS TEXT), en."calendarSequence", s."calendarSequence", en."updatedAt", s."updatedAt", NULL
    FROM "SessionEnrolment" en JOIN "AgendaSession" s ON s."id" = en."sessionId"
    WHERE en."registrationId" IN (SELECT "id" FROM "registrations")
      AND (en."status" = 'ENROLLED' OR (en."status" = 'CANCELLED' AND en."updatedAt" >= ${cutoff}))
      AND (s."status" = 'SCHEDULED' OR s."cancelledAt" >= ${cutoff})
    UNION ALL
    SELECT 'meeting', "id", "eventId", CAST("status" AS TEXT), "calendarSequence", NULL, "updatedAt", "cancelledAt", NULL
    FROM "meetings"
    UNION ALL
    SELECT 'participant', p."userId", m."id", NULL, NULL, NULL, pu."updatedAt", o."updatedAt", o."id"
    -- CROSS JOIN keeps SQLite's loop on the person's few meetings (without it, SQLite builds an
    -- index on them at every poll); PostgreSQL plans it as the inner join it is.
    FROM "meetings" m
      CROSS JOIN "MeetingParticipant" p
      JOIN "User" pu ON pu."id" = p."userId"
      LEFT JOIN "Registration" pr ON pr."eventId" = m."eventId" AND pr."userId" = p."userId"
      LEFT JOIN "Organisation" o ON o."id" = pr."organisationId"
    WHERE p."meetingId" = m."id"
    ORDER BY "kind", "parentId", "id"`
}

// ---------- Personal feed ----------

/**
 * Everything the token's owner has at the events they are approved for: each event itself,
 * the sessions everyone attends, their breakouts and their B2B meetings. Items of a
 * registration cancelled in the last CANCELLED_ITEM_RETENTION_DAYS, cancelled sessions and
 * meetings, and breakouts the person left stay as STATUS:CANCELLED for that long.
 * Null when the token opens no feed (unknown or guessed, revoked, or the account erased).
 */
export async function personalFeed(db: Db, token: string, now = new Date()): Promise<CalendarResource | null> {
  const ofKind = groupedByKind((await personalFeedFingerprint(db, token, retentionCutoff(now))).map(normalisedRow))
  const link = ofKind.link[0]
  if (!link) return null
  const userId = link.parentId
  if (link.parentChangedAt === null || now.getTime() - link.parentChangedAt >= LAST_USED_PRECISION_MS) {
    // Bookkeeping for the person's "last fetched" line: a poll is answered even when the database cannot take the write.
    await writeUnlessBusy(() => db.calendarFeedToken.update({ where: { id: link.id }, data: { lastUsedAt: now }, select: { id: true } }))
  }

  const registrations = ofKind.registration
  const sessionsForEveryone = ofKind.session
  const forEveryone = new Set(sessionsForEveryone.map((session) => session.id))
  // A session everyone has is in the feed through the registration, whether or not the person also holds a seat in it.
  const breakouts = ofKind.enrolment.filter((enrolment) => !forEveryone.has(enrolment.id))
  const eventIds = new Set(registrations.map((registration) => registration.parentId))
  const meetings = ofKind.meeting.filter((meeting) => eventIds.has(meeting.parentId))
  const meetingIds = new Set(meetings.map((meeting) => meeting.id))
  const participants = ofKind.participant.filter((participant) => meetingIds.has(participant.parentId))

  const kept = [registrations, sessionsForEveryone, breakouts, meetings, participants]
  // The feed at this URL exists since the link was made, so an empty feed has a Last-Modified too.
  let lastModified = link.changedAt!
  for (const row of kept.flat()) lastModified = Math.max(lastModified, row.changedAt ?? 0, row.kind === 'meeting' ? 0 : (row.parentChangedAt ?? 0))
  return {
    // Each row as its values, not its keys: the tag is computed on every poll, and as objects it was a seventh of a 304's CPU.
    etag: entityTag(['personal', userId, ...kept.map((group) => group.map(versionValues))]),
    lastModified: new Date(lastModified),
    // Everything else is for the file: a client whose copy is current (304) needs none of it.
    render: () => renderPersonalFeed(db, userId, { registrations, sessionsForEveryone, breakouts, meetings, participants }),
  }
}

type FeedRow = ReturnType<typeof normalisedRow>

/** The personal feed's file from its fingerprint's rows: each entry from rows kept by their version, or read. */
async function renderPersonalFeed(
  db: Db,
  userId: string,
  { registrations, sessionsForEveryone, breakouts, meetings, participants }: Record<'registrations' | 'sessionsForEveryone' | 'breakouts' | 'meetings' | 'participants', FeedRow[]>,
) {
  const personalSequences = new Map(breakouts.map((enrolment) => [enrolment.id, enrolment.sequence ?? undefined]))

  // A registration cancelled within the retention period cancels the person's copy of every
  // item of its event; leaving a breakout cancels that one.
  const registrationCancellations = new Map<string, PersonalCancellation>()
  for (const registration of registrations) {
    if (registration.status === 'CANCELLED') registrationCancellations.set(registration.parentId, { at: new Date(registration.changedAt!) })
  }
  const sessionCancellations = new Map<string, PersonalCancellation | undefined>([
    ...sessionsForEveryone.map((session) => [session.id, registrationCancellations.get(session.parentId)] as const),
    ...breakouts.map(({ id, parentId, status, changedAt }) => {
      const left = status === 'CANCELLED' ? { at: new Date(changedAt!) } : undefined
      return [id, registrationCancellations.get(parentId) ?? left] as const
    }),
  ])

  // What each session's entry is read from changes with the session and its event (sessionEntryRows).
  const eventVersions = new Map(registrations.map((registration) => [registration.parentId, [registration.parentSequence, registration.parentChangedAt]]))
  const sessionVersions = new Map([
    ...sessionsForEveryone.map((session) => [session.id, sessionVersion(session.sequence, session.changedAt, eventVersions.get(session.parentId))] as const),
    ...breakouts.map((enrolment) => [enrolment.id, sessionVersion(enrolment.parentSequence, enrolment.parentChangedAt, eventVersions.get(enrolment.parentId))] as const),
  ])

  // The event's own entry is read from the registration and its event.
  const registrationVersions = new Map(
    registrations.map(({ id, status, sequence, changedAt, parentId }) => [id, JSON.stringify([status, sequence, changedAt, eventVersions.get(parentId)])]),
  )
  // A meeting's entry is read from the meeting, its participants (person and organisation) and its event.
  const peopleByMeeting = new Map<string, unknown[]>()
  for (const { id, parentId, changedAt, parentChangedAt, refId } of participants) {
    peopleByMeeting.set(parentId, [...(peopleByMeeting.get(parentId) ?? []), [id, changedAt, parentChangedAt, refId]])
  }
  const meetingVersionsByEvent = new Map<string, Map<string, string>>()
  for (const meeting of meetings) {
    const versions = meetingVersionsByEvent.get(meeting.parentId) ?? new Map<string, string>()
    const people = peopleByMeeting.get(meeting.id) ?? []
    versions.set(meeting.id, JSON.stringify([meeting.status, meeting.sequence, meeting.changedAt, meeting.parentChangedAt, people, eventVersions.get(meeting.parentId)]))
    meetingVersionsByEvent.set(meeting.parentId, versions)
  }

  const [registrationRows, sessionRows, meetingRowsByEvent] = await Promise.all([
    registrationEntryRows(db, registrationVersions),
    sessionEntryRows(db, sessionVersions),
    Promise.all([...meetingVersionsByEvent].map(([eventId, versions]) => meetingEntryRows(db, eventId, versions))),
  ])
  const entries = [
    ...registrationRows.map((row) => eventEntry(row, { method: 'PUBLISH' })),
    ...sessionRows.map((row) =>
      sessionEntry(row, {
        method: 'PUBLISH',
        attendees: [],
        personalCancellation: sessionCancellations.get(row.id),
        personalSequence: personalSequences.get(row.id),
      }),
    ),
    ...meetingRowsByEvent.flat().map((row) =>
      meetingEntry(row, { userId, method: 'PUBLISH', personalCancellation: registrationCancellations.get(row.eventId) }),
    ),
  ]
  return feedFile(entries, PERSONAL_FEED_NAME, 'muster-agenda.ics')
}

/** A fingerprint row with the engine's types made one: instants as epoch milliseconds, counters as numbers. */
function normalisedRow(row: FingerprintRow) {
  const instant = (value: FingerprintRow['changedAt']) => (value === null ? null : new Date(value).getTime())
  return {
    kind: row.kind,
    id: row.id,
    parentId: row.parentId,
    status: row.status,
    sequence: row.sequence === null ? null : Number(row.sequence),
    parentSequence: row.parentSequence === null ? null : Number(row.parentSequence),
    changedAt: instant(row.changedAt),
    parentChangedAt: instant(row.parentChangedAt),
    refId: row.refId,
  }
}

/** The fingerprint's rows by kind, in the statement's order, in one pass. */
function groupedByKind(rows: FeedRow[]) {
  const groups: Record<FingerprintRow['kind'], FeedRow[]> = { link: [], registration: [], session: [], enrolment: [], meeting: [], participant: [] }
  for (const row of rows) groups[row.kind].push(row)
  return groups
}

/** What a row contributes to its feed's ETag: every column but the kind, which its group gives. */
function versionValues(row: FeedRow) {
  return [row.id, row.parentId, row.status, row.sequence, row.parentSequence, row.changedAt, row.parentChangedAt, row.refId]
}

/**
 * What a meeting entry shows of its participants changes with: the person, and the
 * organisation of their registration for the meeting's event (which one, and its last change).
 */
function participantVersions(participants: readonly { userId: string; user: { updatedAt: Date } }[], organisations: ReadonlyMap<string, EventOrganisation | null>) {
  return participants.map(({ userId, user }) => {
    const organisation = organisations.get(userId)
    return { updatedAt: user.updatedAt, organisation: organisation ? { id: organisation.id, updatedAt: organisation.updatedAt } : null }
  })
}

function participantDates(participant: ReturnType<typeof participantVersions>[number]) {
  return participant.organisation ? [participant.updatedAt, participant.organisation.updatedAt] : [participant.updatedAt]
}

// ---------- Public feeds ----------

/** The whole agenda of a published (or cancelled) event; null for an unknown or unpublished one. */
export async function eventFeed(db: Db, eventSlug: string, now = new Date()): Promise<CalendarResource | null> {
  const found = await publicFeedFingerprint(db, { eventSlug, trackSlug: null }, now)
  if (!found) return null
  const { event, sessions } = found
  return publicFeed(db, { event, sessions, name: event.title, filename: `${event.slug}.ics` })
}

/** One track of a published event's agenda; null for an unknown event or track. */
export async function trackFeed(db: Db, eventSlug: string, trackSlug: string, now = new Date()): Promise<CalendarResource | null> {
  const found = await publicFeedFingerprint(db, { eventSlug, trackSlug }, now)
  if (!found?.track) return null
  const { event, track, sessions } = found
  return publicFeed(db, {
    event,
    sessions,
    // Tracks have no updatedAt: the name (in X-WR-CALNAME) is part of the fingerprint itself.
    name: `${event.title}: ${track.name}`,
    filename: `${event.slug}-${track.slug}.ics`,
  })
}

type PublicFeedRow = {
  slug: string
  title: string
  calendarSequence: number | bigint
  updatedAt: Date | string
  trackSlug: string | null
  trackName: string | null
  sessionId: string | null
  sessionSequence: number | bigint | null
  sessionChangedAt: Date | string | null
}

/**
 * A public event (and one of its tracks) with the version of each session its feed shows, in one
 * statement, prepared on PostgreSQL: clients poll these feeds, and a match is answered with this
 * alone. One row per session, or one row without a session for an empty agenda; none for an
 * unknown or unpublished event or track.
 */
async function publicFeedFingerprint(db: Db, feed: { eventSlug: string; trackSlug: string | null }, now: Date) {
  const cutoff = retentionCutoff(now)
  const track =
    feed.trackSlug === null
      ? { columns: sql`NULL AS "trackSlug", NULL AS "trackName"`, join: empty, sessions: empty }
      : {
          columns: sql`t."slug" AS "trackSlug", t."name" AS "trackName"`,
          join: sql`JOIN "Track" t ON t."eventId" = e."id" AND t."slug" = ${feed.trackSlug}`,
          sessions: sql`AND s."trackId" = t."id"`,
        }
  const rows = await db.$queryRaw<PublicFeedRow[]>`
    -- prepared: public-feed-fingerprint
    SELECT e."slug", e."title", e."calendarSequence", e."updatedAt", ${track.columns},
      s."id" AS "sessionId", s."calendarSequence" AS "sessionSequence", s."updatedAt" AS "sessionChangedAt"
    FROM "Event" e
      ${track.join}
      LEFT JOIN "AgendaSession" s ON s."eventId" = e."id" ${track.sessions}
        AND (s."status" = 'SCHEDULED' OR s."cancelledAt" >= ${cutoff})
    WHERE e."slug" = ${feed.eventSlug} AND e."status" IN (${join(publicEventWhere.status.in)})
    ORDER BY s."id"`
  const [first] = rows
  if (!first) return null
  return {
    event: { slug: first.slug, title: first.title, calendarSequence: Number(first.calendarSequence), updatedAt: new Date(first.updatedAt) },
    track: first.trackSlug === null ? null : { slug: first.trackSlug, name: first.trackName! },
    sessions: rows
      .filter((row) => row.sessionId !== null)
      .map((row) => ({ id: row.sessionId!, calendarSequence: Number(row.sessionSequence), updatedAt: new Date(row.sessionChangedAt!) })),
  }
}

type SessionVersion = { id: string; calendarSequence: number; updatedAt: Date }

function publicFeed(
  db: Db,
  feed: {
    event: { slug: string; calendarSequence: number; updatedAt: Date }
    sessions: SessionVersion[]
    name: string
    filename: string
  },
): CalendarResource {
  const { event, sessions, name, filename } = feed
  return {
    etag: entityTag(['public', event.slug, name, event.calendarSequence, event.updatedAt, sessions]),
    lastModified: latestOf([event.updatedAt, ...sessions.map((session) => session.updatedAt)]),
    render: async () => {
      const eventVersion = [event.calendarSequence, event.updatedAt.getTime()]
      const rows = await sessionEntryRows(db, new Map(sessions.map((session) => [session.id, sessionVersion(session.calendarSequence, session.updatedAt.getTime(), eventVersion)])))
      return feedFile(
        rows.map((row) => sessionEntry(row, { method: 'PUBLISH', attendees: [] })),
        name,
        filename,
      )
    },
  }
}

/**
 * Rows that calendar entries are built from, read once per version and shared by every feed that
 * shows them (a plenary is in the personal feed of every attendee of its event and in the public
 * feeds; a meeting in both its participants' feeds, each polled again and again). A row's version
 * is everything of the fingerprint that its entry depends on, which every edit of what the entry
 * shows moves (a speaker, room or track edit touches the sessions that show it, a table or room
 * edit the meetings held there), as the feeds' ETags already rely on. The versions are read from
 * the database for each request, so a change made on any instance is seen at once. One cache per
 * database client: rows of one database never answer for another's (tests and benches open
 * several), and a transaction's client, whose rows may never commit, has its own.
 */
function createKeptEntryRows<Row extends { id: string }>(rowsKept: number) {
  const caches = new WeakMap<Db, VersionedCache<Row | null>>()
  /** The rows, by id with its version, from the cache or else in one read (`readRows`) for all that are not there. */
  return async (db: Db, versions: ReadonlyMap<string, string>, readRows: (ids: string[]) => Promise<Row[]>): Promise<Row[]> => {
    const missing: string[] = []
    let settleRead!: (read: Promise<Row[]>) => void
    const read = new Promise<Row[]>((resolve) => {
      settleRead = resolve
    }).then((rows) => new Map(rows.map((row) => [row.id, row])))
    // The cache calls the loader of a row it lacks at once, so `missing` is complete after this line.
    let cache = caches.get(db)
    if (!cache) caches.set(db, (cache = createVersionedCache(rowsKept)))
    const rows = [...versions].map(([id, version]) =>
      cache.get(id, version, async () => {
        missing.push(id)
        // A row deleted since its version was read is left out, as a read by id would.
        return (await read).get(id) ?? null
      }),
    )
    // Settled whatever happens, or the rows waiting on it would never settle.
    settleRead(missing.length === 0 ? Promise.resolve([]) : Promise.resolve().then(() => readRows(missing)))
    return (await Promise.all(rows)).filter((row) => row !== null)
  }
}

type SessionRow = SessionEntryRow & { id: string }

/** A few events' agendas (a row is about 1 KB). */
const keptSessionRows = createKeptEntryRows<SessionRow>(2_000)

function sessionVersion(sequence: number | null, changedAt: number | null, event: readonly unknown[] | undefined) {
  return JSON.stringify([sequence, changedAt, event])
}

function sessionEntryRows(db: Db, versions: ReadonlyMap<string, string>) {
  return keptSessionRows(db, versions, (ids) => db.agendaSession.findMany({ where: { id: { in: ids } }, select: { id: true, ...sessionEntrySelect } }))
}

type RegistrationRow = RegistrationEntryRow & { id: string }

/**
 * One row per person, kept for the people whose feeds are polled most. The person's name and
 * address in the row are not part of its version: a feed (PUBLISH) never writes attendees, and
 * an erased person's link opens no feed.
 */
const keptRegistrationRows = createKeptEntryRows<RegistrationRow>(2_000)

function registrationEntryRows(db: Db, versions: ReadonlyMap<string, string>) {
  return keptRegistrationRows(db, versions, (ids) => db.registration.findMany({ where: { id: { in: ids } }, select: { id: true, ...registrationEntrySelect } }))
}

type MeetingRow = MeetingEntryRow & { id: string; eventId: string }

/** The meetings of a large B2B programme (3,600 on the scheduler's bench), about 2 KB a row. */
const keptMeetingRows = createKeptEntryRows<MeetingRow>(4_000)

/** The rows of one event's meetings, by id with its version (the meeting's, its participants' and its event's). */
function meetingEntryRows(db: Db, eventId: string, versions: ReadonlyMap<string, string>) {
  return keptMeetingRows(db, versions, (ids) =>
    // By id alone: the fingerprint found these at this event, and SQLite would otherwise walk every meeting of the event by its eventId index.
    db.meeting.findMany({ where: { id: { in: ids } }, select: { id: true, eventId: true, ...meetingEntrySelect(eventId) } }),
  )
}

// ---------- Single-item downloads ----------

/** One session of a published event as a file, cancelled or not; null for an unknown one. */
export async function sessionDownload(db: Db, eventSlug: string, sessionSlug: string): Promise<CalendarResource | null> {
  const session = await db.agendaSession.findFirst({
    where: { slug: sessionSlug, event: { slug: eventSlug, ...publicEventWhere } },
    select: { id: true, calendarSequence: true, updatedAt: true, event: { select: { calendarSequence: true, updatedAt: true } } },
  })
  if (!session) return null
  return {
    etag: entityTag(['session', session]),
    lastModified: latestOf([session.updatedAt, session.event.updatedAt]),
    render: async () => {
      const row = await db.agendaSession.findUniqueOrThrow({ where: { id: session.id }, select: sessionEntrySelect })
      return singleItemFile(sessionEntry(row, { method: 'PUBLISH', attendees: [] }), sessionFilename(row))
    },
  }
}

/** One B2B meeting as a file for one of its participants; null for anyone else, as for an unknown meeting. */
export async function meetingDownload(
  db: Db,
  { eventSlug, meetingId, userId }: { eventSlug: string; meetingId: string; userId: string },
): Promise<CalendarResource | null> {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, event: { slug: eventSlug }, participants: { some: { userId, user: { erasedAt: null } } } },
    select: {
      id: true,
      eventId: true,
      calendarSequence: true,
      updatedAt: true,
      event: { select: { calendarSequence: true, updatedAt: true } },
      participants: { orderBy: { userId: 'asc' }, select: { userId: true, user: { select: { updatedAt: true } } } },
    },
  })
  if (!meeting) return null
  const organisations = await eventOrganisations(db, meeting.eventId, meeting.participants.map((participant) => participant.userId))
  const version = { ...meeting, participants: participantVersions(meeting.participants, organisations) }
  return {
    etag: entityTag(['meeting', userId, version]),
    lastModified: latestOf([meeting.updatedAt, meeting.event.updatedAt, ...version.participants.flatMap(participantDates)]),
    render: async () => {
      const row = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: meetingEntrySelect(meeting.eventId) })
      return singleItemFile(meetingEntry(row, { userId, method: 'PUBLISH' }), meetingFilename(row))
    },
  }
}

// ---------- Links ----------

/** Google subscribes to the webcal:// form; Outlook on the web takes the https address and a name. */
function subscribeLinks(https: string, name: string): SubscribeLinks {
  const webcal = https.replace(/^https?:\/\//, 'webcal://')
  return {
    https,
    webcal,
    google: `https://calendar.google.com/calendar/r?${new URLSearchParams({ cid: webcal })}`,
    outlook: `https://outlook.office.com/calendar/0/addfromweb?${new URLSearchParams({ url: https, name })}`,
  }
}

/** What the event page offers: subscriptions to the whole agenda and to each track. */
export function publicCalendarLinks(event: { slug: string; title: string; tracks: readonly { slug: string; name: string }[] }) {
  return {
    agenda: subscribeLinks(absoluteUrl(eventFeedPath(event.slug)), event.title),
    tracks: event.tracks.map((track) => ({
      slug: track.slug,
      name: track.name,
      links: subscribeLinks(absoluteUrl(trackFeedPath(event.slug, track.slug)), `${event.title}: ${track.name}`),
    })),
  }
}

// ---------- Shared ----------

function feedFile(entries: CalendarEntry[], name: string, filename: string): CalendarFile {
  return {
    ics: buildCalendar({ method: 'PUBLISH', name, refreshIntervalSeconds: FEED_REFRESH_INTERVAL_SECONDS, entries: inAgendaOrder(entries) }),
    filename,
  }
}

function singleItemFile(entry: CalendarEntry, filename: string): CalendarFile {
  return { ics: buildCalendar({ method: 'PUBLISH', entries: [entry] }), filename }
}

/** By start, then UID: the same rows always give the same bytes, whatever order the queries return. */
function inAgendaOrder(entries: CalendarEntry[]) {
  return [...entries].sort((a, b) => a.start.getTime() - b.start.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
}

/**
 * A strong ETag from the fingerprint rows. The format version and APP_URL (every URL in the
 * file starts with it) are part of it, so a change to either is a change of representation.
 */
function entityTag(fingerprint: unknown[]) {
  const digest = createHash('sha256')
    .update(JSON.stringify([FEED_FORMAT_VERSION, env.APP_URL, ...fingerprint]))
    .digest('base64url')
  return `"${digest}"`
}

/** The latest of the dates (every caller has at least one). */
function latestOf(dates: readonly Date[]) {
  return new Date(Math.max(...dates.map((date) => date.getTime())))
}

function retentionCutoff(now: Date) {
  return new Date(now.getTime() - CANCELLED_ITEM_RETENTION_MS)
}

function absoluteUrl(path: string) {
  return `${env.APP_URL.replace(/\/+$/, '')}${path}`
}
