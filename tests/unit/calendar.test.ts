import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildCalendar, CalendarInputError, type CalendarEntry, type CalendarMethod } from '#app/domain/calendar/calendar.ts'
import { sampleCalendarEntry } from '#tests/support/calendar-entries.ts'
import { contentLines, eventBlocks, readWithIcalJs, readWithNodeIcal } from '#tests/support/icalendar.ts'
import { sampleTimes } from '#tests/support/time-samples.ts'

const BRUSSELS = 'Europe/Brussels'

const entry = sampleCalendarEntry

const build = (method: CalendarMethod, entries: CalendarEntry[] = [entry()]) => buildCalendar({ method, entries })

describe('the calendar envelope', () => {
  it.each(['REQUEST', 'CANCEL', 'PUBLISH'] as const)('writes METHOD:%s on the VCALENDAR only, never inside the VEVENT', (method) => {
    const ics = build(method, [entry({ status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED' })])
    const lines = contentLines(ics)
    expect(lines.filter((line) => line.startsWith('METHOD'))).toEqual([`METHOD:${method}`])
    expect(lines.indexOf(`METHOD:${method}`)).toBeLessThan(lines.indexOf('BEGIN:VEVENT'))
    expect(eventBlocks(ics)[0]!.some((line) => line.startsWith('METHOD'))).toBe(false)
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Muster//Muster//EN'])
    expect(readWithIcalJs(ics).method).toBe(method)
  })

  it('ends every line, the last one included, with CRLF', () => {
    const ics = build('REQUEST')
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('names a feed and asks clients to poll at the given interval', () => {
    const ics = buildCalendar({ method: 'PUBLISH', name: 'Industry Day; my agenda, day 1', entries: [entry()], refreshIntervalSeconds: 3600 })
    const lines = contentLines(ics)
    expect(lines).toContain('X-WR-CALNAME:Industry Day\\; my agenda\\, day 1')
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
    expect(contentLines(build('PUBLISH')).some((line) => line.startsWith('X-WR-CALNAME'))).toBe(false)
  })
})

describe('identity and versions', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it("carries the row's UID and SEQUENCE, and its last change as DTSTAMP and LAST-MODIFIED", () => {
    const [event] = readWithIcalJs(build('REQUEST')).events
    expect(event).toMatchObject({ uid: 'session-opening-address@events.example.org', sequence: 3, status: 'CONFIRMED' })
    const lines = eventBlocks(build('REQUEST'))[0]!
    expect(lines).toContain('DTSTAMP:20261102T091530Z')
    expect(lines).toContain('LAST-MODIFIED:20261102T091530Z')
  })

  it('is byte-identical whenever it is built, so a feed only changes when a row does', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2027-01-01T00:00:00Z'))
    const first = build('PUBLISH')
    vi.setSystemTime(new Date('2027-03-20T17:45:00Z'))
    expect(build('PUBLISH')).toBe(first)
  })

  it('cancels with the same UID, STATUS:CANCELLED and the higher SEQUENCE the caller supplies', () => {
    const invite = readWithIcalJs(build('REQUEST', [entry({ sequence: 3 })])).events[0]!
    const cancel = readWithIcalJs(build('CANCEL', [entry({ sequence: 4, status: 'CANCELLED' })])).events[0]!
    expect(cancel.uid).toBe(invite.uid)
    expect(cancel.status).toBe('CANCELLED')
    expect(cancel.sequence).toBe(4)
  })

  it('refuses a CANCEL that is not cancelled and a REQUEST that is', () => {
    expect(() => build('CANCEL', [entry({ status: 'CONFIRMED' })])).toThrow(/CANCEL.*STATUS CANCELLED/)
    expect(() => build('REQUEST', [entry({ status: 'CANCELLED' })])).toThrow(/sent as a CANCEL/)
  })

  it('puts one item in an invite and never two entries with one UID in a feed', () => {
    expect(() => build('REQUEST', [entry(), entry({ uid: 'other@events.example.org' })])).toThrow(/exactly one entry/)
    expect(() => build('CANCEL', [])).toThrow(/exactly one entry/)
    expect(() => build('PUBLISH', [entry(), entry()])).toThrow(/share the UID/)
    // Said first also when the second copy's zone is unknown: the duplicate is the mistake to fix.
    expect(() => build('PUBLISH', [entry(), entry({ timeZone: 'Europe/Atlantis' })])).toThrow(/share the UID/)
    expect(readWithIcalJs(build('PUBLISH', [])).events).toEqual([])
  })
})

describe('events written once and kept', () => {
  // buildCalendar keeps each entry's written VEVENT, keyed by everything it is written from: a
  // change in any one field must be written again, and what is kept must never go stale.
  const changes: [string, Partial<CalendarEntry>, string][] = [
    ['the summary', { summary: 'Opening address, moved' }, 'SUMMARY:Opening address\\, moved'],
    ['the description', { description: 'A new abstract.' }, 'DESCRIPTION:A new abstract.'],
    ['the location', { location: 'Room B' }, 'LOCATION:Room B'],
    ['the link', { url: 'https://events.example.org/events/counter-uas#moved' }, 'URL;VALUE=URI:https://events.example.org/events/counter-uas#moved'],
    ['the start', { start: new Date('2027-03-24T07:40:00Z') }, 'DTSTART;TZID=Europe/Brussels:20270324T084000'],
    ['the end', { end: new Date('2027-03-24T08:50:00Z') }, 'DTEND;TZID=Europe/Brussels:20270324T095000'],
    ['the zone', { timeZone: 'Europe/Tallinn' }, 'DTSTART;TZID=Europe/Tallinn:20270324T100000'],
    ['the sequence', { sequence: 4 }, 'SEQUENCE:4'],
    ['the last change', { lastModified: new Date('2026-11-03T10:00:00Z') }, 'LAST-MODIFIED:20261103T100000Z'],
    ['the status', { status: 'CANCELLED' }, 'STATUS:CANCELLED'],
    ['the organiser', { organizer: { name: 'Host Nation', email: 'host@example.org' } }, 'ORGANIZER;CN="Host Nation":mailto:host@example.org'],
    ['the categories', { categories: ['B2B meeting'] }, 'CATEGORIES:B2B meeting'],
  ]

  it.each(changes)('writes an entry again when %s changes, and the first version stays as it was', (_label, change, line) => {
    const first = build('PUBLISH')
    const changed = build('PUBLISH', [entry(change)])
    expect(contentLines(changed)).toContain(line)
    expect(contentLines(first)).not.toContain(line)
    expect(build('PUBLISH')).toBe(first)
    expect(build('PUBLISH', [entry(change)])).toBe(changed)
  })

  it("writes an invite again when an attendee's answer changes, and a feed of the same entry lists no attendee", () => {
    const accepted = build('REQUEST')
    const declined = build('REQUEST', [entry({ attendees: [{ ...entry().attendees[0]!, partstat: 'DECLINED' }] })])
    expect(accepted).toContain('PARTSTAT=ACCEPTED')
    expect(declined).toContain('PARTSTAT=DECLINED')
    expect(build('PUBLISH')).not.toContain('ATTENDEE')
    expect(build('REQUEST')).toBe(accepted)
  })

  it('writes an entry the same after thousands of others have pushed it out', () => {
    const first = build('PUBLISH')
    const many = Array.from({ length: 3_000 }, (_, index) => entry({ uid: `session-${index}@events.example.org`, description: `Abstract ${index}: ${'x'.repeat(2_000)}` }))
    const feed = build('PUBLISH', many)
    expect(readWithIcalJs(feed).events).toHaveLength(3_000)
    expect(build('PUBLISH', many)).toBe(feed)
    expect(build('PUBLISH')).toBe(first)
  })
})

describe('time zones', () => {
  it('writes a VTIMEZONE for every zone used, with the TZID the times refer to', () => {
    const ics = build('PUBLISH', [
      entry({ uid: 'a@x', timeZone: BRUSSELS }),
      entry({ uid: 'b@x', timeZone: 'America/New_York' }),
      entry({ uid: 'c@x', timeZone: BRUSSELS }),
      entry({ uid: 'd@x', timeZone: 'Asia/Kolkata' }),
    ])
    const calendar = readWithIcalJs(ics)
    expect(calendar.timezoneIds.sort()).toEqual(['America/New_York', 'Asia/Kolkata', BRUSSELS])
    expect(calendar.events.map((event) => event.startTzid)).toEqual([BRUSSELS, 'America/New_York', BRUSSELS, 'Asia/Kolkata'])
    const brussels = ics.slice(ics.indexOf('TZID:Europe/Brussels'), ics.indexOf('END:VTIMEZONE', ics.indexOf('TZID:Europe/Brussels')))
    expect(brussels).toContain('BEGIN:STANDARD')
    expect(brussels).toContain('BEGIN:DAYLIGHT')
  })

  it('uses the VTIMEZONE library\'s name for an alias, so TZID and VTIMEZONE match', () => {
    for (const [given, written] of [['UTC', 'Etc/UTC'], ['Europe/Kiev', 'Europe/Kyiv'], ['europe/brussels', BRUSSELS]] as const) {
      const ics = build('PUBLISH', [entry({ timeZone: given })])
      const calendar = readWithIcalJs(ics)
      expect(calendar.timezoneIds).toEqual([written])
      expect(calendar.events[0]!.startTzid).toBe(written)
      expect(calendar.events[0]!.start).toEqual(entry().start)
    }
  })

  it("writes the event zone's wall clock whatever the server's own zone is", () => {
    const serverZone = process.env.TZ
    try {
      // Node applies a TZ change immediately; a plain Date under a TZID would come out in New York time.
      // An invite is written every time (never kept), so this one is written under New York's clock.
      process.env.TZ = 'America/New_York'
      const lines = eventBlocks(build('REQUEST', [entry({ start: new Date('2027-06-16T07:30:00Z'), end: new Date('2027-06-16T08:30:00Z') })]))[0]!
      expect(lines).toContain('DTSTART;TZID=Europe/Brussels:20270616T093000')
      expect(lines).toContain('DTEND;TZID=Europe/Brussels:20270616T103000')
    } finally {
      if (serverZone === undefined) delete process.env.TZ
      else process.env.TZ = serverZone
    }
  })

  it('writes a time from the repeated hour when clocks go back in UTC, which no client can misread', () => {
    // 31 October 2027, Brussels: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    for (const start of [new Date('2027-10-31T00:30:00Z'), new Date('2027-10-31T01:30:00Z')]) {
      const ics = build('PUBLISH', [entry({ start, end: new Date(start.getTime() + 3600_000) })])
      expect(eventBlocks(ics)[0]).toContain(`DTSTART:${start.toISOString().replace(/[-:]|\.\d+/g, '')}`)
      expect(readWithIcalJs(ics).events[0]!.start).toEqual(start)
      expect(readWithNodeIcal(ics)[0]!.start).toEqual(start)
    }
  })
})

describe('people', () => {
  it('names the organiser and each attendee with PARTSTAT, RSVP and ROLE', () => {
    const ics = build('REQUEST', [
      entry({
        attendees: [
          { name: 'Kadri Tamm', email: 'kadri@example.ee', partstat: 'ACCEPTED', rsvp: false },
          { name: 'Richard Ashworth', email: 'richard@example.co.uk', partstat: 'NEEDS-ACTION', rsvp: true, role: 'OPT-PARTICIPANT' },
          { name: 'Ingrid Halvorsen', email: 'ingrid@example.no', partstat: 'TENTATIVE', rsvp: true, role: 'CHAIR' },
        ],
      }),
    ])
    const [event] = readWithIcalJs(ics).events
    expect(event!.organizer).toEqual({ name: 'NATO Defence Investment Directorate', email: 'industry-day@defence-investment.example' })
    expect(event!.attendees).toEqual([
      { name: 'Kadri Tamm', email: 'kadri@example.ee', partstat: 'ACCEPTED', rsvp: 'FALSE', role: 'REQ-PARTICIPANT' },
      { name: 'Richard Ashworth', email: 'richard@example.co.uk', partstat: 'NEEDS-ACTION', rsvp: 'TRUE', role: 'OPT-PARTICIPANT' },
      { name: 'Ingrid Halvorsen', email: 'ingrid@example.no', partstat: 'TENTATIVE', rsvp: 'TRUE', role: 'CHAIR' },
    ])
    expect(readWithNodeIcal(ics)[0]!.organizerEmail).toBe('industry-day@defence-investment.example')
  })

  it('keeps names with quotes and line breaks readable (parameter values cannot escape them)', () => {
    const ics = build('REQUEST', [
      entry({
        organizer: { name: 'Agency "Air Defence"', email: 'host@example.org' },
        attendees: [{ name: 'Anne-Sophie\nDelcourt, "ASD"', email: 'asd@example.be', partstat: 'ACCEPTED', rsvp: false }],
      }),
    ])
    const [event] = readWithIcalJs(ics).events
    expect(event!.organizer.name).toBe("Agency 'Air Defence'")
    expect(event!.attendees[0]!.name).toBe("Anne-Sophie Delcourt, 'ASD'")
    expect(readWithNodeIcal(ics)[0]!.organizerEmail).toBe('host@example.org')
  })

  it('lists no attendees in a PUBLISH, so a download or feed never shows who else attends', () => {
    const ics = build('PUBLISH')
    expect(ics).not.toContain('ATTENDEE')
    expect(ics).not.toContain('kadri@example.ee')
    expect(readWithIcalJs(ics).events[0]!.organizer.email).toBe('industry-day@defence-investment.example')
  })

  it('needs an attendee in a REQUEST or CANCEL', () => {
    expect(() => build('REQUEST', [entry({ attendees: [] })])).toThrow(/at least one attendee/)
  })
})

describe('text escaping and line folding', () => {
  const description = [
    'Layering RF, radar, EO/IR; fusing tracks: friend or foe?',
    'Back\\slash, "quotes" and a URL: https://example.org/a?b=c;d=e',
    'Zürich, Kraków, Škoda, Ærø, 日本語のテキスト, Ελληνικά, 🚁 drones 🛰️.',
    'A long line to force folding: ' + 'counter-UAS, detection; defeat. '.repeat(12),
  ].join('\n')

  it('reads back exactly what went in (commas, semicolons, backslashes, newlines, non-ASCII)', () => {
    const input = entry({
      summary: 'Détecter, suivre; identifier – “C-UAS” 🚁',
      description,
      location: 'Salle 1, Bâtiment Z; niveau 2',
      categories: ['Detect, track & identify', 'Défense; aérienne'],
    })
    const ics = build('PUBLISH', [input])
    const [viaIcalJs] = readWithIcalJs(ics).events
    expect(viaIcalJs).toMatchObject({ summary: input.summary, description, location: input.location })
    expect(viaIcalJs!.categories).toEqual(['Detect, track & identify', 'Défense; aérienne'])
    const [viaNodeIcal] = readWithNodeIcal(ics)
    expect(viaNodeIcal).toMatchObject({ summary: input.summary, description, location: input.location })
  })

  it('folds every line at 75 octets without splitting a UTF-8 character', () => {
    const ics = build('PUBLISH', [entry({ description })])
    const physicalLines = ics.split('\r\n')
    expect(physicalLines.some((line) => line.startsWith(' '))).toBe(true)
    for (const line of physicalLines) {
      const bytes = Buffer.from(line, 'utf8')
      expect(bytes.length).toBeLessThanOrEqual(75)
      // A split multi-byte character would not survive a UTF-8 round trip.
      expect(bytes.toString('utf8')).toBe(line)
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    }
  })
})

describe('input validation', () => {
  it.each([
    ['an end before the start', { end: new Date('2027-03-24T07:00:00Z') }, /end .* must be after its start/],
    ['an end equal to the start', { end: new Date('2027-03-24T08:00:00Z') }, /must be after its start/],
    ['an invalid date', { start: new Date('not a date') }, /start is not a valid date/],
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, /"Europe\/Atlantis" is not an IANA time zone/],
    ['an empty zone', { timeZone: '' }, /is not an IANA time zone/],
    ['an empty UID', { uid: '' }, /UID must be non-empty/],
    ['a blank UID', { uid: '   ' }, /UID must be non-empty/],
    ['a UID with a line break', { uid: 'a\r\nSTATUS:CANCELLED' }, /UID must be non-empty, without .* line breaks/],
    ['a negative SEQUENCE', { sequence: -1 }, /SEQUENCE must be a whole number/],
    ['a fractional SEQUENCE', { sequence: 1.5 }, /SEQUENCE must be a whole number/],
    ['an empty summary', { summary: ' ' }, /summary must not be empty/],
    ['a relative URL', { url: '/events/x' }, /absolute http\(s\) address/],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, /absolute http\(s\) address/],
    ['an organiser without an address', { organizer: { name: 'Host', email: 'host' } }, /organiser's email must be a plain address/],
  ] as const)('refuses %s', (_label, overrides, message) => {
    expect(() => build('PUBLISH', [entry(overrides)])).toThrow(CalendarInputError)
    expect(() => build('PUBLISH', [entry(overrides)])).toThrow(message)
  })

  it('refuses a refresh interval that is not a positive whole number of seconds', () => {
    expect(() => buildCalendar({ method: 'PUBLISH', entries: [], refreshIntervalSeconds: 0 })).toThrow(/refresh interval/)
  })
})

// ---------- Property-style round trip over many instants ----------

const wallClock = (instant: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value
  return `${part('year')}${part('month')}${part('day')}T${part('hour')}${part('minute')}${part('second')}`
}

describe('round trip of random instants across zones and daylight-saving changes', () => {
  const zones = ['Europe/Brussels', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'] as const
  // The VTIMEZONE blocks describe each zone's current rules; all five have kept them since 2008.
  const firstYear = 2010
  const lastYear = 2037
  const seed = 20270324
  const samples = 1500

  it(`reads ${samples} random instants back to the same UTC instant with ical.js and node-ical (seed ${seed})`, () => {
    const times = sampleTimes({ seed, zones, firstYear, lastYear, count: samples })
    let writtenUnderTzid = 0
    let writtenInUtc = 0

    for (const [index, { timeZone, start, end }] of times.entries()) {
      const context = `sample ${index}: ${start.toISOString()}–${end.toISOString()} in ${timeZone}`

      const ics = buildCalendar({ method: 'PUBLISH', entries: [entry({ uid: `sample-${index}@x`, start, end, timeZone })] })
      const [viaIcalJs] = readWithIcalJs(ics).events
      expect(viaIcalJs!.start, context).toEqual(start)
      expect(viaIcalJs!.end, context).toEqual(end)
      const [viaNodeIcal] = readWithNodeIcal(ics)
      expect(viaNodeIcal!.start, context).toEqual(start)
      expect(viaNodeIcal!.end, context).toEqual(end)

      const dtstart = eventBlocks(ics)[0]!.find((line) => line.startsWith('DTSTART'))!
      if (dtstart.includes(';TZID=')) {
        writtenUnderTzid++
        const tzid = timeZone === 'UTC' ? 'Etc/UTC' : timeZone
        expect(dtstart, context).toBe(`DTSTART;TZID=${tzid}:${wallClock(start, timeZone)}`)
      } else {
        writtenInUtc++
      }
    }
    // The sample must have exercised both forms and the transitions, or it proves little.
    expect(writtenUnderTzid).toBeGreaterThan(samples * 0.9)
    expect(writtenInUtc).toBeGreaterThan(0)
    expect(times.filter((time) => time.nearChange).length).toBeGreaterThan(samples * 0.2)
  })
})
