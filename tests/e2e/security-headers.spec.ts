// Headers of the production server: pages cannot be framed or sniffed, scripts run only with the
// response's nonce or, on a page shared by anonymous visitors, by their hashes (and the app still
// hydrates and works under that policy), and nothing a
// signed-in person sees, nor the sign-in pages, may be stored by a browser or proxy.
import { expect, test } from '@playwright/test'
import { demoEventPath, demoStaff, signInAs } from './support.ts'

test('every response carries the protective headers; pages carry a nonce policy their scripts satisfy', async ({ page, request }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text())
  })

  // The sign-in page is rendered for each visitor: its policy carries that response's nonce.
  const response = await page.goto('/sign-in')
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
  const again = await request.get('/sign-in')
  expect(again.headers()['content-security-policy']).not.toBe(policy)

  // The app hydrates under the policy (React Router's scripts ran) and a client-side link works.
  await page.waitForFunction(() => '__reactRouterRouteModules' in window)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events', exact: true }).click()
  await expect(page).toHaveURL(/\/$/)
  const asset = await request.get('/favicon.svg')
  expect(asset.headers()['x-content-type-options']).toBe('nosniff')
  expect(violations).toEqual([])
})

test('a public page shared by anonymous visitors allows exactly its own inline scripts by hash, and still hydrates', async ({ page, request }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text())
  })
  const first = await request.get(demoEventPath)
  const response = await page.goto(demoEventPath)
  const headers = response!.headers()
  const policy = headers['content-security-policy'] ?? ''
  // Stored once for every visitor: no nonce another visitor could learn, the same policy each time.
  expect(policy).not.toContain("'nonce-")
  expect(first.headers()['content-security-policy']).toBe(policy)
  expect(headers['cache-control']).toBe('public, no-cache')
  expect(headers.etag).toMatch(/^"[\w-]{27}"$/)
  const html = await response!.text()
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!)
  expect(inlineScripts.length).toBeGreaterThan(0)
  const allowed = new Set([...policy.matchAll(/'sha256-([^']+)'/g)].map((match) => match[1]!))
  const digests = await page.evaluate(async (scripts) => {
    const digest = async (text: string) => btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))))
    return Promise.all(scripts.map(digest))
  }, inlineScripts)
  expect(new Set(digests)).toEqual(allowed)

  // A copy that is current is answered with 304 and no body.
  const revalidated = await request.get(demoEventPath, { headers: { 'If-None-Match': headers.etag! } })
  expect(revalidated.status()).toBe(304)

  await page.waitForFunction(() => '__reactRouterRouteModules' in window)
  await page.getByRole('link', { name: 'Search the agenda, filter by track, room or kind' }).click()
  await expect(page).toHaveURL(/\/agenda/)
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
