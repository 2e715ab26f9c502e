// One server per SQLite file: a second server is refused with a message naming PostgreSQL, and
// a claim left by a server that died is taken over.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { claimSqliteFile, DatabaseInUse } from '#app/lib/sqlite-instance-lock.server.ts'

let dir: string
let database: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-lock-'))
  database = path.join(dir, 'muster.db')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A process id nobody has: above Linux's highest (4,194,304). */
const GONE_PID = 4_194_999

describe('claiming a SQLite file for one server', () => {
  it('refuses a second server while the first runs, and lets it in once the first let go', () => {
    // The parent of this test process stands for the first server: it is running.
    const releaseFirst = claimSqliteFile(database, process.ppid)
    expect(() => claimSqliteFile(database, process.pid)).toThrow(DatabaseInUse)
    expect(() => claimSqliteFile(database, process.pid)).toThrow(/already serves .*muster\.db\. SQLite serves one server per database file; to run several, use PostgreSQL/)
    releaseFirst()
    const releaseSecond = claimSqliteFile(database, process.pid)
    expect(fs.readFileSync(`${database}.server.lock`, 'utf8')).toBe(String(process.pid))
    releaseSecond()
    expect(fs.existsSync(`${database}.server.lock`)).toBe(false)
  })

  it('takes over the claim of a server that died, and never removes another server’s claim', () => {
    fs.writeFileSync(`${database}.server.lock`, String(GONE_PID))
    const release = claimSqliteFile(database, process.pid)
    expect(fs.readFileSync(`${database}.server.lock`, 'utf8')).toBe(String(process.pid))
    // Someone else holds it now (e.g. an operator restarted a server by hand): this release leaves it.
    fs.writeFileSync(`${database}.server.lock`, String(process.ppid))
    release()
    expect(fs.readFileSync(`${database}.server.lock`, 'utf8')).toBe(String(process.ppid))
  })
})
