// Agenda change propagation: on the demo Industry Day scaled to N attendees (default 5,000),
// an organiser moves a plenary by ten minutes. One transaction records the change and queues
// an email with an updated invite for every approved attendee. Prints the review (who will
// be told) and the save times, per recipient, on SQLite and PostgreSQL.
//
//   npx tsx bench/agenda-changes.ts [--attendees 5000]
//
// Needs PostgreSQL at TEST_POSTGRES_URL.
import { parseArgs } from 'node:util'
import { applySessionChange, getSessionForEditing, planSessionChange } from '#app/domain/agenda/editor.server.ts'
import type { SessionFormValues } from '#app/domain/agenda/session-form.ts'
import { createDbClient } from '#app/lib/db-client.server.ts'
import { providers } from '#prisma/providers.ts'
import { deployMigrations } from '#prisma/scripts/migration-engine.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { createEmptyDatabase } from '#tests/support/databases.ts'

const { values } = parseArgs({ options: { attendees: { type: 'string', default: '5000' } } })
const attendees = Number(values.attendees)

type Row = Record<string, string | number>
const rows: Row[] = []

for (const provider of providers) {
  const { url, drop } = await createEmptyDatabase(provider)
  try {
    await deployMigrations(url)
    const db = await createDbClient(url)
    await seedDatabase(db, { attendees })
    const plenary = await db.agendaSession.findFirstOrThrow({
      where: { kind: 'PLENARY', signUpRequired: false, status: 'SCHEDULED' },
      orderBy: { startsAt: 'desc' },
      select: { id: true, eventId: true, updatedAt: true },
    })
    const editing = await getSessionForEditing(db, { eventId: plenary.eventId, sessionId: plenary.id })
    const form = editing!.formValues
    const moveBy = (time: string, minutes: number) => {
      const [hours, mins] = time.split(':').map(Number) as [number, number]
      const total = hours * 60 + mins + minutes
      return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
    }
    const moved: SessionFormValues = {
      title: form.title,
      abstract: form.abstract || undefined,
      kind: form.kind,
      trackId: form.trackId || undefined,
      roomId: form.roomId || undefined,
      date: form.date,
      startTime: moveBy(form.startTime, 10),
      endTime: moveBy(form.endTime, 10),
      speakerIds: form.speakerIds,
      capacity: form.capacity ? Number(form.capacity) : undefined,
      signUpRequired: form.signUpRequired === 'on',
    }
    let started = performance.now()
    const plan = await planSessionChange(db, { eventId: plenary.eventId, sessionId: plenary.id, values: moved })
    const reviewMs = performance.now() - started
    started = performance.now()
    const applied = await applySessionChange(db, {
      eventId: plenary.eventId,
      sessionId: plenary.id,
      actorId: (await db.user.findFirstOrThrow({ select: { id: true } })).id,
      values: moved,
      expectedUpdatedAt: plenary.updatedAt,
    })
    const saveMs = performance.now() - started
    const queued = await db.outboxMessage.count({ where: { kind: 'session-changed' } })
    rows.push({
      provider,
      attendees,
      recipients: plan.recipients.count,
      'review ms': Math.round(reviewMs),
      'save + queue ms': Math.round(saveMs),
      'ms per recipient': Number((saveMs / Math.max(1, applied.notified)).toFixed(2)),
      'emails queued': queued,
    })
    await db.$disconnect()
  } finally {
    await drop()
  }
}
console.table(rows)
