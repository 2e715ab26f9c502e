// Values only the browser knows (whether the page's JavaScript runs, the clipboard, WebAuthn,
// the viewer's time zone). The server's HTML and the hydrating render use the server value, so
// the markup matches; the browser's value follows at once. Read through useSyncExternalStore
// rather than set in an effect: no extra render on later mounts, and React's rules hold
// (https://react.dev/learn/you-might-not-need-an-effect).
import { useSyncExternalStore } from 'react'

// None of these values change while the page is open: nothing to subscribe to.
const neverChanges = () => () => {}

/** `serverValue` on the server and while hydrating, `read()` in the browser. `read` returns a primitive (compared with Object.is). */
export function useBrowserValue<T extends string | number | boolean | null>(read: () => T, serverValue: T): T {
  return useSyncExternalStore(neverChanges, read, () => serverValue)
}

/** False on the server and while hydrating, true once the page's JavaScript runs. */
export function useHydrated() {
  return useBrowserValue(() => true, false)
}
