// The public agenda's query string and search, and how its times read on both sides of
// the end of summer time: Brussels falls back on 31 October 2027, New York a week later.
import { TZDate } from '@date-fns/tz'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createRoutesStub } from 'react-router'
import { describe, expect, it } from 'vitest'
import { SessionCard, type SessionCardData } from '#app/components/session-card.tsx'
import { agendaPath, agendaQueryString, isFilteredAgenda, sessionKindLabels, sessionKinds, unfilteredAgenda } from '#app/domain/agenda/agenda.ts'
import { SessionFormSchema } from '#app/domain/agenda/session-form.ts'
import { agendaSearchWords, parseAgendaQuery, sessionMatchesSearch } from '#app/domain/agenda/public-agenda.server.ts'
import { formatShortDate, formatTimeRange, zoneAbbreviation, zonesDiffer } from '#app/lib/time.ts'

const parse = (query: string) => parseAgendaQuery(new URLSearchParams(query))

describe('parseAgendaQuery', () => {
  it('reads repeated filters and the search', () => {
    const { query, notice } = parse('track=defeat&track=detect-identify&room=Breakout+Room+1&kind=BREAKOUT&kind=PANEL&q=+jamming+')
    expect(query).toEqual({
      tracks: ['defeat', 'detect-identify'],
      rooms: ['Breakout Room 1'],
      kinds: ['BREAKOUT', 'PANEL'],
      q: 'jamming',
      day: null,
    })
    expect(notice).toBeNull()
  })

  it('reads no filters from an empty query string', () => {
    expect(parse('')).toEqual({ query: unfilteredAgenda, notice: null })
  })

  it('reads a day or all days, and says so when the day is not a date', () => {
    expect(parse('day=2027-03-25&q=radar').query).toEqual({ ...unfilteredAgenda, q: 'radar', day: '2027-03-25' })
    expect(parse('day=all').query.day).toBe('all')
    for (const bad of ['tomorrow', '2027-13-01', '2027-02-30', '2027-3-5', '<script>', 'ALL', '']) {
      const { query, notice } = parse(`day=${encodeURIComponent(bad)}&kind=PANEL`)
      expect(query, bad).toEqual({ ...unfilteredAgenda, kinds: ['PANEL'] })
      expect(notice, bad).toBe('The day in the address is not a date, so it was not applied.')
    }
  })

  it('drops malformed and unknown values and keeps the rest, never throwing', () => {
    const { query, notice } = parse(
      'track=DEFEAT&track=../etc&track=defeat&track=defeat&kind=WORKSHOP&kind=breakout&kind=PLENARY&room=&room=%20%20&room=' +
        'x'.repeat(101),
    )
    expect(query).toEqual({ ...unfilteredAgenda, tracks: ['defeat'], kinds: ['PLENARY'] })
    expect(notice).toBeNull()
  })

  it('caps a crafted list of values', () => {
    const many = Array.from({ length: 500 }, (_, index) => `track=t${index}`).join('&')
    expect(parse(many).query.tracks).toHaveLength(50)
  })

  it('ignores an over-long search and says so', () => {
    const { query, notice } = parse(`q=${'a'.repeat(101)}&kind=PANEL`)
    expect(query).toEqual({ ...unfilteredAgenda, kinds: ['PANEL'] })
    expect(notice).toMatch(/longer than 100 characters/)
    expect(parse(`q=${'a'.repeat(100)}`).notice).toBeNull()
    expect(parse(`q=${'a'.repeat(101)}&day=soon`).notice).toBe(
      'The search was longer than 100 characters, so it was not applied. The day in the address is not a date, so it was not applied.',
    )
  })

  it('round-trips through agendaQueryString; the day is not a filter', () => {
    const { query } = parse('track=defeat&room=Plenary+Hall&kind=BREAK&q=coffee+%26+cake&day=2027-03-24')
    expect(parse(agendaQueryString(query).slice(1)).query).toEqual(query)
    expect(agendaQueryString(unfilteredAgenda)).toBe('')
    expect(agendaPath('e', { ...unfilteredAgenda, tracks: ['defeat'], day: 'all' })).toBe('/events/e/agenda?track=defeat&day=all')
    expect(isFilteredAgenda(query)).toBe(true)
    expect(isFilteredAgenda({ ...unfilteredAgenda, day: '2027-03-24' })).toBe(false)
  })
})

describe('sessionMatchesSearch', () => {
  const session = {
    title: 'Defeat: RF and electronic warfare',
    abstract: 'Jamming, spoofing and cyber takeover.',
    speakers: [{ speaker: { name: 'Stefan Krüger', organisationName: 'Rhenwald Defence' } }],
  }
  const matches = (q: string) => sessionMatchesSearch(session, agendaSearchWords(q))

  it('finds words in the title, abstract, speaker names and organisations, ignoring case', () => {
    expect(matches('ELECTRONIC')).toBe(true)
    expect(matches('spoofing')).toBe(true)
    expect(matches('krüger')).toBe(true)
    expect(matches('rhenwald')).toBe(true)
  })

  it('ignores accents both ways', () => {
    expect(matches('kruger')).toBe(true)
    expect(sessionMatchesSearch({ ...session, speakers: [{ speaker: { name: 'Marek Zielinski', organisationName: null } }] }, agendaSearchWords('Zieliński'))).toBe(
      true,
    )
  })

  it('needs every word, in any field', () => {
    expect(matches('jamming kruger')).toBe(true)
    expect(matches('jamming laser')).toBe(false)
  })

  it('matches everything with no words, and copes with a missing abstract', () => {
    expect(matches('   ')).toBe(true)
    expect(sessionMatchesSearch({ ...session, abstract: null }, agendaSearchWords('spoofing'))).toBe(false)
  })
})

