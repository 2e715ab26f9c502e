// Every route in app/routes.ts, for every kind of visitor: each route module's loader (and its
// action, with an empty form) is called directly, the way the server would, and what it answers
// is compared with the role matrix below. A route module without an entry in the table fails the
// first test, so a new page cannot ship without deciding who may open it.
//
// The seeded demo event is the stage (seeds/README.md names its staff); a second event with its
// own organiser and a platform administrator are added. Every visitor comes from a remote
// address except `loopback`, an anonymous visitor on this machine: the development mailbox is
// decided by address, not by account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '#seeds/seed.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { callRoute, loadRouteModule, routeTable } from '#tests/support/routes.ts'
import { demoSlug } from '#tests/support/demo.ts'

const remoteAddress = '203.0.113.7'
const loopbackAddress = '127.0.0.1'

const identities = [
  'anonymous', // no session, remote address
  'loopback', // no session, on this machine
  'account', // signed in, no registration and no role
  'pending', // the demo's PENDING registrant (found by status)
  'attendee', // kadri.tamm: approved, matchmaking profile, party to the meeting and request used below
  'participant', // another approved attendee with a profile, party to neither
  'checkIn', // demo staff, seeds/README.md
  'vettingOfficer',
  'organiser',
  'owner',
  'otherOrganiser', // organiser of the second event only
  'admin', // platform administrator, no event role
] as const
type Identity = (typeof identities)[number]

/**
 * What a loader or action answered: 'allowed' (2xx), 'sign-in' (302 to /sign-in with the way
 * back), `redirect <location>` for any other redirect, or the status code of a refusal.
 */
type Outcome = 'allowed' | 'sign-in' | `redirect ${string}` | 400 | 403 | 404 | 409
type Row = Record<Identity, Outcome>

// ---------- The role matrix ----------

function row(fallback: Outcome, cells: Partial<Row> = {}): Row {
  return Object.fromEntries(identities.map((identity) => [identity, cells[identity] ?? fallback])) as Row
}

/** Everyone, signed in or not. */
const everyone = (outcome: Outcome = 'allowed') => row(outcome)

/** Anyone signed in; anonymous visitors are sent to sign-in. */
const signedIn = (outcome: Outcome, cells: Partial<Row> = {}) => row(outcome, { anonymous: 'sign-in', loopback: 'sign-in', ...cells })

/** The staff console: the minimum role on the demo event, the roles above it, and platform admins. */
function staff(minimum: 'ORGANISER' | 'VETTING_OFFICER' | 'CHECK_IN', allowed: Outcome = 'allowed') {
  const cells: Partial<Row> = { organiser: allowed, owner: allowed, admin: allowed }
  if (minimum === 'VETTING_OFFICER') cells.vettingOfficer = allowed
  if (minimum === 'CHECK_IN') cells.checkIn = allowed
  return signedIn(403, cells)
}

/** Matchmaking browsing: approved attendees with a profile, the event's organisers and platform admins. */
const matchmakingBrowse = (allowed: Outcome = 'allowed') =>
  signedIn(403, { attendee: allowed, participant: allowed, organiser: allowed, owner: allowed, admin: allowed })

/** A person's own matchmaking profile: approved registrants only (staff included only if registered). */
const ownProfile = (allowed: Outcome = 'allowed') => signedIn(403, { attendee: allowed, participant: allowed })

/** One meeting or meeting request: only its own people (the attendee); 404 for everyone else, organisers included. */
const partiesOnly = (allowed: Outcome = 'allowed') => signedIn(404, { attendee: allowed })

/** The development mailbox: a client on this machine, whoever is signed in; 404 (no such page) for a remote one. */
const mailbox = () => row(404, { loopback: 'allowed' })

/** What the test looks up in the database to fill in route parameters. */
type Ids = {
  sessionSlug: string
  sessionId: string
  speakerSlug: string
  trackSlug: string
  registrationId: string
  meetingId: string
  requestId: string
  /** A third participant, whose profile and request form the pages show. */
  profileUserId: string
  feedFile: string
  messageId: string
}

type Entry = {
  params: (ids: Ids) => Record<string, string>
  /** null for a layout without a loader: its middleware is tested through the pages below it. */
  loader: Row | null
  /** Only for modules that export an action: the answer to an empty urlencoded POST. */
  action?: Row
}

