import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { demoEventPath, demoStaff, readSignInCode, signInAs, withE2eDatabase } from './support.ts'
import { demo } from '#tests/support/demo.ts'

test('a new person signs in with the emailed code, lands where they were going, and signs out', async ({ page }) => {
  const email = `new.person.${Date.now()}@example.org`

  // A protected page sends a signed-out visitor to sign-in, and back afterwards.
  await page.goto('/account')
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  await expect(page.getByText(email)).toBeVisible()
  const verifyUrl = page.url()

  const code = await readSignInCode(page, email)
  await page.goto(verifyUrl)
  await page.getByLabel('Six-digit code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByLabel('Name').fill('Nadia Novak')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByRole('status')).toHaveText('Your profile is saved.')
  // The header says someone is signed in, never who: pages are shared by everyone who stands in the same place (decision 027).
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account', exact: true })).toHaveAttribute('href', '/account')
  await page.reload()
  await expect(page.getByLabel('Name')).toHaveValue('Nadia Novak')

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible()
  await page.goto('/account')
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/)
})

test('a wrong code gets a clear message next to the field, and the form keeps working', async ({ page }) => {
  const email = `wrong.code.${Date.now()}@example.org`
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const code = await readSignInCode(page, email)
  const wrong = code === '000000' ? '111111' : '000000'
  await page.goto('/sign-in/verify')
  await page.getByLabel('Six-digit code').fill(wrong)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText(/That code is not right.*4 attempts left/)).toBeVisible()
  await expect(page.getByLabel('Six-digit code')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Six-digit code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
})

test('an invalid email address is explained next to the field', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill('not-an-address')
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByText('Enter an email address like name@example.org')).toBeVisible()
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address')
})

test('a cross-site POST is refused and changes nothing', async ({ request }) => {
  const victim = `victim.${Date.now()}@example.org`
  // A foreign Origin (React Router's own check answers first, with 400) ...
  const foreignOrigin = await request.post('/sign-in', { headers: { Origin: 'https://evil.example' }, form: { email: victim } })
  expect([400, 403]).toContain(foreignOrigin.status())
  // ... and no Origin at all from a cross-site context (Muster's check, 403).
  const crossSite = await request.post('/sign-in', { headers: { 'Sec-Fetch-Site': 'cross-site' }, form: { email: victim } })
  expect(crossSite.status()).toBe(403)
  const queued = await withE2eDatabase((db) => db.outboxMessage.count({ where: { toEmail: victim } }))
  expect(queued).toBe(0)
})

test('a used or made-up sign-in link explains itself', async ({ page }) => {
  const response = await page.goto(`/sign-in/link?token=${'a'.repeat(32)}`)
  expect(response?.status()).toBe(410)
  await expect(page.getByRole('alert')).toHaveText(/not valid/)
  await expect(page.getByRole('link', { name: 'Request a new sign-in email' })).toBeVisible()
})

test('a vetting officer reaches the vetting queue but not the organiser console', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.vettingOfficer)
  await page.goto(`${demoEventPath}/manage/vetting`)
  await expect(page.getByRole('heading', { level: 1, name: /Counter-UAS Industry Day/ })).toBeVisible()
  await expect(page.getByRole('table')).toBeVisible()
  const response = await page.goto(`${demoEventPath}/manage`)
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible()
})

test('staff reach their own tools from their account page, never "Not allowed"', async ({ browser, baseURL }) => {
  for (const [email, path, heading] of [
    [demoStaff.vettingOfficer, '/manage/vetting', 'Filter registrations'],
    [demoStaff.checkIn, '/manage/check-in', null],
    [demoStaff.organiser, '/manage', 'Registrations'],
  ] as const) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signInAs(context, baseURL!, email)
    await page.goto('/account')
    await page.getByRole('region', { name: 'Your events' }).getByRole('link', { name: demo.title }).last().click()
    await expect(page).toHaveURL(new RegExp(`${demoEventPath}${path}$`))
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toHaveCount(0)
    if (heading) await expect(page.getByRole(heading === 'Registrations' ? 'heading' : 'search', { name: heading })).toBeVisible()
    await context.close()
  }
})

test('the organiser console shows registration numbers and staff', async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, demoStaff.organiser)
  await page.goto(`${demoEventPath}/manage`)
  await expect(page.getByRole('heading', { level: 2, name: 'Registrations' })).toBeVisible()
  await expect(page.getByRole('cell', { name: demoStaff.vettingOfficer })).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
})
