// Organisers' own events on the demo installation, in the browser: someone who is not an event
// creator is told whom to ask; the owner starts next year's edition from the demo; a published
// event moves to a new venue and to new dates after a review, and a registrant's invite follows.
// (The first hour on an empty installation is fresh-install.spec.ts.) axe on every new page.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { formatLongDate, formatTimeRange } from '#app/lib/time.ts'
import { demoEventPath, demoStaff, readInvite, signInAs, withE2eDatabase } from './support.ts'

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

  await signInAs(context, baseURL!, demoStaff.owner)
  await page.goto('/events/new', { waitUntil: 'networkidle' })
  const clone = page.getByRole('region', { name: 'Start from an earlier event' })
  await clone.getByLabel('Event to start from').selectOption(demo.id)
  await clone.getByLabel('New title').fill(`Counter-UAS Industry Day 2028 ${suffix}`)
  await clone.getByLabel('New address of the event page').fill(slug)
  await clone.getByLabel('New first day').fill('2028-03-29')
  await expectNoAxeViolations(page)
  await clone.getByRole('button', { name: 'Copy into a new draft' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Draft event created' })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`/events/${slug}/manage/settings$`))

  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Agenda' }).click()
  // The first session, a year on: the same time of day in Brussels (CET then, CEST now), on the new first day.
  const day = page.getByRole('region', { name: `Sessions on ${formatLongDate(new Date('2028-03-29T12:00:00Z'), demo.timeZone)}` })
  const row = day.getByRole('row').filter({ hasText: first.title })
  await expect(row).toContainText(formatTimeRange(first.startsAt, first.endsAt, demo.timeZone))
  const copied = await withE2eDatabase((db) => db.agendaSession.findFirstOrThrow({ where: { event: { slug }, title: first.title }, select: { startsAt: true } }))
  expect(copied.startsAt.getTime() - first.startsAt.getTime()).toBe(371 * 86_400_000 - 3_600_000)
})

test('the organiser moves a published event to a new venue, then a week later across the end of summer time, then cancels it, and a registrant’s invite follows each time', async ({ page, context, baseURL }) => {
  const suffix = randomBytes(4).toString('hex')
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
        startsAt: new Date('2027-10-30T07:00:00Z'),
        endsAt: new Date('2027-10-30T15:00:00Z'),
        registrationOpensAt: new Date('2026-01-01T00:00:00Z'),
        registrationClosesAt: new Date('2027-10-15T15:00:00Z'),
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

  // A week later, across the end of summer time on 31 October: the Saturday keeps its 09:00 start.
  await page.goto(`/events/${slug}/manage/settings`)
  await page.getByRole('link', { name: 'Move the event to new dates or another time zone' }).click()
  await page.getByLabel('New first day').fill('2027-11-06')
  await page.getByRole('button', { name: 'Review the change' }).click()
  const dates = page.getByRole('region', { name: 'Review your change' })
  await expect(dates.getByRole('row', { name: /Dates/ })).toContainText('30 October 2027')
  await expect(dates.getByRole('row', { name: /Dates/ })).toContainText('6 November 2027')
  await expectNoAxeViolations(page)
  await expectNoSidewaysScroll(page)
  await dates.getByRole('button', { name: 'Save and send 1 email' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'New dates saved. 1 person will get an email about it.' })).toBeVisible()
  const moved = await readInvite(page, attendeeEmail, /has new dates/)
  // 08:00 UTC in November is 09:00 in Brussels, as 07:00 UTC was in October's summer time.
  expect(moved.calendar.events[0]!.start.toISOString()).toBe('2027-11-06T08:00:00.000Z')
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
})
