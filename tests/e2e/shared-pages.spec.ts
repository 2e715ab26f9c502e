// An event's public pages are rendered once per version and shared by every visitor who stands
// where another does (decision 027): the anonymous visitor, each registration standing, staff.
// People who stand differently ask for the same pages in turn, twice over, so every page is
// served from the stored copy at least once: each must still see only their own standing, their own
// registration on the event page and their own seat on a session page. The list of events is
// shared by anonymous visitors and follows every change at once.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { createAgendaEvent, createSession } from '#tests/support/agenda-fixtures.ts'
import { createUser, registrationData } from '#tests/support/fixtures.ts'
import { signInAs, withE2eDatabase } from './support.ts'

type Person = {
  name: string
  email: string | null
  menuBadge: string | null
  menuLinks: string[]
  eventPage: RegExp
  sessionPanel: RegExp
  /** The registration status in the event menu's data, as a client-side navigation loads it. */
  standing: 'APPROVED' | 'PENDING' | 'WAITLISTED' | null
}

async function createEventWithEveryStanding() {
  return withE2eDatabase(async (db) => {
    const { event, room, speaker } = await createAgendaEvent(db)
    await db.speaker.update({ where: { id: speaker.id }, data: { slug: `ada-${event.slug}` } })
    const session = await createSession(db, {
      eventId: event.id,
      roomId: room.id,
      title: 'Radar cueing workshop',
      kind: 'BREAKOUT',
      startsAt: new Date('2027-03-24T09:00:00Z'),
      endsAt: new Date('2027-03-24T10:00:00Z'),
      capacity: 20,
      signUpRequired: true,
    })
    await db.sessionSpeaker.create({ data: { sessionId: session.id, speakerId: speaker.id, position: 0 } })
    const register = async (name: string, data: Record<string, unknown>) => {
      const user = await createUser(db, name)
      await db.registration.create({ data: { ...registrationData(event.id, user.id), ...data } })
      return user
    }
    const seated = await register('Seated Attendee', { status: 'APPROVED', holdsSeat: true, decidedAt: new Date() })
    const approved = await register('Approved Attendee', { status: 'APPROVED', holdsSeat: true, decidedAt: new Date() })
    const pending = await register('Pending Applicant', { status: 'PENDING' })
    const waiting = await register('Waiting Applicant', { status: 'WAITLISTED', waitlistNumber: 1 })
    const organiser = await createUser(db, 'Event Organiser')
    await db.eventRole.create({ data: { eventId: event.id, userId: organiser.id, role: 'ORGANISER' } })
    await signUpForSession(db, { sessionId: session.id, userId: seated.id })
    return { slug: event.slug, sessionSlug: session.slug, speakerSlug: `ada-${event.slug}`, seated, approved, pending, waiting, organiser }
  })
}

const signUpOffer = /Sign up|Join the waiting list/
const attendeeLinks = ['Event', 'Programme', 'My agenda', 'Who is coming', 'My badge']

