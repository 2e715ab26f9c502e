// The page cache in front of public pages: one rendering per version shared by every anonymous
// visitor (also those who ask while it renders) and by every signed-in visitor with the same
// personal parts, 304 for a current copy, gzip or plain as asked, hashes instead of a nonce in
// the stored page's policy, and nothing personal ever shared with someone else.
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { cachedForVisitors, createPageCache } from '#app/lib/page-cache.server.ts'
import { FLASH_NOTICE_COOKIE } from '#app/lib/flash-notice.server.ts'
import { SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'

const inlineScript = 'window.__context = {"page":"agenda"}'
const html = `<!DOCTYPE html><html><head><script nonce="n0nce">${inlineScript}</script><script type="module" nonce="n0nce" src="/assets/entry.js"></script></head><body>Agenda</body></html>`

function setUp(
  options: { version?: () => string | null; response?: () => Response; personalPartsOf?: (request: Request) => Promise<Record<string, unknown> | null> } = {},
) {
  const cache = createPageCache(1024 * 1024)
  const signedInCache = createPageCache(1024 * 1024)
  let version = 'v1'
  let renders = 0
  const personalPartsOf = options.personalPartsOf
  const middleware = cachedForVisitors(async () => (options.version ? options.version() : version), {
    cache,
    signedInCache,
    personalPartsOf: personalPartsOf && (({ request }) => personalPartsOf(request)),
  })
  const render = async () => {
    renders++
    // Gives other requests a chance to arrive while this one renders.
    await new Promise((resolve) => setTimeout(resolve, 20))
    return options.response
      ? options.response()
      : new Response(html, { headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'nonce-n0nce'" } })
  }
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    middleware({ request: new Request('http://localhost/events/demo/agenda?day=all', { method, headers }) } as never, render)
  return { cache, signedInCache, get, renders: () => renders, setVersion: (next: string) => (version = next) }
}

describe('page cache', () => {
  it('renders once for twenty visitors who ask at the same moment, and again only when the version moves', async () => {
    const page = setUp()
    const answers = await Promise.all(Array.from({ length: 20 }, () => page.get({ 'Accept-Encoding': 'gzip, br' })))
    expect(page.renders()).toBe(1)
    const bodies = await Promise.all(answers.map(async (answer) => gunzipSync(Buffer.from(await answer.arrayBuffer())).toString('utf8')))
    expect(new Set(bodies)).toEqual(new Set([html]))
    expect(answers[0]!.headers.get('Content-Encoding')).toBe('gzip')

    await page.get()
    expect(page.renders()).toBe(1)
    page.setVersion('v2')
    await page.get()
    expect(page.renders()).toBe(2)
  })

  it('answers a current copy with 304, a plain body to a client without gzip, and headers only to HEAD', async () => {
    const page = setUp()
    const first = await page.get()
    expect(first.headers.get('Cache-Control')).toBe('public, no-cache')
    expect(first.headers.get('Vary')).toBe('Accept-Encoding, Cookie')
    expect(first.headers.get('Content-Encoding')).toBeNull()
    expect(await first.text()).toBe(html)
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]{27}"$/)

    const revalidated = await page.get({ 'If-None-Match': `W/"other", ${etag}` })
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect((await page.get({ 'If-None-Match': '"stale"' })).status).toBe(200)
    const head = await page.get({}, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect(page.renders()).toBe(1)

    // A HEAD for a page not stored yet is answered by the route and stores nothing (its answer has no body).
    page.setVersion('v-head')
    await page.get({}, 'HEAD')
    expect(page.renders()).toBe(2)
    expect(page.cache.get(`/events/demo/agenda?day=all\nv-head`)).toBeUndefined()
    page.setVersion('v1')

    page.setVersion('v2')
    expect((await page.get({ 'If-None-Match': etag })).status).toBe(200)
  })

  it('allows the stored page’s own inline scripts by hash instead of the nonce of the visitor it was rendered for', async () => {
    const page = setUp()
    const policy = (await page.get()).headers.get('Content-Security-Policy')!
    const hash = createHash('sha256').update(inlineScript).digest('base64')
    expect(policy).toBe(`default-src 'self'; script-src 'self' 'sha256-${hash}'`)
  })

  it('never stores what a visitor with a session or a notice gets, an error, a redirect or a response that sets a cookie', async () => {
    for (const cookie of [`${SESSION_COOKIE_NAME}=abc`, `theme=dark; ${FLASH_NOTICE_COOKIE}=xyz`]) {
      const page = setUp()
      await page.get({ Cookie: cookie })
      await page.get({ Cookie: cookie })
      expect(page.renders()).toBe(2)
      expect(page.cache.size.entries).toBe(0)
      expect(page.signedInCache.size.entries).toBe(0)
    }
    // Another cookie (a device remembered for sign-in) does not make the page personal.
    const other = setUp()
    await other.get({ Cookie: 'muster_device=abc' })
    await other.get()
    expect(other.renders()).toBe(1)

    for (const response of [
      () => new Response('Not found', { status: 404 }),
      () => new Response(null, { status: 302, headers: { Location: '/' } }),
      () => new Response(html, { headers: { 'Set-Cookie': 'a=b' } }),
      () => new Response(null, { status: 200 }),
    ]) {
      const page = setUp({ response })
      const first = await page.get()
      await page.get()
      expect(page.renders()).toBe(2)
      expect(first.headers.get('ETag')).toBeNull()
      expect(page.cache.size.entries).toBe(0)
    }
  })

  it('shares a page among signed-in visitors only while their personal parts are the same', async () => {
    // Each session cookie stands for a person; their parts are what the page would show of them.
    const standings: Record<string, Record<string, unknown> | null> = {
      ada: { signedIn: true, standing: 'APPROVED' },
      bea: { signedIn: true, standing: 'APPROVED' },
      cem: { signedIn: true, standing: 'WAITLISTED', position: 3 },
      // A session renewed on this request: the answer sets a cookie and is the visitor's own.
      dan: null,
    }
    const rendered: string[] = []
    const page = setUp({
      personalPartsOf: async (request) => standings[/\bperson=(\w+)/.exec(request.headers.get('Cookie') ?? '')![1]!]!,
      response: () => {
        const person = /\bperson=(\w+)/.exec(lastCookie)?.[1] ?? 'anonymous'
        rendered.push(person)
        return new Response(`<p>${person}</p>`, { headers: { 'Content-Type': 'text/html' } })
      },
    })
    let lastCookie = ''
    const as = async (person: string | null) => {
      lastCookie = person ? `${SESSION_COOKIE_NAME}=token-of-${person}; person=${person}` : ''
      const answer = await page.get(person ? { Cookie: lastCookie } : {})
      return answer.text()
    }

    expect(await as('ada')).toBe('<p>ada</p>')
    // Bea stands where Ada stands: she gets the page rendered for Ada, whose parts are hers too.
    expect(await as('bea')).toBe('<p>ada</p>')
    expect(await as('cem')).toBe('<p>cem</p>')
    expect(await as('cem')).toBe('<p>cem</p>')
    expect(await as(null)).toBe('<p>anonymous</p>')
    expect(await as('dan')).toBe('<p>dan</p>')
    expect(await as('dan')).toBe('<p>dan</p>')
    expect(rendered).toEqual(['ada', 'cem', 'anonymous', 'dan', 'dan'])
    // Ada's standing changes: her next page is rendered for where she stands now.
    standings.ada = { signedIn: true, standing: 'WAITLISTED', position: 3 }
    expect(await as('ada')).toBe('<p>cem</p>')
    standings.ada = { signedIn: true, standing: 'CANCELLED' }
    expect(await as('ada')).toBe('<p>ada</p>')
    expect(await as('bea')).toBe('<p>ada</p>')
    expect(rendered).toEqual(['ada', 'cem', 'anonymous', 'dan', 'dan', 'ada'])
    // The anonymous page with the others; Ada's first, Cem's and Ada's latest apart, so pages of
    // one person each cannot push out the anonymous ones. Nothing stored for Dan.
    expect(page.cache.size.entries).toBe(1)
    expect(page.signedInCache.size.entries).toBe(3)
  })

  it('lets the route answer as usual for something that does not exist', async () => {
    const page = setUp({ version: () => null })
    await page.get()
    await page.get()
    expect(page.renders()).toBe(2)
  })

  it('keeps no more bytes than its bound, dropping the least recently used page first', () => {
    const cache = createPageCache(250)
    const page = (size: number) => ({ headers: [], gzipped: new Uint8Array(size), etag: '"x"' })
    cache.set('a', page(100))
    cache.set('b', page(100))
    cache.get('a')
    cache.set('c', page(100))
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
    expect(cache.size).toEqual({ entries: 2, weight: 200 })
    cache.set('huge', page(1_000))
    expect(cache.get('huge')).toBeUndefined()
  })
})

describe('a stored page without inline scripts', () => {
  it('keeps a policy that allows only its own origin’s scripts', async () => {
    const cache = createPageCache(1024 * 1024)
    const middleware = cachedForVisitors(async () => 'v1', { cache })
    const render = async () =>
      new Response('<!DOCTYPE html><html><body><script type="module" nonce="n0nce" src="/assets/entry.js"></script></body></html>', {
        headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'nonce-n0nce'" },
      })
    const response = await middleware({ request: new Request('http://localhost/events/demo') } as never, render)
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'; script-src 'self'")
  })
})
