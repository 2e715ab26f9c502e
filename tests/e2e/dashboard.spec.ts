// The registration dashboard in the browser: organisers and vetting officers reach it from the
// console's navigation (check-in staff do not), every chart is an SVG picture with a title and
// its numbers in a table beside it, the numbers match the database, nothing scrolls sideways at
// phone width and axe finds nothing. Screenshots at 390 and 1280 px for review.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs, withE2eDatabase } from './support.ts'
import { demoSlug } from '#tests/support/demo.ts'

const shots = '/tmp/muster-shots'

test('an organiser reads the registration dashboard: charts with their numbers, on a phone and a desk', async ({ page, context, baseURL }) => {
  test.setTimeout(90_000)
  await signInAs(context, baseURL!, demoStaff.organiser)
  await page.goto(`${demoEventPath}/manage`)
  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Dashboard' }).click()
  await expect(page).toHaveURL(new RegExp(`${demoEventPath}/manage/dashboard$`))
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page')

  for (const heading of ['Registrations at a glance', 'Registrations over time', 'Vetting', 'By nationality', 'By organisation kind', 'By organisation country', 'Check-ins per hour']) {
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('img', { name: 'Registrations by status at the end of each day' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Registrations in play by nationality' })).toBeVisible()

  // The numbers beside the charts are the database's.
  const counts = await withE2eDatabase(async (db) => {
    const event = await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })
    const [applied, approved] = await Promise.all([
      db.registration.count({ where: { eventId: event.id } }),
      db.registration.count({ where: { eventId: event.id, status: 'APPROVED' } }),
    ])
    return { applied, approved }
  })
  const funnel = page.getByRole('region', { name: 'Registrations by where they stand in vetting, table' })
  await expect(funnel.getByRole('row', { name: /^Applied/ })).toContainText(counts.applied.toLocaleString('en-GB'))
  await expect(funnel.getByRole('row', { name: /^Approved/ })).toContainText(counts.approved.toLocaleString('en-GB'))
  const overTime = page.getByRole('region', { name: 'Registrations by status at the end of each day, table' })
  await expect(overTime.getByRole('row').nth(1)).toContainText(counts.applied.toLocaleString('en-GB'))
  // Other specs check demo attendees in while this one runs: either way the section says what it has.
  const checkIns = page.getByRole('region', { name: 'Check-ins per hour' })
  await expect(checkIns.getByText('Nobody has checked in yet.').or(checkIns.getByRole('img', { name: /^Check-ins per hour on / }).first())).toBeVisible()

  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, results.violations.map((violation) => `${violation.id} (${violation.nodes.length})`).join(', ')).toEqual([])
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `sideways scroll at ${width} px`).toBe(true)
    await page.screenshot({ path: `${shots}/dashboard-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 390, height: 900 })
  for (const section of await page.locator('.dashboard > section').all()) {
    const id = await section.getAttribute('aria-labelledby')
    await section.screenshot({ path: `${shots}/dashboard-390-${id}.png` })
  }
})

test('vetting officers have the dashboard; check-in staff do not', async ({ browser, baseURL }) => {
  const officer = await browser.newContext()
  await signInAs(officer, baseURL!, demoStaff.vettingOfficer)
  const officerPage = await officer.newPage()
  await officerPage.goto(`${demoEventPath}/manage/vetting`)
  await officerPage.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Dashboard' }).click()
  await expect(officerPage.getByRole('heading', { level: 2, name: 'Vetting', exact: true })).toBeVisible()
  await officer.close()

  const desk = await browser.newContext()
  await signInAs(desk, baseURL!, demoStaff.checkIn)
  const deskPage = await desk.newPage()
  await deskPage.goto(`${demoEventPath}/manage/check-in`)
  await expect(deskPage.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Dashboard' })).toHaveCount(0)
  const refused = await deskPage.goto(`${demoEventPath}/manage/dashboard`)
  expect(refused?.status()).toBe(403)
  await desk.close()
})
