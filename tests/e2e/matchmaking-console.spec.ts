// The organiser's matchmaking console in the browser on the demo event: Mathieu Laurent opens
// the scheduler, adds and removes a must-meet pair, previews the seeded must-meet pairs that
// have no meeting yet, applies the plan, and a placed attendee finds the meeting on their
// meetings page and the invite in the development mailbox. The live numbers page and the
// CSV export are checked too, and the console pages with axe. Then a full re-plan moves a
// booked meeting to make room for a must-meet pair: the organiser sees the move, confirms it,
// and both people of the moved meeting get the update (same UID, higher SEQUENCE).
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { registrationData } from '#tests/support/fixtures.ts'
import { demoEventPath, demoStaff, gotoHydrated, readInvite, signInAs, withE2eDatabase } from './support.ts'

// In order: the re-plan adds people and a pair, which would change the first test's preview.
test.describe.configure({ timeout: 180_000, mode: 'serial' })

const shots = '/tmp/muster-shots'
const schedulePath = `${demoEventPath}/manage/matchmaking/schedule`

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('the organiser previews and applies the schedule, and a placed attendee finds the meeting and the invite', async ({ browser, page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, schedulePath)
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

  const { calendar: invite } = await readInvite(
    attendeePage,
    attendee!.email,
    new RegExp(`Your meeting with ${other!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* is booked`),
  )
  expect(invite.method).toBe('REQUEST')
  expect(invite.events[0]!.uid).toBe(booked[0]!.calendarUid)
  expect(invite.events[0]!.location).toContain(`Table ${booked[0]!.table.number}`)
  await attendeeContext.close()

  await gotoHydrated(page, `${demoEventPath}/manage/matchmaking/console`)
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

/**
 * Three new participants of the demo event: Xavier and Yara meet in a bookable slot; Zoe has
 * blocked every other bookable slot, so a must-meet pair Xavier–Zoe fits only if that meeting moves.
 */
async function setUpMeetingThatMustMove() {
  const tag = randomBytes(4).toString('hex')
  return withE2eDatabase(async (db) => {
    const event = await db.event.findFirstOrThrow({ where: { slug: demoEventPath.split('/').pop()! }, select: { id: true } })
    const slot = await db.meetingSlot.findFirstOrThrow({
      where: { eventId: event.id, startsAt: { gt: new Date() }, window: { status: 'SCHEDULED' } },
      orderBy: { startsAt: 'asc' },
      select: { id: true },
    })
    const table = await db.meetingTable.findFirstOrThrow({
      where: { eventId: event.id, reservedForOrganisationId: null, meetings: { none: { activeSlotId: slot.id } } },
      orderBy: { number: 'asc' },
      select: { id: true },
    })
    const names = { xavier: 'Xavier Replan', yara: 'Yara Replan', zoe: 'Zoe Replan' } as const
    const people = Object.fromEntries(
      Object.entries(names).map(([key, name]) => [key, { id: `replan-${tag}-${key}`, email: `${key}.replan.${tag}@example.org`, name }]),
    ) as Record<keyof typeof names, { id: string; email: string; name: string }>
    for (const person of Object.values(people)) {
      const organisation = await db.organisation.create({
        data: { slug: `replan-${tag}-${person.id}`, name: `${person.name} Systems`, kind: 'SME', country: 'BE' },
        select: { id: true },
      })
      await db.user.create({ data: { ...person, organisationId: organisation.id }, select: { id: true } })
      await db.registration.create({ data: { ...registrationData(event.id, person.id), organisationId: organisation.id, status: 'APPROVED', holdsSeat: true }, select: { id: true } })
      await db.matchmakingProfile.create({
        data: { eventId: event.id, userId: person.id, headline: `${person.name}'s offer`, freeTags: [], meetingsBooked: person === people.zoe ? 0 : 1 },
        select: { id: true },
      })
    }
    const meeting = await db.meeting.create({
      data: {
        eventId: event.id,
        slotId: slot.id,
        tableId: table.id,
        activeSlotId: slot.id,
        status: 'CONFIRMED',
        source: 'ORGANISER',
        calendarUid: `meeting-replan-${tag}@muster.test`,
        participants: { create: [people.xavier, people.yara].map((person) => ({ userId: person.id, activeSlotId: slot.id })) },
      },
      select: { id: true, calendarUid: true },
    })
    const otherSlots = await db.meetingSlot.findMany({ where: { eventId: event.id, id: { not: slot.id } }, select: { id: true } })
    await db.blockedSlot.createMany({ data: otherSlots.map((other) => ({ eventId: event.id, userId: people.zoe.id, slotId: other.id })) })
    return { people, meeting, slotId: slot.id }
  })
}

test('a full re-plan moves a booked meeting once the organiser confirms, and both people get the update', async ({ browser, page, context, baseURL }) => {
  const { people, meeting, slotId } = await setUpMeetingThatMustMove()
  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, schedulePath)
  await page.getByLabel('First participant').selectOption(people.xavier.id)
  await page.getByLabel('Second participant').selectOption(people.zoe.id)
  await page.getByLabel('Priority').selectOption('3')
  await page.getByRole('button', { name: 'Add the pair' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Must-meet pair added.' })).toBeVisible()
  // Kept where they are, Xavier's meeting leaves no slot for Zoe.
  const unplaced = page.getByRole('table', { name: /cannot place/ })
  await expect(unplaced.getByRole('row').filter({ hasText: people.zoe.name })).toBeVisible()

  await page.getByRole('navigation', { name: 'How to plan' }).getByRole('link', { name: 'Full re-plan' }).click()
  await expect(page).toHaveURL(/mode=full-replan/)
  await expect(page.getByRole('link', { name: 'Full re-plan' })).toHaveAttribute('aria-current', 'page')
  const moves = page.getByRole('table', { name: 'Booked meetings the re-plan would move, from and to' })
  await expect(moves.getByRole('row').filter({ hasText: people.xavier.name }).filter({ hasText: people.yara.name })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Meetings the scheduler would book' }).getByRole('row').filter({ hasText: people.zoe.name })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/matchmaking-replan-preview.png`, fullPage: true })

  // Not confirmed: refused next to the checkbox, nothing moved.
  const apply = page.getByRole('button', { name: /^(Book \d+ meetings?, move \d+|Move \d+ meetings?) and send the (invites|updates)$/ })
  await apply.click()
  await expect(page.getByText(/^Confirm that \d+ people may be sent an updated invite for a moved meeting\.$/)).toBeVisible()
  const confirm = page.getByRole('checkbox', { name: /^Move \d+ meetings? and send the \d+ people in them an updated invite$/ })
  await expect(confirm).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  expect(await withE2eDatabase((db) => db.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { slotId: true } }))).toEqual({ slotId })

  await confirm.check()
  await apply.click()
  await expect(page.getByRole('status').filter({ hasText: /moved; both people of each were sent the invite or the update/ })).toBeVisible()
  await page.screenshot({ path: `${shots}/matchmaking-replan-applied.png`, fullPage: true })

  const moved = await withE2eDatabase((db) =>
    db.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { slotId: true, calendarSequence: true, slot: { select: { startsAt: true } }, table: { select: { number: true } } } }),
  )
  expect(moved.slotId).not.toBe(slotId)
  expect(moved.calendarSequence).toBe(1)

  for (const person of [people.xavier, people.yara]) {
    const personContext = await browser.newContext()
    await signInAs(personContext, baseURL!, person.email)
    const personPage = await personContext.newPage()
    const other = person === people.xavier ? people.yara : people.xavier
    const { calendar: invite } = await readInvite(personPage, person.email, new RegExp(`Your meeting with ${other.name}.* has moved`))
    expect(invite.method).toBe('REQUEST')
    expect(invite.events[0]).toMatchObject({ uid: meeting.calendarUid, sequence: 1 })
    expect(invite.events[0]!.start.getTime()).toBe(moved.slot.startsAt.getTime())
    expect(invite.events[0]!.location).toContain(`Table ${moved.table.number}`)

    await personPage.goto(`${demoEventPath}/meetings`)
    const item = personPage.getByRole('region', { name: 'Upcoming meetings' }).getByRole('listitem').filter({ hasText: other.name })
    await expect(item.getByText(`Table ${moved.table.number}`)).toBeVisible()
    await personContext.close()
  }
})

