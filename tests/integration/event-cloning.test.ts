// "Start from an earlier event": the demo Industry Day as written (24-25 March 2027, winter
// time in Brussels: seeded for the week it was written in) copied to 29-30 March 2028, after
// the clocks went forward: every session keeps its wall-clock time and its day of the event,
// the agenda, questions, speakers, slots and tables come along, and nothing personal does. On
// SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest'
import { cloneEvent } from '#app/domain/events/event-cloning.server.ts'
import { EventCloneSchema } from '#app/domain/events/event-details.ts'
import { calendarDayParts, formatTime } from '#app/lib/time.ts'
import { providers } from '#prisma/providers.ts'
import { demoTimeline, parseReferenceDate } from '#seeds/demo-timeline.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createUser } from '#tests/support/fixtures.ts'

/** The demo as written, whatever day the suite runs: the copy below crosses a daylight-saving change. */
const asWritten = parseReferenceDate('2026-11-26')
const demoSlug = demoTimeline(asWritten).slug
const ownerEmail = 'ingrid.halvorsen@defence-investment.example'

describe.each(providers)('starting from an earlier event on %s', (provider) => {
  const app = useAppInstances(provider)

  it('copies the agenda and settings to a new first day, keeping wall-clock times across a daylight-saving change, and nothing personal', async () => {
    const { db } = app
    await seedDatabase(db, { attendees: 60, reference: asWritten })
    const owner = await db.user.findUniqueOrThrow({ where: { email: ownerEmail }, select: { id: true } })
    const source = await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true, timeZone: true } })
    const values = EventCloneSchema.parse({ sourceEventId: source.id, title: 'Counter-UAS Industry Day 2028', slug: 'counter-uas-industry-day-2028', startDate: '2028-03-29' })

    const clone = await cloneEvent(db, { actorId: owner.id, isPlatformAdmin: false, mayCreate: true, values })
    expect(clone.shiftedByDays).toBe(371)

    const read = (eventId: string) =>
      db.event.findUniqueOrThrow({
        where: { id: eventId },
        select: {
          status: true,
          startsAt: true,
          endsAt: true,
          registrationOpensAt: true,
          calendarUid: true,
          questions: { where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { key: true, label: true, kind: true, options: true, vetted: true } },
          tracks: { orderBy: { position: 'asc' }, select: { slug: true, name: true } },
          rooms: { orderBy: { position: 'asc' }, select: { name: true } },
          speakers: { orderBy: { slug: 'asc' }, select: { slug: true, name: true, userId: true } },
          sessions: {
            where: { status: 'SCHEDULED' },
            orderBy: [{ startsAt: 'asc' }, { slug: 'asc' }],
            select: { slug: true, startsAt: true, endsAt: true, calendarUid: true, track: { select: { slug: true } }, room: { select: { name: true } }, speakers: { select: { position: true, role: true, speaker: { select: { slug: true } } } } },
          },
          meetingSlots: { orderBy: { startsAt: 'asc' }, select: { startsAt: true, window: { select: { slug: true } } } },
          meetingTables: { orderBy: { number: 'asc' }, select: { number: true, name: true } },
          roles: { select: { userId: true, role: true } },
          _count: { select: { registrations: true, profiles: true, meetingRequests: true, meetings: true, mustMeetPairs: true } },
        },
      })
    const [before, after] = await Promise.all([read(source.id), read(clone.id)])

    expect(after.status).toBe('DRAFT')
    expect(after.calendarUid).not.toBe(before.calendarUid)
    expect(after.questions).toEqual(before.questions)
    expect(after.tracks).toEqual(before.tracks)
    expect(after.rooms).toEqual(before.rooms)
    expect(after.speakers.map(({ slug, name }) => ({ slug, name }))).toEqual(before.speakers.map(({ slug, name }) => ({ slug, name })))
    expect(after.speakers.every((speaker) => speaker.userId === null)).toBe(true)
    expect(after.meetingTables).toEqual(before.meetingTables)
    expect(after.roles).toEqual([{ userId: owner.id, role: 'OWNER' }])
    expect(after._count).toEqual({ registrations: 0, profiles: 0, meetingRequests: 0, meetings: 0, mustMeetPairs: 0 })

    // Wall clock and day of the event, the same; the UTC instants an hour apart (CET then, CEST now).
    const zone = source.timeZone
    const dayIndex = (instant: Date, first: Date) => Math.round((Date.parse(calendarDayParts(instant, zone).key) - Date.parse(calendarDayParts(first, zone).key)) / 86_400_000)
    const wallClock = (instant: Date, first: Date) => `${dayIndex(instant, first)} ${formatTime(instant, zone)}`
    expect(calendarDayParts(after.startsAt, zone).key).toBe('2028-03-29')
    expect(formatTime(after.startsAt, zone)).toBe(formatTime(before.startsAt, zone))
    expect(after.startsAt.getTime() - before.startsAt.getTime()).toBe(371 * 86_400_000 - 3_600_000)
    expect(after.sessions).toHaveLength(before.sessions.length)
    expect(before.sessions.length).toBeGreaterThan(10)
    after.sessions.forEach((session, index) => {
      const original = before.sessions[index]!
      expect(session.slug).toBe(original.slug)
      expect(wallClock(session.startsAt, after.startsAt)).toBe(wallClock(original.startsAt, before.startsAt))
      expect(wallClock(session.endsAt, after.startsAt)).toBe(wallClock(original.endsAt, before.startsAt))
      expect(session.track).toEqual(original.track)
      expect(session.room).toEqual(original.room)
      const bySlug = (links: typeof session.speakers) => [...links].sort((a, b) => a.speaker.slug.localeCompare(b.speaker.slug))
      expect(bySlug(session.speakers)).toEqual(bySlug(original.speakers))
      expect(session.calendarUid).not.toBe(original.calendarUid)
    })
    expect(after.meetingSlots.map((slot) => `${wallClock(slot.startsAt, after.startsAt)} ${slot.window?.slug}`)).toEqual(
      before.meetingSlots.map((slot) => `${wallClock(slot.startsAt, before.startsAt)} ${slot.window?.slug}`),
    )
    expect(await db.auditLogEntry.count({ where: { eventId: clone.id, action: 'event.created' } })).toBe(1)
  })

  it('refuses an event the person does not organise as if it did not exist, and an address already taken', async () => {
    const { db } = app
    const stranger = await createUser(db)
    const source = await db.event.findUniqueOrThrow({ where: { slug: demoSlug }, select: { id: true } })
    const values = EventCloneSchema.parse({ sourceEventId: source.id, title: 'A copy', slug: 'stolen-copy', startDate: '2028-03-29' })
    await expect(cloneEvent(db, { actorId: stranger.id, isPlatformAdmin: false, mayCreate: true, values })).rejects.toMatchObject({ reason: 'not-found', field: 'sourceEventId' })
    expect(await db.event.count({ where: { slug: 'stolen-copy' } })).toBe(0)

    const owner = await db.user.findUniqueOrThrow({ where: { email: ownerEmail }, select: { id: true } })
    await expect(cloneEvent(db, { actorId: owner.id, isPlatformAdmin: false, mayCreate: true, values: { ...values, slug: demoSlug } })).rejects.toMatchObject({ field: 'slug' })
    expect(EventCloneSchema.safeParse({ ...values, startDate: '2028-02-30' }).success).toBe(false)
  })
})
