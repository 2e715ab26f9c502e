// A person reads and downloads everything Muster holds about them, then erases their account:
// signed out, told so, and the address can no longer sign in to the old account.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { signInThroughEmail, withE2eDatabase } from './support.ts'

test('a person downloads their data and erases their account', async ({ page }) => {
  const email = `privacy.${Date.now()}@example.org`
  await page.goto('/account')
  await signInThroughEmail(page, email)
  await expect(page).toHaveURL(/\/account$/)

  await page.getByRole('link', { name: /see everything we hold|your data/i }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible()
  await expect(page.getByText(email).first()).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: /download/i }).first().click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.json$/)

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    for (const path of ['/account/data', '/account/erase']) {
      await page.goto(path)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} at ${width}`).toBe(true)
      await page.screenshot({ path: `test-results/screens/${path.slice(1).replace('/', '-')}-${width}.png`, fullPage: true })
    }
  }

  await page.goto('/account/erase')
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  await page.getByLabel('Your email address').fill('someone.else@example.org')
  await page.getByRole('button', { name: /erase/i }).click()
  await expect(page.getByText('That is not the email address of this account')).toBeVisible()
  await page.getByLabel('Your email address').fill(email)
  await page.getByRole('button', { name: /erase/i }).click()
  await expect(page.getByRole('status')).toHaveText(/Your account is erased and you are signed out/)
  expect(await withE2eDatabase((db) => db.user.count({ where: { email } }))).toBe(0)
  await page.goto('/account')
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/)
})
