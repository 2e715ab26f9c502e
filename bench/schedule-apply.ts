// The scheduler's database side at the scale of a large brokerage event: N participants with
// P must-meet pairs (random, seeded) on an event with 24 slots and 150 tables. Prints the time
// to preview (read the input, run the scheduler, name everything) and to apply (one transaction
// that books every placement and queues both invites and reminders for each), per booked
// meeting, on SQLite and PostgreSQL.
//
//   npx tsx bench/schedule-apply.ts [--people 3000] [--pairs 5000] [--seed 7] [--providers sqlite,postgresql]
//
// Needs PostgreSQL at TEST_POSTGRES_URL.
import { parseArgs } from 'node:util'
import { applySchedule, previewSchedule } from '#app/domain/scheduling/plans.server.ts'
import { meetingPairKey } from '#app/domain/meetings/meetings.ts'
import { providers } from '#prisma/providers.ts'
import { chosenProvidersOf } from './support.ts'
import { createTestDatabase } from '#tests/support/databases.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { seededRandom } from '#tests/support/time-samples.ts'

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '3000' },
    pairs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '7' },
    providers: { type: 'string', default: providers.join(',') },
  },
})
const peopleCount = Number(values.people)
const pairCount = Number(values.pairs)

const rows: Record<string, string | number>[] = []
for (const provider of chosenProvidersOf(values.providers)) {
  const test = await createTestDatabase(provider)
  try {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: 24, tables: 150, maxMeetingsPerPerson: 12, maxPendingRequestsPerPerson: 50 })
    const people = await createParticipants(db, event.id, peopleCount)
    // Seeded: the same pairs on every run and engine.
    const next = seededRandom(Number(values.seed))
    const pairs = new Map<string, { eventId: string; firstUserId: string; secondUserId: string; priority: number }>()
    while (pairs.size < pairCount) {
      const [a, b] = [people[Math.floor(next() * people.length)]!.id, people[Math.floor(next() * people.length)]!.id].sort() as [string, string]
      if (a !== b) pairs.set(meetingPairKey(a, b), { eventId: event.id, firstUserId: a, secondUserId: b, priority: 1 + Math.floor(next() * 3) })
    }
    await db.mustMeetPair.createMany({ data: [...pairs.values()] })

    let started = performance.now()
    const preview = await previewSchedule(db, { eventId: event.id })
    const previewMs = performance.now() - started
    started = performance.now()
    const applied = await applySchedule(db, { eventId: event.id, actorId: people[0]!.id, fingerprint: preview.fingerprint })
    const applyMs = performance.now() - started
    const emails = await db.outboxMessage.count({ where: { eventId: event.id } })
    rows.push({
      engine: provider,
      participants: peopleCount,
      'must-meet pairs': pairCount,
      'preview s': Number((previewMs / 1000).toFixed(2)),
      booked: applied.bookedCount,
      'emails queued': emails,
      'apply s': Number((applyMs / 1000).toFixed(2)),
      'ms per meeting': Number((applyMs / Math.max(1, applied.bookedCount)).toFixed(1)),
    })
  } finally {
    await test.cleanup()
  }
}
console.table(rows)
