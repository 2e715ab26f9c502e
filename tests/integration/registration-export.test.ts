// Registration exports on the seeded demo event, on both engines: every status and filter of
// the vetting queue gives exactly the registrations the queue lists; one column per question,
// removed questions included; values that start like a formula are never run as one, in CSV or
// Excel; moments are written in the event's zone across a clock change; the check-in list holds
// the approved people only and no badge code; every download is audited with its filters.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCheckInList, exportRegistrations } from '#app/domain/registration/registration-export.server.ts'
import { listVettingQueue } from '#app/domain/registration/vetting.server.ts'
import { parseRegistrationExportQuery, parseVettingQuery, registrationStatuses, type RegistrationExportQuery } from '#app/domain/registration/vetting.ts'
import { removeQuestion } from '#app/domain/registration/question-builder.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import type { SpreadsheetFormat } from '#app/lib/spreadsheet.server.ts'
import { providers } from '#prisma/providers.ts'
import { seedDatabase } from '#seeds/seed.ts'
import { csvRecords, parseCsv } from '#tests/support/csv.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { demoEventId } from '#tests/support/demo.ts'

const exportQuery = (params: Record<string, string> = {}): RegistrationExportQuery => parseRegistrationExportQuery(new URLSearchParams(params))

async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  return workbook
}

/** A sheet as rows of cell text, header first. */
function sheetRows(sheet: ExcelJS.Worksheet) {
  const rows: string[][] = []
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, index) => String(row.getCell(index + 1).value ?? '')))
  })
  return rows
}

