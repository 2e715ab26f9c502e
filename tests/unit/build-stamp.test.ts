// `npm start` builds again exactly when a file the build is made from changed (scripts/build-stamp.ts):
// an edit, a new file, a deleted one or a rename; never for the database, the tests or the build.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildInputs, hashBuildInputs } from '#scripts/build-stamp.ts'

let root: string

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  fs.writeFileSync(path.join(root, file), content)
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-build-stamp-'))
  write('app/root.tsx', 'export default function Root() {}')
  write('app/routes/home.tsx', 'export default function Home() {}')
  write('emails/sign-in.tsx', 'export function SignIn() {}')
  write('public/favicon.svg', '<svg/>')
  write('package-lock.json', '{}')
  write('vite.config.ts', 'export default {}')
})

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true })
})

describe('the build stamp', () => {
  it('is the same for the same sources, whatever else changes beside them', () => {
    const built = hashBuildInputs(root)
    expect(hashBuildInputs(root)).toBe(built)
    write('data/muster.db', 'rows')
    write('build/server/index.js', 'bundle')
    write('tests/unit/new.test.ts', 'test')
    write('README.md', 'words')
    expect(hashBuildInputs(root)).toBe(built)
  })

  it('changes with an edit, a new file, a deleted file, a rename and a changed configuration', () => {
    const seen = new Set([hashBuildInputs(root)])
    const changes = [
      () => write('app/routes/home.tsx', 'export default function Home() { return null }'),
      () => write('app/routes/about.tsx', 'export default function About() {}'),
      () => fs.rmSync(path.join(root, 'emails/sign-in.tsx')),
      () => fs.renameSync(path.join(root, 'app/routes/about.tsx'), path.join(root, 'app/routes/about-us.tsx')),
      () => write('package-lock.json', '{"lockfileVersion": 3}'),
      () => write('prisma/sqlite/schema.prisma', 'model Event {}'),
      () => write('react-router.config.ts', 'export default { ssr: true }'),
      () => write('package.json', '{"imports": {"#app/*": "./app/*"}}'),
    ]
    for (const change of changes) {
      change()
      const hash = hashBuildInputs(root)
      expect(seen.has(hash)).toBe(false)
      seen.add(hash)
    }
  })

  it('tells apart the same content under two names', () => {
    write('app/a.ts', 'same')
    const before = hashBuildInputs(root)
    fs.renameSync(path.join(root, 'app/a.ts'), path.join(root, 'app/b.ts'))
    expect(hashBuildInputs(root)).not.toBe(before)
  })

  it('covers every folder the app and its emails import from', () => {
    const imported = new Set<string>()
    const visit = (entry: string) => {
      if (fs.statSync(entry).isDirectory()) return fs.readdirSync(entry).forEach((child) => visit(path.join(entry, child)))
      if (!/\.tsx?$/.test(entry)) return
      for (const [, folder] of fs.readFileSync(entry, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'#([a-z]+)\//g)) imported.add(folder!)
    }
    visit('app')
    visit('emails')
    expect([...imported].sort()).toEqual(['app', 'emails', 'prisma'])
    for (const folder of imported) expect(buildInputs).toContain(folder)
  })
})
