// Secrets as Muster stores them (app/lib/tokens.server.ts): a SHA-256 hex digest that rows
// written by earlier versions still match, and tokens with the entropy their URLs promise.
import { describe, expect, it } from 'vitest'
import { digestsEqual, generateNumericCode, generateSecretToken, hashSecret } from '#app/lib/tokens.server.ts'

describe('secret tokens', () => {
  it('stores a secret as the SHA-256 of its UTF-8 bytes, in lowercase hex', () => {
    // FIPS 180-2's vectors, and characters beyond ASCII (digest from Python's hashlib).
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hashSecret('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hashSecret('é☃ü')).toBe('18d642400a8834ba5bce79271fb1f355ffc0c1781a2d739af767e6bd787a86f6')
  })

  it('makes 160-bit base32 tokens and six-digit codes, never the same twice in a thousand', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateSecretToken()))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/)
    const codes = Array.from({ length: 1000 }, () => generateNumericCode())
    for (const code of codes) expect(code).toMatch(/^\d{6}$/)
    expect(new Set(codes).size).toBeGreaterThan(990)
  })

  it('compares digests whole', () => {
    const digest = hashSecret('abc')
    expect(digestsEqual(digest, hashSecret('abc'))).toBe(true)
    expect(digestsEqual(digest, hashSecret('abd'))).toBe(false)
    expect(digestsEqual(digest, digest.slice(0, 32))).toBe(false)
  })
})
