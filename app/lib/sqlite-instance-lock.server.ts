// SQLite is the embedded engine: one server per database file. Two processes on one file block
// each other (better-sqlite3 waits for the file's write lock synchronously, freezing the whole
// instance, then fails with a timeout), so a second server on the same file refuses to start
// and says to use PostgreSQL. The claim is a lock file holding the server's process id; one left
// by a server that died (its process is gone) is taken over.
import fs from 'node:fs'

export class DatabaseInUse extends Error {
  override name = 'DatabaseInUse'
}

/** Claims the SQLite file at `filePath` for this process; returns the function that lets it go. */
export function claimSqliteFile(filePath: string, pid = process.pid): () => void {
  const lockPath = `${filePath}.server.lock`
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(pid), { flag: 'wx' })
      return () => {
        if (readHolder(lockPath) === pid) fs.rmSync(lockPath, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readHolder(lockPath)
    if (holder !== null && holder !== pid && isRunning(holder)) {
      throw new DatabaseInUse(
        `Another Muster server (process ${holder}) already serves ${filePath}. SQLite serves one server per database file; to run several, use PostgreSQL (DATABASE_URL=postgresql://…).`,
      )
    }
    // Left by a server that is gone (or by this very process): take it over.
    fs.rmSync(lockPath, { force: true })
  }
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
