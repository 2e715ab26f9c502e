// The development mailbox in the production build: mail queued in the database is captured by
// the outbox worker that server.js starts, listed for its recipient, and readable in full,
// invite included.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { buildCalendar } from '#app/domain/calendar/calendar.ts'
import { queueEmail } from '#app/domain/messages/queued-email.server.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import { withE2eDatabase } from './support.ts'

const inviteEntry = sampleCalendarEntry({ uid: 'mailbox-e2e@muster.test' })

test('captured mail is listed for its recipient and readable in full', async ({ page }) => {
  const recipient = `mailbox.${Date.now()}@example.org`
  const subject = 'Your code to sign in to Muster'
  await withE2eDatabase((db) =>
    queueEmail(db, {
      idempotencyKey: `e2e-mailbox:${recipient}`,
      kind: 'sign-in',
      to: { email: recipient },
      email: { template: 'sign-in', props: { code: '314159', link: 'http://localhost/sign-in/link?token=e2e', expiresInMinutes: 10 } },
      invite: { method: 'REQUEST', entry: inviteEntry },
    }),
  )

  await page.goto(`/dev/mailbox?to=${encodeURIComponent(recipient)}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: recipient })
  // The worker in server.js polls: the status turns Captured without a reload of the message.
  await expect(async () => {
    await page.reload()
    await expect(row.getByText('Captured')).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 10_000 })
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByRole('link', { name: `Your code to sign in to Muster to ${recipient}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await expect(page.getByLabel('Text version')).toContainText('314159')
  await expect(page.frameLocator('iframe[title^="HTML version"]').getByText('314159', { exact: true })).toBeVisible()
  await expect(page.getByLabel(/Calendar invite/)).toContainText('UID:mailbox-e2e@muster.test')
  // The email inside the sandboxed frame cannot run axe (no scripts there); the page around it can.
  expect((await new AxeBuilder({ page }).exclude('.mailbox-html').analyze()).violations).toEqual([])

  const download = await page.request.get((await page.getByRole('link', { name: 'Download invite.ics' }).getAttribute('href')) ?? '')
  expect(download.status()).toBe(200)
  expect(download.headers()['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST')
  expect(await download.text()).toBe(buildCalendar({ method: 'REQUEST', entries: [inviteEntry] }))
})

test('an unknown message answers 404', async ({ page }) => {
  const response = await page.goto('/dev/mailbox/no-such-message')
  expect(response?.status()).toBe(404)
  const invite = await page.request.get('/dev/mailbox/no-such-message/invite.ics')
  expect(invite.status()).toBe(404)
})
