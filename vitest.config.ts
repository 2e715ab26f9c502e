// Vitest runs without the React Router Vite plugin (it must not load under tests).
import { defineConfig } from 'vitest/config'

// One reference day for the whole run: the demo seeded in any test and the dates the tests
// expect agree even across midnight (seeds/demo-timeline.ts). Set it to replay another day.
process.env.DEMO_REFERENCE_DATE ??= new Date().toISOString().slice(0, 10)

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    reporters: ['default', './tests/support/failure-summary-reporter.ts'],
    environment: 'node',
    env: { DEMO_REFERENCE_DATE: process.env.DEMO_REFERENCE_DATE },
    testTimeout: 30_000,
    // One retry in CI, as Playwright has: a test that passes only on it is listed as flaky at
    // the end of `npm test` (scripts/test.ts), so it is seen and mended, not lost in the log.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
    // Integration files each create their own databases; two workers match the machine's cores.
    pool: 'forks',
    maxWorkers: 2,
  },
})
