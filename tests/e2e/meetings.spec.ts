// B2B meetings in the browser on the demo event: two attendees bring their profiles up to
// date, one finds the other through a recommendation and requests a meeting, the other
// accepts in their own browser, both mailboxes hold the invite with the same UID, instant and
// table, the meeting is in both personal feeds, and a cancellation sends both a CANCEL. Uses Stefan Krüger and a
// recommended person no other spec signs in as.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { demoEventPath, gotoHydrated, readInvite, signInAs, waitForHydration, withE2eDatabase } from './support.ts'

test.describe.configure({ timeout: 180_000 })

const requesterEmail = 'stefan.kruger@rhenwald.example'
/** People other specs sign in as or change: never picked as the other side here. */
const usedElsewhere = new Set([
  'kadri.tamm@hornet.example',
  'richard.ashworth@aldermark.example',
  'laura.vaitkus@balticrf.example',
  'claire.fontaine@lumen-optronics.example',
  'giorgos.rossi@valdora.example',
  'ioana.yilmaz@anatoliansky.example',
  'jana.babic@adriatic-interceptors.example',
  'javier.conti@ferrostar.example',
  'katarzyna.szabo@danuberadar.example',
  'lukas.meijer@skyguard.example',
  'olivia.kendall@aadsa.example',
])
const shots = '/tmp/muster-shots'

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

/** Makes the person's feed link on /account/calendar and fetches the feed. */
async function fetchOwnFeed(page: Page, request: APIRequestContext) {
  await gotoHydrated(page, '/account/calendar')
  await page.getByRole('button', { name: /^Create (my feed link|a new link)$/ }).click()
  const feedUrl = await page.getByLabel('Feed address').inputValue()
  const response = await request.get(new URL(feedUrl).pathname)
  expect(response.status()).toBe(200)
  return readWithIcalJs(await response.text())
}

/** Opens the person's matchmaking profile, brings its headline up to date and saves it. */
async function completeProfile(page: Page, headline: string) {
  await gotoHydrated(page, `${demoEventPath}/matchmaking/profile`)
  await page.getByLabel('Headline', { exact: true }).fill(headline)
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByText('Profile saved.')).toBeVisible()
}

