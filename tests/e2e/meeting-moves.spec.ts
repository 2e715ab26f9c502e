// The organisers' meetings list and the move form in the browser: Mathieu Laurent finds Kadri
// Tamm's meeting with Piotr Nowak in the list, opens its move form and is told next to the
// field when nothing would change. Both pages are checked with axe.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs } from './support.ts'

test.describe.configure({ timeout: 120_000 })

const shots = '/tmp/muster-shots'

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('the organiser finds a meeting in the list and the move form explains a refusal next to the field', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await page.goto(`${demoEventPath}/manage/matchmaking/meetings`, { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 2, name: 'Confirmed meetings' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-meetings.png`, fullPage: true })

  await page.getByRole('link', { name: /^Move the meeting of (Kadri Tamm and Piotr Nowak|Piotr Nowak and Kadri Tamm)$/ }).click()
  await page.waitForLoadState('networkidle')
  await expect(page.getByRole('heading', { level: 2, name: 'Move a meeting' })).toBeVisible()

  await page.getByRole('button', { name: 'Move the meeting' }).click()
  await expect(page.getByText('The meeting is already at this time. Choose another time or table.')).toBeVisible()
  await expect(page.getByLabel('New time')).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/meeting-move-error.png`, fullPage: true })
})
