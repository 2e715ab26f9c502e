// The public, read-only agenda of a published (or cancelled) event: the filtered list of its
// sessions one day at a time, the summary of its days for the event page, one session, one
// speaker. Every select lists exactly what may leave the server: speakers' accounts,
// sessions' sign-ups and calendar internals stay here.
//
// The agenda is three queries whatever the filters: the event with its tracks and rooms (the
// filter options, and the check that a filter names one of them); the start of every session
// that passes the track, room and kind filters (applied in SQL), which gives each day's count
// and the day shown; then the shown sessions with all a card needs. The search runs here over
// the filtered sessions (a few hundred at most), because it must fold case and accents the
// same way on SQLite and PostgreSQL, which `contains` does not. A page of about 300 sessions
// cost hundreds of milliseconds to render (bench/agenda.ts), hence one day per page.
import { z } from 'zod'
import type { Db } from '#app/lib/db-client.server.ts'
import { formatLongDate } from '#app/lib/time.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import {
  AGENDA_SEARCH_MAX_LENGTH,
  agendaCalendarDays,
  ALL_DAYS,
  calendarDayKeys,
  openingAgendaDay,
  sessionKinds,
  summariseAgendaDays,
  type AgendaQuery,
  type CalendarDay,
} from './agenda.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'
import { createVersionedCache, type VersionedCache } from '#app/lib/versioned-cache.server.ts'
import { publicPageVersion } from '#app/domain/events/public-page-version.server.ts'

/** Events whose agenda is public (a cancelled one stays readable, to explain it). */

/** More values than any event has tracks or rooms: a longer list is a crafted URL, cut short. */
const MAX_VALUES_PER_FILTER = 50

// ---------- The query string ----------

/** Keeps the values of a repeated parameter that fit `item`, once each: a bad value is dropped, never an error. */
function listOf<T>(item: z.ZodType<T>) {
  return z.array(z.string()).transform((values) => {
    const kept = values.flatMap((value) => {
      const parsed = item.safeParse(value)
      return parsed.success ? [parsed.data] : []
    })
    return [...new Set(kept)].slice(0, MAX_VALUES_PER_FILTER)
  })
}

/** A day of the agenda ("YYYY-MM-DD") or all of them; whether the event has that day is checked by getPublicAgenda. */
const agendaDaySchema = z.union([z.literal(ALL_DAYS), z.iso.date()])

/**
 * The agenda's GET parameters: `track` (slugs), `room` (names) and `kind`, each repeatable
 * (any listed value matches), `q`, the search, and `day`. Whether a track or room exists is
 * checked against the event by getPublicAgenda.
 */
export const agendaQuerySchema = z.object({
  tracks: listOf(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/)),
  rooms: listOf(z.string().trim().min(1).max(100)),
  kinds: listOf(z.enum(sessionKinds)),
  q: z.string().trim(),
  day: z.string().nullable(),
})

/** The filters in a query string, and a message when part of it could not be applied. */
export function parseAgendaQuery(searchParams: URLSearchParams): { query: AgendaQuery; notice: string | null } {
  const { day: requestedDay, ...filters } = agendaQuerySchema.parse({
    tracks: searchParams.getAll('track'),
    rooms: searchParams.getAll('room'),
    kinds: searchParams.getAll('kind'),
    q: searchParams.get('q') ?? '',
    day: searchParams.get('day'),
  })
  const day = agendaDaySchema.safeParse(requestedDay)
  const query: AgendaQuery = { ...filters, day: day.success ? day.data : null }
  const notices = []
  if (query.q.length > AGENDA_SEARCH_MAX_LENGTH) {
    query.q = ''
    notices.push(`The search was longer than ${AGENDA_SEARCH_MAX_LENGTH} characters, so it was not applied.`)
  }
  if (requestedDay !== null && !day.success) notices.push('The day in the address is not a date, so it was not applied.')
  return { query, notice: notices.length > 0 ? notices.join(' ') : null }
}

// ---------- Search ----------

/** The words of a search, case and accents folded ("kruger" finds "Krüger"). */
export function agendaSearchWords(q: string) {
  return searchKey(q).split(/\s+/).filter(Boolean)
}

export type SearchableSession = {
  title: string
  abstract: string | null
  speakers: readonly { speaker: { name: string; organisationName: string | null } }[]
}

/** True when every word is in the title, the abstract, or a speaker's name or organisation. */
export function sessionMatchesSearch(session: SearchableSession, words: readonly string[]) {
  if (words.length === 0) return true
  const haystack = searchKey(
    [session.title, session.abstract ?? '', ...session.speakers.flatMap(({ speaker }) => [speaker.name, speaker.organisationName ?? ''])].join('\n'),
  )
  return words.every((word) => haystack.includes(word))
}

// ---------- Queries ----------

