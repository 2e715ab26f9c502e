// Spreadsheet files for the console's exports: CSV that Excel opens correctly and Excel
// workbooks, both from a table of text cells, with every cell made safe to open (a value that
// starts like a formula is never run as one), and the download response that carries them.
import type { Workbook } from 'exceljs'

// Loaded at the first workbook, not with the server: about 0.2 s and 18 MB that an instance
// serving attendees never uses (bench/README.md, 6 December 2026).
const excel = async () => (await import('exceljs')).default

/** A sheet's content: a header row and rows of text cells, in the columns' order. */
export type SpreadsheetTable = { columns: readonly string[]; rows: readonly (readonly string[])[] }

export type CsvFile = { filename: string; format: 'csv'; body: string }
export type WorkbookFile = { filename: string; format: 'xlsx'; body: Buffer }
export type SpreadsheetFile = CsvFile | WorkbookFile
export type SpreadsheetFileOf<Format extends SpreadsheetFormat> = Extract<SpreadsheetFile, { format: Format }>

export const spreadsheetFormats = ['csv', 'xlsx'] as const
export type SpreadsheetFormat = (typeof spreadsheetFormats)[number]

const contentTypes: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * A text cell that Excel and other spreadsheets will not run as a formula: one starting with
 * = + - @ (or a tab or carriage return, which some of them strip first) gets a leading apostrophe.
 */
export function neutraliseFormula(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

function csvField(value: string) {
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`
}

/** The table as CSV that Excel opens correctly: UTF-8 with a BOM, CRLF, every field quoted. */
export function csvText(table: SpreadsheetTable) {
  const lines = [table.columns, ...table.rows].map((cells) => cells.map(csvField).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** A new workbook as Muster writes them. */
export async function newWorkbook() {
  const ExcelJS = await excel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Muster'
  return workbook
}

/**
 * Adds the table as a sheet that works on screen and on paper: bold header frozen at the top,
 * a filter on every column, the header repeated on each printed page, columns as wide as their
 * content (at most 40 characters), landscape when it has many columns.
 */
export function addTableSheet(workbook: Workbook, name: string, table: SpreadsheetTable) {
  const sheet = workbook.addWorksheet(sheetName(name, workbook), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: table.columns.length > 6 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.addRow(table.columns.map(neutraliseFormula)).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row.map(neutraliseFormula))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.columns.length) } }
  sheet.pageSetup.printTitlesRow = '1:1'
  table.columns.forEach((header, index) => {
    const longest = table.rows.reduce((width, row) => Math.max(width, (row[index] ?? '').length), header.length)
    sheet.getColumn(index + 1).width = Math.max(10, Math.min(40, longest + 2))
  })
  return sheet
}

export async function workbookBuffer(workbook: Workbook) {
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * One table as a file of the format asked for: CSV, or a workbook with the table as its one sheet,
 * printed with `printHeader` (left and right) at the top of every page and page numbers below.
 */
export async function singleTableFile<Format extends SpreadsheetFormat>(input: {
  format: Format
  filename: string
  table: SpreadsheetTable
  sheetName: string
  printHeader: { left: string; right: string }
}): Promise<SpreadsheetFileOf<Format>> {
  const { filename, table } = input
  if (input.format === 'csv') return { filename, format: 'csv', body: csvText(table) } as SpreadsheetFileOf<Format>
  const workbook = await newWorkbook()
  const sheet = addTableSheet(workbook, input.sheetName, table)
  sheet.headerFooter.oddHeader = `&L${printable(input.printHeader.left, 100)}&R${printable(input.printHeader.right, 120)}`
  sheet.headerFooter.oddFooter = '&CPage &P of &N'
  return { filename, format: 'xlsx', body: await workbookBuffer(workbook) } as SpreadsheetFileOf<Format>
}

/** Text for a printed page header: Excel reads & as the start of a code there, and refuses a header over 255 characters. */
function printable(text: string, maxLength: number) {
  const short = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
  return short.replace(/&/g, '&&')
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wanted: string, workbook: Workbook) {
  const base = wanted.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet'
  let name = base
  for (let copy = 2; workbook.getWorksheet(name); copy++) name = `${base.slice(0, 31 - ` (${copy})`.length)} (${copy})`
  return name
}

/** The file as a download that no cache keeps (exports hold personal data). */
export function spreadsheetResponse(file: SpreadsheetFile) {
  const body = file.format === 'csv' ? file.body : new Uint8Array(file.body)
  return new Response(body, {
    headers: {
      'Content-Type': contentTypes[file.format],
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
