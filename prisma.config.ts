import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Every prisma CLI command first tries to download the native schema engine; pointing at an
// existing file skips that. Migrations run through prisma/scripts/migrate.ts instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('prisma/scripts/schema-engine-stub.sh')

export default defineConfig({
  schema: 'prisma/sqlite/schema.prisma',
})
