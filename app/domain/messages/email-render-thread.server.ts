// The email render thread's script: the outbox worker posts each claimed row here and sends
// what comes back. Built on its own into build/server/email-render-thread.js
// (scripts/bundle-email-render-thread.ts); app/entry.server.tsx starts it when there is mail
// to render and lets it end once idle.
import type { RenderedOutboxContent, StoredOutboxContent } from '#app/lib/outbox.server.ts'
import { answerRequests } from '#app/lib/request-thread.server.ts'
import { renderQueuedEmail } from './render-queued-email.server.ts'

answerRequests<StoredOutboxContent, RenderedOutboxContent>(renderQueuedEmail)