const demo = { slug: demoSlug }
const noParams = () => ({})

/** One entry per route module file in app/routes.ts. */
const table: Record<string, Entry> = {
  'routes/home.tsx': { params: noParams, loader: everyone() },
  // Event creators (the demo owner is one) and platform admins; an empty form is refused field by field.
  'routes/events/new.tsx': { params: noParams, loader: signedIn(403, { owner: 'allowed', admin: 'allowed' }), action: signedIn(403, { owner: 400, admin: 400 }) },
  'routes/admin/admin.tsx': { params: noParams, loader: signedIn(403, { admin: 'allowed' }), action: signedIn(403, { admin: 400 }) },
  // The attendee pages' layout: the event menu is public; signed-in people get their standing.
  'routes/events/layout.tsx': { params: () => demo, loader: everyone() },
  'routes/events/event.tsx': { params: () => demo, loader: everyone() },
  'routes/events/register.tsx': { params: () => demo, loader: signedIn('allowed'), action: signedIn(400) },
  'routes/events/registration.tsx': {
    params: () => demo,
    // Only people with a registration have a registration page; the others are sent to the form.
    loader: signedIn(`redirect /events/${demoSlug}/register`, { pending: 'allowed', attendee: 'allowed', participant: 'allowed' }),
    action: signedIn(400),
  },
  'routes/events/agenda.tsx': { params: () => demo, loader: everyone() },
  'routes/events/session.tsx': { params: (ids) => ({ ...demo, sessionSlug: ids.sessionSlug }), loader: everyone() },
  'routes/events/speaker.tsx': { params: (ids) => ({ ...demo, speakerSlug: ids.speakerSlug }), loader: everyone() },
  'routes/events/session.sign-up.ts': {
    params: (ids) => ({ ...demo, sessionSlug: ids.sessionSlug }),
    // Not a page of its own: every GET goes back to the session page.
    loader: everyone(`redirect /events/${demoSlug}/sessions/:sessionSlug`),
    action: signedIn(400),
  },
  // A person's own agenda: empty for anyone not approved.
  'routes/events/my-agenda.tsx': { params: () => demo, loader: signedIn('allowed') },
  // The console's layout: any staff role opens the console; each page below asks for its own.
  // "Who is coming": anonymous visitors get the page that asks them to sign in; the demo's list is not public.
  'routes/events/who-is-coming.tsx': {
    params: () => demo,
    loader: signedIn(403, { anonymous: 'allowed', loopback: 'allowed', attendee: 'allowed', participant: 'allowed', checkIn: 'allowed', vettingOfficer: 'allowed', organiser: 'allowed', owner: 'allowed', admin: 'allowed' }),
  },
  'routes/events/who-is-coming[.]csv.ts': {
    params: () => demo,
    loader: signedIn(403, { attendee: 'allowed', participant: 'allowed', checkIn: 'allowed', vettingOfficer: 'allowed', organiser: 'allowed', owner: 'allowed', admin: 'allowed' }),
  },
  'routes/manage/layout.tsx': { params: () => demo, loader: signedIn(403, { checkIn: 'allowed', vettingOfficer: 'allowed', organiser: 'allowed', owner: 'allowed', admin: 'allowed' }) },
  'routes/matchmaking/layout.tsx': { params: () => demo, loader: null },
  'routes/meetings/layout.tsx': { params: () => demo, loader: null },
  'routes/manage/overview.tsx': {
    params: () => demo,
    loader: staff('ORGANISER'),
    // The capacity form's only field may be empty (unlimited): an empty form is a valid change.
    action: staff('ORGANISER'),
  },
  'routes/manage/dashboard.tsx': { params: () => demo, loader: staff('VETTING_OFFICER') },
  'routes/manage/messages.tsx': { params: () => demo, loader: staff('ORGANISER') },
  'routes/manage/messages.new.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  // Drafts, sending and delivery: tests/integration/event-messages.test.ts and tests/e2e/messages.spec.ts.
  'routes/manage/messages.$messageId.tsx': { params: () => ({ ...demo, messageId: 'no-such-message' }), loader: staff('ORGANISER', 404), action: staff('ORGANISER', 400) },
  'routes/manage/vetting.tsx': { params: () => demo, loader: staff('VETTING_OFFICER'), action: staff('VETTING_OFFICER', 400) },
  'routes/manage/vetting.$registrationId.tsx': {
    params: (ids) => ({ ...demo, registrationId: ids.registrationId }),
    loader: staff('VETTING_OFFICER'),
    action: staff('VETTING_OFFICER', 400),
  },
  'routes/manage/check-in.tsx': { params: () => demo, loader: staff('CHECK_IN'), action: staff('CHECK_IN', 400) },
  'routes/manage/vetting.export.$file.ts': { params: () => ({ ...demo, file: 'registrations.csv' }), loader: staff('VETTING_OFFICER') },
  'routes/manage/check-in.export.$file.ts': { params: () => ({ ...demo, file: 'check-in-list.csv' }), loader: staff('CHECK_IN') },
  // An empty retention form is a valid change (keep the data).
  'routes/manage/audit.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER') },
  'routes/manage/email-delivery.ts': { params: () => demo, loader: staff('ORGANISER') },
  'routes/manage/settings.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/settings.venue.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/settings.dates.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/settings.cancel.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/settings.archive.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/questions.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  // Who may change which role, and records of other events: tests/integration/staff-routes.test.ts.
  'routes/manage/staff.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/agenda.tsx': { params: () => demo, loader: staff('ORGANISER') },
  'routes/manage/agenda.setup.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/agenda.session.tsx': {
    params: (ids) => ({ ...demo, sessionId: ids.sessionId }),
    loader: staff('ORGANISER'),
    action: staff('ORGANISER', 400),
  },
  'routes/manage/matchmaking.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/matchmaking.schedule.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  'routes/manage/matchmaking.console.tsx': { params: () => demo, loader: staff('ORGANISER') },
  'routes/manage/matchmaking.meetings.tsx': { params: () => demo, loader: staff('ORGANISER') },
  'routes/manage/matchmaking.meetings.$meetingId.move.tsx': {
    params: (ids) => ({ ...demo, meetingId: ids.meetingId }),
    loader: staff('ORGANISER'),
    action: staff('ORGANISER', 400),
  },
  'routes/manage/matchmaking.setup.tsx': { params: () => demo, loader: staff('ORGANISER'), action: staff('ORGANISER', 400) },
  // Every file each export offers, and names it does not: tests/integration/registration-export.test.ts.
  'routes/manage/matchmaking.export.$file.ts': { params: () => ({ ...demo, file: 'meetings.xlsx' }), loader: staff('ORGANISER') },
  'routes/matchmaking/recommendations.tsx': { params: () => demo, loader: matchmakingBrowse() },
  'routes/matchmaking/profile.tsx': { params: () => demo, loader: ownProfile(), action: ownProfile(400) },
  'routes/matchmaking/directory.tsx': { params: () => demo, loader: matchmakingBrowse() },
  'routes/matchmaking/people.$userId.tsx': {
    params: (ids) => ({ ...demo, userId: ids.profileUserId }),
    loader: matchmakingBrowse(),
    action: matchmakingBrowse(400),
  },
  // The secret in the address is the only key: an unknown one is not found, for everyone.
  'routes/unsubscribe.$token.tsx': { params: () => ({ token: 'a'.repeat(32) }), loader: everyone(404), action: everyone(404) },
  'routes/auth/sign-in.tsx': {
    params: noParams,
    loader: signedIn('redirect /account', { anonymous: 'allowed', loopback: 'allowed' }),
    action: everyone(400),
  },
  // Without the pending sign-in cookie set by the sign-in form there is nothing to verify.
  'routes/auth/sign-in.verify.tsx': { params: noParams, loader: everyone('redirect /sign-in'), action: everyone('redirect /sign-in') },
  'routes/auth/sign-in.link.tsx': { params: noParams, loader: everyone(400), action: everyone(400) },
  // Passkey sign-in: not a page (GET goes back to the form); an empty form names no step (400).
  'routes/auth/sign-in.passkey.ts': { params: noParams, loader: everyone('redirect /sign-in'), action: everyone(400) },
  'routes/auth/sign-out.tsx': { params: noParams, loader: everyone('redirect /'), action: signedIn('redirect /') },
  'routes/account/account.tsx': { params: noParams, loader: signedIn('allowed'), action: signedIn(400) },
  // Passkeys live on the account page; an empty form names no step (400). Who is offered them: tests/integration/passkeys.test.ts.
  'routes/account/passkeys.ts': { params: noParams, loader: signedIn('redirect /account'), action: signedIn(400) },
  'routes/account/calendar.tsx': { params: noParams, loader: signedIn('allowed'), action: signedIn(400) },
  // The person's own data, and erasing their account: an empty form confirms nothing (400), for owners too.
  'routes/account/data.tsx': { params: noParams, loader: signedIn('allowed') },
  'routes/account/data[.]json.ts': { params: noParams, loader: signedIn('allowed') },
  'routes/account/erase.tsx': { params: noParams, loader: signedIn('allowed'), action: signedIn(400) },
  // A personal feed is reached by its secret URL, from calendar apps that send no cookie.
  'routes/calendar/feeds.$file.ts': { params: (ids) => ({ file: ids.feedFile }), loader: everyone() },
  'routes/calendar/event[.]ics.ts': { params: () => demo, loader: everyone() },
  'routes/calendar/track[.]ics.ts': { params: (ids) => ({ ...demo, trackSlug: ids.trackSlug }), loader: everyone() },
  'routes/calendar/session[.]ics.ts': { params: (ids) => ({ ...demo, sessionSlug: ids.sessionSlug }), loader: everyone() },
  'routes/calendar/meeting[.]ics.ts': { params: (ids) => ({ ...demo, meetingId: ids.meetingId }), loader: partiesOnly() },
  // The person's own meetings, requests, availability and printable schedule: nobody else's.
  'routes/meetings/meetings.tsx': { params: () => demo, loader: signedIn('allowed') },
  'routes/meetings/request.$userId.tsx': {
    params: (ids) => ({ ...demo, userId: ids.profileUserId }),
    loader: matchmakingBrowse(),
    action: matchmakingBrowse(400),
  },
  'routes/meetings/requests.$requestId.tsx': {
    params: (ids) => ({ ...demo, requestId: ids.requestId }),
    loader: partiesOnly(),
    // An empty form is refused before the request is looked up: 400 for every signed-in person.
    action: signedIn(400),
  },
  'routes/meetings/availability.tsx': { params: () => demo, loader: signedIn('allowed'), action: signedIn(400) },
  'routes/meetings/schedule.tsx': { params: () => demo, loader: signedIn('allowed') },
  'routes/meetings/$meetingId.cancel.tsx': {
    params: (ids) => ({ ...demo, meetingId: ids.meetingId }),
    loader: partiesOnly(),
    // The confirmation form has no fields: the attendee's POST cancels the meeting (actions run after every loader).
    action: partiesOnly(`redirect /events/${demoSlug}/meetings`),
  },
  'routes/dev/mailbox.tsx': { params: noParams, loader: mailbox() },
  'routes/dev/mailbox.$messageId.tsx': { params: (ids) => ({ messageId: ids.messageId }), loader: mailbox() },
  'routes/dev/mailbox.$messageId.invite[.]ics.ts': { params: (ids) => ({ messageId: ids.messageId }), loader: mailbox() },
  'routes/healthz.ts': { params: noParams, loader: everyone() },
  'routes/readyz.ts': { params: noParams, loader: everyone() },
  'routes/not-found.tsx': { params: () => ({ '*': 'no/such/page' }), loader: everyone(404) },
}

