// Fixed-window rate limits counted in the database, so a limit holds across app instances.
import { isUniqueViolation, type Db } from './db-client.server.ts'

export type RateLimitRule = { limit: number; windowMs: number }
export type RateLimitResult = { allowed: boolean; hits: number; retryAfterMs: number }

const staleWindowAgeMs = 24 * 60 * 60 * 1000

/** Counts one hit against `key` and says whether it is within the rule. */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs)
  const hits = await incrementWindow(db, key, windowStart)
  if (hits === 1) {
    // First hit of a new window: a cheap moment to forget windows nobody needs any more.
    await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - staleWindowAgeMs) } } })
  }
  const retryAfterMs = windowStart.getTime() + rule.windowMs - now.getTime()
  return { allowed: hits <= rule.limit, hits, retryAfterMs: hits <= rule.limit ? 0 : retryAfterMs }
}

async function incrementWindow(db: Db, key: string, windowStart: Date) {
  const upsert = () =>
    db.rateLimitWindow.upsert({
      where: { key_windowStart: { key, windowStart } },
      create: { key, windowStart, hits: 1 },
      update: { hits: { increment: 1 } },
      select: { hits: true },
    })
  try {
    return (await upsert()).hits
  } catch (error) {
    // Two instances creating the same window at once: one insert loses; the row exists now.
    if (isUniqueViolation(error)) return (await upsert()).hits
    throw error
  }
}