/** What a session card shows (app/components/session-card.tsx). */
export const sessionCardSelect = {
  slug: true,
  title: true,
  abstract: true,
  kind: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  signUpRequired: true,
  status: true,
  track: { select: { slug: true, name: true, colour: true } },
  room: { select: { name: true, position: true } },
  speakers: {
    orderBy: { position: 'asc' },
    select: { role: true, speaker: { select: { slug: true, name: true, jobTitle: true, organisationName: true } } },
  },
} as const satisfies Prisma.AgendaSessionSelect

type AgendaOrderFields = { startsAt: Date; endsAt: Date; title: string; room: { position: number } | null }

/** By start, then end, then room (sessions without a room last), then title: the same on both engines. */
function agendaOrder(a: AgendaOrderFields, b: AgendaOrderFields) {
  const roomPosition = (session: AgendaOrderFields) => session.room?.position ?? Number.POSITIVE_INFINITY
  return (
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.endsAt.getTime() - b.endsAt.getTime() ||
    roomPosition(a) - roomPosition(b) ||
    a.title.localeCompare(b.title, 'en')
  )
}

const publicEventBySlug = (slug: string) => ({ slug, ...publicEventWhere })

/** What the search reads of every filtered session. */
const searchableSelect = {
  title: true,
  abstract: true,
  speakers: { select: { speaker: { select: { name: true, organisationName: true } } } },
} as const satisfies Prisma.AgendaSessionSelect

/** Agendas kept per database client: about 32 pages' worth of sessions (a few MB for a 300-session event). */
const sharedAgendas = new WeakMap<Db, VersionedCache<Awaited<ReturnType<typeof getPublicAgenda>>>>()

/**
 * getPublicAgenda, read again only when the event's public pages change (publicPageVersion):
 * a signed-in visitor's page is rendered for them, but the agenda under it is everyone's.
 */
export async function getSharedPublicAgenda(db: Db, eventSlug: string, query: AgendaQuery) {
  const version = await publicPageVersion(db, { eventSlug })
  if (version === null) return null
  let agendas = sharedAgendas.get(db)
  if (!agendas) sharedAgendas.set(db, (agendas = createVersionedCache(32)))
  return agendas.get(`${eventSlug}\n${JSON.stringify(query)}`, version, () => getPublicAgenda(db, eventSlug, query))
}

/**
 * The event's agenda under the query: the sessions of the day shown in agenda order, every
 * day of the agenda with the number of sessions that pass the filters on it, and the filter
 * options. The day shown is the one asked for, or all of them; with none asked for, every day
 * for a search (a search looks everywhere) and otherwise the day the agenda opens on (see
 * openingAgendaDay). A day the agenda does not have is answered with that day and a notice,
 * and a track or room the event does not have is left out of the applied filters, so a stale
 * link shows more rather than nothing. Null for an unknown or unpublished event.
 */
export async function getPublicAgenda(db: Db, eventSlug: string, query: AgendaQuery, now = new Date()) {
  const event = await db.event.findFirst({
    where: publicEventBySlug(eventSlug),
    select: {
      id: true,
      slug: true,
      title: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      status: true,
      tracks: { orderBy: { position: 'asc' }, select: { id: true, slug: true, name: true, colour: true } },
      rooms: { orderBy: { position: 'asc' }, select: { id: true, name: true, location: true } },
      _count: { select: { sessions: true } },
    },
  })
  if (!event) return null
  const tz = event.timeZone
  const tracks = event.tracks.filter((track) => query.tracks.includes(track.slug))
  const rooms = event.rooms.filter((room) => query.rooms.includes(room.name))
  const filtered = {
    eventId: event.id,
    ...(tracks.length ? { trackId: { in: tracks.map((track) => track.id) } } : {}),
    ...(rooms.length ? { roomId: { in: rooms.map((room) => room.id) } } : {}),
    ...(query.kinds.length ? { kind: { in: query.kinds } } : {}),
  }
  const words = agendaSearchWords(query.q)
  const candidates =
    words.length === 0
      ? await db.agendaSession.findMany({ where: filtered, select: { id: true, startsAt: true } })
      : (await db.agendaSession.findMany({ where: filtered, select: { id: true, startsAt: true, ...searchableSelect } })).filter((session) =>
          sessionMatchesSearch(session, words),
        )
  const dayOf = calendarDayKeys(tz)
  const matching = candidates.map((session) => ({ id: session.id, startsAt: session.startsAt, day: dayOf(session.startsAt) }))
  const calendarDays = agendaCalendarDays(event, candidates.map((session) => session.startsAt), tz)

  const knownDay = query.day === ALL_DAYS || calendarDays.some((day) => day.key === query.day)
  const day = knownDay ? query.day : null
  const shownDay = day ?? (words.length > 0 ? ALL_DAYS : openingAgendaDay(calendarDays, event.startsAt, now, tz))
  const shown = matching.filter((session) => shownDay === ALL_DAYS || session.day === shownDay)
  const starts = shown.map((session) => session.startsAt.getTime())
  // The search ran here, so its matches are named; otherwise the SQL filters and a day's span
  // of start times select the same rows without a list of hundreds of ids.
  const shownWhere =
    words.length > 0
      ? { id: { in: shown.map((session) => session.id) } }
      : shownDay === ALL_DAYS
        ? filtered
        : { ...filtered, startsAt: { gte: new Date(Math.min(...starts)), lte: new Date(Math.max(...starts)) } }
  const sessions = shown.length ? (await db.agendaSession.findMany({ where: shownWhere, select: sessionCardSelect })).sort(agendaOrder) : []
  const sessionsOn = (key: string) => matching.filter((session) => session.day === key).length

  return {
    event: {
      slug: event.slug,
      title: event.title,
      timeZone: tz,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      status: event.status,
      tracks: event.tracks.map(({ slug, name, colour }) => ({ slug, name, colour })),
      rooms: event.rooms.map(({ name, location }) => ({ name, location })),
    },
    applied: { tracks: tracks.map((t) => t.slug), rooms: rooms.map((r) => r.name), kinds: query.kinds, q: query.q, day } satisfies AgendaQuery,
    days: calendarDays.map((calendarDay) => ({ ...calendarDay, sessions: sessionsOn(calendarDay.key) })),
    shownDay,
    sessions,
    matchingSessions: matching.length,
    totalSessions: event._count.sessions,
    dayNotice: query.day && !knownDay ? unknownDayNotice(query.day, calendarDays.find((d) => d.key === shownDay), tz) : null,
  }
}

