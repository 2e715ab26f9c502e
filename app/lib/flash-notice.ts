// One way to say "that worked" (or why it did not) after a redirect: the action names a notice
// from this list in a short-lived cookie (flash-notice.server.ts), the root loader reads and
// clears it, and the root component shows it once, on the page the redirect lands on. Working
// without JavaScript, nothing in the address, and no free text from the client ever shown.
import { z } from 'zod'

const signUpRefusals = {
  'not-registered': 'Only attendees with an approved registration can sign up for sessions.',
  cancelled: 'This session has been cancelled.',
  started: 'This session has already started.',
  'not-signed-up': 'You are not signed up for this session.',
  'no-sign-up': 'This session needs no sign-up.',
  'not-found': 'This session no longer exists.',
  busy: 'Many people are signing up at this moment, so your sign-up was not sent. Please try again in a few seconds.',
} as const

/** The codes of a refused breakout sign-up (app/domain/agenda/breakouts.server.ts) that have a notice. */
export const SignUpRefusalSchema = z.enum(Object.keys(signUpRefusals) as [keyof typeof signUpRefusals, ...(keyof typeof signUpRefusals)[]])

const count = z.number().int().min(0).max(10_000_000)

export const FlashNoticeSchema = z.discriminatedUnion('key', [
  z.object({ key: z.enum(['meeting-requested', 'meeting-accepted', 'request-declined', 'request-withdrawn', 'times-proposed', 'meeting-cancelled']) }),
  z.object({ key: z.enum(['session-created', 'meeting-moved']) }),
  z.object({ key: z.enum(['event-created', 'event-saved', 'event-published', 'event-unpublished', 'registration-closed', 'event-archived', 'event-restored']) }),
  z.object({ key: z.enum(['question-added', 'question-saved', 'question-deleted', 'question-archived']) }),
  z.object({ key: z.enum(['session-saved', 'session-cancelled']), notified: count }),
  z.object({ key: z.enum(['venue-changed', 'dates-changed', 'event-cancelled']), registrants: count, invites: count }),
  z.object({ key: z.literal('profile-saved'), recommendationsPath: z.string().regex(/^\/events\/[a-z0-9-]{1,100}\/matchmaking$/) }),
  z.object({ key: z.literal('sign-up-refused'), reason: SignUpRefusalSchema }),
  z.object({ key: z.enum(['message-saved', 'message-deleted', 'message-test-sent']) }),
  z.object({ key: z.enum(['message-sent', 'message-scheduled', 'message-cancelled']), recipients: count }),
])

export type FlashNotice = z.infer<typeof FlashNoticeSchema>

const people = (n: number) => (n === 1 ? '1 person' : `${n.toLocaleString('en-GB')} people`)

/** What a notice says: its tone, its sentence and, for some, where to go next. */
export function describeNotice(notice: FlashNotice): { tone: 'success' | 'danger'; text: string; link?: { to: string; label: string } } {
  switch (notice.key) {
    case 'meeting-requested':
      return { tone: 'success', text: 'Request sent. You will get an email when they answer.' }
    case 'meeting-accepted':
      return { tone: 'success', text: 'Meeting booked. You both have an email with the calendar invitation.' }
    case 'request-declined':
      return { tone: 'success', text: 'Request declined. They have been told.' }
    case 'request-withdrawn':
      return { tone: 'success', text: 'Request withdrawn. They have been told.' }
    case 'times-proposed':
      return { tone: 'success', text: 'Other times proposed. They have been asked to choose one.' }
    case 'meeting-cancelled':
      return { tone: 'success', text: 'Meeting cancelled. You both have an email that removes it from your calendars.' }
    case 'meeting-moved':
      return { tone: 'success', text: 'Meeting moved. Both people have been sent the new time and table with an updated calendar invitation.' }
    case 'session-created':
      return { tone: 'success', text: 'Session created.' }
    case 'event-created':
      return { tone: 'success', text: 'Draft event created. Only its staff see it until you publish it.' }
    case 'question-added':
      return { tone: 'success', text: 'Question added at the end of the form.' }
    case 'question-saved':
      return { tone: 'success', text: 'Question saved. Registrants who already answered keep their answers; a new rule applies when they next edit.' }
    case 'question-deleted':
      return { tone: 'success', text: 'Question removed from the form.' }
    case 'question-archived':
      return { tone: 'success', text: 'Question removed from the form. The answers already given are kept and still shown to vetting officers.' }
    case 'event-saved':
      return { tone: 'success', text: 'Event details saved.' }
    case 'event-published':
      return { tone: 'success', text: 'Event published. Its page is public and registration follows the dates you set.' }
    case 'event-unpublished':
      return { tone: 'success', text: 'Event taken back to draft. Its page is no longer public.' }
    case 'registration-closed':
      return { tone: 'success', text: 'Registration closed. Nobody new can register.' }
    case 'event-archived':
      return { tone: 'success', text: 'Event archived. It is read-only now, and listed under archived events.' }
    case 'event-restored':
      return { tone: 'success', text: 'Event restored. It can change again.' }
    case 'session-saved':
      return {
        tone: 'success',
        text: notice.notified === 0 ? 'Changes saved. Nobody had to be told.' : `Changes saved. ${people(notice.notified)} will get an email with the change and an updated invite.`,
      }
    case 'event-cancelled':
      return {
        tone: 'success',
        text: `Event cancelled. ${people(notice.registrants)} will get an email with your reason${notice.invites > 0 ? `, and ${notice.invites.toLocaleString('en-GB')} session and meeting invitations are withdrawn from calendars` : ''}.`,
      }
    case 'venue-changed':
    case 'dates-changed': {
      const what = notice.key === 'venue-changed' ? 'New venue saved.' : 'New dates saved.'
      if (notice.registrants + notice.invites === 0) return { tone: 'success', text: `${what} Nobody had registered, so nobody had to be told.` }
      const invites = notice.invites === 1 ? '1 updated session or meeting invitation' : `${notice.invites.toLocaleString('en-GB')} updated session and meeting invitations`
      return { tone: 'success', text: `${what} ${people(notice.registrants)} will get an email about it${notice.invites > 0 ? `, and ${invites} are on their way` : ''}.` }
    }
    case 'session-cancelled':
      return {
        tone: 'success',
        text:
          notice.notified === 0
            ? 'Session cancelled. Nobody had to be told.'
            : `Session cancelled. ${people(notice.notified)} will get the cancellation with an updated calendar entry.`,
      }
    case 'profile-saved':
      return { tone: 'success', text: 'Profile saved.', link: { to: notice.recommendationsPath, label: 'See who to meet' } }
    case 'sign-up-refused':
      return { tone: 'danger', text: signUpRefusals[notice.reason] }
    case 'message-saved':
      return { tone: 'success', text: 'Draft saved. The preview below shows it as its first recipient will get it.' }
    case 'message-deleted':
      return { tone: 'success', text: 'Draft deleted.' }
    case 'message-test-sent':
      return { tone: 'success', text: 'Test sent to your own address.' }
    case 'message-sent':
      return { tone: 'success', text: `Message sent to ${people(notice.recipients)}. Each email is on its way; this page shows how each one fares.` }
    case 'message-scheduled':
      return { tone: 'success', text: `Message scheduled for ${people(notice.recipients)}. You can cancel it until it goes.` }
    case 'message-cancelled':
      return { tone: 'success', text: `Scheduled message cancelled. ${people(notice.recipients)} will not get it.` }
  }
}
