// An organiser adds a passkey on their account page and signs in with it, in Chromium with its
// virtual authenticator (DevTools protocol): the real browser ceremony against the real server.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { demoStaff, gotoHydrated, signInAs, withE2eDatabase } from './support.ts'

test('an organiser adds a passkey, signs out, and signs in again with it', async ({ page, context, baseURL }) => {
  const client = await page.context().newCDPSession(page)
  await client.send('WebAuthn.enable')
  await client.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
  const email = demoStaff.organiser
  const name = `Test laptop ${Date.now()}`
  await signInAs(context, baseURL!, email)

  await gotoHydrated(page, '/account')
  const passkeys = page.getByRole('region', { name: 'Passkeys' })
  await expect(passkeys).toBeVisible()
  await passkeys.getByLabel('Name for the new passkey').fill(name)
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(passkeys.getByRole('status')).toContainText(`Passkey “${name}” added`)
  await expect(passkeys.getByText(name, { exact: true })).toBeVisible()
  await expect(passkeys.getByRole('button', { name: `Remove passkey ${name}` })).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await gotoHydrated(page, '/sign-in')
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()

  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Passkeys' }).getByText(/last used/)).toBeVisible()
  // A passkey sign-in is a recent sign-in: adding another is offered at once.
  await expect(page.getByRole('button', { name: 'Add a passkey' })).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  // Removing it leaves the account as it was for the other specs.
  await page.getByRole('button', { name: `Remove passkey ${name}` }).click()
  await expect(page.getByRole('region', { name: 'Passkeys' }).getByText(name, { exact: true })).toHaveCount(0)
  await withE2eDatabase(async (db) => {
    expect(await db.passkey.count({ where: { name } })).toBe(0)
  })
})
