// Recommendations benchmark.
// (a) Speed on the demo Industry Day scaled to N attendees (default 5,000): loading the
//     participants, building the match index, the cache check on a warm view, and ranking one
//     participant (median, p95, and all participants in turn), both the pure ranking and a
//     whole page's domain call (fingerprint + exclusions + ranking).
// (b) Quality on a generated event with planted complementary pairs: clusters of ten need
//     posts and ten offer posts on one capability and one topic, worded differently on each
//     side, among noise; precision at 10 = share of each participant's top 10 that are planted
//     partners (each participant has exactly ten), against a capability-only ranking and chance.
//
//   npx tsx bench/recommendations.ts [--attendees 5000] [--providers sqlite,postgresql] [--synthetic 2000] [--sample 200]
import { parseArgs } from 'node:util'
import { buildMatchIndex, recommendFor, type MatchItem, type MatchProfile, type OrganisationKind } from '#app/domain/matchmaking/recommendations.ts'
import { getMatchSnapshot, getRecommendations, loadParticipants } from '#app/domain/matchmaking/recommendations.server.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import type { Provider } from '#prisma/providers.ts'
import { chosenProvidersOf } from './support.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'

const { values } = parseArgs({
  options: {
    attendees: { type: 'string', default: '5000' },
    providers: { type: 'string', default: 'sqlite' },
    synthetic: { type: 'string', default: '2000' },
    sample: { type: 'string', default: '200' },
  },
})
const attendees = Number(values.attendees)
const syntheticSize = Number(values.synthetic)
const sample = Number(values.sample)
const providers = chosenProvidersOf(values.providers)

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
const ms = (value: number) => Math.round(value * 100) / 100

// ---------- (a) speed ----------

const speedRows: Record<string, string | number>[] = []
for (const provider of providers) speedRows.push(await benchSpeed(provider))
console.log(`\n(a) Recommendation time, demo event with ${attendees} attendees`)
console.table(speedRows)

async function benchSpeed(provider: Provider) {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    try {
      let started = performance.now()
      await seedDatabase(db, { attendees })
      const seedMs = performance.now() - started
      const eventId = (await db.event.findFirstOrThrow({ select: { id: true } })).id

      started = performance.now()
      const { profiles, capabilityLabels } = await loadParticipants(db, eventId)
      const loadMs = performance.now() - started
      started = performance.now()
      const index = buildMatchIndex(profiles, capabilityLabels)
      const buildMs = performance.now() - started

      // Pure ranking, every participant in turn.
      const times: number[] = []
      const allStarted = performance.now()
      for (const profile of profiles) {
        const one = performance.now()
        recommendFor(index, profile.userId, { limit: 20 })
        times.push(performance.now() - one)
      }
      const allMs = performance.now() - allStarted
      times.sort((a, b) => a - b)

      // A page view's domain call on a warm cache: fingerprint, exclusions, ranking.
      await getMatchSnapshot(db, eventId)
      const pageTimes: number[] = []
      for (let i = 0; i < Math.min(sample, profiles.length); i++) {
        const userId = profiles[Math.floor((i * profiles.length) / Math.min(sample, profiles.length))]!.userId
        const one = performance.now()
        await getRecommendations(db, { eventId, userId })
        pageTimes.push(performance.now() - one)
      }
      pageTimes.sort((a, b) => a - b)
      const coldOne = performance.now()
      // A changed profile: the next view rebuilds the snapshot.
      await db.matchmakingProfile.update({ where: { eventId_userId: { eventId, userId: profiles[0]!.userId } }, data: { headline: 'Changed headline' } })
      await getRecommendations(db, { eventId, userId: profiles[0]!.userId })
      const rebuildViewMs = performance.now() - coldOne

      return {
        provider,
        participants: profiles.length,
        'seed s': Math.round(seedMs / 100) / 10,
        'load ms': ms(loadMs),
        'index ms': ms(buildMs),
        'rank median ms': ms(percentile(times, 0.5)),
        'rank p95 ms': ms(percentile(times, 0.95)),
        'rank all s': ms(allMs / 1000),
        'page median ms': ms(percentile(pageTimes, 0.5)),
        'page p95 ms': ms(percentile(pageTimes, 0.95)),
        'view after a change ms': ms(rebuildViewMs),
        'rebuild / warm page': ms(rebuildViewMs / percentile(pageTimes, 0.5)),
      }
    } finally {
      await db.$disconnect()
    }
  } finally {
    await drop()
  }
}

// ---------- (b) quality ----------

/** Deterministic randomness (mulberry32), so every run builds the same event. */
function randomStream(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! }
}

const random = randomStream(7)
const SYLLABLES = ['kor', 'vex', 'tal', 'mir', 'an', 'dro', 'sel', 'qui', 'bra', 'nol', 'fen', 'tur', 'zam', 'lio', 'pex', 'gra', 'ust', 'ven']
const pseudoWord = () => Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join('')
const CAPABILITIES = Array.from({ length: 16 }, (_, i) => `capability-${i}`)
const GENERIC = ['drone', 'counter', 'system', 'defence', 'rapid', 'field', 'sensor', 'integration', 'support', 'production', 'mission', 'airspace']
const generic = (count: number) => Array.from({ length: count }, () => random.pick(GENERIC)).join(' ')

