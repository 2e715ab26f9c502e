// Who should meet whom, and why: pure scoring over the participants of one event
// (docs/decisions/008-recommendations.md). `buildMatchIndex` turns profiles into term
// vectors and posting lists once; `recommendFor` ranks everyone for one viewer through those
// lists, touching only people who share something with the viewer; `explainMatch` gives the
// same score for one pair with its reasons in words. Both go through `combineScore`, so a
// ranking and the reasons shown beside it never disagree.
import { inSentence, listInWords, tokenize } from './text.ts'

export type MarketplaceKind = 'OFFER' | 'NEED' | 'PARTNERSHIP'
export type OrganisationKind = 'GOVERNMENT_BUYER' | 'LARGE_COMPANY' | 'SME' | 'START_UP' | 'ACADEMIA' | 'OTHER'

export type MatchItem = { kind: MarketplaceKind; title: string; description: string; capabilityId: string | null }

export type MatchProfile = {
  userId: string
  organisationId: string | null
  organisationKind: OrganisationKind | null
  headline: string
  about: string | null
  freeTags: readonly string[]
  capabilityIds: readonly string[]
  items: readonly MatchItem[]
}

export type Recommendation = { userId: string; score: number; reasons: string[] }

/** What one pair shares, counted; `combineScore` turns it into the score. */
export type MatchComponents = {
  /** Capabilities the viewer needs that the other offers in an item, and the reverse. */
  theyOffer: number
  theyNeed: number
  /** Capabilities the viewer needs that the other works on without an offer, and the reverse. */
  theyWorkOnYourNeed: number
  theyNeedYourWork: number
  /** Best text similarity (cosine) of a viewer need to an offer of theirs, and the reverse. */
  offerMatchesNeed: number
  needMatchesOffer: number
  sharedCapabilities: number
  /** Cosine similarity of the two whole profiles' text. */
  profileSimilarity: number
  /** Capabilities where one is a government buyer interested and the other an industrial supplier. */
  buyerSupplier: number
}

/** The weights, documented in docs/decisions/008-recommendations.md. */
export const WEIGHTS = {
  complementCapability: 30,
  complementWork: 10,
  complementText: 40,
  sharedCapability: 5,
  profileText: 20,
  buyerSupplier: 12,
} as const

/** Text similarity below this is treated as noise: no points, no reason. */
export const TEXT_MATCH_THRESHOLD = 0.2
export const PROFILE_SIMILARITY_THRESHOLD = 0.15

const INDUSTRY: ReadonlySet<OrganisationKind> = new Set(['LARGE_COMPANY', 'SME', 'START_UP'])

export function combineScore(c: MatchComponents) {
  const text = (similarity: number) => (similarity >= TEXT_MATCH_THRESHOLD ? WEIGHTS.complementText * similarity : 0)
  const score =
    WEIGHTS.complementCapability * (Math.min(c.theyOffer, 2) + Math.min(c.theyNeed, 2)) +
    WEIGHTS.complementWork * (Math.min(c.theyWorkOnYourNeed, 2) + Math.min(c.theyNeedYourWork, 2)) +
    text(c.offerMatchesNeed) +
    text(c.needMatchesOffer) +
    WEIGHTS.sharedCapability * Math.min(c.sharedCapabilities, 3) +
    (c.profileSimilarity >= PROFILE_SIMILARITY_THRESHOLD ? WEIGHTS.profileText * c.profileSimilarity : 0) +
    (c.buyerSupplier > 0 ? WEIGHTS.buyerSupplier : 0)
  return Math.round(score * 100) / 100
}

// ---------- The index ----------

/** A sparse, L2-normalised TF-IDF vector: term ids ascending, with their weights. */
type Vector = { terms: Int32Array; weights: Float64Array }

type Postings = { owners: number[][]; weights: number[][] }

type IndexedItem = { owner: number; kind: MarketplaceKind; title: string; vector: Vector }

