// `npm start`, first part: migrate, seed the demo when the database is empty, build when the
// sources changed since the last build, and bundle the supervisor (scripts/serve.ts) into
// build/serve.js. Then this process exits and `npm start` runs `node build/serve.js`, which
// serves (restarting the server if it crashes). Safe to run again and again.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseEnv } from '#app/lib/env.server.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { build as bundle } from 'esbuild'
import { hashBuildInputs } from './build-stamp.ts'

const env = parseEnv(process.env)
const buildDir = path.resolve('build')
const buildStampPath = path.join(buildDir, 'source-hash.txt')

async function main() {
  const started = performance.now()
  const applied = await deployMigrations(env.DATABASE_URL)
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date')

  const db = await createDbClient(env.DATABASE_URL)
  try {
    const seed = await seedDatabase(db, { ifEmpty: true })
    console.log(seed.seeded ? `Seeded the demo Industry Day in ${seed.durationMs} ms` : 'Database already has events: not seeding')
  } finally {
    await db.$disconnect()
  }

  const sourceHash = hashBuildInputs()
  const builtHash = fs.existsSync(buildStampPath) ? fs.readFileSync(buildStampPath, 'utf8') : null
  if (builtHash !== sourceHash || !fs.existsSync(path.join(buildDir, 'server', 'index.js'))) {
    console.log('Building the app…')
    await run('npx', ['react-router', 'build'])
    fs.writeFileSync(buildStampPath, sourceHash)
  } else {
    console.log('Build is up to date')
  }
  await bundle({ entryPoints: ['scripts/serve.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: path.join(buildDir, 'serve.js'), logLevel: 'warning' })
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s; starting the server`)
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
