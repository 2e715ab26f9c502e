// The browser's half of the passkey ceremonies. Both are progressive: nothing is offered until
// the browser says it supports WebAuthn. Each step posts one urlencoded form to its route (the
// ceremony's JSON as a single field), so the server reads it like any other form.
import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser'
import { useId, useState } from 'react'
import { useRevalidator, href } from 'react-router'
import { useBrowserValue } from '#app/lib/browser-value.ts'

/** Null on the server and until the browser has been asked. */
export function useWebAuthnSupport() {
  return useBrowserValue<boolean | null>(browserSupportsWebAuthn, null)
}

type StepAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; error: string } | { ok: 'navigated' }

async function postStep(action: string, fields: Record<string, string>): Promise<StepAnswer> {
  let response: Response
  try {
    response = await fetch(action, { method: 'POST', body: new URLSearchParams(fields), headers: { Accept: 'application/json' } })
  } catch {
    return { ok: false, error: 'Muster could not be reached. Check your connection and try again.' }
  }
  // A redirect to another page (to "Confirm it is you", or after signing in): the whole page goes there.
  if (response.redirected) {
    window.location.assign(response.url)
    return { ok: 'navigated' }
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
  if (!response.ok || !body) return { ok: false, error: typeof body?.error === 'string' ? body.error : 'Something went wrong. Try again.' }
  return { ok: true, body }
}

function ceremonyError(error: unknown) {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'That passkey is already on your account.'
  if (error instanceof Error && error.name === 'NotAllowedError') return 'The passkey was not used: the request was cancelled or timed out.'
  return 'Your browser could not use a passkey. Try again, or use another device.'
}

/** "Add a passkey" on the account page: names it, runs the browser's ceremony, stores it. */
export function AddPasskey() {
  const supported = useWebAuthnSupport()
  const revalidator = useRevalidator()
  const nameId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)

  if (supported === null) {
    return (
      <noscript>
        <p className="muted">Adding a passkey needs JavaScript.</p>
      </noscript>
    )
  }
  if (!supported) return <p className="muted">This browser cannot create passkeys. Open this page in a recent browser to add one.</p>

  async function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const name = String(new FormData(form).get('name') ?? '').trim()
    if (!name) {
      setError('Give the passkey a name, like "Work laptop".')
      return
    }
    setBusy(true)
    setError(null)
    setAdded(null)
    try {
      const options = await postStep(href('/account/passkeys'), { intent: 'options' })
      if (options.ok !== true) {
        if (options.ok === false) setError(options.error)
        return
      }
      let response
      try {
        response = await startRegistration({ optionsJSON: options.body.options as Parameters<typeof startRegistration>[0]['optionsJSON'] })
      } catch (cause) {
        setError(ceremonyError(cause))
        return
      }
      const saved = await postStep(href('/account/passkeys'), { intent: 'add', name, response: JSON.stringify(response) })
      if (saved.ok !== true) {
        if (saved.ok === false) setError(saved.error)
        return
      }
      setAdded(name)
      form.reset()
      await revalidator.revalidate()
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={add} aria-label="Add a passkey">
      {error ? (
        <div role="alert">
          <p className="notice notice--danger">{error}</p>
        </div>
      ) : null}
      {added ? (
        <p className="notice notice--success" role="status">
          Passkey “{added}” added. You can sign in with it from now on.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={nameId}>Name for the new passkey</label>
        <p className="field-hint" id={`${nameId}-hint`}>
          So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”.
        </p>
        <input id={nameId} name="name" type="text" maxLength={60} required aria-describedby={`${nameId}-hint`} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        Add a passkey
      </button>
    </form>
  )
}

/** "Sign in with a passkey" on the sign-in page; the browser lists the passkeys it holds for Muster. */
export function PasskeySignIn({ redirectTo }: { redirectTo: string }) {
  const supported = useWebAuthnSupport()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!supported) return null

  async function signIn() {
    setBusy(true)
    setError(null)
    try {
      const options = await postStep(href('/sign-in/passkey'), { intent: 'options' })
      if (options.ok !== true) {
        if (options.ok === false) setError(options.error)
        return
      }
      let response
      try {
        response = await startAuthentication({ optionsJSON: options.body.options as Parameters<typeof startAuthentication>[0]['optionsJSON'] })
      } catch (cause) {
        setError(ceremonyError(cause))
        return
      }
      const signedIn = await postStep(href('/sign-in/passkey'), { intent: 'verify', response: JSON.stringify(response), redirectTo })
      if (signedIn.ok === false) setError(signedIn.error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack">
      {error ? (
        <div role="alert">
          <p className="notice notice--danger">{error}</p>
        </div>
      ) : null}
      <button type="button" className="button" onClick={signIn} disabled={busy}>
        Sign in with a passkey
      </button>
      <p className="muted">Or have a code sent to your email address:</p>
    </div>
  )
}
