// The Content-Security-Policy nonce of the response being rendered, for the scripts React
// Router writes. Empty in the browser, which hides nonces from the page anyway.
import { createContext, useContext } from 'react'

export const NonceContext = createContext('')

export function useNonce() {
  return useContext(NonceContext)
}
