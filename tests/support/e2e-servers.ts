// Where the browser tests' two servers listen (playwright.config.ts starts them): the demo
// Industry Day on E2E_PORT, a fresh installation (an empty database and one administrator) on
// the port after it.
export const e2ePort = Number(process.env.E2E_PORT ?? 3210)
export const demoURL = `http://localhost:${e2ePort}`
export const freshInstallURL = `http://localhost:${e2ePort + 1}`
export const freshInstallAdministrator = 'admin@fresh-install.example'
