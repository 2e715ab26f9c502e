// The QR code on an attendee's badge, as an inline SVG string the page embeds directly (no
// image request, sharp at any print size). It encodes the badge code alone: nothing personal
// is readable from the badge that is not printed on it already.
import QRCode from 'qrcode'

/**
 * An <svg> with a viewBox and no fixed size, black on white, with the standard four-module
 * quiet zone. Error correction H: a creased or partly covered badge still scans, and a
 * 10-character code still fits the smallest symbol (21 × 21 modules).
 */
export async function badgeQrSvg(badgeCode: string) {
  return QRCode.toString(badgeCode, { type: 'svg', errorCorrectionLevel: 'H', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}
