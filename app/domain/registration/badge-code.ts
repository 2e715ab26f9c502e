// Badge codes: 10 characters of Crockford base32, printed under the QR code and typed at the
// door. Pure and shared: the check-in reads what staff type or scan, the badge prints it.

export const BADGE_CODE_LENGTH = 10
const crockfordCode = /^[0-9A-HJKMNP-TV-Z]{10}$/

/**
 * The code as stored, from what someone typed or a scanner read: case-insensitive, spaces
 * and dashes ignored, and Crockford's look-alikes read as the digits they resemble (O as 0,
 * I and L as 1), which is the point of that alphabet. Null when it cannot be a badge code.
 */
export function normaliseBadgeCode(input: string) {
  const code = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return crockfordCode.test(code) ? code : null
}

/** "21B52-AFKPZ": two groups of five are easier to read aloud and to type. */
export function formatBadgeCode(code: string) {
  return `${code.slice(0, 5)}-${code.slice(5)}`
}
