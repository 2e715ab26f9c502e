// The participants of an event's matchmaking as the directory and the recommendations read
// them, and the match index built from them. Building costs one full read of the profiles;
// ranking one viewer against the index costs a few milliseconds at 5,000 participants
// (bench/recommendations.ts). So each app instance keeps the latest snapshot per event and
// checks a fingerprint of the rows it is made of on every use: any change to a profile, an
// item, a registration, a person or an organisation rebuilds it, in every instance, without
// any message between instances (docs/decisions/008-recommendations.md).
import { createBoundedCache } from '#app/lib/bounded-cache.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { eventOrganisations } from '#app/domain/events/people.server.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { buildMatchIndex, explainMatch, recommendFor, type MatchIndex, type MatchProfile, type Recommendation } from './recommendations.ts'
import { b2bParticipantProfileWhere, b2bParticipantWhere } from './participants.ts'

export type ParticipantOrganisation = { id: string; name: string; kind: MatchProfile['organisationKind'] & string; country: string }

/** What the directory and recommendation cards show of a participant: never an email or a registration answer. */
export type ParticipantCard = {
  userId: string
  name: string
  jobTitle: string | null
  organisation: ParticipantOrganisation | null
  headline: string
  technologyReadiness: number | null
  capabilityIds: string[]
  items: { kind: MatchProfile['items'][number]['kind']; title: string; capabilityId: string | null }[]
  /** Folded text the directory search looks in. */
  searchText: string
}

export type MatchSnapshot = {
  participants: ParticipantCard[]
  byUserId: Map<string, ParticipantCard>
  index: MatchIndex
  capabilityLabels: Map<string, string>
}

/**
 * Reads every participant (approved registration, opted-in profile) of the event, each with the
 * organisation of that registration. One flat query per table, joined here: nested relation
 * loads would send every parent id as a bound parameter, which thousands of participants take
 * past SQLite's limit.
 */
