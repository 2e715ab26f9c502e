// Every test fails on an unexpected console.error: errors must be asserted, not printed.
import { afterEach, beforeEach, vi } from 'vitest'

let consoleErrors: unknown[][] = []

beforeEach(() => {
  consoleErrors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args)
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (consoleErrors.length > 0) {
    const printed = consoleErrors.map((args) => args.map(String).join(' ')).join('\n')
    throw new Error(`console.error was called during the test:\n${printed}`)
  }
})
