import { useState } from 'react'
import { useBrowserValue } from '#app/lib/browser-value.ts'

/**
 * Copies `text` to the clipboard. It needs JavaScript and a secure context, so it appears
 * only once both are there; without it the text stays selectable next to it.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const available = useBrowserValue(() => window.isSecureContext && navigator.clipboard !== undefined, false)
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null)
  if (!available) return null

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setOutcome('copied')
    } catch {
      setOutcome('failed')
    }
  }
  return (
    <span className="copy-button">
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted">
        {outcome === 'copied' ? 'Copied.' : outcome === 'failed' ? 'Could not copy: select the address and copy it.' : ''}
      </span>
    </span>
  )
}
