// Messages to attendees in the browser: an organiser writes to the seat holders of a breakout
// with merge fields, previews it as a real recipient, sends a test to themselves, sends it, and
// follows each recipient's delivery; a seat holder's mailbox holds it with their own name and
// organisation; the unsubscribe link stops organisers' messages for them. axe clean, and no
// sideways scroll at 390 px.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs, withE2eDatabase } from './support.ts'
import { demoSlug } from '#tests/support/demo.ts'

const shots = '/tmp/muster-shots'

/** axe over the page (the email preview's sandboxed frame, where axe cannot run, aside), then the page at a phone's and a desk's width. */
async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).exclude('iframe.message-preview').analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: sideways scroll at ${width} px`).toBe(true)
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('an organiser writes to a breakout’s seat holders, previews, tests, sends, and a seat holder reads it with their own details', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000)
  // The breakout with the most seat holders, and its people as the database has them.
  const breakout = await withE2eDatabase(async (db) => {
    const sessions = await db.agendaSession.findMany({
      where: { event: { slug: demoSlug }, signUpRequired: true, status: 'SCHEDULED' },
      select: { id: true, title: true, _count: { select: { enrolments: { where: { status: 'ENROLLED' } } } } },
    })
    const session = sessions.sort((a, b) => b._count.enrolments - a._count.enrolments)[0]!
    const seats = await db.sessionEnrolment.findMany({
      where: { sessionId: session.id, status: 'ENROLLED', registration: { status: 'APPROVED' } },
      select: { registration: { select: { user: { select: { name: true, email: true } }, organisation: { select: { name: true } } } } },
    })
    return { id: session.id, title: session.title, people: seats.map((seat) => ({ ...seat.registration.user, organisation: seat.registration.organisation?.name ?? '' })) }
  })
  expect(breakout.people.length).toBeGreaterThan(1)

  await signInAs(context, baseURL!, demoStaff.organiser)
  await page.goto(`${demoEventPath}/manage`)
  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Messages' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Messages to attendees' })).toBeVisible()
  await page.getByRole('link', { name: 'Write a message' }).click()

  // A merge field Muster does not know is refused next to the field.
  await page.getByLabel('Subject').fill('Your seat at the breakout, {{nme}}')
  await page.getByLabel('Message', { exact: true }).fill('Dear {{name}},\n\nThe breakout moves to **Room B**. Your badge for {{organisation}} is ready: {{registration_link}}')
  const sessionSelect = page.getByLabel('Breakout session')
  await sessionSelect.selectOption(breakout.id)
  await page.getByRole('button', { name: 'Save and preview' }).click()
  await expect(page.getByText(/Unknown merge field \{\{nme\}\}/)).toBeVisible()
  await expectAccessible(page, 'message-new')
  await page.getByLabel('Subject').fill('Your seat at the breakout, {{name}}')
  await page.getByRole('button', { name: 'Save and preview' }).click()

  // The draft: who it reaches, a preview as a real recipient.
  await expect(page.getByText('Draft saved.')).toBeVisible()
  const reach = page.locator('.message-reach')
  await expect(reach).toContainText(`${breakout.people.length} people match now`)
  await expect(reach).toContainText(`seat holders of “${breakout.title}”`)
  const first = [...breakout.people].sort((a, b) => a.name.localeCompare(b.name))[0]!
  await expect(page.getByText(`Subject: Your seat at the breakout, ${first.name}`)).toBeVisible()
  await expect(page.frameLocator('iframe.message-preview').getByText(`Dear ${first.name},`)).toBeVisible()
  await expectAccessible(page, 'message-draft')
  await page.locator('iframe.message-preview').screenshot({ path: `${shots}/message-preview.png` })

  await page.getByRole('button', { name: 'Send a test to me' }).click()
  await expect(page.getByText('Test sent to your own address.')).toBeVisible()
  await page.getByRole('button', { name: `Send now to ${breakout.people.length} people` }).click()
  await expect(page.getByText(`Message sent to ${breakout.people.length} people.`)).toBeVisible()
  // Each recipient's delivery: the worker captures every one within moments.
  await expect(async () => {
    await page.reload()
    await expect(page.getByRole('region', { name: 'Recipients of this message, table' }).getByText('Sent', { exact: true })).toHaveCount(breakout.people.length, { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await expectAccessible(page, 'message-sent')
  await page.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Messages' }).click()
  await expect(page.getByRole('row', { name: /Your seat at the breakout/ })).toContainText(`${breakout.people.length} of ${breakout.people.length} sent`)

  // A seat holder's mailbox holds it, with their own name and organisation filled in.
  const holder = breakout.people.find((person) => person.organisation) ?? breakout.people[0]!
  const link = page.getByRole('link', { name: `Your seat at the breakout, ${holder.name}` }).first()
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(holder.email)}`)
    await expect(link).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await link.click()
  const text = (await page.getByLabel(/text version/i).textContent()) ?? ''
  expect(text).toContain(`Dear ${holder.name},`)
  expect(text).toContain(`Your badge for ${holder.organisation} is ready`)
  expect(text).toContain(`/events/${demoSlug}/registration`)
  const unsubscribe = text.match(/https?:\/\/\S+\/unsubscribe\/[a-z2-7]{32}/)![0]

  // The organiser's test went to the organiser only.
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(demoStaff.organiser)}`)
  await expect(page.getByRole('link', { name: /^\[Test\] Your seat at the breakout/ }).first()).toBeVisible()

  // The seat holder stops organisers' messages: the link asks first, the button does it.
  await page.goto(new URL(unsubscribe).pathname)
  await expect(page.getByRole('heading', { level: 1, name: 'Stop organisers’ messages?' })).toBeVisible()
  await expectAccessible(page, 'unsubscribe')
  await page.getByRole('button', { name: 'Stop organisers’ messages' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'You will get no more organisers’ messages' })).toBeVisible()
  const stopped = await withE2eDatabase((db) => db.emailUnsubscribe.count({ where: { event: { slug: demoSlug }, user: { email: holder.email } } }))
  expect(stopped).toBe(1)
})
