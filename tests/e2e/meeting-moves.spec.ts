// The organisers' meetings list and the move form in the browser: Mathieu Laurent finds Kadri
// Tamm's meeting with Piotr Nowak in the list, opens its move form and is told next to the
// field when nothing would change; then he moves Felix Krüger's meeting with Sólveig Berg to a
// time and table both are free, and both get the "moved" email whose invite updates the same
// calendar entry, and see the new time on their meetings page. The pages are checked with axe.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { formatLongDate, formatShortDate, formatTimeRange } from '#app/lib/time.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { demoEventPath, demoStaff, gotoHydrated, readInvite, signInAs, waitForHydration, withE2eDatabase } from './support.ts'

test.describe.configure({ timeout: 120_000 })

const shots = '/tmp/muster-shots'

/** A confirmed demo meeting of two attendees no other spec signs in as, books with or schedules. */
const movedPair = [
  { email: 'felix.kruger@ndab.example', name: 'Felix Krüger' },
  { email: 'solveig.berg@kestrel-vision.example', name: 'Sólveig Berg' },
] as const

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

/** The link that opens a meeting's move form, whichever order the list names its two people in. */
function moveLinkName(first: string, second: string) {
  return new RegExp(`^Move the meeting of (${first} and ${second}|${second} and ${first})$`)
}

/**
 * The pair's meeting, and where it can go: the last bookable slot in which neither has a meeting
 * or a block (the checks the move makes), and the highest-numbered demo table that is free then
 * and reserved for nobody. meeting-setup.spec adds and removes a table of its own: not a demo one.
 */
async function meetingAndFreeTarget() {
  return withE2eDatabase(async (db) => {
    const meeting = await db.meeting.findFirstOrThrow({
      where: { status: 'CONFIRMED', event: { slug: demoEventPath.split('/').at(-1)! }, AND: movedPair.map(({ email }) => ({ participants: { some: { user: { email } } } })) },
      select: {
        id: true,
        eventId: true,
        slotId: true,
        calendarUid: true,
        slot: { select: { startsAt: true, endsAt: true } },
        table: { select: { number: true } },
        event: { select: { timeZone: true } },
        participants: { select: { userId: true } },
      },
    })
    const userIds = meeting.participants.map((participant) => participant.userId)
    const slot = await db.meetingSlot.findFirstOrThrow({
      where: {
        eventId: meeting.eventId,
        id: { not: meeting.slotId },
        startsAt: { gt: new Date() },
        window: { kind: 'B2B_WINDOW', status: 'SCHEDULED' },
        participants: { none: { userId: { in: userIds } } },
        blocks: { none: { userId: { in: userIds } } },
      },
      orderBy: { startsAt: 'desc' },
      select: { id: true, startsAt: true, endsAt: true },
    })
    const table = await db.meetingTable.findFirstOrThrow({
      where: { eventId: meeting.eventId, id: { startsWith: 'seed-' }, reservedForOrganisationId: null, meetings: { none: { activeSlotId: slot.id } } },
      orderBy: { number: 'desc' },
      select: { number: true },
    })
    return { meeting, slot, table: `Table ${table.number}`, timeZone: meeting.event.timeZone }
  })
}

/** A browser of the person's own, signed in. */
async function personPage(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext()
  await signInAs(context, baseURL, email)
  return { context, page: await context.newPage() }
}

test('the organiser finds a meeting in the list and the move form explains a refusal next to the field', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, `${demoEventPath}/manage/matchmaking/meetings`)
  await expect(page.getByRole('heading', { level: 2, name: 'Confirmed meetings' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-meetings.png`, fullPage: true })

  await page.getByRole('link', { name: moveLinkName('Kadri Tamm', 'Piotr Nowak') }).click()
  await waitForHydration(page)
  await expect(page.getByRole('heading', { level: 2, name: 'Move a meeting' })).toBeVisible()

  await page.getByRole('button', { name: 'Move the meeting' }).click()
  await expect(page.getByText('The meeting is already at this time. Choose another time or table.')).toBeVisible()
  await expect(page.getByLabel('New time')).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/meeting-move-error.png`, fullPage: true })
})

