// The B2B setup forms (slot length and break, table count, one table) as Zod schemas shared by
// the browser (Conform) and the server, and the tiling of a B2B window into slots. Pure.
import { z } from 'zod'

const MINUTE = 60_000
export const MAX_TABLES = 500
export const MAX_TABLE_NAME_LENGTH = 60

export const slotLengthSchema = z.object({
  meetingSlotMinutes: z
    .number({ error: 'Enter the slot length in minutes' })
    .int('Enter a whole number of minutes')
    .min(5, 'A slot lasts at least 5 minutes')
    .max(120, 'A slot lasts at most 120 minutes'),
  meetingBreakMinutes: z
    .number({ error: 'Enter the break in minutes, 0 for none' })
    .int('Enter a whole number of minutes')
    .min(0, 'The break cannot be negative')
    .max(60, 'A break lasts at most 60 minutes'),
})
export type SlotLengthValues = z.infer<typeof slotLengthSchema>

/** Start and end of each slot tiling [start, end) with slot + break; the last slot ends by the window's end. */
export function tileWindow(start: Date, end: Date, slotMinutes: number, breakMinutes: number) {
  const slots: { startsAt: Date; endsAt: Date }[] = []
  const step = (slotMinutes + breakMinutes) * MINUTE
  for (let at = start.getTime(); at + slotMinutes * MINUTE <= end.getTime(); at += step) {
    slots.push({ startsAt: new Date(at), endsAt: new Date(at + slotMinutes * MINUTE) })
  }
  return slots
}

export const tableCountSchema = z.object({
  tableCount: z
    .number({ error: 'Enter the number of tables' })
    .int('Enter a whole number of tables')
    .min(0, 'The number of tables cannot be negative')
    .max(MAX_TABLES, `Keep it at ${MAX_TABLES} tables or fewer`),
})

export const tableSchema = z.object({
  tableId: z.string({ error: 'Choose a table' }).max(100, 'Choose a table from the list'),
  name: z.string().trim().max(MAX_TABLE_NAME_LENGTH, `Keep the name to ${MAX_TABLE_NAME_LENGTH} characters`).optional(),
  reservedForOrganisationId: z.string().max(100, 'Choose an organisation from the list').optional(),
})
export type TableValues = z.infer<typeof tableSchema>
