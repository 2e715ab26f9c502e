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
