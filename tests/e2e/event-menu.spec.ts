// The event menu on every attendee page: a registered person sees where they stand and reaches
// their programme, meetings, people, who is coming and badge; staff reach their own console page in one click
// from the event page; a visitor sees the public parts only. Checked at phone and desktop width.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs } from './support.ts'
import { demo } from '#tests/support/demo.ts'

const eventMenu = (page: Page) => page.getByRole('navigation', { name: /event menu/ })

test('an approved attendee sees where they stand and every part of their event, at desktop and phone width', async ({ browser, baseURL }) => {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    await signInAs(context, baseURL!, 'kadri.tamm@hornet.example')
    const page = await context.newPage()
    await page.goto(demoEventPath)
    const menu = eventMenu(page)
    await expect(menu.getByRole('link')).toHaveText(['Event', 'Programme', 'My agenda', 'Meetings', 'People', 'Who is coming', 'My badge'])
    await expect(menu.getByRole('link', { name: 'Event', exact: true })).toHaveAttribute('aria-current', 'page')
    await expect(menu.getByText('Registered', { exact: true })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath(`event-menu-attendee-${width}.png`), fullPage: false })

    await menu.getByRole('link', { name: 'My badge' }).click()
    await expect(page).toHaveURL(new RegExp(`${demoEventPath}/registration$`))
    await expect(eventMenu(page).getByRole('link', { name: 'My badge' })).toHaveAttribute('aria-current', 'page')
    await eventMenu(page).getByRole('link', { name: 'People' }).click()
    await expect(page).toHaveURL(new RegExp(`${demoEventPath}/matchmaking$`))
    await expect(eventMenu(page).getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page')
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations.map((violation) => violation.id)).toEqual([])
    await context.close()
  }
})

test('staff reach their own console page from the event page in one click', async ({ browser, baseURL }) => {
  const landings = [
    { email: demoStaff.organiser, path: `${demoEventPath}/manage` },
    { email: demoStaff.vettingOfficer, path: `${demoEventPath}/manage/vetting` },
    { email: demoStaff.checkIn, path: `${demoEventPath}/manage/check-in` },
  ]
  for (const landing of landings) {
    const context = await browser.newContext()
    await signInAs(context, baseURL!, landing.email)
    const page = await context.newPage()
    await page.goto(demoEventPath)
    await eventMenu(page).getByRole('link', { name: 'Manage' }).click()
    await expect(page, landing.email).toHaveURL(new RegExp(`${landing.path}$`))
    // The console's own page, not the "Not allowed" page.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.title)
    await expect(page.getByText('Not allowed')).toHaveCount(0)
    await context.close()
  }
})

test('a visitor sees the public parts only, with no standing', async ({ page }) => {
  await page.goto(`${demoEventPath}/agenda`)
  await expect(eventMenu(page).getByRole('link')).toHaveText(['Event', 'Programme'])
  await expect(eventMenu(page).getByRole('link', { name: 'Programme' })).toHaveAttribute('aria-current', 'page')
  await expect(eventMenu(page).locator('.badge')).toHaveCount(0)
})
