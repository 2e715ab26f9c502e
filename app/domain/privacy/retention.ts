// The retention setting's form rule: pure, shared by the console page and the server.
import { z } from 'zod'

export const MAX_RETENTION_DAYS = 3_650

// Empty keeps the data: Conform turns an empty field into undefined.
export const retentionFormSchema = z.object({
  retentionDays: z
    .number({ error: 'Enter a whole number of days, or leave it empty to keep the data' })
    .int('Enter a whole number of days')
    .min(0, 'Days cannot be negative')
    .max(MAX_RETENTION_DAYS, `Keep it to ${MAX_RETENTION_DAYS.toLocaleString('en-GB')} days or fewer`)
    .optional(),
})
