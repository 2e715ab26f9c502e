// A calendar entry as the invite builders make one: the opening address of the demo Industry
// Day for one attendee. Tests change what they look at with `overrides`.
import type { CalendarEntry } from '#app/domain/calendar/calendar.ts'

export function sampleCalendarEntry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    uid: 'session-opening-address@events.example.org',
    sequence: 3,
    start: new Date('2027-03-24T08:00:00Z'),
    end: new Date('2027-03-24T08:20:00Z'),
    timeZone: 'Europe/Brussels',
    summary: 'Opening address',
    description: 'Why counter-UAS is an Alliance priority.',
    location: 'Plenary Hall, NATO Headquarters',
    url: 'https://events.example.org/events/counter-uas#session-opening-address',
    status: 'CONFIRMED',
    lastModified: new Date('2026-11-02T09:15:30Z'),
    organizer: { name: 'NATO Defence Investment Directorate', email: 'industry-day@defence-investment.example' },
    attendees: [{ name: 'Kadri Tamm', email: 'kadri@example.ee', partstat: 'ACCEPTED', rsvp: false }],
    ...overrides,
  }
}