// ---------- The routes in app/routes.ts ----------

const routes = routeTable()

/** The URL path of a pattern with its parameters filled in. */
function fill(pattern: string, params: Record<string, string>) {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`)).replace('*', params['*'] ?? '')
}

// ---------- Setup ----------

let test: TestDatabase
let otherSlug: string
let sessions: typeof import('#app/lib/session.server.ts')
let clientAddressHeader: string
const emails = {} as Record<Exclude<Identity, 'anonymous' | 'loopback'>, string>
const userIds = {} as Record<string, string>
const ids = {} as Ids

beforeAll(async () => {
  test = await createTestDatabase('sqlite')
  await seedDatabase(test.db)
  const event = await test.db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })

  const other = await createEvent(test.db)
  otherSlug = other.slug
  const otherOrganiser = await createUser(test.db, 'Other organiser')
  await test.db.eventRole.create({ data: { eventId: other.id, userId: otherOrganiser.id, role: 'ORGANISER' } })
  const account = await createUser(test.db, 'Signed-in stranger')
  const admin = await test.db.user.create({
    data: { email: 'platform-admin@example.org', name: 'Platform admin', isPlatformAdmin: true },
    select: { email: true },
  })

  // Seeded people in a known situation; the pending registrant and the second participant are found by status.
  const attendee = 'kadri.tamm@hornet.example'
  const attendeeId = (await test.db.user.findUniqueOrThrow({ where: { email: attendee }, select: { id: true } })).id
  const staffIds = (await test.db.eventRole.findMany({ where: { eventId: event.id }, select: { userId: true } })).map((role) => role.userId)
  const pending = await test.db.registration.findFirstOrThrow({
    where: { eventId: event.id, status: 'PENDING', userId: { notIn: staffIds } },
    orderBy: { id: 'asc' },
    select: { id: true, user: { select: { email: true } } },
  })
  const meeting = await test.db.meeting.findFirstOrThrow({
    where: { eventId: event.id, status: 'CONFIRMED', participants: { some: { userId: attendeeId } }, slot: { startsAt: { gt: new Date() } } },
    orderBy: { id: 'asc' },
    select: { id: true, participants: { select: { userId: true } } },
  })
  const meetingRequest = await test.db.meetingRequest.findFirstOrThrow({
    where: { eventId: event.id, OR: [{ requesterId: attendeeId }, { recipientId: attendeeId }] },
    orderBy: { id: 'asc' },
    select: { id: true, requesterId: true, recipientId: true },
  })
  // Another participant (approved, opted-in profile) who has no part in that meeting or request.
  const excluded = [attendeeId, ...staffIds, ...meeting.participants.map((p) => p.userId), meetingRequest.requesterId, meetingRequest.recipientId]
  const participant = await test.db.registration.findFirstOrThrow({
    where: {
      eventId: event.id,
      status: 'APPROVED',
      userId: { notIn: excluded },
      user: { matchmakingProfiles: { some: { eventId: event.id, optedIn: true } } },
    },
    orderBy: { id: 'asc' },
    select: { userId: true, user: { select: { email: true } } },
  })

  Object.assign(emails, {
    account: account.email,
    pending: pending.user.email,
    attendee,
    participant: participant.user.email,
    checkIn: 'jonas.peeters@defence-investment.example',
    vettingOfficer: 'aino.virtanen@defence-investment.example',
    organiser: 'mathieu.laurent@defence-investment.example',
    owner: 'ingrid.halvorsen@defence-investment.example',
    otherOrganiser: otherOrganiser.email,
    admin: admin.email,
  })
  for (const [identity, email] of Object.entries(emails)) {
    userIds[identity] = (await test.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
  }

  const session = await test.db.agendaSession.findFirstOrThrow({
    where: { eventId: event.id, status: 'SCHEDULED', trackId: { not: null } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, slug: true, track: { select: { slug: true } } },
  })
  const speaker = await test.db.speaker.findFirstOrThrow({ where: { eventId: event.id }, orderBy: { slug: 'asc' }, select: { slug: true } })

  // Neither feed tokens nor mail are seeded: one feed link for the attendee, one captured invite.
  const { generateSecretToken, hashSecret } = await import('#app/lib/tokens.server.ts')
  const feedToken = generateSecretToken(20)
  await test.db.calendarFeedToken.create({ data: { userId: attendeeId, tokenHash: hashSecret(feedToken) } })
  const message = await test.db.outboxMessage.create({
    data: {
      idempotencyKey: 'route-authorization:invite',
      kind: 'meeting-booked',
      eventId: event.id,
      userId: attendeeId,
      toEmail: attendee,
      subject: 'Your meeting',
      html: '<p>Your meeting</p>',
      text: 'Your meeting',
      icsMethod: 'REQUEST',
      icsContent: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n',
    },
    select: { id: true },
  })

  Object.assign(ids, {
    sessionSlug: session.slug,
    sessionId: session.id,
    speakerSlug: speaker.slug,
    trackSlug: session.track!.slug,
    registrationId: pending.id,
    meetingId: meeting.id,
    requestId: meetingRequest.id,
    profileUserId: (
      await test.db.registration.findFirstOrThrow({
        where: {
          eventId: event.id,
          status: 'APPROVED',
          userId: { notIn: [attendeeId, participant.userId] },
          user: { matchmakingProfiles: { some: { eventId: event.id, optedIn: true } } },
        },
        orderBy: { id: 'asc' },
        select: { userId: true },
      })
    ).userId,
    feedFile: `${feedToken}.ics`,
    messageId: message.id,
  } satisfies Ids)

  // The app's env and db accessor read the environment when first imported: point them at this
  // database, with mail captured (the development mailbox exists) and no remote mailbox readers.
  process.env.DATABASE_URL = test.url
  delete process.env.SMTP_URL
  delete process.env.DEV_MAILBOX_ALLOW_REMOTE
  sessions = await import('#app/lib/session.server.ts')
  clientAddressHeader = (await import('#app/lib/request.server.ts')).CLIENT_ADDRESS_HEADER
})
afterAll(async () => {
  const { db } = await import('#app/lib/db.server.ts')
  await db.$disconnect()
  await test?.cleanup()
})

// ---------- Calling a route as a visitor ----------

async function requestFor(identity: Identity, pattern: string, params: Record<string, string>, method: 'GET' | 'POST', form: Record<string, string> = {}) {
  const headers = new Headers({ [clientAddressHeader]: identity === 'loopback' ? loopbackAddress : remoteAddress })
  if (identity !== 'anonymous' && identity !== 'loopback') {
    // A fresh session each time: sign-out ends the one it is given.
    const { token } = await sessions.createSession(test.db, userIds[identity]!)
    headers.set('Cookie', `${sessions.SESSION_COOKIE_NAME}=${token}`)
  }
  let body: URLSearchParams | undefined
  if (method === 'POST') {
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    headers.set('Origin', 'http://localhost')
    body = new URLSearchParams(form)
  }
  return new Request(new URL(fill(pattern, params), 'http://localhost'), { method, headers, body })
}

function classify(status: number, location: string | null): Outcome | string {
  if (status >= 300 && status < 400) {
    if (location?.startsWith('/sign-in?redirectTo=')) return 'sign-in'
    return `redirect ${location}`
  }
  if (status >= 200 && status < 300) return 'allowed'
  return status as Outcome
}

/** What a loader or action answered through its middleware, as an Outcome; an unexpected error reads "500 <message>". */
async function outcomeOf(file: string, kind: 'loader' | 'action', request: Request, params: Record<string, string>): Promise<Outcome | string> {
  try {
    const answer = await callRoute(file, kind, request, params)
    return classify(answer.status, answer.location)
  } catch (error) {
    return `500 ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
  }
}

