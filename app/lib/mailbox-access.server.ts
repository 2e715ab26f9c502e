// Who may read the development mailbox (every captured email, sign-in codes included): only
// while mail is captured, and only a client on this machine unless DEV_MAILBOX_ALLOW_REMOTE
// says otherwise. Fails closed: a request whose address server.js did not vouch for is refused
// (except under `react-router dev`, whose Vite server listens on loopback unless told not to).
import { env } from './env.server.ts'
import { clientInfo } from './request.server.ts'
import { invariantResponse } from './domain-error.server.ts'

export function isLoopbackAddress(address: string) {
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain)
}

export function mayReadMailbox(clientAddress: string | null, options = { allowRemote: env.mailboxAllowRemote, development: import.meta.env?.DEV === true }) {
  if (!env.mailCaptured) return false
  if (options.allowRemote) return true
  if (!clientAddress) return options.development
  return isLoopbackAddress(clientAddress)
}

/** Answers 404, as if the page did not exist, to anyone who may not read the mailbox. */
export function requireMailboxAccess(request: Request) {
  invariantResponse(mayReadMailbox(clientInfo(request).ipAddress))
}
