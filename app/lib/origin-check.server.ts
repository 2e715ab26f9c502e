// CSRF defence: a request that changes something (any method but GET, HEAD, OPTIONS) must come
// from this site. Browsers send Origin on such requests; Sec-Fetch-Site where Origin is absent.
import { env } from './env.server.ts'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * One-click unsubscribe (RFC 8058): mail providers POST to the List-Unsubscribe address from
 * their own servers, with no Origin. The secret in the path is the authority, and the only
 * effect is fewer organisers' messages, so a forged request gains an attacker nothing.
 */
const crossSiteAllowed = /^\/unsubscribe\/[a-z2-7]{32}$/

export function isCrossSiteMutation(request: Request) {
  if (safeMethods.has(request.method.toUpperCase())) return false
  if (crossSiteAllowed.test(new URL(request.url).pathname)) return false
  const origin = request.headers.get('Origin')
  if (origin) {
    // Behind a proxy the request URL may be internal; the public APP_URL counts as ours too.
    const ours = new Set([new URL(request.url).origin, new URL(env.APP_URL).origin])
    return !ours.has(origin)
  }
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  return fetchSite !== 'same-origin' && fetchSite !== 'none'
}
