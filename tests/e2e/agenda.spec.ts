// The public agenda of the demo Industry Day: it opens on the first day and a day navigation
// switches days (or shows them all) keeping the filters; filters work within the day, a
// search looks at every day unless a day was chosen, with and without JavaScript; a bad day
// in the address gets a message, not an error; session and speaker pages open from it, a
// viewer in New York sees their own time too, and the pages have no accessibility violations.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'
import { demo, longDayPattern, shortDay } from '#tests/support/demo.ts'
import { demoEventPath, gotoHydrated } from './support.ts'

const agendaPath = `${demoEventPath}/agenda`
const dayOne = longDayPattern(1)
const dayTwo = longDayPattern(2)
const [dayOneKey, dayTwoKey] = [demo.dayKey(1), demo.dayKey(2)]
/** A week after the last day: a day the agenda does not have. */
const notADay = new Date(demo.eventDayTime(2, '12:00').getTime() + 7 * 86_400_000).toISOString().slice(0, 10)

const sessionTitles = (page: Page) => page.locator('.session__title').allTextContents().then((titles) => titles.map((t) => t.trim()))
const resultCount = (page: Page) => page.getByRole('status')
const days = (page: Page) => page.getByRole('navigation', { name: 'Days' })
/** The day navigation's links read "Day 1 · Wed 24 Mar · 15 sessions"; the counts change as other specs add sessions. */
const dayLink = (page: Page, day: 1 | 2 | 'All days') =>
  days(page).getByRole('link', { name: day === 'All days' ? day : new RegExp(`^Day ${day} · ${shortDay(day)} · \\d+ sessions?$`) })

/** Ticks filters and searches through the form, the way a person does. */
async function applyFilters(page: Page, choices: { track?: string; kind?: string; search?: string }) {
  const form = page.getByRole('search', { name: 'Filter the agenda' })
  if (choices.track) await form.getByRole('group', { name: 'Track' }).getByLabel(choices.track).check()
  if (choices.kind) await form.getByRole('group', { name: 'Kind' }).getByLabel(choices.kind).check()
  if (choices.search) await form.getByLabel('Search').fill(choices.search)
  await form.getByRole('button', { name: 'Apply filters' }).click()
}

test('opens on the first day; the day navigation switches days and shows all of them, keeping the filters', async ({ page }) => {
  await gotoHydrated(page, agendaPath)
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible()
  // Other specs add sessions to the shared demo event: count what is there now.
  await expect(resultCount(page)).toHaveText(new RegExp(`^\\d+ sessions on ${dayOne}, of \\d+ in all$`))
  const [, onDayOne, total] = (await resultCount(page).textContent())!.match(/^(\d+) .* of (\d+) in all$/)!.map(Number)
  expect(onDayOne).toBeGreaterThanOrEqual(15)
  expect((await sessionTitles(page)).length).toBe(onDayOne)
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${dayOne}$`) })).toBeVisible()
  await expect(dayLink(page, 1)).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { name: 'Closing remarks' })).toHaveCount(0)

  await dayLink(page, 2).click()
  await expect(page).toHaveURL(new RegExp(`\\?day=${dayTwoKey}$`))
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${dayTwo}$`) })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Closing remarks' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Opening address' })).toHaveCount(0)
  await expect(dayLink(page, 2)).toHaveAttribute('aria-current', 'page')
  await expect(dayLink(page, 1)).not.toHaveAttribute('aria-current')

  // A filter applies within the chosen day, and the day stays chosen.
  await applyFilters(page, { track: 'Industry & Production' })
  await expect(page).toHaveURL(new RegExp(`\\?q=&track=industry-production&day=${dayTwoKey}$`))
  // The URL changes before the filtered list arrives: wait for its count, then read its titles.
  await expect(resultCount(page)).toHaveText(new RegExp(`^2 sessions on ${dayTwo} match the filters \\(2 on all days\\)$`))
  expect(await sessionTitles(page)).toEqual(['Production at scale and supply chains', 'How start-ups get procured'])
  // Switching day keeps the filters.
  await dayLink(page, 1).click()
  await expect(page).toHaveURL(new RegExp(`\\?track=industry-production&day=${dayOneKey}$`))
  await expect(page.getByText(new RegExp(`^No sessions on ${dayOne} match these filters\\.`))).toBeVisible()
  await page.getByRole('link', { name: 'See all 2 matches on all days' }).click()
  await expect(page).toHaveURL(/\?track=industry-production&day=all$/)
  await expect(dayLink(page, 'All days')).toHaveAttribute('aria-current', 'page')
  await expect(resultCount(page)).toHaveText(/^2 of \d+ sessions match the filters$/)

  await page.getByRole('link', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\?day=all$/)
  await expect(resultCount(page)).toHaveText(`${total} sessions`)
  expect((await sessionTitles(page)).length).toBe(total)
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${dayOne}$`) })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${dayTwo}$`) })).toBeVisible()
  await page.screenshot({ path: '/tmp/muster-shots/agenda-all-days.png', fullPage: true })
})

