// Makes a person a platform administrator, so a fresh installation can be taken over without
// touching the database: `npm run admin:grant -- ada@agency.example`. The account is created
// if the person has never signed in; they sign in with that address as usual. Acts on
// DATABASE_URL (default file:./data/muster.db) and brings its schema up to date first.
import { z } from 'zod'
import { grantPlatformRole } from '#app/domain/platform/platform-roles.server.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { isDomainError } from '#app/lib/domain-error.ts'
import { parseEnv } from '#app/lib/env.server.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'

const EmailArgument = z.email({ error: 'Give the person’s email address: npm run admin:grant -- ada@agency.example' }).trim().toLowerCase()

async function main() {
  const email = EmailArgument.safeParse(process.argv[2])
  if (!email.success) {
    console.error(email.error.issues[0]?.message)
    process.exitCode = 2
    return
  }
  const env = parseEnv(process.env)
  await deployMigrations(env.DATABASE_URL)
  const db = await createDbClient(env.DATABASE_URL)
  try {
    await grantPlatformRole(db, { actorId: null, email: email.data, role: 'ADMIN' })
    console.log(`${email.data} is a platform administrator. They sign in with that address and open /admin.`)
  } catch (error) {
    if (!isDomainError(error)) throw error
    // Already an administrator is what was asked for.
    const held = error.code === 'already-held'
    console[held ? 'log' : 'error'](error.message)
    process.exitCode = held ? 0 : 1
  } finally {
    await db.$disconnect()
  }
}

await main()
