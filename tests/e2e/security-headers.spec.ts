// Headers of the production server: pages cannot be framed or sniffed, scripts run only with the
// response's nonce (and the app still hydrates and works under that policy), and nothing a
// signed-in person sees, nor the sign-in pages, may be stored by a browser or proxy.
import { expect, test } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs } from './support.ts'

test('every response carries the protective headers; pages carry a nonce policy their scripts satisfy', async ({ page, request }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text())
  })

  const response = await page.goto(demoEventPath)
  const headers = response!.headers()
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('same-origin')
  const policy = headers['content-security-policy'] ?? ''
  expect(policy).toContain("frame-ancestors 'none'")
  expect(policy).toContain("object-src 'none'")
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
  expect(nonce).toBeTruthy()
  // Every inline script React Router wrote carries this response's nonce.
  const html = await response!.text()
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1]!)
  expect(inlineScripts.length).toBeGreaterThan(0)
  for (const attributes of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`)
  // A public page for an anonymous visitor may be cached; the policy differs on each response.
  expect(headers['cache-control'] ?? '').not.toContain('no-store')
  const again = await request.get(demoEventPath)
  expect(again.headers()['content-security-policy']).not.toBe(policy)

  // The app hydrates under the policy (React Router's scripts ran) and a client-side link works.
  await page.waitForFunction(() => '__reactRouterRouteModules' in window)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events', exact: true }).click()
  await expect(page).toHaveURL(/\/$/)
  const asset = await request.get('/favicon.svg')
  expect(asset.headers()['x-content-type-options']).toBe('nosniff')
  expect(violations).toEqual([])
})

test('sign-in pages and everything a signed-in person gets are never stored', async ({ page, context, baseURL, request }) => {
  for (const path of ['/sign-in', '/sign-in/verify', '/sign-in/link?token=abcdefghijklmnopqrstuvwxyz234567']) {
    const response = await request.get(path, { maxRedirects: 0 })
    expect(response.headers()['cache-control'], path).toBe('private, no-store')
  }
  // The link page's address is the secret: nothing of it leaves in a Referer (the page's own policy, not added to the site's).
  expect((await request.get('/sign-in/link?token=abcdefghijklmnopqrstuvwxyz234567')).headers()['referrer-policy']).toBe('no-referrer')
  await signInAs(context, baseURL!, demoStaff.organiser)
  for (const path of [demoEventPath, `${demoEventPath}/manage`, '/account']) {
    const response = await page.goto(path)
    expect(response!.status(), path).toBe(200)
    expect(response!.headers()['cache-control'], path).toBe('private, no-store')
  }
})
