// Scanning a badge with the camera where the browser has no QR reader of its own (as here:
// Chromium on Linux has no BarcodeDetector): the jsQR fallback reads a badge held in front of a
// camera (Chromium's fake camera playing a video of the badge's QR code) and checks the person in.
import { writeFileSync } from 'node:fs'
import { chromium, expect, test } from '@playwright/test'
import QRCode from 'qrcode'
import { chromiumExecutablePath } from '../support/chromium.ts'
import { demoEventPath, demoStaff, gotoHydrated, signInAs, withE2eDatabase } from './support.ts'

const WIDTH = 320
const HEIGHT = 240

/** A one-frame Y4M video (the fake camera loops it) of a QR code, black on white, centred. */
function qrVideo(text: string, path: string) {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'H' })
  const size = symbol.modules.size
  const scale = Math.floor(Math.min(WIDTH, HEIGHT) / (size + 8))
  const left = Math.floor((WIDTH - size * scale) / 2)
  const top = Math.floor((HEIGHT - size * scale) / 2)
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255)
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!symbol.modules.get(row, column)) continue
      for (let y = 0; y < scale; y++) luma.fill(0, (top + row * scale + y) * WIDTH + left + column * scale, (top + row * scale + y) * WIDTH + left + (column + 1) * scale)
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128)
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma, chroma]))
}

test('check-in staff scan a badge with the camera where the browser has no QR reader of its own', async ({ baseURL }) => {
  const attendee = await withE2eDatabase((db) =>
    db.registration.findFirstOrThrow({
      where: { event: { slug: demoEventPath.split('/').pop()! }, user: { email: 'ayse.kaya@aldermark.example' } },
      select: { status: true, badgeCode: true, checkedInAt: true, user: { select: { name: true } } },
    }),
  )
  expect(attendee).toMatchObject({ status: 'APPROVED', checkedInAt: null })
  const video = test.info().outputPath('badge.y4m')
  qrVideo(attendee.badgeCode, video)

  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: ['--headless', '--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  })
  try {
    const context = await browser.newContext({ baseURL, permissions: ['camera'] })
    await signInAs(context, baseURL!, demoStaff.checkIn)
    const page = await context.newPage()
    await gotoHydrated(page, `${demoEventPath}/manage/check-in`)
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false)
    await page.getByRole('button', { name: 'Scan with camera' }).click()
    const result = page.locator('.check-in__result')
    await expect(result.getByRole('heading', { name: 'Checked in' })).toBeVisible({ timeout: 20_000 })
    await expect(result.getByText(attendee.user.name, { exact: true })).toBeVisible()
    // The camera is released once the badge is read.
    await expect(page.getByRole('button', { name: 'Scan with camera' })).toBeVisible()
  } finally {
    await browser.close()
  }
  const after = await withE2eDatabase((db) => db.registration.findFirstOrThrow({ where: { badgeCode: attendee.badgeCode }, select: { checkedInAt: true } }))
  expect(after.checkedInAt).not.toBeNull()
})
