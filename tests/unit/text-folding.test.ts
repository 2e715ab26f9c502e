// One folding for slugs and search: accents and the letters Unicode does not decompose.
import { describe, expect, it } from 'vitest'
import { toAscii } from '#app/lib/ascii.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { slugify, SLUG_MAX_LENGTH } from '#app/lib/slug.ts'

describe('slugify', () => {
  it('folds accents instead of splitting words at them', () => {
    // The registration form's own slug function made "socie-te-ge-ne-rale" of this.
    expect(slugify('Société Générale')).toBe('societe-generale')
    expect(slugify('Zürich Ärzte & Søn')).toBe('zurich-arzte-and-son')
    expect(slugify('Łódź Straße Þór')).toBe('lodz-strasse-thor')
    expect(slugify('  --Counter-UAS:  Day 1!  ')).toBe('counter-uas-day-1')
  })

  it('is bounded, ends on a word, and is empty when nothing is left for the caller to replace', () => {
    const long = slugify('word '.repeat(40))
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(long.endsWith('-')).toBe(false)
    expect(slugify('!!! ***')).toBe('')
    expect(slugify('日本語')).toBe('')
    expect(slugify('A long organisation name', 8)).toBe('a-long-o')
  })
})

describe('searchKey', () => {
  it('finds names whatever the case and accents typed', () => {
    expect(searchKey('Stefan Krüger')).toContain(searchKey('KRUGER'))
    expect(searchKey('Łukasz Wójcik')).toContain(searchKey('lukasz wojcik'))
    expect(searchKey('Straße')).toBe(searchKey('STRASSE'))
    expect(toAscii('Ærø Œuvre')).toBe('AEro OEuvre')
  })
})
