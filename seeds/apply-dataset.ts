// Writes a dataset into the database: only rows that are missing, table by table in
// foreign-key order, never touching rows that exist (so a second run changes nothing,
// not even updatedAt). One transaction: a failed seed leaves the database as it was.
import type { Prisma } from '#prisma/generated/sqlite/client.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import type { DatasetTable, DemoDataset } from './demo-dataset.ts'

/**
 * Rows per INSERT and per lookup. SQLite caps bound parameters per statement and the widest
 * seeded table has about 30 columns, so 200 rows stay well below the cap on both engines.
 */
const CHUNK_SIZE = 200

/** Benchmark-size datasets take seconds; the default interactive-transaction timeout is 5 s. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000

export type InsertedCounts = Record<DatasetTable, number>

type Tx = Prisma.TransactionClient

/** How one table finds which of its rows exist already, and inserts the others. */
type TableWriter<Row> = {
  key: (row: Row) => string
  existingKeys: (tx: Tx, rows: Row[]) => Promise<string[]>
  insert: (tx: Tx, rows: Row[]) => PromiseLike<unknown>
}

type Writers = { [Table in DatasetTable]: TableWriter<DemoDataset[Table][number]> }

/** The Prisma model API an id-keyed table needs, whatever the model. */
type IdTableDelegate<Row> = {
  findMany(args: { where: { id: { in: string[] } }; select: { id: true } }): PromiseLike<{ id: string }[]>
  createMany(args: { data: Row[] }): PromiseLike<unknown>
}

/** A table matched on its id. */
function idTable<Row extends { id: string }>(delegate: (tx: Tx) => IdTableDelegate<NoInfer<Row>>): TableWriter<Row> {
  return {
    key: (row) => row.id,
    existingKeys: async (tx, rows) => {
      const found = await delegate(tx).findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: { id: true } })
      return found.map((row) => row.id)
    },
    insert: (tx, rows) => delegate(tx).createMany({ data: rows }),
  }
}

const distinct = (values: readonly string[]) => [...new Set(values)]

/**
 * Key order is insertion order: parents before children. Tables without an id (join
 * tables) are matched on their composite key.
 */
const writers: Writers = {
  capabilities: idTable((tx) => tx.capability),
  organisations: idTable((tx) => tx.organisation),
  organisationCapabilities: {
    key: (row) => `${row.organisationId}|${row.capabilityId}`,
    existingKeys: (tx, rows) =>
      tx.organisationCapability
        .findMany({ where: { organisationId: { in: distinct(rows.map((row) => row.organisationId)) } } })
        .then((found) => found.map((row) => `${row.organisationId}|${row.capabilityId}`)),
    insert: (tx, rows) => tx.organisationCapability.createMany({ data: rows }),
  },
  users: idTable((tx) => tx.user),
  events: idTable((tx) => tx.event),
  eventRoles: idTable((tx) => tx.eventRole),
  registrationQuestions: idTable((tx) => tx.registrationQuestion),
  registrations: idTable((tx) => tx.registration),
  vettingDecisions: idTable((tx) => tx.vettingDecision),
  tracks: idTable((tx) => tx.track),
  rooms: idTable((tx) => tx.room),
  speakers: idTable((tx) => tx.speaker),
  agendaSessions: idTable((tx) => tx.agendaSession),
  sessionSpeakers: {
    key: (row) => `${row.sessionId}|${row.speakerId}`,
    existingKeys: (tx, rows) =>
      tx.sessionSpeaker
        .findMany({
          where: { sessionId: { in: distinct(rows.map((row) => row.sessionId)) } },
          select: { sessionId: true, speakerId: true },
        })
        .then((found) => found.map((row) => `${row.sessionId}|${row.speakerId}`)),
    insert: (tx, rows) => tx.sessionSpeaker.createMany({ data: rows }),
  },
  sessionEnrolments: idTable((tx) => tx.sessionEnrolment),
  matchmakingProfiles: idTable((tx) => tx.matchmakingProfile),
  profileCapabilities: {
    key: (row) => `${row.profileId}|${row.capabilityId}`,
    existingKeys: (tx, rows) =>
      tx.profileCapability
        .findMany({ where: { profileId: { in: distinct(rows.map((row) => row.profileId)) } } })
        .then((found) => found.map((row) => `${row.profileId}|${row.capabilityId}`)),
    insert: (tx, rows) => tx.profileCapability.createMany({ data: rows }),
  },
  marketplaceItems: idTable((tx) => tx.marketplaceItem),
  meetingSlots: idTable((tx) => tx.meetingSlot),
  meetingTables: idTable((tx) => tx.meetingTable),
  meetingRequests: idTable((tx) => tx.meetingRequest),
  meetingRequestSlots: {
    key: (row) => `${row.requestId}|${row.slotId}`,
    existingKeys: (tx, rows) =>
      tx.meetingRequestSlot
        .findMany({ where: { requestId: { in: distinct(rows.map((row) => row.requestId)) } } })
        .then((found) => found.map((row) => `${row.requestId}|${row.slotId}`)),
    insert: (tx, rows) => tx.meetingRequestSlot.createMany({ data: rows }),
  },
  meetings: idTable((tx) => tx.meeting),
  meetingParticipants: {
    key: (row) => `${row.meetingId}|${row.userId}`,
    existingKeys: (tx, rows) =>
      tx.meetingParticipant
        .findMany({
          where: { meetingId: { in: distinct(rows.map((row) => row.meetingId)) } },
          select: { meetingId: true, userId: true },
        })
        .then((found) => found.map((row) => `${row.meetingId}|${row.userId}`)),
    insert: (tx, rows) => tx.meetingParticipant.createMany({ data: rows }),
  },
  blockedSlots: idTable((tx) => tx.blockedSlot),
  mustMeetPairs: idTable((tx) => tx.mustMeetPair),
  auditLogEntries: idTable((tx) => tx.auditLogEntry),
}

async function insertMissing<Row>(tx: Tx, writer: TableWriter<Row>, rows: readonly Row[]): Promise<number> {
  let inserted = 0
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE)
    const existing = new Set(await writer.existingKeys(tx, chunk))
    const missing = chunk.filter((row) => !existing.has(writer.key(row)))
    if (missing.length === 0) continue
    await writer.insert(tx, missing)
    inserted += missing.length
  }
  return inserted
}

/** Inserts the dataset's missing rows and returns how many each table received. */
export async function applyDataset(db: Db, dataset: DemoDataset): Promise<InsertedCounts> {
  return db.$transaction(
    async (tx) => {
      const counts = {} as InsertedCounts
      for (const table of Object.keys(writers) as DatasetTable[]) {
        counts[table] = await insertTable(tx, table, dataset)
      }
      return counts
    },
    { maxWait: 10_000, timeout: TRANSACTION_TIMEOUT_MS },
  )
}

// Generic over the table so each writer is paired with its own rows.
function insertTable<Table extends DatasetTable>(tx: Tx, table: Table, dataset: DemoDataset) {
  const writer = writers[table] as TableWriter<DemoDataset[Table][number]>
  return insertMissing(tx, writer, dataset[table])
}
