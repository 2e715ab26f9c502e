// The participant directory: search and filters over the event's participants (from the
// match snapshot, so a search costs no query beyond its fingerprint), one page at a time,
// each card with why the person may interest the viewer. Callers check access first
// (getMatchmakingAccess).
import type { Db } from '#app/lib/db-client.server.ts'
import { countryName } from '#app/lib/countries.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { DIRECTORY_PAGE_SIZE, type DirectoryQuery } from './directory.ts'
import { getMatchSnapshot, publicCard, reasonsFor, type ParticipantCard } from './recommendations.server.ts'
import { groupCapabilities } from './taxonomy.ts'

/** Reasons shown on a directory card; the person's page shows them all. */
const CARD_REASONS = 2

export async function searchDirectory(db: Db, { eventId, viewerUserId, query }: { eventId: string; viewerUserId: string; query: DirectoryQuery }) {
  const [snapshot, capabilities] = await Promise.all([
    getMatchSnapshot(db, eventId),
    db.capability.findMany({ select: { id: true, label: true, category: true, parentId: true, position: true } }),
  ])
  const words = searchKey(query.q).split(/\s+/).filter(Boolean)
  // A capability filter naming no capability of the taxonomy is dropped, like a bad value.
  const capability = query.capability && snapshot.capabilityLabels.has(query.capability) ? query.capability : null
  const matches = (person: ParticipantCard) =>
    person.userId !== viewerUserId &&
    (!query.kind || person.organisation?.kind === query.kind) &&
    (!query.country || person.organisation?.country === query.country) &&
    (!capability || person.capabilityIds.includes(capability) || person.items.some((item) => item.capabilityId === capability)) &&
    (!query.has || person.items.some((item) => (query.has === 'offer' ? item.kind === 'OFFER' : item.kind !== 'OFFER'))) &&
    words.every((word) => person.searchText.includes(word))

  const found = snapshot.participants.filter(matches).sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.userId < b.userId ? -1 : 1))
  const pageCount = Math.max(1, Math.ceil(found.length / DIRECTORY_PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
  const cards = found.slice((page - 1) * DIRECTORY_PAGE_SIZE, page * DIRECTORY_PAGE_SIZE).map((person) => ({
    ...publicCard(person),
    reasons: reasonsFor(snapshot, viewerUserId, person.userId).slice(0, CARD_REASONS),
  }))
  const countries = [...new Set(snapshot.participants.flatMap((person) => (person.organisation ? [person.organisation.country] : [])))]
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  return {
    cards,
    total: found.length,
    page,
    pageCount,
    applied: { ...query, capability, page },
    filterOptions: { countries, capabilityGroups: groupCapabilities(capabilities) },
    capabilityLabels: Object.fromEntries(snapshot.capabilityLabels),
  }
}

export type DirectoryPage = Awaited<ReturnType<typeof searchDirectory>>