type IndexedProfile = {
  profile: MatchProfile
  vector: Vector
  /** Capabilities of NEED and PARTNERSHIP items: what this person looks for. */
  needCaps: Set<string>
  /** Capabilities of OFFER items. */
  offerCaps: Set<string>
  /** Profile capabilities plus offered ones: what this person works on. */
  workCaps: Set<string>
  /** Needs plus work: what a buyer is interested in. */
  interestCaps: Set<string>
  needItems: number[]
  offerItems: number[]
}

export type MatchIndex = {
  profiles: IndexedProfile[]
  positionOf: Map<string, number>
  capabilityLabels: ReadonlyMap<string, string>
  items: IndexedItem[]
  /** term id -> a word it came from, for "what you have in common" */
  words: string[]
  profilePostings: Postings
  offerItemPostings: Postings
  needItemPostings: Postings
  capabilityPostings: { offer: Map<string, number[]>; need: Map<string, number[]>; work: Map<string, number[]>; interest: Map<string, number[]> }
}

function profileText(profile: MatchProfile) {
  return [profile.headline, profile.about ?? '', profile.freeTags.join(' '), ...profile.items.map((item) => `${item.title} ${item.description}`)].join(' ')
}

const isNeedSide = (kind: MarketplaceKind) => kind === 'NEED' || kind === 'PARTNERSHIP'

