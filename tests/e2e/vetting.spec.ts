// Vetting and check-in in the browser, on the shared demo database. Each test works on its
// own demo attendees (none of them used by another spec) and never counts on global totals,
// because other specs change registrations in parallel.
import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import ExcelJS from 'exceljs'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs, withE2eDatabase } from './support.ts'
import { demoSlug } from '#tests/support/demo.ts'
import { csvRecords } from '#tests/support/csv.ts'

// Journeys over several pages with axe checks; on a two-core machine running two workers
// they can pass the default 30 s.
test.describe.configure({ timeout: 60_000 })

const vettingPath = `${demoEventPath}/manage/vetting`
const checkInPath = `${demoEventPath}/manage/check-in`

const people = {
  askedForInformation: 'katarzyna.szabo@danuberadar.example',
  approved: 'javier.conti@ferrostar.example',
  bulkRejected: ['giorgos.rossi@valdora.example', 'ioana.yilmaz@anatoliansky.example'],
  checkedIn: 'olivia.kendall@aadsa.example',
  pendingAtTheDoor: 'jana.babic@adriatic-interceptors.example',
  filteredWithoutJavaScript: 'lukas.meijer@skyguard.example',
  withoutBadge: 'bence.dvorak@pixelhawk.example',
}

async function registrationOf(email: string) {
  return withE2eDatabase((db) =>
    db.registration.findFirstOrThrow({
      where: { event: { slug: demoSlug }, user: { email } },
      select: { id: true, status: true, badgeCode: true, checkedInAt: true, user: { select: { name: true } } },
    }),
  )
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

const queueRow = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email })

test('a vetting officer filters the queue and asks a registrant for more information', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.vettingOfficer)
  await page.goto(vettingPath)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Counter-UAS')
  const statusTabs = page.getByRole('navigation', { name: 'Registrations by status' })
  await expect(statusTabs.getByRole('link', { name: /Pending/ })).toHaveAttribute('aria-current', 'page')
  await expectNoAxeViolations(page)

  // Filter: Hungarian SMEs.
  await page.getByLabel('Organisation kind').selectOption({ label: 'SME' })
  await page.getByLabel('Country').selectOption({ label: 'Hungary' })
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/kind=SME/)
  await expect(page).toHaveURL(/country=HU/)
  const asked = await registrationOf(people.askedForInformation)
  await expect(queueRow(page, people.askedForInformation)).toBeVisible()
  for (const meta of await page.locator('.queue-table tbody .queue-table__meta').allTextContents()) expect(meta).toMatch(/^SME · /)

  // The reason is required.
  await queueRow(page, people.askedForInformation).getByRole('link', { name: asked.user.name }).click()
  await expect(page.getByRole('heading', { level: 1, name: asked.user.name })).toBeVisible()
  await expect(page.getByText('Security clearance level')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Request more information' }).click()
  await expect(page.getByText('Say what information you need')).toBeVisible()
  await page.getByLabel('What information do you need?').fill('Please tell us which radar product you would present.')
  await page.getByRole('button', { name: 'Request more information' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Request sent.' })).toBeVisible()
  const history = page.getByRole('region', { name: 'History' })
  await expect(history.getByText('More information requested').first()).toBeVisible()
  await expect(history.getByText('Please tell us which radar product you would present.')).toBeVisible()
  await expect(history.getByText(/Aino Virtanen/).first()).toBeVisible()
  await expect(page.getByText('Information requested', { exact: true }).first()).toBeVisible()
  expect((await registrationOf(people.askedForInformation)).status).toBe('PENDING')
})

test('a vetting officer approves a registration found by search, and it leaves the pending list', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.vettingOfficer)
  const approved = await registrationOf(people.approved)
  await page.goto(vettingPath)
  await page.getByLabel('Search').fill(approved.user.name)
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await queueRow(page, people.approved).getByRole('link', { name: approved.user.name }).click()
  await page.getByRole('button', { name: 'Approve', exact: true }).click()
  // The demo event is full, so an approval may mean a place on the waiting list.
  await expect(page.getByRole('status').filter({ hasText: /^Approved/ })).toBeVisible()
  expect(['APPROVED', 'WAITLISTED']).toContain((await registrationOf(people.approved)).status)
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0)

  await page.getByRole('link', { name: 'Back to the queue' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Counter-UAS')
  await expect(page.locator('.queue-table')).toBeVisible()
  await expect(queueRow(page, people.approved)).toHaveCount(0)
})

