// Pages that are the same for every visitor who stands in the same place, rendered once per
// version instead of once per request. A route opts in with `cachedForVisitors(versionOf)` as its
// middleware; versionOf reads, on every request, a short string that changes whenever anything
// the page shows changes (app/domain/events/public-page-version.server.ts reads it from the
// database, so a change on one app instance is seen by every other at its next request: the
// bound on staleness is zero).
//
// A signed-in visitor shares a page with everyone whose personal parts are the same: the route
// gives `personalPartsOf`, everything its page shows of the person (the header's "signed in",
// the event menu's standing), read through the same once-per-request functions its loaders use,
// and the key carries their digest (decision 027). Without it, or when it answers null (the
// answer would set a cookie), and for a visitor with a notice cookie, the page is rendered for
// them, as before.
//
// Cached pages are stored gzipped (what almost every client accepts) in a bounded LRU, served
// with a strong ETag (304 for a copy that is current) and `Cache-Control: public, no-cache` so a
// CDN in front may keep a copy but asks again each time (the root's middleware makes a signed-in
// visitor's answer `private, no-store`). Visitors asking for a page that is being rendered share
// that one rendering.
//
// The Content-Security-Policy of a page stored for many visitors cannot carry a per-request
// nonce (one visitor would learn the next one's); its inline scripts are allowed by their SHA-256
// hashes instead, computed once when the page is stored.
import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { MiddlewareFunction } from 'react-router'
import { createBoundedCache, type BoundedCache } from './bounded-cache.ts'
import { FLASH_NOTICE_COOKIE } from './flash-notice.server.ts'
import { SESSION_COOKIE_NAME } from './session.server.ts'

/** Gzipped bytes kept in all, per instance: about 700 agenda pages of a 300-session event. */
const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024
/**
 * Pages kept for signed-in visitors, apart: some are one person's own (a waiting-list position, a
 * session page with their clashes), and a rush of those must not push out the anonymous pages.
 */
const SIGNED_IN_PAGE_CACHE_MAX_BYTES = 16 * 1024 * 1024

type CachedPage = {
  headers: [string, string][]
  gzipped: Uint8Array<ArrayBuffer>
  etag: string
}

/** Headers a stored page never keeps: they belong to one response, or are set again when served. */
const PER_RESPONSE_HEADERS = new Set(['set-cookie', 'content-length', 'content-encoding', 'date', 'etag', 'cache-control', 'vary'])

export type PageCache = BoundedCache<CachedPage>

/** A least-recently-used map bounded by the bytes of its gzipped pages. */
export function createPageCache(maxBytes: number): PageCache {
  return createBoundedCache(maxBytes, (_key, page: CachedPage) => page.gzipped.byteLength)
}

/** This instance's cache of public pages. */
export const publicPageCache = createPageCache(PAGE_CACHE_MAX_BYTES)
/** This instance's cache of public pages as signed-in visitors see them. */
export const signedInPageCache = createPageCache(SIGNED_IN_PAGE_CACHE_MAX_BYTES)

/** Renderings in progress, per cache and key: visitors who ask meanwhile wait for the same one. */
const renderingsByCache = new WeakMap<PageCache, Map<string, Promise<CachedPage | null>>>()

/**
 * Middleware for a page that is the same for every anonymous visitor while `versionOf` gives the
 * same string, and for every signed-in visitor whose `personalPartsOf` is the same too.
 * `versionOf` answers null for something that does not exist (the route then answers as usual,
 * e.g. 404); `personalPartsOf` answers null when this visitor's page must be rendered for them.
 */
export function cachedForVisitors<Args extends Parameters<MiddlewareFunction<Response>>[0]>(
  versionOf: (args: Args) => Promise<string | null>,
  options: { personalPartsOf?: (args: Args) => Promise<Record<string, unknown> | null>; cache?: PageCache; signedInCache?: PageCache } = {},
): (args: Args, next: () => Promise<Response>) => Promise<Response> {
  const { personalPartsOf, signedInCache = signedInPageCache } = options
  return async (args, next) => {
    const { request } = args
    if (request.method !== 'GET' && request.method !== 'HEAD') return next()
    const visitor = visitorOf(request)
    if (visitor === 'notice') return next()
    let personalParts: Promise<Record<string, unknown> | null> | undefined
    if (visitor === 'signed-in') {
      if (!personalPartsOf) return next()
      personalParts = personalPartsOf(args)
    }
    const [version, parts] = await Promise.all([versionOf(args), personalParts])
    if (version === null || parts === null) return next()
    const url = new URL(request.url)
    const cache = parts === undefined ? (options.cache ?? publicPageCache) : signedInCache
    const key = `${url.pathname}${url.search}\n${version}${parts === undefined ? '' : `\n${digestOf(parts)}`}`

    let renderings = renderingsByCache.get(cache)
    if (!renderings) renderingsByCache.set(cache, (renderings = new Map()))
    const cached = cache.get(key)
    if (cached) return serve(cached, request)
    // React Router answers HEAD without a body: only a GET renders a page worth keeping.
    if (request.method === 'HEAD') return next()
    const inProgress = renderings.get(key)
    if (inProgress) {
      const shared = await inProgress
      return shared ? serve(shared, request) : next()
    }

    let settle!: (page: CachedPage | null) => void
    renderings.set(key, new Promise((resolve) => (settle = resolve)))
    try {
      const outcome = await keep(await next(), version)
      if ('response' in outcome) {
        settle(null)
        return outcome.response
      }
      cache.set(key, outcome.page)
      settle(outcome.page)
      return serve(outcome.page, request)
    } catch (error) {
      settle(null)
      throw error
    } finally {
      renderings.delete(key)
    }
  }
}

