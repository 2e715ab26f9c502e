// Secrets Muster hands out (session cookies, sign-in links and codes, feed URLs) and the
// only form in which it stores them: a SHA-256 hex digest.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { createHash, randomInt, timingSafeEqual } from 'node:crypto'

/** A random token of `bytes` bytes of entropy (20 bytes = 160 bits), base32 for URLs and cookies. */
export function generateSecretToken(bytes = 20) {
  const random = new Uint8Array(bytes)
  crypto.getRandomValues(random)
  return encodeBase32LowerCaseNoPadding(random)
}

/** A short numeric one-time code, uniformly random, e.g. "048213". */
export function generateNumericCode(digits = 6) {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0')
}

/** The stored form of a secret; every signed-in request and feed poll hashes one, so with Node's native SHA-256. */
export function hashSecret(secret: string) {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Compares two hex digests without leaking where they differ. */
export function digestsEqual(a: string, b: string) {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}
