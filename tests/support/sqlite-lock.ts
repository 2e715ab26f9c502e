// Another process's hold on a SQLite file's write lock (a script, a backup), for tests of what the
// app answers meanwhile. The holder runs in a worker thread: better-sqlite3 waits for a lock
// synchronously, so a holder in the test's own thread would freeze the writes it should block.
import { Worker } from 'node:worker_threads'

const holderSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require('better-sqlite3')
const database = new Database(workerData.file)
database.prepare('BEGIN IMMEDIATE').run()
parentPort.postMessage('holding')
parentPort.once('message', () => {
  database.prepare('ROLLBACK').run()
  database.close()
  parentPort.postMessage('released')
})
`

/** Takes the write lock of the SQLite file at `url` (file:…) and keeps it until the returned function is called. */
export async function holdSqliteWriteLock(url: string): Promise<() => Promise<void>> {
  const holder = new Worker(holderSource, { eval: true, workerData: { file: url.replace(/^file:/, '') } })
  await new Promise((resolve, reject) => {
    holder.once('message', resolve)
    holder.once('error', reject)
  })
  return async () => {
    const released = new Promise((resolve) => holder.once('message', resolve))
    holder.postMessage('release')
    await released
    await holder.terminate()
  }
}
