// oncePerRequest: the middleware and the loaders of one request share one read per argument list,
// keyed by the router context (which React Router hands them all), never across requests.
import { describe, expect, it } from 'vitest'
import { oncePerRequest } from '#app/lib/request.server.ts'

describe('oncePerRequest', () => {
  it('reads once per request and argument list, whatever Request object each caller holds', async () => {
    const reads: string[] = []
    const menuFor = oncePerRequest(async (_args, slug: string, other: string) => {
      reads.push(`${slug}|${other}`)
      return { slug, other }
    })
    const context = {}
    // A loader may hold a copy of the middleware's Request: the context is what they share.
    const middleware = { request: new Request('http://localhost/events/a'), context }
    const loader = { request: new Request('http://localhost/events/a'), context }
    const [first, second] = await Promise.all([menuFor(middleware, 'a', 'x'), menuFor(loader, 'a', 'x')])
    expect(second).toBe(first)
    // Argument lists that would join to the same string stay apart.
    await menuFor(loader, 'a\nx', '')
    await menuFor(loader, 'a', '\nx')
    expect(reads).toEqual(['a|x', 'a\nx|', 'a|\nx'])
    // Another request reads again.
    await menuFor({ request: new Request('http://localhost/events/a'), context: {} }, 'a', 'x')
    expect(reads).toHaveLength(4)
  })
})
