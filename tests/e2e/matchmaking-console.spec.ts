// The organiser's matchmaking console in the browser on the demo event: Mathieu Laurent opens
// the scheduler, adds and removes a must-meet pair, previews the seeded must-meet pairs that
// have no meeting yet, applies the plan, and a placed attendee finds the meeting on their
// meetings page and the invite in the development mailbox. The live numbers page and the
// CSV export are checked too, and the console pages with axe.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { demoEventPath, demoStaff, signInAs, withE2eDatabase } from './support.ts'

test.describe.configure({ timeout: 180_000 })

const shots = '/tmp/muster-shots'
const schedulePath = `${demoEventPath}/manage/matchmaking/schedule`

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('the organiser previews and applies the schedule, and a placed attendee finds the meeting and the invite', async ({ browser, page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await page.goto(schedulePath, { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 2, name: 'Scheduler' })).toBeVisible()

  // A pair added and taken out again, so the plan below stays the seeded one.
  const pairs = page.getByRole('table', { name: 'Must-meet pairs' })
  const seededPairs = await pairs.getByRole('row').count()
  await page.getByLabel('First participant').selectOption({ index: 1 })
  await page.getByLabel('Second participant').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Add the pair' }).click()
  await expect(page.getByText('Choose two different people.')).toBeVisible()
  await page.getByLabel('Second participant').selectOption({ index: 2 })
  await page.getByLabel('Priority').selectOption('3')
  await page.getByRole('button', { name: 'Add the pair' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Must-meet pair added.' })).toBeVisible()
  await expect(pairs.getByRole('row')).toHaveCount(seededPairs + 1)
  await pairs.getByRole('row').filter({ hasText: 'Not yet' }).filter({ has: page.getByRole('cell', { name: '3', exact: true }) }).last().getByRole('button', { name: /^Remove/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Must-meet pair removed.' })).toBeVisible()
  await expect(pairs.getByRole('row')).toHaveCount(seededPairs)

  const placed = page.getByRole('table', { name: 'Meetings the scheduler would book' })
  await expect(placed.getByRole('row')).not.toHaveCount(0)
  await expect(placed.getByText(/Must meet \(priority \d\)/).first()).toBeVisible()
  const toBook = Number(await page.getByText('Meetings to book').locator('xpath=following-sibling::dd').textContent())
  expect(toBook).toBeGreaterThan(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-schedule-preview.png`, fullPage: true })

  const startedAt = new Date()
  await page.getByRole('button', { name: /^Book \d+ meetings? and send the invites$/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'booked; both people of each were sent the invite' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Nothing to book' })).toBeDisabled()
  await page.screenshot({ path: `${shots}/matchmaking-schedule-applied.png`, fullPage: true })

  // Who was placed, read from the database the server wrote.
  const booked = await withE2eDatabase((db) =>
    db.meeting.findMany({
      where: { source: 'SCHEDULER', createdAt: { gte: new Date(startedAt.getTime() - 1_000) } },
      select: { calendarUid: true, table: { select: { number: true } }, participants: { select: { user: { select: { email: true, name: true } } } } },
    }),
  )
  expect(booked).toHaveLength(toBook)
  const [attendee, other] = booked[0]!.participants.map((participant) => participant.user)

  const attendeeContext = await browser.newContext()
  await signInAs(attendeeContext, baseURL!, attendee!.email)
  const attendeePage = await attendeeContext.newPage()
  await attendeePage.goto(`${demoEventPath}/meetings`)
  const upcoming = attendeePage.getByRole('region', { name: 'Upcoming meetings' })
  const meeting = upcoming.getByRole('listitem').filter({ hasText: other!.name })
  await expect(meeting).toBeVisible()
  await expect(meeting.getByText(`Table ${booked[0]!.table.number}`)).toBeVisible()
  await expect(meeting.getByText('Arranged by the organisers')).toBeVisible()

  const message = attendeePage.getByRole('link', { name: new RegExp(`Your meeting with ${other!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* is booked`) }).first()
  await expect(async () => {
    await attendeePage.goto(`/dev/mailbox?to=${encodeURIComponent(attendee!.email)}`)
    await expect(message).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await message.click()
  const ics = await attendeePage.getByRole('region', { name: /Calendar invite/ }).textContent()
  const invite = readWithIcalJs(ics!.replace(/\r?\n/g, '\r\n'))
  expect(invite.method).toBe('REQUEST')
  expect(invite.events[0]!.uid).toBe(booked[0]!.calendarUid)
  expect(invite.events[0]!.location).toContain(`Table ${booked[0]!.table.number}`)
  await attendeeContext.close()

  await page.goto(`${demoEventPath}/manage/matchmaking/console`, { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 2, name: 'Live numbers' })).toBeVisible()
  await expect(page.getByRole('table', { name: /Confirmed meetings in each slot/ })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-console-numbers.png`, fullPage: true })
  const csv = await page.request.get(`${demoEventPath}/manage/matchmaking/export/meetings.csv`)
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8')
  const csvText = await csv.text()
  expect(csvText).toContain(attendee!.email)
  expect(csvText.split('\r\n').filter((line) => line.includes('"Scheduler"')).length).toBeGreaterThanOrEqual(toBook)
})
