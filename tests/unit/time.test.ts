import { TZDate } from '@date-fns/tz'
import { describe, expect, it } from 'vitest'
import { formatDateSpan, formatDateTime, formatEventHours, formatTime, isValidTimeZone, zoneAbbreviation, zonesDiffer } from '#app/lib/time.ts'

describe('time formatting in a named zone', () => {
  it('renders the same instant in Brussels and New York', () => {
    const instant = new Date('2027-03-24T08:30:00Z')
    expect(formatTime(instant, 'Europe/Brussels')).toBe('09:30')
    expect(formatTime(instant, 'America/New_York')).toBe('04:30')
    expect(zonesDiffer(instant, 'Europe/Brussels', 'America/New_York')).toBe(true)
    expect(zonesDiffer(instant, 'Europe/Brussels', 'Europe/Paris')).toBe(false)
  })

  it('names the abbreviation that applies on each side of a daylight-saving change', () => {
    const beforeChange = new TZDate(2027, 2, 27, 12, 0, 'Europe/Brussels')
    const afterChange = new TZDate(2027, 2, 29, 12, 0, 'Europe/Brussels')
    expect(zoneAbbreviation(beforeChange, 'Europe/Brussels')).toBe('CET')
    expect(zoneAbbreviation(afterChange, 'Europe/Brussels')).toBe('CEST')
    expect(afterChange.getTime() - beforeChange.getTime()).toBe(47 * 3600_000)
  })

  it('formats an event span compactly', () => {
    const tz = 'Europe/Brussels'
    expect(formatDateSpan(new TZDate(2027, 2, 24, 8, 0, tz), new TZDate(2027, 2, 25, 17, 0, tz), tz)).toBe('24–25 March 2027')
    expect(formatDateSpan(new TZDate(2027, 2, 31, 8, 0, tz), new TZDate(2027, 3, 1, 17, 0, tz), tz)).toBe('31 March – 1 April 2027')
    expect(formatDateSpan(new TZDate(2027, 2, 24, 8, 0, tz), new TZDate(2027, 2, 24, 17, 0, tz), tz)).toBe('24 March 2027')
  })

  it('recognises IANA zones', () => {
    expect(isValidTimeZone('Europe/Brussels')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
  })
})

describe('zoneAbbreviation', () => {
  it('uses the common abbreviation on both sides of the Atlantic, else the offset', () => {
    const instant = new Date('2027-03-24T08:00:00Z')
    expect(zoneAbbreviation(instant, 'America/New_York')).toBe('EDT')
    expect(zoneAbbreviation(instant, 'Europe/London')).toBe('GMT')
    expect(zoneAbbreviation(instant, 'Asia/Kolkata')).toBe('GMT+5:30')
    expect(zoneAbbreviation(instant, 'UTC')).toBe('UTC')
  })
})

describe('formatEventHours', () => {
  const tz = 'Europe/Brussels'
  it('gives one range on a single day', () => {
    expect(formatEventHours(new TZDate(2027, 2, 24, 8, 0, tz), new TZDate(2027, 2, 24, 17, 0, tz), tz)).toBe('08:00–17:00 CET')
  })
  it('names both days of a multi-day event', () => {
    expect(formatEventHours(new TZDate(2027, 2, 24, 8, 0, tz), new TZDate(2027, 2, 25, 14, 0, tz), tz)).toMatch(
      /^Wed,? 24 Mar 08:00 – Thu,? 25 Mar 14:00 CET$/,
    )
  })
  it('names each side of a daylight-saving change', () => {
    expect(formatEventHours(new TZDate(2027, 2, 27, 9, 0, tz), new TZDate(2027, 2, 29, 17, 0, tz), tz)).toMatch(
      /^Sat,? 27 Mar 09:00 CET – Mon,? 29 Mar 17:00 CEST$/,
    )
  })

  it('writes one moment of a record with its date, time and zone', () => {
    expect(formatDateTime(new Date('2026-11-25T13:02:00Z'), 'Europe/Brussels')).toBe('25 Nov 2026, 14:02 CET')
    expect(formatDateTime(new Date('2027-03-29T07:15:00Z'), 'Europe/Brussels')).toBe('29 Mar 2027, 09:15 CEST')
  })
})
