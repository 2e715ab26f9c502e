// Words for matching: accent- and case-folded tokens with a light stemmer, so "detectors",
// "detector" and "detection" meet, and stop words that carry no topic are dropped. Pure,
// no external service: the same text always gives the same terms.
import { searchKey } from '#app/lib/search-key.ts'

const STOP_WORDS = new Set(
  `a about above after again all also an and any are as at be been before being both but by can could do does
  each every few for from further had has have having here how i if in into is it its itself just more most
  my no nor not of off on once one only or other our ours out over own same she should so some such than that
  the their them then there these they this those through to too under until up us very was we were what when
  where which while who whom why will with within without would you your yours per via new use used using any
  seek seeks seeking need needs needed want wanted partner partners looking offer offers buy buying`.split(/\s+/),
)

/** A crude English stemmer: enough to join plural, verb and agent forms of one word. */
export function stem(word: string) {
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1)
  for (const suffix of ['ation', 'ition', 'tion', 'ing', 'ers', 'ors', 'er', 'or', 'ed']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      // "detection" -> "detect", "production" -> "product"
      w = suffix.endsWith('tion') && suffix !== 'ation' && suffix !== 'ition' ? `${w.slice(0, -suffix.length)}t` : w.slice(0, -suffix.length)
      break
    }
  }
  return w
}

/** The terms of a text with the word each first came from, for reasons shown to people. */
export function tokenize(text: string): { term: string; word: string }[] {
  const tokens: { term: string; word: string }[] = []
  for (const raw of searchKey(text).split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || /^\d+$/.test(raw) || STOP_WORDS.has(raw)) continue
    tokens.push({ term: stem(raw), word: raw })
  }
  return tokens
}

/** "RF detection" stays, "Acoustic sensing" becomes "acoustic sensing" inside a sentence. */
export function inSentence(label: string) {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

/** "a", "a and b", "a, b and c" */
export function listInWords(words: readonly string[]) {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}
