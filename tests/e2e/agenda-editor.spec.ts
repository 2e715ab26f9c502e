// The organiser builds and changes the agenda; an attendee signs up and every change reaches
// their mailbox as an update of the same calendar entry. Against the production build and
// the seeded demo event, in Chromium.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { zoneAbbreviation } from '#app/lib/time.ts'
import { demo, demoSlug, nextEndOfEuropeanSummerTime } from '#tests/support/demo.ts'
import { demoEventPath, demoStaff, gotoHydrated, readInvite, signInAs, waitForHydration, withE2eDatabase } from './support.ts'

/** Approved demo attendees no other spec uses: picked by position, read-only. */
async function approvedAttendee(position: number) {
  return withE2eDatabase(async (db) => {
    const registration = await db.registration.findMany({
      where: { status: 'APPROVED', event: { slug: demoSlug }, user: { email: { endsWith: '.example' }, eventRoles: { none: {} } } },
      orderBy: { user: { email: 'desc' } },
      skip: position,
      take: 1,
      select: { user: { select: { email: true } } },
    })
    return registration[0]!.user.email
  })
}

/** The editor names a new session's page after its title. */
function sessionPath(title: string) {
  return `${demoEventPath}/sessions/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
}

async function contextFor(browser: Browser, baseURL: string, email: string, timezoneId = 'Europe/Brussels') {
  const context = await browser.newContext({ timezoneId })
  await signInAs(context, baseURL, email)
  return { context, page: await context.newPage() }
}

async function createSession(page: Page, values: { title: string; date: string; start: string; end: string; capacity: string }) {
  await gotoHydrated(page, `${demoEventPath}/manage/agenda/sessions/new`)
  await page.getByLabel('Title').fill(values.title)
  await page.getByLabel('Kind').selectOption('BREAKOUT')
  await page.getByLabel('Room').selectOption({ index: 2 })
  await page.getByLabel('Day', { exact: true }).fill(values.date)
  await page.getByLabel('Starts', { exact: true }).fill(values.start)
  await page.getByLabel('Ends', { exact: true }).fill(values.end)
  await page.getByLabel('Capacity').fill(values.capacity)
  await page.getByRole('button', { name: 'Create session' }).click()
  await expect(page).toHaveURL(/\/manage\/agenda$/)
  await expect(page.getByRole('status').filter({ hasText: 'Session created.' })).toBeVisible()
}

async function moveSession(page: Page, title: string, values: { date?: string; start: string; end: string }) {
  await page.goto(`${demoEventPath}/manage/agenda`)
  await page.getByRole('link', { name: title }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await waitForHydration(page)
  if (values.date) await page.getByLabel('Day', { exact: true }).fill(values.date)
  await page.getByLabel('Starts', { exact: true }).fill(values.start)
  await page.getByLabel('Ends', { exact: true }).fill(values.end)
  await page.getByRole('button', { name: 'Review changes' }).click()
  await expect(page.getByRole('heading', { name: 'Review your change' })).toBeVisible()
  await expect(page.getByText('1 person will get an email saying what changed')).toBeVisible()
  await page.getByRole('button', { name: 'Save and notify 1 person' }).click()
  await expect(page).toHaveURL(/\/manage\/agenda$/)
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved. 1 person will get an email with the change and an updated invite.' })).toBeVisible()
}

test('an organiser creates a breakout, an attendee signs up, and a move and a cancellation reach their calendar', async ({ browser, baseURL }) => {
  const title = `Counter-swarm tactics workshop ${Date.now().toString(36)}`
  const attendeeEmail = await approvedAttendee(3)
  const organiser = await contextFor(browser, baseURL!, demoStaff.organiser)
  await createSession(organiser.page, { title, date: demo.dayKey(1), start: '16:00', end: '17:00', capacity: '30' })
  await expect(organiser.page.getByRole('link', { name: title })).toBeVisible()

  const attendee = await contextFor(browser, baseURL!, attendeeEmail)
  await gotoHydrated(attendee.page, sessionPath(title))
  await expect(attendee.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(attendee.page.getByText('30 of 30 seats left.')).toBeVisible()
  await attendee.page.getByRole('button', { name: 'Sign up' }).click()
  await expect(attendee.page.getByText('You have a seat.')).toBeVisible()
  await expect(attendee.page.getByText('29 of 30 seats left.')).toBeVisible()

  await attendee.page.goto(`${demoEventPath}/my-agenda`)
  const item = attendee.page.getByRole('listitem').filter({ hasText: title })
  await expect(item).toContainText('16:00–17:00')
  const joined = await readInvite(attendee.page, attendeeEmail, /Your seat is booked/)
  const [original] = joined.calendar.events
  expect(original!.start.toISOString()).toBe(demo.eventDayTime(1, '16:00').toISOString())

  await moveSession(organiser.page, title, { start: '17:00', end: '18:00' })
  const moved = await readInvite(attendee.page, attendeeEmail, /^Changed:/)
  expect(moved.calendar.method).toBe('REQUEST')
  const [update] = moved.calendar.events
  expect(update!.uid).toBe(original!.uid)
  expect(update!.sequence).toBeGreaterThan(original!.sequence)
  expect(update!.start.toISOString()).toBe(demo.eventDayTime(1, '17:00').toISOString())
  const zone = zoneAbbreviation(demo.eventDayTime(1, '16:00'), demo.timeZone)
  expect(moved.text).toContain(`16:00–17:00 ${zone}`)
  expect(moved.text).toContain(`17:00–18:00 ${zone}`)
  await attendee.page.goto(`${demoEventPath}/my-agenda`)
  await expect(attendee.page.getByRole('listitem').filter({ hasText: title })).toContainText('17:00–18:00')

  await organiser.page.goto(`${demoEventPath}/manage/agenda`)
  await organiser.page.getByRole('link', { name: title }).first().click()
  await organiser.page.getByRole('button', { name: 'Cancel this session…' }).click()
  await expect(organiser.page.getByText('1 person will get the cancellation')).toBeVisible()
  await organiser.page.getByRole('button', { name: 'Cancel the session and notify 1' }).click()
  await expect(organiser.page).toHaveURL(/\/manage\/agenda$/)
  await expect(organiser.page.getByRole('status').filter({ hasText: 'Session cancelled. 1 person will get the cancellation' })).toBeVisible()
  const cancelled = await readInvite(attendee.page, attendeeEmail, /^Cancelled:/)
  expect(cancelled.calendar.method).toBe('CANCEL')
  expect(cancelled.calendar.events[0]).toMatchObject({ uid: original!.uid, status: 'CANCELLED' })
  expect(cancelled.calendar.events[0]!.sequence).toBeGreaterThan(update!.sequence)

  await Promise.all([organiser.context.close(), attendee.context.close()])
})

test('a session moved across the end of summer time shows the right hour in the event zone, in New York and in the invite', async ({ browser, baseURL }) => {
  const title = `Autumn interoperability trial ${Date.now().toString(36)}`
  const attendeeEmail = await approvedAttendee(4)
  const organiser = await contextFor(browser, baseURL!, demoStaff.organiser)
  const { saturday, sunday } = nextEndOfEuropeanSummerTime()
  // The Saturday before the clocks go back, 10:00 CEST: outside the event's days, which the editor points out.
  await createSession(organiser.page, { title, date: saturday, start: '10:00', end: '11:00', capacity: '20' })
  await expect(organiser.page.getByRole('row').filter({ hasText: title })).toContainText('outside the event’s days')

  const attendee = await contextFor(browser, baseURL!, attendeeEmail, 'America/New_York')
  const sessionUrl = sessionPath(title)
  await gotoHydrated(attendee.page, sessionUrl)
  await attendee.page.getByRole('button', { name: 'Sign up' }).click()
  await expect(attendee.page.getByText('You have a seat.')).toBeVisible()

  // The Sunday, 10:00: the clocks went back at 03:00, so this is CET.
  await moveSession(organiser.page, title, { date: sunday, start: '10:00', end: '11:00' })
  const moved = await readInvite(attendee.page, attendeeEmail, /^Changed:/)
  expect(moved.calendar.timezoneIds).toContain('Europe/Brussels')
  expect(moved.calendar.events[0]!.start.toISOString()).toBe(`${sunday}T09:00:00.000Z`)
  expect(moved.text).toContain('10:00–11:00 CEST')
  expect(moved.text).toContain('10:00–11:00 CET')

  // New York is still on summer time until the first Sunday of November: 09:00 UTC is 05:00 EDT.
  await gotoHydrated(attendee.page, sessionUrl)
  await expect(attendee.page.getByText('10:00–11:00').first()).toBeVisible()
  await expect(attendee.page.getByText(/Your time: .*05:00–06:00 EDT/).first()).toBeVisible()
  await gotoHydrated(attendee.page, `${demoEventPath}/my-agenda`)
  const item = attendee.page.getByRole('listitem').filter({ hasText: title })
  await expect(item).toContainText('10:00–11:00')
  await expect(item).toContainText('CET')
  await expect(item).toContainText(/Your time: .*05:00–06:00 EDT/)

  await Promise.all([organiser.context.close(), attendee.context.close()])
})

test('the agenda editor, its grid, the session form and the setup page are accessible', async ({ browser, baseURL }) => {
  const organiser = await contextFor(browser, baseURL!, demoStaff.organiser)
  const { page } = organiser
  for (const path of ['/manage/agenda', '/manage/agenda?view=grid', '/manage/agenda/sessions/new', '/manage/agenda/setup']) {
    await gotoHydrated(page, `${demoEventPath}${path}`)
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations, `${path}: ${results.violations.map((violation) => violation.id).join(', ')}`).toEqual([])
  }
  // The grid is a sequence of links in time order: Tab reaches the first session.
  await page.goto(`${demoEventPath}/manage/agenda?view=grid`)
  await page.locator('.agenda-grid__session').first().focus()
  await expect(page.locator('.agenda-grid__session').first()).toBeFocused()

  // Editing an existing session: the form opens with its values and reviews before saving.
  await page.goto(`${demoEventPath}/manage/agenda`)
  await page.locator('.agenda-editor-table tbody a').first().click()
  await expect(page.getByRole('button', { name: 'Review changes' })).toBeVisible()
  await waitForHydration(page)
  await page.getByLabel('Abstract').fill('A clearer abstract.')
  await page.getByRole('button', { name: 'Review changes' }).click()
  await expect(page.getByText('Nothing that attendees have in their calendars changes.')).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations).toEqual([])

  // Impossible input stays next to its field and saves nothing.
  await page.getByLabel('Ends', { exact: true }).fill('00:30')
  await page.getByRole('button', { name: 'Review again' }).click()
  await expect(page.getByText('The session must end after it starts')).toBeVisible()
  await organiser.context.close()
})

test('the grid shows every session’s title, the twenty-minute ones included', async ({ browser, baseURL }) => {
  const organiser = await contextFor(browser, baseURL!, demoStaff.organiser)
  const { page } = organiser
  await page.goto(`${demoEventPath}/manage/agenda?view=grid`)
  const sessions = page.locator('.agenda-grid__session')
  expect(await sessions.count()).toBeGreaterThan(10)
  const hidden = await sessions.evaluateAll((links) =>
    links
      .map((link) => {
        const title = link.querySelector('.agenda-grid__title')!
        const box = link.getBoundingClientRect()
        const shown = title.getBoundingClientRect()
        // Some of the title is inside the card: its first line is not cut off below the card's edge.
        const visible = shown.height > 0 && shown.top >= box.top - 1 && shown.top + 10 <= box.bottom && shown.width >= 30
        return visible ? null : title.textContent
      })
      .filter((title) => title !== null),
  )
  expect(hidden).toEqual([])
  await organiser.context.close()
})

test('moving a B2B window to another room previews how many people with meetings there get their new place', async ({ browser, baseURL }) => {
  const { context, page } = await contextFor(browser, baseURL!, demoStaff.organiser)
  const window = await withE2eDatabase((db) =>
    db.agendaSession.findFirstOrThrow({ where: { event: { slug: demoSlug }, slug: 'b2b-meetings-day-2' }, select: { id: true, roomId: true } }),
  )
  // Both people of each upcoming confirmed meeting in the window (the demo's are all ahead).
  const meetingPeople = await withE2eDatabase(async (db) => 2 * (await db.meeting.count({ where: { status: 'CONFIRMED', slot: { windowId: window.id, startsAt: { gt: new Date() } } } })))
  expect(meetingPeople).toBeGreaterThan(0)
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await gotoHydrated(page, `${demoEventPath}/manage/agenda/sessions/${window.id}`)
    const otherRoom = await page.getByLabel('Room').locator('option').evaluateAll((options, current) => options.map((option) => (option as HTMLOptionElement).value).find((value) => value && value !== current), window.roomId)
    await page.getByLabel('Room').selectOption(otherRoom!)
    await page.getByRole('button', { name: 'Review changes' }).click()
    const preview = page.getByRole('region', { name: 'Review your change' })
    await expect(preview.getByText(`${meetingPeople} people with upcoming B2B meetings in this window will get the new place with their updated meeting invite.`)).toBeVisible()
    await expect(preview.getByRole('button', { name: `Save and notify ${meetingPeople} people` })).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await preview.screenshot({ path: `/tmp/muster-shots/b2b-window-room-preview-${width}.png` })
  }
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((violation) => violation.id)).toEqual([])
  // Only reviewed: nothing is saved, so the demo stays as other specs expect it.
  await context.close()
})

test('a new name or location for a room is reviewed first: how many invitations go to whom, before anything is saved', async ({ browser, baseURL }) => {
  const { context, page } = await contextFor(browser, baseURL!, demoStaff.organiser)
  const hall = await withE2eDatabase((db) => db.room.findFirstOrThrow({ where: { event: { slug: demoSlug }, name: 'Plenary Hall' }, select: { id: true, location: true } }))
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await gotoHydrated(page, `${demoEventPath}/manage/agenda/setup`)
    await page.getByText('Plenary Hall', { exact: false }).first().click()
    const form = page.getByRole('form', { name: 'Edit room Plenary Hall' })
    await expect(form.getByText(/sessions yet to begin are held here\. Before a new name or location is saved, you see who will be told\./)).toBeVisible()
    await form.getByLabel('Location').fill('Main building, first floor')
    await form.getByRole('button', { name: 'Save room' }).click()
    const review = form.getByRole('region', { name: 'Not saved yet: review the new place' })
    // Nothing is saved yet, and a screen reader hears so first.
    await expect(review.getByRole('heading', { name: 'Not saved yet: review the new place' })).toBeFocused()
    await expect(review.getByRole('cell', { name: 'Plenary Hall (Main building, first floor), NATO Headquarters' })).toBeVisible()
    await expect(review.getByText(/^[\d,]+ updated session invitations \(one per person and session\) for Opening address, /)).toBeVisible()
    await expect(review.getByRole('button', { name: /^Save and send [\d,]+ emails$/ })).toBeVisible()
    await expect(review.getByRole('button', { name: 'Review again' })).toBeVisible()
    await expect(form.getByRole('button', { name: 'Save room' })).toHaveCount(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await form.screenshot({ path: `/tmp/muster-shots/room-place-review-${width}.png` })
  }
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((violation) => violation.id)).toEqual([])
  // Only reviewed: nothing is saved, so the demo stays as other specs expect it.
  expect(await withE2eDatabase((db) => db.room.findUniqueOrThrow({ where: { id: hall.id }, select: { location: true } }))).toEqual({ location: hall.location })
  await context.close()
})
