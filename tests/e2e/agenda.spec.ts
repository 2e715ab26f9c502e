// The public agenda of the demo Industry Day: filters and search narrow the list with and
// without JavaScript, session and speaker pages open from it, a viewer in New York sees their
// own time too, and the three pages have no accessibility violations.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath } from './support.ts'

const agendaPath = `${demoEventPath}/agenda`

const sessionTitles = (page: Page) => page.locator('.session__title').allTextContents().then((titles) => titles.map((t) => t.trim()))
const resultCount = (page: Page) => page.getByRole('status')

/** Ticks filters and searches through the form, the way a person does. */
async function applyFilters(page: Page, choices: { track?: string; kind?: string; search?: string }) {
  const form = page.getByRole('search', { name: 'Filter the agenda' })
  if (choices.track) await form.getByRole('group', { name: 'Track' }).getByLabel(choices.track).check()
  if (choices.kind) await form.getByRole('group', { name: 'Kind' }).getByLabel(choices.kind).check()
  if (choices.search) await form.getByLabel('Search').fill(choices.search)
  await form.getByRole('button', { name: 'Apply filters' }).click()
}

test('filters by track and kind, and search, narrow the agenda', async ({ page }) => {
  await page.goto(agendaPath, { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible()
  // Other specs add sessions to the shared demo event: count what is there now.
  await expect(resultCount(page)).toHaveText(/^\d+ sessions$/)
  const total = Number((await resultCount(page).textContent())?.match(/^(\d+)/)?.[1])
  expect(total).toBeGreaterThanOrEqual(23)
  expect((await sessionTitles(page)).length).toBe(total)

  await applyFilters(page, { track: 'Defeat' })
  await expect(page).toHaveURL(/[?&]track=defeat(&|$)/)
  await expect(resultCount(page)).toHaveText(/^2 of \d+ sessions match the filters$/)
  expect(await sessionTitles(page)).toEqual(['Defeat: kinetic effectors', 'Defeat: RF and electronic warfare'])

  await applyFilters(page, { search: 'kruger' })
  await expect(resultCount(page)).toHaveText(/^1 of \d+ sessions match the filters$/)
  expect(await sessionTitles(page)).toEqual(['Defeat: kinetic effectors'])

  await page.getByRole('link', { name: 'Clear filters' }).click()
  await expect(resultCount(page)).toHaveText(/^\d+ sessions$/)
  await expect(page.getByRole('group', { name: 'Track' }).getByLabel('Defeat')).not.toBeChecked()
  await expect(page.getByLabel('Search')).toHaveValue('')

  await applyFilters(page, { kind: 'Panel' })
  await expect(resultCount(page)).toHaveText(/^1 of \d+ sessions match the filters$/)
  expect(await sessionTitles(page)).toEqual(['Panel: from prototype to production in months'])
})

test('the filters and the search work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(agendaPath)
  // Piotr Nowak speaks in a panel and in a breakout.
  await applyFilters(page, { kind: 'Breakout', search: 'nowak' })
  await expect(page).toHaveURL(/\?q=nowak&kind=BREAKOUT$/)
  await expect(resultCount(page)).toHaveText(/^1 of \d+ sessions match the filters$/)
  expect(await sessionTitles(page)).toEqual(['How start-ups get procured'])
  // Without JavaScript the page shows the event's zone alone.
  await expect(page.getByText(/Your time:/)).toHaveCount(0)

  await applyFilters(page, { track: 'Integration & C2' })
  await expect(resultCount(page)).toHaveText(/^0 of \d+ sessions match the filters$/)
  await expect(page.getByText('No sessions match these filters.')).toBeVisible()
  await context.close()
})

test('session and speaker pages open from the agenda', async ({ page }) => {
  await page.goto(agendaPath, { waitUntil: 'networkidle' })
  await page.getByRole('link', { name: 'Defeat: kinetic effectors', exact: true }).click()
  await expect(page).toHaveURL(`${demoEventPath}/sessions/defeat-kinetic`)
  await expect(page.getByRole('heading', { level: 1, name: 'Defeat: kinetic effectors' })).toBeVisible()
  await expect(page.getByText('Breakout Room 2')).toBeVisible()
  await expect(page.getByText('Conference wing, level 1')).toBeVisible()
  // The sign-up panel of a breakout, seen signed out.
  const signUp = page.getByRole('region', { name: 'Sign-up' })
  await expect(signUp.getByText(/\d+ of 50 seats left|All 50 seats are taken/)).toBeVisible()
  await expect(signUp.getByRole('link', { name: 'Sign in to sign up' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Download \.ics/ }).first()).toHaveAttribute(
    'href',
    `${demoEventPath}/sessions/defeat-kinetic/calendar.ics`,
  )

  await page.getByRole('link', { name: 'Stefan Krüger' }).click()
  await expect(page).toHaveURL(`${demoEventPath}/speakers/stefan-kruger`)
  await expect(page.getByRole('heading', { level: 1, name: 'Stefan Krüger' })).toBeVisible()
  await expect(page.getByText('Head of Effectors, Rhenwald Defence', { exact: true })).toBeVisible()
  expect(await sessionTitles(page)).toEqual(['Defeat: kinetic effectors'])
})

test('a viewer in New York sees their own time beside Brussels time', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' })
  const page = await context.newPage()
  await page.goto(agendaPath, { waitUntil: 'networkidle' })
  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Opening address' }) })
  await expect(opening.locator('time')).toHaveText('09:00–09:20')
  // 08:00 UTC: 09:00 in Brussels (CET), 04:00 in New York (EDT since 14 March 2027).
  await expect(opening.getByText('Your time: 04:00–04:20 EDT')).toBeVisible()

  await page.goto(`${demoEventPath}/sessions/opening-address`, { waitUntil: 'networkidle' })
  await expect(page.getByText('Your time: 04:00–04:20 EDT')).toBeVisible()
  await context.close()
})

test('an unknown session or speaker answers 404', async ({ page }) => {
  expect((await page.goto(`${demoEventPath}/sessions/no-such-session`))?.status()).toBe(404)
  expect((await page.goto(`${demoEventPath}/speakers/no-such-speaker`))?.status()).toBe(404)
  expect((await page.goto('/events/no-such-event/agenda'))?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
})

test('the agenda, session and speaker pages have no accessibility violations', async ({ page }) => {
  for (const path of [
    agendaPath,
    `${agendaPath}?track=defeat&kind=BREAKOUT&q=jamming`,
    `${demoEventPath}/sessions/defeat-kinetic`,
    `${demoEventPath}/speakers/piotr-nowak`,
  ]) {
    await page.goto(path, { waitUntil: 'networkidle' })
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations, `${path}: ${results.violations.map((v) => v.id).join(', ')}`).toEqual([])
  }
})
