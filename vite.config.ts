import path from 'node:path'
import { reactRouter } from '@react-router/dev/vite'
import { defineConfig, type Plugin } from 'vite'
import { bundleEmailRenderThread } from './scripts/bundle-email-render-thread.ts'

/** Writes the email render thread's script beside the server build (docs/decisions/033-email-render-thread.md). */
function emailRenderThread(): Plugin {
  return {
    name: 'muster:email-render-thread',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    async writeBundle(output) {
      if (!output.dir) throw new Error('The server build has no output directory for the email render thread.')
      await bundleEmailRenderThread(path.join(output.dir, 'email-render-thread.js'))
    },
  }
}

export default defineConfig({
  plugins: [reactRouter(), emailRenderThread()],
  server: { port: 3000 },
})
