// Reads queued outbox messages as their recipients will get them: each row rendered by
// renderQueuedEmail, the function the outbox worker delivers with.
import type { Db } from '#app/lib/db-client.server.ts'
import { renderQueuedEmail } from '#app/domain/messages/queued-email.server.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'

export async function findQueuedEmails(
  db: Db,
  args: { where: Prisma.OutboxMessageWhereInput; orderBy?: Prisma.OutboxMessageOrderByWithRelationInput | Prisma.OutboxMessageOrderByWithRelationInput[] },
) {
  const rows = await db.outboxMessage.findMany({
    ...args,
    select: {
      id: true,
      idempotencyKey: true,
      kind: true,
      userId: true,
      toEmail: true,
      status: true,
      nextAttemptAt: true,
      createdAt: true,
      template: true,
      payload: true,
      subject: true,
      html: true,
      text: true,
      icsMethod: true,
      icsContent: true,
    },
  })
  return Promise.all(
    rows.map(async ({ template: _template, payload: _payload, ...row }) => {
      const rendered = await renderQueuedEmail({ ...row, template: _template, payload: _payload })
      return { ...row, html: rendered.html, text: rendered.text, icsContent: rendered.invite?.ics ?? null }
    }),
  )
}

export async function findQueuedEmail(db: Db, args: Parameters<typeof findQueuedEmails>[1]) {
  const [first] = await findQueuedEmails(db, args)
  if (!first) throw new Error(`No queued email matches ${JSON.stringify(args.where)}`)
  return first
}