test('a government buyer marks a start-up as must-meet, the organisers see who marked it, and the buyer takes it back', async ({ browser, page, context, baseURL }) => {
  const { buyer, startUp } = await withE2eDatabase(async (db) => {
    const event = await db.event.findFirstOrThrow({ where: { slug: demoEventPath.split('/').pop()! }, select: { id: true } })
    const participant = (kind: 'GOVERNMENT_BUYER' | 'START_UP') => ({
      // A buyer at this event: the organisation on their registration for it.
      registrations: { some: { eventId: event.id, status: 'APPROVED' as const, organisation: { kind } } },
      matchmakingProfiles: { some: { eventId: event.id, optedIn: true } },
    })
    const buyer = await db.user.findFirstOrThrow({ where: participant('GOVERNMENT_BUYER'), orderBy: { name: 'desc' }, select: { id: true, email: true, name: true } })
    const marked = await db.mustMeetPair.findMany({ where: { eventId: event.id, OR: [{ firstUserId: buyer.id }, { secondUserId: buyer.id }] }, select: { firstUserId: true, secondUserId: true } })
    const taken = marked.flatMap((pair) => [pair.firstUserId, pair.secondUserId])
    const startUp = await db.user.findFirstOrThrow({ where: { ...participant('START_UP'), id: { notIn: taken } }, orderBy: { name: 'desc' }, select: { id: true, name: true } })
    return { buyer, startUp }
  })
  const buyerContext = await browser.newContext()
  await signInAs(buyerContext, baseURL!, buyer.email)
  const buyerPage = await buyerContext.newPage()
  await gotoHydrated(buyerPage, `${demoEventPath}/matchmaking/people/${startUp.id}`)
  const panel = buyerPage.getByRole('region', { name: 'Must meet' })
  await panel.getByRole('button', { name: 'Mark as must-meet' }).click()
  await expect(panel.getByRole('status')).toContainText('Marked as must-meet')
  await expect(panel.getByRole('button', { name: 'Remove the must-meet mark' })).toBeVisible()
  await expectNoAxeViolations(buyerPage)
  await buyerPage.screenshot({ path: `${shots}/matchmaking-buyer-must-meet.png`, fullPage: true })

  await signInAs(context, baseURL!, demoStaff.organiser)
  await gotoHydrated(page, schedulePath)
  const row = page.getByRole('table', { name: 'Must-meet pairs' }).getByRole('row').filter({ hasText: startUp.name }).filter({ hasText: buyer.name })
  await expect(row.getByRole('cell', { name: buyer.name, exact: true })).toBeVisible()
  await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible()

  await panel.getByRole('button', { name: 'Remove the must-meet mark' }).click()
  await expect(panel.getByRole('status')).toContainText('Must-meet mark removed.')
  await expect(panel.getByRole('button', { name: 'Mark as must-meet' })).toBeVisible()
  await buyerContext.close()
})

