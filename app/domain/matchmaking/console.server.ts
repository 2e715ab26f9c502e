// The organiser's view of an event's matchmaking: live numbers (participants, requests by
// status, meetings and table use per slot, meetings per participant, who has none yet) and
// the exports of all meetings (CSV and Excel) for the printed schedules at the venue; and the
// must-meet pairs the scheduler places.
// People appear with name, job title and their organisation at the event; email addresses
// only in the exports, which are for the organisers' own use at the desk.
import { randomUUID } from 'node:crypto'
import type { Db } from '#app/lib/db-client.server.ts'
import { formatShortDate, formatTime } from '#app/lib/time.ts'
import { eventOrganisations, withEventOrganisation } from '#app/domain/events/people.server.ts'
import { NO_MEETING_LIST_LIMIT } from './console.ts'
import { findParticipant, type Participant } from '#app/domain/meetings/meetings.server.ts'
import { meetingPairKey, meetingRequestStatusLabels } from '#app/domain/meetings/meetings.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { recordExportDownload, type ExportDownloader } from '#app/domain/audit/audit.server.ts'
import { addTableSheet, csvText, newWorkbook, workbookBuffer, type CsvFile, type SpreadsheetTable, type WorkbookFile } from '#app/lib/spreadsheet.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { b2bParticipantWhere } from './participants.ts'

const requestStatuses = ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED'] as const

export async function getMatchmakingNumbers(db: Db, input: { eventId: string; search?: string }) {
  const { eventId } = input
  const [people, requestCounts, slots, tableCount, seats, organisations] = await Promise.all([
    db.user.findMany({ where: b2bParticipantWhere(eventId), orderBy: { name: 'asc' }, select: { id: true, name: true, jobTitle: true } }),
    db.meetingRequest.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } }),
    db.meetingSlot.findMany({
      where: { eventId },
      orderBy: { startsAt: 'asc' },
      select: { id: true, startsAt: true, endsAt: true, _count: { select: { meetings: { where: { status: 'CONFIRMED' } } } } },
    }),
    db.meetingTable.count({ where: { eventId } }),
    db.meetingParticipant.groupBy({ by: ['userId'], where: { meeting: { eventId, status: 'CONFIRMED' } }, _count: { _all: true } }),
    eventOrganisations(db, eventId),
  ])
  const participants = people.map((person) => withEventOrganisation(person, organisations))
  const meetingsOf = new Map(seats.map((seat) => [seat.userId, seat._count._all]))
  const distribution: number[] = []
  for (const person of participants) {
    const count = meetingsOf.get(person.id) ?? 0
    while (distribution.length <= count) distribution.push(0)
    distribution[count]! += 1
  }
  const withoutMeeting = participants.filter((person) => !meetingsOf.has(person.id))
  const search = searchKey(input.search?.trim() ?? '')
  const matching = search
    ? withoutMeeting.filter((person) => searchKey(`${person.name} ${person.organisation?.name ?? ''} ${person.jobTitle ?? ''}`).includes(search))
    : withoutMeeting
  const confirmedMeetings = slots.reduce((sum, slot) => sum + slot._count.meetings, 0)
  return {
    participantCount: participants.length,
    confirmedMeetings,
    tableCount,
    requestsByStatus: requestStatuses.map((status) => ({
      status,
      label: meetingRequestStatusLabels[status],
      count: requestCounts.find((row) => row.status === status)?._count._all ?? 0,
    })),
    slots: slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, meetings: slot._count.meetings })),
    /** meetingsPerParticipant[k] = participants with exactly k confirmed meetings. */
    meetingsPerParticipant: distribution,
    withoutMeeting: {
      total: withoutMeeting.length,
      matching: matching.length,
      people: matching.slice(0, NO_MEETING_LIST_LIMIT),
    },
  }
}

export type MatchmakingNumbers = Awaited<ReturnType<typeof getMatchmakingNumbers>>

// ---------- Exports ----------

type ExportRow = {
  date: string
  start: string
  end: string
  table: string
  personA: string
  organisationA: string
  emailA: string
  personB: string
  organisationB: string
  emailB: string
  arrangedBy: string
}

