// Matchmaking in the browser on the demo event: an attendee completes their profile with a
// need, finds a recommendation whose reason names it and opens that person's profile; the
// directory's filters work without JavaScript; organisers change the settings; people who may
// not look are told why. Each test uses its own demo people, none used by another spec.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, gotoHydrated, signInAs } from './support.ts'
import { toWallClockInput } from '#app/lib/time.ts'
import { B2B_BOOKING_OPENS_AT } from '#seeds/demo-support.ts'
import { demo } from '#tests/support/demo.ts'

test.describe.configure({ timeout: 90_000 })

const people = {
  completesProfile: 'richard.ashworth@aldermark.example',
  browsesWithoutJavaScript: 'laura.vaitkus@balticrf.example',
  pending: 'claire.fontaine@lumen-optronics.example',
}
const shots = '/tmp/muster-shots'

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('an attendee adds a need, sees who offers it and why, and opens their profile', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, people.completesProfile)
  await gotoHydrated(page, `${demoEventPath}/matchmaking/profile`)
  await expect(page.getByRole('heading', { level: 1, name: 'Your matchmaking profile' })).toBeVisible()
  await expect(page.getByLabel(/Take part in matchmaking/)).toBeChecked()
  await expectNoAxeViolations(page)

  // A post with a title but no description is explained next to its field.
  const newPost = page.getByRole('group', { name: 'New post' })
  await newPost.getByLabel('Kind').selectOption({ label: 'Need' })
  await newPost.getByLabel('Title').fill('Acoustic sensors to cue our radars')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(newPost.getByText('Enter a description')).toBeVisible()

  await newPost.getByLabel('Description').fill('We need networks of acoustic sensors that hear low drones our radars miss, feeding tracks to our C2.')
  await newPost.getByLabel('Capability (optional)').selectOption({ label: 'Acoustic sensing' })
  await page.screenshot({ path: `${shots}/matchmaking-profile.png`, fullPage: true })
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByRole('status')).toContainText('Profile saved.')
  await expect(page.getByRole('group', { name: /Acoustic sensors to cue our radars/ })).toBeVisible()

  await page.getByRole('link', { name: 'See who to meet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Who to meet' })).toBeVisible()
  const card = page.locator('.person-card').filter({ hasText: 'They offer acoustic sensing, which you need' }).first()
  await expect(card).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-recommendations.png`, fullPage: true })

  const name = (await card.getByRole('heading', { level: 2 }).textContent())!.trim()
  const profileLink = card.getByRole('link', { name, exact: true })
  await expect(profileLink).toHaveAttribute('href', new RegExp(`${demoEventPath}/matchmaking/people/[^/]+$`))
  await gotoHydrated(page, (await profileLink.getAttribute('href'))!)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  const why = page.getByRole('region', { name: 'Why meet' })
  await expect(why).toContainText('They offer acoustic sensing, which you need')
  await expect(why.getByRole('link', { name: 'Request a meeting' })).toHaveAttribute('href', new RegExp(`${demoEventPath}/meetings/request/[^/]+$`))
  await expect(page.getByText(/@[a-z-]+\.example/)).toHaveCount(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-person.png`, fullPage: true })

  // (axe needs JavaScript, so the directory is checked here; its no-JS use is the next test.)
  await page.getByRole('navigation', { name: 'Matchmaking' }).getByRole('link', { name: 'Directory' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-directory.png`, fullPage: true })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the directory searches, filters and pages', async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL!, people.browsesWithoutJavaScript)
    await page.goto(`${demoEventPath}/matchmaking/directory`)
    await expect(page.getByRole('heading', { level: 1, name: 'Directory' })).toBeVisible()
    await expect(page.getByRole('status')).toContainText(/\d+ participants, page 1 of \d+/)

    await page.getByRole('link', { name: 'Next page' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(page.getByRole('status')).toContainText(/page 2 of/)

    const search = page.getByRole('search', { name: 'Search participants' })
    await search.getByLabel('Organisation kind').selectOption({ label: 'Government buyer' })
    await search.getByLabel('Posts').selectOption({ label: 'Has a need or partnership request' })
    await search.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(/kind=GOVERNMENT_BUYER/)
    await expect(page).toHaveURL(/has=need/)
    const cards = page.locator('.person-card')
    await expect(cards.first()).toBeVisible()
    for (const meta of await page.locator('.person-card__meta').allTextContents()) expect(meta).toMatch(/^Government buyer · /)
    for (const card of await cards.all()) await expect(card.locator('.person-card__posts')).toContainText(/Needs|Seeks partners/)
    await expect(cards.locator('.person-card__why').first()).toBeVisible()

    await search.getByLabel('Search').fill('jammers convoy')
    await search.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(/q=jammers\+convoy/)
    await expect(cards.first()).toContainText('Jammers for convoy protection')
    await page.screenshot({ path: `${shots}/matchmaking-directory-filtered.png`, fullPage: true })

    await page.getByRole('link', { name: 'Clear filters' }).click()
    await expect(page.getByRole('status')).toContainText(/page 1 of/)
  })
})

test('organisers set visibility, booking dates and limits, with errors next to the fields', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, `${demoEventPath}/manage`)
  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Matchmaking' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Matchmaking settings' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Matchmaking' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('navigation', { name: 'Matchmaking' }).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByLabel('As soon as each attendee opts in')).toBeChecked()
  const bookingOpens = demo.move(B2B_BOOKING_OPENS_AT)
  await expect(page.getByLabel('Booking opens', { exact: true })).toHaveValue(toWallClockInput(bookingOpens, demo.timeZone))
  await expectNoAxeViolations(page)

  const closes = page.getByLabel('Booking closes', { exact: true })
  const closesBefore = await closes.inputValue()
  const closingError = page.getByText('Booking must close after it opens')
  // Leaving the field checks it in the browser once the page has hydrated; a blur before that
  // checks nothing, so type and leave again until the error shows. Saving with the error then
  // clicks a button that no longer moves (the error above it pushes it down on the blur).
  await expect(async () => {
    await closes.fill(toWallClockInput(new Date(bookingOpens.getTime() - 15 * 86_400_000), demo.timeZone))
    await closes.blur()
    await expect(closingError).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  // Saving is refused in the browser and takes the organiser back to the field.
  await page.getByRole('button', { name: 'Save matchmaking settings' }).click()
  await expect(closes).toBeFocused()
  await expect(closes).toHaveAttribute('aria-invalid', 'true')
  await expect(closingError).toBeVisible()
  await page.screenshot({ path: `${shots}/matchmaking-settings-error.png`, fullPage: true })

  // Saving what was there changes nothing for the other tests, and says so.
  await closes.fill(closesBefore)
  await page.getByRole('button', { name: 'Save matchmaking settings' }).click()
  await expect(page.getByRole('status')).toContainText('Matchmaking settings saved.')
  await expect(closes).toHaveValue(closesBefore)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-settings.png`, fullPage: true })
})

test('an attendee still in vetting is told why matchmaking is closed to them', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, people.pending)
  const response = await page.goto(`${demoEventPath}/matchmaking/directory`)
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Matchmaking is for approved attendees' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'See your registration' })).toBeVisible()
  await expectNoAxeViolations(page)
})
