// The public, read-only agenda of a published (or cancelled) event: the filtered list of its
// sessions, one session, one speaker. Every select lists exactly what may leave the server:
// speakers' accounts, sessions' sign-ups and calendar internals stay here.
//
// The agenda is two queries whatever the filters: the event with its tracks and rooms (the
// filter options, and the check that a filter names one of them), then its sessions with
// track, room and kind applied in SQL. The search runs here over those sessions (a few
// hundred at most), because it must fold case and accents the same way on SQLite and
// PostgreSQL, which `contains` does not; bench/agenda.ts measures it on about 300 sessions.
import { z } from 'zod'
import type { Db } from '#app/lib/db-client.server.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import { AGENDA_SEARCH_MAX_LENGTH, sessionKinds, type AgendaQuery } from './agenda.ts'
import { searchKey } from './vetting.ts'

/** Events whose agenda is public (a cancelled one stays readable, to explain it). */
const PUBLIC_EVENT_STATUSES = ['PUBLISHED', 'CANCELLED'] as const

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

/**
 * The agenda's GET parameters: `track` (slugs), `room` (names) and `kind`, each repeatable
 * (any listed value matches), and `q`, the search. Whether a track or room exists is checked
 * against the event by getPublicAgenda.
 */
export const agendaQuerySchema = z.object({
  tracks: listOf(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/)),
  rooms: listOf(z.string().trim().min(1).max(100)),
  kinds: listOf(z.enum(sessionKinds)),
  q: z.string().trim(),
})

/** The filters in a query string, and a message when part of it could not be applied. */
export function parseAgendaQuery(searchParams: URLSearchParams): { query: AgendaQuery; notice: string | null } {
  const query = agendaQuerySchema.parse({
    tracks: searchParams.getAll('track'),
    rooms: searchParams.getAll('room'),
    kinds: searchParams.getAll('kind'),
    q: searchParams.get('q') ?? '',
  })
  if (query.q.length > AGENDA_SEARCH_MAX_LENGTH) {
    return { query: { ...query, q: '' }, notice: `The search was longer than ${AGENDA_SEARCH_MAX_LENGTH} characters, so it was not applied.` }
  }
  return { query, notice: null }
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

const publicEventWhere = (slug: string) => ({ slug, status: { in: [...PUBLIC_EVENT_STATUSES] } })

/**
 * The event's agenda under the query, in agenda order, with the filter options and the
 * number of sessions in all. A track or room the event does not have is left out of the
 * applied filters, so a stale link shows more rather than nothing. Null for an unknown or
 * unpublished event.
 */
export async function getPublicAgenda(db: Db, eventSlug: string, query: AgendaQuery) {
  const event = await db.event.findFirst({
    where: publicEventWhere(eventSlug),
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
  const tracks = event.tracks.filter((track) => query.tracks.includes(track.slug))
  const rooms = event.rooms.filter((room) => query.rooms.includes(room.name))
  const applied: AgendaQuery = { tracks: tracks.map((t) => t.slug), rooms: rooms.map((r) => r.name), kinds: query.kinds, q: query.q }

  const candidates = await db.agendaSession.findMany({
    where: {
      eventId: event.id,
      ...(tracks.length ? { trackId: { in: tracks.map((track) => track.id) } } : {}),
      ...(rooms.length ? { roomId: { in: rooms.map((room) => room.id) } } : {}),
      ...(applied.kinds.length ? { kind: { in: applied.kinds } } : {}),
    },
    select: sessionCardSelect,
  })
  const words = agendaSearchWords(applied.q)
  const sessions = candidates.filter((session) => sessionMatchesSearch(session, words)).sort(agendaOrder)

  return {
    event: {
      slug: event.slug,
      title: event.title,
      timeZone: event.timeZone,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      status: event.status,
      tracks: event.tracks.map(({ slug, name, colour }) => ({ slug, name, colour })),
      rooms: event.rooms.map(({ name, location }) => ({ name, location })),
    },
    applied,
    sessions,
    totalSessions: event._count.sessions,
  }
}

export type PublicAgenda = NonNullable<Awaited<ReturnType<typeof getPublicAgenda>>>

/**
 * One session of a public event, with its place and its speakers; `sessionId` is for the
 * sign-up panel's query (breakouts.server.ts), not for the page. Null for an unknown session
 * or event.
 */
export async function getPublicSession(db: Db, eventSlug: string, sessionSlug: string) {
  const session = await db.agendaSession.findFirst({
    where: { slug: sessionSlug, event: publicEventWhere(eventSlug) },
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
    where: { slug: speakerSlug, event: publicEventWhere(eventSlug) },
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
