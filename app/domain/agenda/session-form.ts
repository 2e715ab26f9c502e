// The organiser's session form: one Zod schema for the browser and the server. Times are
// typed as the wall clock of the event's zone (a date and two times), which is what an
// organiser reads on the printed programme; the server turns them into instants.
import { z } from 'zod'
import { sessionKinds } from './agenda.ts'


const MAX_CAPACITY = 100_000

export const SessionFormSchema = z
  .object({
    title: z.string({ error: 'Enter a title' }).trim().min(3, 'Use at least 3 characters').max(160, 'Keep the title under 160 characters'),
    abstract: z.string().trim().max(4_000, 'Keep the abstract under 4,000 characters').optional(),
    kind: z.enum(sessionKinds, { error: 'Choose a kind' }),
    trackId: z.string().max(64).optional(),
    roomId: z.string().max(64).optional(),
    date: z.string({ error: 'Choose a day' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day'),
    startTime: z.string({ error: 'Enter a start time' }).regex(/^\d{2}:\d{2}$/, 'Enter a time like 14:30'),
    endTime: z.string({ error: 'Enter an end time' }).regex(/^\d{2}:\d{2}$/, 'Enter a time like 15:30'),
    speakerIds: z.array(z.string().max(64)).max(20, 'At most 20 speakers').default([]),
    capacity: z
      .number({ error: 'Enter a whole number of seats, or leave it empty' })
      .int('Enter a whole number of seats')
      .min(1, 'At least one seat')
      .max(MAX_CAPACITY, `Keep it under ${MAX_CAPACITY.toLocaleString('en-GB')} seats`)
      .optional(),
    signUpRequired: z.boolean().default(false),
  })
  .refine((value) => value.endTime > value.startTime, { path: ['endTime'], message: 'The session must end after it starts' })

export type SessionFormValues = z.infer<typeof SessionFormSchema>
