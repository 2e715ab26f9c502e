import { describe, expect, it } from 'vitest'
import { registrationWindowState } from '#app/domain/events/events.ts'
import { staffRolesManagedBy } from '#app/domain/events/roles.ts'

const event = {
  status: 'PUBLISHED' as const,
  registrationOpensAt: new Date('2026-11-01T00:00:00Z'),
  registrationClosesAt: new Date('2027-03-10T00:00:00Z'),
  endsAt: new Date('2027-03-25T17:00:00Z'),
  capacity: 100,
  waitlistEnabled: true,
}

describe('registrationWindowState', () => {
  it('is open inside the window with seats left', () => {
    expect(registrationWindowState(event, 10, new Date('2027-01-01T00:00:00Z')).kind).toBe('open')
  })
  it('explains every closed reason', () => {
    expect(registrationWindowState(event, 0, new Date('2026-10-01T00:00:00Z')).kind).toBe('not-yet-open')
    expect(registrationWindowState(event, 0, new Date('2027-03-10T00:00:00Z')).kind).toBe('closed')
    expect(registrationWindowState(event, 0, new Date('2027-03-26T00:00:00Z')).kind).toBe('past')
    expect(registrationWindowState({ ...event, status: 'CANCELLED' }, 0, new Date('2027-01-01T00:00:00Z')).kind).toBe('cancelled')
  })
  it('offers the waiting list when full, or says full without one', () => {
    const now = new Date('2027-01-01T00:00:00Z')
    expect(registrationWindowState(event, 100, now).kind).toBe('full-waitlist')
    expect(registrationWindowState({ ...event, waitlistEnabled: false }, 100, now).kind).toBe('full')
    expect(registrationWindowState({ ...event, capacity: null }, 100_000, now).kind).toBe('open')
  })
})

describe('staffRolesManagedBy', () => {
  it('gives owners and platform administrators every role, organisers all but owner, other staff none', () => {
    expect(staffRolesManagedBy(['OWNER'], false)).toEqual(['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
    expect(staffRolesManagedBy([], true)).toEqual(['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
    expect(staffRolesManagedBy(['ORGANISER', 'CHECK_IN'], false)).toEqual(['ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
    expect(staffRolesManagedBy(['VETTING_OFFICER', 'CHECK_IN'], false)).toEqual([])
    expect(staffRolesManagedBy([], false)).toEqual([])
  })
})
