// At 360 and 390 px (phones at the venue) and 1280 px (a desk) no page an attendee or a staff
// member (organiser, vetting officer, check-in desk) opens scrolls sideways: wide tables scroll
// inside their own frame, long addresses wrap. At 390 and 1280 px
// each page is axe clean too.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { queueEmail } from '#app/domain/messages/queued-email.server.ts'
import { demoEventPath, demoStaff, signInAs, withE2eDatabase } from './support.ts'

const journeys = {
  organiser: {
    email: demoStaff.organiser,
    paths: ['/manage', '/manage/vetting', '/manage/check-in', '/manage/agenda', '/manage/agenda?view=grid', '/manage/agenda/setup', '/manage/matchmaking', '/manage/matchmaking/schedule', '/manage/matchmaking/console', '/manage/matchmaking/meetings', '/manage/matchmaking/setup', '/manage/staff', '/manage/audit', '/manage/dashboard', '/manage/messages', '/manage/messages/new'].map((path) => `${demoEventPath}${path}`).concat(['/dev/mailbox']),
  },
  vettingOfficer: {
    email: demoStaff.vettingOfficer,
    paths: ['', '/manage/vetting', '/manage/vetting?status=APPROVED', '/manage/vetting?status=PENDING&q=a', '/manage/dashboard'].map((path) => `${demoEventPath}${path}`).concat(['/account']),
  },
  checkIn: {
    email: demoStaff.checkIn,
    paths: ['', '/manage/check-in', '/manage/check-in?q=tamm'].map((path) => `${demoEventPath}${path}`).concat(['/account']),
  },
  attendee: {
    email: 'kadri.tamm@hornet.example',
    paths: ['', '/agenda', '/agenda?day=all', '/my-agenda', '/meetings', '/meetings/schedule', '/matchmaking', '/matchmaking/directory', '/matchmaking/profile', '/registration', '/register', '/who-is-coming'].map((path) => `${demoEventPath}${path}`).concat(['/account', '/account/calendar']),
  },
} as const

for (const width of [360, 390, 1280]) for (const [who, journey] of Object.entries(journeys)) {
  test(`every page of the ${who}'s journey fits a ${width} px screen`, async ({ browser, baseURL }) => {
    // Up to 36 pages, each with axe at 390 and 1280 px: about 40 s alone, twice that on a loaded two-core machine.
    test.setTimeout(240_000)
    const context = await browser.newContext({ viewport: { width, height: 844 } })
    await signInAs(context, baseURL!, journey.email)
    const page = await context.newPage()
    const sideways: string[] = []
    for (const path of journey.paths) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(200)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      if (overflow > 0) sideways.push(`${path} (+${overflow} px)`)
      if (width !== 360) {
        const results = await new AxeBuilder({ page }).analyze()
        expect(results.violations.map((violation) => violation.id), path).toEqual([])
      }
    }
    expect(sideways).toEqual([])
    await context.close()
  })
}

test('console tables stack on a phone: each row a card, each cell on a line of its own after its column name', async ({ browser, baseURL }) => {
  // The mailbox lists a message of this test's own, whatever else has run before it.
  const recipient = `phone-width.${Date.now()}@example.org`
  await withE2eDatabase((db) =>
    queueEmail(db, {
      idempotencyKey: `e2e-phone-width:${recipient}`,
      kind: 'sign-in',
      to: { email: recipient },
      email: { template: 'sign-in', props: { code: '271828', link: 'http://localhost/sign-in/link?token=e2e', expiresInMinutes: 10 } },
    }),
  )
  const pages = [
    { path: `${demoEventPath}/manage`, table: 'Event staff, table', labels: ['Name', 'Email', 'Role'] },
    { path: `${demoEventPath}/manage/matchmaking/meetings`, table: 'Confirmed meetings, table', labels: ['Time', 'Table', 'Between'] },
    { path: `/dev/mailbox?to=${encodeURIComponent(recipient)}`, table: null, labels: ['Queued', 'To', 'Subject', 'Kind', 'Status'] },
  ]
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 844 } })
    await signInAs(context, baseURL!, demoStaff.organiser)
    const page = await context.newPage()
    for (const { path, table, labels } of pages) {
      await page.goto(path)
      const frame = table ? page.getByRole('region', { name: table }) : page.locator('.mailbox-table')
      const cells = frame.locator('tbody tr').first().locator('td')
      const boxes = await cells.evaluateAll((elements) => elements.map((cell) => ({ x: Math.round(cell.getBoundingClientRect().left), y: Math.round(cell.getBoundingClientRect().top), label: cell.dataset.label })))
      expect(boxes.slice(0, labels.length).map((box) => box.label), path).toEqual(labels)
      const lefts = new Set(boxes.map((box) => box.x))
      // On a phone every cell starts at the same left edge, one under the other; on a desk they sit side by side.
      if (width === 390) {
        expect(lefts.size, path).toBe(1)
        expect(boxes.every((box, index) => index === 0 || box.y > boxes[index - 1]!.y), path).toBe(true)
        await expect(frame.locator('thead')).toHaveCSS('position', 'absolute')
      } else {
        expect(lefts.size, path).toBe(boxes.length)
      }
    }
    await context.close()
  }
})