const exportColumns: { key: keyof ExportRow; header: string }[] = [
  { key: 'date', header: 'Date' },
  { key: 'start', header: 'Start' },
  { key: 'end', header: 'End' },
  { key: 'table', header: 'Table' },
  { key: 'personA', header: 'Participant' },
  { key: 'organisationA', header: 'Organisation' },
  { key: 'emailA', header: 'Email' },
  { key: 'personB', header: 'Meets' },
  { key: 'organisationB', header: 'Their organisation' },
  { key: 'emailB', header: 'Their email' },
  { key: 'arrangedBy', header: 'Arranged by' },
]

const sourceLabels = { REQUEST: 'Request', SCHEDULER: 'Scheduler', ORGANISER: 'Organiser' } as const

async function loadExport(db: Db, eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true, timeZone: true } })
  const [meetings, organisations] = await Promise.all([
    db.meeting.findMany({
      where: { eventId, status: 'CONFIRMED' },
      orderBy: [{ slot: { startsAt: 'asc' } }, { table: { number: 'asc' } }],
      select: {
        source: true,
        slot: { select: { startsAt: true, endsAt: true } },
        table: { select: { number: true, name: true } },
        participants: { orderBy: { user: { name: 'asc' } }, select: { user: { select: { id: true, name: true, email: true } } } },
      },
    }),
    eventOrganisations(db, eventId),
  ])
  const rows = meetings.flatMap((meeting): ExportRow[] => {
    const [a, b] = meeting.participants.map((participant) => withEventOrganisation(participant.user, organisations))
    if (!a || !b) return []
    const tz = event.timeZone
    const table = meeting.table.name && meeting.table.name !== `Table ${meeting.table.number}` ? `${meeting.table.number} (${meeting.table.name})` : String(meeting.table.number)
    return [
      {
        date: formatShortDate(meeting.slot.startsAt, tz),
        start: formatTime(meeting.slot.startsAt, tz),
        end: formatTime(meeting.slot.endsAt, tz),
        table,
        personA: a.name,
        organisationA: a.organisation?.name ?? '',
        emailA: a.email,
        personB: b.name,
        organisationB: b.organisation?.name ?? '',
        emailB: b.email,
        arrangedBy: sourceLabels[meeting.source],
      },
    ]
  })
  return { event, rows }
}

/** The meetings as a sheet's table, in the columns given. */
function meetingsTable(columns: readonly { key: keyof ExportRow; header: string }[], rows: readonly ExportRow[]): SpreadsheetTable {
  return { columns: columns.map((column) => column.header), rows: rows.map((row) => columns.map((column) => row[column.key])) }
}

/** All confirmed meetings as CSV. */
export async function meetingsCsv(db: Db, eventId: string, downloadedBy: ExportDownloader): Promise<CsvFile> {
  const { event, rows } = await loadExport(db, eventId)
  const filename = `${event.slug}-meetings.csv`
  await recordExportDownload(db, { eventId, downloadedBy, file: filename, rows: { meetings: rows.length } })
  return { filename, format: 'csv', body: csvText(meetingsTable(exportColumns, rows)) }
}

/**
 * All confirmed meetings as an Excel workbook: one sheet with every meeting, one per table (the
 * sign at the table) and one "By participant" sheet with each person's schedule told from their
 * side and a page break after each person, so printing it gives one page per participant at the
 * desk (one sheet per person would mean thousands of sheets at a large event).
 */
