// A thread script for the request thread's own tests (tests/integration/email-render-thread.test.ts):
// it answers, refuses, exits, outgrows its heap or tells its own niceness on request.
import { readlinkSync } from 'node:fs'
import os from 'node:os'
import { answerRequests } from '#app/lib/request-thread.server.ts'

export type ThreadTestRequest = { action: 'echo' | 'refuse' | 'exit' | 'outgrow-heap' | 'wait' | 'niceness'; value: string }

answerRequests<ThreadTestRequest, string>(async ({ action, value }) => {
  if (action === 'refuse') throw new Error(`refused ${value}`)
  if (action === 'exit') process.exit(3)
  if (action === 'niceness') return String(os.getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop())))
  if (action === 'wait') await new Promise((resolve) => setTimeout(resolve, Number(value)))
  if (action === 'outgrow-heap') {
    const hoard: number[][] = []
    for (;;) hoard.push(new Array<number>(100_000).fill(hoard.length))
  }
  return `echo ${value}`
})