function unknownDayNotice(requestedDay: string, shown: CalendarDay | undefined, timeZone: string) {
  return `The agenda has no day ${requestedDay}, so it shows ${shown ? formatLongDate(shown.date, timeZone) : 'every day'}.`
}

export type PublicAgenda = NonNullable<Awaited<ReturnType<typeof getPublicAgenda>>>

/** Plenaries and panels the event page shows for each day; the agenda has the rest. */
const HIGHLIGHTS_PER_DAY = 3

/**
 * The event page's view of the agenda: every day with its number of sessions of each kind
 * and its first plenaries and panels as cards. Two queries, the first of one row a session
 * without joins, so the page costs about the same for 20 sessions or 300.
 */
export async function getPublicAgendaSummary(db: Db, event: { id: string; startsAt: Date; endsAt: Date; timeZone: string }) {
  const sessions = await db.agendaSession.findMany({
    where: { eventId: event.id },
    orderBy: [{ startsAt: 'asc' }, { endsAt: 'asc' }, { slug: 'asc' }],
    select: { id: true, kind: true, status: true, startsAt: true },
  })
  const calendarDays = agendaCalendarDays(event, sessions.map((session) => session.startsAt), event.timeZone)
  const days = summariseAgendaDays(calendarDays, sessions, event.timeZone, HIGHLIGHTS_PER_DAY)
  const cards = await db.agendaSession.findMany({
    where: { id: { in: days.flatMap((day) => day.highlights.map((session) => session.id)) } },
    select: { id: true, ...sessionCardSelect },
  })
  const cardById = new Map(cards.map(({ id, ...card }) => [id, card]))
  return days.map(({ highlights, ...day }) => ({ ...day, highlights: highlights.flatMap((session) => cardById.get(session.id) ?? []) }))
}

/**
 * One session of a public event, with its place and its speakers; `sessionId` is for the
 * sign-up panel's query (breakouts.server.ts), not for the page. Null for an unknown session
 * or event.
 */
export async function getPublicSession(db: Db, eventSlug: string, sessionSlug: string) {
  const session = await db.agendaSession.findFirst({
    where: { slug: sessionSlug, event: publicEventBySlug(eventSlug) },
    select: {
      ...sessionCardSelect,
      id: true,
      room: { select: { name: true, location: true } },
      event: { select: { slug: true, title: true, timeZone: true, status: true } },
    },
  })
  if (!session) return null
  const { id, ...shown } = session
  return { sessionId: id, session: shown }
}

export type PublicSession = NonNullable<Awaited<ReturnType<typeof getPublicSession>>>

/** Only addresses a browser may load as a photo: http(s) and paths on this site. */
function photoAddress(url: string | null) {
  if (!url) return null
  return /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : null
}

/** A speaker of a public event and their sessions in agenda order; null for an unknown one. */
export async function getPublicSpeaker(db: Db, eventSlug: string, speakerSlug: string) {
  const speaker = await db.speaker.findFirst({
    where: { slug: speakerSlug, event: publicEventBySlug(eventSlug) },
    select: {
      slug: true,
      name: true,
      jobTitle: true,
      organisationName: true,
      bio: true,
      photoUrl: true,
      event: { select: { slug: true, title: true, timeZone: true } },
      sessions: { select: { session: { select: sessionCardSelect } } },
    },
  })
  if (!speaker) return null
  const { sessions, photoUrl, ...shown } = speaker
  return {
    ...shown,
    photoUrl: photoAddress(photoUrl),
    sessions: sessions.map(({ session }) => session).sort(agendaOrder),
  }
}

export type PublicSpeaker = NonNullable<Awaited<ReturnType<typeof getPublicSpeaker>>>
