// Random instants for property-style calendar tests, half of them within hours of a zone's
// offset change (the hours calendar clients get wrong). Seeded, so a failure names a seed
// that reproduces it.
import { tzOffset } from '@date-fns/tz'

const HOUR_MS = 3600_000

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The instants in `year` when the zone's UTC offset changes, to the second. */
export function offsetChanges(timeZone: string, year: number): Date[] {
  const changes: Date[] = []
  const end = Date.UTC(year + 1, 0, 1)
  for (let day = Date.UTC(year, 0, 1); day < end; day += 24 * HOUR_MS) {
    if (tzOffset(timeZone, new Date(day)) === tzOffset(timeZone, new Date(day + 24 * HOUR_MS))) continue
    let [low, high] = [day, day + 24 * HOUR_MS]
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000
      if (tzOffset(timeZone, new Date(middle)) === tzOffset(timeZone, new Date(low))) low = middle
      else high = middle
    }
    changes.push(new Date(high))
  }
  return changes
}

export type TimeSample = { timeZone: string; start: Date; end: Date; nearChange: boolean }

/**
 * `count` items of 5 minutes to 4 hours in a random zone of `zones` and a random year: half
 * of them (where the zone changes offset that year) start within three hours of a change,
 * to the minute; the others at any second of the year.
 */
export function sampleTimes(options: { seed: number; zones: readonly string[]; firstYear: number; lastYear: number; count: number }): TimeSample[] {
  const { zones, firstYear, lastYear, count } = options
  const random = seededRandom(options.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const changesCache = new Map<string, Date[]>()
  const samples: TimeSample[] = []
  for (let index = 0; index < count; index++) {
    const timeZone = pick(zones)
    const year = firstYear + Math.floor(random() * (lastYear - firstYear + 1))
    const changesKey = `${timeZone}|${year}`
    if (!changesCache.has(changesKey)) changesCache.set(changesKey, offsetChanges(timeZone, year))
    const changes = changesCache.get(changesKey)!
    const nearChange = changes.length > 0 && random() < 0.5
    const startMs = nearChange
      ? pick(changes).getTime() + Math.round((random() * 6 - 3) * 60) * 60_000
      : Date.UTC(year, 0, 1) + Math.floor(random() * 365 * 24 * 3600) * 1000
    samples.push({ timeZone, start: new Date(startMs), end: new Date(startMs + (5 + Math.floor(random() * 235)) * 60_000), nearChange })
  }
  return samples
}
