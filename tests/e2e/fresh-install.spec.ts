// An organiser's first hour on a fresh installation: an empty database and the one
// administrator the README's `npm run admin:grant` makes. The administrator makes a colleague an
// event creator; the colleague creates an industry day in the browser (their zone filled in, a
// NATO rule), is refused an impossible window, writes the registration form (a vetted question
// and a choice question, reordered with the keyboard), puts a session on the agenda, adds a vetting
// officer (who signs in from the invitation and finds the empty queue), reads the publish
// checklist and publishes; a new attendee registers, the officer approves them and the invite
// arrives; the organiser starts next year's edition from this one across the end of summer time
// and the copied agenda keeps its time of day. Everything through the pages and the mailbox,
// nothing written behind the app's back. axe on every page.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { formatLongDate } from '#app/lib/time.ts'
import { nextEndOfEuropeanSummerTime } from '#tests/support/demo.ts'
import { freshInstallAdministrator, freshInstallURL } from '#tests/support/e2e-servers.ts'
import { gotoHydrated, readInvite, signInThroughEmail } from './support.ts'

test.use({ baseURL: freshInstallURL })
test.describe.configure({ timeout: 240_000 })

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

/** The page fits a phone and a desktop without scrolling sideways; it is left at desktop width. */
async function expectNoSidewaysScroll(page: Page) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${page.url()} at ${width} px`).toBe(true)
  }
}

/** A person in their own browser, in Brussels, signed in through the emailed code from `path`. */
async function personAt(browser: Browser, email: string, path: string) {
  const context = await browser.newContext({ timezoneId: 'Europe/Brussels', baseURL: freshInstallURL })
  const page = await context.newPage()
  await page.goto(path)
  await signInThroughEmail(page, email)
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
  return { context, page }
}

test('from an empty installation to a published industry day with an approved attendee, then next year’s copy', async ({ browser }) => {
  const suffix = randomBytes(4).toString('hex')
  // The weekend the clocks go back, at least a month ahead: the event takes registrations, its
  // Saturday is on summer time, and next year's copy lands on the first Saturday of November.
  const { saturday, sunday } = nextEndOfEuropeanSummerTime()
  const dayKey = (daysFromSaturday: number) => new Date(Date.parse(`${saturday}T12:00:00Z`) + daysFromSaturday * 86_400_000).toISOString().slice(0, 10)
  const nextYear = new Date(Date.parse(`${nextEndOfEuropeanSummerTime(new Date(`${sunday}T12:00:00Z`)).sunday}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10)
  const creatorEmail = `planner-${suffix}@navy.example`
  const officerEmail = `officer-${suffix}@navy.example`
  const attendeeEmail = `attendee-${suffix}@example.org`
  const title = `Maritime Drones Industry Day ${suffix}`
  const slug = `maritime-drones-industry-day-${suffix}`

  // The administrator of the fresh installation signs in and makes a colleague an event creator.
  const admin = await personAt(browser, freshInstallAdministrator, '/admin')
  await expect(admin.page).toHaveURL(/\/admin$/)
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()
  await admin.page.getByLabel('Email address').fill(creatorEmail)
  await admin.page.getByLabel('Role', { exact: true }).selectOption('EVENT_CREATOR')
  await admin.page.getByRole('button', { name: 'Grant the role' }).click()
  await expect(admin.page.getByRole('status')).toHaveText(`${creatorEmail} is now an event creator.`)
  await expect(admin.page.getByRole('row').filter({ hasText: creatorEmail })).toContainText('Event creator')
  await expectNoAxeViolations(admin.page)
  await admin.context.close()

  // The colleague creates the event from the home page.
  const { context: creatorContext, page: creator } = await personAt(browser, creatorEmail, '/events/new')
  await gotoHydrated(creator, '/')
  await creator.getByRole('link', { name: 'Create an event' }).click()
  await expect(creator.getByRole('heading', { level: 1, name: 'Set up an industry day' })).toBeVisible()
  await expect(creator.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Brussels')
  await creator.getByLabel('Title', { exact: true }).fill(title)
  await expect(creator.getByLabel('Address of the event page')).toHaveValue(slug)
  await creator.getByLabel('Summary', { exact: true }).fill('Buyers brief industry on maritime unmanned systems.')
  await creator.getByLabel('Description', { exact: true }).fill('Plenary briefings in the morning.\n\nOne-to-one meetings in the **afternoon**.')
  await creator.getByLabel('Host', { exact: true }).fill('Naval Armaments Directorate')
  await creator.getByLabel('Contact email', { exact: true }).fill('events@navy.example')
  await creator.getByLabel('Venue', { exact: true }).fill('Harbour Conference Centre')
  await creator.getByLabel('Venue address', { exact: true }).fill('Quai 1, 8400 Ostend')
  await creator.getByLabel('Starts', { exact: true }).fill(`${saturday}T09:00`)
  await creator.getByLabel('Ends', { exact: true }).fill(`${sunday}T17:00`)
  await creator.getByLabel('Registration opens').fill(`${dayKey(-400)}T09:00`)
  // A window that ends after the event: refused next to the field, nothing created.
  await creator.getByLabel('Registration closes').fill(`${dayKey(3)}T09:00`)
  await creator.getByLabel('Capacity', { exact: true }).fill('250')
  await creator.getByRole('radio', { name: 'Nationals of NATO member states' }).check()
  await expect(creator.getByRole('checkbox', { name: 'Belgium' })).toBeChecked()
  await expect(creator.getByRole('checkbox', { name: 'Austria' })).not.toBeChecked()
  await expect(creator.getByLabel('Why the rule exists')).toHaveValue('Open to nationals of NATO member states.')
  await expectNoAxeViolations(creator)
  await expectNoSidewaysScroll(creator)
  await creator.getByRole('button', { name: 'Create the draft' }).click()
  await expect(creator.getByLabel('Registration closes')).toHaveAttribute('aria-invalid', 'true')
  await expect(creator.getByText('Registration must close before the event ends')).toBeVisible()
  await creator.getByLabel('Registration closes').fill(`${dayKey(-15)}T17:00`)
  await creator.getByRole('button', { name: 'Create the draft' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Draft event created' })).toBeVisible()
  await expect(creator).toHaveURL(new RegExp(`/events/${slug}/manage/settings$`))
  await expect(creator.getByText('Draft: only its staff see it')).toBeVisible()

  // Not public yet.
  const visitor = await browser.newContext({ baseURL: freshInstallURL })
  const visitorPage = await visitor.newPage()
  expect((await visitorPage.goto(`/events/${slug}`))!.status()).toBe(404)

  // The registration form: a vetted free-text question and a choice question, reordered with the keyboard.
  await creator.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Questions' }).click()
  await expect(creator.getByRole('heading', { level: 2, name: 'Add a question' })).toBeVisible()
  await creator.getByLabel('Question', { exact: true }).fill('Security clearance number')
  await creator.getByLabel('Help for applicants (optional)').fill('As on your clearance certificate.')
  await creator.getByRole('checkbox', { name: 'Applicants must answer' }).check()
  await creator.getByRole('checkbox', { name: /Changes need re-vetting/ }).check()
  const draft = creator.getByRole('region', { name: 'Preview' })
  await expect(draft.getByLabel('Security clearance number')).toBeVisible()
  await creator.getByRole('button', { name: 'Add the question' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Question added' })).toBeVisible()
  // The form starts empty again for the next question.
  await expect(creator.getByLabel('Question', { exact: true })).toHaveValue('')
  await expect(creator.getByLabel('Help for applicants (optional)')).toHaveValue('')
  await creator.getByLabel('Question', { exact: true }).fill('Which capability do you bring?')
  await creator.getByLabel('Kind of answer').selectOption({ label: 'One choice from a list' })
  // A choice question needs its options: refused next to the field, nothing added.
  await creator.getByRole('button', { name: 'Add the question' }).click()
  await expect(creator.getByText('Give at least two options, one per line')).toBeVisible()
  await creator.getByLabel('Options').fill('Detection\nEffectors\nCommand and control')
  await expect(draft.getByRole('radio', { name: 'Effectors' })).toBeVisible()
  await creator.getByRole('button', { name: 'Add the question' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Question added' })).toBeVisible()
  const questions = creator.getByRole('region', { name: 'The form’s questions' })
  await expect(questions.getByRole('heading', { level: 3 })).toHaveText(['Security clearance number', 'Which capability do you bring?'])
  await questions.getByRole('button', { name: 'Move “Which capability do you bring?” up' }).focus()
  await creator.keyboard.press('Enter')
  await expect(questions.getByRole('heading', { level: 3 })).toHaveText(['Which capability do you bring?', 'Security clearance number'])
  // The focus stays with the moved question (its Up button is now disabled, so on its Down button).
  await expect(questions.getByRole('button', { name: 'Move “Which capability do you bring?” down' })).toBeFocused()
  const wholeForm = creator.getByRole('region', { name: 'What applicants see' })
  await expect(wholeForm.getByRole('radio', { name: 'Command and control' })).toBeVisible()
  await expectNoAxeViolations(creator)
  await expectNoSidewaysScroll(creator)

  // One session on the first morning, summer time in Brussels.
  await gotoHydrated(creator, `/events/${slug}/manage/agenda/sessions/new`)
  await creator.getByLabel('Title').fill('Opening plenary')
  await creator.getByLabel('Kind').selectOption('PLENARY')
  await creator.getByLabel('Day', { exact: true }).fill(saturday)
  await creator.getByLabel('Starts', { exact: true }).fill('09:30')
  await creator.getByLabel('Ends', { exact: true }).fill('10:30')
  await creator.getByRole('button', { name: 'Create session' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Session created' })).toBeVisible()

  // A colleague joins as vetting officer from the emailed invitation and finds the empty queue.
  await creator.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Staff' }).click()
  await creator.getByLabel('Email address').fill(officerEmail)
  await creator.getByLabel('Role', { exact: true }).selectOption({ label: 'Vetting officer' })
  await creator.getByRole('button', { name: 'Add to the staff' }).click()
  await expect(creator.getByRole('status')).toContainText(`${officerEmail} has no Muster account yet, so an invitation has been emailed.`)
  await expectNoAxeViolations(creator)
  const officerContext = await browser.newContext({ timezoneId: 'Europe/Brussels', baseURL: freshInstallURL })
  const officer = await officerContext.newPage()
  const invitation = officer.getByRole('link', { name: new RegExp(`invited to join.*as Vetting officer.*${officerEmail.replace(/[.+]/g, '\\$&')}`) })
  await expect(async () => {
    await officer.goto(`/dev/mailbox?to=${encodeURIComponent(officerEmail)}`)
    await expect(invitation).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await invitation.click()
  const invitationText = (await officer.getByLabel(/text version/i).textContent()) ?? ''
  await officer.goto(invitationText.match(/https?:\/\/\S+\/sign-in\?redirectTo=\S+/)![0])
  await signInThroughEmail(officer, officerEmail)
  await expect(officer).toHaveURL(new RegExp(`/events/${slug}/manage/vetting$`))
  await expect(officer.getByText('No pending registrations.')).toBeVisible()
  await expectNoAxeViolations(officer)

  // The checklist, then publish.
  await creator.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Settings' }).click()
  // With questions, an agenda and a window ahead, the checklist has nothing to say.
  await expect(creator.getByText('Nothing is missing: the event has a description, questions and an agenda, and registration is ahead.')).toBeVisible()
  await expect(creator.getByRole('list', { name: 'Publish checklist' })).toHaveCount(0)
  await expectNoAxeViolations(creator)
  await creator.getByRole('button', { name: 'Publish the event' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Event published' })).toBeVisible()

  // The public page, with the description's Markdown rendered.
  await visitorPage.goto(`/events/${slug}`)
  await expect(visitorPage.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(visitorPage.locator('strong', { hasText: 'afternoon' })).toBeVisible()
  await expectNoAxeViolations(visitorPage)
  await visitor.close()

  // A new attendee registers, adding their organisation (the installation has none yet).
  const { context: attendeeContext, page: attendee } = await personAt(browser, attendeeEmail, `/events/${slug}/register`)
  await expect(attendee).toHaveURL(new RegExp(`/events/${slug}/register$`))
  await attendee.getByLabel('Full name').fill('Marta Kowalczyk')
  await attendee.getByLabel('Job title').fill('Head of Business Development')
  await attendee.getByLabel('Nationality').selectOption({ label: 'Poland' })
  await attendee.getByLabel('Organisation', { exact: true }).selectOption({ label: 'My organisation is not listed: add it' })
  await attendee.getByLabel('New organisation’s name').fill('Vistula Sensor Works')
  await attendee.getByLabel('Kind of organisation').selectOption({ label: 'Start-up' })
  await attendee.getByLabel('Organisation’s country').selectOption({ label: 'Poland' })
  await attendee.getByRole('group', { name: 'Which capability do you bring?' }).getByLabel('Effectors').check()
  await attendee.getByLabel('Security clearance number').fill('BE-2027-00412')
  await attendee.getByLabel(/I agree that the organisers process/).check()
  await expectNoAxeViolations(attendee)
  await attendee.getByRole('button', { name: 'Register' }).click()
  await expect(attendee.getByRole('heading', { level: 2, name: 'Waiting for the organisers’ decision' })).toBeVisible()

  // The officer approves them from the queue; the invite reaches the attendee.
  await officer.reload()
  await officer.getByRole('link', { name: /Marta Kowalczyk/ }).first().click()
  await expect(officer.getByText('BE-2027-00412')).toBeVisible()
  await expect(officer.getByText('Effectors', { exact: true })).toBeVisible()
  await officer.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(officer.getByText(/approved/i).first()).toBeVisible()
  const { calendar } = await readInvite(attendee, attendeeEmail, /You are registered/)
  expect(calendar.method).toBe('REQUEST')
  expect(calendar.events[0]).toMatchObject({ summary: title, location: 'Harbour Conference Centre, Quai 1, 8400 Ostend' })
  expect(calendar.events[0]!.start.toISOString()).toBe(`${saturday}T07:00:00.000Z`)
  await attendee.goto(`/events/${slug}/registration`)
  await expect(attendee.getByRole('heading', { level: 2, name: 'You are registered' })).toBeVisible()
  await Promise.all([attendeeContext.close(), officerContext.close()])

  // Next year's edition, on the first Saturday of November: winter time, where this year's was summer time.
  await gotoHydrated(creator, '/events/new')
  const clone = creator.getByRole('region', { name: 'Start from an earlier event' })
  await clone.getByLabel('Event to start from').selectOption((await clone.locator('option', { hasText: title }).getAttribute('value'))!)
  await clone.getByLabel('New title').fill(`Maritime Drones Industry Day, next year ${suffix}`)
  await clone.getByLabel('New address of the event page').fill(`maritime-next-year-${suffix}`)
  await clone.getByLabel('New first day').fill(nextYear)
  await clone.getByRole('button', { name: 'Copy into a new draft' }).click()
  await expect(creator.getByRole('status').filter({ hasText: 'Draft event created' })).toBeVisible()
  await creator.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Agenda' }).click()
  const day = creator.getByRole('region', { name: `Sessions on ${formatLongDate(new Date(`${nextYear}T12:00:00Z`), 'Europe/Brussels')}` })
  await expect(day.getByRole('row').filter({ hasText: 'Opening plenary' })).toContainText('09:30')
  await expectNoAxeViolations(creator)
  await expectNoSidewaysScroll(creator)
  await creatorContext.close()
})
