import { describe, expect, it } from 'vitest'
import { parseEnv } from '#app/lib/env.server.ts'

describe('parseEnv', () => {
  it('defaults to the embedded SQLite file, port 3000 and captured mail', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ DATABASE_URL: 'file:./data/muster.db', PORT: 3000, APP_URL: 'http://localhost:3000', mailCaptured: true })
  })

  it('listens on loopback and keeps the mailbox local unless told otherwise', () => {
    expect(parseEnv({})).toMatchObject({ HOST: '127.0.0.1', mailboxAllowRemote: false })
    expect(parseEnv({ HOST: '0.0.0.0', DEV_MAILBOX_ALLOW_REMOTE: 'true' })).toMatchObject({ HOST: '0.0.0.0', mailboxAllowRemote: true })
    // The opt-in means nothing once mail is really sent.
    expect(parseEnv({ SMTP_URL: 'smtp://mail:25', DEV_MAILBOX_ALLOW_REMOTE: 'true' }).mailboxAllowRemote).toBe(false)
    expect(() => parseEnv({ HOST: 'every interface' })).toThrow(/HOST: must be an IP address/)
    expect(() => parseEnv({ DEV_MAILBOX_ALLOW_REMOTE: 'yes' })).toThrow(/DEV_MAILBOX_ALLOW_REMOTE: must be true or false/)
  })

  it('reads TRUST_PROXY as Express does: a count of proxies, true, or addresses', () => {
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8')
    expect(parseEnv({}).TRUST_PROXY).toBeUndefined()
  })

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/muster' })).toThrow(/DATABASE_URL: must be a SQLite file URL/)
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must start with smtp/)
  })

  it('refuses to capture mail on a public address', () => {
    expect(() => parseEnv({ APP_URL: 'https://events.example.org' })).toThrow(/SMTP_URL: is required when APP_URL is public/)
    expect(parseEnv({ APP_URL: 'https://events.example.org', SMTP_URL: 'smtp://mail:25' }).mailCaptured).toBe(false)
    expect(parseEnv({ APP_URL: 'http://127.0.0.1:3000' }).mailCaptured).toBe(true)
  })
})