test('a vetting officer rejects two at once and reads the outcome of each; check-in is not theirs', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.vettingOfficer)
  const rejected = await Promise.all(people.bulkRejected.map(registrationOf))
  await page.goto(`${vettingPath}?kind=LARGE_COMPANY`)
  for (const email of people.bulkRejected) await queueRow(page, email).getByRole('checkbox').check()
  await page.getByLabel('Reason (optional)').fill('Not an exhibitor this year.')
  await page.getByRole('button', { name: 'Reject selected' }).click()
  const summary = page.getByRole('status').filter({ hasText: 'Reject: 2 of 2 done' })
  await expect(summary).toBeVisible()
  for (const person of rejected) await expect(summary.getByText(person.user.name)).toBeVisible()
  for (const email of people.bulkRejected) await expect(queueRow(page, email)).toHaveCount(0)
  await expect(page).toHaveURL(/kind=LARGE_COMPANY/)
  for (const email of people.bulkRejected) expect((await registrationOf(email)).status).toBe('REJECTED')

  await page.getByRole('navigation', { name: 'Registrations by status' }).getByRole('link', { name: /Rejected/ }).click()
  for (const email of people.bulkRejected) await expect(queueRow(page, email)).toBeVisible()

  const response = await page.goto(checkInPath)
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible()
})

test('the queue filters and the detail work without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  await signInAs(context, baseURL!, demoStaff.vettingOfficer)
  const page = await context.newPage()
  const person = await registrationOf(people.filteredWithoutJavaScript)
  await page.goto(`${vettingPath}?kind=SPY&country=XX&page=-1&answer=nonsense`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Counter-UAS')
  await page.getByLabel('Answer').selectOption({ label: 'None' })
  await page.getByLabel('Search').fill('skyguard')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/answer=securityClearance%3Anone/)
  await expect(queueRow(page, people.filteredWithoutJavaScript)).toBeVisible()
  await queueRow(page, people.filteredWithoutJavaScript).getByRole('link', { name: person.user.name }).click()
  await expect(page.getByRole('heading', { level: 1, name: person.user.name })).toBeVisible()
  await context.close()
})

test('check-in staff check in an approved attendee once, and refuse a pending one', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.checkIn)
  const [attendee, pending] = await Promise.all([registrationOf(people.checkedIn), registrationOf(people.pendingAtTheDoor)])
  expect(attendee.status).toBe('APPROVED')
  expect(pending.status).toBe('PENDING')

  await page.goto(checkInPath)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Counter-UAS')
  await expect(page.getByLabel('Badge code')).toBeFocused()
  await expectNoAxeViolations(page)

  // Typed as people type it: lower case, with a dash.
  const typed = `${attendee.badgeCode.slice(0, 5)}-${attendee.badgeCode.slice(5)}`.toLowerCase()
  await page.getByLabel('Badge code').fill(typed)
  await page.getByRole('button', { name: 'Check in' }).click()
  const result = page.locator('.check-in__result')
  await expect(result.getByRole('heading', { name: 'Checked in' })).toBeVisible()
  await expect(result.getByText(attendee.user.name, { exact: true })).toBeVisible()
  await expect(page.getByLabel('Badge code')).toHaveValue('')
  await expect(page.getByLabel('Badge code')).toBeFocused()
  expect((await registrationOf(people.checkedIn)).checkedInAt).not.toBeNull()
  await expectNoAxeViolations(page)

  // The same badge again.
  await page.getByLabel('Badge code').fill(attendee.badgeCode)
  await page.keyboard.press('Enter')
  await expect(result.getByRole('heading', { name: 'Already checked in' })).toBeVisible()
  await expect(result.getByText(/Already checked in at \d\d:\d\d by Jonas Peeters/)).toBeVisible()

  // Someone still in vetting.
  await page.getByLabel('Badge code').fill(pending.badgeCode)
  await page.getByRole('button', { name: 'Check in' }).click()
  await expect(result.getByRole('heading', { name: 'Do not admit' })).toBeVisible()
  await expect(result.getByText(pending.user.name)).toBeVisible()
  await expect(result.getByText(/Not approved yet/)).toBeVisible()
  expect((await registrationOf(people.pendingAtTheDoor)).checkedInAt).toBeNull()
  await expectNoAxeViolations(page)
})

