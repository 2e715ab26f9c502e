import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

const eventPath = '/events/counter-uas-industry-day-2027'

test('the events list leads to the demo Industry Day', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible()
  await page.getByRole('link', { name: /Counter-UAS Industry Day/i }).click()
  await expect(page).toHaveURL(eventPath)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Counter-UAS/i)
})

test('the event page shows the agenda by day in Brussels time', async ({ page }) => {
  await page.goto(eventPath)
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda' })).toBeVisible()
  await expect(page.getByText(/All times are CET/)).toBeVisible()
  await expect(page.getByRole('heading', { level: 3, name: /^Wednesday,? 24 March 2027$/ })).toBeVisible()
  await expect(page.getByRole('heading', { level: 3, name: /^Thursday,? 25 March 2027$/ })).toBeVisible()

  // The opening address starts at 09:00 Brussels time, which is 08:00 UTC in March 2027.
  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Opening address/i }) })
  await expect(opening.locator('time')).toHaveText(/^09:00–/)
  await expect(opening.locator('time')).toHaveAttribute('datetime', '2027-03-24T08:00:00.000Z')
})

test('a viewer in another zone also sees their own time', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' })
  const page = await context.newPage()
  await page.goto(eventPath)
  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Opening address/i }) })
  await expect(opening.locator('time')).toHaveText(/^09:00–/)
  // 08:00 UTC is 04:00 in New York (EDT from 14 March 2027).
  await expect(opening.getByText(/Your time: 04:00–\d\d:\d\d EDT/)).toBeVisible()
  await context.close()
})

test('the track filter works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(eventPath)
  const filters = page.getByRole('navigation', { name: 'Filter the agenda by track' })
  const defeat = filters.getByRole('link', { name: /Defeat/ })
  await defeat.click()
  await expect(page).toHaveURL(/\?track=/)
  await expect(filters.getByRole('link', { name: /Defeat/ })).toHaveAttribute('aria-current', 'true')
  const tracksShown = await page.locator('.session__track').allTextContents()
  expect(tracksShown.length).toBeGreaterThan(0)
  expect(new Set(tracksShown)).toEqual(new Set([await defeat.textContent().then((t) => t?.trim())]))
  await context.close()
})

test('an unknown event answers 404 with a helpful page', async ({ page }) => {
  const response = await page.goto('/events/no-such-event')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
})

test('the event page and the events list have no accessibility violations', async ({ page }) => {
  for (const path of ['/', eventPath]) {
    await page.goto(path)
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations, `${path}: ${results.violations.map((v) => v.id).join(', ')}`).toEqual([])
  }
})

test('the health endpoint reports the database', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true, provider: 'sqlite' } })
})
