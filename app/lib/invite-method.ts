// Apart from the transport so the email render thread can read it without the transport's settings.
export const inviteMethods = ['REQUEST', 'CANCEL', 'PUBLISH'] as const
/** iCalendar METHOD of an emailed invite: a new or updated entry, a cancellation, or information only. */
export type InviteMethod = (typeof inviteMethods)[number]
