// The pure meeting rules (booking window, pair key, reminder time, error statuses) and the
// meeting email: every kind renders its facts, in the event's zone, into HTML and text.
import { describe, expect, it } from 'vitest'
import { bookingWindowState, meetingPairKey, meetingReminderTime } from '#app/domain/meetings/meetings.ts'
import { meetingMessageKinds } from '../../emails/meeting-update.tsx'
import { renderEmail } from '../../emails/render.server.tsx'

const event = {
  status: 'PUBLISHED' as const,
  b2bEnabled: true,
  b2bBookingOpensAt: new Date('2027-03-01T08:00:00Z'),
  b2bBookingClosesAt: new Date('2027-03-22T17:00:00Z'),
  endsAt: new Date('2027-03-25T16:00:00Z'),
}

describe('booking window', () => {
  it('is open between the opening and the closing, and says why otherwise', () => {
    expect(bookingWindowState(event, new Date('2027-02-28T08:00:00Z'))).toEqual({ kind: 'not-yet-open', opensAt: event.b2bBookingOpensAt })
    expect(bookingWindowState(event, new Date('2027-03-10T08:00:00Z'))).toEqual({ kind: 'open', closesAt: event.b2bBookingClosesAt })
    expect(bookingWindowState(event, new Date('2027-03-22T17:00:00Z'))).toEqual({ kind: 'closed', closedAt: event.b2bBookingClosesAt })
    expect(bookingWindowState({ ...event, b2bEnabled: false }, new Date('2027-03-10T08:00:00Z'))).toEqual({ kind: 'disabled' })
    expect(bookingWindowState({ ...event, status: 'CANCELLED' }, new Date('2027-03-10T08:00:00Z'))).toEqual({ kind: 'disabled' })
  })

  it('without dates is open from now until the event ends', () => {
    const open = { ...event, b2bBookingOpensAt: null, b2bBookingClosesAt: null }
    expect(bookingWindowState(open, new Date('2027-03-25T15:59:00Z'))).toEqual({ kind: 'open', closesAt: null })
    expect(bookingWindowState(open, new Date('2027-03-25T16:00:00Z'))).toEqual({ kind: 'closed', closedAt: event.endsAt })
  })
})

describe('meeting rules', () => {
  it('gives a pair the same key in both directions', () => {
    expect(meetingPairKey('b-user', 'a-user')).toBe('a-user:b-user')
    expect(meetingPairKey('a-user', 'b-user')).toBe('a-user:b-user')
  })

  it('reminds an hour before, and not at all when that moment has passed', () => {
    const start = new Date('2027-03-24T13:30:00Z')
    expect(meetingReminderTime(start, new Date('2027-03-01T00:00:00Z'))).toEqual(new Date('2027-03-24T12:30:00Z'))
    expect(meetingReminderTime(start, new Date('2027-03-24T12:45:00Z'))).toBeNull()
  })
})

describe('meeting email', () => {
  const props = {
    recipientName: 'Piotr Nowak',
    otherParty: 'Kadri Tamm (Hornet Interceptors)',
    event: { title: 'Counter-UAS Industry Day 2027', timeZone: 'Europe/Brussels', venueName: 'NATO Headquarters', venueAddress: 'Boulevard Léopold III, Brussels' },
    // 13:30 UTC is 14:30 in Brussels (CET) on 24 March 2027.
    slots: [{ startsAt: new Date('2027-03-24T13:30:00Z'), endsAt: new Date('2027-03-24T13:50:00Z') }],
    table: 'Table 7',
    message: 'We make interceptors.',
    reason: 'Our budget is spent.',
    url: 'https://events.example.org/events/counter-uas-industry-day-2027/meetings',
  }

  it.each(meetingMessageKinds)('%s names the other side, the time in the event zone and the link, in HTML and text', async (kind) => {
    const email = await renderEmail('meeting-update', { ...props, kind })
    expect(email.subject).toContain('Kadri Tamm (Hornet Interceptors)')
    for (const fact of ['Kadri Tamm (Hornet Interceptors)', '24 March 2027, 14:30–14:50 CET', props.url]) {
      expect(email.html, `HTML of ${kind}`).toContain(fact)
      expect(email.text, `text of ${kind}`).toContain(fact)
    }
    expect(email.text).not.toMatch(/<[a-z]/i)
  })

  it('shows the request message, the decline reason and the table only where they belong', async () => {
    expect((await renderEmail('meeting-update', { ...props, kind: 'request-received' })).text).toContain('We make interceptors.')
    expect((await renderEmail('meeting-update', { ...props, kind: 'declined', message: null })).text).toContain('Their note: Our budget is spent.')
    expect((await renderEmail('meeting-update', { ...props, kind: 'accepted', message: null })).text).toContain('Table 7, NATO Headquarters')
  })
})
