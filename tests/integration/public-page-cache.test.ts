// Public pages and the list of events are rendered once per version and shared (by anonymous
// visitors, and by signed-in visitors who stand alike, tests/e2e/shared-pages.spec.ts). The version is
// read from the database on every request, so it must move with every write that changes what a
// page shows (and only then), and a page cached by one app instance must never outlive a change
// made through another: both on SQLite and on PostgreSQL with two instances.
import { describe, expect, it } from 'vitest'
import { saveSpeaker } from '#app/domain/agenda/editor.server.ts'
import { signUpForSession } from '#app/domain/agenda/breakouts.server.ts'
import { getSharedPublicAgenda, parseAgendaQuery } from '#app/domain/agenda/public-agenda.server.ts'
import { publicEventsVersion, publicPageVersion } from '#app/domain/events/public-page-version.server.ts'
import { setEventCapacity, submitRegistration } from '#app/domain/registration/registration.server.ts'
import { cachedForVisitors, createPageCache } from '#app/lib/page-cache.server.ts'
import { providers } from '#prisma/providers.ts'
import { createAgendaEvent, createApprovedAttendees, createSession } from '#tests/support/agenda-fixtures.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEvent, createUser, registrationData } from '#tests/support/fixtures.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'

const BEFORE_THE_EVENT = new Date('2027-01-10T10:00:00Z')