test('people who stand differently read the same pages in turn and each sees only where they stand', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const fixture = await createEventWithEveryStanding()
  const people: Person[] = [
    { name: 'seated', email: fixture.seated.email, menuBadge: 'Registered', menuLinks: attendeeLinks, eventPage: /My agenda/, sessionPanel: /You have a seat/, standing: 'APPROVED' },
    { name: 'approved', email: fixture.approved.email, menuBadge: 'Registered', menuLinks: attendeeLinks, eventPage: /My agenda/, sessionPanel: signUpOffer, standing: 'APPROVED' },
    { name: 'pending', email: fixture.pending.email, menuBadge: 'Pending', menuLinks: ['Event', 'Programme', 'My registration'], eventPage: /Your registration/, sessionPanel: /open to attendees whose registration is approved/, standing: 'PENDING' },
    { name: 'waiting', email: fixture.waiting.email, menuBadge: 'Waiting list #1', menuLinks: ['Event', 'Programme', 'My registration'], eventPage: /Your registration/, sessionPanel: /open to attendees whose registration is approved/, standing: 'WAITLISTED' },
    { name: 'organiser', email: fixture.organiser.email, menuBadge: null, menuLinks: ['Event', 'Programme', 'Who is coming', 'Manage'], eventPage: /Register/, sessionPanel: /open to attendees whose registration is approved/, standing: null },
    { name: 'visitor', email: null, menuBadge: null, menuLinks: ['Event', 'Programme'], eventPage: /Register/, sessionPanel: /Sign in/, standing: null },
  ]
  const base = `/events/${fixture.slug}`
  const pages = {
    event: base,
    agenda: `${base}/agenda`,
    session: `${base}/sessions/${fixture.sessionSlug}`,
    speaker: `${base}/speakers/${fixture.speakerSlug}`,
  }
  const opened = await Promise.all(people.map((person) => openAs(browser, baseURL!, person.email)))
  const pageErrors: string[] = []
  for (const page of opened) {
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())))
    page.on('pageerror', (error) => void pageErrors.push(error.message))
  }

  // First round in the browser: the page each person reads, hydrated without a mismatch.
  for (const [kind, path] of Object.entries(pages)) {
    for (const [index, person] of people.entries()) {
      const page = opened[index]!
      const answer = await page.goto(path)
      const where = `${person.name}, ${kind} page`
      expect(answer?.status(), where).toBe(200)
      // Signed in: never stored by a browser or a proxy; the shared copy is the server's alone.
      expect(answer?.headers()['cache-control'], where).toBe(person.email ? 'private, no-store' : 'public, no-cache')
      const header = page.getByRole('navigation', { name: 'Main' })
      await expect(header.getByRole('link', { name: person.email ? 'Account' : 'Sign in', exact: true }), where).toBeVisible()
      const menu = page.getByRole('navigation', { name: /event menu/ })
      await expect(menu.getByRole('link'), where).toHaveText(person.menuLinks)
      if (person.menuBadge) await expect(menu.locator('.badge'), where).toHaveText(person.menuBadge)
      else await expect(menu.locator('.badge'), where).toHaveCount(0)
      if (kind === 'event') await expect(page.locator('.cta'), where).toContainText(person.eventPage)
      if (kind === 'session') await expect(page.locator('.sign-up-panel'), where).toContainText(person.sessionPanel)
    }
  }
  expect(pageErrors).toEqual([])

  // Second round, every page now stored: the HTML each person is sent.
  for (const [kind, path] of Object.entries(pages)) {
    for (const [index, person] of people.entries()) {
      const answer = await opened[index]!.context().request.get(path)
      const where = `${person.name}, ${kind} page, served again`
      const html = await answer.text()
      const menu = /<nav aria-label="[^"]*: event menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
      expect([...menu.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((link) => link[1]), where).toEqual(person.menuLinks)
      expect(/event-menu__standing">([^<]*)</.exec(menu)?.[1] ?? null, where).toBe(person.menuBadge)
      expect(html.includes('>Account</a>'), where).toBe(person.email !== null)
      if (kind === 'event') expect(/<p class="cta">([\s\S]*?)<\/p>/.exec(html)?.[1], where).toMatch(person.eventPage)
      if (kind === 'session') expect(/class="[^"]*sign-up-panel[\s\S]*?<\/section>/.exec(html)?.[0], where).toMatch(person.sessionPanel)
    }
  }

  // A client-side navigation loads the event menu's data (React Router's single fetch): twice each, the second stored.
  for (const round of [1, 2]) {
    for (const [index, person] of people.entries()) {
      const answer = await opened[index]!.context().request.get(`${pages.agenda}.data?_routes=routes/events/layout`)
      const where = `${person.name}, the menu's data, round ${round}`
      expect(answer.status(), where).toBe(200)
      const body = await answer.text()
      const shown = (['APPROVED', 'PENDING', 'WAITLISTED'] as const).filter((status) => body.includes(`"${status}"`))
      expect(shown, where).toEqual(person.standing ? [person.standing] : [])
    }
  }
  for (const page of opened) await page.context().close()
})

test('a page shared by two people who stand alike is the very same page, and changes with one of them', async ({ browser, baseURL }) => {
  const fixture = await createEventWithEveryStanding()
  const agenda = `/events/${fixture.slug}/agenda`
  const [seated, approved] = await Promise.all([openAs(browser, baseURL!, fixture.seated.email), openAs(browser, baseURL!, fixture.approved.email)])
  const etagOf = async (page: Page) => (await page.context().request.get(agenda)).headers()['etag']
  const shared = await etagOf(seated)
  expect(shared).toMatch(/^"[\w-]{27}"$/)
  expect(await etagOf(approved)).toBe(shared)

  // The approved attendee cancels: their next page shows them as a visitor again, the other's stays.
  await withE2eDatabase((db) => db.registration.updateMany({ where: { userId: fixture.approved.id }, data: { status: 'CANCELLED', holdsSeat: false } }))
  await approved.goto(agenda)
  await expect(approved.getByRole('navigation', { name: /event menu/ }).getByRole('link')).toHaveText(['Event', 'Programme'])
  expect(await etagOf(approved)).not.toBe(shared)
  expect(await etagOf(seated)).toBe(shared)
  await seated.goto(agenda)
  await expect(seated.getByRole('navigation', { name: /event menu/ }).locator('.badge')).toHaveText('Registered')
  for (const page of [seated, approved]) await page.context().close()
})

async function openAs(browser: Browser, baseURL: string, email: string | null) {
  const context = await browser.newContext()
  if (email) await signInAs(context, baseURL, email)
  return context.newPage()
}

test('the list of events, shared by anonymous visitors, shows an event at once when it is published or renamed', async ({ request }) => {
  const home = async () => {
    const answer = await request.get('/')
    expect(answer.headers()['cache-control']).toBe('public, no-cache')
    return answer.text()
  }
  const slug = await withE2eDatabase(async (db) => {
    const { event } = await createAgendaEvent(db)
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    return event.slug
  })
  expect(await home()).not.toContain(`/events/${slug}"`)
  await home()
  await withE2eDatabase((db) => db.event.update({ where: { slug }, data: { status: 'PUBLISHED', title: `Harbour Day ${slug}` } }))
  const published = await home()
  expect(published).toContain(`/events/${slug}"`)
  expect(published).toContain(`Harbour Day ${slug}`)
  await withE2eDatabase((db) => db.event.update({ where: { slug }, data: { title: `Harbour Security Day ${slug}` } }))
  expect(await home()).toContain(`Harbour Security Day ${slug}`)
})
