// Helpers for browser tests: the e2e server's database (data/e2e.db, see playwright.config.ts)
// and a ready-made session for a seeded person, so tests that are not about sign-in skip it.
import type { BrowserContext } from '@playwright/test'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'

export const e2eDatabaseUrl = 'file:./data/e2e.db'
export const demoEventPath = '/events/counter-uas-industry-day-2027'

export const demoStaff = {
  owner: 'ingrid.halvorsen@defence-investment.example',
  organiser: 'mathieu.laurent@defence-investment.example',
  vettingOfficer: 'aino.virtanen@defence-investment.example',
  checkIn: 'jonas.peeters@defence-investment.example',
}

export async function withE2eDatabase<T>(work: (db: Db) => Promise<T>) {
  const db = await createDbClient(e2eDatabaseUrl)
  try {
    return await work(db)
  } finally {
    await db.$disconnect()
  }
}

export async function signInAs(context: BrowserContext, baseURL: string, email: string) {
  const token = await withE2eDatabase(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
    return (await createSession(db, user.id, { userAgent: 'Playwright' })).token
  })
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
}
