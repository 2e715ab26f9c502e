// Latin text without diacritics, the one folding behind slugs and search: "Société Générale"
// -> "Societe Generale", "Łódź" -> "Lodz", "Straße" -> "Strasse". Letters that Unicode does not
// decompose (ł, ø, æ, ß, ð, ı) are mapped by hand.
const UNDECOMPOSED: Record<string, string> = { ð: 'd', Ð: 'D', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', ı: 'i', ß: 'ss', þ: 'th', Þ: 'TH', đ: 'd', Đ: 'D' }

export function toAscii(text: string) {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ðÐøØæÆœŒłŁıßþÞđĐ]/g, (char) => UNDECOMPOSED[char] ?? char)
}
