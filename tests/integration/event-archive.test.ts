// Archiving an event once it is over, and restoring it, on both engines: refused for a draft
// and for an event still ahead (in words), allowed for one that ended or was cancelled; two
// organisers pressing at once (two app instances on PostgreSQL) archive once with one audit
// entry; "Your events" shows the stage. What an archived event refuses at its doors:
// tests/integration/route-authorization.test.ts.
import { describe, expect, it } from 'vitest'
import { archiveEvent, restoreEvent } from '#app/domain/events/event-archive.server.ts'
import { getEventSettings, listStaffEvents } from '#app/domain/events/event-setup.server.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'

const afterTheEvent = new Date('2027-04-01T10:00:00Z')
const beforeTheEvent = new Date('2027-03-01T10:00:00Z')

describe.each(providers)('archiving an event on %s', (provider) => {
  const app = useAppInstances(provider)

  async function eventWithOwner(status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED' = 'PUBLISHED') {
    const event = await createEvent(app.db)
    const owner = await createUser(app.db, 'Owner')
    await app.db.event.update({ where: { id: event.id }, data: { status } })
    await app.db.eventRole.create({ data: { eventId: event.id, userId: owner.id, role: 'OWNER' } })
    return { eventId: event.id, actorId: owner.id }
  }
  const auditActions = (eventId: string) => app.db.auditLogEntry.findMany({ where: { eventId }, orderBy: { createdAt: 'asc' }, select: { action: true } }).then((rows) => rows.map((row) => row.action))

  it('refuses a draft and an event still ahead, saying why, and writes nothing', async () => {
    const draft = await eventWithOwner('DRAFT')
    await expect(archiveEvent(app.db, { ...draft, now: afterTheEvent })).rejects.toMatchObject({ reason: 'conflict', message: 'A draft has not taken place: publish it, or leave it as a draft.' })
    const ahead = await eventWithOwner()
    await expect(archiveEvent(app.db, { ...ahead, now: beforeTheEvent })).rejects.toMatchObject({
      reason: 'conflict',
      message: 'The event has not ended yet. Archive it after its last day, or cancel it if it will not take place.',
    })
    for (const { eventId } of [draft, ahead]) {
      expect((await getEventSettings(app.db, eventId, afterTheEvent)).archivedAt).toBeNull()
      expect(await auditActions(eventId)).toEqual([])
    }
  })

  it('archives an event that ended and a cancelled one; restores; each once, audited', async () => {
    const ended = await eventWithOwner()
    await archiveEvent(app.db, { ...ended, now: afterTheEvent })
    const settings = await getEventSettings(app.db, ended.eventId, afterTheEvent)
    expect(settings.archivedAt).toEqual(afterTheEvent)
    expect(settings.stage).toBe('archived')
    expect((await listStaffEvents(app.db, ended.actorId, afterTheEvent)).map((event) => event.stage)).toEqual(['archived'])
    await expect(archiveEvent(app.db, { ...ended, now: afterTheEvent })).rejects.toMatchObject({ message: 'This event is already archived.' })

    await restoreEvent(app.db, ended)
    expect((await getEventSettings(app.db, ended.eventId, afterTheEvent)).stage).toBe('finished')
    await expect(restoreEvent(app.db, ended)).rejects.toMatchObject({ message: 'This event is not archived.' })
    expect(await auditActions(ended.eventId)).toEqual(['event.archived', 'event.restored'])

    // A cancelled event is over whatever its dates said.
    const cancelled = await eventWithOwner('CANCELLED')
    await archiveEvent(app.db, { ...cancelled, now: beforeTheEvent })
    expect((await getEventSettings(app.db, cancelled.eventId, beforeTheEvent)).stage).toBe('archived')
  })

  it('archives once when two organisers press at once', async () => {
    const event = await eventWithOwner()
    const second = await createUser(app.db, 'Second organiser')
    await app.db.eventRole.create({ data: { eventId: event.eventId, userId: second.id, role: 'ORGANISER' } })
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.allSettled(
        [event.actorId, second.id, event.actorId, second.id].map((actorId, index) => archiveEvent(app.instance(index), { eventId: event.eventId, actorId, now: afterTheEvent })),
      )
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ reason: 'conflict' })
      const restores = await Promise.allSettled([0, 1].map((index) => restoreEvent(app.instance(index), { eventId: event.eventId, actorId: second.id })))
      expect(restores.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
    }
    const actions = await auditActions(event.eventId)
    expect(actions.filter((action) => action === 'event.archived')).toHaveLength(3)
    expect(actions.filter((action) => action === 'event.restored')).toHaveLength(3)
  })
})