export async function meetingsWorkbook(db: Db, eventId: string, downloadedBy: ExportDownloader): Promise<WorkbookFile> {
  const { event, rows } = await loadExport(db, eventId)
  const filename = `${event.slug}-meetings.xlsx`
  await recordExportDownload(db, { eventId, downloadedBy, file: filename, rows: { meetings: rows.length } })
  const workbook = await newWorkbook()
  addTableSheet(workbook, 'All meetings', meetingsTable(exportColumns, rows))
  const tables = [...new Set(rows.map((row) => row.table))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
  const withoutTable = exportColumns.filter((column) => column.key !== 'table')
  for (const table of tables) addTableSheet(workbook, `Table ${table}`, meetingsTable(withoutTable, rows.filter((row) => row.table === table)))
  // Each meeting twice, once from each side; rows are already in time order, so a stable sort keeps each person's day in order.
  const ownRows = rows.flatMap((row) => [
    row,
    { ...row, personA: row.personB, organisationA: row.organisationB, emailA: row.emailB, personB: row.personA, organisationB: row.organisationA, emailB: row.emailA },
  ])
  ownRows.sort((a, b) => a.personA.localeCompare(b.personA, 'en') || a.emailA.localeCompare(b.emailA, 'en'))
  const personFirst = ['personA', 'organisationA', 'emailA'] as const
  const byParticipant = addTableSheet(
    workbook,
    'By participant',
    meetingsTable(
      [
        ...personFirst.map((key) => exportColumns.find((column) => column.key === key)!),
        ...exportColumns.filter((column) => !(personFirst as readonly string[]).includes(column.key)),
      ],
      ownRows,
    ),
  )
  ownRows.forEach((row, index) => {
    const next = ownRows[index + 1]
    if (next && next.emailA !== row.emailA) byParticipant.getRow(index + 2).addPageBreak()
  })
  return { filename, format: 'xlsx', body: await workbookBuffer(workbook) }
}

// ---------- Must-meet pairs ----------

/** The event's must-meet pairs, highest priority first, each with whether the two already have a confirmed meeting. */
export async function getMustMeetPairs(db: Db, eventId: string) {
  const person = { select: { id: true, name: true } } as const
  const [pairRows, people, organisations] = await Promise.all([
    db.mustMeetPair.findMany({
      where: { eventId },
      orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }],
      select: { id: true, priority: true, firstUser: person, secondUser: person, createdBy: { select: { name: true } } },
    }),
    db.user.findMany({ where: b2bParticipantWhere(eventId), orderBy: { name: 'asc' }, select: person.select }),
    eventOrganisations(db, eventId),
  ])
  const pairs = pairRows.map((pair) => ({
    ...pair,
    firstUser: withEventOrganisation(pair.firstUser, organisations),
    secondUser: withEventOrganisation(pair.secondUser, organisations),
  }))
  const participants = people.map((participant) => withEventOrganisation(participant, organisations))
  const seats = await db.meetingParticipant.findMany({
    where: { meeting: { eventId, status: 'CONFIRMED' }, userId: { in: pairs.flatMap((pair) => [pair.firstUser.id, pair.secondUser.id]) } },
    select: { meetingId: true, userId: true },
  })
  const peopleOfMeeting = new Map<string, string[]>()
  for (const seat of seats) peopleOfMeeting.set(seat.meetingId, [...(peopleOfMeeting.get(seat.meetingId) ?? []), seat.userId])
  const metPairs = new Set([...peopleOfMeeting.values()].filter((ids) => ids.length === 2).map((ids) => meetingPairKey(ids[0]!, ids[1]!)))
  return {
    pairs: pairs.map((pair) => ({ ...pair, hasMeeting: metPairs.has(meetingPairKey(pair.firstUser.id, pair.secondUser.id)) })),
    participants,
  }
}

/** Marks two participants as a pair the scheduler must try to place; a pair is stored once, in either order. */
export async function addMustMeetPair(db: Db, input: { eventId: string; actorId: string; userIds: readonly [string, string]; priority: number }) {
  const [a, b] = input.userIds
  if (a === b) throw new DomainError('invalid', 'Choose two different people.', { field: 'secondUserId' })
  const [first, second] = await Promise.all([findParticipant(db, input.eventId, a), findParticipant(db, input.eventId, b)])
  if (!first) throw new DomainError('invalid', 'This person does not take part in B2B meetings at this event.', { field: 'firstUserId' })
  if (!second) throw new DomainError('invalid', 'This person does not take part in B2B meetings at this event.', { field: 'secondUserId' })
  await insertMustMeetPair(db, { ...input, first, second })
}

