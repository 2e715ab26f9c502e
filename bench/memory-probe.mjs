// Loaded into the server by bench/memory.ts (node --import): writes the process's own view of
// its memory (V8 heap committed and used, external buffers) to MEMORY_PROBE_FILE twice a second.
import fs from 'node:fs'
import process from 'node:process'
import { setInterval } from 'node:timers'
import v8 from 'node:v8'

const file = process.env.MEMORY_PROBE_FILE
if (file) {
  setInterval(() => {
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, Math.round(space.physical_space_size / 1048576)]))
    fs.writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), spaces }))
  }, 500).unref()
}
