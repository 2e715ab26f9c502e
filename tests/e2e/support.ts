// Helpers for browser tests: the e2e server's database (data/e2e.db, see playwright.config.ts)
// and a ready-made session for a seeded person, so tests that are not about sign-in skip it.
import { expect, type BrowserContext, type Page } from '@playwright/test'
import { createDbClient, type Db } from '#app/lib/db-client.server.ts'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { demoSlug } from '#tests/support/demo.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'

export const e2eDatabaseUrl = 'file:./data/e2e.db'
export const demoEventPath = `/events/${demoSlug}`

export const demoStaff = {
  owner: 'ingrid.halvorsen@defence-investment.example',
  organiser: 'mathieu.laurent@defence-investment.example',
  vettingOfficer: 'aino.virtanen@defence-investment.example',
  checkIn: 'jonas.peeters@defence-investment.example',
}

export async function withE2eDatabase<T>(work: (db: Db) => Promise<T>) {
  const db = await createDbClient(e2eDatabaseUrl)
  try {
    return await work(db)
  } finally {
    await db.$disconnect()
  }
}

/**
 * Opens `path` and waits until React has hydrated it (app/root.tsx marks the document), so what
 * the test types or picks next is not reset by hydration.
 */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path)
  await waitForHydration(page)
  return response
}

/** After a click that may have loaded a new document (a link followed before hydration): waits until React has taken over the page shown. */
export async function waitForHydration(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

export async function signInAs(context: BrowserContext, baseURL: string, email: string) {
  const token = await withE2eDatabase(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
    return (await createSession(db, user.id, { userAgent: 'Playwright' })).token
  })
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
}

/** Opens the newest sign-in email for `email` in the development mailbox and reads the code. */
export async function readSignInCode(page: Page, email: string) {
  const message = page.getByRole('link', { name: new RegExp(`sign in.*${email.replace(/[.+]/g, '\\$&')}`, 'i') }).first()
  // The message is written in the same transaction as the request; look until it is listed.
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`)
    await expect(message).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await message.click()
  const text = await page.getByLabel(/text version/i).textContent()
  const code = text?.match(/\b(\d{6})\b/)?.[1]
  expect(code, 'a six-digit code in the sign-in email').toBeTruthy()
  return code!
}

/** Signs in the way a person does: from a page that needs it, through the emailed code, and back. */
export async function signInThroughEmail(page: Page, email: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const verifyUrl = page.url()
  const code = await readSignInCode(page, email)
  await page.goto(verifyUrl)
  await page.getByLabel('Six-digit code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * Opens the newest message for `email` whose subject matches in the development mailbox and
 * returns its attached invite (downloaded as sent, read back with ical.js) and its text version.
 */
export async function readInvite(page: Page, email: string, subject: RegExp) {
  const link = page.getByRole('link', { name: subject }).first()
  // The worker delivers from the outbox on its own schedule: look until the message is listed.
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`)
    await expect(link).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await link.click()
  const href = await page.getByRole('link', { name: 'Download invite.ics' }).getAttribute('href')
  const text = (await page.getByLabel(/text version/i).textContent()) ?? ''
  return { calendar: readWithIcalJs(await (await page.request.get(href!)).text()), text }
}
