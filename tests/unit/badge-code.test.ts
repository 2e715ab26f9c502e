import { describe, expect, it } from 'vitest'
import { formatBadgeCode, normaliseBadgeCode } from '#app/domain/registration/badge-code.ts'

describe('normaliseBadgeCode', () => {
  it('accepts the code as printed, typed in lower case, or with spaces and dashes', () => {
    for (const typed of ['21B52AFKPZ', '21b52afkpz', '21B52-AFKPZ', ' 21b 52a-fkpz ', '21B52\u00a0AFKPZ']) {
      expect(normaliseBadgeCode(typed)).toBe('21B52AFKPZ')
    }
  })

  it('reads Crockford look-alikes as the digits they resemble', () => {
    expect(normaliseBadgeCode('o1234-5678i')).toBe('0123456781')
    expect(normaliseBadgeCode('L000000000')).toBe('1000000000')
  })

  it('refuses what cannot be a badge code', () => {
    for (const typed of ['', '21B52AFKP', '21B52AFKPZZ', '21B52AFKPU', '21B52_AFKPZ', '<script>', 'é1B52AFKPZ']) {
      expect(normaliseBadgeCode(typed)).toBeNull()
    }
  })
})

describe('formatBadgeCode', () => {
  it('splits the code into two groups of five', () => {
    expect(formatBadgeCode('21B52AFKPZ')).toBe('21B52-AFKPZ')
    expect(normaliseBadgeCode(formatBadgeCode('21B52AFKPZ'))).toBe('21B52AFKPZ')
  })
})
