// Only same-site paths may be used as a redirect target after sign-in: never another origin.
export function safeRedirectPath(target: string | null | undefined, fallback = '/') {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback
  try {
    const url = new URL(target, 'http://muster.invalid')
    if (url.origin !== 'http://muster.invalid') return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
