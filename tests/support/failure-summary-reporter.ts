// Writes what went wrong in a vitest run (failed tests with their first error, errors in a
// file's or a suite's setup, unhandled errors, and tests that passed only on their retry) to
// one text file, which `npm test` prints last (scripts/test.ts): in CI the browser suite's
// output follows vitest's, and a log kept only from its end would otherwise not say what failed.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import type { Reporter, TestModule } from 'vitest/node'

export const failureSummaryPath = 'data/test/vitest-failures.txt'

type ReportedError = { name?: string; message?: string; stack?: string; diff?: string }

const indent = (lines: string[]) => lines.map((line) => `    ${line}`).join('\n')

/** The message, the expected/received difference and the project's own stack frames, briefly. */
function describeError(error: ReportedError) {
  const message = `${error.name ?? 'Error'}: ${error.message ?? String(error)}`.split('\n').slice(0, 8)
  const diff = error.diff ? stripVTControlCharacters(error.diff).split('\n').slice(0, 12) : []
  const ownFrames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at ') && !line.includes('node_modules') && !line.includes('node:internal') && !line.includes('<anonymous>'))
    .slice(0, 4)
    .map((line) => line.trim())
  return indent([...message, ...diff, ...ownFrames])
}

export default class FailureSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<ReportedError>) {
    const failed: string[] = []
    const flaky: string[] = []
    for (const testModule of testModules) {
      const file = path.relative(process.cwd(), testModule.moduleId)
      for (const error of testModule.errors()) failed.push(`${file} (while loading or setting up the file)\n${describeError(error)}`)
      for (const suite of testModule.children.allSuites()) {
        for (const error of suite.errors()) failed.push(`${file} › ${suite.fullName} (in its setup or teardown)\n${describeError(error)}`)
      }
      for (const test of testModule.children.allTests()) {
        const result = test.result()
        const [firstError] = result.errors ?? []
        if (!firstError) continue
        const entry = `${file} › ${test.fullName}\n${describeError(firstError)}`
        if (result.state === 'passed') flaky.push(entry)
        else failed.push(entry)
      }
    }
    for (const error of unhandledErrors) failed.push(`an unhandled error\n${describeError(error)}`)
    const sections = [
      flaky.length > 0 ? `Vitest: ${flaky.length} test(s) failed once and passed on the retry (flaky):\n${flaky.join('\n')}` : '',
      failed.length > 0 ? `Vitest: ${failed.length} failure(s):\n${failed.join('\n')}` : '',
    ].filter(Boolean)
    mkdirSync(path.dirname(failureSummaryPath), { recursive: true })
    writeFileSync(failureSummaryPath, sections.length > 0 ? `${sections.join('\n\n')}\n` : '')
  }
}