describe('agenda times across the end of summer time', () => {
  const brussels = 'Europe/Brussels'
  const newYork = 'America/New_York'
  // Saturday 30 October 2027, 10:00 summer time (CEST, UTC+2), as the plain Date the app stores.
  const dayBefore = new Date(new TZDate(2027, 9, 30, 10, 0, brussels).getTime())
  // Sunday 31 October 2027, 02:30 after the clocks went back from 03:00 CEST to 02:00 CET:
  // 02:30 happens twice that night; this is the second, on winter time (UTC+1).
  const afterChange = new Date('2027-10-31T01:30:00Z')

  it('builds the instants the test relies on', () => {
    expect(dayBefore.toISOString()).toBe('2027-10-30T08:00:00.000Z')
    expect(zoneAbbreviation(afterChange, brussels)).toBe('CET')
    expect(zoneAbbreviation(new Date('2027-10-31T00:30:00Z'), brussels)).toBe('CEST')
  })

  it('prints event-zone times with the abbreviation in force', () => {
    expect(`${formatTimeRange(dayBefore, new Date(dayBefore.getTime() + 45 * 60_000), brussels)} ${zoneAbbreviation(dayBefore, brussels)}`).toBe(
      '10:00–10:45 CEST',
    )
    expect(`${formatTimeRange(afterChange, new Date(afterChange.getTime() + 45 * 60_000), brussels)} ${zoneAbbreviation(afterChange, brussels)}`).toBe(
      '02:30–03:15 CET',
    )
  })

  it('prints the New York viewer’s time, still on summer time (EDT) until 7 November', () => {
    expect(`${formatTimeRange(dayBefore, new Date(dayBefore.getTime() + 45 * 60_000), newYork)} ${zoneAbbreviation(dayBefore, newYork)}`).toBe(
      '04:00–04:45 EDT',
    )
    // 01:30 UTC on Sunday is still Saturday evening in New York.
    expect(formatShortDate(afterChange, newYork)).toBe('Sat 30 Oct')
    expect(`${formatTimeRange(afterChange, new Date(afterChange.getTime() + 45 * 60_000), newYork)} ${zoneAbbreviation(afterChange, newYork)}`).toBe(
      '21:30–22:15 EDT',
    )
    // The two zones are six hours apart before the change and five after it.
    expect(zonesDiffer(dayBefore, brussels, newYork)).toBe(true)
  })

  it('renders the session card in the event zone on the server', () => {
    const card = (startsAt: Date): SessionCardData => ({
      slug: 'night-shift',
      title: 'Night shift',
      abstract: null,
      kind: 'BREAKOUT',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      capacity: null,
      signUpRequired: false,
      status: 'SCHEDULED',
      track: null,
      room: null,
      speakers: [],
    })
    const render = (startsAt: Date) => {
      const Stub = createRoutesStub([{ path: '/', Component: () => createElement(SessionCard, { session: card(startsAt), timeZone: brussels, eventSlug: 'e' }) }])
      return renderToStaticMarkup(createElement(Stub))
    }
    const before = render(dayBefore)
    expect(before).toContain('dateTime="2027-10-30T08:00:00.000Z">10:00–10:45</time>')
    expect(before).toContain('<abbr title="Europe/Brussels">CEST</abbr>')
    const after = render(afterChange)
    expect(after).toContain('dateTime="2027-10-31T01:30:00.000Z">02:30–03:15</time>')
    expect(after).toContain('<abbr title="Europe/Brussels">CET</abbr>')
    expect(after).toContain('href="/events/e/sessions/night-shift"')
  })

  it('renders speakers as plain links, the abstract unless compact, and a calendar link named after the session', () => {
    const session: SessionCardData = {
      slug: 'radar-cueing',
      title: 'Radar cueing',
      abstract: 'Cueing effectors from radar tracks.',
      kind: 'PANEL',
      startsAt: dayBefore,
      endsAt: new Date(dayBefore.getTime() + 45 * 60_000),
      capacity: null,
      signUpRequired: false,
      status: 'CANCELLED',
      track: { slug: 'detect', name: 'Detect', colour: '#123456' },
      room: { name: 'Hall' },
      speakers: [{ role: 'Chair', speaker: { slug: 'ada', name: 'Ada Example', jobTitle: null, organisationName: 'Example Labs' } }],
    }
    const render = (compact: boolean) => {
      const Component = () => createElement(SessionCard, { session, timeZone: brussels, eventSlug: 'e', calendarHref: '/x.ics', compact })
      return renderToStaticMarkup(createElement(createRoutesStub([{ path: '/', Component }])))
    }
    const full = render(false)
    expect(full).toContain('<a href="/events/e/speakers/ada" class="speaker-name">Ada Example</a><span class="muted">, Chair, Example Labs</span>')
    expect(full).toContain('<span class="badge badge--danger">Cancelled</span> <a href="/events/e/sessions/radar-cueing"')
    expect(full).toContain('Add to calendar<span class="visually-hidden"> (Radar cueing)</span>')
    expect(full).toContain('Cueing effectors from radar tracks.')
    expect(full).not.toContain('<!-- -->')
    expect(render(true)).not.toContain('Cueing effectors')
  })
})

describe('session kinds', () => {
  it('are one list: the session form takes, and the agenda filter offers, exactly the kinds that have a label', () => {
    expect(Object.keys(sessionKindLabels)).toEqual([...sessionKinds])
    expect(SessionFormSchema.shape.kind.options).toEqual([...sessionKinds])
    for (const kind of sessionKinds) {
      expect(parseAgendaQuery(new URLSearchParams({ kind })).query.kinds).toEqual([kind])
    }
  })
})
