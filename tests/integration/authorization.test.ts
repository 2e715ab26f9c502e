// requireUser and the staff console's door (its layout middleware, then requireConsoleRole) on
// the seeded demo event plus a second event: anonymous
// visitors go to sign-in and back; each role reaches its own pages only, on its own event only.
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventRole } from '#app/domain/events/roles.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent } from '#tests/support/fixtures.ts'
import { demoSlug } from '#tests/support/demo.ts'

let test: TestDatabase
let auth: typeof import('#app/lib/auth.server.ts')
let sessions: typeof import('#app/lib/session.server.ts')
let otherEventSlug: string

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  await seedDatabase(test.db)
  const other = await createEvent(test.db)
  otherEventSlug = other.slug
  const stranger = await test.db.user.create({ data: { email: 'other-organiser@example.org', name: 'Other organiser' } })
  await test.db.eventRole.create({ data: { eventId: other.id, userId: stranger.id, role: 'ORGANISER' } })
  // The app's env and db accessor read DATABASE_URL when first imported: point them at this
  // database before importing anything that uses them.
  process.env.DATABASE_URL = test.url
  auth = await import('#app/lib/auth.server.ts')
  sessions = await import('#app/lib/session.server.ts')
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

async function requestAs(email: string | null, path: string) {
  const headers = new Headers()
  if (email) {
    const user = await test.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
    const { token } = await sessions.createSession(test.db, user.id)
    headers.set('Cookie', `${sessions.SESSION_COOKIE_NAME}=${token}`)
  }
  return new Request(`http://localhost${path}`, { headers })
}

async function outcome(promise: Promise<unknown>) {
  try {
    await promise
    return 'allowed'
  } catch (thrown) {
    if (thrown instanceof Response) return `${thrown.status} ${thrown.headers.get('Location') ?? ''}`.trim()
    if (thrown && typeof thrown === 'object' && 'init' in thrown) {
      return String((thrown as { init: { status: number } | null }).init?.status)
    }
    throw thrown
  }
}

const staff = {
  owner: 'ingrid.halvorsen@defence-investment.example',
  organiser: 'mathieu.laurent@defence-investment.example',
  vettingOfficer: 'aino.virtanen@defence-investment.example',
  checkIn: 'jonas.peeters@defence-investment.example',
  attendee: 'kadri.tamm@hornet.example',
  otherOrganiser: 'other-organiser@example.org',
}

describe('requireUser', () => {
  it('sends an anonymous visitor to sign-in with the way back', async () => {
    const request = await requestAs(null, '/account?tab=profile')
    expect(await outcome(auth.requireUser(request))).toBe(`302 /sign-in?redirectTo=%2Faccount%3Ftab%3Dprofile`)
  })

  it('lets a signed-in person through', async () => {
    const request = await requestAs(staff.attendee, '/account')
    const { user } = await auth.requireUser(request)
    expect(user.email).toBe(staff.attendee)
    expect(Object.keys(user).sort()).toEqual(['email', 'id', 'isEventCreator', 'isPlatformAdmin', 'name'])
  })

  it('treats a cookie with a malformed escape as signed out, not as an error', async () => {
    const request = new Request('http://localhost/account', { headers: { Cookie: `${sessions.SESSION_COOKIE_NAME}=%E0%A4%A` } })
    expect(await outcome(auth.requireUser(request))).toMatch(/^302 \/sign-in/)
  })

  it('treats a forged cookie as signed out', async () => {
    const request = new Request('http://localhost/account', { headers: { Cookie: `${sessions.SESSION_COOKIE_NAME}=${'b'.repeat(32)}` } })
    expect(await outcome(auth.requireUser(request))).toMatch(/^302 \/sign-in/)
  })
})

/** The console layout's middleware for the event, then the page's own role check, as a console page runs them. */
async function consoleDoor(request: Request, slug: string, roles: EventRole[]) {
  const { consoleMiddleware, requireConsoleRole } = await import('#app/routes/manage/console-context.server.ts')
  const context = new RouterContextProvider()
  const args = { request, params: { slug }, context, url: new URL(request.url), pattern: '/events/:slug/manage' }
  return consoleMiddleware(args as never, async () => {
    requireConsoleRole(context, request, roles)
    return new Response(null)
  })
}

describe('the console door', () => {
  const cases: [keyof typeof staff, EventRole[], string][] = [
    ['owner', ['ORGANISER'], 'allowed'],
    ['organiser', ['ORGANISER'], 'allowed'],
    ['organiser', ['VETTING_OFFICER'], 'allowed'],
    ['organiser', ['OWNER'], '403'],
    ['vettingOfficer', ['VETTING_OFFICER'], 'allowed'],
    ['vettingOfficer', ['ORGANISER'], '403'],
    ['vettingOfficer', ['CHECK_IN'], '403'],
    ['checkIn', ['CHECK_IN'], 'allowed'],
    ['checkIn', ['VETTING_OFFICER'], '403'],
    ['attendee', ['CHECK_IN'], '403'],
    ['otherOrganiser', ['ORGANISER'], '403'],
    ['otherOrganiser', ['VETTING_OFFICER'], '403'],
  ]
  it.each(cases)('on the demo event, %s needing %j: %s', async (who, roles, expected) => {
    const request = await requestAs(staff[who], `/events/${demoSlug}/manage`)
    expect(await outcome(consoleDoor(request, demoSlug, roles))).toBe(expected)
  })

  it('no role on one event gives access to another', async () => {
    for (const who of ['owner', 'organiser', 'vettingOfficer', 'checkIn'] as const) {
      const request = await requestAs(staff[who], `/events/${otherEventSlug}/manage`)
      expect(await outcome(consoleDoor(request, otherEventSlug, ['CHECK_IN']))).toBe('403')
    }
    const request = await requestAs(staff.otherOrganiser, `/events/${otherEventSlug}/manage`)
    expect(await outcome(consoleDoor(request, otherEventSlug, ['ORGANISER']))).toBe('allowed')
  })

  it('answers 404 for an unknown event and sends anonymous visitors to sign-in', async () => {
    expect(await outcome(consoleDoor(await requestAs(staff.owner, '/x'), 'no-such-event', ['ORGANISER']))).toBe('404')
    expect(await outcome(consoleDoor(await requestAs(null, '/events/x/manage'), demoSlug, ['ORGANISER']))).toMatch(
      /^302 \/sign-in\?redirectTo=/,
    )
  })
})

describe('signInPath', () => {
  it('leads back to the page, not to its data request', () => {
    const dataRequest = new Request('http://localhost/events/x/register.data?_routes=routes%2Fregister&tab=1')
    expect(auth.signInPath(dataRequest)).toBe('/sign-in?redirectTo=%2Fevents%2Fx%2Fregister%3Ftab%3D1')
    expect(auth.signInPath(new Request('http://localhost/_root.data'))).toBe('/sign-in?redirectTo=%2F')
  })
})