/** A notice is shown once, to one visitor: that page is never shared. */
function visitorOf(request: Request): 'anonymous' | 'signed-in' | 'notice' {
  const names = (request.headers.get('Cookie') ?? '').split(';').map((cookie) => cookie.split('=', 1)[0]!.trim())
  if (names.includes(FLASH_NOTICE_COOKIE)) return 'notice'
  return names.includes(SESSION_COOKIE_NAME) ? 'signed-in' : 'anonymous'
}

/** A short digest of a visitor's personal parts: the key then says nothing about the person. */
function digestOf(personalParts: unknown) {
  return createHash('sha256').update(JSON.stringify(personalParts)).digest('base64url').slice(0, 22)
}

/**
 * The response as a page to keep; or the response itself when it must not be shared: not a 200,
 * no body, it sets a cookie, or its policy has no nonce to replace.
 */
async function keep(response: Response, version: string): Promise<{ page: CachedPage } | { response: Response }> {
  if (response.status !== 200 || response.headers.has('Set-Cookie') || response.body === null) return { response }
  const body = Buffer.from(await response.arrayBuffer())
  const headers: [string, string][] = []
  for (const [name, value] of response.headers) if (!PER_RESPONSE_HEADERS.has(name)) headers.push([name, value])
  const policyIndex = headers.findIndex(([name]) => name === 'content-security-policy')
  if (policyIndex !== -1) {
    const [name, policy] = headers[policyIndex]!
    const shared = policyForSharedPage(policy, body.toString('utf8'))
    if (shared === null) return { response: new Response(body, { status: response.status, headers: response.headers }) }
    headers[policyIndex] = [name, shared]
  }
  // Copied once into a buffer of its own: a Buffer from zlib may share a larger pool.
  const gzipped = new Uint8Array(gzipSync(body))
  const etag = `"${createHash('sha256').update(version).update(gzipped).digest('base64url').slice(0, 27)}"`
  return { page: { headers, gzipped, etag } }
}

/**
 * The page's policy with its per-request nonce replaced by the hashes of the inline scripts that
 * carry it; null when the policy has no nonce to replace (the page is not shared then).
 */
function policyForSharedPage(policy: string, html: string): string | null {
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
  if (!nonce) return null
  const hashes = new Set<string>()
  const inlineScript = /<script\b([^>]*)>([\s\S]*?)<\/script>/g
  for (const [, attributes, content] of html.matchAll(inlineScript)) {
    if (!attributes!.includes(`nonce="${nonce}"`) || /\bsrc=/.test(attributes!)) continue
    hashes.add(`'sha256-${createHash('sha256').update(content!, 'utf8').digest('base64')}'`)
  }
  return policy.replace(hashes.size > 0 ? `'nonce-${nonce}'` : ` 'nonce-${nonce}'`, [...hashes].join(' '))
}

function serve(page: CachedPage, request: Request): Response {
  const headers = new Headers(page.headers)
  headers.set('ETag', page.etag)
  headers.set('Cache-Control', 'public, no-cache')
  // A signed-in visitor gets another page at the same address.
  headers.set('Vary', 'Accept-Encoding, Cookie')
  if (matchesEtag(request.headers.get('If-None-Match'), page.etag)) return new Response(null, { status: 304, headers })
  const gzip = /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '')
  if (gzip) headers.set('Content-Encoding', 'gzip')
  const body = request.method === 'HEAD' ? null : gzip ? page.gzipped : new Uint8Array(gunzipSync(page.gzipped))
  return new Response(body, { status: 200, headers })
}

function matchesEtag(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false
  return ifNoneMatch === '*' || ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}
