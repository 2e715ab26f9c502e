// An event's details as an organiser fills in the form, for tests of organisers' own events.
import { EventDetailsSchema, type EventDetailsValues } from '#app/domain/events/event-details.ts'
import { uniqueName } from './databases.ts'

/** The form as an organiser fills it in: a two-day event in Brussels across the end of summer time. */
export function eventDetailsInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Maritime Drones Industry Day',
    slug: uniqueName('maritime').toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    summary: 'Buyers brief industry on maritime unmanned systems.',
    description: 'Plenary briefings in the morning.\n\nOne-to-one meetings in the afternoon.',
    hostName: 'Naval Armaments Directorate',
    contactEmail: 'Events@Navy.Example',
    venueName: 'Harbour Conference Centre',
    venueAddress: 'Quai 1, 8400 Ostend',
    timeZone: 'Europe/Brussels',
    startsAt: '2027-10-30T09:00',
    endsAt: '2027-10-31T17:00',
    registrationOpensAt: '2027-01-04T09:00',
    registrationClosesAt: '2027-10-15T17:00',
    capacity: 250,
    approvalRequired: true,
    waitlistEnabled: true,
    eligibility: 'nato',
    nationalities: [],
    eligibilityExplanation: 'Open to nationals of NATO member states.',
    ...overrides,
  }
}

export function parsedEventDetails(overrides: Record<string, unknown> = {}): EventDetailsValues {
  return EventDetailsSchema.parse(eventDetailsInput(overrides))
}
