// What the app knows about the client behind a request. server.js sets the address header
// from the socket (or the trusted proxy chain) and drops any value a client sent itself.
export const CLIENT_ADDRESS_HEADER = 'x-muster-client-address'
/** A random id server.js gives each request (also sent back as X-Request-Id), for the logs. */
export const REQUEST_ID_HEADER = 'x-muster-request-id'

export function requestIdOf(request: Request) {
  return request.headers.get(REQUEST_ID_HEADER)
}

export function clientInfo(request: Request) {
  return {
    ipAddress: request.headers.get(CLIENT_ADDRESS_HEADER),
    userAgent: request.headers.get('User-Agent'),
  }
}

/**
 * `load` run once per request, however many middlewares and loaders ask for it with the same
 * arguments: they share one promise, so what a page cache keys on is what the loaders return.
 */
export function oncePerRequest<Args extends string[], Result>(load: (request: Request, ...args: Args) => Promise<Result>) {
  const loadedByRequest = new WeakMap<Request, Map<string, Promise<Result>>>()
  return (request: Request, ...args: Args): Promise<Result> => {
    let loaded = loadedByRequest.get(request)
    if (!loaded) loadedByRequest.set(request, (loaded = new Map()))
    const key = args.join('\n')
    let result = loaded.get(key)
    if (!result) loaded.set(key, (result = load(request, ...args)))
    return result
  }
}
