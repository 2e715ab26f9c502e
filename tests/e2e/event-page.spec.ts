import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { formatTime, zoneAbbreviation } from '#app/lib/time.ts'
import { demo, longDayPattern, shortDay } from '#tests/support/demo.ts'
import { demoEventPath, signInAs } from './support.ts'

const eventPath = demoEventPath
const [dayOne, dayTwo] = [new RegExp(`^${longDayPattern(1)}$`), new RegExp(`^${longDayPattern(2)}$`)]
const opensAt = demo.eventDayTime(1, '09:00')

test('the events list leads to the demo Industry Day', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible()
  await page.getByRole('link', { name: /Counter-UAS Industry Day/i }).click()
  await expect(page).toHaveURL(eventPath)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Counter-UAS/i)
})

test('the event page sums up each day of the agenda in Brussels time and leads to it', async ({ page }) => {
  await page.goto(eventPath)
  const agenda = page.getByRole('region', { name: 'Agenda' })
  await expect(agenda.getByText(`All times are ${zoneAbbreviation(opensAt, demo.timeZone)}`)).toBeVisible()
  await expect(agenda.getByRole('heading', { level: 3, name: dayOne })).toBeVisible()
  await expect(agenda.getByRole('heading', { level: 3, name: dayTwo })).toBeVisible()
  // Counts per day (other specs add breakouts to the shared demo), and a few plenaries, not every session.
  const firstDay = page.getByRole('region', { name: dayOne })
  await expect(firstDay.getByText(/^\d+ sessions: 5 plenaries, 1 panel, \d+ breakouts, 1 B2B meeting window\.$/)).toBeVisible()
  await expect(firstDay.getByRole('article')).toHaveCount(3)
  await expect(agenda.getByRole('heading', { name: 'Detect, track and identify' })).toHaveCount(0)

  // The opening address starts at 09:00 Brussels time, stored as its instant in UTC.
  const opening = firstDay.getByRole('article').filter({ has: page.getByRole('heading', { name: /Opening address/i }) })
  await expect(opening.locator('time')).toHaveText(/^09:00–/)
  await expect(opening.locator('time')).toHaveAttribute('datetime', opensAt.toISOString())
  await page.screenshot({ path: '/tmp/muster-shots/event-page.png', fullPage: true })

  await page.getByRole('region', { name: dayTwo }).getByRole('link', { name: new RegExp(`^See all \\d+ on ${shortDay(2)}$`) }).click()
  await expect(page).toHaveURL(`${eventPath}/agenda?day=${demo.dayKey(2)}`)
  await expect(page.getByRole('navigation', { name: 'Days' }).getByRole('link', { name: new RegExp(`^Day 2 · ${shortDay(2)} · \\d+ sessions$`) })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { name: 'Closing remarks' })).toBeVisible()
})

test('a viewer in another zone also sees their own time', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' })
  const page = await context.newPage()
  await page.goto(eventPath)
  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Opening address/i }) })
  await expect(opening.locator('time')).toHaveText(/^09:00–/)
  const inNewYork = `Your time: ${formatTime(opensAt, 'America/New_York')}–`
  await expect(opening.getByText(new RegExp(`${inNewYork}\\d\\d:\\d\\d ${zoneAbbreviation(opensAt, 'America/New_York')}`))).toBeVisible()
  await context.close()
})

test('each track leads to its sessions on every day of the agenda, without JavaScript too', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(eventPath)
  await page.getByRole('navigation', { name: 'The agenda by track' }).getByRole('link', { name: 'Industry & Production' }).click()
  await expect(page).toHaveURL(`${eventPath}/agenda?track=industry-production&day=all`)
  await expect(page.getByRole('group', { name: 'Track' }).getByLabel('Industry & Production')).toBeChecked()
  const tracksShown = await page.locator('.session__track').allTextContents()
  expect(tracksShown.length).toBeGreaterThan(0)
  expect(new Set(tracksShown)).toEqual(new Set(['Industry & Production']))
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

test('liveness answers from the process, readiness reports the database', async ({ request }) => {
  const live = await request.get('/healthz')
  expect(live.status()).toBe(200)
  expect(await live.json()).toMatchObject({ status: 'ok', seatWrites: { running: 0, waiting: 0 } })
  const ready = await request.get('/readyz')
  expect(ready.status()).toBe(200)
  expect(await ready.json()).toMatchObject({ status: 'ok', database: { ok: true, provider: 'sqlite' } })
})

test('an approved attendee sees where they stand and a link to their badge, not the registration call to action', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, 'kadri.tamm@hornet.example')
  await page.goto(demoEventPath)
  const registration = page.getByRole('definition').filter({ hasText: 'You are registered' })
  await expect(registration).toBeVisible()
  await expect(page.getByText(/Join the waiting list/)).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Register', exact: true })).toHaveCount(0)
  await registration.getByRole('link', { name: 'My badge' }).click()
  await expect(page).toHaveURL(new RegExp(`${demoEventPath}/registration$`))
})

test('the page shared by anonymous visitors never carries a signed-in person’s parts, nor they another’s', async ({ browser, baseURL, request }) => {
  // An anonymous visit fills the cache for the event page, the agenda and a session.
  const agendaPath = `${demoEventPath}/agenda`
  for (const path of [demoEventPath, agendaPath]) expect((await request.get(path)).headers()['cache-control']).toBe('public, no-cache')

  const kadri = await browser.newContext()
  await signInAs(kadri, baseURL!, 'kadri.tamm@hornet.example')
  const page = await kadri.newPage()
  const response = await page.goto(demoEventPath)
  expect(response!.headers()['cache-control']).toBe('private, no-store')
  await expect(page.getByRole('definition').filter({ hasText: 'You are registered' })).toBeVisible()
  await page.goto(agendaPath)
  await expect(page.getByRole('link', { name: 'My agenda' }).first()).toBeVisible()

  // Anonymous visitors after her: the shared page, without her name or her standing.
  for (const path of [demoEventPath, agendaPath]) {
    const html = await (await request.get(path)).text()
    expect(html).toContain('href="/sign-in"')
    expect(html).not.toContain('kadri.tamm@hornet.example')
    expect(html).not.toContain('You are registered')
    expect(html).not.toContain('My badge')
  }
  await kadri.close()
})