test('filters by track and kind, and search, narrow the agenda; a search looks at every day', async ({ page }) => {
  await gotoHydrated(page, agendaPath)
  await page.screenshot({ path: '/tmp/muster-shots/agenda-default-day.png', fullPage: true })
  await applyFilters(page, { track: 'Defeat' })
  await expect(page).toHaveURL(/\?q=&track=defeat$/)
  await expect(resultCount(page)).toHaveText(new RegExp(`^2 sessions on ${dayOne} match the filters \\(2 on all days\\)$`))
  expect(await sessionTitles(page)).toEqual(['Defeat: kinetic effectors', 'Defeat: RF and electronic warfare'])

  await applyFilters(page, { search: 'kruger' })
  await expect(resultCount(page)).toHaveText(/^1 of \d+ sessions matches the filters$/)
  expect(await sessionTitles(page)).toEqual(['Defeat: kinetic effectors'])

  await page.getByRole('link', { name: 'Clear filters' }).click()
  await expect(resultCount(page)).toHaveText(new RegExp(`^\\d+ sessions on ${dayOne}, of \\d+ in all$`))
  await expect(page.getByRole('group', { name: 'Track' }).getByLabel('Defeat')).not.toBeChecked()
  await expect(page.getByLabel('Search')).toHaveValue('')

  // With no day chosen a search finds lunch on both days; with day two chosen, only its own.
  await applyFilters(page, { search: 'lunch' })
  await expect(page).toHaveURL(/\?q=lunch$/)
  await expect(dayLink(page, 'All days')).toHaveAttribute('aria-current', 'page')
  // Polled: the URL changes before the list it asks for arrives.
  await expect.poll(() => sessionTitles(page)).toEqual(['Lunch', 'Lunch'])
  await expect(dayLink(page, 1)).toHaveText(/ · 1 session$/)
  await dayLink(page, 2).click()
  await expect(page).toHaveURL(new RegExp(`\\?q=lunch&day=${dayTwoKey}$`))
  await expect(page.getByText(new RegExp(`^Titles, descriptions, speakers and their organisations, on ${dayTwo}$`))).toBeVisible()
  await applyFilters(page, { search: 'procured' })
  await expect(page).toHaveURL(new RegExp(`\\?q=procured&day=${dayTwoKey}$`))
  await expect.poll(() => sessionTitles(page)).toEqual(['How start-ups get procured'])

  await gotoHydrated(page, agendaPath)
  await applyFilters(page, { kind: 'Panel' })
  await expect(resultCount(page)).toHaveText(new RegExp(`^1 session on ${dayOne} matches the filters \\(1 on all days\\)$`))
  expect(await sessionTitles(page)).toEqual(['Panel: from prototype to production in months'])
})

