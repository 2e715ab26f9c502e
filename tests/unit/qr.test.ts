// The badge's QR code: an inline SVG that scales (a viewBox, no fixed size) and is the same
// every time for the same code, so a reprinted badge is identical. Decoding it back needs a
// camera-side library we do not ship; the e2e check-in types the code instead.
import { describe, expect, it } from 'vitest'
import { badgeQrSvg } from '#app/lib/qr.server.ts'

describe('badgeQrSvg', () => {
  it('returns one <svg> with the viewBox of the smallest symbol plus its quiet zone', async () => {
    const svg = await badgeQrSvg('21B52AFKPZ')
    expect(svg.trim()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 29 29"[^>]*>.*<\/svg>$/s)
    expect(svg).not.toMatch(/\b(width|height)="/)
    expect(svg.match(/<svg/g)).toHaveLength(1)
    // Black modules on a white ground.
    expect(svg).toContain('fill="#ffffff"')
    expect(svg).toContain('stroke="#000000"')
  })

  it('is deterministic, and different codes give different symbols', async () => {
    const [first, again, other] = await Promise.all([badgeQrSvg('21B52AFKPZ'), badgeQrSvg('21B52AFKPZ'), badgeQrSvg('BBXE9H7BSH')])
    expect(again).toBe(first)
    expect(other).not.toBe(first)
  })
})