test('a recommended person is asked, accepts, both get the same invite and feed entry, and a cancellation reaches both', async ({
  browser,
  page,
  context,
  baseURL,
  request,
}) => {
  await signInAs(context, baseURL!, requesterEmail)
  await completeProfile(page, 'Kinetic effectors and airburst rounds for short-range air defence')
  await gotoHydrated(page, `${demoEventPath}/matchmaking`)
  await expect(page.getByRole('heading', { level: 1, name: 'Who to meet' })).toBeVisible()

  // The first recommendation with a person nobody else's test uses and a free slot in common.
  const cards = page.locator('.person-card')
  let recipient: { id: string; email: string; name: string } | null = null
  for (let index = 0; index < (await cards.count()) && !recipient; index++) {
    const card = cards.nth(index)
    const name = (await card.getByRole('heading', { level: 2 }).textContent())!.trim()
    await expect(card.locator('.person-card__why li').first()).toBeVisible()
    // A card that already shows a meeting or a request offers no second one.
    if ((await card.getByRole('link', { name: 'Request a meeting' }).count()) === 0) continue
    const href = (await card.getByRole('link', { name: 'Request a meeting' }).getAttribute('href'))!
    const id = href.split('/').at(-1)!
    const email = await withE2eDatabase(async (db) => (await db.user.findUniqueOrThrow({ where: { id }, select: { email: true } })).email)
    if (usedElsewhere.has(email)) continue
    await card.getByRole('link', { name: 'Request a meeting' }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    if ((await page.getByRole('button', { name: 'Send request' }).count()) === 1) recipient = { id, email, name }
    else await page.goBack({ waitUntil: 'networkidle' })
  }
  expect(recipient, 'a recommended person to ask').not.toBeNull()
  const other = recipient!
  await waitForHydration(page)
  await expectNoAxeViolations(page)

  // Sending without a time is explained next to the times.
  await page.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByText('Choose at least one time.')).toBeVisible()
  const times = page.getByRole('group', { name: 'When could you meet?' })
  await times.getByRole('checkbox').first().check()
  await times.getByRole('checkbox').nth(1).check()
  await page.getByLabel('Message (optional)').fill('We would like to show you our airburst effector for short-range air defence.')
  await page.screenshot({ path: `${shots}/meetings-request.png`, fullPage: true })
  await page.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByRole('status')).toContainText('Request sent.')
  await expect(page.getByRole('region', { name: 'Waiting for the other side' })).toContainText(other.name)
  // Their profile now says a request is under way instead of offering another.
  await page.goto(`${demoEventPath}/matchmaking/people/${other.id}`)
  await expect(page.locator('.person-card__relation')).toContainText('Request pending')
  await expect(page.getByRole('link', { name: 'Request a meeting' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'See your request' })).toBeVisible()

  // The other person, in a browser of their own.
  const otherContext = await browser.newContext()
  const otherPage = await otherContext.newPage()
  await signInAs(otherContext, baseURL!, other.email)
  await completeProfile(otherPage, `${other.name}: what we offer and what we seek at this industry day`)
  await gotoHydrated(otherPage, `${demoEventPath}/meetings`)
  const incoming = otherPage.getByRole('region', { name: 'Waiting for your answer' })
  await expect(incoming).toContainText('Stefan Krüger')
  await expectNoAxeViolations(otherPage)
  await incoming.getByRole('link', { name: /Answer the request from Stefan Krüger/ }).click()
  await expect(otherPage.getByRole('heading', { level: 1, name: 'From Stefan Krüger' })).toBeVisible()
  await waitForHydration(otherPage)
  await expect(otherPage.getByText('We would like to show you our airburst effector')).toBeVisible()
  await expectNoAxeViolations(otherPage)
  await otherPage.screenshot({ path: `${shots}/meetings-respond.png`, fullPage: true })
  await otherPage.getByRole('group', { name: 'Choose the time to meet' }).getByRole('radio').first().check()
  await otherPage.getByRole('button', { name: 'Accept and book' }).click()
  await expect(otherPage.getByRole('status')).toContainText('Meeting booked.')
  const booked = otherPage.getByRole('region', { name: 'Upcoming meetings' }).getByRole('listitem').filter({ hasText: 'Stefan Krüger' })
  await expect(booked).toContainText(/Table \d+/)
  const tableOnPage = (await booked.textContent())!.match(/Table \d+/)![0]
  // The requester's view of them says when and where they meet.
  await page.goto(`${demoEventPath}/matchmaking/people/${other.id}`)
  await expect(page.locator('.person-card__relation')).toContainText(`Meeting booked`)
  await expect(page.locator('.person-card__relation')).toContainText(tableOnPage)
  await expect(page.getByRole('link', { name: 'See your meetings' })).toBeVisible()
  await otherPage.screenshot({ path: `${shots}/meetings-page.png`, fullPage: true })

  // Both mailboxes: the same meeting, the same instant, the same table.
  const { calendar: requesterInvite } = await readInvite(page, requesterEmail, new RegExp(`Your meeting with ${other.name}.* is booked`))
  const { calendar: recipientInvite } = await readInvite(otherPage, other.email, /Your meeting with Stefan Krüger.* is booked/)
  for (const invite of [requesterInvite, recipientInvite]) {
    expect(invite.method).toBe('REQUEST')
    expect(invite.events).toHaveLength(1)
  }
  const [sent, received] = [requesterInvite.events[0]!, recipientInvite.events[0]!]
  expect(received.uid).toBe(sent.uid)
  expect(received.start).toEqual(sent.start)
  expect(received.sequence).toBe(sent.sequence)
  const table = sent.location.match(/^Table \d+/)![0]
  expect(received.location.startsWith(`${table},`)).toBe(true)
  expect(tableOnPage).toBe(table)

  // Both personal feeds carry it.
  for (const [who, feedPage] of [
    ['requester', page],
    ['recipient', otherPage],
  ] as const) {
    const feed = await fetchOwnFeed(feedPage, feedPage === page ? request : otherContext.request)
    expect(feed.events.find((event) => event.uid === sent.uid), `${who}'s feed`).toMatchObject({ status: 'CONFIRMED', start: sent.start })
  }

  // The printable schedule and the availability page show it too.
  await page.goto(`${demoEventPath}/meetings/schedule`)
  await expect(page.getByRole('row').filter({ hasText: other.name })).toContainText(table.replace('Table ', ''))
  await page.screenshot({ path: `${shots}/meetings-schedule.png`, fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: `${shots}/meetings-schedule-print.png`, fullPage: true })
  await page.emulateMedia({ media: 'screen' })
  await page.goto(`${demoEventPath}/meetings/availability`)
  await expect(page.getByText(`with ${other.name}`)).toBeVisible()
  await page.screenshot({ path: `${shots}/meetings-availability.png`, fullPage: true })

  // The requester cancels, after confirming: both get the CANCEL for the same UID.
  await gotoHydrated(page, `${demoEventPath}/meetings`)
  await expectNoAxeViolations(page)
  const upcoming = page.getByRole('region', { name: 'Upcoming meetings' }).getByRole('listitem').filter({ hasText: other.name })
  await upcoming.getByRole('link', { name: /^Cancel/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Cancel your meeting with ${other.name}`) })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${shots}/meetings-cancel.png`, fullPage: true })
  await page.getByRole('button', { name: 'Yes, cancel the meeting' }).click()
  await expect(page.getByRole('status')).toContainText('Meeting cancelled.')
  for (const [mailboxPage, email, name] of [
    [page, requesterEmail, other.name],
    [otherPage, other.email, 'Stefan Krüger'],
  ] as const) {
    const { calendar: cancel } = await readInvite(mailboxPage, email, new RegExp(`Your meeting with ${name}.* is cancelled`))
    expect(cancel.method).toBe('CANCEL')
    expect(cancel.events[0]).toMatchObject({ uid: sent.uid, status: 'CANCELLED', sequence: sent.sequence + 1 })
  }
  await otherContext.close()
})
