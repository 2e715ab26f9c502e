// Only same-site paths may be used as a redirect target after sign-in: never another origin.
export function safeRedirectPath(target: string | null | undefined, fallback = '/') {
  if (!target || target.length > 2_000 || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback
  // The URL parser drops tabs and line breaks, which would let "/\t/evil.example" through.
  // eslint-disable-next-line no-control-regex -- refusing control characters is this pattern's purpose
  if (/[\u0000-\u001f\u007f]/.test(target)) return fallback
  try {
    const url = new URL(target, 'http://muster.invalid')
    if (url.origin !== 'http://muster.invalid') return fallback
    const path = `${url.pathname}${url.search}${url.hash}`
    // Dot segments collapse when parsed: "/.//evil.example" becomes "//evil.example", which a
    // browser reads as another host. The normalised path is what the browser will follow.
    if (path.startsWith('//') || path.startsWith('/\\')) return fallback
    return path
  } catch {
    return fallback
  }
}