test('check-in staff find someone without a badge by name, check their ID, check them in, and undo a mistake', async ({ browser, baseURL }) => {
  const person = await registrationOf(people.withoutBadge)
  expect(person.status).toBe('APPROVED')
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    await signInAs(context, baseURL!, demoStaff.checkIn)
    const page = await context.newPage()
    await page.goto(checkInPath)
    // Typed without the accents and in lower case.
    await page.getByRole('searchbox', { name: 'Name, email or organisation' }).fill('bence dvorak')
    await page.getByRole('button', { name: 'Find' }).click()
    const found = page.locator('.desk-result').filter({ hasText: person.user.name })
    await expect(found).toHaveCount(1)
    await expect(found).toContainText(/PixelHawk|Pixelhawk/i)
    await expect(found).toContainText(/national/)
    await expectNoAxeViolations(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: test.info().outputPath(`check-in-search-${width}.png`), fullPage: true })

    await found.getByRole('button', { name: `Check in ${person.user.name}` }).click()
    const result = page.locator('.check-in__result')
    await expect(result.getByRole('heading', { name: 'Checked in' })).toBeVisible()
    await expect(result).toContainText(/national/)
    expect((await registrationOf(people.withoutBadge)).checkedInAt).not.toBeNull()

    await result.getByRole('button', { name: 'Undo check-in' }).click()
    await expect(result.getByRole('heading', { name: 'Check-in undone' })).toBeVisible()
    expect((await registrationOf(people.withoutBadge)).checkedInAt).toBeNull()
    await expectNoAxeViolations(page)
    await context.close()
  }
  const undone = await withE2eDatabase((db) => db.auditLogEntry.count({ where: { entityId: person.id, action: 'registration.check-in-undone' } }))
  expect(undone).toBe(2)
})

test('a vetting officer downloads the filtered queue as CSV and Excel; the desk downloads its check-in list', async ({ browser, baseURL }) => {
  const officer = await browser.newContext()
  await signInAs(officer, baseURL!, demoStaff.vettingOfficer)
  const page = await officer.newPage()
  await page.goto(`${vettingPath}?status=APPROVED&kind=SME`)
  const downloads = page.getByRole('region', { name: 'Downloads' })
  await expect(downloads).toContainText(/Download the \d+ approved registrations/)
  await expectNoAxeViolations(page)
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await downloads.screenshot({ path: `/tmp/muster-shots/vetting-downloads-${width}.png` })
  }

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('link', { name: 'CSV of the approved registrations' }).click()])
  expect(csvDownload.suggestedFilename()).toBe(`${demoSlug}-registrations-approved.csv`)
  const records = csvRecords(await readFile((await csvDownload.path())!, 'utf8'))
  const expected = await withE2eDatabase((db) => db.registration.count({ where: { event: { slug: demoSlug }, status: 'APPROVED', organisation: { kind: 'SME' } } }))
  expect(records).toHaveLength(expected)
  expect(new Set(records.map((record) => `${record.Status}/${record['Organisation kind']}`))).toEqual(new Set(['Approved/SME']))
  expect(Object.keys(records[0]!)).toContain('Security clearance level')

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('link', { name: 'Excel of every status' }).click()])
  expect(xlsxDownload.suggestedFilename()).toBe(`${demoSlug}-registrations.xlsx`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile((await xlsxDownload.path())!)
  const smes = await withE2eDatabase((db) => db.registration.count({ where: { event: { slug: demoSlug }, organisation: { kind: 'SME' } } }))
  expect(workbook.getWorksheet('Registrations')!.actualRowCount).toBe(smes + 1)
  await officer.close()

  const desk = await browser.newContext()
  await signInAs(desk, baseURL!, demoStaff.checkIn)
  const deskPage = await desk.newPage()
  await deskPage.goto(checkInPath)
  const [list] = await Promise.all([deskPage.waitForEvent('download'), deskPage.getByRole('link', { name: /Download the check-in list \(Excel/ }).click()])
  expect(list.suggestedFilename()).toBe(`${demoSlug}-check-in-list.xlsx`)
  const listBook = new ExcelJS.Workbook()
  await listBook.xlsx.readFile((await list.path())!)
  const approved = await withE2eDatabase((db) => db.registration.count({ where: { event: { slug: demoSlug }, status: 'APPROVED' } }))
  expect(listBook.getWorksheet('Check-in list')!.actualRowCount).toBe(approved + 1)
  await desk.close()
})
