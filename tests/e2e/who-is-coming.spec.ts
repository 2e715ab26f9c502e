// "Who is coming" in the browser: an approved attendee who is not listed opts in on the account
// page, another approved attendee finds them on the list (with their organisation), and once the
// first takes it back they are gone at the next look. axe clean; no sideways scroll at 390 px.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { demoEventPath, signInAs, withE2eDatabase } from './support.ts'
import { demoSlug } from '#tests/support/demo.ts'

const shots = '/tmp/muster-shots'
const viewerEmail = 'kadri.tamm@hornet.example'

test('an attendee opts in to “Who is coming” on their account page, another attendee sees them, and they can take it back', async ({ browser, baseURL }) => {
  test.setTimeout(90_000)
  // An approved attendee, not staff, not yet listed, with an organisation: the last such by id, so no other spec's people.
  const person = await withE2eDatabase(async (db) => {
    const registration = await db.registration.findFirstOrThrow({
      where: { event: { slug: demoSlug }, status: 'APPROVED', attendeeListConsentAt: null, organisationId: { not: null }, user: { eventRoles: { none: {} }, email: { not: viewerEmail } } },
      orderBy: { id: 'desc' },
      select: { user: { select: { name: true, email: true } }, organisation: { select: { name: true } } },
    })
    return { ...registration.user, organisation: registration.organisation!.name }
  })

  const own = await browser.newContext()
  await signInAs(own, baseURL!, person.email)
  const ownPage = await own.newPage()
  await ownPage.goto('/account')
  const choice = ownPage.locator('.attendee-list-choice').filter({ has: ownPage.getByRole('button', { name: /Show me in the list of Counter-UAS/ }) })
  await expect(choice).toContainText('You do not appear in “Who is coming”.')
  await choice.getByRole('button').click()
  await expect(ownPage.getByText('You appear in “Who is coming”.')).toBeVisible()

  const viewer = await browser.newContext()
  await signInAs(viewer, baseURL!, viewerEmail)
  const page = await viewer.newPage()
  await page.goto(demoEventPath)
  await page.getByRole('navigation', { name: /event menu/ }).getByRole('link', { name: 'Who is coming' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Who is coming' })).toBeVisible()
  await page.getByLabel('Search').fill(person.name)
  await page.getByRole('button', { name: 'Find' }).click()
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: person.name }) })
  await expect(entry).toContainText(person.organisation)
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, results.violations.map((violation) => `${violation.id} (${violation.nodes.length})`).join(', ')).toEqual([])
  await page.getByLabel('Search').fill('')
  await page.getByRole('button', { name: 'Find' }).click()
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `sideways scroll at ${width} px`).toBe(true)
    await page.screenshot({ path: `${shots}/who-is-coming-${width}.png` })
  }

  // The CSV holds what the page shows.
  const csv = await page.request.get(`${demoEventPath}/who-is-coming.csv?q=${encodeURIComponent(person.name)}`)
  expect(csv.headers()['content-disposition']).toContain(`${demoSlug}-who-is-coming.csv`)
  expect(await csv.text()).toContain(`"${person.name}"`)

  // Taken back: gone at the next look.
  await ownPage.getByRole('button', { name: /Take me off the list of Counter-UAS/ }).click()
  await expect(ownPage.getByText('You do not appear in “Who is coming”.').first()).toBeVisible()
  await page.goto(`${demoEventPath}/who-is-coming?q=${encodeURIComponent(person.name)}`)
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toHaveCount(0)
  await own.close()
  await viewer.close()
})
