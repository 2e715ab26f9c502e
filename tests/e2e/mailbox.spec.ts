// The development mailbox in the production build: mail queued in the database is captured by
// the outbox worker that server.js starts, listed for its recipient, and readable in full,
// invite included.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { queueEmail } from '#app/lib/outbox.server.ts'
import { renderEmail } from '../../emails/render.server.tsx'
import { withE2eDatabase } from './support.ts'

const inviteIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Muster//Mailbox test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:mailbox-e2e@muster.test',
  'DTSTAMP:20261128T090000Z',
  'DTSTART:20270324T080000Z',
  'DTEND:20270324T160000Z',
  'SUMMARY:Counter-UAS Industry Day 2027',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n')

test('captured mail is listed for its recipient and readable in full', async ({ page }) => {
  const recipient = `mailbox.${Date.now()}@example.org`
  const email = await renderEmail('sign-in', { code: '314159', link: 'http://localhost/sign-in/link?token=e2e', expiresInMinutes: 10 })
  await withE2eDatabase((db) =>
    queueEmail(db, {
      idempotencyKey: `e2e-mailbox:${recipient}`,
      kind: 'sign-in',
      to: { email: recipient },
      ...email,
      invite: { method: 'REQUEST', ics: inviteIcs },
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
  await expect(page.getByRole('heading', { level: 1, name: email.subject })).toBeVisible()
  await expect(page.getByLabel('Text version')).toContainText('314159')
  await expect(page.frameLocator('iframe[title^="HTML version"]').getByText('314159', { exact: true })).toBeVisible()
  await expect(page.getByLabel(/Calendar invite/)).toContainText('UID:mailbox-e2e@muster.test')
  // The email inside the sandboxed frame cannot run axe (no scripts there); the page around it can.
  expect((await new AxeBuilder({ page }).exclude('.mailbox-html').analyze()).violations).toEqual([])

  const download = await page.request.get((await page.getByRole('link', { name: 'Download invite.ics' }).getAttribute('href')) ?? '')
  expect(download.status()).toBe(200)
  expect(download.headers()['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST')
  expect(await download.text()).toBe(inviteIcs)
})

test('an unknown message answers 404', async ({ page }) => {
  const response = await page.goto('/dev/mailbox/no-such-message')
  expect(response?.status()).toBe(404)
  const invite = await page.request.get('/dev/mailbox/no-such-message/invite.ics')
  expect(invite.status()).toBe(404)
})
