// What the benchmarks share: waiting for a freshly started production server to answer, and
// reading its peak memory.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'

export async function waitForHealthy(url: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} never became healthy`)
}

/** The peak resident memory (VmHWM, Linux) of a server the benchmark started, in MB. */
export function readPeakRssMb(server: ChildProcess) {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const kilobytes = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0)
  return Math.round(kilobytes / 1024)
}
