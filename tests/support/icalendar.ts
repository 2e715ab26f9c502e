// Reads Muster's iCalendar output back with two independent parsers, the way calendar
// clients would: ical.js (resolves TZIDs through the VTIMEZONE blocks in the file) and
// node-ical (resolves IANA TZIDs through the runtime's own zone database).
import ICAL from 'ical.js'
import nodeIcal from 'node-ical'

export type ReadBackEvent = {
  uid: string
  sequence: number
  start: Date
  end: Date
  /** The TZID DTSTART is written under; null for a UTC time. */
  startTzid: string | null
  summary: string
  description: string
  location: string
  url: string
  status: string
  categories: string[]
  organizer: { name: string; email: string }
  attendees: { name: string; email: string; partstat: string; rsvp: string; role: string }[]
}

export type ReadBackCalendar = { method: string; timezoneIds: string[]; events: ReadBackEvent[] }

const mailtoAddress = (value: string) => value.replace(/^mailto:/i, '')
const parameter = (property: ICAL.Property, name: string) => String(property.getParameter(name) ?? '')

/** The calendar as ical.js reads it. */
export function readWithIcalJs(ics: string): ReadBackCalendar {
  // A zone registered by an earlier parse must not stand in for the file's own VTIMEZONE.
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component)
    const organizer = component.getFirstProperty('organizer')
    const startProperty = component.getFirstProperty('dtstart')
    const tzid = startProperty?.getParameter('tzid')
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startTzid: typeof tzid === 'string' ? tzid : null,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: String(component.getFirstPropertyValue('url') ?? ''),
      status: String(component.getFirstPropertyValue('status') ?? ''),
      categories: component.getAllProperties('categories').flatMap((property) => property.getValues().map(String)),
      organizer: {
        name: organizer ? parameter(organizer, 'cn') : '',
        email: mailtoAddress(String(organizer?.getFirstValue() ?? '')),
      },
      attendees: event.attendees.map((attendee) => ({
        name: parameter(attendee, 'cn'),
        email: mailtoAddress(String(attendee.getFirstValue())),
        partstat: parameter(attendee, 'partstat'),
        rsvp: parameter(attendee, 'rsvp'),
        role: parameter(attendee, 'role'),
      })),
    }
  })
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    timezoneIds: calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid'))),
    events,
  }
}

/** The events as node-ical reads them: times and text fields. */
export function readWithNodeIcal(ics: string) {
  return Object.values(withMidnightAsHourZero(() => nodeIcal.sync.parseICS(ics)))
    .filter((component): component is nodeIcal.VEvent => component.type === 'VEVENT')
    .map((event) => ({
      uid: event.uid,
      start: new Date(event.start.getTime()),
      end: new Date(event.end.getTime()),
      summary: event.summary,
      description: event.description,
      location: event.location,
      organizerEmail: typeof event.organizer === 'string' ? mailtoAddress(event.organizer) : mailtoAddress(event.organizer?.val ?? ''),
    }))
}

/**
 * node-ical 0.22.1 formats wall clocks with Intl and `hour12: false`, which Node 20 answers
 * with hour "24" for the midnight hour (Node 22 says "00"); node-ical's work-around for that
 * sets minutes and seconds to zero, so it misreads every time from 00:00:01 to 00:59:59 (and
 * times whose conversion passes through that hour), e.g. 00:18:19 in UTC as 01:13:16. While
 * it parses, its formatters get the h23 hour cycle Node 22 would use; its logic is unchanged.
 */
function withMidnightAsHourZero<T>(parse: () => T): T {
  const NodeDateTimeFormat = Intl.DateTimeFormat
  const withHourCycle = (options?: Intl.DateTimeFormatOptions) =>
    options?.hour12 === false && !options.hourCycle ? { ...options, hour12: undefined, hourCycle: 'h23' as const } : options
  const DateTimeFormatWithH23 = Object.assign(
    function DateTimeFormat(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      return new NodeDateTimeFormat(locales, withHourCycle(options))
    },
    { supportedLocalesOf: NodeDateTimeFormat.supportedLocalesOf },
  ) as unknown as typeof Intl.DateTimeFormat
  Intl.DateTimeFormat = DateTimeFormatWithH23
  try {
    return parse()
  } finally {
    Intl.DateTimeFormat = NodeDateTimeFormat
  }
}

/** Content lines with folding undone (RFC 5545 §3.1), for asserting on the raw text. */
export function contentLines(ics: string) {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean)
}

/** The content lines inside each VEVENT. */
export function eventBlocks(ics: string) {
  const blocks: string[][] = []
  let current: string[] | null = null
  for (const line of contentLines(ics)) {
    if (line === 'BEGIN:VEVENT') current = []
    else if (line === 'END:VEVENT' && current) {
      blocks.push(current)
      current = null
    } else current?.push(line)
  }
  return blocks
}
