import { databaseProvider, db } from './db.server.ts'

export async function checkDatabase() {
  const started = performance.now()
  try {
    await db.$queryRawUnsafe('SELECT 1')
    return { ok: true, provider: databaseProvider(), latencyMs: Math.round(performance.now() - started) }
  } catch {
    return { ok: false, provider: databaseProvider(), latencyMs: Math.round(performance.now() - started) }
  }
}
