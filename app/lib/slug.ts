// The one way to make a slug (an organisation's, a session's, a track's, the demo's): accents
// folded, lower case, words joined by single hyphens, bounded.
import { toAscii } from './ascii.ts'

export const SLUG_MAX_LENGTH = 60

/** "Société Générale & Fils" -> "societe-generale-and-fils"; empty when nothing is left (the caller picks a fallback). */
export function slugify(text: string, maxLength: number = SLUG_MAX_LENGTH) {
  return toAscii(text)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}
