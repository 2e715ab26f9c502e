// At 360 and 390 px (phones at the venue) and 1280 px (a desk) no page an attendee or a staff
// member (organiser, vetting officer, check-in desk) opens scrolls sideways: wide tables scroll
// inside their own frame, long addresses wrap, the header truncates a name. At 390 and 1280 px
// each page is axe clean too.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs } from './support.ts'

const journeys = {
  organiser: {
    email: demoStaff.organiser,
    paths: ['/manage', '/manage/vetting', '/manage/check-in', '/manage/agenda', '/manage/agenda?view=grid', '/manage/agenda/setup', '/manage/matchmaking', '/manage/matchmaking/schedule', '/manage/matchmaking/console', '/manage/matchmaking/meetings', '/manage/matchmaking/setup', '/manage/audit'].map((path) => `${demoEventPath}${path}`).concat(['/dev/mailbox']),
  },
  vettingOfficer: {
    email: demoStaff.vettingOfficer,
    paths: ['', '/manage/vetting', '/manage/vetting?status=APPROVED', '/manage/vetting?status=PENDING&q=a'].map((path) => `${demoEventPath}${path}`).concat(['/account']),
  },
  checkIn: {
    email: demoStaff.checkIn,
    paths: ['', '/manage/check-in', '/manage/check-in?q=tamm'].map((path) => `${demoEventPath}${path}`).concat(['/account']),
  },
  attendee: {
    email: 'kadri.tamm@hornet.example',
    paths: ['', '/agenda', '/agenda?day=all', '/my-agenda', '/meetings', '/meetings/schedule', '/matchmaking', '/matchmaking/directory', '/matchmaking/profile', '/registration'].map((path) => `${demoEventPath}${path}`).concat(['/account', '/account/calendar']),
  },
} as const

for (const width of [360, 390, 1280]) for (const [who, journey] of Object.entries(journeys)) {
  test(`every page of the ${who}'s journey fits a ${width} px screen`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000)
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
