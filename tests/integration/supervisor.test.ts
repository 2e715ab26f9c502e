// The supervisor `npm start` runs the server under (scripts/supervise.ts): a child that dies is
// started again after saying why, one that is stopped on purpose is not.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { supervise } from '../../scripts/supervise.ts'

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-supervisor-'))
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }))

/** A child that crashes (exit 3) on its first run and then keeps running, counting its starts. */
function crashOnceScript() {
  const counter = path.join(workDir, `starts-${Math.random().toString(36).slice(2)}`)
  const script = path.join(workDir, 'crash-once.cjs')
  fs.writeFileSync(
    script,
    `const fs = require('node:fs'); const file = process.argv[2];
     const starts = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1; fs.writeFileSync(file, String(starts));
     if (starts === 1) process.exit(3); setInterval(() => {}, 1000);`,
  )
  return { script, counter, starts: () => (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the server supervisor', () => {
  it('restarts a crashed server, logging why, and stops it for good on a signal', async () => {
    const child = crashOnceScript()
    const lines: string[] = []
    const supervisor = supervise(process.execPath, [child.script, child.counter], { stdio: 'ignore' }, { log: (line) => lines.push(line), minDelayMs: 10 })
    await waitFor(() => child.starts() === 2 && supervisor.restarts === 1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'server stopped', why: 'exited with code 3', restartInMs: 10 })

    // Killed from outside (an out-of-memory kill looks like this): started again too.
    process.kill(supervisor.pid!, 'SIGKILL')
    await waitFor(() => child.starts() === 3)
    expect(lines[1]).toContain('was killed by SIGKILL')

    await supervisor.stop()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(child.starts()).toBe(3)
    expect(lines).toHaveLength(2)
  })
})
