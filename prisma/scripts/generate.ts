// Writes each provider's schema from prisma/models.prisma and generates its client.
// `--check` only verifies that the committed schemas match the models (used by the drift test
// and CI), exiting 1 when one has drifted.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { modelsPath, prismaDir, providers, renderSchema, schemaPath } from '../providers.ts'

const checkOnly = process.argv.includes('--check')
const models = fs.readFileSync(modelsPath, 'utf8')
let drifted = false

for (const provider of providers) {
  const file = schemaPath(provider)
  const expected = renderSchema(provider, models)
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
  if (checkOnly) {
    if (current !== expected) {
      console.error(`${path.relative(process.cwd(), file)} differs from prisma/models.prisma: run npm run prisma:generate`)
      drifted = true
    }
    continue
  }
  if (current !== expected) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, expected)
  }
  execFileSync('npx', ['prisma', 'generate', '--schema', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: path.dirname(prismaDir),
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
  console.log(`Generated the ${provider} client`)
}

if (drifted) process.exit(1)
