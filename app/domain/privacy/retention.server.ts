// Retention: organisers choose how many days after their event the registrants' answers and the
// vetting officers' notes are kept. Then a job in every instance purges them, each event once:
// the instance that claims the event (a conditional update) does it; the others skip it.
import { DbNull } from '@prisma/client/runtime/client'
import type { Db } from '#app/lib/db-client.server.ts'
import { recordAudit } from '#app/domain/audit/audit.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000

export async function getRetention(db: Db, eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { retentionDays: true, endsAt: true, personalDataPurgedAt: true } })
  return { ...event, purgeDueAt: event.retentionDays === null ? null : new Date(event.endsAt.getTime() + event.retentionDays * DAY_MS) }
}

export async function setRetention(db: Db, input: { eventId: string; days: number | null; actorId: string }) {
  await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: input.eventId }, data: { retentionDays: input.days }, select: { id: true } })
    await recordAudit(tx, { eventId: input.eventId, actorId: input.actorId, action: 'event.retention_changed', entityType: 'Event', entityId: input.eventId, data: { days: input.days } })
  })
}

/**
 * Purges the personal data of every event whose retention has run out: answers become empty,
 * vetting reasons and edit details are removed (who decided what, and when, stays). Returns the
 * events this call purged; an event another instance claimed first is not among them.
 */
export async function purgeExpiredPersonalData(db: Db, now = new Date()) {
  const candidates = await db.event.findMany({
    where: { retentionDays: { not: null }, personalDataPurgedAt: null, endsAt: { lt: now } },
    select: { id: true, endsAt: true, retentionDays: true },
  })
  const due = candidates.filter((event) => event.endsAt.getTime() + event.retentionDays! * DAY_MS <= now.getTime())
  const purged: string[] = []
  for (const event of due) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.event.updateMany({ where: { id: event.id, personalDataPurgedAt: null }, data: { personalDataPurgedAt: now } })
      if (claimed.count === 0) return false
      const answers = await tx.registration.updateMany({ where: { eventId: event.id }, data: { answers: {} } })
      const notes = await tx.vettingDecision.updateMany({ where: { registration: { eventId: event.id } }, data: { reason: null, changes: DbNull } })
      await recordAudit(tx, {
        eventId: event.id,
        actorId: null,
        action: 'event.personal_data_purged',
        entityType: 'Event',
        entityId: event.id,
        data: { registrations: answers.count, decisions: notes.count, retentionDays: event.retentionDays },
      })
      return true
    })
    if (done) purged.push(event.id)
  }
  return purged
}

/** Runs the purge now and then every hour in this instance; stop() waits for a run in progress. */
export function startRetentionPurge(db: Db, options: { intervalMs?: number } = {}) {
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  const run = async () => {
    try {
      await purgeExpiredPersonalData(db)
    } catch (error) {
      console.error('Retention purge: a run failed; trying again on the next one', error)
    }
    if (stopped) return
    timer = setTimeout(() => {
      running = run()
    }, options.intervalMs ?? DEFAULT_INTERVAL_MS)
    timer.unref()
  }
  let running = run()
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