test('the days, filters and search work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(agendaPath)
  await dayLink(page, 2).click()
  await expect(page).toHaveURL(new RegExp(`\\?day=${dayTwoKey}$`))
  await expect(dayLink(page, 2)).toHaveAttribute('aria-current', 'page')
  await page.getByRole('link', { name: 'All days' }).click()
  await expect(page).toHaveURL(/\?day=all$/)
  await expect(page.getByRole('heading', { name: 'Opening address' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Closing remarks' })).toBeVisible()

  await page.goto(agendaPath)
  // Piotr Nowak speaks in a panel on day one and in a breakout on day two.
  await applyFilters(page, { kind: 'Breakout', search: 'nowak' })
  await expect(page).toHaveURL(/\?q=nowak&kind=BREAKOUT$/)
  await expect(resultCount(page)).toHaveText(/^1 of \d+ sessions matches the filters$/)
  expect(await sessionTitles(page)).toEqual(['How start-ups get procured'])
  // Without JavaScript the page shows the event's zone alone.
  await expect(page.getByText(/Your time:/)).toHaveCount(0)

  await applyFilters(page, { track: 'Integration & C2' })
  await expect(resultCount(page)).toHaveText(/^0 of \d+ sessions match the filters$/)
  await expect(page.getByText('No sessions match these filters.')).toBeVisible()
  await context.close()
})

test('a day the agenda does not have, or not a date, is explained and never an error', async ({ page }) => {
  for (const [day, message] of [
    [notADay, new RegExp(`^The agenda has no day ${notADay}, so it shows ${dayOne}\\.$`)],
    ['yesterday', /^The day in the address is not a date, so it was not applied\.$/],
    ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', /^The day in the address is not a date, so it was not applied\.$/],
  ] as const) {
    const response = await page.goto(`${agendaPath}?day=${day}`)
    expect(response?.status(), day).toBe(200)
    await expect(page.getByRole('alert')).toHaveText(message)
    await expect(dayLink(page, 1)).toHaveAttribute('aria-current', 'page')
  }
})

test('session and speaker pages open from the agenda', async ({ page }) => {
  await gotoHydrated(page, agendaPath)
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
  // On a two-day event a speaker's page says which day each session is on.
  await expect(page.locator('.session__time time').first()).toHaveText(new RegExp(`^(${shortDay(1)}|${shortDay(2)}), \\d{2}:\\d{2}–\\d{2}:\\d{2}$`))
})

test('a viewer in New York sees their own time beside Brussels time', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' })
  const page = await context.newPage()
  await gotoHydrated(page, agendaPath)
  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Opening address' }) })
  await expect(opening.locator('time')).toHaveText('09:00–09:20')
  // 09:00 in Brussels is 03:00 or 04:00 in New York, as the two zones' summer times start on different Sundays.
  const [start, end] = [demo.eventDayTime(1, '09:00'), demo.eventDayTime(1, '09:20')]
  const inNewYork = `Your time: ${formatTimeRange(start, end, 'America/New_York')} ${zoneAbbreviation(start, 'America/New_York')}`
  await expect(opening.getByText(inNewYork)).toBeVisible()

  await gotoHydrated(page, `${demoEventPath}/sessions/opening-address`)
  await expect(page.getByText(inNewYork)).toBeVisible()
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
    `${agendaPath}?day=all`,
    `${agendaPath}?day=${dayTwoKey}&kind=PANEL`,
    `${agendaPath}?day=nope`,
    `${agendaPath}?track=defeat&kind=BREAKOUT&q=jamming`,
    `${demoEventPath}/sessions/defeat-kinetic`,
    `${demoEventPath}/speakers/piotr-nowak`,
  ]) {
    await gotoHydrated(page, path)
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations, `${path}: ${results.violations.map((v) => v.id).join(', ')}`).toEqual([])
  }
})

test('on a phone the sessions come first: the filters open from a Filter button, and stay open while they apply', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } })
  const page = await context.newPage()
  await page.goto(`${demoEventPath}/agenda`)
  const filters = page.getByRole('search', { name: 'Filter the agenda' })
  await expect(filters).toBeHidden()
  // The first session is on the first screen, above any filter.
  const firstSession = page.locator('.agenda-slot').first()
  expect((await firstSession.boundingBox())!.y).toBeLessThan(780)
  await page.getByText('Filter', { exact: true }).click()
  await expect(filters).toBeVisible()
  await applyFilters(page, { kind: 'Breakout' })
  await expect(page.getByText('Filter (on)')).toBeVisible()
  await expect(page.getByRole('search', { name: 'Filter the agenda' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await context.close()

  // A wide screen shows the filters without a button.
  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const widePage = await wide.newPage()
  await widePage.goto(`${demoEventPath}/agenda`)
  await expect(widePage.getByRole('search', { name: 'Filter the agenda' })).toBeVisible()
  await expect(widePage.getByText('Filter', { exact: true })).toBeHidden()
  await wide.close()
})
