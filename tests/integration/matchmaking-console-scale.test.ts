// The organisers' matchmaking pages at the scale of a large brokerage event (6,000 participants,
// 3,000 confirmed meetings in 24 slots at 150 tables) on SQLite and PostgreSQL: the meetings
// list (search ignoring case and accents, time filter, pages), both exports, the live numbers
// and the scheduler's input all read every meeting. Nested reads of this size once failed on
// SQLite with P2029 (Prisma assumed a limit of 999 bound parameters).
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { getMatchmakingNumbers, meetingsCsv, meetingsWorkbook } from '#app/domain/matchmaking/console.server.ts'
import { listConfirmedMeetings, MEETING_LIST_PAGE_SIZE } from '#app/domain/meetings/moves.server.ts'
import { loadSchedulingInput, previewSchedule } from '#app/domain/scheduling/plans.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'

const MEETINGS = 3_000
const SLOTS = 24
const TABLES = 150

describe.each(providers)('the matchmaking console with 3,000 meetings on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  /** Meeting i sits in slot i mod 24 at table ⌊i / 24⌋ + 1, between participants 2i and 2i + 1. */
  async function createBusyEvent() {
    const { db } = test
    const event = await createMeetingEvent(db, { slots: SLOTS, tables: TABLES })
    const people = await createParticipants(db, event.id, MEETINGS * 2)
    await db.user.update({ where: { id: people[0]!.id }, data: { name: 'Zoë Krüger' }, select: { id: true } })
    await db.meetingTable.updateMany({ where: { eventId: event.id, number: 125 }, data: { name: 'Hangar Alpha' } })
    const tables = await db.meetingTable.findMany({ where: { eventId: event.id }, orderBy: { number: 'asc' }, select: { id: true } })
    const meetings = Array.from({ length: MEETINGS }, (_, index) => {
      const slot = event.slots[index % SLOTS]!
      return {
        id: `scale-${event.id}-${index}`,
        eventId: event.id,
        slotId: slot.id,
        tableId: tables[Math.floor(index / SLOTS)]!.id,
        activeSlotId: slot.id,
        status: 'CONFIRMED' as const,
        source: 'SCHEDULER' as const,
        calendarUid: `meeting-scale-${event.id}-${index}@muster.test`,
      }
    })
    await db.meeting.createMany({ data: meetings })
    await db.meetingParticipant.createMany({
      data: meetings.flatMap((meeting, index) => [2 * index, 2 * index + 1].map((person) => ({ meetingId: meeting.id, userId: people[person]!.id, activeSlotId: meeting.slotId }))),
    })
    await db.matchmakingProfile.updateMany({ where: { eventId: event.id }, data: { meetingsBooked: 1 } })
    return { event, people, meetings }
  }

  it('lists, searches, pages and exports every meeting, and the scheduler reads them all', { timeout: 180_000 }, async () => {
    const { db } = test
    const { event, people, meetings } = await createBusyEvent()

    const firstPage = await listConfirmedMeetings(db, { eventId: event.id, search: '', slotId: null, page: 1 })
    expect(firstPage).toMatchObject({ total: MEETINGS, found: MEETINGS, page: 1, pageCount: MEETINGS / MEETING_LIST_PAGE_SIZE })
    expect(firstPage.meetings).toHaveLength(MEETING_LIST_PAGE_SIZE)
    expect(firstPage.slots).toHaveLength(SLOTS)
    // In time, then table order: the first page is the first slot's tables 1 to 100.
    expect(firstPage.meetings.map((meeting) => meeting.table.number)).toEqual(Array.from({ length: MEETING_LIST_PAGE_SIZE }, (_, index) => index + 1))
    const beyond = await listConfirmedMeetings(db, { eventId: event.id, search: '', slotId: null, page: 999 })
    expect(beyond.page).toBe(MEETINGS / MEETING_LIST_PAGE_SIZE)

    const bySearch = await listConfirmedMeetings(db, { eventId: event.id, search: '  KRUGER zoe ', slotId: null, page: 1 })
    expect(bySearch.found).toBe(1)
    expect(bySearch.meetings[0]!.people.map((person) => person.name)).toContain('Zoë Krüger')
    const bySlot = await listConfirmedMeetings(db, { eventId: event.id, search: '', slotId: event.slots[5]!.id, page: 2 })
    expect(bySlot).toMatchObject({ found: MEETINGS / SLOTS, page: 2, pageCount: 2 })
    const byTable = await listConfirmedMeetings(db, { eventId: event.id, search: 'hangar ALPHA', slotId: null, page: 1 })
    expect(byTable.found).toBe(SLOTS)
    expect(new Set(byTable.meetings.map((meeting) => meeting.table.number))).toEqual(new Set([125]))
    const nothing = await listConfirmedMeetings(db, { eventId: event.id, search: 'nobody by this name', slotId: event.slots[0]!.id, page: 1 })
    expect(nothing).toMatchObject({ found: 0, meetings: [], page: 1, pageCount: 1 })

    const downloader = { userId: people[0]!.id, ipAddress: null }
    const csv = await meetingsCsv(db, event.id, downloader)
    const lines = csv.body.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(MEETINGS + 1)
    expect(csv.body).toContain(people[0]!.email)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await meetingsWorkbook(db, event.id, downloader)).body as unknown as ArrayBuffer)
    expect(workbook.worksheets[0]!.actualRowCount).toBe(MEETINGS + 1)
    // A sheet per table in use and one for every participant’s schedule, not a sheet per person.
    expect(workbook.worksheets).toHaveLength(2 + MEETINGS / SLOTS)
    expect(workbook.getWorksheet('By participant')!.actualRowCount).toBe(2 * MEETINGS + 1)

    const numbers = await getMatchmakingNumbers(db, { eventId: event.id })
    expect(numbers.withoutMeeting.total).toBe(0)

    const { input } = await loadSchedulingInput(db, event.id, new Date())
    expect(input.existingMeetings).toHaveLength(meetings.length)
    expect(input.participants).toHaveLength(people.length)
    const preview = await previewSchedule(db, { eventId: event.id })
    expect(preview.keptCount).toBe(MEETINGS)
  })
})
