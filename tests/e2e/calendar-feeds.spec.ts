// Calendar subscriptions in the browser and over HTTP against the production build: a person
// makes their feed link, a calendar client polls it (200, then 304), the person turns it off
// (404); the event page offers the public feeds.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { demoEventPath, signInAs } from './support.ts'
import { demo, demoSlug } from '#tests/support/demo.ts'

test('a person makes a feed link, a calendar app polls it cheaply, and turning it off answers 404', async ({ page, context, baseURL, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await signInAs(context, baseURL!, 'kadri.tamm@hornet.example')
  await page.goto('/account')
  await page.getByRole('link', { name: /subscribe to your calendar feed/i }).click()
  await expect(page).toHaveURL(/\/account\/calendar$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar subscription' })).toBeVisible()
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await page.getByRole('button', { name: /^Create (my feed link|a new link)$/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Your new feed link' })).toBeVisible()
  const feedUrl = await page.getByLabel('Feed address').inputValue()
  expect(feedUrl).toMatch(new RegExp(`^${baseURL}/calendar/feeds/[a-z2-7]{32}\\.ics$`))
  const webcalUrl = feedUrl.replace(/^https?:/, 'webcal:')
  await expect(page.getByRole('link', { name: 'Subscribe in your calendar app' })).toHaveAttribute('href', webcalUrl)
  await expect(page.getByRole('link', { name: 'Add to Google Calendar' })).toHaveAttribute(
    'href',
    `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`,
  )
  await expect(page.getByRole('link', { name: 'Add to Outlook.com or Microsoft 365' })).toHaveAttribute(
    'href',
    new RegExp(`^https://outlook\\.office\\.com/calendar/0/addfromweb\\?url=${encodeURIComponent(feedUrl).replace(/\./g, '\\.')}&name=`),
  )
  await page.getByRole('button', { name: 'Copy the address' }).click()
  await expect(page.getByText('Copied.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(feedUrl)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  // A calendar client polling the feed.
  const feedPath = new URL(feedUrl).pathname
  const first = await request.get(feedPath)
  expect(first.status()).toBe(200)
  expect(first.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  const etag = first.headers()['etag']!
  expect(etag).toMatch(/^"[\w-]+"$/)
  expect(first.headers()['last-modified']).toBeTruthy()
  const calendar = readWithIcalJs(await first.text())
  expect(calendar.method).toBe('PUBLISH')
  expect(calendar.events.some((event) => event.summary.startsWith('B2B meeting: Piotr Nowak'))).toBe(true)
  const again = await request.get(feedPath, { headers: { 'If-None-Match': etag } })
  expect(again.status()).toBe(304)
  expect(again.headers()['etag']).toBe(etag)
  // server.js answers the polled feeds ahead of the router: with every header a routed answer has.
  for (const response of [first, again]) {
    expect(response.headers()['cache-control']).toBe('private, no-cache')
    expect(response.headers()['referrer-policy']).toBe('no-referrer')
    expect(response.headers()['x-content-type-options']).toBe('nosniff')
    expect(response.headers()['x-frame-options']).toBe('DENY')
    expect(response.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers()['vary']).toBe('Accept-Encoding')
  }
  const head = await request.head(feedPath)
  expect(head.status()).toBe(200)
  expect(head.headers()['etag']).toBe(etag)
  expect(await head.text()).toBe('')
  // Opened in the browser of the person signed in, it is not kept at all.
  expect((await page.request.get(feedPath)).headers()['cache-control']).toBe('private, no-store')

  // Later, the link cannot be shown again, but its use can.
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'Your new feed link' })).toHaveCount(0)
  await expect(page.getByText(/Last fetched by a calendar app/)).toBeVisible()

  await page.getByRole('button', { name: 'Turn off the feed' }).click()
  await expect(page.getByText('Your feed is turned off.')).toBeVisible()
  const revoked = await request.get(feedPath, { headers: { 'If-None-Match': etag } })
  expect(revoked.status()).toBe(404)
  expect(await revoked.text()).toBe('Not found\n')
})

// The event page's accessibility, this section included, is checked in event-page.spec.ts.
test('the event page offers the agenda, each track and each session to a calendar', async ({ page, request, baseURL }) => {
  await page.goto(demoEventPath)
  const section = page.getByRole('region', { name: 'Add to calendar' })
  await expect(section).toBeVisible()
  // One menu, closed until asked for: the feeds are not a wall of links on a phone.
  await expect(section.getByRole('link', { name: 'Download .ics (the whole agenda)' })).toBeHidden()
  await section.getByText('Subscribe to the agenda').click()
  const agendaFeed = section.getByRole('link', { name: 'Download .ics (the whole agenda)' })
  await expect(agendaFeed).toHaveAttribute('href', `${baseURL}${demoEventPath}/calendar.ics`)
  await expect(section.getByRole('link', { name: 'Subscribe (the whole agenda)' })).toHaveAttribute(
    'href',
    `${baseURL!.replace(/^http:/, 'webcal:')}${demoEventPath}/calendar.ics`,
  )

  const agenda = await request.get(`${demoEventPath}/calendar.ics`, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(agenda.status()).toBe(200)
  expect(agenda.headers()['cache-control']).toBe('public, max-age=300')
  expect(agenda.headers()['content-encoding']).toBe('gzip')
  const agendaText = await agenda.text()
  expect(readWithIcalJs(agendaText).events.length).toBeGreaterThan(20)
  const polled = await request.get(`${demoEventPath}/calendar.ics`, { headers: { 'If-Modified-Since': agenda.headers()['last-modified']! } })
  expect(polled.status()).toBe(304)
  expect(polled.headers()['etag']).toBe(agenda.headers()['etag'])
  // An escaped address goes on to React Router's route, which answers exactly as server.js does.
  const escapedPath = `/events/%${demoSlug.charCodeAt(0).toString(16)}${demoSlug.slice(1)}/calendar.ics`
  const routed = await request.get(escapedPath)
  expect(routed.status()).toBe(200)
  expect(routed.headers()['etag']).toBe(agenda.headers()['etag'])
  expect(await routed.text()).toBe(agendaText)

  const trackFeedHref = await section.getByRole('link', { name: /^Download \.ics \(the .+ track\)$/ }).first().getAttribute('href')
  expect((await request.get(new URL(trackFeedHref!).pathname)).status()).toBe(200)

  const opening = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Opening address/i }) })
  const sessionHref = await opening.getByRole('link', { name: 'Add to calendar (Opening address)' }).getAttribute('href')
  const session = await request.get(sessionHref!)
  expect(session.status()).toBe(200)
  expect(session.headers()['content-disposition']).toBe(`attachment; filename="${demoSlug}-opening-address.ics"`)
  const [event] = readWithIcalJs(await session.text()).events
  expect(event!.start.toISOString()).toBe(demo.eventDayTime(1, '09:00').toISOString())
})