async function answers(file: string, pattern: string, kind: 'loader' | 'action') {
  const entry = table[file]!
  const params = entry.params(ids)
  const observed = {} as Record<Identity, Outcome | string>
  for (const identity of identities) {
    const request = await requestFor(identity, pattern, params, kind === 'loader' ? 'GET' : 'POST')
    observed[identity] = await outcomeOf(file, kind, request, params)
  }
  return observed
}

/** The table's row with route parameters filled into redirect locations. */
function expected(row: Row) {
  const params = ids as unknown as Record<string, string>
  return Object.fromEntries(Object.entries(row).map(([identity, outcome]) => [identity, typeof outcome === 'string' ? outcome.replace(/:(\w+)/g, (all, name: string) => params[name] ?? all) : outcome]))
}

// ---------- Tests ----------

describe('the route table', () => {
  it('has exactly one entry per route module in app/routes.ts', () => {
    const inRoutes = new Set(routes.map((route) => route.file))
    const missing = [...inRoutes].filter((file) => !(file in table)).sort()
    const stale = Object.keys(table).filter((file) => !inRoutes.has(file)).sort()
    expect({ missing, stale }, 'route modules without an authorization entry (missing) or entries for removed routes (stale)').toEqual({
      missing: [],
      stale: [],
    })
  })

  it('lists an action expectation exactly for the modules that export an action', async () => {
    const mismatched: string[] = []
    for (const { file } of routes) {
      if (!(file in table)) continue
      const module = await loadRouteModule(file)
      if ((typeof module.loader === 'function') !== (table[file]!.loader !== null)) mismatched.push(`${file}: loader ${typeof module.loader === 'function' ? 'exported but null in the table' : 'missing'}`)
      if ((typeof module.action === 'function') !== (table[file]!.action !== undefined)) {
        mismatched.push(`${file}: action ${typeof module.action === 'function' ? 'exported but not in the table' : 'in the table but not exported'}`)
      }
    }
    expect(mismatched).toEqual([])
  })
})

