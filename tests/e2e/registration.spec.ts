import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { demoEventPath, demoStaff, gotoHydrated, signInAs, signInThroughEmail, withE2eDatabase } from './support.ts'
import { demo } from '#tests/support/demo.ts'

test('a new person registers, is approved by a vetting officer, gets a badge and is checked in', async ({ browser, baseURL }) => {
  test.setTimeout(90_000)
  const email = `registrant.${Date.now()}@example.org`

  // The demo event is full; the organiser adds seats in the console, which first promotes
  // everyone waiting. (Through the server: a second process writing the SQLite file inside a
  // long transaction would make the server's transactions fail with SQLITE_BUSY.)
  const organiser = await browser.newContext()
  await signInAs(organiser, baseURL!, demoStaff.organiser)
  const consolePage = await organiser.newPage()
  await gotoHydrated(consolePage, `${demoEventPath}/manage`)
  const seats = consolePage.getByLabel('Seats')
  await seats.fill(String(Number(await seats.inputValue()) + 40))
  await consolePage.getByRole('button', { name: 'Save capacity' }).click()
  await expect(consolePage.getByRole('status')).toContainText(/Capacity set to \d+ seats\./)
  await organiser.close()

  const attendee = await browser.newContext()
  const page = await attendee.newPage()
  await page.goto(demoEventPath)
  await page.getByRole('link', { name: 'Register', exact: true }).click()
  await signInThroughEmail(page, email)
  await expect(page).toHaveURL(/\/register$/)
  await expect(page.getByRole('heading', { level: 1, name: demo.title })).toBeVisible()

  // Submitting empty explains each problem next to its field.
  await page.getByRole('button', { name: 'Register' }).click()
  await expect(page.getByText('Enter your name')).toBeVisible()
  await expect(page.getByText('You must agree to the processing of your data to register')).toBeVisible()

  await page.getByLabel('Full name').fill('Marta Kowalczyk')
  await page.getByLabel('Job title').fill('Head of Business Development')
  await page.getByLabel('Nationality').selectOption({ label: 'Poland' })
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'My organisation is not listed: add it' })
  await page.getByLabel('New organisation’s name').fill('Vistula Sensor Works')
  await page.getByLabel('Kind of organisation').selectOption({ label: 'Start-up' })
  await page.getByLabel('Organisation’s country').selectOption({ label: 'Poland' })
  await page.getByRole('group', { name: 'Security clearance level' }).getByLabel('NATO RESTRICTED').check()
  await page.getByRole('group', { name: /Areas of interest/ }).getByLabel('Detect').check()
  await page.getByRole('group', { name: /previous NATO industry day/ }).getByLabel('No').check()
  await page.getByLabel(/Why do you want to attend/).fill('We build passive RF detectors and want to meet national buyers.')
  await page.getByLabel('Job function', { exact: false }).first().fill('Business development')
  await page.getByLabel(/I agree that the organisers process/).check()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  await page.getByRole('button', { name: 'Register' }).click()

  await expect(page).toHaveURL(/\/registration$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Waiting for the organisers’ decision' })).toBeVisible()

  const registrationId = await withE2eDatabase(async (db) =>
    (await db.registration.findFirstOrThrow({ where: { user: { email } }, select: { id: true } })).id,
  )

  // The vetting officer approves, in a browser of their own.
  const officer = await browser.newContext()
  await signInAs(officer, baseURL!, demoStaff.vettingOfficer)
  const officerPage = await officer.newPage()
  await officerPage.goto(`${demoEventPath}/manage/vetting/${registrationId}`)
  await expect(officerPage.getByText('Marta Kowalczyk').first()).toBeVisible()
  await officerPage.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(officerPage.getByText(/approved/i).first()).toBeVisible()

  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'You are registered' })).toBeVisible()
  const badge = page.getByLabel('Your badge')
  await expect(badge).toBeVisible()
  const badgeCode = await withE2eDatabase(async (db) =>
    (await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { badgeCode: true } })).badgeCode,
  )
  await expect(badge).toContainText(badgeCode)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  // At the door.
  const door = await browser.newContext()
  await signInAs(door, baseURL!, demoStaff.checkIn)
  const doorPage = await door.newPage()
  await doorPage.goto(`${demoEventPath}/manage/check-in`)
  await doorPage.getByLabel('Badge code').fill(badgeCode.toLowerCase())
  await doorPage.getByRole('button', { name: 'Check in' }).click()
  await expect(doorPage.getByText('Marta Kowalczyk')).toBeVisible()
  await expect(doorPage.getByText(/checked in/i).first()).toBeVisible()

  await page.reload()
  await expect(page.getByText(/Checked in at \d\d:\d\d/)).toBeVisible()
  await Promise.all([attendee.close(), officer.close(), door.close()])
})

