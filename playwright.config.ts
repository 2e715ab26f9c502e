// Browser tests run against the production build served by `npm start`, on a fresh SQLite
// file seeded with the demo Industry Day, and against a fresh installation (an empty database
// and one administrator) serving the same build, in Debian's Chromium (no browser download).
import { defineConfig, devices } from '@playwright/test'
import { chromiumExecutablePath } from './tests/support/chromium.ts'
import { demoURL, e2ePort, freshInstallURL } from './tests/support/e2e-servers.ts'

// One reference day for the run: the demo server seeds for it and the tests expect its dates
// (tests/support/demo.ts), even across midnight. Set it to replay another day.
process.env.DEMO_REFERENCE_DATE ??= new Date().toISOString().slice(0, 10)

const port = e2ePort
const baseURL = demoURL

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry in CI, reported as "flaky" in the output: the suite shares one seeded database on two cores.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // Generous: on a loaded two-core machine a test runs two to three times slower than alone.
  timeout: 120_000,
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
  webServer: [
    {
      command: 'rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm && npm start',
      url: `${baseURL}/healthz`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      // Warnings and errors only: one JSON line per request would bury the test report.
      env: { DATABASE_URL: 'file:./data/e2e.db', PORT: String(port), LOG_LEVEL: 'warn', DEMO_REFERENCE_DATE: process.env.DEMO_REFERENCE_DATE },
    },
    {
      command: 'npx tsx tests/support/fresh-install-server.ts',
      url: `${freshInstallURL}/healthz`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { E2E_MAIN_URL: baseURL, PORT: String(port + 1), LOG_LEVEL: 'warn' },
    },
  ],
})