export function buildMatchIndex(profiles: readonly MatchProfile[], capabilityLabels: ReadonlyMap<string, string>): MatchIndex {
  const termIds = new Map<string, number>()
  const words: string[] = []
  const documentFrequency: number[] = []

  const countTerms = (text: string) => {
    const counts = new Map<number, number>()
    for (const { term, word } of tokenize(text)) {
      let id = termIds.get(term)
      if (id === undefined) {
        id = words.length
        termIds.set(term, id)
        words.push(word)
        documentFrequency.push(0)
      }
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    return counts
  }

  // Document frequencies over whole profiles; items are weighted with the same IDF.
  const profileCounts = profiles.map((profile) => countTerms(profileText(profile)))
  for (const counts of profileCounts) for (const id of counts.keys()) documentFrequency[id]! += 1
  const idf = documentFrequency.map((df) => Math.log(1 + profiles.length / df))

  const toVector = (counts: Map<number, number>): Vector => {
    const entries = [...counts].map(([id, count]) => [id, (1 + Math.log(count)) * idf[id]!] as const).sort((a, b) => a[0] - b[0])
    const norm = Math.hypot(...entries.map(([, weight]) => weight)) || 1
    return { terms: Int32Array.from(entries.map(([id]) => id)), weights: Float64Array.from(entries.map(([, weight]) => weight / norm)) }
  }

  const items: IndexedItem[] = []
  const indexed = profiles.map((profile, position): IndexedProfile => {
    const needCaps = new Set<string>()
    const offerCaps = new Set<string>()
    const needItems: number[] = []
    const offerItems: number[] = []
    for (const item of profile.items) {
      if (item.capabilityId) (isNeedSide(item.kind) ? needCaps : offerCaps).add(item.capabilityId)
      const itemIndex = items.length
      items.push({ owner: position, kind: item.kind, title: item.title, vector: toVector(countTerms(`${item.title} ${item.description}`)) })
      ;(isNeedSide(item.kind) ? needItems : offerItems).push(itemIndex)
    }
    // A buyer's capabilities are what it procures: interests, not work of its own.
    if (profile.organisationKind === 'GOVERNMENT_BUYER') for (const capabilityId of profile.capabilityIds) needCaps.add(capabilityId)
    const workCaps = profile.organisationKind === 'GOVERNMENT_BUYER' ? new Set(offerCaps) : new Set([...profile.capabilityIds, ...offerCaps])
    return {
      profile,
      vector: toVector(profileCounts[position]!),
      needCaps,
      offerCaps,
      workCaps,
      interestCaps: new Set([...needCaps, ...workCaps]),
      needItems,
      offerItems,
    }
  })

  const postings = (vectors: { owner: number; vector: Vector }[]): Postings => {
    const owners: number[][] = Array.from({ length: words.length }, () => [])
    const weights: number[][] = Array.from({ length: words.length }, () => [])
    for (const { owner, vector } of vectors) {
      for (let i = 0; i < vector.terms.length; i++) {
        owners[vector.terms[i]!]!.push(owner)
        weights[vector.terms[i]!]!.push(vector.weights[i]!)
      }
    }
    return { owners, weights }
  }
  const byCapability = (pick: (profile: IndexedProfile) => Set<string>) => {
    const map = new Map<string, number[]>()
    indexed.forEach((profile, position) => {
      for (const capabilityId of pick(profile)) {
        const positions = map.get(capabilityId)
        if (positions) positions.push(position)
        else map.set(capabilityId, [position])
      }
    })
    return map
  }

  return {
    profiles: indexed,
    positionOf: new Map(profiles.map((profile, position) => [profile.userId, position])),
    capabilityLabels,
    items,
    words,
    profilePostings: postings(indexed.map((profile, owner) => ({ owner, vector: profile.vector }))),
    offerItemPostings: postings(items.map((item, index) => ({ owner: index, vector: item.vector })).filter(({ owner }) => items[owner]!.kind === 'OFFER')),
    needItemPostings: postings(items.map((item, index) => ({ owner: index, vector: item.vector })).filter(({ owner }) => isNeedSide(items[owner]!.kind))),
    capabilityPostings: {
      offer: byCapability((profile) => profile.offerCaps),
      need: byCapability((profile) => profile.needCaps),
      work: byCapability((profile) => profile.workCaps),
      interest: byCapability((profile) => profile.interestCaps),
    },
  }
}

// ---------- One viewer against everyone ----------

function isBuyer(profile: IndexedProfile) {
  return profile.profile.organisationKind === 'GOVERNMENT_BUYER'
}

function isIndustry(profile: IndexedProfile) {
  return profile.profile.organisationKind !== null && INDUSTRY.has(profile.profile.organisationKind)
}

// The components of MatchComponents, as columns of one scratch array per index.
const FIELDS = ['theyOffer', 'theyNeed', 'theyWorkOnYourNeed', 'theyNeedYourWork', 'offerMatchesNeed', 'needMatchesOffer', 'sharedCapabilities', 'profileSimilarity', 'buyerSupplier'] as const
const [THEY_OFFER, THEY_NEED, THEY_WORK_ON_YOUR_NEED, THEY_NEED_YOUR_WORK, OFFER_MATCHES_NEED, NEED_MATCHES_OFFER, SHARED, PROFILE_SIMILARITY, BUYER_SUPPLIER] = FIELDS.map((_, i) => i) as number[] as [
  number, number, number, number, number, number, number, number, number,
]

/**
 * Working memory for ranking, kept with the index and reused by every call (ranking is
 * synchronous, so calls never overlap): per person a row of component values, and the list of
 * people touched so far, so resetting costs only what was used.
 */
type Scratch = { values: Float64Array; touched: Uint8Array; list: number[]; itemDots: Float64Array; itemList: number[] }
const scratchOf = new WeakMap<MatchIndex, Scratch>()

function scratchFor(index: MatchIndex): Scratch {
  let scratch = scratchOf.get(index)
  if (!scratch) {
    scratch = {
      values: new Float64Array(index.profiles.length * FIELDS.length),
      touched: new Uint8Array(index.profiles.length),
      list: [],
      itemDots: new Float64Array(index.items.length),
      itemList: [],
    }
    scratchOf.set(index, scratch)
  }
  return scratch
}

/**
 * The viewer's best matches, best first (ties by user id, so the order is stable). Leaves out
 * the viewer, colleagues of the same organisation and everyone in `exclude` (people already
 * met or a declined request away). Unknown viewer: no recommendations.
 */
export function recommendFor(index: MatchIndex, viewerUserId: string, options: { exclude?: ReadonlySet<string>; limit?: number } = {}): Recommendation[] {
  const viewerPosition = index.positionOf.get(viewerUserId)
  if (viewerPosition === undefined) return []
  const viewer = index.profiles[viewerPosition]!
  const scratch = scratchFor(index)
  const { values, touched, list } = scratch
  const width = FIELDS.length

  // Adds `amount` to one component of everyone posted under the capabilities.
  const addByCapability = (postings: Map<string, number[]>, capabilities: Set<string>, field: number, amount: number, onlyKind?: (position: number) => boolean) => {
    for (const capabilityId of capabilities) {
      const positions = postings.get(capabilityId)
      if (!positions) continue
      for (let k = 0; k < positions.length; k++) {
        const position = positions[k]!
        if (onlyKind && !onlyKind(position)) continue
        if (touched[position] === 0) {
          touched[position] = 1
          list.push(position)
        }
        values[position * width + field]! += amount
      }
    }
  }
  const { capabilityPostings: caps } = index
  addByCapability(caps.offer, viewer.needCaps, THEY_OFFER, 1)
  addByCapability(caps.need, viewer.offerCaps, THEY_NEED, 1)
  // Work includes offers; the offered part is counted above, so it is taken off again.
  addByCapability(caps.work, viewer.needCaps, THEY_WORK_ON_YOUR_NEED, 1)
  addByCapability(caps.offer, viewer.needCaps, THEY_WORK_ON_YOUR_NEED, -1)
  addByCapability(caps.need, viewer.workCaps, THEY_NEED_YOUR_WORK, 1)
  addByCapability(caps.need, viewer.offerCaps, THEY_NEED_YOUR_WORK, -1)
  addByCapability(caps.work, viewer.workCaps, SHARED, 1)
  if (isBuyer(viewer)) addByCapability(caps.work, viewer.interestCaps, BUYER_SUPPLIER, 1, (p) => isIndustry(index.profiles[p]!))
  if (isIndustry(viewer)) addByCapability(caps.interest, viewer.workCaps, BUYER_SUPPLIER, 1, (p) => isBuyer(index.profiles[p]!))

  // Text: the whole profiles, then the best of the viewer's posts against the other side's.
  const postings = index.profilePostings
  for (let i = 0; i < viewer.vector.terms.length; i++) {
    const owners = postings.owners[viewer.vector.terms[i]!]!
    const weights = postings.weights[viewer.vector.terms[i]!]!
    const weight = viewer.vector.weights[i]!
    for (let j = 0; j < owners.length; j++) {
      const position = owners[j]!
      if (touched[position] === 0) {
        touched[position] = 1
        list.push(position)
      }
      values[position * width + PROFILE_SIMILARITY]! += weight * weights[j]!
    }
  }
  bestItemMatches(index, scratch, viewer.needItems, index.offerItemPostings, OFFER_MATCHES_NEED)
  bestItemMatches(index, scratch, viewer.offerItems, index.needItemPostings, NEED_MATCHES_OFFER)

  const ranked: { position: number; score: number }[] = []
  const components = {} as MatchComponents
  for (const position of list) {
    const row = position * width
    for (let f = 0; f < width; f++) {
      components[FIELDS[f]!] = values[row + f]!
      values[row + f] = 0
    }
    touched[position] = 0
    if (!isCandidate(index, viewer, position, options.exclude)) continue
    const score = combineScore(components)
    if (score > 0) ranked.push({ position, score })
  }
  list.length = 0
  ranked.sort((a, b) => b.score - a.score || compareIds(index.profiles[a.position]!.profile.userId, index.profiles[b.position]!.profile.userId))
  return ranked.slice(0, options.limit ?? 20).map(({ position }) => explainAt(index, viewerPosition, position))
}

/** For each person, the best similarity between one of the viewer's posts and one of theirs, into `field`. */
function bestItemMatches(index: MatchIndex, scratch: Scratch, viewerItems: number[], postings: Postings, field: number) {
  const { values, touched, list, itemDots, itemList } = scratch
  const width = FIELDS.length
  for (const itemIndex of viewerItems) {
    const vector = index.items[itemIndex]!.vector
    for (let i = 0; i < vector.terms.length; i++) {
      const owners = postings.owners[vector.terms[i]!]!
      const weights = postings.weights[vector.terms[i]!]!
      const weight = vector.weights[i]!
      for (let j = 0; j < owners.length; j++) {
        const other = owners[j]!
        if (itemDots[other] === 0) itemList.push(other)
        itemDots[other]! += weight * weights[j]!
      }
    }
    for (const other of itemList) {
      const position = index.items[other]!.owner
      if (touched[position] === 0) {
        touched[position] = 1
        list.push(position)
      }
      const cell = position * width + field
      if (itemDots[other]! > values[cell]!) values[cell] = itemDots[other]!
      itemDots[other] = 0
    }
    itemList.length = 0
  }
}

function isCandidate(index: MatchIndex, viewer: IndexedProfile, position: number, exclude: ReadonlySet<string> | undefined) {
  const other = index.profiles[position]!
  if (other === viewer) return false
  if (viewer.profile.organisationId !== null && other.profile.organisationId === viewer.profile.organisationId) return false
  return !exclude?.has(other.profile.userId)
}

function compareIds(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0
}

// ---------- One pair, with reasons ----------

/**
 * The score and reasons for the viewer looking at one other participant; null when either is
 * not in the index, or the pair is excluded (the same person or organisation).
 */
export function explainMatch(index: MatchIndex, viewerUserId: string, otherUserId: string): Recommendation | null {
  const viewerPosition = index.positionOf.get(viewerUserId)
  const otherPosition = index.positionOf.get(otherUserId)
  if (viewerPosition === undefined || otherPosition === undefined) return null
  if (!isCandidate(index, index.profiles[viewerPosition]!, otherPosition, undefined)) return null
  return explainAt(index, viewerPosition, otherPosition)
}

function explainAt(index: MatchIndex, viewerPosition: number, otherPosition: number): Recommendation {
  const viewer = index.profiles[viewerPosition]!
  const other = index.profiles[otherPosition]!
  const label = (capabilityId: string) => inSentence(index.capabilityLabels.get(capabilityId) ?? 'an unnamed capability')
  const labels = (ids: Iterable<string>) => [...ids].map(label).sort()
  const intersect = (a: Set<string>, b: Set<string>) => [...a].filter((id) => b.has(id))

  const theyOffer = intersect(viewer.needCaps, other.offerCaps)
  const theyNeed = intersect(viewer.offerCaps, other.needCaps)
  const theyWorkOnYourNeed = intersect(viewer.needCaps, other.workCaps).filter((id) => !other.offerCaps.has(id))
  const theyNeedYourWork = intersect(viewer.workCaps, other.needCaps).filter((id) => !viewer.offerCaps.has(id))
  const shared = intersect(viewer.workCaps, other.workCaps)
  const buyerInterest = isBuyer(other) && isIndustry(viewer) ? intersect(other.interestCaps, viewer.workCaps) : []
  const supplierOf = isBuyer(viewer) && isIndustry(other) ? intersect(viewer.interestCaps, other.workCaps) : []
  const offerMatch = bestPair(index, viewer.needItems, other.offerItems)
  const needMatch = bestPair(index, viewer.offerItems, other.needItems)
  const profileSimilarity = dot(viewer.vector, other.vector)

  const components: MatchComponents = {
    theyOffer: theyOffer.length,
    theyNeed: theyNeed.length,
    theyWorkOnYourNeed: theyWorkOnYourNeed.length,
    theyNeedYourWork: theyNeedYourWork.length,
    offerMatchesNeed: offerMatch.similarity,
    needMatchesOffer: needMatch.similarity,
    sharedCapabilities: shared.length,
    profileSimilarity,
    buyerSupplier: buyerInterest.length + supplierOf.length,
  }

  // Strongest first; a capability named once is not repeated by a weaker reason.
  const reasons: string[] = []
  const named = new Set<string>()
  const say = (ids: string[], text: (names: string) => string, join = false) => {
    const fresh = ids.filter((id) => !named.has(id))
    for (const id of fresh) named.add(id)
    if (join && fresh.length) reasons.push(text(listInWords(labels(fresh).slice(0, 3))))
    else for (const name of labels(fresh)) reasons.push(text(name))
  }
  say(theyNeed, (name) => (isBuyer(other) && isIndustry(viewer) ? `Government buyer looking for ${name}, which you offer` : `They need ${name}, which you offer`))
  say(theyOffer, (name) => (isBuyer(viewer) && isIndustry(other) ? `They supply ${name}, which you are buying` : `They offer ${name}, which you need`))
  if (offerMatch.similarity >= TEXT_MATCH_THRESHOLD && offerMatch.pair) {
    reasons.push(`Their offer “${index.items[offerMatch.pair[1]]!.title}” fits your ${itemWord(index, offerMatch.pair[0])} “${index.items[offerMatch.pair[0]]!.title}”`)
  }
  if (needMatch.similarity >= TEXT_MATCH_THRESHOLD && needMatch.pair) {
    reasons.push(`Their ${itemWord(index, needMatch.pair[1])} “${index.items[needMatch.pair[1]]!.title}” fits your offer “${index.items[needMatch.pair[0]]!.title}”`)
  }
  say(theyNeedYourWork, (name) => (isBuyer(other) && isIndustry(viewer) ? `Government buyer looking for ${name}, which you work on` : `They need ${name}, which you work on`))
  say(theyWorkOnYourNeed, (name) => `They work on ${name}, which you need`)
  say(buyerInterest, (names) => `Government buyer looking for ${names}`, true)
  say(supplierOf, (names) => `They supply ${names}, which you are buying`, true)
  say(shared, (names) => `You both work on ${names}`, true)
  if (profileSimilarity >= PROFILE_SIMILARITY_THRESHOLD) {
    reasons.push(`Your profiles have much in common: ${listInWords(sharedWords(index, viewer.vector, other.vector, 3))}`)
  }
  return { userId: other.profile.userId, score: combineScore(components), reasons }
}

function itemWord(index: MatchIndex, itemIndex: number) {
  return index.items[itemIndex]!.kind === 'PARTNERSHIP' ? 'partnership request' : 'need'
}

function dot(a: Vector, b: Vector) {
  let sum = 0
  let i = 0
  let j = 0
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!
    const tb = b.terms[j]!
    if (ta === tb) sum += a.weights[i++]! * b.weights[j++]!
    else if (ta < tb) i++
    else j++
  }
  return sum
}

function bestPair(index: MatchIndex, mine: number[], theirs: number[]) {
  let best: { similarity: number; pair: [number, number] | null } = { similarity: 0, pair: null }
  for (const a of mine) {
    for (const b of theirs) {
      const similarity = dot(index.items[a]!.vector, index.items[b]!.vector)
      if (similarity > best.similarity) best = { similarity, pair: [a, b] }
    }
  }
  return best
}

/** The words that contribute most to two vectors' similarity. */
function sharedWords(index: MatchIndex, a: Vector, b: Vector, limit: number) {
  const contributions: { term: number; value: number }[] = []
  let i = 0
  let j = 0
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!
    const tb = b.terms[j]!
    if (ta === tb) contributions.push({ term: ta, value: a.weights[i++]! * b.weights[j++]! })
    else if (ta < tb) i++
    else j++
  }
  return contributions
    .sort((x, y) => y.value - x.value)
    .slice(0, limit)
    .map(({ term }) => index.words[term]!)
}
