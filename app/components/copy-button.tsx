import { useEffect, useState } from 'react'

/**
 * Copies `text` to the clipboard. It needs JavaScript and a secure context, so it appears
 * only once both are there; without it the text stays selectable next to it.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [available, setAvailable] = useState(false)
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null)
  useEffect(() => {
    setAvailable(window.isSecureContext && navigator.clipboard !== undefined)
  }, [])
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