async function insertMustMeetPair(
  db: Db,
  input: { eventId: string; actorId: string; first: { id: string; name: string }; second: { id: string; name: string }; priority: number },
) {
  const { first, second } = input
  const [firstUserId, secondUserId] = [first.id, second.id].sort() as [string, string]
  // The unique (eventId, firstUserId, secondUserId) index keeps one row per pair, also when two organisers add it at once.
  const inserted = await db.$executeRaw`
    INSERT INTO "MustMeetPair" ("id", "eventId", "firstUserId", "secondUserId", "priority", "createdById", "createdAt")
    VALUES (${randomUUID()}, ${input.eventId}, ${firstUserId}, ${secondUserId}, ${input.priority}, ${input.actorId}, ${new Date()})
    ON CONFLICT DO NOTHING`
  if (inserted !== 1) throw new DomainError('conflict', `${first.name} and ${second.name} are already a must-meet pair.`, { field: 'secondUserId' })
}

/**
 * The priority of a pair a government buyer marks: between the organisers' own levels 1 and 3,
 * so organisers can still rank a pair above or below the buyers' picks.
 */
export const BUYER_MUST_MEET_PRIORITY = 2

/** A government buyer's view of one other participant: may they mark them, and is the pair marked (and by whom)? */
export async function getBuyerMustMeet(db: Db, input: { eventId: string; buyerId: string; otherUserId: string }) {
  const buyer = await findParticipant(db, input.eventId, input.buyerId)
  if (!isGovernmentBuyer(buyer) || buyer.id === input.otherUserId) return null
  const [firstUserId, secondUserId] = [input.buyerId, input.otherUserId].sort() as [string, string]
  const pair = await db.mustMeetPair.findUnique({
    where: { eventId_firstUserId_secondUserId: { eventId: input.eventId, firstUserId, secondUserId } },
    select: { createdById: true },
  })
  return { marked: pair !== null, markedByYou: pair?.createdById === input.buyerId }
}

/** A participant whose registration for the event is for a government buyer (what its vetting officers checked). */
function isGovernmentBuyer(participant: Participant | null): participant is Participant {
  return participant?.organisation?.kind === 'GOVERNMENT_BUYER'
}

/**
 * A government buyer marks a participant (e.g. a start-up it selected) as must-meet: the
 * scheduler then places that pair before ordinary requests. Only buyers, only participants of
 * the event, not their own organisation; a pair is stored once whoever marked it.
 */
export async function markMustMeetAsBuyer(db: Db, input: { eventId: string; buyerId: string; otherUserId: string }) {
  const [buyer, other] = await Promise.all([findParticipant(db, input.eventId, input.buyerId), findParticipant(db, input.eventId, input.otherUserId)])
  if (!isGovernmentBuyer(buyer)) throw new DomainError('forbidden', 'Only government buyers taking part in the B2B meetings can mark must-meet participants.')
  if (!other || other.id === buyer.id) throw new DomainError('invalid', 'This person does not take part in B2B meetings at this event.')
  if (other.organisationId !== null && other.organisationId === buyer.organisationId) throw new DomainError('invalid', 'People from your own organisation cannot be a must-meet pair.')
  await insertMustMeetPair(db, { eventId: input.eventId, actorId: buyer.id, first: buyer, second: other, priority: BUYER_MUST_MEET_PRIORITY })
}

/** A buyer takes back their own mark; a pair the organisers marked stays, and so does a meeting booked for it. */
export async function unmarkMustMeetAsBuyer(db: Db, input: { eventId: string; buyerId: string; otherUserId: string }) {
  const [firstUserId, secondUserId] = [input.buyerId, input.otherUserId].sort() as [string, string]
  const removed = await db.mustMeetPair.deleteMany({ where: { eventId: input.eventId, firstUserId, secondUserId, createdById: input.buyerId } })
  if (removed.count === 0) throw new DomainError('not-found', 'There is no must-meet mark of yours for this person; a pair the organisers marked can only be removed by them.')
}

/** Removes a must-meet pair; a meeting already booked for it stays. */
export async function removeMustMeetPair(db: Db, input: { eventId: string; pairId: string }) {
  const removed = await db.mustMeetPair.deleteMany({ where: { id: input.pairId, eventId: input.eventId } })
  if (removed.count === 0) throw new DomainError('conflict', 'This pair was already removed.')
}
