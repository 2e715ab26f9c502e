// What `npm start` compares to decide whether to build again (scripts/start.ts): a hash of
// every file the production build is made from, with its path, so that an edit, a new file, a
// deleted one or a rename each ask for a new build, and nothing else (the database, the tests,
// the build itself) does.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

// package.json too: its import map (#app/*, …) is part of how the build resolves modules.
export const buildInputs = ['app', 'emails', 'prisma', 'public', 'react-router.config.ts', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json']

/** The hash of the build's inputs under `root`, in a stable order. */
export function hashBuildInputs(root = '.') {
  const hash = createHash('sha256')
  const visit = (entry: string) => {
    const file = path.join(root, entry)
    if (!fs.existsSync(file)) return
    if (fs.statSync(file).isDirectory()) {
      for (const child of fs.readdirSync(file).sort()) visit(path.join(entry, child))
    } else {
      hash.update(entry).update('\0').update(fs.readFileSync(file))
    }
  }
  buildInputs.forEach(visit)
  return hash.digest('hex')
}
