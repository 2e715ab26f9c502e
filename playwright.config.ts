// Browser tests run against the production build served by `npm start`, on a fresh SQLite
// file seeded with the demo Industry Day, in Debian's Chromium (no browser download).
import { defineConfig, devices } from '@playwright/test'
import { chromiumExecutablePath } from './tests/support/chromium.ts'

const port = Number(process.env.E2E_PORT ?? 3210)
const baseURL = `http://localhost:${port}`

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry in CI, reported as "flaky" in the output: the suite shares one seeded database on two cores.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumExecutablePath(),
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm && npm start',
    url: `${baseURL}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    // Warnings and errors only: one JSON line per request would bury the test report.
    env: { DATABASE_URL: 'file:./data/e2e.db', PORT: String(port), LOG_LEVEL: 'warn' },
  },
})