type Planted = { profile: MatchProfile; cluster: number; side: 'need' | 'offer' }

function buildSyntheticEvent(size: number) {
  const clusterSize = 20
  const clusters = Math.floor(size / clusterSize)
  const people: Planted[] = []
  for (let cluster = 0; cluster < clusters; cluster++) {
    const capabilityId = CAPABILITIES[cluster % CAPABILITIES.length]!
    const [a, b, c] = [pseudoWord(), pseudoWord(), pseudoWord()]
    for (let member = 0; member < clusterSize; member++) {
      const side = member < clusterSize / 2 ? 'need' : 'offer'
      const userId = `p-${cluster}-${member}`
      // Three in ten planted posts carry no capability: only their words can find the pair.
      const itemCapability = random.next() < 0.7 ? capabilityId : null
      const planted: MatchItem =
        side === 'need'
          ? { kind: random.next() < 0.8 ? 'NEED' : 'PARTNERSHIP', capabilityId: itemCapability, title: `Seeking ${a} ${b}s`, description: `We need ${b}s with ${a} for ${c} units, ${generic(3)}.` }
          : { kind: 'OFFER', capabilityId: itemCapability, title: `${b} systems`, description: `We build ${b} hardware using ${a}ing and ${c}ers, ${generic(3)}.` }
      const noiseCapability = random.pick(CAPABILITIES)
      const noise: MatchItem = {
        kind: random.pick(['OFFER', 'NEED'] as const),
        capabilityId: random.next() < 0.7 ? noiseCapability : null,
        title: `${pseudoWord()} ${random.pick(GENERIC)}`,
        description: `${generic(4)} ${pseudoWord()} ${pseudoWord()}.`,
      }
      const kind: OrganisationKind = side === 'need' ? random.pick(['GOVERNMENT_BUYER', 'LARGE_COMPANY'] as const) : random.pick(['SME', 'START_UP', 'LARGE_COMPANY'] as const)
      people.push({
        cluster,
        side,
        profile: {
          userId,
          organisationId: `org-${userId}`,
          organisationKind: kind,
          headline: `${generic(2)} ${random.next() < 0.5 ? b : pseudoWord()}`,
          about: `${generic(6)}.`,
          freeTags: [pseudoWord()],
          capabilityIds: [capabilityId, random.pick(CAPABILITIES)],
          items: random.next() < 0.5 ? [planted, noise] : [noise, planted],
        },
      })
    }
  }
  return people
}

/** The ranking a capability match alone gives: complementary capabilities, ties broken at random. */
function capabilityOnlyTop10(people: Planted[], viewer: Planted) {
  const needs = (p: MatchProfile) => new Set(p.items.filter((i) => i.kind !== 'OFFER' && i.capabilityId).map((i) => i.capabilityId!))
  const offers = (p: MatchProfile) => new Set(p.items.filter((i) => i.kind === 'OFFER' && i.capabilityId).map((i) => i.capabilityId!))
  const myNeeds = needs(viewer.profile)
  const myOffers = offers(viewer.profile)
  return people
    .filter((p) => p !== viewer)
    .map((p) => ({ p, score: [...myNeeds].filter((c) => offers(p.profile).has(c)).length + [...myOffers].filter((c) => needs(p.profile).has(c)).length + random.next() * 0.5 }))
    .sort((x, y) => y.score - x.score)
    .slice(0, 10)
    .map(({ p }) => p.profile.userId)
}

const people = buildSyntheticEvent(syntheticSize)
const byId = new Map(people.map((p) => [p.profile.userId, p]))
const index = buildMatchIndex(
  people.map((p) => p.profile),
  new Map(CAPABILITIES.map((id, i) => [id, `Capability ${i}`])),
)
const isPlantedPartner = (viewer: Planted, userId: string) => {
  const other = byId.get(userId)!
  return other.cluster === viewer.cluster && other.side !== viewer.side
}
let hits = 0
let baselineHits = 0
for (const viewer of people) {
  hits += recommendFor(index, viewer.profile.userId, { limit: 10 }).filter((r) => isPlantedPartner(viewer, r.userId)).length
  baselineHits += capabilityOnlyTop10(people, viewer).filter((userId) => isPlantedPartner(viewer, userId)).length
}
const precision = hits / (people.length * 10)
const baseline = baselineHits / (people.length * 10)
const chance = 10 / (people.length - 1)
console.log(`\n(b) Precision at 10 on a generated event of ${people.length} participants (${people.length / 20} planted clusters, 10 planted partners each)`)
console.table([
  { ranking: 'Muster recommendations', 'precision@10': ms(precision), 'vs chance': Math.round(precision / chance) },
  { ranking: 'capability match only', 'precision@10': ms(baseline), 'vs chance': Math.round(baseline / chance) },
  { ranking: 'chance', 'precision@10': ms(chance), 'vs chance': 1 },
])
