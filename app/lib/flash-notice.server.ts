// The flash notice's cookie: written by an action's redirect, read and cleared by the root loader.
// A forged or stale cookie shows nothing: it is parsed against the list of notices.
import { redirect } from 'react-router'
import { FlashNoticeSchema, type FlashNotice } from './flash-notice.ts'
import { cookieName, readCookie, serializeCookie } from './session.server.ts'

export const FLASH_NOTICE_COOKIE = cookieName('muster_notice')
// Long enough for a slow redirect on a phone at the venue, short enough not to greet a later visit.
const FLASH_NOTICE_SECONDS = 120

/** A redirect to `to` that shows `notice` on the page it lands on. */
export function redirectWithNotice(to: string, notice: FlashNotice) {
  const value = Buffer.from(JSON.stringify(FlashNoticeSchema.parse(notice))).toString('base64url')
  return redirect(to, { headers: { 'Set-Cookie': serializeCookie(FLASH_NOTICE_COOKIE, value, { maxAge: FLASH_NOTICE_SECONDS }) } })
}

/** The notice waiting for this request, if any, and the header that clears it. */
export function takeFlashNotice(request: Request): { notice: FlashNotice | null; headers: Headers } {
  const headers = new Headers()
  if (!request.headers.get('Cookie')?.includes(`${FLASH_NOTICE_COOKIE}=`)) return { notice: null, headers }
  headers.append('Set-Cookie', serializeCookie(FLASH_NOTICE_COOKIE, '', { maxAge: 0 }))
  const value = readCookie(request, FLASH_NOTICE_COOKIE)
  if (!value) return { notice: null, headers }
  let parsed: unknown = null
  try {
    parsed = value.length <= 1000 ? JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) : null
  } catch {
    parsed = null
  }
  const notice = FlashNoticeSchema.safeParse(parsed)
  return { notice: notice.success ? notice.data : null, headers }
}
