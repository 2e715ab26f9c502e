// A real SMTP server inside the test process (no auth, no TLS) that keeps every message it
// accepts, for tests that deliver through nodemailer end to end.
import net from 'node:net'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { raw: string; recipients: string[] }

export type SmtpSink = {
  port: number
  url: string
  received: ReceivedMail[]
  stop(): Promise<void>
}

/** Starts a sink on `port` (a free one by default). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Stop promptly even if a client still holds a connection open.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address) })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('The SMTP sink has no TCP address')
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A local port nothing listens on (until a sink is started there). */
export async function findFreePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('No free port found')
  return address.port
}

/** The value of a header in a raw message (first occurrence, unfolded). */
export function rawHeader(raw: string, name: string): string | null {
  const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ')
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line ? line.slice(name.length + 1).trim() : null
}
