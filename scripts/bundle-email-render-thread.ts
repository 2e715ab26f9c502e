// Builds the email render thread's script (app/domain/messages/email-render-thread.server.ts)
// into one file beside the server build: a worker thread loads plain JavaScript, and React
// Router's build emits only the server's own entry. Packages stay imports of node_modules, as in
// the server build. Run by the build (vite.config.ts) and by the test of the thread.
import { build } from 'esbuild'

export const EMAIL_RENDER_THREAD_SOURCE = 'app/domain/messages/email-render-thread.server.ts'

export async function bundleEmailRenderThread(outfile: string) {
  await build({
    entryPoints: [EMAIL_RENDER_THREAD_SOURCE],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    logLevel: 'warning',
  })
}
