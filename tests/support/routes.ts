// Calls a route module's loader or action the way the server does: through the middleware of
// every route above it in app/routes.ts (root first, then layouts, then its own), with one fresh
// RouterContextProvider per request. What middleware sees of the inner result is a Response, as
// on the server; the test also gets back the value the loader or action returned or threw.
import path from 'node:path'
import { RouterContextProvider } from 'react-router'
import routeConfig from '#app/routes.ts'

type ConfigEntry = { file: string; path?: string; index?: boolean; children?: ConfigEntry[] }
type Handler = (args: unknown) => unknown
type Middleware = (args: unknown, next: () => Promise<Response>) => Promise<Response | undefined> | Response | undefined
type RouteModule = { loader?: Handler; action?: Handler; middleware?: Middleware[] }

export type RouteAnswer = {
  status: number
  /** The Location of a redirect, else null. */
  location: string | null
  headers: Headers
  /** The data the loader or action returned or threw (a data() value's data), or null for a Response. */
  data: unknown
  /** The response as the server sends it (a Response a loader returned, with its body). */
  response: Response
}

/** Every route module of app/routes.ts with its URL pattern, layouts included. */
export function routeTable(entries: readonly ConfigEntry[] = routeConfig as ConfigEntry[], parent = ''): { pattern: string; file: string }[] {
  return entries.flatMap((entry) => {
    const pattern = entry.index ? parent || '/' : [parent, entry.path ?? ''].filter(Boolean).join('/').replace(/^\/*/, '/')
    return [{ pattern, file: entry.file }, ...routeTable(entry.children ?? [], entry.path ? pattern : parent)]
  })
}

/** The module files from the root down to `file`. */
function chainTo(file: string, entries: readonly ConfigEntry[] = routeConfig as ConfigEntry[]): string[] | null {
  for (const entry of entries) {
    if (entry.file === file) return [file]
    const below = chainTo(file, entry.children ?? [])
    if (below) return [entry.file, ...below]
  }
  return null
}

// Route modules are imported once per test file. A test that changes the app's environment
// after the first call resets modules (vi.resetModules) and imports this file afresh as well.
const modules = new Map<string, Promise<RouteModule>>()
export function loadRouteModule(file: string): Promise<RouteModule> {
  let loaded = modules.get(file)
  if (!loaded) {
    loaded = import(/* @vite-ignore */ path.resolve('app', file)) as Promise<RouteModule>
    modules.set(file, loaded)
  }
  return loaded
}

type DataWithInit = { init: ResponseInit | null; data: unknown }
const isDataWithInit = (value: unknown): value is DataWithInit =>
  value !== null && typeof value === 'object' && 'init' in value && 'data' in value && !(value instanceof Response)

/**
 * Runs `kind` of the route module `file` (as named in app/routes.ts, e.g. 'routes/manage/vetting.tsx')
 * for `request`. A thrown Response or data() becomes the answer, as the server would send it; any
 * other error is rethrown, so a test sees the bug rather than a 500.
 */
export async function callRoute(file: string, kind: 'loader' | 'action', request: Request, params: Record<string, string> = {}): Promise<RouteAnswer> {
  const chain = chainTo(file)
  if (!chain) throw new Error(`${file} is not in app/routes.ts`)
  const [root, ...rest] = await Promise.all(['root.tsx', ...chain].map(loadRouteModule))
  const handler = rest.at(-1)![kind]
  if (!handler) throw new Error(`${file} has no ${kind}`)
  const middleware = [root!, ...rest].flatMap((module) => module.middleware ?? [])
  const url = new URL(request.url)
  const args = { request, params, context: new RouterContextProvider(), url, pattern: url.pathname }
  const carried = new WeakMap<Response, unknown>()

  const answerOf = (value: unknown, thrown: boolean): Response => {
    if (value instanceof Response) return value
    if (isDataWithInit(value)) {
      const response = new Response(null, { status: value.init?.status ?? (thrown ? 500 : 200), headers: value.init?.headers })
      carried.set(response, value.data)
      return response
    }
    if (thrown) throw value
    const response = new Response(null, { status: 200 })
    carried.set(response, value)
    return response
  }

  const dispatch = async (index: number): Promise<Response> => {
    if (index === middleware.length) {
      try {
        return answerOf(await handler(args), false)
      } catch (error) {
        return answerOf(error, true)
      }
    }
    let inner: Promise<Response> | undefined
    const next = () => (inner ??= dispatch(index + 1))
    try {
      // Middleware that does not call next() has it called after it, as React Router does.
      return (await middleware[index]!(args, next)) ?? (await next())
    } catch (error) {
      return answerOf(error, true)
    }
  }

  const response = await dispatch(0)
  return { status: response.status, location: response.headers.get('Location'), headers: response.headers, data: carried.get(response) ?? null, response }
}

/** A urlencoded form body as a browser posts it from this site (Origin set), repeated keys for lists. */
export function formBody(form: Record<string, string | string[]>, headers: HeadersInit = {}) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item)
  const withForm = new Headers(headers)
  withForm.set('Content-Type', 'application/x-www-form-urlencoded')
  withForm.set('Origin', 'http://localhost')
  return { headers: withForm, body }
}

/** The flash notice an answer leaves for the next page, read back by the app's own reader (null when none). */
export async function flashNoticeOf(answer: RouteAnswer) {
  const { FLASH_NOTICE_COOKIE, takeFlashNotice } = await import('#app/lib/flash-notice.server.ts')
  const cookie = answer.headers.getSetCookie().find((line) => line.startsWith(`${FLASH_NOTICE_COOKIE}=`))
  if (!cookie) return null
  return takeFlashNotice(new Request('http://localhost/', { headers: { Cookie: cookie.split(';')[0]! } })).notice
}
