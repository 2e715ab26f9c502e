// The one way text is compared in searches (vetting queue, check-in desk, agenda, directory,
// recommendations, meetings list): case and accents folded, so "kruger" finds "Krüger",
// "MERCIER" finds "Mercier" and "lodz" finds "Łódź".
import { toAscii } from './ascii.ts'

export function searchKey(text: string) {
  return toAscii(text).toLowerCase()
}