// Loaders first: an allowed action may change what a later loader sees (the attendee's cancel).
describe.each(['loader', 'action'] as const)('%s', (kind) => {
  const cases = routes.filter((route) => route.file in table && table[route.file]![kind])
  it.each(cases)('$pattern ($file)', async ({ file, pattern }) => {
    expect(await answers(file, pattern, kind)).toEqual(expected(table[file]![kind]!))
  })
})

// The matrix sends empty forms, which most actions refuse before looking anything up. These
// send well-formed ones that name a record of someone else, or of another event.
describe('records of others', () => {
  const patternOf = (file: string) => routes.find((route) => route.file === file)!.pattern

  async function call(file: string, kind: 'loader' | 'action', identity: Identity, params: Record<string, string>, form?: Record<string, string>) {
    const request = await requestFor(identity, patternOf(file), params, kind === 'loader' ? 'GET' : 'POST', form)
    return outcomeOf(file, kind, request, params)
  }

  it("cannot cancel another person's registration", async () => {
    const form = { intent: 'cancel', registrationId: ids.registrationId }
    for (const identity of ['participant', 'organiser', 'admin'] as const) {
      expect(await call('routes/events/registration.tsx', 'action', identity, demo, form), identity).toBe(404)
    }
    const registration = await test.db.registration.findUniqueOrThrow({ where: { id: ids.registrationId }, select: { status: true } })
    expect(registration.status).toBe('PENDING')
  })

  it("cannot answer or withdraw another pair's meeting request", async () => {
    const params = { ...demo, requestId: ids.requestId }
    const before = await test.db.meetingRequest.findUniqueOrThrow({ where: { id: ids.requestId }, select: { status: true, updatedAt: true } })
    for (const identity of ['participant', 'organiser', 'admin'] as const) {
      for (const form of [{ intent: 'withdraw' }, { intent: 'decline' }]) {
        expect(await call('routes/meetings/requests.$requestId.tsx', 'action', identity, params, form), `${identity} ${form.intent}`).toBe(404)
      }
    }
    expect(await test.db.meetingRequest.findUniqueOrThrow({ where: { id: ids.requestId }, select: { status: true, updatedAt: true } })).toEqual(before)
  })

  it("shows the other event's organiser none of the demo's records through their own event", async () => {
    const cases: [string, Record<string, string>][] = [
      ['routes/manage/vetting.$registrationId.tsx', { slug: otherSlug, registrationId: ids.registrationId }],
      ['routes/manage/agenda.session.tsx', { slug: otherSlug, sessionId: ids.sessionId }],
      ['routes/manage/matchmaking.meetings.$meetingId.move.tsx', { slug: otherSlug, meetingId: ids.meetingId }],
    ]
    const observed = await Promise.all(cases.map(async ([file, params]) => [file, await call(file, 'loader', 'otherOrganiser', params)]))
    expect(Object.fromEntries(observed)).toEqual(Object.fromEntries(cases.map(([file]) => [file, 404])))
  })

  it("cannot change or remove the demo's staff through the other event's staff page", async () => {
    const event = await test.db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })
    const before = await test.db.eventRole.findMany({ where: { eventId: event.id }, orderBy: { id: 'asc' }, select: { id: true, userId: true, role: true } })
    const checkInRole = before.find((role) => role.userId === userIds.checkIn)!
    const forms: Record<string, string>[] = [{ intent: 'remove', staffRoleId: checkInRole.id }, { intent: 'change-role', staffRoleId: checkInRole.id, role: 'ORGANISER' }]
    for (const form of forms) {
      expect(await call('routes/manage/staff.tsx', 'action', 'otherOrganiser', { slug: otherSlug }, form), form.intent).toBe(404)
    }
    expect(await test.db.eventRole.findMany({ where: { eventId: event.id }, orderBy: { id: 'asc' }, select: { id: true, userId: true, role: true } })).toEqual(before)
  })
})

