// Vitest runs without the React Router Vite plugin (it must not load under tests).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each create their own databases; two workers match the machine's cores.
    pool: 'forks',
    maxWorkers: 2,
  },
})
