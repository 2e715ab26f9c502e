// The pure scoring of recommendations on small hand-made events: complementary pairs rank
// first with their reasons in words, exclusions hold, the ranked score equals the explained
// one, and the text helpers join word forms.
import { describe, expect, it } from 'vitest'
import { buildMatchIndex, explainMatch, recommendFor, type MatchItem, type MatchProfile } from '#app/domain/matchmaking/recommendations.ts'
import { stem, tokenize } from '#app/domain/matchmaking/text.ts'

const labels = new Map([
  ['rf', 'RF detection'],
  ['kinetic', 'Kinetic defeat (interceptors, guns)'],
  ['c2', 'Command and control integration'],
  ['training', 'Training and simulation'],
])

function person(userId: string, overrides: Partial<MatchProfile> = {}): MatchProfile {
  return {
    userId,
    organisationId: `org-${userId}`,
    organisationKind: 'SME',
    headline: 'Counter-drone work',
    about: null,
    freeTags: [],
    capabilityIds: [],
    items: [],
    ...overrides,
  }
}

const need = (capabilityId: string | null, title: string, description = title): MatchItem => ({ kind: 'NEED', capabilityId, title, description })
const offer = (capabilityId: string | null, title: string, description = title): MatchItem => ({ kind: 'OFFER', capabilityId, title, description })

const buyer = person('buyer', {
  organisationKind: 'GOVERNMENT_BUYER',
  headline: 'Buying passive RF detection for forward bases',
  capabilityIds: ['rf'],
  items: [need('rf', 'RF sensors for 40 forward sites', 'We need passive RF sensors for 40 forward sites, integrated into a national C2.')],
})
const rfMaker = person('rf-maker', {
  headline: 'Passive RF detection that finds drones and their pilots',
  capabilityIds: ['rf'],
  items: [offer('rf', 'Passive RF detectors, 500 a month', 'We produce passive RF detectors at 500 a month.')],
})
const c2Maker = person('c2-maker', {
  headline: 'Open-architecture command and control',
  capabilityIds: ['c2'],
  items: [offer('c2', 'Open C2 with published interfaces', 'Any sensor or effector integrates in weeks.')],
})
const trainer = person('trainer', {
  organisationKind: 'START_UP',
  headline: 'Simulators for operators',
  capabilityIds: ['training'],
  items: [offer('training', 'Operator simulator', 'Synthetic threats for operator training.')],
})