// Archived, the event is read-only at every door: each route under /events/:slug that has an
// action answers 409 before its action runs (an empty form would otherwise be a 400), for
// attendees and staff alike; only the archive page still takes a form, to restore it. A
// well-formed change (the attendee cancelling their registration) writes nothing.
describe('an archived event', () => {
  const eventRoutes = () => routes.filter((route) => route.pattern.startsWith('/events/:slug') && table[route.file]?.action !== undefined)
  const consoleStaff = new Set<Identity>(['checkIn', 'vettingOfficer', 'organiser', 'owner', 'admin'])
  const identitiesThatWrite = ['anonymous', 'attendee', 'participant', 'pending', 'checkIn', 'vettingOfficer', 'organiser', 'owner', 'admin'] as const

  beforeAll(async () => {
    await test.db.event.update({ where: { slug: demoSlug }, data: { archivedAt: new Date() } })
  })
  afterAll(async () => {
    await test.db.event.update({ where: { slug: demoSlug }, data: { archivedAt: null } })
  })

  it('refuses every write under the event with 409, but the archive page', async () => {
    const cases = eventRoutes()
    expect(cases.length).toBeGreaterThan(15)
    const observed: Record<string, Record<string, Outcome | string>> = {}
    const wanted: Record<string, Record<string, Outcome | string>> = {}
    for (const { file, pattern } of cases) {
      const params = table[file]!.params(ids)
      observed[file] = {}
      wanted[file] = {}
      for (const identity of identitiesThatWrite) {
        observed[file][identity] = await outcomeOf(file, 'action', await requestFor(identity, pattern, params, 'POST'), params)
        const matrix = expected(table[file]!.action!)[identity]!
        // The console's door admits its staff (any role) and refuses the others first; the
        // attendee pages refuse every write at their outer door, whoever sends it.
        const refusedBeforeTheEvent = file.startsWith('routes/manage/') && !consoleStaff.has(identity)
        wanted[file][identity] = file === 'routes/manage/settings.archive.tsx' || refusedBeforeTheEvent ? matrix : 409
      }
    }
    expect(observed).toEqual(wanted)
  })

  it('keeps a well-formed change from being written', async () => {
    const registration = await test.db.registration.findFirstOrThrow({ where: { event: { slug: demoSlug }, user: { email: emails.attendee } }, select: { id: true, status: true, updatedAt: true } })
    const request = await requestFor('attendee', routes.find((route) => route.file === 'routes/events/registration.tsx')!.pattern, demo, 'POST', { intent: 'cancel', registrationId: registration.id })
    expect(await outcomeOf('routes/events/registration.tsx', 'action', request, demo)).toBe(409)
    expect(await test.db.registration.findUniqueOrThrow({ where: { id: registration.id }, select: { id: true, status: true, updatedAt: true } })).toEqual(registration)
  })

  it('takes the restore form at the archive page as the browser’s router posts it (the path plus .data), and nowhere else', async () => {
    const archivePattern = routes.find((route) => route.file === 'routes/manage/settings.archive.tsx')!.pattern
    const settingsPattern = routes.find((route) => route.file === 'routes/manage/settings.tsx')!.pattern
    expect(await outcomeOf('routes/manage/settings.archive.tsx', 'action', await requestFor('owner', `${archivePattern}.data`, demo, 'POST'), demo)).toBe(400)
    expect(await outcomeOf('routes/manage/settings.tsx', 'action', await requestFor('owner', `${settingsPattern}.data`, demo, 'POST'), demo)).toBe(409)
    expect(await outcomeOf('routes/manage/settings.tsx', 'action', await requestFor('owner', `${settingsPattern}/archive-not`, demo, 'POST'), demo)).toBe(409)
  })

  it('still opens every page for reading', async () => {
    for (const file of ['routes/events/event.tsx', 'routes/events/agenda.tsx', 'routes/manage/overview.tsx', 'routes/manage/settings.archive.tsx']) {
      const pattern = routes.find((route) => route.file === file)!.pattern
      const identity = file.startsWith('routes/manage') ? 'owner' : 'attendee'
      expect(await outcomeOf(file, 'loader', await requestFor(identity, pattern, demo, 'GET'), demo), file).toBe('allowed')
    }
  })
})