test('the organiser moves a meeting to a free time and table, and both people get the updated invite and see the new time', async ({
  browser,
  page,
  context,
  baseURL,
}) => {
  const { meeting, slot, table, timeZone } = await meetingAndFreeTarget()
  const newTime = formatTimeRange(slot.startsAt, slot.endsAt, timeZone)
  const newSlotLabel = `${formatShortDate(slot.startsAt, timeZone)}, ${newTime}`
  const [first, second] = movedPair
  const people = await Promise.all(movedPair.map(({ email }) => personPage(browser, baseURL!, email)))

  // The calendar entry each person has before the move: the meeting's own download.
  const before = await Promise.all(
    people.map(async ({ page: personal }) => {
      const response = await personal.request.get(`${demoEventPath}/meetings/${meeting.id}/calendar.ics`)
      expect(response.status()).toBe(200)
      return readWithIcalJs(await response.text()).events[0]!
    }),
  )
  for (const entry of before) expect(entry).toMatchObject({ uid: meeting.calendarUid, start: meeting.slot.startsAt })

  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, `${demoEventPath}/manage/matchmaking/meetings`)
  await page.getByRole('link', { name: moveLinkName(first.name, second.name) }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Move a meeting' })).toBeVisible()
  await waitForHydration(page)
  await expect(page.getByText('Between', { exact: true }).locator('xpath=following-sibling::dd')).toContainText(first.name)
  await page.getByLabel('New time').selectOption({ label: newSlotLabel })
  await page.getByLabel('Table', { exact: true }).selectOption({ label: table })
  await page.getByRole('button', { name: 'Move the meeting' }).click()
  await expect(page.getByRole('status')).toContainText('Meeting moved. Both people have been sent the new time and table')
  const now = page.getByText('Now', { exact: true }).locator('xpath=following-sibling::dd')
  await expect(now).toContainText(newSlotLabel)
  await expect(now).toContainText(table)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/meeting-move-done.png`, fullPage: true })
  // Sending the form again changes nothing, and the page no longer says it moved.
  await page.getByRole('button', { name: 'Move the meeting' }).click()
  await expect(page.getByText('The meeting is already at this time. Choose another time or table.')).toBeVisible()
  await expect(page.getByRole('status')).toHaveCount(0)

  await page.getByRole('link', { name: 'Back to all meetings' }).click()
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: moveLinkName(first.name, second.name) }) })
  await expect(row.getByRole('cell').nth(0)).toContainText(newSlotLabel)
  await expect(row.getByRole('cell').nth(1)).toHaveText(table)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-meetings-after-move.png`, fullPage: true })

  for (const [index, person] of movedPair.entries()) {
    const other = movedPair[1 - index]!
    const { page: personal } = people[index]!
    const moved = await readInvite(personal, person.email, new RegExp(`Your meeting with ${other.name}.* has moved`))
    expect(moved.calendar.method).toBe('REQUEST')
    expect(moved.calendar.events).toHaveLength(1)
    const [update] = moved.calendar.events
    expect(update!.uid).toBe(before[index]!.uid)
    expect(update!.sequence).toBeGreaterThan(before[index]!.sequence)
    expect(update!.start).toEqual(slot.startsAt)
    expect(update!.end).toEqual(slot.endsAt)
    expect(update!.location.startsWith(`${table},`), update!.location).toBe(true)
    expect(moved.text).toContain(newTime)
    expect(moved.text).toContain(`Before: ${formatLongDate(meeting.slot.startsAt, timeZone)}`)

    await gotoHydrated(personal, `${demoEventPath}/meetings`)
    const item = personal.getByRole('region', { name: 'Upcoming meetings' }).getByRole('listitem').filter({ hasText: other.name })
    await expect(item).toContainText(`${formatLongDate(slot.startsAt, timeZone)}, ${newTime}`)
    await expect(item).toContainText(table)
    await expectNoAxeViolations(personal)
    await personal.screenshot({ path: `${shots}/meeting-moved-${index === 0 ? 'first' : 'second'}-person.png`, fullPage: true })
  }
  await Promise.all(people.map(({ context: personal }) => personal.close()))
})
