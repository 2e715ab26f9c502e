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

/** What React Router gives every middleware and loader of one request. */
export type RequestArgs = { request: Request; context: object }

/**
 * `load` run once per request, however many middlewares and loaders ask for it with the same
 * arguments: they share one promise, so what a page cache keys on is what the loaders return.
 * Keyed by the router context, the one object React Router hands the middleware and every loader
 * of a request alike (the Request itself is a copy for loaders unless v8_passThroughRequests).
 */
export function oncePerRequest<Args extends string[], Result>(load: (args: RequestArgs, ...rest: Args) => Promise<Result>) {
  const loadedByContext = new WeakMap<object, Map<string, Promise<Result>>>()
  return (args: RequestArgs, ...rest: Args): Promise<Result> => {
    let loaded = loadedByContext.get(args.context)
    if (!loaded) loadedByContext.set(args.context, (loaded = new Map()))
    const key = JSON.stringify(rest)
    let result = loaded.get(key)
    if (!result) loaded.set(key, (result = load(args, ...rest)))
    return result
  }
}