describe('recommendFor', () => {
  it('ranks the complementary offer first and says why in words', () => {
    const index = buildMatchIndex([buyer, rfMaker, c2Maker, trainer], labels)
    const ranked = recommendFor(index, 'buyer')
    expect(ranked[0]!.userId).toBe('rf-maker')
    expect(ranked[0]!.reasons[0]).toBe('They supply RF detection, which you are buying')
    expect(ranked[0]!.reasons.some((reason) => reason.startsWith('Their offer “Passive RF detectors, 500 a month” fits your need'))).toBe(true)

    // Seen from the supplier's side, the same pair reads the other way round.
    const fromMaker = recommendFor(index, 'rf-maker')
    expect(fromMaker[0]!.userId).toBe('buyer')
    expect(fromMaker[0]!.reasons[0]).toBe('Government buyer looking for RF detection, which you offer')
    // Each capability is named once, by its strongest reason.
    expect(fromMaker[0]!.reasons.filter((reason) => reason.includes('RF detection,'))).toHaveLength(1)
  })

  it('finds a need and an offer with no capability by their text alone', () => {
    const seeker = person('seeker', { headline: 'Seeker guidance', items: [need(null, 'Interceptor airframes', 'We look for a maker of interceptor airframes in carbon fibre.')] })
    const maker = person('maker', { headline: 'Airframe factory', items: [offer(null, 'Carbon-fibre airframes for interceptors', 'We build interceptor airframes in carbon fibre, 300 a month.')] })
    const index = buildMatchIndex([seeker, maker, c2Maker, trainer], labels)
    expect(recommendFor(index, 'maker')[0]!.reasons[0]).toBe('Their need “Interceptor airframes” fits your offer “Carbon-fibre airframes for interceptors”')
    const [first] = recommendFor(index, 'seeker')
    expect(first!.userId).toBe('maker')
    expect(first!.reasons[0]).toMatch(/^Their offer “Carbon-fibre airframes for interceptors” fits your need “Interceptor airframes”$/)
  })

  it('states shared work as partners, and a buyer interested in work that is not offered yet', () => {
    const a = person('a', { headline: 'Fire-control software', capabilityIds: ['c2', 'kinetic'] })
    const b = person('b', { headline: 'Layered air defence', capabilityIds: ['kinetic', 'c2', 'rf'] })
    const [match] = recommendFor(buildMatchIndex([a, b, buyer], labels), 'a')
    expect(match!.reasons).toEqual(['You both work on command and control integration and kinetic defeat (interceptors, guns)'])
    const fromB = recommendFor(buildMatchIndex([a, b, buyer], labels), 'b')
    expect(fromB[0]).toMatchObject({ userId: 'buyer', reasons: ['Government buyer looking for RF detection, which you work on'] })
  })

  it('leaves out the viewer, colleagues, people already met or declined, and people with nothing in common', () => {
    const colleague = person('colleague', { organisationId: buyer.organisationId, capabilityIds: ['rf'], items: [offer('rf', 'RF detectors')] })
    const met = person('met', { capabilityIds: ['rf'], items: [offer('rf', 'RF detectors')] })
    const declined = person('declined', { capabilityIds: ['rf'], items: [offer('rf', 'RF detectors')] })
    const stranger = person('stranger', { headline: 'Catering', about: 'Sandwiches and coffee' })
    const index = buildMatchIndex([buyer, colleague, met, declined, stranger, rfMaker], labels)
    const ids = recommendFor(index, 'buyer', { exclude: new Set(['met', 'declined']) }).map((r) => r.userId)
    expect(ids).toEqual(['rf-maker'])
    expect(explainMatch(index, 'buyer', 'colleague')).toBeNull()
    expect(explainMatch(index, 'buyer', 'buyer')).toBeNull()
    expect(recommendFor(index, 'nobody')).toEqual([])
  })

  it('gives every ranked person the same score the pair explanation gives', () => {
    const people = [buyer, rfMaker, c2Maker, trainer, person('mixed', { capabilityIds: ['rf', 'c2'], items: [need('c2', 'C2 for sensors'), offer('rf', 'RF sensors at scale')] })]
    const index = buildMatchIndex(people, labels)
    for (const viewer of people) {
      for (const recommendation of recommendFor(index, viewer.userId)) {
        expect(recommendation.score).toBeGreaterThan(0)
        expect(recommendation.reasons.length).toBeGreaterThan(0)
        expect(explainMatch(index, viewer.userId, recommendation.userId)!.score).toBe(recommendation.score)
      }
    }
  })

  it('ranks in a stable order and respects the limit', () => {
    const makers = Array.from({ length: 30 }, (_, i) => person(`maker-${String(i).padStart(2, '0')}`, { capabilityIds: ['rf'], items: [offer('rf', 'RF detectors')] }))
    const index = buildMatchIndex([buyer, ...makers], labels)
    const ranked = recommendFor(index, 'buyer', { limit: 5 })
    expect(ranked.map((r) => r.userId)).toEqual(['maker-00', 'maker-01', 'maker-02', 'maker-03', 'maker-04'])
  })
})

describe('text', () => {
  it('joins plural, verb and agent forms and drops stop words and numbers', () => {
    expect(stem('detectors')).toBe(stem('detection'))
    expect(stem('interceptors')).toBe(stem('interceptor'))
    expect(stem('jamming')).toBe(stem('jammers'))
    expect(tokenize('We need 500 RF detectors, fast!').map((t) => t.term)).toEqual(['rf', 'detect', 'fast'])
  })
})