export async function loadParticipants(db: Db, eventId: string) {
  const [profiles, people, organisations, profileCapabilities, items, capabilities] = await Promise.all([
    db.matchmakingProfile.findMany({
      where: b2bParticipantProfileWhere(eventId),
      orderBy: { userId: 'asc' },
      select: { id: true, userId: true, headline: true, about: true, technologyReadiness: true, freeTags: true },
    }),
    db.user.findMany({ where: b2bParticipantWhere(eventId), select: { id: true, name: true, jobTitle: true } }),
    eventOrganisations(db, eventId),
    db.profileCapability.findMany({ where: { profile: { eventId, optedIn: true } }, select: { profileId: true, capabilityId: true } }),
    db.marketplaceItem.findMany({
      where: { eventId, profile: { optedIn: true } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { profileId: true, kind: true, title: true, description: true, capabilityId: true },
    }),
    db.capability.findMany({ select: { id: true, label: true } }),
  ])
  const capabilityLabels = new Map(capabilities.map((capability) => [capability.id, capability.label]))
  const personById = new Map(people.map((person) => [person.id, person]))
  const groupByProfile = <T extends { profileId: string }>(rows: T[]) => {
    const groups = new Map<string, T[]>()
    for (const row of rows) {
      const group = groups.get(row.profileId)
      if (group) group.push(row)
      else groups.set(row.profileId, [row])
    }
    return groups
  }
  const capabilitiesByProfile = groupByProfile(profileCapabilities)
  const itemsByProfile = groupByProfile(items)

  const matchProfiles: MatchProfile[] = []
  const participants: ParticipantCard[] = []
  for (const row of profiles) {
    const person = personById.get(row.userId)
    if (!person) continue
    const registered = organisations.get(row.userId)
    // Only what the cards show of it.
    const organisation: ParticipantOrganisation | null = registered ? { id: registered.id, name: registered.name, kind: registered.kind, country: registered.country } : null
    const freeTags = Array.isArray(row.freeTags) ? row.freeTags.filter((tag): tag is string => typeof tag === 'string') : []
    const capabilityIds = (capabilitiesByProfile.get(row.id) ?? []).map((entry) => entry.capabilityId)
    const marketItems = (itemsByProfile.get(row.id) ?? []).map(({ kind, title, description, capabilityId }) => ({ kind, title, description, capabilityId }))
    matchProfiles.push({
      userId: row.userId,
      organisationId: organisation?.id ?? null,
      organisationKind: organisation?.kind ?? null,
      headline: row.headline,
      about: row.about,
      freeTags,
      capabilityIds,
      items: marketItems,
    })
    participants.push({
      userId: row.userId,
      name: person.name,
      jobTitle: person.jobTitle,
      organisation,
      headline: row.headline,
      technologyReadiness: row.technologyReadiness,
      capabilityIds,
      items: marketItems.map(({ kind, title, capabilityId }) => ({ kind, title, capabilityId })),
      searchText: searchKey(
        [person.name, organisation?.name ?? '', row.headline, row.about ?? '', freeTags.join(' '), ...marketItems.map((item) => `${item.title} ${item.description}`)].join(' '),
      ),
    })
  }
  return { profiles: matchProfiles, participants, capabilityLabels }
}

/**
 * The rows a snapshot is made of, summarised: counts and latest changes. Saving a profile
 * touches the profile row, so removed items and capabilities move it too; a registration's
 * change of organisation moves the registration.
 */
async function fingerprint(db: Db, eventId: string) {
  const inEvent = { some: { eventId } }
  const [profiles, items, registrations, people, organisations, capabilities] = await Promise.all([
    db.matchmakingProfile.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.marketplaceItem.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.registration.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.user.aggregate({ where: { matchmakingProfiles: inEvent }, _max: { updatedAt: true } }),
    // The organisations on the event's registrations: the ones its participants appear with.
    db.organisation.aggregate({ where: { registrations: inEvent }, _max: { updatedAt: true } }),
    db.capability.count(),
  ])
  const time = (date: Date | null) => date?.getTime() ?? 0
  return [
    profiles._count._all,
    time(profiles._max.updatedAt),
    items._count._all,
    time(items._max.updatedAt),
    registrations._count._all,
    time(registrations._max.updatedAt),
    time(people._max.updatedAt),
    time(organisations._max.updatedAt),
    capabilities,
  ].join(':')
}

const MAX_CACHED_EVENTS = 8
const snapshots = createBoundedCache<{ fingerprint: string; snapshot: MatchSnapshot }>(MAX_CACHED_EVENTS)

/** The event's participants and match index, rebuilt when the fingerprint moved since the last build. */
export async function getMatchSnapshot(db: Db, eventId: string): Promise<MatchSnapshot> {
  // Read before the rows: a change landing in between makes the next call rebuild again.
  const current = await fingerprint(db, eventId)
  const cached = snapshots.get(eventId)
  if (cached?.fingerprint === current) return cached.snapshot
  const { profiles, participants, capabilityLabels } = await loadParticipants(db, eventId)
  const snapshot: MatchSnapshot = {
    participants,
    byUserId: new Map(participants.map((participant) => [participant.userId, participant])),
    index: buildMatchIndex(profiles, capabilityLabels),
    capabilityLabels,
  }
  snapshots.set(eventId, { fingerprint: current, snapshot })
  return snapshot
}

/**
 * People the viewer should not be offered again: partners in a confirmed meeting, and both
 * sides of a declined request ("no thanks" in either direction).
 */
export async function loadExclusions(db: Db, eventId: string, userId: string) {
  const [seats, declined] = await Promise.all([
    db.meetingParticipant.findMany({
      where: { userId, meeting: { eventId, status: 'CONFIRMED' } },
      select: { meeting: { select: { participants: { select: { userId: true } } } } },
    }),
    db.meetingRequest.findMany({
      where: { eventId, status: 'DECLINED', OR: [{ requesterId: userId }, { recipientId: userId }] },
      select: { requesterId: true, recipientId: true },
    }),
  ])
  const excluded = new Set<string>()
  for (const seat of seats) for (const participant of seat.meeting.participants) excluded.add(participant.userId)
  for (const request of declined) {
    excluded.add(request.requesterId)
    excluded.add(request.recipientId)
  }
  excluded.delete(userId)
  return excluded
}

export type PublicCard = Omit<ParticipantCard, 'searchText'>
export type RecommendedPerson = PublicCard & { score: number; reasons: string[] }

export const RECOMMENDATION_LIMIT = 20

/** "Who to meet" for one participant: ranked, each with its reasons. */
export async function getRecommendations(db: Db, { eventId, userId, limit = RECOMMENDATION_LIMIT }: { eventId: string; userId: string; limit?: number }) {
  const [snapshot, exclude] = await Promise.all([getMatchSnapshot(db, eventId), loadExclusions(db, eventId, userId)])
  return recommendFor(snapshot.index, userId, { exclude, limit }).map((recommendation) => withCard(snapshot, recommendation))
}

function withCard(snapshot: MatchSnapshot, recommendation: Recommendation): RecommendedPerson {
  return { ...publicCard(snapshot.byUserId.get(recommendation.userId)!), score: recommendation.score, reasons: recommendation.reasons }
}

/** Why one participant may interest the viewer, in words (empty when nothing connects them). */
export function reasonsFor(snapshot: MatchSnapshot, viewerUserId: string, otherUserId: string) {
  return explainMatch(snapshot.index, viewerUserId, otherUserId)?.reasons ?? []
}

/** A card without the search text, for sending to the browser. */
export function publicCard({ searchText: _searchText, ...card }: ParticipantCard): PublicCard {
  return card
}