describe.each(providers)('public page versions on %s', (provider) => {
  const app = useAppInstances(provider)

  it('move with agenda, speaker and event edits, and stay put for registrations that change nothing shown', async () => {
    const { db } = app
    const { event, room, speaker } = await createAgendaEvent(db)
    const version = () => publicPageVersion(db, { eventSlug: event.slug }, BEFORE_THE_EVENT)
    const start = await version()
    expect(start).toMatch(/^[\w-]{22}$/)
    expect(await version()).toBe(start)

    const session = await createSession(db, { eventId: event.id, roomId: room.id, startsAt: new Date('2027-03-24T09:00:00Z'), endsAt: new Date('2027-03-24T10:00:00Z'), capacity: 2 })
    const withSession = await version()
    expect(withSession).not.toBe(start)

    // A speaker's new biography reaches the sessions that show them.
    await db.sessionSpeaker.create({ data: { sessionId: session.id, speakerId: speaker.id, position: 0 } })
    await new Promise((resolve) => setTimeout(resolve, 5))
    await saveSpeaker(db, { eventId: event.id, speakerId: speaker.id, name: 'Ada Speaker', bio: 'Twenty years of air defence.' })
    const withBio = await version()
    expect(withBio).not.toBe(withSession)

    // A breakout sign-up moves only that session's page.
    const sessionVersion = () => publicPageVersion(db, { eventSlug: event.slug, sessionSlug: session.slug }, BEFORE_THE_EVENT)
    const sessionBefore = await sessionVersion()
    const [attendee] = await createApprovedAttendees(db, event.id, 1)
    expect(await version()).toBe(withBio)
    await signUpForSession(db, { sessionId: session.id, userId: attendee!.id, now: BEFORE_THE_EVENT })
    expect(await sessionVersion()).not.toBe(sessionBefore)
    expect(await version()).toBe(withBio)

    // The organiser changes the capacity: the event row changed.
    const organiser = await createUser(db, 'Organiser')
    await setEventCapacity(db, { eventId: event.id, capacity: 250, actorId: organiser.id })
    expect(await version()).not.toBe(withBio)
  })

  it('moves when the event fills up or registration opens, not for each seat or waiting place taken', async () => {
    const { db } = app
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: 2, approvalRequired: false, waitlistEnabled: true })
    const now = new Date()
    const version = () => publicPageVersion(db, { eventSlug: event.slug }, now)
    const open = await version()
    const [first, second, third, fourth] = await createUsers(db, 4)
    await submitRegistration(db, { event, userId: first!.id, values: formValues(organisationId), now })
    expect(await version()).toBe(open)
    await submitRegistration(db, { event, userId: second!.id, values: formValues(organisationId), now })
    const full = await version()
    expect(full).not.toBe(open)
    // Waiting places are counted without touching what the pages show.
    await submitRegistration(db, { event, userId: third!.id, values: formValues(organisationId), now })
    await submitRegistration(db, { event, userId: fourth!.id, values: formValues(organisationId), now })
    expect(await version()).toBe(full)

    // Time alone: before and after the registration window opens.
    const opensAt = new Date(now.getTime() + 3_600_000)
    await db.event.update({ where: { id: event.id }, data: { registrationOpensAt: opensAt } })
    const beforeOpening = await publicPageVersion(db, { eventSlug: event.slug }, new Date(opensAt.getTime() - 1))
    const atOpening = await publicPageVersion(db, { eventSlug: event.slug }, opensAt)
    expect(atOpening).not.toBe(beforeOpening)
  })

  it('of the list of events moves when an event is published, changed, cancelled or ends, not for a registration', async () => {
    const { db } = app
    const now = new Date('2027-01-10T10:00:00Z')
    const version = (at = now) => publicEventsVersion(db, at)
    // Changes a millisecond apart at least: the version reads the latest updatedAt.
    const edit = async (id: string, data: { status?: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'; title?: string }) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await db.event.update({ where: { id }, data })
    }
    const draft = await createEvent(db)
    await edit(draft.id, { status: 'DRAFT' })
    const start = await version()
    expect(start).toMatch(/^[\w-]{22}$/)
    expect(await version()).toBe(start)

    await edit(draft.id, { status: 'PUBLISHED' })
    const published = await version()
    expect(published).not.toBe(start)
    // A draft's edits are nobody's business but its staff's.
    const other = await createEvent(db)
    await edit(other.id, { status: 'DRAFT' })
    const withDraft = await version()
    await edit(other.id, { title: 'Still a draft' })
    expect(await version()).toBe(withDraft)

    const [person] = await createUsers(db, 1)
    await db.registration.create({ data: registrationData(draft.id, person!.id) })
    expect(await version()).toBe(withDraft)

    await edit(draft.id, { title: 'Counter-UAS Day, renamed' })
    const renamed = await version()
    expect(renamed).not.toBe(withDraft)
    await edit(draft.id, { status: 'CANCELLED' })
    const cancelled = await version()
    expect(cancelled).not.toBe(renamed)
    // The event's end (createEvent: 24 March 2027, 17:00 UTC) moves it from upcoming to past.
    const justBeforeTheEnd = await version(new Date('2027-03-24T16:59:59Z'))
    expect(await version(new Date('2027-03-24T17:00:00Z'))).not.toBe(justBeforeTheEnd)
    await edit(draft.id, { status: 'DRAFT' })
    expect(await version()).not.toBe(cancelled)
  })

  it('is null for an event nobody may see', async () => {
    const { db } = app
    const { event } = await createAgendaEvent(db)
    await db.event.update({ where: { id: event.id }, data: { status: 'DRAFT' } })
    expect(await publicPageVersion(db, { eventSlug: event.slug })).toBeNull()
    expect(await publicPageVersion(db, { eventSlug: 'no-such-event' })).toBeNull()
  })

  it('reads the agenda under a signed-in visitor’s page once per version, and again after a change on another instance', async () => {
    const { event, room } = await createAgendaEvent(app.db)
    const session = await createSession(app.db, { eventId: event.id, roomId: room.id, title: 'Radar basics', startsAt: new Date('2027-03-24T09:00:00Z'), endsAt: new Date('2027-03-24T10:00:00Z') })
    const { query } = parseAgendaQuery(new URLSearchParams('day=all'))
    const reader = app.instance(1)
    const first = await getSharedPublicAgenda(reader, event.slug, query)
    expect(first!.sessions.map((row) => row.title)).toEqual(['Radar basics'])
    // The same version: the very same value, not read again.
    expect(await getSharedPublicAgenda(reader, event.slug, query)).toBe(first)
    // Another query is its own entry.
    expect(await getSharedPublicAgenda(reader, event.slug, parseAgendaQuery(new URLSearchParams('q=sonar')).query)).not.toBe(first)

    await app.instance(0).agendaSession.update({ where: { id: session.id }, data: { title: 'Radar for beginners' } })
    const after = await getSharedPublicAgenda(reader, event.slug, query)
    expect(after).not.toBe(first)
    expect(after!.sessions.map((row) => row.title)).toEqual(['Radar for beginners'])
    expect(await getSharedPublicAgenda(reader, 'no-such-event', query)).toBeNull()
  })

  it('a page cached by one instance is not served after a change made through another', async () => {
    const { event, room } = await createAgendaEvent(app.db)
    const session = await createSession(app.db, { eventId: event.id, roomId: room.id, title: 'Radar basics', startsAt: new Date('2027-03-24T09:00:00Z'), endsAt: new Date('2027-03-24T10:00:00Z') })
    // Each instance: its own page cache, its own database client; the "page" lists the agenda's titles.
    const instances = [0, 1].map((index) => {
      const db = app.instance(index)
      const cache = createPageCache(1024 * 1024)
      const middleware = cachedForVisitors(() => publicPageVersion(db, { eventSlug: event.slug }), { cache })
      let renders = 0
      const render = async () => {
        renders++
        const sessions = await db.agendaSession.findMany({ where: { eventId: event.id }, orderBy: { startsAt: 'asc' }, select: { title: true } })
        return new Response(sessions.map((row) => row.title).join('\n'), { headers: { 'Content-Type': 'text/plain' } })
      }
      const get = async () => {
        const response = await middleware({ request: new Request(`http://localhost/events/${event.slug}/agenda`) } as never, render)
        // No Accept-Encoding: the cached page is served as plain text.
        return { status: response.status, body: await response.text() }
      }
      return { get, renders: () => renders }
    })
    const [a, b] = instances as [(typeof instances)[number], (typeof instances)[number]]

    expect((await b.get()).body).toBe('Radar basics')
    expect((await b.get()).body).toBe('Radar basics')
    expect(b.renders()).toBe(1)

    // Instance A's organiser renames the session (any write through Prisma sets updatedAt).
    await app.instance(0).agendaSession.update({ where: { id: session.id }, data: { title: 'Radar for beginners' } })
    expect((await b.get()).body).toBe('Radar for beginners')
    expect(b.renders()).toBe(2)
    expect((await a.get()).body).toBe('Radar for beginners')
  })
})
