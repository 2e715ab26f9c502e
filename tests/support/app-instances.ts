// For a describe block that proves a promise across app instances: a fresh migrated database
// and the clients that share it, one on SQLite (the embedded mode runs one instance per file)
// and two with their own connection pools on PostgreSQL (two app instances), made before the
// block's tests and dropped after.
import { afterAll, beforeAll } from 'vitest'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import type { Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from './databases.ts'

export function useAppInstances(provider: Provider) {
  const state: { test: TestDatabase | null; instances: Db[] } = { test: null, instances: [] }
  beforeAll(async () => {
    state.test = await createTestDatabase(provider)
    state.instances.push(state.test.db)
    if (provider === 'postgresql') state.instances.push(await createDbClient(state.test.url))
  })
  afterAll(async () => {
    for (const extra of state.instances.slice(1)) await extra.$disconnect()
    state.instances.length = 0
    await state.test?.cleanup()
  })
  return {
    /** The first instance's client, for setting up and checking rows. */
    get db() {
      return state.test!.db
    },
    get url() {
      return state.test!.url
    },
    instances: state.instances as readonly Db[],
    /** Spreads requests over the instances: request i goes to instance i mod n. */
    instance: (index: number) => state.instances[index % state.instances.length]!,
  }
}
