// For a test file that calls route modules (callRoute): a fresh SQLite database, prepared by
// the file and then made the app's own (the app's env and db accessor read DATABASE_URL when
// first imported, so nothing may import them before), and signed-in sessions on it.
import { afterAll, beforeAll } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import { createTestDatabase, type TestDatabase } from './databases.ts'

export function setUpRouteDatabase(prepare: (db: Db) => Promise<void>) {
  const state: { test: TestDatabase | null; sessions: typeof import('#app/lib/session.server.ts') | null } = { test: null, sessions: null }
  beforeAll(async () => {
    state.test = await createTestDatabase('sqlite')
    await prepare(state.test.db)
    process.env.DATABASE_URL = state.test.url
    state.sessions = await import('#app/lib/session.server.ts')
  })
  afterAll(async () => {
    const { db } = await import('#app/lib/db.server.ts')
    await db.$disconnect()
    await state.test?.cleanup()
  })
  return {
    get db() {
      return state.test!.db
    },
    /** The Cookie header of a new session for `userId`. */
    async sessionCookie(userId: string) {
      const { createSession, SESSION_COOKIE_NAME } = state.sessions!
      return `${SESSION_COOKIE_NAME}=${(await createSession(state.test!.db, userId)).token}`
    },
  }
}
