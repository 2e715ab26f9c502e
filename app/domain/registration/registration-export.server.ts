// Registrations leave Muster as spreadsheets in two shapes: the officers' export (every field
// and every answer, filtered like the vetting queue) and the check-in list for the desk (who
// may enter, and who already did). Every download is in the event's audit log with its row
// count and filters. Callers check the role first: the officers' export carries the answers,
// which only vetting officers (and the organisers above them) see; the check-in list carries
// what the desk already shows and no badge codes (a code is a ticket).
import { recordExportDownload, type ExportDownloader } from '#app/domain/audit/audit.server.ts'
import { countryName, isCountryCode } from '#app/lib/countries.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { singleTableFile, type SpreadsheetFileOf, type SpreadsheetFormat, type SpreadsheetTable } from '#app/lib/spreadsheet.server.ts'
import { toWallClockInput } from '#app/lib/time.ts'
import { organisationKindLabels, type Answers, type RegistrationQuestion } from './registration-form.ts'
import { findFilteredRegistrations, queueOrder } from './vetting.server.ts'
import { formatAnswer, registrationStatusLabels, type RegistrationExportQuery } from './vetting.ts'

/** "2027-03-31 09:05" in the event's zone: sorts as text, and the column header names the zone. */
function moment(instant: Date | null, timeZone: string) {
  return instant ? toWallClockInput(instant, timeZone).replace('T', ' ') : ''
}

function country(code: string | null) {
  return code ? (isCountryCode(code) ? countryName(code) : code) : ''
}

/**
 * The registrations the query selects, one row each with one column per question the event
 * ever asked (removed ones too, marked so, after the current ones), as CSV or an Excel workbook.
 */
export async function exportRegistrations<Format extends SpreadsheetFormat>(
  db: Db,
  input: { eventId: string; query: RegistrationExportQuery; format: Format; downloadedBy: ExportDownloader },
): Promise<SpreadsheetFileOf<Format>> {
  const { eventId, query } = input
  const [event, questionRows, { matching, answerFilter }] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true, title: true, timeZone: true } }),
    db.registrationQuestion.findMany({
      where: { eventId },
      orderBy: [{ position: 'asc' }, { key: 'asc' }],
      select: { key: true, label: true, kind: true, options: true, archivedAt: true },
    }),
    findFilteredRegistrations(db, eventId, query),
  ])
  const questions = [...questionRows.filter((question) => !question.archivedAt), ...questionRows.filter((question) => question.archivedAt)].map((question) => ({
    ...question,
    options: Array.isArray(question.options) ? (question.options as RegistrationQuestion['options']) : null,
  }))
  const selected = (query.status === 'ALL' ? matching : matching.filter((registration) => registration.status === query.status)).sort(
    query.status === 'ALL' ? (a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() : queueOrder(query.status),
  )
  const zone = event.timeZone
  const table: SpreadsheetTable = {
    columns: [
      'Name',
      'Email',
      'Job title',
      'Organisation',
      'Organisation kind',
      'Organisation country',
      'Nationality',
      'Status',
      'Waiting list number',
      `Submitted (${zone})`,
      `Decided (${zone})`,
      `Checked in (${zone})`,
      `Consent given (${zone})`,
      ...questions.map((question) => (question.archivedAt ? `${question.label} (removed question)` : question.label)),
      'Registration ID',
    ],
    rows: selected.map((registration) => {
      const answers = registration.answers as Answers
      return [
        registration.user.name,
        registration.user.email,
        registration.user.jobTitle ?? '',
        registration.organisation?.name ?? '',
        registration.organisation ? organisationKindLabels[registration.organisation.kind] : '',
        country(registration.organisation?.country ?? null),
        country(registration.nationality),
        registrationStatusLabels[registration.status],
        registration.status === 'WAITLISTED' && registration.waitlistNumber !== null ? String(registration.waitlistNumber) : '',
        moment(registration.submittedAt, zone),
        moment(registration.decidedAt, zone),
        moment(registration.checkedInAt, zone),
        moment(registration.consentGivenAt, zone),
        ...questions.map((question) => formatAnswer(question, answers[question.key]) ?? ''),
        registration.id,
      ]
    }),
  }
  const filters = [
    query.status === 'ALL' ? 'every status' : registrationStatusLabels[query.status],
    query.kind ? `kind: ${organisationKindLabels[query.kind]}` : null,
    query.country ? `country: ${countryName(query.country)}` : null,
    answerFilter ? `answer: ${answerFilter.question.label} = ${answerFilter.question.options.find((option) => option.value === answerFilter.value)?.label ?? answerFilter.value}` : null,
    query.q ? `search: “${query.q}”` : null,
  ]
    .filter(Boolean)
    .join('; ')
  const statusPart = query.status === 'ALL' ? '' : `-${query.status.toLowerCase()}`
  const filename = `${event.slug}-registrations${statusPart}.${input.format}`
  await recordExportDownload(db, { eventId, downloadedBy: input.downloadedBy, file: filename, rows: { registrations: table.rows.length }, filters })
  return singleTableFile({ format: input.format, filename, table, sheetName: 'Registrations', printHeader: { left: event.title, right: filters } })
}

/** How people look for a name on a printed list: accents and case do not change the order. */
const byName = new Intl.Collator('en', { sensitivity: 'base' })

/**
 * Everyone who may enter (approved), by name, with where they stand at the door: the list the
 * desk prints in case the network fails, and counts at the end of the day.
 */
export async function exportCheckInList<Format extends SpreadsheetFormat>(
  db: Db,
  input: { eventId: string; format: Format; downloadedBy: ExportDownloader; now?: Date },
): Promise<SpreadsheetFileOf<Format>> {
  const now = input.now ?? new Date()
  const { eventId } = input
  const [event, registrations] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true, title: true, timeZone: true } }),
    db.registration.findMany({
      where: { eventId, status: 'APPROVED' },
      select: {
        nationality: true,
        checkedInAt: true,
        user: { select: { name: true } },
        organisation: { select: { name: true } },
        checkedInBy: { select: { name: true, email: true } },
      },
    }),
  ])
  const zone = event.timeZone
  const rows = registrations
    .map((registration) => [
      registration.user.name,
      registration.organisation?.name ?? '',
      country(registration.nationality),
      moment(registration.checkedInAt, zone),
      registration.checkedInBy ? registration.checkedInBy.name || registration.checkedInBy.email : '',
    ])
    .sort((a, b) => byName.compare(a[0]!, b[0]!) || byName.compare(a[1]!, b[1]!))
  const table: SpreadsheetTable = { columns: ['Name', 'Organisation', 'Nationality', `Checked in (${zone})`, 'Checked in by'], rows }
  const filename = `${event.slug}-check-in-list.${input.format}`
  await recordExportDownload(db, { eventId, downloadedBy: input.downloadedBy, file: filename, rows: { registrations: rows.length } })
  return singleTableFile({ format: input.format, filename, table, sheetName: 'Check-in list', printHeader: { left: event.title, right: `As of ${moment(now, zone)} (${zone})` } })
}