describe.each(providers)('registration exports on %s', (provider) => {
  let test: TestDatabase
  let db: Db
  let officerId: string
  let checkInId: string
  const eventId = demoEventId

  beforeAll(async () => {
    test = await createTestDatabase(provider)
    db = test.db
    await seedDatabase(db)
    officerId = (await db.user.findUniqueOrThrow({ where: { email: 'aino.virtanen@defence-investment.example' }, select: { id: true } })).id
    checkInId = (await db.user.findUniqueOrThrow({ where: { email: 'jonas.peeters@defence-investment.example' }, select: { id: true } })).id
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  function download(query: RegistrationExportQuery): ReturnType<typeof exportRegistrations<'csv'>>
  function download<Format extends SpreadsheetFormat>(query: RegistrationExportQuery, format: Format): ReturnType<typeof exportRegistrations<Format>>
  function download(query: RegistrationExportQuery, format: SpreadsheetFormat = 'csv') {
    return exportRegistrations(db, { eventId, query, format, downloadedBy: { userId: officerId, ipAddress: '192.0.2.10' } })
  }

  /** Every registration id the queue lists for these filters in this status, page by page. */
  async function queueIds(params: Record<string, string>) {
    const ids: string[] = []
    for (let page = 1; ; page++) {
      const queue = await listVettingQueue(db, eventId, parseVettingQuery(new URLSearchParams({ ...params, page: String(page) })))
      ids.push(...queue.rows.map((row) => row.id))
      if (page >= queue.pageCount) return ids
    }
  }

  it('exports what each queue tab lists, in its order, under every filter the queue offers and a combination', async () => {
    const queue = await listVettingQueue(db, eventId, parseVettingQuery(new URLSearchParams()))
    const { countries, answerQuestions } = queue.filterOptions
    const filterSets: Record<string, string>[] = [
      {},
      { kind: 'SME' },
      { kind: 'GOVERNMENT_BUYER' },
      ...countries.map((country) => ({ country: country.code })),
      ...answerQuestions.flatMap((question) => question.options.map((option) => ({ answer: `${question.key}:${option.value}` }))),
      { q: 'KRUGER' },
      { kind: 'LARGE_COMPANY', country: 'GB', q: 'a' },
    ]
    let exported = 0
    for (const filters of filterSets) {
      let everyStatus: string[] = []
      for (const status of registrationStatuses) {
        const expected = await queueIds({ ...filters, status })
        const file = await download(exportQuery({ ...filters, status }))
        const ids = csvRecords(file.body).map((record) => record['Registration ID'])
        expect(ids, JSON.stringify({ ...filters, status })).toEqual(expected)
        everyStatus = [...everyStatus, ...expected]
        exported += ids.length
      }
      const all = await download(exportQuery(filters))
      expect(csvRecords(all.body).map((record) => record['Registration ID']).sort()).toEqual(everyStatus.sort())
    }
    expect(exported).toBeGreaterThan(0)
    const total = await db.registration.count({ where: { eventId } })
    expect(csvRecords((await download(exportQuery())).body)).toHaveLength(total)
  })

  it('has one column per question, removed ones after the current ones, with every answer as officers read it', async () => {
    const before = await download(exportQuery())
    const questions = await db.registrationQuestion.findMany({ where: { eventId, archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true, key: true, label: true } })
    const [header] = parseCsv(before.body)
    expect(header!.slice(13, -1)).toEqual(questions.map((question) => question.label))

    const dietary = questions.find((question) => question.key === 'dietaryRequirements')!
    const answered = await db.registration.findMany({ where: { eventId }, select: { id: true, answers: true } })
    const withDietary = answered.filter((row) => typeof (row.answers as Record<string, unknown>).dietaryRequirements === 'string' && (row.answers as Record<string, string>).dietaryRequirements !== '')
    expect(withDietary.length).toBeGreaterThan(0)
    const organiser = await db.user.findUniqueOrThrow({ where: { email: 'mathieu.laurent@defence-investment.example' }, select: { id: true } })
    await removeQuestion(db, { eventId, actorId: organiser.id, questionId: dietary.id })

    const after = await download(exportQuery(), 'xlsx')
    const rows = sheetRows((await readWorkbook(after.body)).getWorksheet('Registrations')!)
    const afterHeader = rows[0]!
    expect(afterHeader.at(-2)).toBe(`${dietary.label} (removed question)`)
    expect(afterHeader.slice(13, -2)).toEqual(questions.filter((question) => question.id !== dietary.id).map((question) => question.label))
    const dietaryColumn = afterHeader.length - 2
    for (const row of withDietary) {
      const line = rows.find((cells) => cells.at(-1) === row.id)!
      expect(line[dietaryColumn]).toBe((row.answers as Record<string, string>).dietaryRequirements)
    }
    // Choices as their labels, yes/no in words.
    const records = csvRecords((await download(exportQuery())).body)
    expect(new Set(records.map((record) => record['Have you attended a previous NATO industry day?']))).toEqual(new Set(['Yes', 'No']))
    expect(records.some((record) => record['Security clearance level']!.length > 0 && !/^[a-z_]+$/.test(record['Security clearance level']!))).toBe(true)
  })

  it('never lets a cell run as a formula, in CSV or in Excel', async () => {
    const target = await db.registration.findFirstOrThrow({ where: { eventId, status: 'APPROVED' }, orderBy: { id: 'asc' }, select: { id: true, userId: true, answers: true, organisationId: true } })
    await db.user.update({ where: { id: target.userId }, data: { name: '=HYPERLINK("http://evil.example","Open")', jobTitle: '@SUM(1+1)' }, select: { id: true } })
    await db.registration.update({ where: { id: target.id }, data: { answers: { ...(target.answers as object), jobFunction: '+1-2', motivation: '-cmd|" /C calc"!A0' } }, select: { id: true } })

    const csv = await download(exportQuery({ status: 'APPROVED' }))
    const record = csvRecords(csv.body).find((candidate) => candidate['Registration ID'] === target.id)!
    expect(record.Name).toBe(`'=HYPERLINK("http://evil.example","Open")`)
    expect(record['Job title']).toBe(`'@SUM(1+1)`)
    expect(record['Job function']).toBe(`'+1-2`)
    expect(record['Why do you want to attend?']).toBe(`'-cmd|" /C calc"!A0`)

    const workbook = await readWorkbook((await download(exportQuery({ status: 'APPROVED' }), 'xlsx')).body)
    let cells = 0
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          cells++
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
          expect(String(cell.value)).not.toMatch(/^[=+\-@]/)
        }),
      ),
    )
    expect(cells).toBeGreaterThan(100)
  })

  it('writes moments in the event’s zone, on both sides of a clock change, with the zone in the header', async () => {
    const [first, second] = await db.registration.findMany({ where: { eventId, status: 'PENDING' }, orderBy: { id: 'asc' }, take: 2, select: { id: true } })
    // Brussels moves from CET to CEST at 01:00 UTC on 28 March 2027.
    await db.registration.update({ where: { id: first!.id }, data: { submittedAt: new Date('2027-03-28T00:30:00Z') }, select: { id: true } })
    await db.registration.update({ where: { id: second!.id }, data: { submittedAt: new Date('2027-03-28T01:30:00Z') }, select: { id: true } })
    const { timeZone } = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { timeZone: true } })
    expect(timeZone).toBe('Europe/Brussels')
    const records = csvRecords((await download(exportQuery({ status: 'PENDING' }))).body)
    const submitted = (id: string) => records.find((record) => record['Registration ID'] === id)![`Submitted (${timeZone})`]
    expect(submitted(first!.id)).toBe('2027-03-28 01:30')
    expect(submitted(second!.id)).toBe('2027-03-28 03:30')
  })

  it('takes a bad query as no filter, and an answer filter naming no question of this event as none', async () => {
    expect(exportQuery({ status: 'EVERYTHING', kind: 'SPY', country: 'XX', answer: 'nope:x', q: 'x'.repeat(500) })).toEqual({ status: 'ALL', kind: null, country: null, answer: 'nope:x', q: '' })
    const total = await db.registration.count({ where: { eventId } })
    expect(csvRecords((await download(exportQuery({ answer: 'nope:x' }))).body)).toHaveLength(total)
    const repeated = new URLSearchParams()
    for (let index = 0; index < 20_000; index++) repeated.append('status', index === 0 ? 'APPROVED' : 'REJECTED')
    expect(parseRegistrationExportQuery(repeated).status).toBe('APPROVED')
  })

  it('gives the desk a check-in list of the approved people by name, with arrivals, and no badge code', async () => {
    const approved = await db.registration.findMany({ where: { eventId, status: 'APPROVED' }, select: { id: true, badgeCode: true, user: { select: { name: true } } } })
    const arrived = approved.find((registration) => /^[A-Z]/.test(registration.user.name))!
    await db.registration.update({ where: { id: arrived.id }, data: { checkedInAt: new Date('2027-03-31T07:05:00Z'), checkedInById: checkInId }, select: { id: true } })
    const file = await exportCheckInList(db, { eventId, format: 'csv', downloadedBy: { userId: checkInId, ipAddress: null } })
    const records = csvRecords(file.body)
    // As the file shows them: a name that starts like a formula keeps a leading apostrophe.
    const names = records.map((record) => record.Name!.replace(/^'(?=[=+\-@])/, ''))
    expect([...names].sort()).toEqual(approved.map((registration) => registration.user.name).sort())
    const collator = new Intl.Collator('en', { sensitivity: 'base' })
    expect(names).toEqual([...names].sort((a, b) => collator.compare(a, b)))
    const row = records.find((record) => record.Name === arrived.user.name)!
    expect(row['Checked in (Europe/Brussels)']).toBe('2027-03-31 09:05')
    expect(row['Checked in by']).toBe('Jonas Peeters')
    for (const { badgeCode } of approved) expect(file.body).not.toContain(badgeCode)

    const registrations = await download(exportQuery())
    for (const { badgeCode } of approved) expect(registrations.body).not.toContain(badgeCode)

    const workbook = await readWorkbook((await exportCheckInList(db, { eventId, format: 'xlsx', downloadedBy: { userId: checkInId, ipAddress: null } })).body)
    const sheet = workbook.getWorksheet('Check-in list')!
    expect(sheet.actualRowCount).toBe(approved.length + 1)
    expect(sheet.headerFooter.oddHeader).toContain('Counter-UAS')
  })

  it('records every download with who, from where, the file, its rows and its filters', async () => {
    const since = new Date()
    await download(exportQuery({ status: 'WAITLISTED', kind: 'LARGE_COMPANY', q: 'brennan' }), 'xlsx')
    const entries = await db.auditLogEntry.findMany({ where: { eventId, action: 'export.downloaded', createdAt: { gte: since } }, select: { actorId: true, ipAddress: true, data: true } })
    const slug = (await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true } })).slug
    expect(entries).toEqual([
      {
        actorId: officerId,
        ipAddress: '192.0.2.10',
        data: { file: `${slug}-registrations-waitlisted.xlsx`, registrations: 1, filters: 'Waiting list; kind: Large company; search: “brennan”' },
      },
    ])
  })
})
