// The organiser's B2B slots and tables page in the browser on the demo event: Mathieu Laurent
// gets a field error for a 0-minute slot, adds a table, names and reserves it, then removes it
// again; the page is checked with axe.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, gotoHydrated, signInAs } from './support.ts'

test.describe.configure({ timeout: 180_000 })

const shots = '/tmp/muster-shots'
const setupPath = `${demoEventPath}/manage/matchmaking/setup`

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('the organiser sets the slot length and manages the meeting tables', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, setupPath)
  await expect(page.getByRole('heading', { level: 2, name: 'B2B slots' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/meeting-setup.png`, fullPage: true })

  await page.getByLabel('Slot length (minutes)').fill('0')
  await page.getByRole('button', { name: 'Save slot length and break' }).click()
  await expect(page.getByText('A slot lasts at least 5 minutes')).toBeVisible()
  await page.screenshot({ path: `${shots}/meeting-setup-slot-error.png` })
  // Back to a valid length, which clears the error (the shared error list is checked by axe below with no error shown).
  await page.getByLabel('Slot length (minutes)').fill('20')
  await expect(page.getByText('A slot lasts at least 5 minutes')).toBeHidden()

  const tableCount = page.getByLabel('Number of tables')
  const tables = Number(await tableCount.inputValue())
  await tableCount.fill(String(tables + 1))
  await page.getByRole('button', { name: 'Set number of tables' }).click()
  await expect(page.getByRole('status').filter({ hasText: `The event now has ${tables + 1} tables (1 added, 0 removed).` })).toBeVisible()

  const added = tables + 1
  // A table with meetings says what a new name does (its people get an updated invite); the new, empty one has nothing to say.
  const renameHint = 'Before a new name is saved, you see how many people with meetings here will get an updated invite.'
  expect(await page.getByText(renameHint).count()).toBeGreaterThan(0)
  await reviewRenamingATableWithMeetings(page)
  await expect(page.getByLabel(`Name of table ${added}`)).toHaveAccessibleDescription('')
  await page.getByLabel(`Name of table ${added}`).fill('Start-up corner')
  await page.getByLabel(`Table ${added} reserved for`).selectOption({ index: 1 })
  await page.getByRole('button', { name: `Save table ${added}` }).click()
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^Table ${added} · Start-up corner .*reserved for`) })).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByLabel('Number of tables').fill(String(tables))
  await page.getByRole('button', { name: 'Set number of tables' }).click()
  await expect(page.getByRole('status').filter({ hasText: `The event now has ${tables} tables (0 added, 1 removed).` })).toBeVisible()
})

/**
 * A new name for a table with meetings yet to begin is reviewed before anyone is told: the old
 * label beside the new, how many invitations it sends, and the focus on the review. Nothing is
 * saved: the demo is shared by the other specs, and confirming would email its people.
 */
async function reviewRenamingATableWithMeetings(page: Page) {
  const withMeetings = page.getByRole('heading', { level: 3, name: /^Table \d+.* · [1-9]\d* confirmed meetings?/ }).first()
  const number = Number((await withMeetings.textContent())!.match(/^Table (\d+)/)![1])
  const nameField = page.getByLabel(`Name of table ${number}`, { exact: true })
  const previousName = await nameField.inputValue()
  await nameField.fill('Press corner')
  await page.getByRole('button', { name: `Save table ${number}`, exact: true }).click()
  const review = page.getByRole('region', { name: 'Not saved yet: review the new place' })
  await expect(review).toBeVisible()
  await expect(review.getByRole('heading', { name: 'Not saved yet: review the new place' })).toBeFocused()
  await expect(review.getByRole('cell', { name: `Table ${number} (Press corner)` })).toBeVisible()
  await expect(review.getByText(/updated B2B meeting invitations? \(one per person and meeting\)/)).toBeVisible()
  const confirm = review.getByRole('button', { name: /^Save and send \d+ emails?$/ })
  await expect(confirm).toBeVisible()
  await expect(page.getByRole('button', { name: `Save table ${number}`, exact: true })).toBeHidden()
  await expectNoAxeViolations(page)
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await review.scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `nothing scrolls sideways at ${width} px`).toBe(0)
    await page.screenshot({ path: `${shots}/table-rename-review-${width}.png` })
  }
  // Nothing was saved: the page read afresh shows the table as it was.
  await gotoHydrated(page, setupPath)
  await expect(page.getByLabel(`Name of table ${number}`, { exact: true })).toHaveValue(previousName)
}

