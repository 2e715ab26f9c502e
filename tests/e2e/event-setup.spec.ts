// Organisers' own events on the demo installation, in the browser: someone who is not an event
// creator is told whom to ask; the owner starts next year's edition from the demo; a published
// event moves to a new venue and to new dates after a review, and a registrant's invite follows.
// (The first hour on an empty installation is fresh-install.spec.ts.) axe on every new page.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { calendarDayParts, daysBetweenDateKeys, formatLongDate, formatTimeRange, shiftByCalendarDays, zoneAbbreviation } from '#app/lib/time.ts'
import { nextEndOfEuropeanSummerTime } from '#tests/support/demo.ts'
import { demoEventPath, demoStaff, gotoHydrated, readInvite, signInAs, waitForHydration, withE2eDatabase } from './support.ts'

test.describe.configure({ timeout: 120_000 })

/** The page fits a phone and a desktop without scrolling sideways; it is left at desktop width. */
async function expectNoSidewaysScroll(page: Page) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${page.url()} at ${width} px`).toBe(true)
  }
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('someone who is not an event creator is told whom to ask', async ({ page, context, baseURL }) => {
  const email = `attendee-${randomBytes(4).toString('hex')}@example.org`
  await withE2eDatabase((db) => db.user.create({ data: { email, name: 'Not A Creator' } }))
  await signInAs(context, baseURL!, email)
  const response = await page.goto('/events/new')
  expect(response!.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Only event creators can create events' })).toBeVisible()
  await expect(page.getByLabel('Title')).toHaveCount(0)
  await expectNoAxeViolations(page)
})

test('the owner starts next year’s industry day from this year’s, and the agenda keeps its times across the change to summer time', async ({ page, context, baseURL }) => {
  const suffix = randomBytes(4).toString('hex')
  const slug = `counter-uas-2028-${suffix}`
  const demo = await withE2eDatabase((db) =>
    db.event.findUniqueOrThrow({
      where: { slug: demoEventPath.split('/').pop()! },
      select: { id: true, title: true, timeZone: true, sessions: { where: { status: 'SCHEDULED' }, orderBy: { startsAt: 'asc' }, take: 1, select: { title: true, startsAt: true, endsAt: true } } },
    }),
  )
  const first = demo.sessions[0]!
  // About a year on, on the same weekday, in the other half of the year's clock (summer time if
  // the demo is in winter time, and the other way round).
  const firstDayKey = calendarDayParts(first.startsAt, demo.timeZone).key
  const weeksNearAYear = Array.from({ length: 53 }, (_, index) => 52 + (index % 2 === 0 ? index / 2 : -(index + 1) / 2))
  const newFirstDay = weeksNearAYear.map((weeks) => shiftByCalendarDays(first.startsAt, weeks * 7, demo.timeZone)).find(
    (moved) => zoneAbbreviation(moved, demo.timeZone) !== zoneAbbreviation(first.startsAt, demo.timeZone),
  )!
  const newFirstDayKey = calendarDayParts(newFirstDay, demo.timeZone).key
  expect(newFirstDay.getTime() - first.startsAt.getTime()).not.toBe(daysBetweenDateKeys(firstDayKey, newFirstDayKey) * 86_400_000)

  await signInAs(context, baseURL!, demoStaff.owner)
  await gotoHydrated(page, '/events/new')
  const clone = page.getByRole('region', { name: 'Start from an earlier event' })
  await clone.getByLabel('Event to start from').selectOption(demo.id)
  await clone.getByLabel('New title').fill(`Counter-UAS Industry Day 2028 ${suffix}`)
  await clone.getByLabel('New address of the event page').fill(slug)
  await clone.getByLabel('New first day').fill(newFirstDayKey)
  await expectNoAxeViolations(page)
  await clone.getByRole('button', { name: 'Copy into a new draft' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Draft event created' })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`/events/${slug}/manage/settings$`))

  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Agenda' }).click()
  // The first session, a year on: the same time of day in Brussels (CET then, CEST now, or the reverse), on the new first day.
  const day = page.getByRole('region', { name: `Sessions on ${formatLongDate(newFirstDay, demo.timeZone)}` })
  const row = day.getByRole('row').filter({ hasText: first.title })
  await expect(row).toContainText(formatTimeRange(first.startsAt, first.endsAt, demo.timeZone))
  const copied = await withE2eDatabase((db) => db.agendaSession.findFirstOrThrow({ where: { event: { slug }, title: first.title }, select: { startsAt: true } }))
  expect(copied.startsAt.getTime()).toBe(newFirstDay.getTime())
})

test('the organiser moves a published event to a new venue, then a week later across the end of summer time, then cancels it, and a registrant’s invite follows each time', async ({ page, context, baseURL }) => {
  const suffix = randomBytes(4).toString('hex')
  const { saturday } = nextEndOfEuropeanSummerTime()
  const weekLater = new Date(Date.parse(`${saturday}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)
  const longDate = (key: string) => formatLongDate(new Date(`${key}T12:00:00Z`), 'Europe/Brussels').replace(/^\w+,? /, '')
  const attendeeEmail = `registrant-${suffix}@example.org`
  const { slug } = await withE2eDatabase(async (db) => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: demoStaff.owner }, select: { id: true } })
    const attendee = await db.user.create({ data: { email: attendeeEmail, name: 'Rhea Registrant' }, select: { id: true } })
    const event = await db.event.create({
      data: {
        slug: `harbour-day-${suffix}`,
        calendarUid: `event-${suffix}@muster.test`,
        title: `Harbour Security Day ${suffix}`,
        summary: 'Buyers brief industry on harbour security.',
        description: '',
        hostName: 'Port Authority',
        contactEmail: 'events@port.example',
        venueName: 'Harbour Conference Centre',
        venueAddress: 'Quai 1, 8400 Ostend',
        timeZone: 'Europe/Brussels',
        startsAt: new Date(`${saturday}T07:00:00Z`),
        endsAt: new Date(`${saturday}T15:00:00Z`),
        registrationOpensAt: new Date('2026-01-01T00:00:00Z'),
        registrationClosesAt: new Date(Date.parse(`${saturday}T15:00:00Z`) - 14 * 86_400_000),
        status: 'PUBLISHED',
        publishedAt: new Date(),
        roles: { create: { userId: owner.id, role: 'OWNER' } },
      },
      select: { id: true, slug: true },
    })
    await db.registration.create({
      data: { eventId: event.id, userId: attendee.id, status: 'APPROVED', answers: {}, consentGivenAt: new Date(), badgeCode: `badge-${suffix}`, calendarUid: `registration-${suffix}@muster.test` },
    })
    return event
  })

  await signInAs(context, baseURL!, demoStaff.owner)
  await page.goto(`/events/${slug}/manage/settings`)
  await page.getByRole('link', { name: 'Move the event to a new venue' }).click()
  await waitForHydration(page)
  await page.getByLabel('Venue', { exact: true }).fill('Palais des Congrès')
  await page.getByLabel('Venue address').fill('Rue du Lac 10, 1000 Brussels')
  await page.getByRole('button', { name: 'Review the change' }).click()
  const review = page.getByRole('region', { name: 'Review your change' })
  await expect(review.getByRole('row', { name: /Venue/ })).toContainText('Harbour Conference Centre')
  await expect(review).toContainText('1 registrant will get an email about the change, 1 of them with the updated event invite: Rhea Registrant.')
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await review.getByRole('button', { name: 'Save and send 1 email' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New venue saved. 1 person will get an email about it.' })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`/events/${slug}/manage/settings$`))
  await expect(page.getByLabel('Venue', { exact: true })).toHaveValue('Palais des Congrès')

  const { calendar, text } = await readInvite(page, attendeeEmail, /has a new venue/)
  expect(calendar.method).toBe('REQUEST')
  expect(calendar.events[0]).toMatchObject({ uid: `registration-${suffix}@muster.test`, location: 'Palais des Congrès, Rue du Lac 10, 1000 Brussels' })
  expect(calendar.events[0]!.sequence).toBeGreaterThan(0)
  expect(text).toContain('It was to be at Harbour Conference Centre, Quai 1, 8400 Ostend.')

  // A week later, across the end of summer time that Sunday: the Saturday keeps its 09:00 start.
  await page.goto(`/events/${slug}/manage/settings`)
  await page.getByRole('link', { name: 'Move the event to new dates or another time zone' }).click()
  await page.getByLabel('New first day').fill(weekLater)
  await page.getByRole('button', { name: 'Review the change' }).click()
  const dates = page.getByRole('region', { name: 'Review your change' })
  await expect(dates.getByRole('row', { name: /Dates/ })).toContainText(longDate(saturday))
  await expect(dates.getByRole('row', { name: /Dates/ })).toContainText(longDate(weekLater))
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await dates.getByRole('button', { name: 'Save and send 1 email' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New dates saved. 1 person will get an email about it.' })).toBeVisible()
  const moved = await readInvite(page, attendeeEmail, /has new dates/)
  // 08:00 UTC in November is 09:00 in Brussels, as 07:00 UTC was in October's summer time.
  expect(moved.calendar.events[0]!.start.toISOString()).toBe(`${weekLater}T08:00:00.000Z`)
  expect(moved.calendar.events[0]!.sequence).toBeGreaterThan(calendar.events[0]!.sequence)

  // It cannot take place after all: cancelled with a reason, confirmed by its title.
  await page.goto(`/events/${slug}/manage/settings`)
  await page.getByRole('link', { name: 'cancel the event' }).click()
  await expect(page.getByRole('region', { name: 'Cancel the event' })).toContainText('1 registration is cancelled')
  await page.getByLabel('Why is the event cancelled?').fill('The harbour is closed for repairs until next spring.')
  await page.getByLabel(/Type the event’s title to confirm/).fill('Not the title')
  await page.getByRole('button', { name: 'Cancel the event and tell everyone' }).click()
  await expect(page.getByText('Type the event’s title exactly as shown')).toBeVisible()
  await page.getByLabel(/Type the event’s title to confirm/).fill(`Harbour Security Day ${suffix}`)
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await page.getByRole('button', { name: 'Cancel the event and tell everyone' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Event cancelled. 1 person will get an email with your reason' })).toBeVisible()
  const cancelled = await readInvite(page, attendeeEmail, /is cancelled/)
  expect(cancelled.calendar.method).toBe('CANCEL')
  expect(cancelled.text).toContain('Their reason: The harbour is closed for repairs until next spring.')
  await page.goto(`/events/${slug}`)
  await expect(page.getByText('This event is cancelled.')).toBeVisible()
  await expect(page.getByText('Their reason: The harbour is closed for repairs until next spring.')).toBeVisible()

  // Over: archived, read-only at every page, listed apart on the home page, then restored.
  await page.goto(`/events/${slug}/manage/settings`)
  await page.getByRole('link', { name: 'archive the event' }).click()
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `/tmp/muster-shots/archive-${width}.png`, fullPage: true })
  }
  await page.getByRole('button', { name: 'Archive the event' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Event archived. It is read-only now' })).toBeVisible()
  await expect(page.getByText('Archived: read-only')).toBeVisible()
  await expect(page.getByText('This event is archived: you can read everything, and change nothing.')).toBeVisible()
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await page.setViewportSize({ width: 390, height: 900 })
  await page.screenshot({ path: '/tmp/muster-shots/archived-settings-390.png', fullPage: false })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.getByRole('button', { name: 'Save the details' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'This cannot change now' })).toBeVisible()
  await expect(page.getByText('This event is archived, so nothing in it can change.')).toBeVisible()
  await page.goto('/')
  const archived = page.getByRole('group').filter({ hasText: 'Archived events' })
  await archived.getByText(/^Archived events \(\d+\)$/).click()
  await expect(archived.getByRole('link', { name: `Harbour Security Day ${suffix}` })).toBeVisible()
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await page.screenshot({ path: '/tmp/muster-shots/home-archived-1280.png', fullPage: true })
  await page.setViewportSize({ width: 390, height: 900 })
  await page.screenshot({ path: '/tmp/muster-shots/home-archived-390.png', fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(`/events/${slug}/manage/settings/archive`)
  await page.getByRole('button', { name: 'Restore the event' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Event restored. It can change again.' })).toBeVisible()
  await expect(page.getByText('This event is archived')).toHaveCount(0)
})