test('the next person on the waiting list gets the seat when someone cancels', async ({ browser, baseURL }) => {
  const tag = randomBytes(4).toString('hex')
  const slug = `e2e-waitlist-${tag}`
  const [first, second] = [`first.${tag}@example.org`, `second.${tag}@example.org`]
  await withE2eDatabase(async (db) => {
    const now = Date.now()
    await db.event.create({
      data: {
        slug,
        title: `Waiting List Day ${tag}`,
        summary: 'One seat only.',
        description: 'A small event with one seat and a waiting list.',
        hostName: 'E2E host',
        contactEmail: 'host@example.org',
        venueName: 'Small room',
        venueAddress: 'Rue de la Loi 1, Brussels',
        timeZone: 'Europe/Brussels',
        startsAt: new Date(now + 40 * 86_400_000),
        endsAt: new Date(now + 40 * 86_400_000 + 4 * 3_600_000),
        registrationOpensAt: new Date(now - 86_400_000),
        registrationClosesAt: new Date(now + 30 * 86_400_000),
        capacity: 1,
        approvalRequired: false,
        status: 'PUBLISHED',
        calendarUid: `event-${slug}@muster.test`,
      },
    })
    const organisation = await db.organisation.findFirstOrThrow({ select: { id: true } })
    await db.user.createMany({
      data: [first, second].map((address, index) => ({
        email: address,
        name: index === 0 ? 'Fiona First' : 'Sam Second',
        jobTitle: 'Engineer',
        nationality: 'BE',
        organisationId: organisation.id,
      })),
    })
  })

  async function register(address: string) {
    const context = await browser.newContext()
    await signInAs(context, baseURL!, address)
    const page = await context.newPage()
    // Wait for hydration: a box ticked before React takes over the form can be reset by it.
    await gotoHydrated(page, `/events/${slug}/register`)
    await page.getByLabel(/I agree that the organisers process/).check()
    await page.getByRole('button', { name: /Register|Join the waiting list/ }).click()
    await expect(page).toHaveURL(/\/registration$/)
    return { context, page }
  }

  const fiona = await register(first)
  await expect(fiona.page.getByRole('heading', { level: 2, name: 'You are registered' })).toBeVisible()
  const sam = await register(second)
  await expect(sam.page.getByRole('heading', { level: 2, name: 'You are on the waiting list' })).toBeVisible()
  await expect(sam.page.getByText('number 1')).toBeVisible()
  // The event menu says where Sam stands on every page of the event.
  const samMenu = sam.page.getByRole('navigation', { name: /event menu/ })
  await expect(samMenu.getByText('Waiting list #1')).toBeVisible()
  await expect(samMenu.getByRole('link')).toHaveText(['Event', 'Programme', 'My registration'])

  await fiona.page.getByRole('link', { name: 'Cancel registration' }).click()
  await fiona.page.getByRole('button', { name: 'Yes, cancel my registration' }).click()
  await expect(fiona.page.getByRole('heading', { level: 2, name: 'Your registration is cancelled' })).toBeVisible()

  await sam.page.reload()
  await expect(sam.page.getByRole('heading', { level: 2, name: 'You are registered' })).toBeVisible()
  await sam.page.goto(`/dev/mailbox?to=${encodeURIComponent(second)}`)
  await expect(sam.page.getByRole('link', { name: /A seat is yours/ })).toBeVisible()
  await Promise.all([fiona.context.close(), sam.context.close()])
})

for (const javaScriptEnabled of [true, false]) {
  test(`an empty registration form explains every missing answer in words, next to its field (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser, baseURL }) => {
    const email = `empty.form.${randomBytes(4).toString('hex')}@example.org`
    await withE2eDatabase((db) => db.user.create({ data: { email, name: '' }, select: { id: true } }))
    const context = await browser.newContext({ javaScriptEnabled })
    await signInAs(context, baseURL!, email)
    const page = await context.newPage()
    await page.goto(`${demoEventPath}/register`)
    await page.getByRole('button', { name: /^(Register|Join the waiting list)$/ }).click()

    const motivation = page.getByLabel('Why do you want to attend?')
    await expect(motivation).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('Answer “Why do you want to attend?”')).toBeVisible()
    await expect(page.getByLabel('Job function')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('Answer “Job function”')).toBeVisible()
    await expect(page.getByText(/Invalid input|expected string|received undefined/)).toHaveCount(0)
    // The optional question is not an error.
    await expect(page.getByLabel(/Dietary requirements/)).not.toHaveAttribute('aria-invalid', 'true')
    await context.close()
  })
}
