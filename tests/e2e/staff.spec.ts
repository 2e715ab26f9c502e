// The staff page in the browser, on the shared demo database: the demo organiser invites an
// address with no account as vetting officer; that person follows the emailed invitation, signs
// in with the code from the development mailbox and lands on the vetting queue. Addresses are
// unique per run, because other specs use the same database in parallel.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs, signInThroughEmail } from './support.ts'

test.describe.configure({ timeout: 90_000 })

const staffPath = `${demoEventPath}/manage/staff`

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations, `${page.url()}: ${results.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`).toEqual([])
}

test('an organiser invites a new vetting officer, who signs in with the emailed code and lands on the vetting queue', async ({ browser, baseURL }) => {
  const email = `new.vetting.officer.${Date.now()}@example.org`

  const organiserContext = await browser.newContext()
  await signInAs(organiserContext, baseURL!, demoStaff.organiser)
  const organiser = await organiserContext.newPage()
  await organiser.goto(`${demoEventPath}/manage`)
  await organiser.getByRole('link', { name: 'Manage staff' }).click()
  await expect(organiser).toHaveURL(new RegExp(`${staffPath}$`))
  await expect(organiser.getByRole('navigation', { name: 'Event console' }).getByRole('link', { name: 'Staff' })).toHaveAttribute('aria-current', 'page')
  // An organiser may not touch an owner: the owner's row has no buttons, and owner is not offered.
  const ownerRow = organiser.getByRole('row').filter({ hasText: demoStaff.owner })
  await expect(ownerRow.getByRole('button')).toHaveCount(0)
  await expect(organiser.getByLabel('Role', { exact: true }).locator('option')).toHaveText(['Organiser', 'Vetting officer', 'Check-in staff'])
  await expectNoAxeViolations(organiser)

  // A mistyped address is explained next to the field.
  await organiser.getByLabel('Email address').fill('not-an-address')
  await organiser.getByRole('button', { name: 'Add to the staff' }).click()
  await expect(organiser.getByText('Enter an email address like name@example.org')).toBeVisible()
  await expect(organiser.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')

  await organiser.getByLabel('Email address').fill(email)
  await organiser.getByLabel('Role', { exact: true }).selectOption({ label: 'Vetting officer' })
  await organiser.getByRole('button', { name: 'Add to the staff' }).click()
  await expect(organiser.getByRole('status')).toContainText(`${email} has no Muster account yet, so an invitation has been emailed.`)
  const invitations = organiser.getByRole('region', { name: 'Pending invitations, table' })
  await expect(invitations.getByRole('row').filter({ hasText: email })).toContainText('Vetting officer')
  await expect(invitations.getByRole('button', { name: `Cancel invitation to ${email}` })).toBeVisible()
  await expectNoAxeViolations(organiser)

  // The invited person reads the invitation in the development mailbox and follows its link.
  const personContext = await browser.newContext()
  const person = await personContext.newPage()
  const invitation = person.getByRole('link', { name: new RegExp(`invited to join.*as Vetting officer.*${email.replace(/[.+]/g, '\\$&')}`) })
  await expect(async () => {
    await person.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`)
    await expect(invitation).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await invitation.click()
  const text = (await person.getByLabel(/text version/i).textContent()) ?? ''
  expect(text).toContain('Sign in to accept')
  const link = text.match(/https?:\/\/\S+\/sign-in\?redirectTo=\S+/)?.[0]
  expect(link, 'the sign-in link in the invitation').toBeTruthy()
  await person.goto(link!)
  await signInThroughEmail(person, email)

  await expect(person).toHaveURL(new RegExp(`${demoEventPath}/manage/vetting$`))
  const consoleNav = person.getByRole('navigation', { name: 'Event console' })
  await expect(consoleNav.getByRole('link', { name: 'Vetting' })).toHaveAttribute('aria-current', 'page')
  await expect(consoleNav.getByRole('link', { name: 'Staff' })).toHaveCount(0)

  // The organiser's page now lists them as staff, granted by the organiser, and no longer as invited.
  await organiser.reload()
  await expect(organiser.getByRole('region', { name: 'Event staff, table' }).getByRole('row').filter({ hasText: email })).toContainText('Mathieu Laurent')
  await expect(organiser.getByRole('region', { name: 'Pending invitations, table' }).getByRole('row').filter({ hasText: email })).toHaveCount(0)

  await personContext.close()
  await organiserContext.close()
})
