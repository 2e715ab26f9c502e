import { describe, expect, it } from 'vitest'
import { answerMatches, formatAnswer, parseVettingQuery, vettingQueryString } from '#app/domain/registration/vetting.ts'
import { searchKey } from '#app/lib/search-key.ts'

const clearance = {
  kind: 'CHOICE' as const,
  options: [
    { value: 'none', label: 'None' },
    { value: 'nato-secret', label: 'NATO SECRET' },
  ],
}

describe('parseVettingQuery', () => {
  it('defaults to the pending queue, page one, no filters', () => {
    expect(parseVettingQuery(new URLSearchParams())).toEqual({ status: 'PENDING', kind: null, country: null, answer: null, q: '', page: 1 })
  })

  it('reads every filter', () => {
    const query = parseVettingQuery(
      new URLSearchParams({ status: 'WAITLISTED', kind: 'SME', country: 'LU', answer: 'securityClearance:nato-secret', q: '  Mercier ', page: '3' }),
    )
    expect(query).toEqual({ status: 'WAITLISTED', kind: 'SME', country: 'LU', answer: 'securityClearance:nato-secret', q: 'Mercier', page: 3 })
  })

  it('falls back to no filter on bad or tampered values instead of failing', () => {
    const query = parseVettingQuery(
      new URLSearchParams({ status: 'DELETED', kind: 'SPY', country: 'XX', answer: "x' OR 1=1 --", q: 'a'.repeat(500), page: '-2' }),
    )
    expect(query).toEqual({ status: 'PENDING', kind: null, country: null, answer: null, q: '', page: 1 })
    expect(parseVettingQuery(new URLSearchParams({ page: '1.5', kind: '' })).page).toBe(1)
  })

  it('round-trips through the query string it writes, leaving out defaults', () => {
    const query = parseVettingQuery(new URLSearchParams({ status: 'APPROVED', country: 'BE', q: 'hornet', page: '2' }))
    expect(vettingQueryString(query)).toBe('?status=APPROVED&q=hornet&country=BE&page=2')
    expect(parseVettingQuery(new URLSearchParams(vettingQueryString(query)))).toEqual(query)
    expect(vettingQueryString(parseVettingQuery(new URLSearchParams()))).toBe('')
  })
})

describe('answers', () => {
  it('formats each kind as an officer reads it', () => {
    expect(formatAnswer(clearance, 'nato-secret')).toBe('NATO SECRET')
    expect(formatAnswer({ kind: 'MULTIPLE_CHOICE', options: clearance.options }, ['none', 'nato-secret'])).toBe('None, NATO SECRET')
    expect(formatAnswer({ kind: 'YES_NO', options: null }, true)).toBe('Yes')
    expect(formatAnswer({ kind: 'YES_NO', options: null }, false)).toBe('No')
    expect(formatAnswer({ kind: 'COUNTRY', options: null }, 'SE')).toBe('Sweden')
    expect(formatAnswer({ kind: 'TEXT', options: null }, 'Procurement')).toBe('Procurement')
    expect(formatAnswer({ kind: 'TEXT', options: null }, undefined)).toBeNull()
    expect(formatAnswer({ kind: 'MULTIPLE_CHOICE', options: null }, [])).toBeNull()
  })

  it('matches a filter value against the stored answer', () => {
    expect(answerMatches(clearance, 'none', 'none')).toBe(true)
    expect(answerMatches(clearance, 'nato-secret', 'none')).toBe(false)
    expect(answerMatches({ kind: 'YES_NO' }, true, 'yes')).toBe(true)
    expect(answerMatches({ kind: 'YES_NO' }, false, 'yes')).toBe(false)
    expect(answerMatches({ kind: 'YES_NO' }, undefined, 'no')).toBe(false)
  })

  it('searches without regard to case or accents', () => {
    expect(searchKey('Stefan Krüger')).toContain(searchKey('KRUGER'))
  })
})
