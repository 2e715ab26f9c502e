// An organiser whose sign-in is older than a quarter of an hour confirms it is them before an
// export, gets the file, and finds the download (and the vetting records they opened) in the
// event's audit log, which is readable on a phone and at desk width.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { createSession, SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import { demoEventPath, demoStaff, readSignInCode, withE2eDatabase } from './support.ts'
import { demoSlug } from '#tests/support/demo.ts'

test('an export asks an older sign-in to confirm, then downloads, and the audit log shows it', async ({ page, context, baseURL }) => {
  // Signed in twenty minutes ago and used since: still signed in, but not recently enough for an export.
  const { token, sessionId } = await withE2eDatabase(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demoStaff.organiser }, select: { id: true } })
    const session = await createSession(db, user.id, { userAgent: 'Playwright' }, new Date(Date.now() - 20 * 60_000))
    await db.session.update({ where: { id: session.sessionId }, data: { lastSeenAt: new Date() } })
    return session
  })
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: token, url: baseURL!, httpOnly: true, sameSite: 'Lax' }])

  await page.goto(`${demoEventPath}/manage/matchmaking/console`)
  await page.getByRole('link', { name: 'Download all meetings (CSV)' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible()
  await expect(page.getByLabel('Email address')).toHaveValue(demoStaff.organiser)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const verifyUrl = page.url()
  const code = await readSignInCode(page, demoStaff.organiser)
  await page.goto(verifyUrl)
  await page.getByLabel('Six-digit code').fill(code)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Sign in' }).click()
  expect((await download).suggestedFilename()).toBe(`${demoSlug}-meetings.csv`)

  // The old session ended when the new one began.
  expect(await withE2eDatabase((db) => db.session.count({ where: { id: sessionId } }))).toBe(0)

  // The organiser opens a vetting record, then reads the audit log.
  await page.goto(`${demoEventPath}/manage/vetting`)
  await page.getByRole('table').getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 2, name: 'Organisation' })).toBeVisible()
  await page.goto(`${demoEventPath}/manage/audit`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const log = page.getByRole('list').filter({ hasText: 'Downloaded an export' })
  await expect(log.getByText('Downloaded an export').first()).toBeVisible()
  await expect(log.getByText(`File: ${demoSlug}-meetings.csv`, { exact: false }).first()).toBeVisible()
  await expect(log.getByText('Opened a vetting record').first()).toBeVisible()
  await page.getByLabel('Show').selectOption('export')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/category=export/)
  await expect(page.getByRole('list').filter({ hasText: 'Downloaded an export' }).getByText('Opened a vetting record')).toHaveCount(0)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(`${demoEventPath}/manage/audit`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: `test-results/screens/audit-log-${width}.png`, fullPage: true })
  }
})
