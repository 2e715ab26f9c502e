// What an event-wide change (a new venue, new dates, another zone) reaches, as the organiser
// reviews it; counted by event-wide-change.server.ts.

export type EventWideRecipients = {
  /** Registrants told about the change; `withInvite` of them hold a seat and get the updated event invite. */
  registrants: { count: number; withInvite: number; names: string[] }
  /** Session invites updated (one message per person per session they hold). */
  sessionMessages: number
  /** B2B meeting invites updated (one message per person per meeting). */
  meetingMessages: number
}

export function eventWideMessageCount(recipients: EventWideRecipients) {
  return recipients.registrants.count + recipients.sessionMessages + recipients.meetingMessages
}