test('the sending-emails panel follows the outbox without losing the answer to the organiser’s last action', async ({ page, context, baseURL }) => {
  // One email held as being sent by a worker, so the panel shows until the test marks it sent.
  const messageId = await withE2eDatabase(async (db) => {
    const event = await db.event.findFirstOrThrow({ where: { slug: demoEventPath.split('/').pop()! }, select: { id: true } })
    const message = await db.outboxMessage.create({
      data: {
        idempotencyKey: `e2e-delivery-${randomBytes(6).toString('hex')}`,
        kind: 'e2e',
        eventId: event.id,
        toEmail: 'delivery-panel@example.org',
        subject: 'Held for the progress panel',
        text: 'Held for the progress panel',
        status: 'SENDING',
        claimedBy: 'e2e',
        claimedAt: new Date(),
      },
      select: { id: true },
    })
    return message.id
  })
  try {
    await signInAs(context, baseURL!, demoStaff.organiser)
    await gotoHydrated(page, schedulePath)
    const progress = page.getByRole('region', { name: 'Sending emails' })
    await expect(progress.getByRole('status')).toHaveText(/^[\d,]+ of [\d,]+ sent\.$/)

    await page.getByLabel('First participant').selectOption({ index: 1 })
    await page.getByLabel('Second participant').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Add the pair' }).click()
    const answer = page.getByText('Choose two different people.')
    await expect(answer).toBeVisible()
    // The panel asks again on its own; the answer stays beside the form.
    await page.waitForResponse((response) => response.url().includes('/manage/email-delivery') && response.ok())
    await expect(answer).toBeVisible()

    await withE2eDatabase((db) => db.outboxMessage.update({ where: { id: messageId }, data: { status: 'SENT', sentAt: new Date() } }))
    await expect(progress).toBeHidden({ timeout: 15_000 })
    await expect(answer).toBeVisible()
  } finally {
    await withE2eDatabase((db) => db.outboxMessage.delete({ where: { id: messageId } }))
  }
})
