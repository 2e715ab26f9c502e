import { useEffect } from 'react'
import { data, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData, href } from 'react-router'
import { siteHeaderViewerFor } from '#app/lib/auth.server.ts'
import { useNonce } from '#app/lib/nonce.tsx'
import { isCrossSiteMutation } from '#app/lib/origin-check.server.ts'
import { carriesTokens, mustNotBeStored } from '#app/lib/security-headers.server.ts'
import { SESSION_COOKIE_NAME } from '#app/lib/session.server.ts'
import type { Route } from './+types/root'
import stylesheet from './app.css?url'
import { logSecurityEvent } from '#app/lib/log.server.ts'
import { FlashNoticeBanner } from '#app/components/flash-notice-banner.tsx'
import { takeFlashNotice } from '#app/lib/flash-notice.server.ts'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const middleware: Route.MiddlewareFunction[] = [
  async ({ request }, next) => {
    if (isCrossSiteMutation(request)) {
      logSecurityEvent(request, 'cross-site.refused', { origin: request.headers.get('Origin') })
      throw data('Cross-site requests are refused', { status: 403 })
    }
    const response = await next()
    const { pathname } = new URL(request.url)
    if (mustNotBeStored(pathname, request.headers.get('Cookie'), SESSION_COOKIE_NAME)) response.headers.set('Cache-Control', 'private, no-store')
    if (carriesTokens(pathname)) response.headers.set('Referrer-Policy', 'no-referrer')
    return response
  },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const { viewer, renewedCookies } = await siteHeaderViewerFor({ request, context })
  const { notice, headers } = takeFlashNotice(request)
  for (const cookie of renewedCookies) headers.append('Set-Cookie', cookie)
  return data({ viewer, notice }, { headers })
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root')
  const signedIn = rootData?.viewer.signedIn ?? false
  const nonce = useNonce()
  // Marks the moment React has taken over the page: a form filled before that can be reset by
  // hydration (a select goes back to its default), so browser tests wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="wordmark" aria-label="Muster, home">
              <span className="wordmark__mark" aria-hidden="true" />
              Muster
            </Link>
            <nav aria-label="Main">
              <ul className="site-nav">
                <li>
                  <Link to="/">Events</Link>
                </li>
                {signedIn ? (
                  <li>
                    <Link to={href('/account')}>Account</Link>
                  </li>
                ) : (
                  <li>
                    <Link to={href('/sign-in')}>Sign in</Link>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Muster · open-source software for industry days</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <FlashNoticeBanner notice={loaderData.notice} />
      <Outlet />
    </>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = 'Something went wrong'
  let message = 'An unexpected error occurred. Please try again in a moment.'
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = 'Page not found'
      message = 'The page you asked for does not exist, or is not published yet.'
    } else if (error.status === 403) {
      title = 'Not allowed'
      message = 'You do not have access to this page.'
    } else if (error.status === 409 && typeof error.data === 'string') {
      title = 'This cannot change now'
      message = error.data
    } else if (error.status === 503 && typeof error.data === 'string') {
      // A busy refusal (app/lib/domain-error.server.ts): nothing was saved, and it says when to try again.
      title = 'Busy just now'
      message = error.data
    } else {
      title = `Error ${error.status}`
      // Refusals of bad input carry their reason as a sentence (app/lib/form.server.ts).
      message = (error.status < 500 && typeof error.data === 'string' && error.data) || error.statusText || message
    }
  } else if (import.meta.env.DEV && error instanceof Error) {
    message = error.message
  }
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to events</Link>
      </p>
    </div>
  )
}
