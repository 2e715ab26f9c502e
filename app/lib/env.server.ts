// Environment, validated once at boot. Only the values listed here exist for the app.
import { z } from 'zod'

export const DEFAULT_DATABASE_URL = 'file:./data/muster.db'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/i.test(url), {
      message: 'must be a SQLite file URL (file:./data/muster.db) or a postgresql:// URL',
    }),
  /// On SQLite, how long a write waits for another process that holds the file's write lock (a
  /// script, a backup) before it is answered "busy, try again". better-sqlite3 waits synchronously,
  /// so the server answers nothing else meanwhile: keep it as short as the longest such hold allows.
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(10_000),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /// Address the HTTP server listens on: loopback unless the operator opens it (0.0.0.0, ::).
  HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], { error: 'must be an IP address such as 127.0.0.1 or 0.0.0.0' }).default('127.0.0.1'),
  /// Public origin used in links in emails and calendars, e.g. https://events.example.org
  APP_URL: z.url().optional(),
  /// smtp(s)://user:pass@host:port; unset captures mail in the development mailbox.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Muster <no-reply@muster.localhost>'),
  /// Behind a reverse proxy: Express's "trust proxy" value (1, "loopback", an address list), so
  /// the client address and https come from X-Forwarded-* headers.
  TRUST_PROXY: z
    .string()
    .max(200)
    .optional()
    // Express reads a number as a count of proxies and a string as addresses ("1" would be an address).
    .transform((value) => (value && /^\d+$/.test(value) ? Number(value) : value === 'true' ? true : value || undefined)),
  /// Least severe log level written to stdout; tests default to silent.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' }).optional(),
  /// With mail captured, also serve the development mailbox to clients on other machines.
  DEV_MAILBOX_ALLOW_REMOTE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
})

const isLocalOrigin = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname)

const AppEnvSchema = EnvSchema.superRefine((value, context) => {
  // Without SMTP_URL mail is captured and readable on the development mailbox page, sign-in
  // codes included: acceptable on a local machine, never on a public address.
  if (!value.SMTP_URL && value.APP_URL && !isLocalOrigin(value.APP_URL)) {
    context.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message: `is required when APP_URL is public (${value.APP_URL}); without it, mail would be captured on a page anyone could read`,
    })
  }
}).transform((value) => ({
  ...value,
  APP_URL: value.APP_URL ?? `http://localhost:${value.PORT}`,
  /** Mail is captured (development mailbox) rather than sent. */
  mailCaptured: !value.SMTP_URL,
  LOG_LEVEL: value.LOG_LEVEL ?? (value.NODE_ENV === 'test' ? ('silent' as const) : ('info' as const)),
  mailboxAllowRemote: !value.SMTP_URL && value.DEV_MAILBOX_ALLOW_REMOTE === 'true',
}))

export type Env = z.infer<typeof AppEnvSchema>

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = AppEnvSchema.safeParse(source)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment:\n${problems.join('\n')}`)
  }
  return result.data
}

export const env = parseEnv(process.env)
